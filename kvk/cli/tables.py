"""Tables of records for the terminal: ``kvk list`` and ``kvk actions``.

Written out here rather than with rich's Table: a listing of 20,000 cases took rich 9-13 s
(it measures and lays out every cell through its segment machinery), which made listing cost
four times a full check. This lays out a table in one pass over the cells and fits it to the
width it is given (80 columns too), in three steps:

1. running-text columns wrap, at spaces, down to the width of their longest word (a word longer
   than :data:`WORD_CAP` breaks), never below :data:`MIN_WRAPPED`;
2. if that is not enough, the least important columns are left out, one by one (each column says
   how soon it goes, ``drop``), and a last line names them;
3. if even the columns that always stay do not fit, each row becomes a block of "Header  value"
   lines (the vertical layout).

Ids, dates and numbers are never cut or wrapped: people copy those into the next command.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from dataclasses import dataclass
from typing import Callable, Sequence

from rich.cells import cell_len

GAP = "  "
#: a wrapped column is never made narrower than this (unless its widest cell is narrower)
MIN_WRAPPED = 10
#: words up to this long keep whole when a column wraps; a longer one may break
WORD_CAP = 16


@dataclass(frozen=True)
class Column:
    header: str
    cell: Callable[[object], str]
    wraps: bool = False  # running text, which may wrap; other columns are kept whole
    drop: int = 0  # 0: always shown; when the table is too wide, the highest number goes first


def terminal_width() -> int:
    return shutil.get_terminal_size((100, 24)).columns


def _width(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _natural(columns: Sequence[Column], cells: list[list[str]]) -> list[int]:
    return [max([_width(c.header)] + [_width(line) for row in cells for line in row[n].splitlines() or [""]])
            for n, c in enumerate(columns)]


def _least(columns: Sequence[Column], cells: list[list[str]], natural: list[int]) -> list[int]:
    """The narrowest each column may become: its whole width, or for running text its longest
    word (capped), and never narrower than its header."""
    out = []
    for n, c in enumerate(columns):
        if not c.wraps:
            out.append(natural[n])
            continue
        # len() for words: a cheap upper bound of their width for the text records hold
        word = max((len(w) for row in cells for w in row[n].split()), default=0)
        out.append(max(cell_len(c.header), min(natural[n], max(MIN_WRAPPED, min(word, WORD_CAP)))))
    return out


def _fit(natural: list[int], least: list[int], width: int) -> list[int]:
    """Widths that fit: the wrapped columns give up room, the widest first, down to their least."""
    widths = list(natural)
    excess = sum(widths) + len(GAP) * (len(widths) - 1) - width
    shrinking = [n for n in range(len(widths)) if widths[n] > least[n]]
    while excess > 0 and shrinking:
        n = max(shrinking, key=lambda i: widths[i])
        cut = min(widths[n] - least[n], excess, max(1, widths[n] // 8))
        widths[n] -= cut
        excess -= cut
        if widths[n] <= least[n]:
            shrinking.remove(n)
    return widths


def _lines(text: str, width: int, wraps: bool) -> list[str]:
    out: list[str] = []
    for part in text.splitlines() or [""]:
        if wraps and _width(part) > width:
            out += _wrap(part, width)
        else:
            out.append(part)
    return out


def _wrap(text: str, width: int) -> list[str]:
    """Greedy wrapping at spaces (textwrap does more and took half a 20,000-row listing); a word
    longer than the column starts a line of its own, then breaks."""
    out: list[str] = []
    line, used = "", 0
    for word in text.split():
        w = _width(word)
        if line and used + 1 + w <= width:
            line, used = f"{line} {word}", used + 1 + w
            continue
        if line:
            out.append(line)
        while w > width:
            cut = _cut(word, width)
            out.append(word[:cut])
            word = word[cut:]
            w = _width(word)
        line, used = word, w
    out.append(line)
    return out


def _cut(text: str, width: int) -> int:
    """How many characters of ``text`` fill ``width`` cells (at least one)."""
    used = 0
    for i, ch in enumerate(text):
        used += cell_len(ch)
        if used > width:
            return max(1, i)
    return len(text)


def _style(line: str, style: str | None, colour: bool) -> str:
    if not (colour and style):
        return line
    import typer

    return typer.style(line, fg="red" if "red" in style else None, bold="bold" in style)


def render(title: str, columns: Sequence[Column], rows: Sequence[object], width: int | None = None,
           styles: Sequence[str | None] | None = None) -> str:
    """The table as text, at most ``width`` columns wide wherever the ids and dates allow: a
    title line, the headers, a rule, then each row (wrapped cells take more lines). ``styles``
    colours whole rows ("bold red") when the output is a terminal."""
    width = width or terminal_width()
    cells = [[c.cell(row) for c in columns] for row in rows]
    colour = styles is not None and sys.stdout.isatty()
    natural = _natural(columns, cells)
    least = _least(columns, cells, natural)
    shown = list(range(len(columns)))

    def need(keep: list[int]) -> int:
        return sum(least[n] for n in keep) + len(GAP) * (len(keep) - 1)

    while need(shown) > width and any(columns[n].drop for n in shown):
        # the highest drop number goes first; of equals, the rightmost
        shown.remove(max((n for n in shown if columns[n].drop), key=lambda n: (columns[n].drop, n)))
    if need(shown) > width:
        return _vertical(title, columns, cells, width, styles, colour)
    left_out = [columns[n].header for n in range(len(columns)) if n not in shown]
    cols = [columns[n] for n in shown]
    widths = _fit([natural[n] for n in shown], [least[n] for n in shown], width)
    out = [title, GAP.join(_pad(c.header, w) for c, w in zip(cols, widths)).rstrip(),
           GAP.join("─" * w for w in widths)]
    for i, row in enumerate(cells):
        parts = [_lines(row[n], w, c.wraps) for n, w, c in zip(shown, widths, cols)]
        for k in range(max(len(p) for p in parts)):
            line = GAP.join(_pad(p[k] if k < len(p) else "", w) for p, w in zip(parts, widths)).rstrip()
            out.append(_style(line, styles[i] if styles else None, colour))
    if left_out:
        from ..i18n import ngettext

        out += textwrap.wrap("(" + ngettext(
            "{columns} left out to fit {width} columns; a wider terminal or --format json shows it",
            "{columns} left out to fit {width} columns; a wider terminal or --format json shows them",
            len(left_out)).format(columns=", ".join(left_out), width=width) + ")", width)
    return "\n".join(out) + "\n"


def _vertical(title: str, columns: Sequence[Column], cells: list[list[str]], width: int,
              styles: Sequence[str | None] | None, colour: bool) -> str:
    """One block per row: each header, then its value; values wrap in the room left of the
    header column (ids and dates stay whole, however narrow the terminal)."""
    label = max(cell_len(c.header) for c in columns)
    room = max(MIN_WRAPPED, width - label - len(GAP))
    out = [title]
    for i, row in enumerate(cells):
        out.append("")
        for c, text in zip(columns, row):
            for k, line in enumerate(_lines(text, room, True) if c.wraps else text.splitlines() or [""]):
                head = _pad(c.header if k == 0 else "", label)
                out.append(_style(f"{head}{GAP}{line}".rstrip(), styles[i] if styles else None, colour))
    return "\n".join(out) + "\n"
