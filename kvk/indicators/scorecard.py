"""The scorecard (styringskort): one computed row per indicator.

Every figure a row shows is computed here, once, so the text table, the JSON, the charts and the
HTML page can never disagree. Rows hold plain numbers; formatting lives in :mod:`.fmt`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..models.periods import Period
from .arithmetic import Change, Point, annual, attainment, better, rolling, round_half_up, window
from . import fmt
from .series import Book, IndicatorData

#: perspectives in the order Norwegian målekart usually list them; others follow, then none
PERSPECTIVES = ["brukere", "medarbeidere", "oekonomi", "samfunn"]
SPARK_PERIODS = 12
_EPS = 1e-9

_SAME_PERIOD = {"A": "forrige år", "S": "samme halvår i fjor", "T": "samme tertial i fjor",
                "Q": "samme kvartal i fjor", "M": "samme måned i fjor", "W": "samme uke i fjor"}


@dataclass
class Target:
    frist: Period
    verdi: float  # absolute, also when written as a relative change
    sammenlign: str
    skrevet: float  # as written in the record
    type: str


@dataclass
class Verdict:
    value: float | None
    basis: str  # what the value is: "2009-Q4" or "rullerende 4 kvartaler til 2009-Q4"
    inputs: list[Point] = field(default_factory=list)
    reason: str = ""  # why there is no value


@dataclass
class Trend:
    arrow: str  # ↑ ↓ →
    delta: float
    now: float
    before: float
    before_period: Period
    basis: str
    better: bool | None


@dataclass
class Row:
    data: IndicatorData
    latest: Point | None
    target: Target | None
    units: dict[str, Point] = field(default_factory=dict)  # the latest point of each unit
    verdict: Verdict | None = None
    light: str = "graa"  # groenn | gul | roed | graa
    light_reason: str = ""
    trend: Trend | None = None
    since_baseline: Change | None = None
    landsbasis_label: str | None = None
    landsbasis: float | None = None
    landsbasis_gap: float | None = None
    did: float | None = None  # difference in differences vs landsbasis since baseline
    spark: list[float | None] = field(default_factory=list)
    spark_periods: list[Period] = field(default_factory=list)
    attainment: float | None = None

    @property
    def ind(self):
        return self.data.ind


def current_target(ind, latest: Point | None) -> Any:
    """The milestone that applies now: the first whose deadline is not yet passed, else the last."""
    goals = sorted(ind.maal, key=lambda m: m.frist.end())
    if not goals:
        return None
    if latest is None:
        return goals[-1]
    return next((m for m in goals if m.frist.end() >= latest.periode.end()), goals[-1])


def absolute_target(ind, maal) -> Target | None:
    if maal is None:
        return None
    value = maal.verdi
    if maal.type == "relativ":
        if ind.baseline is None:
            return None
        value = ind.baseline.verdi * (1 + maal.verdi / 100.0)
    return Target(maal.frist, value, maal.sammenlign, maal.verdi, maal.type)


def verdict(data: IndicatorData, target: Target | None, latest: Point) -> Verdict:
    """The value a goal is judged on: the latest point, rolling four quarters or the year."""
    ind = data.ind
    how = target.sammenlign if target else "punkt"
    if how == "rullerende_4k":
        if ind.freq != "Q":
            return Verdict(None, "", reason="rullerende 4 kvartaler krever kvartalstall")
        point = rolling(data.total, latest.periode, ind.aggregering, 4, data.factor)
        inputs = window(data.total, latest.periode, 4) or []
        basis = f"rullerende 4 kvartaler til {latest.periode}"
        if point is None:
            return Verdict(None, basis, inputs, "mangler tall eller teller/nevner for 4 kvartaler")
        return Verdict(point.verdi, basis, inputs)
    if how == "aar":
        year = latest.periode.year
        point = annual(data.total, year, ind.aggregering, data.factor)
        inputs = [p for k, p in data.total.items() if k.year == year]
        if point is None:
            return Verdict(None, f"året {year}", inputs, f"året {year} er ikke komplett")
        return Verdict(point.verdi, f"året {year}", inputs)
    return Verdict(latest.verdi, str(latest.periode), [latest])


def light(value: float, target: float, ind) -> str:
    """Green on the good side of the target (or of terskler.groenn), yellow within the yellow
    band, red beyond it. Values are rounded as published before they are compared."""
    value = round_half_up(value, ind.desimaler)
    t = ind.terskler
    if ind.retning == "maalbaand":
        distance = abs(value - target)
        if distance <= 0.5 * 10 ** -ind.desimaler + _EPS:
            return "groenn"
        if t is not None and t.gul_innenfor is not None and distance <= t.gul_innenfor + _EPS:
            return "gul"
        return "roed"
    worse = 1.0 if ind.retning == "lavere_er_bedre" else -1.0  # sign of a worsening change

    def within(limit: float) -> bool:
        return (value - limit) * worse <= _EPS

    green_limit = t.groenn if t is not None and t.groenn is not None else target
    if within(green_limit):
        return "groenn"
    yellow_limit = None
    if t is not None and t.gul is not None:
        yellow_limit = t.gul
    elif t is not None and t.gul_innenfor is not None:
        yellow_limit = green_limit + worse * t.gul_innenfor
    if yellow_limit is not None and within(yellow_limit):
        return "gul"
    return "roed"


def dead_band(ind) -> float:
    if ind.terskler is not None and ind.terskler.trend_doedbaand is not None:
        return ind.terskler.trend_doedbaand
    return 0.2 if ind.enhet == "prosent" else 10.0 ** -ind.desimaler


def trend(data: IndicatorData, target: Target | None, latest: Point) -> Trend | None:
    """Year-on-year change: never against the previous quarter, since the series is seasonal."""
    ind = data.ind
    before_period = latest.periode.same_period_last_year()
    if target is not None and target.sammenlign == "rullerende_4k" and ind.freq == "Q":
        now_pt = rolling(data.total, latest.periode, ind.aggregering, 4, data.factor)
        before_pt = rolling(data.total, before_period, ind.aggregering, 4, data.factor)
        basis = f"rullerende 4 kvartaler, mot {before_period}"
    else:
        now_pt = latest
        before_pt = data.total.get(before_period)
        basis = f"{_SAME_PERIOD[ind.freq]} ({before_period})"
    if now_pt is None or before_pt is None or now_pt.verdi is None or before_pt.verdi is None:
        return None
    delta = now_pt.verdi - before_pt.verdi
    band = dead_band(ind)
    if abs(delta) <= band + _EPS:
        return Trend("→", delta, now_pt.verdi, before_pt.verdi, before_period, basis, None)
    arrow = "↑" if delta > 0 else "↓"
    return Trend(arrow, delta, now_pt.verdi, before_pt.verdi, before_period, basis, better(delta, ind.retning))


def difference_in_differences(data: IndicatorData, land: dict[Period, float], latest: Point) -> float | None:
    """(latest − baseline period) here minus the same for landsbasis, in points, all single
    periods of the same kind so that season and definition drift cancel out as far as they can."""
    base = data.ind.baseline
    if base is None or latest.verdi is None:
        return None
    then = data.total.get(base.periode)
    if then is None or then.verdi is None or base.periode not in land or latest.periode not in land:
        return None
    return (latest.verdi - then.verdi) - (land[latest.periode] - land[base.periode])


def spark_window(data: IndicatorData, latest: Point) -> tuple[list[Period], list[float | None]]:
    periods = [latest.periode.shift(-k) for k in range(SPARK_PERIODS - 1, -1, -1)]
    first = min(data.total)
    periods = [p for p in periods if p >= first]
    return periods, [data.total[p].verdi if p in data.total else None for p in periods]


def build_row(book: Book, data: IndicatorData) -> Row:
    ind = data.ind
    latest = data.latest()
    target = absolute_target(ind, current_target(ind, latest))
    units = {}
    for name, series in data.units.items():
        present = [p for p in series.values() if not p.missing]
        if name is not None and present:
            units[name] = max(present, key=lambda p: p.periode)
    row = Row(data, latest, target, units)
    if latest is None:
        row.light_reason = "ingen målinger"
        return row
    ver = row.verdict = verdict(data, target, latest)
    if ind.rolle == "referanse":
        row.light_reason = "referanseserie"
    elif target is None:
        row.light_reason = "mål mangler" if not ind.maal else "relativt mål uten baseline"
    elif ver.value is None:
        row.light_reason = ver.reason
    else:
        row.light = light(ver.value, target.verdi, ind)
        row.light_reason = f"{ver.basis}: {fmt.num(ver.value, ind.desimaler)} mot mål {fmt.num(target.verdi, ind.desimaler)}"
    row.trend = trend(data, target, latest)
    # the baseline is written on the target's basis (point, rolling four quarters or year), so
    # it is compared with the judged value, not with the latest single point
    if ind.baseline is not None and ver.value is not None:
        row.since_baseline = Change(ind.baseline.verdi, ver.value)
    comp = book.landsbasis(data)
    if comp is not None:
        series = book.comparison(data, comp)
        row.landsbasis_label = comp.etikett
        row.landsbasis = series.get(latest.periode)
        if row.landsbasis is not None and latest.verdi is not None:
            row.landsbasis_gap = latest.verdi - row.landsbasis
            row.did = difference_in_differences(data, series, latest)
    row.spark_periods, row.spark = spark_window(data, latest)
    if target is not None and ind.baseline is not None and ver.value is not None:
        row.attainment = attainment(ind.baseline.verdi, ver.value, target.verdi, ind.retning)
    return row


def _order_key(row: Row, position: int) -> tuple:
    p = row.ind.perspektiv
    rank = PERSPECTIVES.index(p) if p in PERSPECTIVES else (len(PERSPECTIVES) if p else len(PERSPECTIVES) + 1)
    return (row.ind.rolle == "referanse", rank, p or "", position)


def build(book: Book, ids: list[str] | None = None) -> list[Row]:
    """Rows for ``ids`` (default: every indicator), goals first, grouped by perspective."""
    chosen = [book.indicators[i] for i in ids] if ids else list(book.indicators.values())
    rows = [build_row(book, d) for d in chosen]
    return [row for _, row in sorted(((_order_key(r, k), r) for k, r in enumerate(rows)), key=lambda kr: kr[0])]
