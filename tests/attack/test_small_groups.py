"""Values from fewer than min_personer persons are suppressed in every published indicator
output, not only warned about (issue 12, point 3): the scorecard as text, JSON and HTML, the
SVG charts and check-indicators' findings never show the figure, nor a teller or nevner."""

from __future__ import annotations

import json

import pytest

from kvk.cli import app

from ..conftest import write_tree
from ..indicators.test_checks import FILE, GOOD

#: the last quarter comes from 3 persons: its figures are distinctive, to be looked for
SMALL = (GOOD.replace("    eier: Kommunalsjef\n", "    eier: Kommunalsjef\n    min_personer: 5\n")
         .replace("{indikator: sf, periode: 2009-Q4, verdi: 7.9, teller: 79, nevner: 1000}",
                  "{indikator: sf, periode: 2009-Q4, verdi: 6.37, teller: 637, nevner: 10001, personer: 3}"))
SECRETS = ["6,37", "6.37", "6,4", "6.4", "637", "10001", "10 001"]


@pytest.fixture
def repo(tmp_path):
    write_tree(tmp_path, {"kvk.yaml": "organisasjon: Test kommune\n", FILE: SMALL})
    return tmp_path


def leaks(text: str) -> list[str]:
    return [s for s in SECRETS if s in text]


def test_check_indicators_text_and_json_show_no_suppressed_figure(runner, repo):
    text = runner.invoke(app, ["check-indicators", "--repo", str(repo), "--as-of", "2009-Q4"])
    assert "KVK430" in text.stdout and "suppressed in every published output" in text.stdout
    assert leaks(text.stdout) == [], text.stdout
    out = runner.invoke(app, ["check-indicators", "--repo", str(repo), "--as-of", "2009-Q4", "--format", "json"])
    data = json.loads(out.stdout)
    assert leaks(json.dumps(data["indicators"])) == []
    row = data["indicators"][0]
    last = [p for p in row["series"] if p["period"] == "2009-Q4"]
    assert last == [] or (last[0]["value"] is None and last[0]["status"] == "C")
    assert row["latest"]["period"] == "2009-Q3"  # the latest value that may be shown


def test_scorecard_html_and_svg_charts_show_no_suppressed_figure(runner, repo, tmp_path_factory):
    page = tmp_path_factory.mktemp("out") / "styringskort.html"
    result = runner.invoke(app, ["render-scorecard", "--repo", str(repo), "--as-of", "2009-Q4", "-o", str(page)])
    assert result.exit_code in (0, 1), result.output
    assert leaks(page.read_text(encoding="utf-8")) == []
    charts = tmp_path_factory.mktemp("charts")
    runner.invoke(app, ["check-indicators", "--repo", str(repo), "--as-of", "2009-Q4", "--plot", str(charts)])
    svgs = list(charts.rglob("*.svg"))
    assert svgs
    for svg in svgs:
        assert leaks(svg.read_text(encoding="utf-8")) == [], svg.name
        assert "2009-Q4: 6" not in svg.read_text(encoding="utf-8")


def test_findings_about_a_suppressed_value_do_not_quote_it(runner, repo):
    (repo / FILE).write_text(SMALL.replace("verdi: 6.37, teller: 637", "verdi: 6.37, teller: 600"))
    out = runner.invoke(app, ["check-indicators", "--repo", str(repo), "--as-of", "2009-Q4"])
    assert "KVK410" in out.stdout
    assert "not shown: fewer than min_personer persons" in out.stdout
    assert leaks(out.stdout.replace("600", "")) == [], out.stdout


def test_values_from_enough_persons_are_shown(runner, tmp_path):
    write_tree(tmp_path, {"kvk.yaml": "organisasjon: Test kommune\n", FILE: SMALL.replace("personer: 3", "personer: 5")})
    out = runner.invoke(app, ["check-indicators", "--repo", str(tmp_path), "--as-of", "2009-Q4", "--format", "json"])
    row = json.loads(out.stdout)["indicators"][0]
    assert row["latest"] == {"period": "2009-Q4", "value": 6.37, "numerator": 637, "denominator": 10001,
                             "status": "A"} or row["latest"]["value"] == 6.37
