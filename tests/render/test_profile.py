"""The presentation profile: its formats, presets, overrides and the mistakes kvk.yaml can hold."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kvk.cli import app
from kvk.diagnostics import RepositoryError
from kvk.models.config import Config
from kvk.render import Options, render_minutes
from kvk.render.formats import fmt_date, fmt_item_nr, fmt_saksnr, fmt_time
from kvk.render.profile import KVK, PRESETS, Profile, check_labels, preset
from kvk.repository import Repository

MEETING = "2009-11-18-formannskapet"


# --- formats -----------------------------------------------------------------------------------

@pytest.mark.parametrize("pattern,maalform,expected", [
    ("dd.mm.yyyy", "nb", "19.02.2009"),
    ("dd.mm.yy", "nb", "19.02.09"),
    ("Ukedag d. mmmm yyyy", "nb", "Torsdag 19. februar 2009"),
    ("ukedag d. mmmm yyyy", "nn", "torsdag 19. februar 2009"),
    ("yyyy-mm-dd", "nb", "2009-02-19"),
    ("d.m.yy", "nb", "19.2.09"),
])
def test_dates(pattern, maalform, expected):
    assert fmt_date(date(2009, 2, 19), pattern, maalform) == expected


@pytest.mark.parametrize("pattern,expected", [("HH:MM", "09:05"), ("H:MM", "9:05"), ("HH.MM", "09.05"),
                                              ("HH:MM:SS", "09:05:00")])
def test_times(pattern, expected):
    assert fmt_time(time(9, 5), pattern) == expected


@pytest.mark.parametrize("saksnr,pattern,expected", [
    ("2011/135", "yy/n", "11/135"),
    ("2009/35", "nnn/yyyy", "035/2009"),
    ("2018/113", "yy/nnnnn", "18/00113"),
    ("2011/135", None, "2011/135"),
])
def test_saksnr(saksnr, pattern, expected):
    assert fmt_saksnr(saksnr, pattern) == expected


@pytest.mark.parametrize("nr,pattern,expected", [
    ("PS 30/09", "nnn/yy", "030/09"),
    ("30/09", "P n/yy", "30/09"),
    ("PS 30/09", "P n/yy", "PS 30/09"),
    ("30/2009", "[Sak] n/yy", "Sak 30/09"),
    ("PS 30/09", "n/yyyy", "30/2009"),
    ("Eventuelt", "nnn/yy", "Eventuelt"),  # not a number: as written
    ("/13", "nnn/yy", "/13"),  # a partly stated number keeps its blank
])
def test_item_numbers(nr, pattern, expected):
    assert fmt_item_nr(nr, pattern) == expected


@given(st.integers(1, 9999), st.integers(1990, 2060))
def test_item_numbers_round_trip_through_the_long_form(loepenr, year):
    short = f"{loepenr}/{year % 100:02d}"
    assert fmt_item_nr(short, "n/yyyy") == f"{loepenr}/{year}"
    assert fmt_item_nr(f"{loepenr}/{year}", "n/yy") == short


# --- presets and overrides ---------------------------------------------------------------------

def test_every_preset_has_every_key_of_kvk():
    def keys(d, prefix=""):
        out = set()
        for k, v in d.items():
            out.add(prefix + k)
            if isinstance(v, dict) and k != "etiketter":
                out |= keys(v, prefix + k + ".")
        return out
    for name in PRESETS:
        assert keys(preset(name)) == keys(KVK), name


def test_an_override_changes_one_key_and_keeps_the_presets_others():
    config = Config.model_validate({"organisasjon": "X", "presentasjon": {
        "preset": "tabell", "formater": {"dato": "dd.mm.yy"}, "sak": {"overskrift": "{nr} – {tittel}"}}})
    profile = Profile.of(config)
    assert profile.fmt("dato") == "dd.mm.yy"
    assert profile.fmt("klokkeslett") == "HH:MM"  # the preset's
    assert profile.get("sak", "overskrift") == "{nr} – {tittel}"
    assert profile.get("deltakere", "form") == "tabell"


def test_innstilling_plassering_stays_a_shorthand():
    old = Config.model_validate({"organisasjon": "X", "innstilling_plassering": "topp"})
    assert Profile.of(old).get("saksframlegg", "innstilling_plassering") == "topp"
    both = Config.model_validate({"organisasjon": "X", "innstilling_plassering": "topp",
                                  "presentasjon": {"saksframlegg": {"innstilling_plassering": "begge"}}})
    assert Profile.of(both).get("saksframlegg", "innstilling_plassering") == "begge"


def test_a_label_override_applies_in_its_maalform_only():
    config = Config.model_validate({"organisasjon": "X", "presentasjon": {
        "etiketter": {"nb": {"saksframlegg": "Saksfremlegg"}}}})
    profile = Profile.of(config)
    assert profile.t("saksframlegg", "nb") == "Saksfremlegg"
    assert profile.t("saksframlegg", "nn") == "Saksframlegg"


def _with_profile(repo: Path, profile: str) -> Repository:
    (repo / "kvk.yaml").write_text("organisasjon: Fjordvik kommune\nmaalform: nb\ninnstilling_plassering: begge\n"
                                   + profile, encoding="utf-8")
    return Repository.open(explicit=str(repo))


def test_formats_and_labels_reach_the_minutes(fjordvik):
    repo = _with_profile(fjordvik, """\
