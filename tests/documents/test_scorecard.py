"""The scorecard for politicians (issue 16): the published variant has no codes or paths,
numbers stay with their units, sparklines are SVG, a reference series without a goal is
neutral, every chart's y axis has its unit, a sparse series shows its points and its gaps."""

from __future__ import annotations

import re

from kvk.cli import app

from ..conftest import ROOT


def _page(runner, *args) -> str:
    result = runner.invoke(app, ["render-scorecard", "--repo", str(ROOT), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_published_variant_has_no_codes_or_paths(runner):
    internal, public = _page(runner), _page(runner, "--public")
    assert re.search(r"KVK\d{3}", internal) and "data/indikatorer/" in internal  # the seed has findings
    assert re.search(r"KVK\d{3}", public) is None
    assert "data/indikatorer/" not in public and ".yaml" not in public
    assert "Funn i dataene (intern versjon)" in internal and "Funn" not in public


def test_numbers_are_bound_to_their_units(runner):
    page = _page(runner, "--public")
    cells = re.findall(r'<td class="tall">([^<]*)</td>', page)
    assert any("\u00a0%" in c for c in cells) and any("\u00a0pp" in c for c in cells)
    for cell in cells:
        for part in cell.split(" / "):
            assert " " not in part, f"a breakable space inside {part!r}"


def test_sparklines_are_svg_with_a_text_alternative(runner):
    page = _page(runner, "--public")
    sparks = re.findall(r'<svg [^>]*width="84" height="20"[^>]*aria-label="([^"]+)"', page)
    assert len(sparks) == 8
    assert all(re.search(r"\d{4}(-Q\d)?: ", s) for s in sparks if s != "Ingen målinger")
    assert not re.search("[▁▂▃▄▅▆▇█]", page)


def test_every_chart_names_its_unit(runner):
    page = _page(runner)
    charts = re.findall(r'<svg xmlns="http://www.w3.org/2000/svg" width="640".*?</svg>', page, re.S)
    measured = [c for c in charts if "Ingen målinger" not in c]
    assert measured
    for chart in measured:
        assert re.search(r'font-style="italic">[^<]+</text>', chart), chart[:200]


def test_a_reference_series_without_a_goal_is_neutral(runner):
    from kvk.indicators.report import load_report
    from kvk.render import charts
    from kvk.repository import Repository

    report = load_report(Repository.open(ROOT))
    neutral = [r for r in report.rows if charts.is_neutral(r)]
    assert neutral, "the seed has a reference series without a goal"
    for row in (r for r in neutral if any(p.verdi is not None for p in r.data.total.values())):
        chart = charts.chart(row)
        assert charts.NEUTRAL in chart and f'stroke="{charts.SERIES}"' not in chart
    page = _page(runner, "--public")
    for row in neutral:
        cells = page[page.index(f'id="rad-{row.ind.id}"'):].split("</tr>")[0]
        assert 'class="noeytral"' in cells and "roed" not in cells and "verre" not in cells


def test_a_sparse_series_shows_points_and_gaps(runner):
    from dataclasses import replace

    from kvk.indicators.report import load_report
    from kvk.render import charts
    from kvk.repository import Repository

    report = load_report(Repository.open(ROOT))
    row = next(r for r in report.rows if len([p for p in r.data.total.values() if p.verdi is not None]) >= 4)
    periods = sorted(row.data.total)
    keep = {periods[0], periods[2], periods[-1]}  # three measurements with gaps between
    sparse = replace(row, data=replace(row.data, total={p: v for p, v in row.data.total.items() if p in keep}))
    chart = charts.chart(sparse)
    assert chart.count("<title>Mangler målinger</title>") == 2  # the two gaps, drawn as gaps
    assert len(re.findall(r'<circle [^>]*r="4.5"', chart)) == 3  # each lone point as a clear marker
