"""Numbers, dates and times as the presentation profile writes them (the patterns of
``kvk.models.config``), independent of the machine's locale.

    fmt_date(date(2009, 2, 19), "Ukedag d. mmmm yyyy", "nb")  -> "Torsdag 19. februar 2009"
    fmt_time(time(17, 0), "HH:MM")                            -> "17:00"
    fmt_saksnr("2011/135", "yy/n")                            -> "11/135"
    fmt_item_nr("PS 30/09", "nnn/yy")                         -> "030/09"

A value that cannot be read as the pattern needs (an item numbered "Eventuelt") prints as
written: the profile shapes numbers, it never hides one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from functools import lru_cache

from ..models.config import split_pattern
from .labels import MONTHS, WEEKDAYS


@lru_cache(maxsize=256)
def _split(pattern: str, kind: str) -> tuple[tuple[bool, str], ...]:
    return tuple(split_pattern(pattern, kind))


def fmt_date(d: date, pattern: str, maalform: str = "nb") -> str:
    values = {
        "d": str(d.day), "dd": f"{d.day:02d}", "m": str(d.month), "mm": f"{d.month:02d}",
        "mmmm": MONTHS[d.month - 1], "yy": f"{d.year % 100:02d}", "yyyy": str(d.year),
        "ukedag": WEEKDAYS[maalform][d.weekday()],
        "Ukedag": WEEKDAYS[maalform][d.weekday()].capitalize(),
    }
    return "".join(values[text] if token else text for token, text in _split(pattern, "dato"))


def fmt_time(t: time, pattern: str) -> str:
    values = {"H": str(t.hour), "HH": f"{t.hour:02d}", "MM": f"{t.minute:02d}", "SS": f"{t.second:02d}"}
    return "".join(values[text] if token else text for token, text in _split(pattern, "tid"))


@dataclass(frozen=True)
class Nummer:
    """A number split into its parts: "PS 30/09" -> prefiks PS, loepenr 30, aar 2009."""

    tekst: str  # as written
    prefiks: str | None
    loepenr: int | None
    aar: int | None


_NUMBER = re.compile(r"^\s*(?:(?P<prefiks>[A-Za-zÆØÅæøå]+)\s*)?(?P<a>\d+)?\s*/\s*(?P<b>\d+)?\s*$")


def parse_number(text: str, year_first: bool) -> Nummer:
    """"2011/135" (year first, a saksnr) or "PS 30/09" (year last, an utvalgssaksnr); a bare
    "12" is a løpenummer without a year."""
    m = _NUMBER.match(text or "")
    if m is None:
        bare = re.fullmatch(r"\s*(?:([A-Za-zÆØÅæøå]+)\s*)?(\d+)\s*", text or "")
        if bare:
            return Nummer(text, bare[1], int(bare[2]), None)
        return Nummer(text, None, None, None)
    a, b = m["a"], m["b"]
    year, seq = (a, b) if year_first else (b, a)
    aar = None
    if year is not None:
        aar = int(year)
        if len(year) <= 2:
            aar += 2000 if aar < 70 else 1900
    return Nummer(text, m["prefiks"], int(seq) if seq is not None else None, aar)


def fmt_number(n: Nummer, pattern: str | None) -> str:
    """``n`` in ``pattern``; as written when there is no pattern or a part it needs is missing
    (a partly stated number keeps its blank: "/13" stays "/13")."""
    if not pattern:
        return n.tekst
    out = []
    for token, text in _split(pattern, "nummer"):
        if not token:
            out.append(text)
        elif text == "P":
            out.append(n.prefiks or "")
        elif text in ("yy", "yyyy"):
            out.append("" if n.aar is None else (f"{n.aar % 100:02d}" if text == "yy" else str(n.aar)))
        else:  # a run of n
            if n.loepenr is None and n.aar is None:
                return n.tekst
            out.append("" if n.loepenr is None else f"{n.loepenr:0{len(text)}d}" if len(text) > 1
                       else str(n.loepenr))
    return "".join(out).strip()


def fmt_saksnr(text: str, pattern: str | None) -> str:
    return fmt_number(parse_number(text, year_first=True), pattern)


def fmt_item_nr(text: str, pattern: str | None) -> str:
    return fmt_number(parse_number(text, year_first=False), pattern)
