"""The scorecard as one self-contained HTML page: table, findings and inline SVG charts.

The template is ``scorecard.html.j2``, rendered in the same Jinja environment as every document
(:mod:`.environment`): a records repository may override it with its own file of that name in
``templates/``, and a typo in it is a one-line KVK30x error, not a traceback.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ..indicators import fmt
from ..indicators.report import Report
from . import charts as svg

TEMPLATE = "scorecard.html.j2"


NBSP = "\u00a0"


def bound(text: str) -> str:
    """A number and its unit on one line ("−0,8 pp", "12,5 %"); a " / " between two figures may
    still break."""
    return " / ".join(part.replace(" ", NBSP) for part in text.split(" / "))


def bound_target(text: str) -> str:
    """"≤ 9,5 % innen 2009-Q4": the comparison, number and unit on one line, the deadline may wrap."""
    head, sep, rest = text.partition(" innen ")
    return f"{bound(head)}{sep}{rest}"


def view(report: Report, title: str, public: bool = False) -> dict:
    """Plain data shaped for the page; every string is formatted here, none in the template.

    ``public``: the published variant, for politicians and the public: no finding (they name
    files, lines and KVK codes; they go to the people who keep the indicators, in the internal
    variant) and no code after a claim's result."""
    rows = []
    for row in report.rows:
        ind, latest = row.ind, row.latest
        comp = report.book.landsbasis(row.data)
        land = report.book.comparison(row.data, comp) if comp is not None else None
        t = row.trend
        neutral = svg.is_neutral(row)
        rows.append({
            "id": ind.id, "navn": ind.navn,
            "perspektiv": "referanse" if ind.rolle == "referanse" else (ind.perspektiv or "–"),
            "noeytral": neutral,
            "periode": str(latest.periode) if latest else "–",
            "verdi": bound(fmt.value(latest.verdi if latest else None, ind,
                                     latest.statuses if latest else frozenset())),
            "maal": bound_target(fmt.target(row.target, ind)),
            # a reference series without a goal is neither good nor bad: no traffic light, no colour
            "status": "noeytral" if neutral else row.light,
            "status_tekst": "referanse" if neutral else fmt.LIGHT_WORD[row.light], "status_grunn": row.light_reason,
            "trend": "–" if t is None else bound(f"{t.arrow} {fmt.signed(t.delta, ind.desimaler)} {fmt.points_label(ind)}"),
            "trend_grunnlag": "" if t is None else t.basis,
            "trend_klasse": "" if t is None or t.better is None or neutral else ("bedre" if t.better else "verre"),
            "endring": bound(fmt.change(row.since_baseline, ind)),
            "landsbasis": bound(fmt.value(row.landsbasis, ind)), "avvik": bound(fmt.gap(row.landsbasis_gap, ind)),
            "sparkline": Markup(svg.sparkline(row)),
            "maaloppnaaelse": bound(fmt.attainment(row.attainment)),
            # our own generator escapes every text it writes, so the markup is safe to inline
            "svg": Markup(svg.chart(row, land)),
        })
    findings = [{"severity": f.severity.value, "code": f.code,
                 "where": f"{f.path}:{f.line}:{f.col or 1}" if f.line else f.path,
                 "message": f.message, "hint": f.hint} for f in report.findings] if not public else []
    from ..indicators.fmt import CLAIM_WORD

    claims = [{"indikator": c.placed.item.indikator,
               "tekst": c.placed.item.tekst or f"fra {c.placed.item.fra.verdi:g} til {c.placed.item.til.verdi:g}",
               "kilde": c.placed.item.kilde, "resultat": CLAIM_WORD[c.code], "code": c.code, "message": c.message}
              for c in report.claims]
    return {"title": title, "rows": rows, "findings": findings, "claims": claims, "public": public,
            "as_of": report.book.as_of.isoformat() if report.book.as_of else "–"}


def render(report: Report, title: str, root: Path | None = None, maalform: str = "nb",
           public: bool = False) -> str:
    from .environment import make_environment, render_template

    env = make_environment("html", maalform, root / "templates" if root is not None else None)
    return render_template(env, TEMPLATE, root, **view(report, title, public))
