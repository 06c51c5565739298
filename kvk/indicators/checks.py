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
from ..i18n import N_, _, ngettext
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
    return shown + (_(" and {n} more").format(n=more) if more > 0 else "")


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
                     _("reference series '{id}' has no {fields}").format(id=ind.id, fields=_(" and no ").join(missing)))
        return
    if ind.definisjon is None:
        yield at(here, ("id",), "KVK401", _("'{id}' has no definisjon").format(id=ind.id))
    elif not ind.definisjon.populasjon:
        yield at(here, ("definisjon",), "KVK420", _("'{id}': the definition does not say who is counted").format(id=ind.id),
                 key=True)
    if ind.kilde is None:
        yield at(here, ("id",), "KVK402", _("'{id}' has no kilde").format(id=ind.id))
    if not ind.eier:
        yield at(here, ("id",), "KVK403", _("'{id}' has no eier").format(id=ind.id))
    if not ind.maal:
        yield at(here, ("id",), "KVK404", _("'{id}' has no maal, so no status can be given").format(id=ind.id))
    if ind.baseline is None:
        yield at(here, ("id",), "KVK421", _("'{id}' has no baseline: change and goal attainment cannot be computed").format(id=ind.id))
    elif ind.maal:
        first = min(ind.maal, key=lambda m: m.frist.end()).frist
        if ind.baseline.periode.end() >= first.end():
            yield at(here, ("baseline", "periode"), "KVK421",
                     _("baseline {period} is not before the first deadline {first}").format(
                         period=ind.baseline.periode, first=first))


@check
def deadlines(book: Book, data: IndicatorData, row: Row) -> Iterator[Diagnostic]:
    ind = data.ind
    end = data.prosjekt.slutt if data.prosjekt is not None else None
    for i, maal in enumerate(ind.maal):
        if end is not None and maal.frist.end() > end.end():
            yield at(data.placed, ("maal", i, "frist"), "KVK405",
                     _("deadline {deadline} is after the project ends ({end})").format(deadline=maal.frist, end=end))


@check
def thresholds(book: Book, data: IndicatorData, row: Row) -> Iterator[Diagnostic]:
    ind, t = data.ind, data.ind.terskler
    if t is None:
        return
    where = ("terskler",)
    if t.gul_innenfor is not None and t.gul_innenfor <= 0:
        yield at(data.placed, where + ("gul_innenfor",), "KVK406",
                 _("gul_innenfor must be a positive distance, not {value}").format(value=_num(t.gul_innenfor)))
    if ind.retning == "maalbaand":
        if t.groenn is not None or t.gul is not None:
            yield at(data.placed, where, "KVK406",
                     _("a target band (maalbaand) is judged by distance: use gul_innenfor, not groenn/gul"), key=True)
        return
    lower = ind.retning == "lavere_er_bedre"
    if t.groenn is not None and t.gul is not None and (t.groenn > t.gul if lower else t.groenn < t.gul):
        message = (_("{retning}: the green limit {green} must lie below the yellow limit {yellow}") if lower else
                   _("{retning}: the green limit {green} must lie above the yellow limit {yellow}"))
        yield at(data.placed, where + ("groenn",), "KVK406",
                 message.format(retning=ind.retning, green=_num(t.groenn), yellow=_num(t.gul)))


# --- are the measurements right? ------------------------------------------------------------


@check
def frequency(book: Book, data: IndicatorData, row: Row) -> Iterator[Diagnostic]:
    ind = data.ind
    want = ind.frekvens
    for placed in data.maalinger:
        if placed.item.periode.freq != ind.freq:
            yield at(placed, ("periode",), "KVK407",
                     _("'{id}' is measured per {frekvens}, but this period is {period}").format(
                         id=ind.id, frekvens=want, period=placed.item.periode))
    if ind.baseline is not None and ind.baseline.periode.freq != ind.freq:
        yield at(data.placed, ("baseline", "periode"), "KVK407",
                 _("'{id}' is measured per {frekvens}, but the baseline period is {period}").format(
                     id=ind.id, frekvens=want, period=ind.baseline.periode))


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
                     _("'{id}'{scope} {period} is already measured at {place}").format(
                         id=m.indikator, scope=scope, period=m.periode, place=f"{first.record.path}:{line}"))
        else:
            seen[key] = placed


