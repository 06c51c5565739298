"""Each indicator check: a broken fixture and the exact code and line it must produce."""

import json
import pytest

from kvk.cli import app

from ..conftest import write_tree

GOOD = """\
prosjekt: {navn: Test, start: 2008-Q1, slutt: 2009-Q4}
indikatorer:
  - id: sf
    navn: Sykefravær PRO
    perspektiv: medarbeidere
    enhet: prosent
    desimaler: 1
    retning: lavere_er_bedre
    frekvens: kvartal
    aggregering: forhold_av_summer
    definisjon:
      tekst: Tapte dagsverk i prosent av avtalte dagsverk
      teller: tapte dagsverk
      nevner: avtalte dagsverk
      populasjon: Alle ansatte i PRO
    kilde: {system: HR}
    eier: Kommunalsjef
    baseline: {periode: 2008-Q1, verdi: 10.0}
    maal:
      - {frist: 2009-Q4, verdi: 8.0}
    terskler: {gul_innenfor: 1.0}
maalinger:
  - {indikator: sf, periode: 2008-Q1, verdi: 10.0, teller: 100, nevner: 1000}
  - {indikator: sf, periode: 2008-Q2, verdi: 9.0, teller: 90, nevner: 1000}
  - {indikator: sf, periode: 2008-Q3, verdi: 8.5, teller: 85, nevner: 1000}
  - {indikator: sf, periode: 2008-Q4, verdi: 9.5, teller: 95, nevner: 1000}
  - {indikator: sf, periode: 2009-Q1, verdi: 9.0, teller: 90, nevner: 1000}
  - {indikator: sf, periode: 2009-Q2, verdi: 8.0, teller: 80, nevner: 1000}
  - {indikator: sf, periode: 2009-Q3, verdi: 7.5, teller: 75, nevner: 1000}
  - {indikator: sf, periode: 2009-Q4, verdi: 7.9, teller: 79, nevner: 1000}
"""

FILE = "data/indikatorer/test.yaml"


def run(runner, root, text, *args):
    write_tree(root, {"kvk.yaml": "organisasjon: Test kommune\n", FILE: text})
    result = runner.invoke(app, ["check-indicators", "--repo", str(root), "--format", "json", *args])
    return result, json.loads(result.stdout) if result.stdout.startswith("{") else None


def line_of(text, marker, nth=1):
    hits = [i for i, line in enumerate(text.splitlines(), 1) if marker in line]
    return hits[nth - 1]


def found(data):
    return [(f["code"], f["line"]) for f in data["findings"]]


def test_good_fixture_is_clean_and_green(runner, tmp_path):
    result, data = run(runner, tmp_path, GOOD)
    assert result.exit_code == 0, result.output
    assert data["findings"] == []
    row = data["indicators"][0]
    assert row["status"] == "groenn" and row["latest"]["value"] == 7.9


def sub(old, new, count=1):
    def edit(text):
        assert old in text, old
        return text.replace(old, new, count)
    return edit


def append(extra):
    return lambda text: text + extra


