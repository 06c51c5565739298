"""The scorecard as one self-contained HTML page: table, findings and inline SVG charts.

The template is ``scorecard.html.j2``; a records repository may override it with its own file of
that name in ``templates/``. Jinja runs sandboxed, autoescaped and with StrictUndefined, so a
name in a record can never inject markup and a typo in the template is an error, not a blank.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from . import fmt, svg
from .report import Report

TEMPLATE = "scorecard.html.j2"


def template_dirs(root: Path | None) -> list[str]:
    here = Path(__file__).resolve()
    builtin = [here.parents[2] / "templates", here.parents[1] / "templates"]  # checkout, wheel
    dirs = ([root / "templates"] if root is not None else []) + builtin
    return [str(d) for d in dirs if d.is_dir()]


def _environment(root: Path | None):
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(loader=FileSystemLoader(template_dirs(root)), autoescape=True,
                                undefined=StrictUndefined, keep_trailing_newline=True,
                                trim_blocks=True, lstrip_blocks=True)


def view(report: Report, title: str) -> dict:
    """Plain data shaped for the page; every string is formatted here, none in the template."""
    rows = []
    for row in report.rows:
        ind, latest = row.ind, row.latest
        comp = report.book.landsbasis(row.data)
        land = report.book.comparison(row.data, comp) if comp is not None else None
        t = row.trend
        rows.append({
            "id": ind.id, "navn": ind.navn,
            "perspektiv": "referanse" if ind.rolle == "referanse" else (ind.perspektiv or "–"),
            "periode": str(latest.periode) if latest else "–",
            "verdi": fmt.value(latest.verdi if latest else None, ind, latest.statuses if latest else frozenset()),
            "maal": fmt.target(row.target, ind),
            "status": row.light, "status_tekst": fmt.LIGHT_WORD[row.light], "status_grunn": row.light_reason,
            "trend": "–" if t is None else f"{t.arrow} {fmt.signed(t.delta, ind.desimaler)} {fmt.points_label(ind)}",
            "trend_grunnlag": "" if t is None else t.basis,
            "trend_klasse": "" if t is None or t.better is None else ("bedre" if t.better else "verre"),
            "endring": fmt.change(row.since_baseline, ind),
            "landsbasis": fmt.value(row.landsbasis, ind), "avvik": fmt.gap(row.landsbasis_gap, ind),
            "sparkline": fmt.sparkline(row.spark),
            "maaloppnaaelse": fmt.attainment(row.attainment),
            # our own generator escapes every text it writes, so the markup is safe to inline
            "svg": Markup(svg.chart(row, land)),
        })
    findings = [{"severity": f.severity.value, "code": f.code,
                 "where": f"{f.path}:{f.line}:{f.col or 1}" if f.line else f.path,
                 "message": f.message, "hint": f.hint} for f in report.findings]
    from .table import CLAIM_WORD

    claims = [{"indikator": c.placed.item.indikator,
               "tekst": c.placed.item.tekst or f"fra {c.placed.item.fra.verdi:g} til {c.placed.item.til.verdi:g}",
               "kilde": c.placed.item.kilde, "resultat": CLAIM_WORD[c.code], "code": c.code, "message": c.message}
              for c in report.claims]
    return {"title": title, "rows": rows, "findings": findings, "claims": claims,
            "as_of": report.book.as_of.isoformat() if report.book.as_of else "–"}


def render(report: Report, title: str, root: Path | None = None) -> str:
    return _environment(root).get_template(TEMPLATE).render(**view(report, title))
