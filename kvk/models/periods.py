"""Reporting periods in the SDMX forms people use for indicators.

``2009`` (year), ``2009-S1`` (half-year), ``2009-T2`` (tertial), ``2009-Q3`` (quarter),
``2009-M03`` (month; ISO ``2009-03`` is accepted too) and ``2009-W05`` (ISO week).
A :class:`Period` knows its first and last day, orders by time, and steps to its neighbours.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..i18n import _

#: frequency letter -> (periods per year, Norwegian name)
FREQUENCIES = {
    "A": (1, "år"),
    "S": (2, "halvår"),
    "T": (3, "tertial"),
    "Q": (4, "kvartal"),
    "M": (12, "måned"),
    "W": (53, "uke"),
}

_PATTERN = re.compile(
    r"^(?P<year>\d{4})(?:-(?:(?P<freq>[ASTQMW])(?P<index>\d{1,2})|(?P<isomonth>\d{2})))?$", re.ASCII
)


class PeriodError(ValueError):
    pass


@dataclass(frozen=True, order=True)
class Period:
    # field order gives chronological ordering within one frequency; across frequencies,
    # compare .start() instead
    year: int
    freq: str
    index: int

    @classmethod
    def parse(cls, text: str) -> "Period":
        text = str(text).strip()
        m = _PATTERN.match(text)
        if not m:
            raise PeriodError(_("'{value}' is not a period").format(value=text))
        year = int(m["year"])
        if m["isomonth"]:
            freq, index = "M", int(m["isomonth"])
        elif m["freq"]:
            freq, index = m["freq"], int(m["index"])
        else:
            freq, index = "A", 1
        if freq == "W":
            try:
                date.fromisocalendar(year, index, 1)
            except ValueError:
                raise PeriodError(_("'{value}': {year} has no ISO week {week}").format(
                    value=text, year=year, week=index)) from None
        elif not 1 <= index <= FREQUENCIES[freq][0]:
            raise PeriodError(_("'{value}': a year has {count} periods of this kind").format(
                value=text, count=FREQUENCIES[freq][0]))
        return cls(year, freq, index)

    def __str__(self) -> str:
        if self.freq == "A":
            return f"{self.year}"
        if self.freq in "MW":
            return f"{self.year}-{self.freq}{self.index:02d}"
        return f"{self.year}-{self.freq}{self.index}"

    def per_year(self) -> int:
        if self.freq == "W":
            return date(self.year, 12, 28).isocalendar()[1]
        return FREQUENCIES[self.freq][0]

    def start(self) -> date:
        if self.freq == "W":
            return date.fromisocalendar(self.year, self.index, 1)
        months = 12 // FREQUENCIES[self.freq][0]
        return date(self.year, (self.index - 1) * months + 1, 1)

    def end(self) -> date:
        if self.freq == "W":
            return date.fromisocalendar(self.year, self.index, 7)
        months = 12 // FREQUENCIES[self.freq][0]
        last_month = self.index * months
        return date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])

    def shift(self, n: int) -> "Period":
        """The period ``n`` steps later (earlier when negative), in the same frequency."""
        if self.freq == "W":
            d = self.start() + timedelta(weeks=n)
            y, w, _ = d.isocalendar()
            return Period(y, "W", w)
        per = FREQUENCIES[self.freq][0]
        k = self.year * per + (self.index - 1) + n
        return Period(k // per, self.freq, k % per + 1)

    def next(self) -> "Period":
        return self.shift(1)

    def previous(self) -> "Period":
        return self.shift(-1)

    def same_period_last_year(self) -> "Period":
        if self.freq == "W":
            return Period(self.year - 1, "W", min(self.index, Period(self.year - 1, "W", 1).per_year()))
        return Period(self.year - 1, self.freq, self.index)

    @classmethod
    def containing(cls, day: date, freq: str) -> "Period":
        if freq == "W":
            y, w, _ = day.isocalendar()
            return cls(y, "W", w)
        months = 12 // FREQUENCIES[freq][0]
        return cls(day.year, freq, (day.month - 1) // months + 1)

    @classmethod
    def last_ended(cls, day: date, freq: str) -> "Period":
        """The latest period of ``freq`` that has ended on or before ``day``."""
        current = cls.containing(day, freq)
        return current if current.end() <= day else current.previous()


def period_range(first: Period, last: Period) -> list[Period]:
    """Every period from ``first`` to ``last`` inclusive (same frequency); empty if reversed."""
    if first.freq != last.freq:
        raise PeriodError(_("cannot step from {first} to {last}: different frequencies").format(first=first, last=last))
    out: list[Period] = []
    current = first
    while current <= last:
        out.append(current)
        current = current.next()
    return out
