"""Checks on indicators, their measurements and the claims made about them.

Each check is a small function over one indicator that yields diagnostics pointing at the line
that needs fixing. :func:`run` runs every check on every indicator and collects all findings
before anything is reported (a user fixes ten problems in one pass, not one per run).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator

from ..diagnostics import Diagnostic
from ..models.periods import Period, period_range
from .arithmetic import BREAK, rate
from .scorecard import Row
from .series import Book, IndicatorData, Placed, suppressed

Check = Callable[[Book, IndicatorData, Row], Iterator[Diagnostic]]
CHECKS: list[Check] = []

#: names that mean different things to different people unless operationalised. Norwegian
#: compounds them ("brukertilfredshet", "deltidsstilling"), so the stems match inside words;
#: "kvalitet" only at the end of one ("tjenestekvalitet"), not in "kvalitetskommunene"
VAGUE = re.compile(r"deltid|trivsel|tilfredshet|omdømme|arbeidsmiljø|kvalitet\b", re.IGNORECASE)
#: how many missing periods a message lists before it says "and N more"
LIST_AT_MOST = 6


def check(fn: Check) -> Check:
    CHECKS.append(fn)
    return fn


def at(placed: Placed, more: tuple, code: str, message: str, hint: str | None = None,
       key: bool = False) -> Diagnostic:
    record, loc = placed.at(*more)
    line, col = record.locate(loc, key=key)
    return Diagnostic.make(code, record.path, line, col, message, hint)


def _listing(periods: list[Period]) -> str:
    shown = ", ".join(str(p) for p in periods[:LIST_AT_MOST])
    more = len(periods) - LIST_AT_MOST
    return shown + (f" and {more} more" if more > 0 else "")


def _num(value: float) -> str:
    return f"{value:g}"


# --- is the indicator fit to steer by? ------------------------------------------------------


@check
def completeness(book: Book, data: IndicatorData, row: Row) -> Iterator[Diagnostic]:
    ind, here = data.ind, data.placed
    if ind.rolle == "referanse":
        missing = [name for name, ok in (("definisjon", ind.definisjon), ("kilde", ind.kilde)) if not ok]
        if missing:
            yield at(here, ("id",), "KVK429",
                     f"reference series '{ind.id}' has no {' and no '.join(missing)}")
        return
    if ind.definisjon is None:
        yield at(here, ("id",), "KVK401", f"'{ind.id}' has no definisjon")
    elif not ind.definisjon.populasjon:
        yield at(here, ("definisjon",), "KVK420", f"'{ind.id}': the definition does not say who is counted",
                 key=True)
    if ind.kilde is None:
        yield at(here, ("id",), "KVK402", f"'{ind.id}' has no kilde")
    if not ind.eier:
        yield at(here, ("id",), "KVK403", f"'{ind.id}' has no eier")
    if not ind.maal:
        yield at(here, ("id",), "KVK404", f"'{ind.id}' has no maal, so no status can be given")
    if ind.baseline is None:
        yield at(here, ("id",), "KVK421", f"'{ind.id}' has no baseline: change and goal attainment cannot be computed")
    elif ind.maal:
        first = min(ind.maal, key=lambda m: m.frist.end()).frist
        if ind.baseline.periode.end() >= first.end():
            yield at(here, ("baseline", "periode"), "KVK421",
                     f"baseline {ind.baseline.periode} is not before the first deadline {first}")


@check
def deadlines(book: Book, data: IndicatorData, row: Row) -> Iterator[Diagnostic]:
    ind = data.ind
    end = data.prosjekt.slutt if data.prosjekt is not None else None
    for i, maal in enumerate(ind.maal):
        if end is not None and maal.frist.end() > end.end():
            yield at(data.placed, ("maal", i, "frist"), "KVK405",
                     f"deadline {maal.frist} is after the project ends ({end})")


@check
def thresholds(book: Book, data: IndicatorData, row: Row) -> Iterator[Diagnostic]:
    ind, t = data.ind, data.ind.terskler
    if t is None:
        return
    where = ("terskler",)
    if t.gul_innenfor is not None and t.gul_innenfor <= 0:
        yield at(data.placed, where + ("gul_innenfor",), "KVK406",
                 f"gul_innenfor must be a positive distance, not {_num(t.gul_innenfor)}")
    if ind.retning == "maalbaand":
        if t.groenn is not None or t.gul is not None:
            yield at(data.placed, where, "KVK406",
                     "a target band (maalbaand) is judged by distance: use gul_innenfor, not groenn/gul", key=True)
        return
    lower = ind.retning == "lavere_er_bedre"
    if t.groenn is not None and t.gul is not None and (t.groenn > t.gul if lower else t.groenn < t.gul):
        side = "below" if lower else "above"
        yield at(data.placed, where + ("groenn",), "KVK406",
                 f"{ind.retning}: the green limit {_num(t.groenn)} must lie {side} the yellow limit {_num(t.gul)}")


# --- are the measurements right? ------------------------------------------------------------


@check
def frequency(book: Book, data: IndicatorData, row: Row) -> Iterator[Diagnostic]:
    ind = data.ind
    want = ind.frekvens
    for placed in data.maalinger:
        if placed.item.periode.freq != ind.freq:
            yield at(placed, ("periode",), "KVK407",
                     f"'{ind.id}' is measured per {want}, but this period is {placed.item.periode}")
    if ind.baseline is not None and ind.baseline.periode.freq != ind.freq:
        yield at(data.placed, ("baseline", "periode"), "KVK407",
                 f"'{ind.id}' is measured per {want}, but the baseline period is {ind.baseline.periode}")


@check
def duplicates(book: Book, data: IndicatorData, row: Row) -> Iterator[Diagnostic]:
    seen: dict[tuple, Placed] = {}
    for placed in data.maalinger:
        m = placed.item
        key = (m.omfang, m.periode)
        if key in seen:
            first = seen[key]
            line = first.record.locate(first.loc)[0]
            scope = f" ({m.omfang})" if m.omfang else ""
            yield at(placed, ("periode",), "KVK408",
                     f"'{m.indikator}'{scope} {m.periode} is already measured at {first.record.path}:{line}")
        else:
            seen[key] = placed


#: a suppressed value as findings name it (findings are published with the scorecard)
_HIDDEN = "the value (not shown: fewer than min_personer persons)"


def _domain(ind) -> tuple[float | None, float | None, str]:
    if ind.skala is not None:
        return ind.skala.min, ind.skala.max, f"its skala {_num(ind.skala.min)}-{_num(ind.skala.max)}"
    if ind.enhet == "prosent":
        return 0.0, 100.0, "0-100 %"
    if ind.enhet in ("antall", "timer", "kroner"):
        return 0.0, None, f"{ind.enhet}: never negative"
    return None, None, ""


def _outside(value: float, low: float | None, high: float | None) -> bool:
    return (low is not None and value < low) or (high is not None and value > high)


@check
def domain(book: Book, data: IndicatorData, row: Row) -> Iterator[Diagnostic]:
    ind = data.ind
    low, high, what = _domain(ind)
    if ind.enhet == "prosent" and ind.skala is not None and (ind.skala.min < 0 or ind.skala.max > 100):
        yield at(data.placed, ("skala",), "KVK409", "a percentage's skala must lie within 0-100")
    for placed in data.maalinger:
        v = placed.item.verdi
        if v is not None and _outside(v, low, high):
            shown = _HIDDEN if suppressed(placed.item, ind.min_personer) else _num(v)
            yield at(placed, ("verdi",), "KVK409", f"{shown} is outside {what}")
    if ind.baseline is not None and _outside(ind.baseline.verdi, low, high):
        yield at(data.placed, ("baseline", "verdi"), "KVK409", f"baseline {_num(ind.baseline.verdi)} is outside {what}")
    for i, maal in enumerate(ind.maal):
        if maal.type == "absolutt" and _outside(maal.verdi, low, high):
            yield at(data.placed, ("maal", i, "verdi"), "KVK409", f"target {_num(maal.verdi)} is outside {what}")


@check
def teller_nevner(book: Book, data: IndicatorData, row: Row) -> Iterator[Diagnostic]:
    ind = data.ind
    # the stated value may differ from the exact quotient by its rounding, no more
    tolerance = 0.5 * 10 ** -ind.desimaler + 1e-9
    for placed in data.maalinger:
        m = placed.item
        if m.teller is None or m.nevner is None:
            continue
        if m.nevner <= 0:
            yield at(placed, ("nevner",), "KVK410", f"nevner {_num(m.nevner)} must be above 0")
            continue
        exact = rate(m.teller, m.nevner, data.factor)
        if m.verdi is not None and exact is not None and abs(exact - m.verdi) > tolerance:
            formula = "100 × teller / nevner" if data.factor == 100 else "teller / nevner"
            if suppressed(m, ind.min_personer):  # the finding is published too: no figure in it
                yield at(placed, ("verdi",), "KVK410", f"{formula} does not round to verdi ({_HIDDEN})")
                continue
            yield at(placed, ("verdi",), "KVK410",
                     f"{formula} = {exact:.{ind.desimaler + 2}f}, which does not round to {_num(m.verdi)} "
                     f"with {ind.desimaler} decimals")


@check
def computable(book: Book, data: IndicatorData, row: Row) -> Iterator[Diagnostic]:
    ind = data.ind
    for i, maal in enumerate(ind.maal):
        if maal.sammenlign == "rullerende_4k" and ind.freq != "Q":
            yield at(data.placed, ("maal", i, "sammenlign"), "KVK411",
                     f"rolling four quarters on an indicator measured per {ind.frekvens}")
        elif maal.sammenlign != "punkt" and ind.aggregering not in ("forhold_av_summer", "snitt", "sum"):
            yield at(data.placed, ("maal", i, "sammenlign"), "KVK411",
                     f"sammenlign: {maal.sammenlign} needs aggregering (forhold_av_summer, snitt or sum)")
    if ind.aggregering != "forhold_av_summer":
        return
    units = {p.item.omfang for p in data.maalinger}
    combines = len(units - {None}) > 1 or any(m.sammenlign != "punkt" for m in ind.maal)
    lacking = [p for p in data.maalinger if p.item.verdi is not None
               and (p.item.teller is None or p.item.nevner is None)]
    if combines and lacking:
        others = f" (and {len(lacking) - 1} more)" if len(lacking) > 1 else ""
        yield at(lacking[0], (), "KVK411",
                 f"forhold_av_summer combines teller and nevner, but this measurement has no teller/nevner{others}")


@check
def persons(book: Book, data: IndicatorData, row: Row) -> Iterator[Diagnostic]:
    least = data.ind.min_personer
    if least is None:
        return
    for placed in data.maalinger:
        n = placed.item.personer
        if n is not None and n < least:
            yield at(placed, ("personer",), "KVK430",
                     f"{n} persons, fewer than min_personer {least}: the value is suppressed in every "
                     "published output (shown as –)")


# --- is the series complete and current? ----------------------------------------------------


@check
def gaps(book: Book, data: IndicatorData, row: Row) -> Iterator[Diagnostic]:
    for unit, series in data.units.items():
        if len(series) < 2:
            continue
        present = sorted(series)
        missing = [p for p in period_range(present[0], present[-1]) if p not in series]
        if missing:
            scope = f" ({unit})" if unit else ""
            placed = next(p for p in data.maalinger if p.item.omfang == unit)
            yield at(placed, ("indikator",), "KVK422",
                     f"'{data.ind.id}'{scope} has no measurement for {_listing(missing)}")


@check
def stale(book: Book, data: IndicatorData, row: Row) -> Iterator[Diagnostic]:
    ind = data.ind
    if ind.rolle == "referanse":
        return
    if row.latest is None:
        yield at(data.placed, ("id",), "KVK423", f"'{ind.id}' has no measurements")
        return
    if book.as_of is None:
        return
    expected = Period.last_ended(book.as_of, ind.freq)
    # one period of grace: figures are published some weeks after a period ends
    if row.latest.periode < expected.previous():
        overdue = len(period_range(row.latest.periode.next(), expected))
        yield at(data.placed, ("id",), "KVK423",
                 f"'{ind.id}': latest value is {row.latest.periode}, {overdue} periods behind "
                 f"{expected} (as of {book.as_of.isoformat()})")


@check
def uncertain(book: Book, data: IndicatorData, row: Row) -> Iterator[Diagnostic]:
    if row.verdict is None or row.light == "graa":
        return
    shaky = sorted({f"{p.periode} ({''.join(sorted(p.statuses - {'A'}))})" for p in row.verdict.inputs if p.uncertain})
    if shaky:
        yield at(data.placed, ("id",), "KVK424",
                 f"'{data.ind.id}': the status rests on values that are not final: {', '.join(shaky)}")
    base = data.ind.baseline
    if base is not None and row.latest is not None:
        breaks = [p for p, pt in sorted(data.total.items())
                  if base.periode < p <= row.latest.periode and BREAK in pt.statuses]
        if breaks:
            yield at(data.placed, ("baseline",), "KVK424",
                     f"'{data.ind.id}': a break in the series ({_listing(breaks)}) lies between the "
                     f"baseline and {row.latest.periode}; the change is not like for like", key=True)


# --- can it be compared and understood? -----------------------------------------------------


@check
def comparisons(book: Book, data: IndicatorData, row: Row) -> Iterator[Diagnostic]:
    ind = data.ind
    for i, comp in enumerate(ind.sammenligninger):
        where = ("sammenligninger", i)
        problems = []
        if comp.versjon is None:
            problems.append("has no versjon (publication date); published series are revised")
        if comp.definisjon_samsvar != "full":
            problems.append(f"definisjon_samsvar is {comp.definisjon_samsvar or 'not given'}")
        others = sorted({str(p) for p in map(Period.parse, comp.serie) if p.freq != ind.freq})
        if others:
            problems.append(f"has periods that are not per {ind.frekvens} ({', '.join(others[:3])})")
        other = book.indicators.get(comp.indikator) if comp.indikator else None
        if other is not None:
            mine = set(ind.definisjon.inkluderer) if ind.definisjon else set()
            theirs = set(other.ind.definisjon.inkluderer) if other.ind.definisjon else set()
            if mine != theirs:
                problems.append(f"includes {sorted(theirs) or 'unknown'}, this indicator {sorted(mine) or 'unknown'}")
            if other.ind.enhet != ind.enhet or other.ind.frekvens != ind.frekvens:
                problems.append(f"is {other.ind.enhet} per {other.ind.frekvens}, this indicator "
                                f"{ind.enhet} per {ind.frekvens}")
        if problems:
            yield at(data.placed, where + ("id",), "KVK425",
                     f"comparison '{comp.id}' " + "; ".join(problems))


@check
def vague(book: Book, data: IndicatorData, row: Row) -> Iterator[Diagnostic]:
    ind = data.ind
    hit = VAGUE.search(ind.navn) or VAGUE.search(ind.id.replace("-", " ").replace("_", " "))
    if hit and not (ind.definisjon and ind.definisjon.operasjonalisering):
        yield at(data.placed, ("navn",), "KVK426",
                 f"'{hit.group(0)}' means different things to different people: "
                 f"'{ind.id}' needs definisjon.operasjonalisering")


# --- do the documents tell the truth? -------------------------------------------------------


def _claim_tolerance(ind) -> float:
    # claims are made in round figures: half a percentage point, or half the last decimal
    return 0.5 if ind.enhet == "prosent" else 0.5 * 10 ** -ind.desimaler


@dataclass(frozen=True)
class ClaimResult:
    placed: Placed
    code: str  # KVK427 contradicted, KVK428 cannot be verified, KVK440 confirmed
    message: str
    loc: tuple = ()


def judge_claim(data: IndicatorData, placed: Placed) -> ClaimResult:
    """Hold one claim up against the measurements of its scope and periods."""
    ind, claim = data.ind, placed.item
    said = f"'fra {_num(claim.fra.verdi)} til {_num(claim.til.verdi)}' ({claim.kilde})"
    if not data.maalinger:
        return ClaimResult(placed, "KVK428", f"claim {said} cannot be verified: '{ind.id}' has no measurements")
    if claim.omfang in data.units:
        series = data.units[claim.omfang]
    elif claim.omfang is None:
        series = data.total
    else:
        have = ", ".join(sorted(str(u) for u in data.units if u)) or "the whole only"
        return ClaimResult(placed, "KVK428", f"claim {said} is about '{claim.omfang}', but '{ind.id}' "
                                             f"is measured for {have}", ("omfang",))
    if claim.fra.periode is None or claim.til.periode is None:
        return ClaimResult(placed, "KVK428", f"claim {said} names no periods, so it cannot be checked")
    wrong, unknown = [], []
    for point in (claim.fra, claim.til):
        measured = series.get(point.periode)
        if measured is None or measured.verdi is None:
            unknown.append(str(point.periode))
        elif abs(measured.verdi - point.verdi) > _claim_tolerance(ind) + 1e-9:
            wrong.append(f"{point.periode} was {_num(round(measured.verdi, ind.desimaler))}, not {_num(point.verdi)}")
    if wrong:
        return ClaimResult(placed, "KVK427", f"claim {said}: " + "; ".join(wrong))
    if unknown:
        return ClaimResult(placed, "KVK428", f"claim {said}: no measurement for {', '.join(unknown)}")
    return ClaimResult(placed, "KVK440", f"claim {said} matches the measurements")


@check
def claims(book: Book, data: IndicatorData, row: Row) -> Iterator[Diagnostic]:
    for placed in data.paastander:
        result = judge_claim(data, placed)
        yield at(placed, result.loc, result.code, result.message)


def run(book: Book, rows: list[Row]) -> list[Diagnostic]:
    """Every finding for the indicators in ``rows``."""
    found: set[Diagnostic] = set()
    for row in rows:
        for fn in CHECKS:
            found.update(fn(book, row.data, row))
    return sorted(found)
