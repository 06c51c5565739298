"""The scorecard as a rich table for the terminal (the library computes it; drawing is the CLI's)."""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..indicators import fmt
from ..indicators.fmt import CLAIM_WORD
from ..indicators.scorecard import Row

LIGHT_STYLE = {"groenn": "green", "gul": "yellow", "roed": "red", "graa": "bright_black"}
NAME_MIN = 20
CAPTION = ("Trend: år/år = mot samme periode i fjor; r4k = rullerende 4 kvartaler mot året før. "
           "Endring og avvik i prosentpoeng (pp) og prosent. † foreløpig, * estimert, ‖ brudd i serien.")


def _trend(row: Row) -> Text:
    t = row.trend
    if t is None:
        return Text("–")
    tag = "r4k" if t.basis.startswith("rullerende") else "år/år"
    style = "green" if t.better else ("red" if t.better is False else "")
    return Text(f"{t.arrow} {fmt.signed(t.delta, row.ind.desimaler)} {fmt.points_label(row.ind)} {tag}", style=style)


def _landsbasis(row: Row) -> str:
    if row.landsbasis is None:
        return "–"
    return f"{fmt.value(row.landsbasis, row.ind)} ({fmt.gap(row.landsbasis_gap, row.ind)})"


def _perspective(row: Row) -> str:
    if row.ind.rolle == "referanse":
        return "Referanse"
    from .labels import label

    # the scorecard speaks bokmål throughout (its headings, its caption), whatever the CLI speaks
    p = label("perspektiv", row.ind.perspektiv, lang="nb")
    return p[:1].upper() + p[1:] if p else "–"


def scorecard_table(rows: list[Row], title: str) -> Table:
    """One row per indicator, grouped under a heading per perspective, unit rows beneath."""
    table = Table(title=title, caption=CAPTION, box=box.SIMPLE_HEAD, title_justify="left",
                  caption_justify="left", pad_edge=False, collapse_padding=True)
    for name, justify in (("Indikator", "left"), ("Periode", "left"), ("Verdi", "right"), ("Mål", "left"),
                          ("Status", "left"), ("Trend", "left"), ("Endring\nsiden baseline", "right"),
                          ("Landsbasis\n(avvik)", "right"), ("Siste\nperioder", "left"),
                          ("Mål-\noppnåelse", "right")):
        # only the name may wrap: a figure broken over two lines is misread
        wrap = name == "Indikator"
        table.add_column(name, justify=justify, no_wrap=not wrap, min_width=NAME_MIN if wrap else None)
    heading = None
    for row in rows:
        ind, latest = row.ind, row.latest
        if _perspective(row) != heading:
            heading = _perspective(row)
            if table.rows:
                table.add_section()
            table.add_row(Text(heading, style="bold"))
        table.add_row(
            ind.navn,
            str(latest.periode) if latest else "–",
            fmt.value(latest.verdi if latest else None, ind, latest.statuses if latest else frozenset()),
            fmt.target(row.target, ind),
            Text(fmt.light(row.light), style=LIGHT_STYLE[row.light]),
            _trend(row),
            fmt.change(row.since_baseline, ind),
            _landsbasis(row),
            fmt.sparkline(row.spark),
            fmt.attainment(row.attainment),
        )
        for unit, point in sorted(row.units.items()):
            series = row.data.units[unit]
            spark = [series[p].verdi if p in series else None for p in row.spark_periods]
            table.add_row(Text(f"  └ {unit}", style="dim"), str(point.periode),
                          fmt.value(point.verdi, ind, point.statuses), "", "", "", "", "",
                          fmt.sparkline(spark), "")
    return table


def _cells(row: Row) -> list[tuple[str, Text | str]]:
    ind, latest = row.ind, row.latest
    return [
        ("Perspektiv", _perspective(row)),
        ("Periode", str(latest.periode) if latest else "–"),
        ("Verdi", fmt.value(latest.verdi if latest else None, ind, latest.statuses if latest else frozenset())),
        ("Mål", fmt.target(row.target, ind)),
        ("Status", Text(fmt.light(row.light), style=LIGHT_STYLE[row.light])),
        ("Trend", _trend(row)),
        ("Endring siden baseline", fmt.change(row.since_baseline, ind)),
        ("Landsbasis (avvik)", _landsbasis(row)),
        ("Siste perioder", fmt.sparkline(row.spark)),
        ("Måloppnåelse", fmt.attainment(row.attainment)),
    ]