presentasjon:
  formater: {dato: dd.mm.yy, klokkeslett: "HH:MM", klokkeslett_prefiks: "kl. ", tidsrom: "{start}-{slutt}",
             utvalgssaksnr: {overskrift: nnn/yy}}
  etiketter: {nb: {moetested: Stad, tid: Møtetid}}
  brevhode: {versaler: ja}
  sak: {overskrift: "{nr} {tittel}"}
""")
    text = render_minutes(repo, MEETING, Options())
    assert text.startswith("FJORDVIK KOMMUNE\n")
    assert "**Dato:** 18.11.09" in text
    assert "**Møtetid:** kl. 09:00-14:30" in text
    assert "**Stad:** Fjordvik rådhus" in text
    assert "## 045/09 Godkjenning av protokoll fra møte 28.10.2009" in text


def test_block_order_puts_the_vedtak_before_the_discussion_and_the_sakliste_in_the_minutes(fjordvik):
    repo = _with_profile(fjordvik, """\
presentasjon:
  protokoll: {blokker: [tittel, moetedata, saksliste, deltakere, saker, signatur]}
  sak: {blokker: [hode, vedtak, behandling, forslag, votering]}
""")
    text = render_minutes(repo, MEETING, Options())
    assert text.index("## Saksliste") < text.index("**Til stede:**")
    item = text[text.index("## PS 48/09"):]
    assert item.index("**VEDTAK:**") < item.index("Liv Berg ba om")


def test_head_rows_of_an_item(fjordvik):
    repo = _with_profile(fjordvik, "presentasjon:\n  sak: {hode: [arkivsaksnr, saksbehandler, arkivkode]}\n")
    text = render_minutes(repo, MEETING, Options())
    item = text[text.index("## PS 46/09"):text.index("## PS 47/09")]
    assert "Arkivsaksnr.: 2009/512\n\nSaksbehandler: Siri Holm" in item


def test_running_item_numbers(fjordvik):
    repo = _with_profile(fjordvik, "presentasjon:\n  sak: {nummerering: loepende}\n")
    text = render_minutes(repo, MEETING, Options())
    assert "## Sak 1: Godkjenning av protokoll fra møte 28.10.2009" in text
    assert "## Sak 2: Bygging av ny flerbrukshall" in text


# --- mistakes in kvk.yaml ----------------------------------------------------------------------

def _check(runner, repo: Path):
    return runner.invoke(app, ["render-minutes", MEETING, "--repo", str(repo)])


@pytest.mark.parametrize("profile,needle", [
    ("presentasjon:\n  formater: {datoo: dd.mm.yy}\n", "unknown field 'datoo' (did you mean 'dato'?)"),
    ("presentasjon:\n  preset: tabel\n", "(did you mean 'tabell'?)"),
    ("presentasjon:\n  formater: {dato: dd.mm.åå}\n", "'å' is not a pattern letter of a date"),
    ("presentasjon:\n  sak: {overskrift: \"{nummer} {tittel}\"}\n", "'{nummer}' is not a value here"),
    ("presentasjon:\n  deltakere:\n    grupper:\n    - {etikett: A, velj: {oppmoete: moett}}\n",
     "unknown field 'velj' (did you mean 'velg'?)"),
    ("presentasjon:\n  deltakere:\n    grupper:\n    - {etikett: A, velg: {oppmoete: moet}}\n", "'moet'"),
    ("presentasjon:\n  innkalling: {saksdokumenter: kanskje}\n", "kanskje"),
])
def test_a_bad_profile_is_a_usage_error_at_its_place(runner, fjordvik, profile, needle):
    (fjordvik / "kvk.yaml").write_text("organisasjon: Fjordvik kommune\n" + profile, encoding="utf-8")
    result = _check(runner, fjordvik)
    assert result.exit_code == 2, result.output
    assert "kvk.yaml:" in result.stderr and "KVK013" in result.stderr
    assert needle in result.stderr


def test_unknown_label_key_is_kvk309_with_the_closest_key(runner, fjordvik):
    (fjordvik / "kvk.yaml").write_text(
        "organisasjon: Fjordvik kommune\npresentasjon:\n  etiketter:\n    nb:\n      moetestad: Stad\n",
        encoding="utf-8")
    result = _check(runner, fjordvik)
    assert result.exit_code == 2, result.output
    assert "kvk.yaml:5:7: error KVK309" in result.stderr
    assert "unknown label 'moetestad' (did you mean 'moetested'?)" in result.stderr


def test_a_label_with_a_value_it_does_not_have_is_kvk309(fjordvik):
    (fjordvik / "kvk.yaml").write_text(
        "organisasjon: Fjordvik kommune\npresentasjon:\n  etiketter: {nb: {vedtatt_med: 'Vedtatt {for_}-{imot}.'}}\n",
        encoding="utf-8")
    repo = Repository.open(explicit=str(fjordvik))
    with pytest.raises(RepositoryError) as err:
        render_minutes(repo, MEETING, Options())
    assert "'{imot}' is not a value of this label" in err.value.diagnostics[0].message


def test_check_labels_is_quiet_for_a_good_profile():
    config = Config.model_validate({"organisasjon": "X", "presentasjon": {"etiketter": {"nn": {"moetested": "Stad"}}}})
    assert check_labels(config, None) == []


def test_the_skjema_preset(fjordvik):
    repo = _with_profile(fjordvik, "presentasjon:\n  preset: skjema\n")
    text = render_minutes(repo, MEETING, Options())
    assert text.startswith("FJORDVIK KOMMUNE\n")
    assert "Av 7 medlemmer møtte 7" in text  # six members and the vara who met for Eva Strand
    assert text.index("## Saksliste") < text.index("## 045/09 Godkjenning av protokoll")
    assert "| 046/09 | 09/512 | Bygging av ny flerbrukshall |" in text
    item = text[text.index("## 046/09 Bygging av ny flerbrukshall"):text.index("## 047/09")]
    assert item.index("Arkivsaksnr.: 09/512") < item.index("Saksbehandler: Siri Holm")
    assert item.index("**VEDTAK:**") < item.index("**Utsettelsesforslag A")  # the vedtak first
    assert "| Ola Dahl | Medlem | FrP |" in text


# --- the full sakskart (innkalling.saksdokumenter) ----------------------------------------------

def test_the_full_sakskart_embeds_each_items_saksframlegg_after_the_notice(fjordvik):
    from kvk.render import render_agenda

    repo = _with_profile(fjordvik, "presentasjon:\n  innkalling: {saksdokumenter: ja}\n")
    text = render_agenda(repo, MEETING, Options())
    notice_end = text.index("## Saksliste")
    paper = text[text.index("# Bygging av ny flerbrukshall"):]
    assert notice_end < text.index("# Bygging av ny flerbrukshall")
    assert "Saksbehandler: Siri Holm" in paper
    assert "- 1 Mulighetsstudie for flerbrukshall, 15.09.2009" in paper
    assert "Idrettsrådet har i flere år meldt behov for en ny hall." in paper
    assert "Rådmannen mener hallen bør bygges i 2011." in paper
    # the profile's default says nothing of it: the seed's agenda stays as it was
    plain = render_agenda(_with_profile(fjordvik, ""), MEETING, Options())
    assert "Idrettsrådet har i flere år" not in plain


def test_the_full_sakskart_in_the_public_variant_keeps_every_secret(fjordvik):
    from kvk.render import render_agenda

    repo = _with_profile(fjordvik, "presentasjon:\n  innkalling: {saksdokumenter: ja}\n")
    for fmt in ("md", "html"):
        text = render_agenda(repo, MEETING, Options(fmt=fmt, public=True))
        assert "Idrettsrådet har i flere år" in text  # the open case's papers are there
        assert "38,5 millioner" not in text and "Tilbud fra entreprenør" not in text
        assert "Søker nr. 3" not in text and "Nordli sykehjem" not in text  # the closed item's case


def test_the_full_sakskart_in_html_is_one_document(fjordvik):
    from kvk.render import render_agenda

    repo = _with_profile(fjordvik, "presentasjon:\n  innkalling: {saksdokumenter: ja}\n")
    text = render_agenda(repo, MEETING, Options(fmt="html"))
    assert text.count("<html") == 1 and text.count("</body>") == 1
    assert '<section class="sakspapir ny-side">' in text
    assert "Rådmannen mener hallen bør bygges i 2011." in text


def _attach_previous_minutes(repo: Path, skjermet: bool = False) -> None:
    meeting = repo / "data/moter/2009/2009-11-18-formannskapet.yaml"
    text = meeting.read_text(encoding="utf-8")
    secret = "\n        skjerming: {hjemmel: offl. § 13}" if skjermet else ""
    text = text.replace("    type: godkjenning\n", "    type: godkjenning\n    vedlegg:\n"
                        "      - tittel: Protokoll fra møte 28.10.2009\n"
                        f"        moete: 2009-10-28-formannskapet{secret}\n", 1)
    meeting.write_text(text, encoding="utf-8")
    (repo / "data/moter/2009/2009-10-28-formannskapet.yaml").write_text("""\
