"""Norwegian display forms for scorecard figures: ``9,0 %``, ``−0,8 pp / −10,7 %``, ``≥100 %``.

JSON never goes through here: machines get plain numbers with a dot.
"""

from __future__ import annotations

from .arithmetic import Change, round_half_up

MINUS = "\u2212"
SPARKS = "▁▂▃▄▅▆▇█"
LIGHT_SYMBOL = {"groenn": "●", "gul": "●", "roed": "●", "graa": "○"}
LIGHT_WORD = {"groenn": "grønn", "gul": "gul", "roed": "rød", "graa": "grå"}
#: status letters shown after a value that is not final (SDMX OBS_STATUS)
STATUS_MARK = {"P": "†", "E": "*", "B": "‖", "I": "*", "U": "?", "V": "?"}


def num(value: float, decimals: int) -> str:
    text = f"{round_half_up(value, decimals):.{decimals}f}"
    if text.lstrip("-").strip("0.") == "":  # -0.0 is 0
        text = text.lstrip("-")
    return text.replace("-", MINUS).replace(".", ",")


def signed(value: float, decimals: int) -> str:
    text = num(value, decimals)
    return text if text.startswith(MINUS) or text.strip("0,") == "" else "+" + text


def unit_suffix(ind) -> str:
    return " %" if ind.enhet == "prosent" else ""


def value(v: float | None, ind, statuses: frozenset[str] = frozenset()) -> str:
    if v is None:
        return "–"
    marks = "".join(sorted({STATUS_MARK[s] for s in statuses if s in STATUS_MARK}))
    return num(v, ind.desimaler) + unit_suffix(ind) + marks


def points_label(ind) -> str:
    """What a difference is measured in: prosentpoeng for a percentage, else the unit."""
    return "pp" if ind.enhet == "prosent" else ("poeng" if ind.enhet == "poeng" else ind.enhet)


def change(c: Change | None, ind) -> str:
    if c is None:
        return "–"
    pct = c.percent
    rel = "–" if pct is None else f"{signed(pct, 1)} %"
    return f"{signed(c.points, ind.desimaler)} {points_label(ind)} / {rel}"


def gap(v: float | None, ind) -> str:
    return "–" if v is None else f"{signed(v, ind.desimaler)} {points_label(ind)}"


def target(t, ind) -> str:
    if t is None:
        return "–"
    sign = {"lavere_er_bedre": "≤", "hoeyere_er_bedre": "≥", "maalbaand": "≈"}[ind.retning]
    how = {"punkt": "", "rullerende_4k": " r4k", "aar": " året"}[t.sammenlign]
    return f"{sign} {num(t.verdi, ind.desimaler)}{unit_suffix(ind)} innen {t.frist}{how}"


def attainment(a: float | None) -> str:
    if a is None:
        return "–"
    if a >= 100:
        return "≥100 %"
    return f"{num(a, 0)} %"


def light(name: str) -> str:
    return f"{LIGHT_SYMBOL[name]} {LIGHT_WORD[name]}"


def sparkline(values: list[float | None]) -> str:
    """One block character per value, scaled between the smallest and largest; blank = missing."""
    present = [v for v in values if v is not None]
    if not present:
        return ""
    low, high = min(present), max(present)
    span = high - low
    out = []
    for v in values:
        if v is None:
            out.append(" ")
        elif span == 0:
            out.append(SPARKS[len(SPARKS) // 2 - 1])
        else:
            out.append(SPARKS[min(len(SPARKS) - 1, int((v - low) / span * (len(SPARKS) - 1) + 0.5))])
    return "".join(out)


#: what the measurements say about a claim, in words
CLAIM_WORD = {"KVK427": "motsies av målingene", "KVK428": "kan ikke etterprøves", "KVK440": "stemmer med målingene"}
