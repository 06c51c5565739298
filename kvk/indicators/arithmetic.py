"""Indicator arithmetic, done the way the statistics agencies do it.

Rates are combined as a ratio of sums (sum of tapte dagsverk over sum of avtalte dagsverk),
never as an average of percentages: a small unit with a high rate would otherwise weigh as much
as a large one. Trends compare the same period a year earlier, or rolling four quarters, because
sick leave is seasonal (Q1 high, Q3 low). Changes are given both in points (prosentpoeng for a
percentage) and in percent of the old value, and always labelled, because "ned 10,7 prosent" and
"ned 0,8 prosentpoeng" describe the same fall.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from statistics import fmean
from typing import Iterable, NamedTuple, Sequence

from ..models.periods import Period

#: SDMX observation statuses that make a value less than final
UNCERTAIN = frozenset("EIPUV")
BREAK = "B"
MISSING = frozenset("MO")


_FINAL = frozenset("A")


class Point(NamedTuple):
    """One value of a series: measured, or combined from several measurements. (A named tuple:
    a scorecard of 500 indicators makes some 50,000 of them, and a frozen dataclass costs
    several times as much to make.)"""

    periode: Period
    verdi: float | None
    teller: float | None = None
    nevner: float | None = None
    statuses: frozenset[str] = _FINAL

    @property
    def missing(self) -> bool:
        return self.verdi is None

    @property
    def uncertain(self) -> bool:
        return bool(self.statuses & UNCERTAIN)


def round_half_up(value: float, decimals: int) -> float:
    """Round as NAV and SSB publish (2.45 -> 2.5), not as Python's banker's rounding does."""
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def rate(teller: float, nevner: float, factor: float = 100.0) -> float | None:
    """``factor * teller / nevner``; undefined (None) when the denominator is not positive."""
    if nevner <= 0:
        return None
    return factor * teller / nevner


def ratio_of_sums(points: Iterable[Point], factor: float = 100.0) -> Point | None:
    """Combine points by summing numerators and denominators; None if any point lacks them."""
    points = list(points)
    if not points or any(p.teller is None or p.nevner is None or p.missing for p in points):
        return None
    teller = sum(p.teller for p in points)  # type: ignore[misc]
    nevner = sum(p.nevner for p in points)  # type: ignore[misc]
    value = rate(teller, nevner, factor)
    if value is None:
        return None
    return Point(max(p.periode for p in points), value, teller, nevner, _statuses(points))


def mean_of_values(points: Sequence[Point]) -> float | None:
    """The plain average of the values: right for survey scores, WRONG for rates (see module)."""
    values = [p.verdi for p in points if p.verdi is not None]
    return fmean(values) if values and len(values) == len(points) else None


def _statuses(points: Iterable[Point]) -> frozenset[str]:
    out: set[str] = set()
    for p in points:
        out |= p.statuses
    return frozenset(out)


def combine(points: Sequence[Point], aggregering: str | None, factor: float = 100.0) -> Point | None:
    """Several points (units, or the periods of a window) as one, by the indicator's rule.

    Without a rule only a single point can stand for the whole: guessing would be worse."""
    if not points or any(p.missing for p in points):
        return None
    last = max(p.periode for p in points)
    if aggregering == "forhold_av_summer":
        return ratio_of_sums(points, factor)
    if aggregering == "snitt":
        return Point(last, mean_of_values(points), statuses=_statuses(points))
    if aggregering == "sum":
        return Point(last, sum(p.verdi for p in points), statuses=_statuses(points))  # type: ignore[misc]
    if aggregering == "siste":
        latest = max(points, key=lambda p: p.periode)
        return Point(last, latest.verdi, latest.teller, latest.nevner, _statuses(points))
    return points[0] if len(points) == 1 else None


def window(series: dict[Period, Point], end: Period, n: int) -> list[Point] | None:
    """The ``n`` consecutive points ending at ``end``, or None when any of them is missing."""
    out = []
    for k in range(n - 1, -1, -1):
        point = series.get(end.shift(-k))
        if point is None or point.missing:
            return None
        out.append(point)
    return out


def rolling(series: dict[Period, Point], end: Period, aggregering: str | None, n: int = 4,
            factor: float = 100.0) -> Point | None:
    """Rolling ``n`` periods ending at ``end`` (NAV: the last four quarters, ratio of sums)."""
    points = window(series, end, n)
    if points is None:
        return None
    # a rolling window of rates is only honest as a ratio of sums, or as a declared mean
    rule = aggregering if aggregering in ("forhold_av_summer", "snitt", "sum") else None
    return combine(points, rule, factor) if rule else None


def annual(series: dict[Period, Point], year: int, aggregering: str | None,
           factor: float = 100.0) -> Point | None:
    """All periods of ``year`` combined, or None when one is missing."""
    inside = sorted(p for p in series if p.year == year)
    if not inside:
        return None
    expected = inside[0].per_year()
    return rolling(series, Period(year, inside[0].freq, expected), aggregering, expected, factor)


@dataclass(frozen=True)
class Change:
    """From ``old`` to ``new``: in points (pp for a percentage) and in percent of ``old``."""

    old: float
    new: float

    @property
    def points(self) -> float:
        return self.new - self.old

    @property
    def percent(self) -> float | None:
        return None if self.old == 0 else (self.new - self.old) / abs(self.old) * 100.0


def attainment(baseline: float, current: float, target: float, retning: str) -> float | None:
    """How far from baseline to target we have come, in percent (100 = target reached).

    Negative when things moved the wrong way. Undefined when baseline equals the target, or for a
    target band (there is no distance to travel, only a band to stay in)."""
    if retning == "maalbaand" or baseline == target:
        return None
    return (baseline - current) / (baseline - target) * 100.0


def better(delta: float, retning: str) -> bool | None:
    """Whether a change of ``delta`` is an improvement; None when direction does not decide."""
    if retning == "lavere_er_bedre":
        return delta < 0
    if retning == "hoeyere_er_bedre":
        return delta > 0
    return None
