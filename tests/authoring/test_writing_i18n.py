"""What the writing commands say in bokmål and nynorsk (issue 14, point 5): new-case, new-meeting,
number-agenda, renumber-case, init and recover refuse in one line in the user's language, with
nothing written; a text edit kvk cannot make says why in that language; and the lines saying
what was done are the user's language too (field names and values stay as in the records)."""

import pytest

from kvk import layout
from kvk.cli import app

from ..authoring_fixtures import tree_bytes

M = "2009-10-30-styringsgruppa"
CASE = ["--saksbehandler", "tor-langvold", "--utvalg", "styringsgruppa", "--moetedato", "2009-11-20",
        "--innstilling-fra", "raadmann", "--no-input"]

REFUSALS = {
    "a case without a title": (["new-case", "--tittel", " ", *CASE], {
        "nb": "kvk: --tittel: en sak må ha en tittel",
        "nn": "kvk: --tittel: ei sak må ha ein tittel"}),
    "an unknown meeting": (["number-agenda", "2009-10-31-styringsgruppa"], {
        "nb": "kvk: ukjent møte 2009-10-31-styringsgruppa: filen data/moter/2009/2009-10-31-styringsgruppa.yaml "
              "finnes ikke (mente du '2009-10-30-styringsgruppa'?)",
        "nn": "kvk: ukjent møte 2009-10-31-styringsgruppa: fila data/moter/2009/2009-10-31-styringsgruppa.yaml "
              "finst ikkje (meinte du '2009-10-30-styringsgruppa'?)"}),
    "not a meeting id": (["number-agenda", "styringsgruppa"], {
        "nb": "kvk: 'styringsgruppa' er ikke en møte-id (dato og utvalgs-id, f.eks. 2009-11-20-formannskapet)",
        "nn": "kvk: 'styringsgruppa' er ikkje ein møte-id (dato og utvals-id, t.d. 2009-11-20-formannskapet)"}),
    "no such case": (["renumber-case", "2009/999", "2009/1000"], {
        "nb": "kvk: ingen sak 2009/999 i dette repoet",
        "nn": "kvk: inga sak 2009/999 i dette repoet"}),
    "the meeting exists": (["new-meeting", "--utvalg", "styringsgruppa", "--dato", "2009-10-30", "--no-input"], {
        "nb": f"kvk: data/moter/2009/{M}.yaml finnes allerede; ikke overskrevet (bruk --force for å erstatte den)",
        "nn": f"kvk: data/moter/2009/{M}.yaml finst alt; ikkje overskriven (bruk --force for å erstatte ho)"}),
    "ends before it starts": (["new-meeting", "--utvalg", "styringsgruppa", "--dato", "2009-12-30", "--start", "14:00",
                               "--slutt", "13:00", "--no-input"], {
        "nb": "kvk: error KVK105 --slutt 13:00 er før --start 14:00 (hint: et møte slutter etter at det begynner)",
        "nn": "kvk: error KVK105 --slutt 13:00 er før --start 14:00 (hint: eit møte sluttar etter at det tek til)"}),
}


@pytest.mark.parametrize("lang", ["nb", "nn"])
@pytest.mark.parametrize("kind", list(REFUSALS))
def test_a_writing_command_refuses_in_bokmaal_and_nynorsk(runner, monkeypatch, seed_repo, kind, lang):
    args, lines = REFUSALS[kind]
    monkeypatch.setenv("KVK_LANG", lang)
    before = tree_bytes(seed_repo)
    result = runner.invoke(app, [*args, "--repo", str(seed_repo)])
    assert result.exit_code == 2, result.output
    assert result.stderr == lines[lang] + "\n"
    assert tree_bytes(seed_repo) == before  # nothing written


@pytest.mark.parametrize("lang, line", [
    ("nb", "kvk: {root} har allerede en kvk.yaml; ikke rørt"),
    ("nn", "kvk: {root} har alt ein kvk.yaml; ikkje rørt"),
])
def test_init_refuses_a_repository_in_bokmaal_and_nynorsk(runner, monkeypatch, seed_repo, lang, line):
    monkeypatch.setenv("KVK_LANG", lang)
    result = runner.invoke(app, ["init", str(seed_repo), "--organisasjon", "X", "--no-input"])
    assert result.exit_code == 2
    assert result.stderr == line.format(root=seed_repo) + "\n"