#: a suppressed value as findings name it (findings are published with the scorecard)
_HIDDEN = N_("the value (not shown: fewer than min_personer persons)")


def _domain(ind) -> tuple[float | None, float | None, str]:
    if ind.skala is not None:
        return ind.skala.min, ind.skala.max, _("its skala {low}-{high}").format(low=_num(ind.skala.min),
                                                                                 high=_num(ind.skala.max))
    if ind.enhet == "prosent":
        return 0.0, 100.0, "0-100 %"
    if ind.enhet in ("antall", "timer", "kroner"):
        return 0.0, None, _("{enhet}: never negative").format(enhet=ind.enhet)
    return None, None, ""


def _outside(value: float, low: float | None, high: float | None) -> bool:
    return (low is not None and value < low) or (high is not None and value > high)


@check
def domain(book: Book, data: IndicatorData, row: Row) -> Iterator[Diagnostic]:
    ind = data.ind
    low, high, what = _domain(ind)
    if ind.enhet == "prosent" and ind.skala is not None and (ind.skala.min < 0 or ind.skala.max > 100):
        yield at(data.placed, ("skala",), "KVK409", _("a percentage's skala must lie within 0-100"))
    for placed in data.maalinger:
        v = placed.item.verdi
        if v is not None and _outside(v, low, high):
            shown = _(_HIDDEN) if suppressed(placed.item, ind.min_personer) else _num(v)
            yield at(placed, ("verdi",), "KVK409", _("{value} is outside {domain}").format(value=shown, domain=what))
    if ind.baseline is not None and _outside(ind.baseline.verdi, low, high):
        yield at(data.placed, ("baseline", "verdi"), "KVK409", _("baseline {value} is outside {domain}").format(
            value=_num(ind.baseline.verdi), domain=what))
    for i, maal in enumerate(ind.maal):
        if maal.type == "absolutt" and _outside(maal.verdi, low, high):
            yield at(data.placed, ("maal", i, "verdi"), "KVK409", _("target {value} is outside {domain}").format(
                value=_num(maal.verdi), domain=what))


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
            yield at(placed, ("nevner",), "KVK410", _("nevner {value} must be above 0").format(value=_num(m.nevner)))
            continue
        exact = rate(m.teller, m.nevner, data.factor)
        if m.verdi is not None and exact is not None and abs(exact - m.verdi) > tolerance:
            formula = "100 × teller / nevner" if data.factor == 100 else "teller / nevner"
            if suppressed(m, ind.min_personer):  # the finding is published too: no figure in it
                yield at(placed, ("verdi",), "KVK410", _("{formula} does not round to verdi ({value})").format(
                    formula=formula, value=_(_HIDDEN)))
                continue
            yield at(placed, ("verdi",), "KVK410",
                     ngettext("{formula} = {exact}, which does not round to {value} with {decimals} decimal",
                              "{formula} = {exact}, which does not round to {value} with {decimals} decimals",
                              ind.desimaler).format(formula=formula, exact=f"{exact:.{ind.desimaler + 2}f}",
                                                    value=_num(m.verdi), decimals=ind.desimaler))


