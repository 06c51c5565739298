"""kvk check-indicators and kvk render-scorecard, end to end on the product's own data.

Golden files live in tests/golden/indicators/. After an intended change, regenerate them with

    KVK_REGEN=1 .venv/bin/python -m pytest tests/cli/test_indicators.py

and read the diff before committing it.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kvk.cli import app

from ..conftest import ROOT, write_tree

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "indicators"
# a fixed width and no colour, so the table is the same on every machine
PLAIN = {"COLUMNS": "180", "NO_COLOR": "1", "TERM": "dumb", "FORCE_COLOR": None}


def golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("KVK_REGEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


def invoke(runner, *args, env=PLAIN):
    return runner.invoke(app, ["check-indicators", "--repo", str(ROOT), *args], env=env)


def test_scorecard_text_golden(runner):
    result = invoke(runner)
    assert result.exit_code == 0, result.output
    golden("scorecard.txt", result.stdout)
    assert result.stderr == "8 indicators in 2 files: 0 errors, 6 warnings, 1 info, 1 red\n"


def test_scorecard_json_golden(runner):
    result = invoke(runner, "--format", "json")
    assert result.exit_code == 0
    golden("scorecard.json", result.stdout)


def test_json_figures_for_the_demonstration_set(runner):
    data = json.loads(invoke(runner, "--format", "json").stdout)
    rows = {r["id"]: r for r in data["indicators"]}
    pro = rows["demo-sykefravaer-pro"]
    # hand computed from the file: 2009 tapte dagsverk over avtalte dagsverk, three units
    tapte = (551.1 + 465.6 + 518.2 + 514.8) + (260.4 + 224.7 + 255.4 + 246.4) + (80.1 + 65.1 + 75.1 + 68.1)
    avtalte = (5010 + 4850 + 5080 + 4950) + (2830 + 2740 + 2870 + 2800) + (756 + 732 + 766 + 748)
    assert pro["judged_value"]["value"] == pytest.approx(100 * tapte / avtalte, abs=1e-6)
    assert pro["judged_value"]["basis"] == "rullerende 4 kvartaler til 2009-Q4"
    q4 = pro["latest"]
    assert (q4["numerator"], q4["denominator"]) == (pytest.approx(514.8 + 246.4 + 68.1), 4950 + 2800 + 748)
    assert q4["status"] == "P"  # combined from provisional unit figures only
    assert pro["status"] == "gul" and pro["trend"]["arrow"] == "↓" and pro["trend"]["better"] is True
    assert pro["trend"]["basis"] == "rullerende 4 kvartaler, mot 2008-Q4"
    assert pro["landsbasis"]["value"] == 7.6
    assert pro["change_since_baseline"]["points_unit"] == "pp"
    assert rows["demo-trivsel-pro"]["status"] == "roed"
    assert rows["demo-uoensket-deltid-pro"]["status"] == "groenn"
    assert rows["sykefravaer-rissa-pro"]["status"] == "graa" and rows["sykefravaer-rissa-pro"]["latest"] is None
    assert data["stats"] == {"errors": 0, "warnings": 6, "infos": 1, "red": 1}


def test_selected_ids_only(runner):
    data = json.loads(invoke(runner, "demo-trivsel-pro", "--format", "json").stdout)
    assert [r["id"] for r in data["indicators"]] == ["demo-trivsel-pro"]
    assert data["findings"] == []


def test_exit_codes(runner):
    assert invoke(runner).exit_code == 0
    assert invoke(runner, "--strict").exit_code == 1  # the warnings
    assert invoke(runner, "--fail-on-red").exit_code == 3  # trivsel is red
    assert invoke(runner, "demo-uoensket-deltid-pro", "--fail-on-red").exit_code == 0


def test_errors_win_over_red(runner, seed_repo):
    demo = seed_repo / "data/indikatorer/demo-styringskort.yaml"
    demo.write_text(demo.read_text(encoding="utf-8").replace("verdi: 19.7, teller: 27", "verdi: 21.7, teller: 27"),
                    encoding="utf-8")
    result = runner.invoke(app, ["check-indicators", "--repo", str(seed_repo), "--fail-on-red"], env=PLAIN)
    assert result.exit_code == 1
    assert ("data/indikatorer/demo-styringskort.yaml:198:65: error KVK410 100 × teller / nevner = 19.708, which does "
            "not round to 21.7 with 1 decimal") in result.stdout


@pytest.mark.parametrize("args,message", [
    (["--as-of", "yesterday"], "--as-of: 'yesterday' is neither a period (2009-Q4) nor a date (2009-12-31)"),
    (["--as-of", "2009-13-01"], "--as-of: '2009-13-01' is not a date: there is no month 13"),
    (["--as-of", "2009-Q5"], "--as-of: '2009-Q5': a year has 4 periods of this kind"),
    (["--plot", "kvk.yaml"], "--plot kvk.yaml: cannot create the folder"),
    (["nope"], "unknown indicator: nope"),
    (["--select", "KVK9"], "unknown diagnostic code 'KVK9'"),
])
def test_usage_errors_exit_2(runner, args, message, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = invoke(runner, *args)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output


def test_select_and_ignore(runner):
    data = json.loads(invoke(runner, "--format", "json", "--select", "KVK42").stdout)
    assert {f["code"] for f in data["findings"]} == {"KVK422", "KVK424", "KVK425", "KVK428", "KVK429"}
    data = json.loads(invoke(runner, "--format", "json", "--ignore", "KVK422,KVK440").stdout)
    assert {f["code"] for f in data["findings"]} == {"KVK424", "KVK425", "KVK428", "KVK429"}
    assert invoke(runner, "--strict", "--select", "KVK440").exit_code == 0


def test_model_errors_are_reported_with_position(runner, tmp_path):
    write_tree(tmp_path, {"kvk.yaml": "organisasjon: Test\n", "data/indikatorer/x.yaml": """\
        indikatorer:
          - id: x
            navn: X
            enhet: prosent
            retning: lavere_er_bedre
            frekvens: kvartal
            diretion: up
        """})
    result = runner.invoke(app, ["check-indicators", "--repo", str(tmp_path)], env=PLAIN)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith(
        "data/indikatorer/x.yaml:7:5: error KVK102 unknown field 'diretion' (hint: fields here: id, navn,")


def test_repository_without_indicators(runner, tmp_path):
    write_tree(tmp_path, {"kvk.yaml": "organisasjon: Test\n"})
    result = runner.invoke(app, ["check-indicators", "--repo", str(tmp_path), "-f", "json"], env=PLAIN)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["indicators"] == []


def test_narrow_terminal_gets_cards(runner):
    result = invoke(runner, "demo-uoensket-deltid-pro", env={**PLAIN, "COLUMNS": "80"})
    lines = result.stdout.splitlines()
    assert "Uønsket deltid i PRO" in lines
    assert any(line.startswith("Måloppnåelse") and line.rstrip().endswith("≥100 %") for line in lines)


def _plot(tmp_path, name, seed):
    out = tmp_path / name
    env = {**os.environ, "PYTHONHASHSEED": seed, **{k: v for k, v in PLAIN.items() if v is not None}}
    # a fresh interpreter per run, with a different hash seed: set and dict order cannot leak in
    code = "import sys; from kvk.cli import main; sys.argv[0] = 'kvk'; main()"
    subprocess.run([sys.executable, "-c", code, "check-indicators", "--repo", str(ROOT), "--plot", str(out)],
                   capture_output=True, env=env)
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_plots_are_byte_identical_across_runs(tmp_path):
    first, second = _plot(tmp_path, "a", "1"), _plot(tmp_path, "b", "2")
    assert sorted(first) == sorted(f"{r}.svg" for r in (
        "demo-brukertilfredshet-sykehjem", "demo-sykefravaer-pro", "demo-trivsel-pro", "demo-uoensket-deltid-pro",
        "sykefravaer-ikke-deltakere", "sykefravaer-kvalitetskommuner", "sykefravaer-landsbasis",
        "sykefravaer-rissa-pro"))
    assert first == second
    golden("demo-sykefravaer-pro.svg", first["demo-sykefravaer-pro.svg"].decode("utf-8"))


def test_plot_lists_files_in_json(runner, tmp_path):
    data = json.loads(invoke(runner, "demo-trivsel-pro", "-f", "json", "--plot", str(tmp_path / "p")).stdout)
    assert data["plots"] == [(tmp_path / "p" / "demo-trivsel-pro.svg").as_posix()]


def test_html_page_is_self_contained_and_escaped(runner, seed_repo, tmp_path_factory):
    demo = seed_repo / "data/indikatorer/demo-styringskort.yaml"
    demo.write_text(demo.read_text(encoding="utf-8").replace(
        "navn: Trivsel på arbeidsplassen, PRO", "navn: \"Trivsel <script>alert(1)</script> & co\""), encoding="utf-8")
    folder = tmp_path_factory.mktemp("page")
    out = folder / "styringskort.html"
    result = runner.invoke(app, ["render-scorecard", "--repo", str(seed_repo), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.count("<svg") == 16  # a chart and a sparkline per indicator
    assert "<script>" not in page and "Trivsel &lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page
    assert "src=" not in page and "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert [p.name for p in folder.iterdir()] == ["styringskort.html"]  # no temporary file left


def test_html_output_into_a_missing_folder_is_exit_2(runner, tmp_path):
    result = runner.invoke(app, ["render-scorecard", "--repo", str(ROOT), "-o", str(tmp_path / "no" / "x.html")])
    assert result.exit_code == 2
    assert result.stderr == f"kvk: cannot write {tmp_path / 'no' / 'x.html'}: the folder {tmp_path / 'no'} does not exist\n"


def test_html_to_stdout(runner):
    result = runner.invoke(app, ["render-scorecard", "--repo", str(ROOT), "demo-uoensket-deltid-pro"])
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>") and "● grønn" in result.stdout


def test_commands_have_examples():
    from typer.main import get_command

    group = get_command(app)
    for name in ("check-indicators", "render-scorecard"):
        assert "Example:" in group.commands[name].help


def test_every_indicator_code_is_documented_with_its_severity():
    import re

    from kvk.diagnostics import CODES

    doc = (ROOT / "docs" / "indicators.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| (KVK4\d\d) \| (\w+) \|", doc, flags=re.M))
    assert table == {c.code: c.severity.value for c in CODES.values() if c.code.startswith("KVK4")}


def test_colours_follow_direction_and_light(runner):
    result = invoke(runner, "demo-sykefravaer-pro", "demo-trivsel-pro", env={"COLUMNS": "180", "FORCE_COLOR": "1", "NO_COLOR": None})
    out = result.stdout
    assert "\x1b[32m↓ −0,8 pp r4k" in out  # sick leave fell: better, green
    assert "\x1b[33m● gul" in out and "\x1b[31m● rød" in out