utvalg: formannskapet
moetedato: 2009-10-28
dokumenttype: moeteprotokoll
saker:
  - nr: PS 40/09
    tittel: Reguleringsplan for Sjøgata
    vedtak: Planen vedtas slik den foreligger.
""", encoding="utf-8")


def test_the_full_sakskart_prints_an_attached_protokoll_after_its_items_papers(fjordvik):
    from kvk.render import render_agenda

    _attach_previous_minutes(fjordvik)
    repo = _with_profile(fjordvik, "presentasjon:\n  innkalling: {saksdokumenter: ja}\n")
    text = render_agenda(repo, MEETING, Options())
    paper = text.index("Protokoll fra møte 28.10.2009\n", text.index("**SAKSPAPIR**"))
    minutes = text.index("## PS 40/09: Reguleringsplan for Sjøgata")
    assert paper < minutes < text.index("# Bygging av ny flerbrukshall")
    assert "Planen vedtas slik den foreligger." in text[minutes:]
    html = render_agenda(repo, MEETING, Options(fmt="html"))
    assert html.count("<html") == 1 and "Planen vedtas slik den foreligger." in html


def test_a_skjermet_attached_protokoll_stays_out_of_the_public_sakskart(fjordvik):
    from kvk.render import render_agenda

    _attach_previous_minutes(fjordvik, skjermet=True)
    repo = _with_profile(fjordvik, "presentasjon:\n  innkalling: {saksdokumenter: ja}\n")
    assert "Planen vedtas slik" in render_agenda(repo, MEETING, Options())
    for fmt in ("md", "html"):
        assert "Planen vedtas slik" not in render_agenda(repo, MEETING, Options(fmt=fmt, public=True))


# --- attendance groups (deltakere.grupper) --------------------------------------------------------

def _add_unplaced_participant(repo: Path) -> None:
    """A participant the record does not place: no kategori, no role, not a member."""
    org = repo / "data/organisasjon.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace(
        "personer:\n", "personer:\n  - {id: gjest-gro, navn: Gro Gjest}\n", 1), encoding="utf-8")
    meeting = repo / "data/moter/2009/2009-11-18-formannskapet.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace(
        "saker:\n", "  - {person: gjest-gro, oppmoete: moett}\nsaker:\n", 1), encoding="utf-8")


def test_a_participant_without_a_stated_kategori_is_not_put_among_the_members(fjordvik):
    _add_unplaced_participant(fjordvik)
    repo = _with_profile(fjordvik, "presentasjon:\n  preset: tabell\n")
    text = render_minutes(repo, MEETING, Options())
    members = text[text.index("**Faste medlemmer som møtte:**"):text.index("**Varamedlemmer som møtte:**")]
    assert "Gro Gjest" not in members
    assert "**Andre deltakere:**" in text and "| Gro Gjest |" in text[text.index("**Andre deltakere:**"):]


def test_the_documents_own_groups_with_labels_selections_and_an_empty_group(fjordvik):
    _add_unplaced_participant(fjordvik)
    repo = _with_profile(fjordvik, """\
