"""Issue 13 (part A): the profile's own sentences (fraser), other bodies' profiles (profiler),
forms read column by column (skjemafelt, kolonnevis), the signing blocks and a møtebok of
sakspapir — each on the Fjordvik repository, asserting the line a reader sees, and the exact
diagnostic of a mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from kvk.cli import app
from kvk.diagnostics import RepositoryError
from kvk.render import Options, render_agenda, render_minutes
from kvk.repository import Repository

MEETING = "2009-11-18-formannskapet"
MEETING_FILE = "data/moter/2009/2009-11-18-formannskapet.yaml"


def _write_profile(repo: Path, profile: str) -> None:
    (repo / "kvk.yaml").write_text("organisasjon: Fjordvik kommune\nmaalform: nb\n" + profile, encoding="utf-8")


def _with_profile(repo: Path, profile: str) -> Repository:
    _write_profile(repo, profile)
    return Repository.open(explicit=str(repo))


def _edit(repo: Path, rel: str, old: str, new: str) -> None:
    path = repo / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _item(text: str, start: str, end: str | None = None) -> str:
    part = text[text.index(start):]
    return part[:part.index(end)] if end else part


# --- fraser: the document's own sentences ------------------------------------------------------

def test_without_fraser_the_sentences_are_kvks(fjordvik):
    text = render_minutes(_with_profile(fjordvik, ""), MEETING, Options())
    assert "**Votering over forslag A:** Falt med 3 mot 4 stemmer." in text
    assert "**Utsettelsesforslag A fra Ola Dahl (FrP):**" in text


def test_fraser_word_the_votes_and_the_proposals(fjordvik):
    repo = _with_profile(fjordvik, """\
presentasjon:
  fraser:
    nb:
      falt_med: 'Forslaget falt ({for} for, {mot} mot).'
      enstemmig_vedtatt: Vedtaket var enstemmig.
      forslag_setning: '{fremmet_av} fremmet forslag om at {tekst}'
    nn:
      enstemmig_vedtatt: Vedtaket var samrøystes.
""")
    text = render_minutes(repo, MEETING, Options())
    assert "**Votering over forslag A:** Forslaget falt (3 for, 4 mot)." in text
    assert "Ola Dahl fremmet forslag om at Saken utsettes til budsjettbehandlingen.\n" in text
    assert "**Utsettelsesforslag A fra Ola Dahl (FrP):**" not in text
    assert "Vedtaket var enstemmig." in _item(text, "## PS 45/09", "## PS 46/09")
    assert "Vedtaket var samrøystes." in render_minutes(repo, MEETING, Options(maalform="nn"))


def test_a_natural_sentence_is_the_whole_line_and_names_what_was_voted_on(fjordvik):
    # 16 Fyresdal: "Innstilling frå kommunedirektøren: samrøystes vedteke."
    repo = _with_profile(fjordvik, """\
presentasjon:
  votering: {setning: naturlig}
  etiketter: {nb: {forslag_fra: 'forslag fra {navn}'}}
  fraser:
    nb:
      votering_falt_med: 'Votering vedr. {over}; {mot} stemte mot forslaget og {for} stemte for - forslaget falt.'
""")
    text = render_minutes(repo, MEETING, Options())
    assert ("Votering vedr. forslag fra Ola Dahl (FrP); 4 stemte mot forslaget og 3 stemte for - forslaget falt.\n"
            in text)


def test_an_item_without_proposals_says_so_and_headings_stand_alone(fjordvik):
    _edit(fjordvik, MEETING_FILE, "    type: godkjenning\n", "    type: godkjenning\n    forslag: ingen\n")
    plain = render_minutes(_with_profile(fjordvik, ""), MEETING, Options())
    assert "Det ble ikke fremmet forslag.\n" in _item(plain, "## PS 45/09", "## PS 46/09")
    repo = _with_profile(fjordvik, """\
presentasjon:
  sak:
    blokker: [{etikett: Behandling}, forslag, {etikett: Vedtak}, votering, vedtak]
  fraser: {nb: {ingen_forslag: Det ble ikke fremmet forslag under behandlingen av saken}}