def scorecard_cards(rows: list[Row], title: str) -> Group:
    """The same figures as :func:`scorecard_table`, one block per indicator, for narrow screens."""
    parts: list = [Text(title, style="bold"), Text("")]
    for row in rows:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column()
        for label, value in _cells(row):
            grid.add_row(label, value)
        for unit, point in sorted(row.units.items()):
            grid.add_row(f"  └ {unit}", f"{fmt.value(point.verdi, row.ind, point.statuses)} ({point.periode})")
        parts += [Text(row.ind.navn, style="bold"), grid, Text("")]
    parts.append(Text(CAPTION, style="dim"))
    return Group(*parts)


def scorecard(rows: list[Row], title: str, width: int):
    """The table when it fits in ``width`` columns, else the cards."""
    from rich.console import Console

    from rich.cells import cell_len

    table = scorecard_table(rows, title)
    # the name column may wrap down to its min_width; every other column needs its full width.
    # At least its widest cell: when those alone overflow, the cards are chosen without
    # measuring the whole table (on 500 indicators, a twentieth of check-indicators)
    widest = sum(max((cell_len(line) for c in column.cells for line in _plain(c).split("\n")), default=0)
                 for column in table.columns[1:])
    if widest + NAME_MIN > width:
        return scorecard_cards(rows, title)
    names = [cell_len(r.ind.navn) for r in rows] + [cell_len(f"  └ {u}") for r in rows for u in r.units]
    need = Console(width=10_000).measure(table).maximum - max(names, default=NAME_MIN) + NAME_MIN
    return table if need <= width else scorecard_cards(rows, title)


def _plain(cell) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


CLAIM_STYLE = {"KVK427": "red", "KVK428": "yellow", "KVK440": "green"}


def _claim_cells(result) -> tuple[str, str, str, Text]:
    claim = result.placed.item
    said = claim.tekst or f"fra {claim.fra.verdi:g} til {claim.til.verdi:g}"
    return (claim.indikator, said, claim.kilde,
            Text(f"{CLAIM_WORD[result.code]} ({result.code})", style=CLAIM_STYLE[result.code]))


#: the narrowest the running-text columns of the Påstander table may be
CLAIM_MIN = {"Påstand": 20, "Kilde": 12, "Resultat": 12}


def claims_table(claims, width: int | None = None):
    """Påstander: what documents say about the indicators, and whether the data bear it out.
    A table when it fits in ``width`` columns (the text columns wrap), else one block per claim."""
    if not claims:
        return None
    rows = [_claim_cells(result) for result in claims]
    from rich.cells import cell_len

    ids = max(cell_len("Indikator"), *(cell_len(r[0]) for r in rows))
    # four columns with one space between them (collapsed padding), the ids kept whole
    if width is not None and ids + sum(CLAIM_MIN.values()) + 3 > width:
        return _claims_cards(rows)
    table = Table(title="Påstander", box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False,
                  collapse_padding=True)
    table.add_column("Indikator", no_wrap=True)
    table.add_column("Påstand", min_width=CLAIM_MIN["Påstand"], ratio=3)
    table.add_column("Kilde", min_width=CLAIM_MIN["Kilde"], ratio=2)
    table.add_column("Resultat", min_width=CLAIM_MIN["Resultat"], ratio=2)
    for row in rows:
        table.add_row(*row)
    return table


def _claims_cards(rows) -> Group:
    parts: list = [Text("Påstander", style="bold"), Text("")]
    for indikator, said, kilde, result in rows:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column()
        for label, value in (("Indikator", indikator), ("Påstand", said), ("Kilde", kilde), ("Resultat", result)):
            grid.add_row(label, value)
        parts += [grid, Text("")]
    return Group(*parts)