presentasjon:
  deltakere:
    overskrift: Til stede på møtet
    form: liste
    grupper:
    - {etikett: "Medlemmer:", velg: {kategori: fast_medlem, oppmoete: moett}}
    - {etikett: "Forfall:", velg: {oppmoete: forfall}}
    - {etikett: "Ugilde:", velg: {kategori: gjest}, tom: vis}
    - {etikett: "Varamedlemmer:", velg: {gruppe: vara_moett}, form: tabell, kolonner: [navn, moette_for]}
    - {etikett: "Fra adm. (evt. andre):", velg: {kategori: [administrasjon, ikke_oppgitt]}}
""")
    text = render_minutes(repo, MEETING, Options())
    start = text.index("**Til stede på møtet**")
    assert text[start:].startswith(
        "**Til stede på møtet**\n\n**Medlemmer:**\n\n- Kari Nordmann\n- Per Hansen\n- Liv Berg\n- Ola Dahl\n"
        "- Anne Lie\n- Jon Moe\n\n**Forfall:**\n\n- Eva Strand\n\n**Ugilde:**\n\n**Varamedlemmer:**\n\n"
        "| Navn | Møtte for |\n|---|---|\n| Arne Vik | Eva Strand |\n\n**Fra adm. (evt. andre):**\n\n"
        "- Siri Holm\n- Tone Aas\n- Gro Gjest\n")
    html = render_minutes(repo, MEETING, Options(fmt="html"))
    assert "<p><strong>Ugilde:</strong></p>" in html and "<li>Gro Gjest</li>" in html


# --- labels that carry their own punctuation; numbers whose format says the word -----------------

def test_an_overridden_heading_label_prints_as_written(fjordvik):
    from kvk.render import render_case

    repo = _with_profile(fjordvik, """\
