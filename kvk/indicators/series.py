"""Indicators gathered from every indicator file, with their measurements turned into series.

Measurements are written in long form and may live in another file than their indicator, so
everything is gathered by indicator id first. Each indicator then gets one series per unit
(``omfang``) and a total series: the measurement for the whole (no omfang) where there is one,
otherwise the units combined by the indicator's ``aggregering`` rule, and only in periods where
every unit that ever reported has a value (a total over fewer units is not the same quantity).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable, NamedTuple

from ..models.periods import Period
from .arithmetic import Point, combine


class Placed(NamedTuple):
    """A piece of a record together with where it was written (for diagnostics).

    A named tuple, not a dataclass: there is one per measurement, tens of thousands of them."""

    record: Any  # repository.Record
    loc: tuple
    item: Any

    def at(self, *more: str | int) -> tuple[Any, tuple]:
        return self.record, self.loc + tuple(more)


@dataclass
class IndicatorData:
    placed: Placed
    prosjekt: Any  # models.indicator.Prosjekt | None: the indicator's own, else its file's
    maalinger: list[Placed] = field(default_factory=list)
    paastander: list[Placed] = field(default_factory=list)
    units: dict[str | None, dict[Period, Point]] = field(default_factory=dict)
    total: dict[Period, Point] = field(default_factory=dict)

    @property
    def ind(self):
        return self.placed.item

    @property
    def factor(self) -> float:
        return 100.0 if self.ind.enhet == "prosent" else 1.0

    def latest(self) -> Point | None:
        present = [p for p in self.total.values() if not p.missing]
        return max(present, key=lambda p: p.periode) if present else None


@dataclass
class Book:
    """Every indicator in the repository, in file order, and the date the scorecard is as of."""

    indicators: dict[str, IndicatorData]
    as_of: date | None
    as_of_origin: str  # "--as-of" or "data"

    def comparison(self, data: IndicatorData, sammenligning) -> dict[Period, float]:
        """A comparison series as period -> value, up to the as-of date."""
        if sammenligning.indikator:
            other = self.indicators.get(sammenligning.indikator)
            if other is None:
                return {}
            return {p: pt.verdi for p, pt in other.total.items() if pt.verdi is not None}
        out = {}
        for key, value in sammenligning.serie.items():
            period = Period.parse(key)
            if self.as_of is None or period.end() <= self.as_of:
                out[period] = value
        return out

    def landsbasis(self, data: IndicatorData):
        """The comparison called 'landsbasis', else the first one, else None."""
        comps = data.ind.sammenligninger
        return next((c for c in comps if c.id == "landsbasis"), comps[0] if comps else None)


_STATUSES: dict[str, frozenset] = {}  # a status string -> its set: the same few in every series


def _point(m) -> Point:
    statuses = _STATUSES.get(m.status)
    if statuses is None:
        statuses = _STATUSES[m.status] = frozenset(m.status)
    return Point(m.periode, m.verdi, m.teller, m.nevner, statuses)


#: the status of a value suppressed because it comes from fewer than ``min_personer`` persons
#: (SDMX OBS_CONF 'C', confidential): the point is missing in every published output and every
#: computation, so neither the figure nor a total, trend or light derived from it can reveal it
SUPPRESSED = "C"
_SUPPRESSED = frozenset(SUPPRESSED)


def suppressed(m, least: int | None) -> bool:
    """Is measurement ``m`` from fewer persons than the indicator's ``min_personer``?"""
    return least is not None and m.personer is not None and m.personer < least


def _masked(m) -> Point:
    return Point(m.periode, None, None, None, _SUPPRESSED)


def _order(p: Period) -> tuple:
    # periods of one frequency order by (year, index): compared as plain tuples, not through
    # the dataclass's methods (a series of 100 measurements is sorted and compared many times)
    return (p.year, p.freq, p.index)


def _build_series(data: IndicatorData, as_of: date | None) -> None:
    ind = data.ind
    last = Period.last_ended(as_of, ind.freq) if as_of is not None else None
    last_key = _order(last) if last is not None else None
    freq = ind.freq
    units = data.units
    least = ind.min_personer
    for placed in data.maalinger:
        m = placed.item
        p = m.periode
        if p.freq != freq or (last_key is not None and (p.year, p.freq, p.index) > last_key):
            continue  # a wrong frequency is reported by the checks; later data did not exist yet
        # the first of two duplicates wins; the duplicate is reported by the checks
        series = units.get(m.omfang)
        if series is None:
            series = units[m.omfang] = {}
        if p not in series:
            series[p] = _masked(m) if least is not None and suppressed(m, least) else _point(m)
    whole = data.units.get(None, {})
    parts = {k: v for k, v in data.units.items() if k is not None}
    periods = set(whole)
    for series in parts.values():
        periods |= set(series)
    for period in sorted(periods, key=_order):
        if period in whole:
            data.total[period] = whole[period]
            continue
        points = [series.get(period) for series in parts.values()]
        if any(p is None for p in points):
            continue
        combined = combine(points, ind.aggregering, data.factor)  # type: ignore[arg-type]
        if combined is not None:
            data.total[period] = combined


def default_as_of(indicators: Iterable[IndicatorData]) -> date | None:
    """The end of the latest measured period of the goal indicators (or of any, if none are).

    Reference series (landsbasis) often run past the project and would make every goal look
    stale, so they only count when there is nothing else."""
    indicators = list(indicators)
    for pool in ([d for d in indicators if d.ind.rolle == "styring"], indicators):
        ends = []
        for d in pool:
            periods = [p.item.periode for p in d.maalinger
                       if p.item.periode.freq == d.ind.freq and p.item.verdi is not None]
            if periods:
                ends.append(max(periods).end())
        if ends:
            return max(ends)
    return None


def gather(records: Iterable[Any], as_of: date | None = None) -> Book:
    """Build the book from loaded ``indikatorer`` records."""
    indicators: dict[str, IndicatorData] = {}
    loose_maalinger: list[Placed] = []
    loose_paastander: list[Placed] = []
    # by path, so the scorecard's order never depends on how (or in how many processes) the
    # files were loaded
    for rec in sorted(records, key=lambda r: r.path):
        if rec.kind != "indikatorer":
            continue
        fil = rec.model
        for i, ind in enumerate(fil.indikatorer):
            # a duplicate id is reported by the repository's KVK203; the first one wins here
            indicators.setdefault(ind.id, IndicatorData(Placed(rec, ("indikatorer", i), ind),
                                                        ind.prosjekt or fil.prosjekt))
        loose_maalinger += [Placed(rec, ("maalinger", i), m) for i, m in enumerate(fil.maalinger)]
        loose_paastander += [Placed(rec, ("paastander", i), p) for i, p in enumerate(fil.paastander)]
    for placed in loose_maalinger:
        if placed.item.indikator in indicators:
            indicators[placed.item.indikator].maalinger.append(placed)
    for placed in loose_paastander:
        if placed.item.indikator in indicators:
            indicators[placed.item.indikator].paastander.append(placed)
    origin = "--as-of" if as_of is not None else "data"
    if as_of is None:
        as_of = default_as_of(indicators.values())
    for data in indicators.values():
        _build_series(data, as_of)
    return Book(indicators, as_of, origin)