""")
    item = _item(render_minutes(repo, MEETING, Options()), "## PS 45/09", "## PS 46/09")
    assert ("**Behandling**\n\nDet ble ikke fremmet forslag under behandlingen av saken\n\n**Vedtak**\n\n"
            "**Votering:** Enstemmig vedtatt.") in item


def _render_error(runner, repo: Path) -> str:
    result = runner.invoke(app, ["render-minutes", MEETING, "--repo", str(repo)])
    assert result.exit_code == 2, result.output
    return result.stderr.strip()


def test_an_unknown_phrase_is_refused_with_the_closest_key(runner, fjordvik):
    _write_profile(fjordvik, "presentasjon:\n  fraser:\n    nb:\n      enstemmig_vedtat: Enstemmig.\n")
    assert _render_error(runner, fjordvik) == (
        "kvk: kvk.yaml:6:7: error KVK013 unknown field 'enstemmig_vedtat' (did you mean 'enstemmig_vedtatt'?)")


def test_a_phrase_with_a_value_it_does_not_have_is_refused(runner, fjordvik):
    _write_profile(fjordvik, "presentasjon:\n  fraser:\n    nb:\n      underskrivere: '{navn} skriver under.'\n")
    assert _render_error(runner, fjordvik) == (
        "kvk: kvk.yaml:6:22: error KVK013 presentasjon.fraser.nb.underskrivere: '{navn}' is not a value here "
        "(the values are {navn_liste})")


def test_a_head_row_with_neither_value_nor_label_is_refused(runner, fjordvik):
    _write_profile(fjordvik, "presentasjon:\n  sak:\n    blokker: [{format: x}]\n")
    assert _render_error(runner, fjordvik) == (
        "kvk: kvk.yaml:5:15: error KVK013 presentasjon.sak.blokker[0]: a head row prints a value (felt) or a "
        "label (etikett): give at least one of them")


# --- the signing block -------------------------------------------------------------------------

def test_the_signing_block_and_the_remarks_on_the_notice(fjordvik):
    # 01 Gratangen: "Underskrifter:", the formula, "Gratangen,", who signs, no remarks
    _edit(fjordvik, MEETING_FILE, "signatur:\n", "underskrivere: [per-hansen, liv-berg, jon-moe]\n"
          "merknader_til_innkalling: ingen\ndokumentsted: Fjordvik\nsignatur:\n")
    repo = _with_profile(fjordvik, """\
presentasjon:
  protokoll:
    blokker: [moetedata, underskrifter, sted_dato, underskrivere, merknader_til_innkalling, saker]
""")
    text = render_minutes(repo, MEETING, Options())
    assert ("**Underskrifter:**\n\nVi bekrefter med våre underskrifter at protokollen er ført i samsvar med det "
            "som ble bestemt på møtet.\n\nFjordvik,\n\nPer Hansen, Liv Berg og Jon Moe ble valgt til å skrive "
            "under protokollen.\n\nDet var ingen merknader til innkallingen.\n") in text
    nn = render_minutes(repo, MEETING, Options(maalform="nn"))
    assert "Per Hansen, Liv Berg og Jon Moe vart valde til å skrive under protokollen." in nn


def test_who_signs_as_a_head_row(fjordvik):
    # 06 Gloppen: "Underskrifter: Anders Ryssdal"
    repo = _with_profile(fjordvik, """\
presentasjon:
  protokoll:
    blokker: [{felt: signatur, etikett: 'Underskrifter:'}, saker]
""")
    assert "**Underskrifter:** Kari Nordmann, Tone Aas\n" in render_minutes(repo, MEETING, Options())


# --- a form read column by column --------------------------------------------------------------

def test_skjemafelt_prints_the_labels_then_the_values(fjordvik):
    repo = _with_profile(fjordvik, """\
presentasjon:
  protokoll:
    blokker:
    - skjemafelt:
      - {felt: utvalg, etikett: 'Utvalg:'}
      - {felt: moeteleder, etikett: 'Møteleder:'}
      - {felt: andre.diverse, etikett: 'Diverse:', tom: vis}
      - {felt: administrasjon, etikett: 'Fra adm. møtte:'}
    - saker
""")
    text = render_minutes(repo, MEETING, Options())
    assert ("**Utvalg:**\n\n**Møteleder:**\n\n**Diverse:**\n\n**Fra adm. møtte:**\n\nFormannskapet\n\n"
            "Kari Nordmann\n\nRådmann Siri Holm\nKonsulent Tone Aas\n") in text


def test_attendance_column_by_column_and_an_empty_table_the_form_keeps(fjordvik):
    repo = _with_profile(fjordvik, """\