presentasjon:
  etiketter:
    nb: {raadmann_innstilling: "Rådmannens tilråding til vedtak:", seksjon_vurdering: Vurdering, vedtak: Vedtak}
""")
    text = render_case(repo, "2009/512", Options())
    assert "## Rådmannens tilråding til vedtak:\n" in text and "::" not in text
    assert "## Vurdering\n" in text
    assert "## Saksopplysninger:\n" in text  # kvk's own label keeps its colon
    minutes = render_minutes(repo, MEETING, Options())
    assert "**Vedtak**\n" in minutes and "VEDTAK:" not in minutes


def test_an_item_that_names_only_its_case_or_its_own_arkivsaksnr_shows_them_in_the_sakliste(fjordvik):
    from kvk.render import render_agenda

    meeting = fjordvik / "data/moter/2009/2009-11-18-formannskapet.yaml"
    text = meeting.read_text(encoding="utf-8")
    text = text.replace("    tittel: Bygging av ny flerbrukshall\n    sak: 2009/512\n", "    sak: 2009/512\n", 1)
    text = text.replace("    type: godkjenning\n", "    type: godkjenning\n    arkivsaksnr: 2009/20\n", 1)
    meeting.write_text(text, encoding="utf-8")
    agenda = render_agenda(Repository.open(explicit=str(fjordvik)), MEETING, Options())
    assert "| PS 46/09 | 2009/512 | Bygging av ny flerbrukshall |" in agenda
    assert "| PS 45/09 | 2009/20 | Godkjenning av protokoll fra møte 28.10.2009 |" in agenda


@pytest.mark.parametrize("pattern,expected", [
    (None, "| Sak 46/09 |"),  # as recorded: kvk's "Sak " before a bare number, as always
    ("n/yy", "| 46/09 |"),  # a format says the whole number: 08's "169/14"
    ("'[Sak] n/yyyy'", "| Sak 46/2009 |"),  # and a word before it, when the document has one (11)
])
def test_a_number_format_says_whether_sak_stands_before_the_number(fjordvik, pattern, expected):
    from kvk.render import render_agenda

    meeting = fjordvik / "data/moter/2009/2009-11-18-formannskapet.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("nr: PS 46/09", "nr: 46/09"), encoding="utf-8")
    profile = f"presentasjon:\n  formater: {{utvalgssaksnr: {{sakliste: {pattern}}}}}\n" if pattern else ""
    agenda = render_agenda(_with_profile(fjordvik, profile), MEETING, Options())
    assert expected in agenda


# --- head rows ----------------------------------------------------------------------------------

def test_head_rows_with_the_documents_labels_blanks_and_formats(fjordvik):
    from kvk.render import render_agenda

    meeting = fjordvik / "data/moter/2009/2009-11-18-formannskapet.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace('start: "09:00"\n', "")
                       .replace("rom: formannskapssalen\n", "rom: formannskapssalen\nandre_opplysninger: {synfaring: Ingen}\n"),
                       encoding="utf-8")
    repo = _with_profile(fjordvik, """\
