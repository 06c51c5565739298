"""The scorecard as a rich table for the terminal. Builds renderables; printing is the CLI's job."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from . import fmt
from .scorecard import Row

LIGHT_STYLE = {"groenn": "green", "gul": "yellow", "roed": "red", "graa": "bright_black"}
PERSPECTIVE_LABEL = {"brukere": "Brukere", "medarbeidere": "Medarbeidere", "oekonomi": "Økonomi",
                     "samfunn": "Samfunn"}
CAPTION = ("Trend: år/år = mot samme periode i fjor; r4k = rullerende 4 kvartaler mot året før. "
           "Endring og avvik i prosentpoeng (pp) og prosent. † foreløpig, * estimert, ‖ brudd i serien.")


def _trend(row: Row) -> Text:
    t = row.trend
    if t is None:
        return Text("–")
    tag = "r4k" if t.basis.startswith("rullerende") else "år/år"
    style = "green" if t.better else ("red" if t.better is False else "")
    return Text(f"{t.arrow} {fmt.signed(t.delta, row.ind.desimaler)} {fmt.points_label(row.ind)} {tag}", style=style)


def _perspective(row: Row) -> str:
    if row.ind.rolle == "referanse":
        return "Referanse"
    p = row.ind.perspektiv
    return PERSPECTIVE_LABEL.get(p, p.capitalize()) if p else "–"


def scorecard_table(rows: list[Row], title: str) -> Table:
    table = Table(title=title, caption=CAPTION, show_lines=False, title_justify="left",
                  caption_justify="left", pad_edge=False)
    for name, justify in (("Perspektiv", "left"), ("Indikator", "left"), ("Periode", "left"),
                          ("Verdi", "right"), ("Mål", "left"), ("Status", "left"), ("Trend", "left"),
                          ("Endring siden baseline", "right"), ("Landsbasis", "right"),
                          ("Avvik", "right"), ("Siste perioder", "left"), ("Måloppnåelse", "right")):
        table.add_column(name, justify=justify, overflow="fold")
    for row in rows:
        ind, latest = row.ind, row.latest
        table.add_row(
            _perspective(row),
            ind.navn,
            str(latest.periode) if latest else "–",
            fmt.value(latest.verdi if latest else None, ind, latest.statuses if latest else frozenset()),
            fmt.target(row.target, ind),
            Text(fmt.light(row.light), style=LIGHT_STYLE[row.light]),
            _trend(row),
            fmt.change(row.since_baseline, ind),
            fmt.value(row.landsbasis, ind),
            fmt.gap(row.landsbasis_gap, ind),
            fmt.sparkline(row.spark),
            fmt.attainment(row.attainment),
        )
        for unit, point in sorted(row.units.items()):
            series = row.data.units[unit]
            spark = [series[p].verdi if p in series else None for p in row.spark_periods]
            table.add_row("", Text(f"  └ {unit}", style="dim"), str(point.periode),
                          fmt.value(point.verdi, ind, point.statuses), "", "", "", "", "", "",
                          fmt.sparkline(spark), "")
    return table