presentasjon:
  deltakere:
    grupper:
    - velg: {inhabil: ja}
      form: kolonnevis
      kolonner: [navn]
      overskrift_rad: [Ugilde]
    - velg: {oppmoete: moett, kategori: [fast_medlem, ikke_oppgitt]}
      form: kolonnevis
      kolonner: [navn, representerer]
      overskrift_rad: ['Desse medlemmene møtte:', Parti]
    - velg: {oppmoete: ikke_moett}
      form: tabell
      tom: vis
      overskrift_rad: [Møtte ikkje, Parti]
""")
    text = render_minutes(repo, MEETING, Options())
    assert ("Ugilde\n\nLiv Berg\n\nDesse medlemmene møtte:\n\nKari Nordmann\n\nPer Hansen\n\nOla Dahl\n\n"
            "Anne Lie\n\nJon Moe\n\nParti\n\nAp\n\nH\n\nFrP\n\nSV\n\nAp\n\n") in text
    assert "| Møtte ikkje | Parti |\n|---|---|\n\n" in text


def test_a_sakliste_column_by_column_with_a_line_under_its_heading(fjordvik):
    # 15 Nesset: "Råd for eldre og funksjonshemma,", "Utvalgssaksnr", "PS 6/19" …, "Unntatt offentlighet"
    _edit(fjordvik, MEETING_FILE, "    sak: 2009/530\n", "    sak: 2009/530\n    skjerming: {hjemmel: offl. § 25}\n")
    repo = _with_profile(fjordvik, """\
presentasjon:
  saksliste:
    form: kolonnevis
    underoverskrift: '{utvalg}, {dato}'
    kolonner: [nr, unntatt]
  protokoll: {blokker: [saksliste]}
""")
    text = render_minutes(repo, MEETING, Options())
    assert ("## Saksliste\n\nFormannskapet, 18.11.2009\n\n**Saksnr**\n\nPS 45/09\n\nPS 46/09\n\nPS 47/09\n\n"
            "PS 48/09\n\n**Unntatt offentlighet**\n\noffl. § 25\n") in text


# --- a møtebok of sakspapir; the full sakskart's headings -----------------------------------------

def test_a_moetebok_of_sakspapir_prints_each_items_papers_before_its_treatment(fjordvik):
    repo = _with_profile(fjordvik, """\
presentasjon:
  protokoll: {blokker: [saker], saksdokumenter: ja}
  sak:
    overskrift: ''
    blokker: [{felt: utvalg, format: '{utvalg} {nr}', versaler: ja}, vedtak]
""")
    text = render_minutes(repo, MEETING, Options())
    item = _item(text, "# Bygging av ny flerbrukshall", "FORMANNSKAPET PS 47/09")
    assert item.index("Rådmannens innstilling") < item.index("FORMANNSKAPET PS 46/09\n\n**VEDTAK:**\n\n1. Fjordvik")
    assert "## PS 46/09" not in text


def test_the_full_sakskart_can_head_an_item_without_papers(fjordvik):
    repo = _with_profile(fjordvik, "presentasjon:\n  innkalling: {saksdokumenter: ja, saksdokumenter_overskrift: alltid}\n")
    text = render_agenda(repo, MEETING, Options())
    papers = text[text.index("**SAKSFRAMLEGG**"):]
    assert text.index("## PS 45/09: Godkjenning av protokoll fra møte 28.10.2009\n", text.index("| PS 48/09")) < \
        text.index("**SAKSFRAMLEGG**")
    assert "## PS 48/09: Søknad om skjenkebevilling, Kaikanten AS\n" in papers


# --- profiler: another body's profile and målform -------------------------------------------------

def _other_body(repo: Path, profil: str = "fylket") -> None:
    """The previous meeting belongs to a body of the county, with its own profile and målform,
    and its protokoll is attached to PS 45/09."""
    _edit(repo, "data/organisasjon.yaml", "utvalg:\n", "utvalg:\n  - {id: fylkesraadet, navn: Fylkesrådet, "
          f"type: raad, maalform: nn, profil: {profil}}}\n")
    _edit(repo, MEETING_FILE, "    type: godkjenning\n", "    type: godkjenning\n    vedlegg:\n"
          "      - {tittel: Protokoll frå fylkesrådet, moete: 2009-10-28-fylkesraadet}\n")
    (repo / "data/moter/2009/2009-10-28-fylkesraadet.yaml").write_text("""\