presentasjon:
  formater: {klokkeslett: "HH:MM"}
  protokoll:
    blokker:
    - {felt: utvalg, versaler: ja}
    - {felt: moetedato, etikett: "Møtedato:", format: "{moetedato} Kl. {start}"}
    - {felt: start, etikett: "Tid:", format: "kl {start}", tom: vis}
    - {felt: moetenummer, etikett: "Møtenr.:", tom: utelat}
    - {felt: referent, etikett: "Protokollfører:"}
    - {felt: andre.synfaring, etikett: "Synfaring:"}
    - saker
  innkalling:
    blokker: [{felt: moetested, etikett: "STED:"}, {felt: tidsrom, etikett: "KL.:", tom: vis}, saksliste]
""")
    text = render_minutes(repo, MEETING, Options())
    assert "\nFORMANNSKAPET\n\n**Møtedato:** 18.11.2009 Kl.\n\n**Tid:** kl\n\n**Møtenr.:** 8/2009\n\n" in text
    assert "**Protokollfører:** Tone Aas\n\n**Synfaring:** Ingen\n\n## PS 45/09" in text
    agenda = render_agenda(repo, MEETING, Options())
    assert "**STED:** Fjordvik rådhus, formannskapssalen\n\n**KL.:** kl. 14:30\n\n## Saksliste" in agenda
    html = render_minutes(repo, MEETING, Options(fmt="html"))
    assert '<p class="hoderad"><strong>Tid:</strong> kl</p>' in html


def test_a_saksframlegg_head_row_with_its_own_label(fjordvik):
    from kvk.render import render_case

    repo = _with_profile(fjordvik, """\
presentasjon:
  saksframlegg:
    felt: [{felt: arkivsaksnr, etikett: "Arkivsak:"}, {felt: dato, etikett: "Dato:"}, saksbehandler,
           {felt: avgjoeres_av, etikett: "Avgjerd av:", tom: vis}]
""")
    text = render_case(repo, "2009/512", Options())
    assert "**SAKSFRAMLEGG**" in text
    assert "Arkivsak: 2009/512\n\nDato: 02.11.2009\n\nSaksbehandler: Siri Holm\n\nAvgjerd av:\n" in text


def test_the_order_of_a_saksframleggs_parts(fjordvik):
    from kvk.render import render_case

    repo = _with_profile(fjordvik, "presentasjon:\n  saksframlegg:\n    blokker: [tittel, felt, seksjoner, saksgang]\n")
    text = render_case(repo, "2009/512", Options())
    assert text.startswith("# Bygging av ny flerbrukshall\n\nSaksbehandler: Siri Holm")
    assert text.index("Rådmannen mener hallen") < text.index("| Saksnr | Utvalg | Møtedato |")
    assert "**SAKSFRAMLEGG**" not in text and "## Vedlegg" not in text and "innstilling" not in text.lower()


def test_sakliste_columns_and_labels_that_take_the_bodys_genitive(fjordvik):
    from kvk.render import render_agenda, render_case

    repo = _with_profile(fjordvik, """\
