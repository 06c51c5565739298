"""Tables of records for the terminal: ``kvk list`` and ``kvk actions``.

Written out here rather than with rich's Table: a listing of 20,000 cases took rich 9-13 s
(it measures and lays out every cell through its segment machinery), which made listing cost
four times a full check. This lays out a table in one pass over the cells, fits it to the
terminal by wrapping the running-text columns, and never cuts an id, a date or a number: people
copy those into the next command.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from dataclasses import dataclass
from typing import Callable, Sequence

from rich.cells import cell_len

GAP = "  "
#: a wrapped column is never made narrower than this
MIN_WRAPPED = 8


@dataclass(frozen=True)
class Column:
    header: str
    cell: Callable[[object], str]
    wraps: bool = False  # running text, which may wrap; other columns are kept whole


def terminal_width() -> int:
    return shutil.get_terminal_size((100, 24)).columns


def _pad(text: str, width: int) -> str:
    return text + " " * (width - cell_len(text))


def _widths(columns: Sequence[Column], cells: list[list[str]], width: int) -> list[int]:
    natural = [max([cell_len(c.header)] + [cell_len(line) for row in cells for line in row[n].splitlines() or [""]])
               for n, c in enumerate(columns)]
    total = sum(natural) + len(GAP) * (len(columns) - 1)
    excess = total - width
    if excess <= 0:
        return natural
    least = [max(MIN_WRAPPED, cell_len(c.header)) for c in columns]  # a header is never cut
    wrapped = [n for n, c in enumerate(columns) if c.wraps and natural[n] > least[n]]
    # take the excess from the wrapped columns, the widest first, down to their least width
    widths = list(natural)
    while excess > 0 and wrapped:
        n = max(wrapped, key=lambda i: widths[i])
        room = widths[n] - least[n]
        if room <= 0:
            wrapped.remove(n)
            continue
        cut = min(room, excess, max(1, widths[n] // 8))
        widths[n] -= cut
        excess -= cut
    return widths


def _lines(text: str, width: int, wraps: bool) -> list[str]:
    out: list[str] = []
    for part in text.splitlines() or [""]:
        out += (textwrap.wrap(part, width, break_long_words=True, break_on_hyphens=False) or [""]) if wraps \
            and cell_len(part) > width else [part]
    return out


def render(title: str, columns: Sequence[Column], rows: Sequence[object], width: int | None = None,
           styles: Sequence[str | None] | None = None) -> str:
    """The table as text: a title line, the headers, a rule, then each row (wrapped cells take
    more lines). ``styles`` colours whole rows ("bold red") when the output is a terminal."""
    width = width or terminal_width()
    cells = [[c.cell(row) for c in columns] for row in rows]
    widths = _widths(columns, cells, width)
    colour = styles is not None and sys.stdout.isatty()
    out = [title, GAP.join(_pad(c.header, w) for c, w in zip(columns, widths)).rstrip(),
           GAP.join("─" * w for w in widths)]
    for i, row in enumerate(cells):
        parts = [_lines(text, w, c.wraps) for text, w, c in zip(row, widths, columns)]
        for k in range(max(len(p) for p in parts)):
            line = GAP.join(_pad(p[k] if k < len(p) else "", w) for p, w in zip(parts, widths)).rstrip()
            if colour and styles[i]:
                import typer

                line = typer.style(line, fg="red" if "red" in styles[i] else None, bold="bold" in styles[i])
            out.append(line)
    return "\n".join(out) + "\n"
