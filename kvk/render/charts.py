"""Small, deterministic SVG charts of one indicator: its series, baseline, target and landsbasis.

Written by hand rather than with matplotlib: a chart of a few dozen points does not justify a
0.6 s import and a large dependency, and plain string output is byte-identical from run to run
by construction (no timestamps, no random ids, fixed number formatting).
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape

from ..indicators import fmt
from ..indicators.arithmetic import rolling
from ..indicators.scorecard import Row
from ..models.periods import Period, period_range

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 34, 44, 46
MAX_X_LABELS = 8
SERIES, TARGET, LAND, BAND, BASE, ROLL = "#1f5f99", "#2e7d32", "#8a8a8a", "#e3f1e4", "#b35c00", "#7b4fa0"
#: a reference series without a goal is neither good nor bad: drawn in a neutral grey-blue
NEUTRAL = "#5b6770"
SPARK_W, SPARK_H = 84, 20


def is_neutral(row: Row) -> bool:
    """A reference series (rolle: referanse) with no goal: nothing to be good or bad against."""
    return row.ind.rolle == "referanse" and row.target is None


def unit_label(ind) -> str:
    """What the y axis counts: "%" for a percentage, else the unit as written ("dager", "poeng")."""
    return "%" if ind.enhet == "prosent" else str(ind.enhet or "")


def _f(x: float) -> str:
    return f"{x:.1f}"


def nice_ticks(low: float, high: float, want: int = 5) -> list[float]:
    """Round tick values covering low..high (1, 2, 2.5 or 5 times a power of ten apart)."""
    if high <= low:
        high = low + 1
    raw = (high - low) / want
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(low / step + 1e-9) * step
    last = math.ceil(high / step - 1e-9) * step
    ticks = [round(first + k * step, 10) for k in range(int(round((last - first) / step)) + 1)]
    return ticks


def _in_freq(period: Period, freq: str) -> Period:
    # a deadline may be written as a year ("2009") for a quarterly indicator: use its last quarter
    return period if period.freq == freq else Period.containing(period.end(), freq)


def _decimals(step: float, fallback: int) -> int:
    text = f"{step:.6f}".rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else min(fallback, 0)


def _paths(points: list[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """Split at missing points: a gap is drawn as a gap, never bridged."""
    runs: list[list[tuple[float, float]]] = [[]]
    for p in points:
        if p is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(p)
    return [r for r in runs if r]


def chart(row: Row, landsbasis: dict[Period, float] | None = None) -> str:
    ind, data = row.ind, row.data
    freq = ind.freq
    total = {p: pt for p, pt in data.total.items()}
    periods_seen = list(total)
    if ind.baseline is not None and ind.baseline.periode.freq == freq:
        periods_seen.append(ind.baseline.periode)
    target = row.target
    if target is not None:
        periods_seen.append(_in_freq(target.frist, freq))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
           f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" font-family="sans-serif" font-size="11">',
           f"<title>{escape(ind.navn)}</title>",
           f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
           f'<text x="{LEFT}" y="18" font-size="13" font-weight="bold">{escape(ind.navn)}</text>']
    if not periods_seen or not any(pt.verdi is not None for pt in total.values()) and target is None \
            and ind.baseline is None:
        out.append(f'<text x="{WIDTH // 2}" y="{HEIGHT // 2}" text-anchor="middle" fill="{LAND}">'
                   f"Ingen målinger</text>")
        out.append("</svg>")
        return "\n".join(out) + "\n"
    axis = period_range(min(periods_seen), max(periods_seen))
    land = {p: v for p, v in (landsbasis or {}).items() if p.freq == freq and axis[0] <= p <= axis[-1]}
    roll: dict[Period, float] = {}
    if target is not None and target.sammenlign == "rullerende_4k" and freq == "Q":
        # the goal is judged on rolling four quarters: show that line, not only the raw quarters
        for p in axis:
            pt = rolling(total, p, ind.aggregering, 4, data.factor)
            if pt is not None and pt.verdi is not None:
                roll[p] = pt.verdi
    values = [pt.verdi for pt in total.values() if pt.verdi is not None] + list(land.values()) + list(roll.values())
    if ind.baseline is not None:
        values.append(ind.baseline.verdi)
    if target is not None:
        values.append(target.verdi)
    low, high = min(values), max(values)
    # at least ten steps of the last decimal tall: a 0,1 pp wobble must not fill the chart
    least = 10.0 ** (1 - ind.desimaler)
    if high - low < least:
        middle = (high + low) / 2
        low, high = middle - least / 2, middle + least / 2
    pad = (high - low) * 0.1
    ticks = nice_ticks(low - pad, high + pad)
    y0, y1 = ticks[0], ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step_x = plot_w / max(1, len(axis) - 1)
    index = {p: k for k, p in enumerate(axis)}

    def x(p: Period) -> float:
        return LEFT + index[p] * step_x

    def y(v: float) -> float:
        return TOP + (y1 - v) / (y1 - y0) * plot_h

    tick_decimals = _decimals(ticks[1] - ticks[0] if len(ticks) > 1 else 1.0, ind.desimaler)
    for t in ticks:
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_f(y(t))}" y2="{_f(y(t))}" stroke="#e6e6e6"/>')
        out.append(f'<text x="{LEFT - 6}" y="{_f(y(t) + 4)}" text-anchor="end">'
                   f"{fmt.num(t, max(0, tick_decimals))}</text>")
    unit = unit_label(ind)
    if unit:  # every y axis says what it counts
        out.append(f'<text x="{LEFT - 6}" y="{TOP - 4}" text-anchor="end" font-style="italic">{escape(unit)}</text>')
    every = max(1, math.ceil(len(axis) / MAX_X_LABELS))
    for k, p in enumerate(axis):
        if k % every == 0 or k == len(axis) - 1 and k % every > every // 2:
            out.append(f'<text x="{_f(x(p))}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">{p}</text>')
    out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_f(TOP + plot_h)}" y2="{_f(TOP + plot_h)}" stroke="#555"/>')
    if target is not None:
        deadline = _in_freq(target.frist, freq)
        start = axis[0]
        edge = y(y0) if ind.retning == "lavere_er_bedre" else y(y1)
        if ind.retning != "maalbaand":
            top, bottom = sorted((y(target.verdi), edge))
            out.append(f'<rect x="{_f(x(start))}" y="{_f(top)}" width="{_f(x(deadline) - x(start))}" '
                       f'height="{_f(bottom - top)}" fill="{BAND}"/>')
        out.append(f'<line x1="{_f(x(start))}" x2="{_f(x(deadline))}" y1="{_f(y(target.verdi))}" '
                   f'y2="{_f(y(target.verdi))}" stroke="{TARGET}" stroke-width="1.5" stroke-dasharray="6 4"/>')
    if land:
        for run in _paths([(x(p), y(land[p])) if p in land else None for p in axis]):
            out.append(_polyline(run, LAND, dash="4 3"))
    if roll:
        for run in _paths([(x(p), y(roll[p])) if p in roll else None for p in axis]):
            out.append(_polyline(run, ROLL, dash="2 2"))
    colour = NEUTRAL if is_neutral(row) else SERIES
    points = [(x(p), y(total[p].verdi)) if p in total and total[p].verdi is not None else None for p in axis]
    runs = _paths(points)
    # a gap stays a gap: a faint dotted bridge shows where periods are missing, never a line that
    # looks measured
    for before, after in zip(runs, runs[1:]):
        out.append(f'<line x1="{_f(before[-1][0])}" y1="{_f(before[-1][1])}" x2="{_f(after[0][0])}" '
                   f'y2="{_f(after[0][1])}" stroke="{colour}" stroke-width="1" stroke-dasharray="1 4" '
                   f'stroke-opacity="0.6"><title>Mangler målinger</title></line>')
    for run in runs:
        out.append(_polyline(run, colour, width="2"))
    for p in axis:
        pt = total.get(p)
        if pt is None or pt.verdi is None:
            continue
        fill = "#ffffff" if pt.uncertain or "B" in pt.statuses else colour
        label = f"{p}: {fmt.value(pt.verdi, ind, pt.statuses)}"
        # a measurement with no neighbour is drawn larger, so a sparse series reads as points
        k = index[p]
        alone = (k == 0 or points[k - 1] is None) and (k + 1 >= len(points) or points[k + 1] is None)
        out.append(f'<circle cx="{_f(x(p))}" cy="{_f(y(pt.verdi))}" r="{4.5 if alone else 3}" fill="{fill}" '
                   f'stroke="{colour}">'
                   f"<title>{escape(label)}</title></circle>")
    if ind.baseline is not None and ind.baseline.periode in index:
        bx, by = x(ind.baseline.periode), y(ind.baseline.verdi)
        out.append(f'<path d="M{_f(bx)} {_f(by - 6)} L{_f(bx + 6)} {_f(by)} L{_f(bx)} {_f(by + 6)} '
                   f'L{_f(bx - 6)} {_f(by)} Z" fill="{BASE}"><title>Baseline {ind.baseline.periode}: '
                   f"{escape(fmt.value(ind.baseline.verdi, ind))}</title></path>")
    out.extend(_legend(row, bool(land), bool(roll)))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _polyline(run: list[tuple[float, float]], colour: str, width: str = "1.5", dash: str | None = None) -> str:
    pts = " ".join(f"{_f(a)},{_f(b)}" for a, b in run)
    extra = f' stroke-dasharray="{dash}"' if dash else ""
    return f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="{width}"{extra}/>'


def _legend(row: Row, has_land: bool, has_roll: bool) -> list[str]:
    items = [("Målt", NEUTRAL if is_neutral(row) else SERIES, None)]
    if has_roll:
        items.append(("Rullerende 4 kv.", ROLL, "2 2"))
    if row.ind.baseline is not None:
        items.append(("Baseline", BASE, None))
    if row.target is not None:
        items.append((f"Mål {fmt.target(row.target, row.ind)}", TARGET, "6 4"))
    if has_land:
        items.append(("Landsbasis", LAND, "4 3"))
    out, cursor = [], LEFT
    for label, colour, dash in items:
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<line x1="{cursor}" x2="{cursor + 18}" y1="32" y2="32" stroke="{colour}" stroke-width="2"{extra}/>')
        out.append(f'<text x="{cursor + 22}" y="36">{escape(label)}</text>')
        cursor += 30 + 6 * len(label)
    return out


def sparkline(row: Row) -> str:
    """The last periods as a small inline SVG: a line through consecutive measurements, a dot
    for each, nothing across a missing period; its text alternative lists the values."""
    values = row.spark
    present = [v for v in values if v is not None]
    label = ", ".join(f"{p}: {fmt.value(v, row.ind)}" if v is not None else f"{p}: –"
                      for p, v in zip(row.spark_periods, values)) or "Ingen målinger"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{SPARK_W}" height="{SPARK_H}" '
           f'viewBox="0 0 {SPARK_W} {SPARK_H}" role="img" aria-label="{escape(label, {chr(34): "&quot;"})}">']
    if present:
        colour = NEUTRAL if is_neutral(row) else SERIES
        low, high = min(present), max(present)
        span = (high - low) or 1.0
        step = (SPARK_W - 6) / max(1, len(values) - 1)
        pts = [(3 + k * step, SPARK_H - 3 - ((v - low) / span if high > low else 0.5) * (SPARK_H - 6))
               if v is not None else None for k, v in enumerate(values)]
        for run in _paths(pts):
            if len(run) > 1:
                out.append(_polyline(run, colour, width="1.5"))
        for pt in pts:
            if pt is not None:
                out.append(f'<circle cx="{_f(pt[0])}" cy="{_f(pt[1])}" r="1.8" fill="{colour}"/>')
    out.append("</svg>")
    return "".join(out)


def file_name(row: Row) -> str:
    return f"{row.ind.id}.svg"



def write_charts(report, folder) -> list[str]:
    """One SVG chart per indicator of the report into ``folder`` (made if need be); the paths."""
    from pathlib import Path

    from ..io.files import ensure_folder, write_text

    target = Path(folder)
    ensure_folder(target)
    written = []
    for row in report.rows:
        comp = report.book.landsbasis(row.data)
        land = report.book.comparison(row.data, comp) if comp is not None else None
        path = target / file_name(row)
        write_text(path, chart(row, land), overwrite=True)
        written.append(path.as_posix())
    return written
