"""One call from loaded records to findings and scorecard rows, and the JSON form of both."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from ..diagnostics import Diagnostic, KvkError, Severity, UsageError, did_you_mean
from ..models.periods import Period, PeriodError
from . import checks, fmt, scorecard
from .series import Book, gather


@dataclass
class Report:
    book: Book
    rows: list[scorecard.Row]
    findings: list[Diagnostic]
    files: int
    claims: list[checks.ClaimResult] = field(default_factory=list)
    plots: list[str] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def red(self) -> list[scorecard.Row]:
        return [r for r in self.rows if r.light == "roed"]


def parse_as_of(text: str) -> date:
    """``--as-of``: a date (2009-12-31, 31.12.2009) or a period, meaning the day it ends."""
    from pydantic_core import PydanticCustomError

    from ..models.common import parse_date

    try:
        return Period.parse(text).end()
    except PeriodError as err:
        if re.fullmatch(r"\d{4}-[ASTQMW]\d{1,2}", text.strip()):
            raise KvkError(f"--as-of: {err}") from None  # a period with an impossible index
    try:
        return parse_date(text)
    except PydanticCustomError as err:
        if any(ch in text for ch in ".-") and sum(ch.isdigit() for ch in text) >= 6:
            raise KvkError(f"--as-of: {err.message()}") from None  # a date with an impossible day
        raise KvkError(f"--as-of: '{text}' is neither a period (2009-Q4) nor a date (2009-12-31)") from None


def cross_record(records: list[Any], root) -> list[Diagnostic]:
    """The repository rules that concern indicators: unknown and duplicate indicator ids."""
    from ..check.engine import AllFacts, Locator, repository_findings
    from ..check.facts import Context, from_tuple, record_facts
    from ..repository import Directory

    facts = [from_tuple(r.facts) if isinstance(r, IndicatorFile) else record_facts(r, Context(Directory()))
             for r in records if r.kind == "indikatorer"]
    return list(repository_findings(AllFacts(facts), Locator(root)))


class Measurement(NamedTuple):
    """A measurement (:class:`kvk.models.indicator.Maaling`) as plain values: there are tens
    of thousands, and they cross back from the workers that read them."""

    indikator: str
    periode: Period
    verdi: float | None
    omfang: str | None
    teller: float | None
    nevner: float | None
    personer: int | None
    status: str
    kilde: str | None
    merknad: str | None


class IndicatorFile:
    """An indicator file as the scorecard needs it, made in a worker process (see
    :func:`indicator_file`): its indicators and claims as models, its measurements as
    :class:`Measurement`, its facts for the rules across files, and positions read again from
    the file only for the places a finding points at."""

    kind = "indikatorer"

    def __init__(self, path: str, facts: tuple, prosjekt: Any, indikatorer: list, maalinger: list,
                 paastander: list, root: str):
        from types import SimpleNamespace

        self.path, self.facts = path, facts
        self.model = SimpleNamespace(prosjekt=prosjekt, indikatorer=indikatorer, maalinger=maalinger,
                                     paastander=paastander)
        self._root = root
        self._source = None

    def locate(self, loc: tuple, *, key: bool = False) -> tuple[int, int]:
        if self._source is None:
            import os

            from ..io.yaml import Source

            self._source = Source(self.path, {}, _file=os.path.join(self._root, self.path))
        return self._source.locate(loc, key=key)


def indicator_file(record, directory, maalform: str = "nb") -> tuple | None:
    """The summariser for check-indicators (runs where the file is read): the indicators and
    claims as models, the measurements as plain tuples, the facts for the cross-file rules."""
    from ..check.facts import Context, record_facts
    from ..repository import Directory

    from ..models.redaction import marker, redact

    if record.kind != "indikatorer":
        return None
    # every indicator output is public (the scorecard, its charts, check-indicators in CI):
    # the report is made from the redacted record, so no [[skjermet]] span reaches any of them
    m = redact(record.model, marker(maalform))
    rows = [(x.indikator, x.periode.year, x.periode.freq, x.periode.index, x.verdi, x.omfang, x.teller, x.nevner,
             x.personer, x.status, x.kilde, x.merknad) for x in m.maalinger]
    # the organisation is not asked for: indicator files refer to indicators only
    facts = record_facts(record, Context(Directory())).as_tuple()
    return record.path, facts, m.prosjekt, list(m.indikatorer), rows, list(m.paastander)


def _as_file(summary: tuple, root: str, periods: dict) -> IndicatorFile:
    path, facts, prosjekt, indikatorer, rows, paastander = summary
    measurements = []
    for ind, year, freq, index, *rest in rows:
        key = (year, freq, index)
        period = periods.get(key)
        if period is None:  # the same few periods recur in every file: one object each
            period = periods[key] = Period(year, freq, index)
        measurements.append(Measurement(ind, period, *rest))
    return IndicatorFile(path, facts, prosjekt, indikatorer, measurements, paastander, root)


def load_report(repo, ids: list[str] | None = None, as_of: date | None = None, select: list[str] | None = None,
                ignore: list[str] | None = None, jobs: int | None = None, progress=None) -> Report:
    """Load the indicator files of ``repo`` (in worker processes when there are many) and build
    the report. ``progress(done, total)`` hears how many files are read."""
    from .. import layout
    from ..repository import Broken, Scope

    from functools import partial

    summarise = partial(indicator_file, maalform=getattr(repo.config, "maalform", "nb"))
    loaded = repo.load(Scope.kinds(layout.INDIKATORER), on_broken=Broken.REPORT, jobs=jobs,
                       summarise=summarise, progress=progress)
    periods: dict = {}
    files = [_as_file(s, str(repo.root), periods) for s in loaded.summaries if s is not None]
    return build(files, loaded.diagnostics, loaded.files, repo.root, ids, as_of, select, ignore)


def matches(code: str, patterns: list[str]) -> bool:
    return any(code.startswith(p) for p in patterns)


def build(records: list[Any], load_findings: list[Diagnostic], files: int, root, ids: list[str] | None = None,
          as_of: date | None = None, select: list[str] | None = None,
          ignore: list[str] | None = None) -> Report:
    """Check the indicators (all, or ``ids``) and compute their scorecard rows.

    ``load_findings`` are the loader's and models' own (KVK0xx/1xx/2xx), reported with ours."""
    book = gather(records, as_of)
    unknown = [i for i in ids or [] if i not in book.indicators]
    if unknown:
        # a close match for one, or the list when it is short enough to read
        hint = did_you_mean(unknown[0], book.indicators)
        if not hint and len(book.indicators) <= 12:
            hint = f" (known: {', '.join(book.indicators) or 'none'})"
        raise UsageError(f"unknown indicator{'s' * (len(unknown) > 1)}: {', '.join(unknown)}{hint}")
    rows = scorecard.build(book, ids)
    found = sorted(set(load_findings) | set(cross_record(records, root)) | set(checks.run(book, rows)))
    if select:
        found = [f for f in found if matches(f.code, select)]
    if ignore:
        found = [f for f in found if not matches(f.code, ignore)]
    claims = [checks.judge_claim(r.data, p) for r in rows for p in r.data.paastander]
    return Report(book, rows, found, files, claims)


def _num(value: float | None, decimals: int = 6) -> float | None:
    # rounded so the JSON is stable across platforms and free of float noise (0.30000000000000004)
    return None if value is None else round(value, decimals)


def _point(p) -> dict | None:
    if p is None:
        return None
    return {"period": str(p.periode), "value": _num(p.verdi), "numerator": _num(p.teller),
            "denominator": _num(p.nevner), "status": "".join(sorted(p.statuses))}


def row_json(row: scorecard.Row) -> dict:
    ind = row.ind
    t, v, tr, c = row.target, row.verdict, row.trend, row.since_baseline
    return {
        "id": ind.id, "name": ind.navn, "perspective": ind.perspektiv, "area": ind.omraade,
        "role": ind.rolle, "unit": ind.enhet, "decimals": ind.desimaler, "direction": ind.retning,
        "frequency": ind.frekvens, "aggregation": ind.aggregering,
        "latest": _point(row.latest),
        "target": None if t is None else {"deadline": str(t.frist), "value": _num(t.verdi),
                                          "as_written": t.skrevet, "type": t.type, "compare": t.sammenlign},
        "judged_value": None if v is None else {"value": _num(v.value), "basis": v.basis, "reason": v.reason or None},
        "status": row.light, "status_reason": row.light_reason,
        "trend": None if tr is None else {
            "arrow": tr.arrow, "change": _num(tr.delta), "now": _num(tr.now), "before": _num(tr.before),
            "before_period": str(tr.before_period), "basis": tr.basis, "better": tr.better},
        "baseline": None if ind.baseline is None else {"period": str(ind.baseline.periode),
                                                       "value": ind.baseline.verdi},
        "change_since_baseline": None if c is None else {
            "points": _num(c.points), "points_unit": fmt.points_label(ind), "percent": _num(c.percent)},
        "landsbasis": None if row.landsbasis_label is None else {
            "label": row.landsbasis_label, "value": _num(row.landsbasis), "gap_points": _num(row.landsbasis_gap),
            "difference_in_differences_points": _num(row.did)},
        "sparkline": {"periods": [str(p) for p in row.spark_periods], "values": [_num(x) for x in row.spark],
                      "text": fmt.sparkline(row.spark)},
        "attainment_percent": _num(row.attainment),
        "units": {name: _point(p) for name, p in sorted(row.units.items())},
        "series": [_point(p) for _, p in sorted(row.data.total.items())],
    }


CLAIM_OUTCOME = {"KVK427": "contradicted", "KVK428": "unverifiable", "KVK440": "confirmed"}


def claim_json(result: checks.ClaimResult) -> dict:
    claim, record = result.placed.item, result.placed.record
    return {
        "indicator": claim.indikator, "scope": claim.omfang,
        "from": {"period": str(claim.fra.periode) if claim.fra.periode else None, "value": claim.fra.verdi},
        "to": {"period": str(claim.til.periode) if claim.til.periode else None, "value": claim.til.verdi},
        "source": claim.kilde, "case": claim.sak, "text": claim.tekst,
        "outcome": CLAIM_OUTCOME[result.code], "code": result.code, "message": result.message,
        "path": record.path, "line": record.locate(result.placed.loc)[0],
    }


def to_json(report: Report) -> dict:
    errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
    book = report.book
    return {
        "valid": errors == 0,
        "as_of": book.as_of.isoformat() if book.as_of else None,
        "as_of_from": book.as_of_origin,
        "files": report.files,
        "stats": {"errors": errors, "warnings": warnings, "infos": report.count(Severity.INFO),
                  "red": len(report.red)},
        "findings": [f.to_json() for f in report.findings],
        "indicators": [row_json(r) for r in report.rows],
        "claims": [claim_json(c) for c in report.claims],
        "plots": report.plots,
    }