@check
def computable(book: Book, data: IndicatorData, row: Row) -> Iterator[Diagnostic]:
    ind = data.ind
    for i, maal in enumerate(ind.maal):
        if maal.sammenlign == "rullerende_4k" and ind.freq != "Q":
            yield at(data.placed, ("maal", i, "sammenlign"), "KVK411",
                     _("rolling four quarters on an indicator measured per {frekvens}").format(frekvens=ind.frekvens))
        elif maal.sammenlign != "punkt" and ind.aggregering not in ("forhold_av_summer", "snitt", "sum"):
            yield at(data.placed, ("maal", i, "sammenlign"), "KVK411",
                     _("sammenlign: {sammenlign} needs aggregering (forhold_av_summer, snitt or sum)").format(
                         sammenlign=maal.sammenlign))
    if ind.aggregering != "forhold_av_summer":
        return
    units = {p.item.omfang for p in data.maalinger}
    combines = len(units - {None}) > 1 or any(m.sammenlign != "punkt" for m in ind.maal)
    lacking = [p for p in data.maalinger if p.item.verdi is not None
               and (p.item.teller is None or p.item.nevner is None)]
    if combines and lacking:
        others = _(" (and {n} more)").format(n=len(lacking) - 1) if len(lacking) > 1 else ""
        yield at(lacking[0], (), "KVK411",
                 _("forhold_av_summer combines teller and nevner, but this measurement has no teller/nevner{more}").format(
                     more=others))


@check
def persons(book: Book, data: IndicatorData, row: Row) -> Iterator[Diagnostic]:
    least = data.ind.min_personer
    if least is None:
        return
    for placed in data.maalinger:
        n = placed.item.personer
        if n is not None and n < least:
            yield at(placed, ("personer",), "KVK430",
                     ngettext("{n} person, fewer than min_personer {least}: the value is suppressed in every "
                              "published output (shown as –)",
                              "{n} persons, fewer than min_personer {least}: the value is suppressed in every "
                              "published output (shown as –)", n).format(n=n, least=least))


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
                     _("'{id}'{scope} has no measurement for {periods}").format(
                         id=data.ind.id, scope=scope, periods=_listing(missing)))


@check
def stale(book: Book, data: IndicatorData, row: Row) -> Iterator[Diagnostic]:
    ind = data.ind
    if ind.rolle == "referanse":
        return
    if row.latest is None:
        yield at(data.placed, ("id",), "KVK423", _("'{id}' has no measurements").format(id=ind.id))
        return
    if book.as_of is None:
        return
    expected = Period.last_ended(book.as_of, ind.freq)
    # one period of grace: figures are published some weeks after a period ends
    if row.latest.periode < expected.previous():
        overdue = len(period_range(row.latest.periode.next(), expected))
        yield at(data.placed, ("id",), "KVK423",
                 ngettext("'{id}': latest value is {latest}, {n} period behind {expected} (as of {day})",
                          "'{id}': latest value is {latest}, {n} periods behind {expected} (as of {day})",
                          overdue).format(id=ind.id, latest=row.latest.periode, n=overdue, expected=expected,
                                          day=book.as_of.isoformat()))


@check
def uncertain(book: Book, data: IndicatorData, row: Row) -> Iterator[Diagnostic]:
    if row.verdict is None or row.light == "graa":
        return
    shaky = sorted({f"{p.periode} ({''.join(sorted(p.statuses - {'A'}))})" for p in row.verdict.inputs if p.uncertain})
    if shaky:
        yield at(data.placed, ("id",), "KVK424",
                 _("'{id}': the status rests on values that are not final: {periods}").format(
                     id=data.ind.id, periods=", ".join(shaky)))
    base = data.ind.baseline
    if base is not None and row.latest is not None:
        breaks = [p for p, pt in sorted(data.total.items())
                  if base.periode < p <= row.latest.periode and BREAK in pt.statuses]
        if breaks:
            yield at(data.placed, ("baseline",), "KVK424",
                     _("'{id}': a break in the series ({periods}) lies between the baseline and {latest}; the "
                       "change is not like for like").format(id=data.ind.id, periods=_listing(breaks),
                                                             latest=row.latest.periode), key=True)


# --- can it be compared and understood? -----------------------------------------------------