presentasjon:
  saksliste: {kolonner: [nr, tittel]}
  etiketter:
    nb: {saksliste_nr: "Sak nr.", saksgang_nr: Utvalgssaksnr., vedtak: "{utvalg_genitiv} vedtak:",
         behandling_i: "{utvalg} behandling {nr}"}
  saksframlegg: {behandling_blokker: [vedtak, behandling]}
""")
    agenda = render_agenda(repo, MEETING, Options())
    assert "| Sak nr. | Tittel |\n|---|---|\n| PS 45/09 | Godkjenning av protokoll fra møte 28.10.2009 |" in agenda
    case = fjordvik / "data/saker/2009/2009-0512.yaml"
    case.write_text(case.read_text(encoding="utf-8") + """\
behandlinger:
  - utvalg: formannskapet
    moetedato: 2009-10-01
    utvalgssaksnr: PS 40/09
    behandling: Saken ble drøftet.
    vedtak: Saken sendes på høring.
""", encoding="utf-8")
    text = render_case(repo, "2009/512", Options())
    assert "| Utvalgssaksnr. | Utvalg | Møtedato |" in text
    own = text[text.index("## Formannskapet behandling PS 40/09"):]
    assert own.index("**Formannskapets vedtak:**") < own.index("Saken ble drøftet.")


def test_head_rows_of_an_item_and_its_heading_as_a_block(fjordvik):
    repo = _with_profile(fjordvik, """\
presentasjon:
  formater: {saksnr: yy/n}
  sak:
    overskrift: "{tittel}"
    hode: [{felt: nr, format: "{nr} {utvalg} {type} {saksbehandler} {arkivsaksnr}"}]
    blokker: [hode, overskrift, {felt: utvalg, format: "{utvalg} - {nr}"}, vedtak]
""")
    text = render_minutes(repo, MEETING, Options())
    item = text[text.index("PS 46/09 Formannskapet"):]  # the item states no type: its slot stays blank
    assert item.startswith("PS 46/09 Formannskapet Siri Holm 09/512\n\n## Bygging av ny flerbrukshall\n\n"
                           "Formannskapet - PS 46/09\n\n**VEDTAK:**")


def test_a_closed_item_prints_no_head_row(fjordvik):
    repo = _with_profile(fjordvik, """\
presentasjon:
  sak:
    blokker: [{felt: tittel, etikett: "Tittel:"}, {felt: saksbehandler, etikett: "Saksbehandler:"}, vedtak]
""")
    text = render_minutes(repo, MEETING, Options(public=True))
    closed = text[text.index("## PS 47/09"):text.index("## PS 48/09")]
    assert "Tittel:" not in closed and "Saksbehandler:" not in closed and "Nordli" not in closed


def test_a_groups_own_head_row_and_the_vara_column(fjordvik):
    repo = _with_profile(fjordvik, """\
presentasjon:
  deltakere:
    grupper:
    - {velg: {oppmoete: forfall}, form: tabell, kolonner: [navn, vara], overskrift_rad: [Forfall, Møtande varamedlem]}
""")
    text = render_minutes(repo, MEETING, Options())
    assert "| Forfall | Møtande varamedlem |\n|---|---|\n| Eva Strand | Arne Vik |" in text


def test_the_notices_own_place_date_copy_and_signature_forms(fjordvik):
    from kvk.render import render_agenda

    meeting = fjordvik / "data/moter/2009/2009-11-18-formannskapet.yaml"
    text = meeting.read_text(encoding="utf-8")
    text = text[:text.index("\nsignatur:")] + "\n"  # the minutes' own signatures give way to the notice's
    meeting.write_text(text.replace("dokumenttype: moeteprotokoll", """\
dokumenttype: innkalling
dokumentsted: Fjordvik
dokumentdato: 2009-11-04
kopi: [Ordfører, Revisor]
kunngjoeringer: [Møtet er åpent for publikum.]
signatur:
  - {person: kari-nordmann, tittel: ordfører, tekst: (sign), underskrevet_av: tone-aas}"""), encoding="utf-8")
    repo = _with_profile(fjordvik, """\
presentasjon:
  formater: {sted_dato: "{sted} {dato}"}
  etiketter: {nb: {kopi_liste: "Kopi er sendt: {liste}."}}
  signatur: {tekst: egen_linje}
  innkalling:
    blokker: [kunngjoeringer, sted_dato, hilsen, signatur, kopi]