@pytest.mark.parametrize("lang, line", [
    ("nb", "kvk: {path}:9: kan ikke oppdatere 'dokumenttype' automatisk (det er en tekstblokk); rediger filen "
           "for hånd"),
    ("nn", "kvk: {path}:9: kan ikkje oppdatere 'dokumenttype' automatisk (det er ein tekstblokk); rediger fila "
           "for hand"),
])
def test_an_edit_kvk_cannot_make_is_refused_in_the_users_language(runner, monkeypatch, seed_repo, lang, line):
    rel = layout.meeting_path(M)
    record = seed_repo / rel
    record.write_text(record.read_text(encoding="utf-8").replace("dokumenttype: referat\n",
                                                                 "dokumenttype: >-\n  referat\n"), encoding="utf-8")
    before = record.read_bytes()
    monkeypatch.setenv("KVK_LANG", lang)
    result = runner.invoke(app, ["meeting", "status", M, "moeteprotokoll", "--repo", str(seed_repo)])
    assert result.exit_code == 2
    assert result.stderr == line.format(path=rel) + "\n"
    assert record.read_bytes() == before


@pytest.mark.parametrize("lang, line", [
    ("nb", "fjernet den midlertidige filen data/saker/.2008-0628.yaml.x1.tmp"),
    ("nn", "fjerna den mellombelse fila data/saker/.2008-0628.yaml.x1.tmp"),
])
def test_what_recover_did_in_bokmaal_and_nynorsk(runner, monkeypatch, seed_repo, lang, line):
    left = seed_repo / "data/saker/.2008-0628.yaml.x1.tmp"
    left.write_text("half", encoding="utf-8")
    monkeypatch.setenv("KVK_LANG", lang)
    result = runner.invoke(app, ["recover", "--repo", str(seed_repo)])
    assert result.exit_code == 0, result.output
    assert result.stdout == line + "\n"
    assert not left.exists()


@pytest.mark.parametrize("lang, lines", [
    ("nb", ["  tor-langvold: lagt til i deltakere, oppmoete moett, møtte for kari-nordmann",
            "  kari-nordmann: lagt til i deltakere, oppmoete forfall"]),
    ("nn", ["  tor-langvold: lagd til i deltakere, oppmoete moett, møtte for kari-nordmann",
            "  kari-nordmann: lagd til i deltakere, oppmoete forfall"]),
])
def test_what_meeting_attend_did_in_bokmaal_and_nynorsk(runner, monkeypatch, tmp_path, lang, lines):
    from ..authoring_fixtures import small_repo

    repo = small_repo(tmp_path, {"data/organisasjon.yaml": """
        personer:
          - {id: tor-langvold, navn: Tor Langvold}
          - {id: kari-nordmann, navn: Kari Nordmann}
        utvalg:
          - id: formannskapet
            navn: Formannskapet
            type: formannskap
        """})
    made = runner.invoke(app, ["new-meeting", "--repo", str(repo), "--utvalg", "formannskapet", "--dato", "2009-11-20",
                               "--no-input"])
    assert made.exit_code == 0, made.output
    monkeypatch.setenv("KVK_LANG", lang)
    result = runner.invoke(app, ["meeting", "attend", "2009-11-20-formannskapet", "tor-langvold",
                                 "--for", "kari-nordmann", "--repo", str(repo)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == lines


@pytest.mark.parametrize("lang, first, again", [
    ("nb", "  protokollstatus (tom) -> utkast", "  dokumenttype er referat fra før"),
    ("nn", "  protokollstatus (tom) -> utkast", "  dokumenttype er referat frå før"),
])
def test_what_meeting_status_did_in_bokmaal_and_nynorsk(runner, monkeypatch, seed_repo, lang, first, again):
    monkeypatch.setenv("KVK_LANG", lang)
    args = ["meeting", "status", M, "referat", "--repo", str(seed_repo)]
    assert runner.invoke(app, args).stderr == first + "\n"
    assert runner.invoke(app, args).stderr == again + "\n"


@pytest.mark.parametrize("lang, lines", [
    ("nb", ["  la til person lise-vik, navn: Lise Vik", "  person lise-vik: ingenting å endre",
            "  styringsgruppa: la til lise-vik som medlem", "  styringsgruppa: lise-vik er medlem fra før; ingenting å endre"]),
    ("nn", ["  la til person lise-vik, navn: Lise Vik", "  person lise-vik: ingenting å endre",
            "  styringsgruppa: la til lise-vik som medlem", "  styringsgruppa: lise-vik er medlem frå før; ingenting å endre"]),
])
def test_what_kvk_org_did_in_bokmaal_and_nynorsk(runner, monkeypatch, seed_repo, lang, lines):
    monkeypatch.setenv("KVK_LANG", lang)
    said = []
    for args in (["person", "lise-vik", "--navn", "Lise Vik"], ["person", "lise-vik", "--navn", "Lise Vik"],
                 ["member", "styringsgruppa", "lise-vik"], ["member", "styringsgruppa", "lise-vik"]):
        result = runner.invoke(app, ["org", *args, "--repo", str(seed_repo)])
        assert result.exit_code == 0, result.output
        said += result.stderr.splitlines()
    assert said == lines