@check
def comparisons(book: Book, data: IndicatorData, row: Row) -> Iterator[Diagnostic]:
    ind = data.ind
    for i, comp in enumerate(ind.sammenligninger):
        where = ("sammenligninger", i)
        problems = []
        if comp.versjon is None:
            problems.append(_("has no versjon (publication date); published series are revised"))
        if comp.definisjon_samsvar != "full":
            problems.append(_("definisjon_samsvar is {value}").format(value=comp.definisjon_samsvar) if comp.definisjon_samsvar
                            else _("definisjon_samsvar is not given"))
        others = sorted({str(p) for p in map(Period.parse, comp.serie) if p.freq != ind.freq})
        if others:
            problems.append(_("has periods that are not per {frekvens} ({periods})").format(
                frekvens=ind.frekvens, periods=", ".join(others[:3])))
        other = book.indicators.get(comp.indikator) if comp.indikator else None
        if other is not None:
            mine = set(ind.definisjon.inkluderer) if ind.definisjon else set()
            theirs = set(other.ind.definisjon.inkluderer) if other.ind.definisjon else set()
            if mine != theirs:
                problems.append(_("includes {theirs}, this indicator {mine}").format(
                    theirs=sorted(theirs) or _("unknown"), mine=sorted(mine) or _("unknown")))
            if other.ind.enhet != ind.enhet or other.ind.frekvens != ind.frekvens:
                problems.append(_("is {enhet} per {frekvens}, this indicator {own_enhet} per {own_frekvens}").format(
                    enhet=other.ind.enhet, frekvens=other.ind.frekvens, own_enhet=ind.enhet, own_frekvens=ind.frekvens))
        if problems:
            yield at(data.placed, where + ("id",), "KVK425",
                     _("comparison '{id}' {problems}").format(id=comp.id, problems="; ".join(problems)))


@check
def vague(book: Book, data: IndicatorData, row: Row) -> Iterator[Diagnostic]:
    ind = data.ind
    hit = VAGUE.search(ind.navn) or VAGUE.search(ind.id.replace("-", " ").replace("_", " "))
    if hit and not (ind.definisjon and ind.definisjon.operasjonalisering):
        yield at(data.placed, ("navn",), "KVK426",
                 _("'{word}' means different things to different people: '{id}' needs "
                   "definisjon.operasjonalisering").format(word=hit.group(0), id=ind.id))


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
        return ClaimResult(placed, "KVK428", _("claim {claim} cannot be verified: '{id}' has no measurements").format(
            claim=said, id=ind.id))
    if claim.omfang in data.units:
        series = data.units[claim.omfang]
    elif claim.omfang is None:
        series = data.total
    else:
        have = ", ".join(sorted(str(u) for u in data.units if u)) or _("the whole only")
        return ClaimResult(placed, "KVK428", _("claim {claim} is about '{omfang}', but '{id}' is measured for "
                                               "{units}").format(claim=said, omfang=claim.omfang, id=ind.id, units=have),
                           ("omfang",))
    if claim.fra.periode is None or claim.til.periode is None:
        return ClaimResult(placed, "KVK428", _("claim {claim} names no periods, so it cannot be checked").format(
            claim=said))
    wrong, unknown = [], []
    for point in (claim.fra, claim.til):
        measured = series.get(point.periode)
        if measured is None or measured.verdi is None:
            unknown.append(str(point.periode))
        elif abs(measured.verdi - point.verdi) > _claim_tolerance(ind) + 1e-9:
            wrong.append(_("{period} was {measured}, not {claimed}").format(
                period=point.periode, measured=_num(round(measured.verdi, ind.desimaler)), claimed=_num(point.verdi)))
    if wrong:
        return ClaimResult(placed, "KVK427", _("claim {claim}: {wrong}").format(claim=said, wrong="; ".join(wrong)))
    if unknown:
        return ClaimResult(placed, "KVK428", _("claim {claim}: no measurement for {periods}").format(
            claim=said, periods=", ".join(unknown)))
    return ClaimResult(placed, "KVK440", _("claim {claim} matches the measurements").format(claim=said))


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