# (id, edit of GOOD, expected code, marker of the line it must point at, exit code)
CASES = [
    ("no definition", sub("""    definisjon:
      tekst: Tapte dagsverk i prosent av avtalte dagsverk
      teller: tapte dagsverk
      nevner: avtalte dagsverk
      populasjon: Alle ansatte i PRO
""", ""), "KVK401", "- id: sf", 1),
    ("no source", sub("    kilde: {system: HR}\n", ""), "KVK402", "- id: sf", 1),
    ("no owner", sub("    eier: Kommunalsjef\n", ""), "KVK403", "- id: sf", 1),
    ("no target", sub("""    maal:
      - {frist: 2009-Q4, verdi: 8.0}
""", ""), "KVK404", "- id: sf", 1),
    ("deadline after the project", sub("{frist: 2009-Q4", "{frist: 2010-Q4"), "KVK405", "frist: 2010-Q4", 1),
    ("target without deadline", sub("{frist: 2009-Q4, verdi: 8.0}", "{verdi: 8.0}"), "KVK101", "{verdi: 8.0}", 1),
    ("thresholds against the direction", sub("terskler: {gul_innenfor: 1.0}", "terskler: {groenn: 9.0, gul: 8.0}"),
     "KVK406", "terskler:", 1),
    ("negative yellow band", sub("gul_innenfor: 1.0", "gul_innenfor: -1.0"), "KVK406", "terskler:", 1),
    ("period in another frequency", append("  - {indikator: sf, periode: 2010, verdi: 7.0}\n"),
     "KVK407", "periode: 2010,", 1),
    ("duplicate measurement", append("  - {indikator: sf, periode: 2009-Q4, verdi: 7.9, teller: 79, nevner: 1000}\n"),
     ("KVK408"), ("periode: 2009-Q4", 2), 1),
    ("percent above 100", sub("verdi: 7.9, teller: 79, nevner: 1000", "verdi: 107.9"), "KVK409", "verdi: 107.9", 1),
    ("teller/nevner do not give the value", sub("verdi: 9.0, teller: 90", "verdi: 9.2, teller: 90"),
     "KVK410", "verdi: 9.2", 1),
    ("zero denominator", sub("teller: 79, nevner: 1000", "teller: 79, nevner: 0"), "KVK410", "nevner: 0", 1),
    ("rolling quarters on yearly figures", lambda t: t.replace("frekvens: kvartal", "frekvens: aar").replace(
        "{frist: 2009-Q4, verdi: 8.0}", "{frist: 2009, verdi: 8.0, sammenlign: rullerende_4k}").replace(
        "baseline: {periode: 2008-Q1", "baseline: {periode: 2008").split("maalinger:")[0]
        + ("maalinger:\n  - {indikator: sf, periode: 2008, verdi: 10.0, teller: 10, nevner: 100}\n"
           "  - {indikator: sf, periode: 2009, verdi: 8.0, teller: 8, nevner: 100}\n"),
     "KVK411", "sammenlign: rullerende_4k", 1),
    ("ratio of sums without teller/nevner", lambda t: t.replace(
        "{frist: 2009-Q4, verdi: 8.0}", "{frist: 2009-Q4, verdi: 8.0, sammenlign: rullerende_4k}").replace(
        "verdi: 9.0, teller: 90, nevner: 1000}", "verdi: 9.0}"), "KVK411", "verdi: 9.0}", 1),
    ("no measurements at all", lambda t: t.split("maalinger:")[0], "KVK423", "- id: sf", 0),
    ("no population", sub("      populasjon: Alle ansatte i PRO\n", ""), "KVK420", "definisjon:", 0),
    ("no baseline", sub("    baseline: {periode: 2008-Q1, verdi: 10.0}\n", ""), "KVK421", "- id: sf", 0),
    ("baseline after the deadline", sub("{periode: 2008-Q1, verdi: 10.0}", "{periode: 2009-Q4, verdi: 10.0}"),
     "KVK421", "baseline:", 0),
    ("gap", sub("  - {indikator: sf, periode: 2008-Q3, verdi: 8.5, teller: 85, nevner: 1000}\n", ""),
     "KVK422", "indikator: sf, periode: 2008-Q1", 0),
    ("provisional value behind the verdict", sub("teller: 79, nevner: 1000}", "teller: 79, nevner: 1000, status: P}"),
     "KVK424", "- id: sf", 0),
    ("break between baseline and latest", sub("teller: 90, nevner: 1000}", "teller: 90, nevner: 1000, status: B}"),
     "KVK424", "baseline:", 0),
    ("comparison without vintage", sub("    terskler: {gul_innenfor: 1.0}\n", """    terskler: {gul_innenfor: 1.0}
    sammenligninger:
      - {id: landsbasis, etikett: Hele landet, definisjon_samsvar: full, serie: {2009-Q4: 7.6}}
"""), "KVK425", "- {id: landsbasis", 0),
    ("comparison in another frequency", sub("    terskler: {gul_innenfor: 1.0}\n", """    terskler: {gul_innenfor: 1.0}
    sammenligninger:
      - {id: landsbasis, etikett: Hele landet, versjon: 2011-12-20, definisjon_samsvar: full, serie: {2009: 7.6}}
"""), "KVK425", "- {id: landsbasis", 0),
    ("vague name", sub("navn: Sykefravær PRO", "navn: Uønsket deltid PRO"), "KVK426", "navn: Uønsket", 0),
    ("vague compound", sub("navn: Sykefravær PRO", "navn: Brukertilfredshet PRO"), "KVK426", "navn: Bruker", 0),
    ("vague: service quality", sub("navn: Sykefravær PRO", "navn: Tjenestekvalitet PRO"), "KVK426", "navn: Tjen", 0),
    ("claim not borne out", append("""\
paastander:
  - {indikator: sf, fra: {periode: 2008-Q1, verdi: 10}, til: {periode: 2009-Q4, verdi: 5}, kilde: Avisa}
"""), "KVK427", "kilde: Avisa", 0),
    ("claim without periods", append("""\
paastander:
  - {indikator: sf, fra: {verdi: 10}, til: {verdi: 8}, kilde: Avisa}
"""), "KVK428", "kilde: Avisa", 0),
    ("claim confirmed", append("""\
paastander:
  - {indikator: sf, fra: {periode: 2008-Q1, verdi: 10}, til: {periode: 2009-Q4, verdi: 8}, kilde: Avisa}
"""), "KVK440", "kilde: Avisa", 0),
    ("too few persons", lambda t: t.replace("    eier: Kommunalsjef\n", "    eier: Kommunalsjef\n    min_personer: 5\n")
     .replace("teller: 79, nevner: 1000}", "teller: 79, nevner: 1000, personer: 3}"), "KVK430", "personer: 3", 0),
    ("decimal comma in a value", sub("verdi: 7.9,", "verdi: '7,9',"), "KVK108", "'7,9'", 1),
    ("unknown indicator in a measurement", append("  - {indikator: sff, periode: 2009-Q4, verdi: 7.9}\n"),
     "KVK212", "indikator: sff", 1),
]