""")
    text = render_agenda(repo, MEETING, Options())
    assert ("Møtet er åpent for publikum.\n\nFjordvik 4. november 2009\n\nMed hilsen\n\nfor Kari Nordmann\n\n"
            "ordfører\n\n(sign)\n\nTone Aas\n\nKopi er sendt: Ordfører, Revisor.\n") in text
    repo = _with_profile(fjordvik, "presentasjon:\n  innkalling: {kopi: liste, blokker: [sted_dato, kopi]}\n")
    text = render_agenda(repo, MEETING, Options())
    assert "Fjordvik, 4. november 2009\n\n**Kopi**\n\n- Ordfører\n- Revisor\n" in text


def test_the_saksgang_as_a_list_or_in_the_documents_columns(fjordvik):
    from kvk.render import render_case

    repo = _with_profile(fjordvik, """\
presentasjon:
  etiketter: {nb: {saksgang_liste: "Saken skal behandles av:"}}
  saksframlegg: {saksgang: liste}
""")
    assert "Saken skal behandles av:\n\n- Formannskapet\n" in render_case(repo, "2009/512", Options())
    repo = _with_profile(fjordvik, """\
presentasjon:
  saksframlegg:
    saksgang_kolonner: [utvalg, moetedato, utvalgssaksnr]
    saksgang_overskrift: "Behandling av saken:"
    blokker: [saksgang, tittel, tom_behandling]
""")
    text = render_case(repo, "2009/512", Options())
    assert text.startswith("Behandling av saken:\n\n| Utvalg | Møtedato | Saksnr |\n|---|---|---|\n"
                           "| Formannskapet | 18.11.2009 | PS 46/09 |\n\n# Bygging av ny flerbrukshall\n\nBehandling:\n")


def test_a_person_format_with_optional_parts_and_a_sakliste_in_parts(fjordvik):
    from kvk.render import render_agenda

    meeting = fjordvik / "data/moter/2009/2009-11-18-formannskapet.yaml"
    text = meeting.read_text(encoding="utf-8")
    text = text.replace("  - {person: jon-moe, oppmoete: moett}",
                        "  - {person: jon-moe, oppmoete: moett, gruppe: andre, til_stede_i: [PS 46/09-PS 48/09]}")
    text = text.replace("  - nr: PS 45/09\n", "  - nr: PS 45/09\n    serie: protokoller\n", 1)
    meeting.write_text(text, encoding="utf-8")
    repo = _with_profile(fjordvik, """\
presentasjon:
  etiketter: {nb: {funksjon_leder: leder, funksjon_medlem: ""}}
  formater: {utvalgssaksnr: {sakliste: n/yy}}
  protokoll:
    blokker: [{felt: moetedato, etikett: "Date:", format: "{moetedato:yyyy-mm-dd}T{start:HH:MM:SS}"}, deltakere, saksliste]
    saksliste: {kolonner: [nr, tittel]}
  saksliste:
    grupper: [{etikett: Møteprotokoll, serie: protokoller}, {etikett: Saker til behandling}]
  deltakere:
    grupper:
    - {etikett: "Andre:", velg: {gruppe: andre}, form: liste, format: "{navn}[ {til_stede_i}]"}
    - {etikett: "Til stede:", velg: {kategori: fast_medlem}, form: linje, format: "{navn}[ ({funksjon})]"}
""")
    minutes = render_minutes(repo, MEETING, Options())
    assert "**Date:** 2009-11-18T09:00:00\n" in minutes
    assert "**Til stede:** Kari Nordmann (leder), Per Hansen (Nestleder), Liv Berg, Ola Dahl" in minutes
    assert "**Andre:**\n\n- Jon Moe sak PS 46/09-PS 48/09\n" in minutes
    assert ("## Saksliste\n\n**Møteprotokoll**\n\n| Saksnr | Tittel |\n|---|---|\n| 45/09 | Godkjenning av protokoll "
            "fra møte 28.10.2009 |\n\n**Saker til behandling**\n\n| Saksnr | Tittel |\n|---|---|\n| 46/09 |") in minutes
    agenda = render_agenda(repo, MEETING, Options())  # the notice keeps the three columns
    assert "| Saksnr | Arkivsaksnr. | Tittel |\n|---|---|---|\n| 45/09 |  | Godkjenning" in agenda