utvalg: fylkesraadet
moetedato: 2009-10-28
moetested: Fylkeshuset
moetenummer: 1/2009
dokumenttype: moeteprotokoll
saker:
  - {nr: PS 1/09, tittel: Budsjett, votering: {enstemmig: ja, resultat: vedtatt}, vedtak: Budsjettet vert vedteke.}
""", encoding="utf-8")


PROFILER = """\
presentasjon:
  innkalling: {saksdokumenter: ja}
profiler:
  fylket:
    brevhode: {dokumentnavn_versaler: nei}
    protokoll:
      blokker: [{felt: moetested, etikett: 'Møtestad:'}, {felt: moetenummer, etikett: 'Protokoll nr:'}, saker]
"""


def test_a_bodys_own_profile_and_maalform_alone_and_embedded(fjordvik):
    _other_body(fjordvik)
    repo = _with_profile(fjordvik, PROFILER)
    alone = render_minutes(repo, "2009-10-28-fylkesraadet", Options())
    assert "**Møteprotokoll**\n\n**Møtestad:** Fylkeshuset\n\n**Protokoll nr:** 1/2009\n\n" in alone
    assert "**Votering:** Samrøystes vedteke." not in alone  # nynorsk: "Røysting"
    assert "**Røysting:** Samrøystes vedteke." in alone and "# Protokoll" not in alone
    agenda = render_agenda(repo, MEETING, Options())
    embedded = agenda[agenda.index("**Møteprotokoll**"):]
    assert "**Møtestad:** Fylkeshuset\n\n**Protokoll nr:** 1/2009" in embedded
    assert "**Røysting:** Samrøystes vedteke." in embedded
    assert "**Utvalg:** Formannskapet" in agenda  # the notice itself keeps the repository's profile
    html = render_agenda(repo, MEETING, Options(fmt="html"))
    assert html.count("<html") == 1 and "Protokoll nr:" in html and 'lang="nb"' in html


def test_a_body_naming_a_profile_kvk_yaml_does_not_have_is_kvk309(fjordvik):
    _other_body(fjordvik, profil="fylke")
    repo = _with_profile(fjordvik, PROFILER)
    with pytest.raises(RepositoryError) as err:
        render_minutes(repo, "2009-10-28-fylkesraadet", Options())
    d = err.value.diagnostics[0]
    assert (d.code, d.path, d.line) == ("KVK309", "data/organisasjon.yaml", 13)
    assert d.message == ("utvalg 'fylkesraadet' names profile 'fylke', which kvk.yaml's profiler does not have "
                         "(did you mean 'fylket'?)")


def test_without_profiler_a_bodys_profil_names_nothing_yet(fjordvik):
    _other_body(fjordvik)
    repo = _with_profile(fjordvik, "")
    text = render_minutes(repo, "2009-10-28-fylkesraadet", Options())
    # the repository's own profile, in the body's målform
    assert "# Protokoll frå møte i fylkesrådet 28. oktober 2009\n\n**Utval:** Fylkesrådet" in text


def test_a_profile_names_are_checked_in_kvk_yaml(runner, fjordvik):
    _write_profile(fjordvik, "profiler:\n  Fylket: {preset: tabell}\n")
    assert _render_error(runner, fjordvik) == (
        "kvk: kvk.yaml:4:11: error KVK013 profiler.Fylket: 'Fylket' is not a profile name: lower-case letters, "
        "digits, - and _ (a body names it: profil: Fylket)")


def test_a_saksprotokoll_has_its_own_name_and_block_order(fjordvik):
    # 16 Fyresdal: one item's protocol, the item alone under the letterhead
    _edit(fjordvik, MEETING_FILE, "dokumenttype: moeteprotokoll\n", "dokumenttype: saksprotokoll\n")
    repo = _with_profile(fjordvik, "presentasjon:\n  saksprotokoll: {blokker: [saker]}\n")
    text = render_minutes(repo, MEETING, Options())
    assert text.startswith("Fjordvik kommune\n\n**SAKSPROTOKOLL**\n\n## PS 45/09: Godkjenning av protokoll")
    # without its own order it keeps the protokoll's
    assert "**Utvalg:** Formannskapet" in render_minutes(_with_profile(fjordvik, ""), MEETING, Options())