@pytest.mark.parametrize("edit,code,marker,exit_code", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_check(runner, tmp_path, edit, code, marker, exit_code):
    text = edit(GOOD)
    result, data = run(runner, tmp_path, text)
    marker, nth = marker if isinstance(marker, tuple) else (marker, 1)
    assert found(data) == [(code, line_of(text, marker, nth))], found(data)
    assert result.exit_code == exit_code


def test_stale_relative_to_as_of(runner, tmp_path):
    result, data = run(runner, tmp_path, GOOD, "--as-of", "2010-09-30")
    assert found(data) == [("KVK423", line_of(GOOD, "- id: sf"))]
    assert "2009-Q4, 3 periods behind 2010-Q3" in data["findings"][0]["message"]
    # one period of grace: at 2010-03-31 the 2010-Q1 figures need not be in yet
    result, data = run(runner, tmp_path, GOOD, "--as-of", "31.03.2010")
    assert found(data) == []


def test_as_of_cuts_the_data_it_did_not_have(runner, tmp_path):
    result, data = run(runner, tmp_path, GOOD, "--as-of", "2008-Q4")
    row = data["indicators"][0]
    assert data["as_of"] == "2008-12-31" and data["as_of_from"] == "--as-of"
    assert row["latest"]["period"] == "2008-Q4" and row["status"] == "roed"  # 9.5 against 8.0 ± 1.0


def test_reference_series_needs_definition_not_target(runner, tmp_path):
    text = """\
indikatorer:
  - id: land
    navn: Hele landet
    rolle: referanse
    enhet: prosent
    retning: lavere_er_bedre
    frekvens: kvartal
maalinger:
  - {indikator: land, periode: 2009-Q4, verdi: 7.6}
"""
    result, data = run(runner, tmp_path, text)
    assert found(data) == [("KVK429", 2)]
    assert data["indicators"][0]["status"] == "graa"


def test_all_findings_are_collected_in_one_run(runner, tmp_path):
    text = sub("    eier: Kommunalsjef\n", "")(sub("verdi: 9.0, teller: 90", "verdi: 9.2, teller: 90")(GOOD))
    result, data = run(runner, tmp_path, text)
    assert sorted(c for c, _ in found(data)) == ["KVK403", "KVK410"]


def test_rissa_claim_in_the_seed_is_not_verifiable(runner, seed_repo):
    result = runner.invoke(app, ["check-indicators", "--repo", str(seed_repo), "-f", "json"])
    data = json.loads(result.stdout)
    rissa = [f for f in data["findings"] if f["code"] == "KVK428"]
    assert len(rissa) == 1
    assert rissa[0]["path"] == "data/indikatorer/kvalitetskommuneprogrammet.yaml"
    assert "'fra 17 til 9'" in rissa[0]["message"] and "has no measurements" in rissa[0]["message"]


def test_milestone_that_applies_at_the_as_of_date(runner, tmp_path):
    text = sub("      - {frist: 2009-Q4, verdi: 8.0}\n",
               "      - {frist: 2008-Q4, verdi: 9.5}\n      - {frist: 2009-Q4, verdi: 8.0}\n")(GOOD)
    result, data = run(runner, tmp_path, text, "--as-of", "2008-Q4")
    row = data["indicators"][0]
    assert row["target"]["deadline"] == "2008-Q4" and row["status"] == "groenn"  # 9.5 against 9.5
    result, data = run(runner, tmp_path, text)
    assert data["indicators"][0]["target"]["deadline"] == "2009-Q4"


def test_relative_target(runner, tmp_path):
    text = sub("{frist: 2009-Q4, verdi: 8.0}", "{frist: 2009-Q4, verdi: -20, type: relativ}")(GOOD)
    result, data = run(runner, tmp_path, text)
    row = data["indicators"][0]
    assert data["findings"] == []
    assert row["target"]["value"] == 8.0 and row["target"]["as_written"] == -20.0  # 20 % below 10.0
    assert row["status"] == "groenn" and row["attainment_percent"] == pytest.approx(105.0)


def test_duplicate_indicator_id_across_files(runner, tmp_path):
    write_tree(tmp_path, {"data/indikatorer/other.yaml": GOOD.split("maalinger:")[0]})
    result, data = run(runner, tmp_path, GOOD)
    assert [(f["code"], f["path"], f["line"]) for f in data["findings"]] == [
        ("KVK203", "data/indikatorer/other.yaml", 3), ("KVK203", FILE, 3)]
    assert result.exit_code == 1


def test_only_missing_values_still_chart_and_card(runner, tmp_path):
    text = """\
indikatorer:
  - id: land
    navn: Hele landet
    rolle: referanse
    enhet: prosent
    retning: lavere_er_bedre
    frekvens: kvartal
    definisjon: {tekst: SSB}
    kilde: {system: SSB}
maalinger:
  - {indikator: land, periode: 2009-Q4, status: M}
"""
    result, data = run(runner, tmp_path, text, "--plot", str(tmp_path / "p"))
    assert result.exit_code == 0 and data["indicators"][0]["status"] == "graa"
    assert "Ingen målinger" in (tmp_path / "p" / "land.svg").read_text(encoding="utf-8")
