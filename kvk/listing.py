"""Answers to "what is there?": rows for ``kvk list`` and one resolved record for ``kvk show``.

Rows are plain JSON-ready dicts; the CLI decides how to draw them. References are resolved to
names here, so a table or a record reads "Tor Langvold", not "tor-langvold".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic_core import PydanticCustomError

from .checks import references
from .diagnostics import KvkError
from .models.common import fold, parse_saksnr
from .repository import Index, Record

KINDS = ("cases", "meetings", "people", "bodies")
#: which filters make sense for which listing
FILTERS = {
    "cases": ("aar", "utvalg", "status", "saksbehandler"),
    "meetings": ("aar", "utvalg", "status"),
    "people": ("utvalg",),
    "bodies": (),
}


@dataclass
class Filters:
    aar: int | None = None
    utvalg: str | None = None
    status: str | None = None  # cases: saksstatus; meetings: protokollstatus
    saksbehandler: str | None = None

    def given(self) -> list[str]:
        return [name for name in ("aar", "utvalg", "status", "saksbehandler") if getattr(self, name) is not None]


def _name(index: Index, pid: str | None) -> str | None:
    person = index.person(pid) if pid else None
    return person.navn if person else pid


def _body_name(index: Index, bid: str | None) -> str | None:
    body = index.body(bid) if bid else None
    return (body.kortnavn or body.navn) if body else bid


def _all(table: dict[str, list]) -> list:
    return [hit for hits in table.values() for hit in hits]


def case_rows(index: Index, f: Filters) -> list[dict]:
    rows = []
    status = fold(f.status) if f.status else None
    for rec in sorted(_all(index.cases), key=lambda r: (r.model.saksaar, r.model.sakssekvensnummer, r.path)):
        case = rec.model
        if f.aar is not None and case.saksaar != f.aar:
            continue
        if f.utvalg and not any(s.utvalg == f.utvalg for s in case.saksgang):
            continue
        if status and (case.saksstatus or "") != status:
            continue
        if f.saksbehandler and case.saksbehandler != f.saksbehandler:
            continue
        rows.append({
            "saksnr": case.saksnr, "tittel": case.tittel,
            "saksbehandler": case.saksbehandler, "saksbehandler_navn": _name(index, case.saksbehandler),
            "saksgang": [{"utvalg": s.utvalg, "utvalg_navn": _body_name(index, s.utvalg),
                          "moetedato": s.moetedato.isoformat() if s.moetedato else None,
                          "utvalgssaksnr": s.utvalgssaksnr} for s in case.saksgang],
            "saksstatus": case.saksstatus, "path": rec.path,
        })
    return rows


def meeting_rows(index: Index, f: Filters) -> list[dict]:
    rows = []
    status = fold(f.status) if f.status else None
    for rec in sorted(_all(index.meetings), key=lambda r: (r.model.moetedato, r.model.utvalg)):
        m = rec.model
        protocol = m.protokollstatus.status if m.protokollstatus else None
        if f.aar is not None and m.moetedato.year != f.aar:
            continue
        if f.utvalg and m.utvalg != f.utvalg:
            continue
        if status and (protocol or "") != status:
            continue
        rows.append({"id": m.id, "utvalg": m.utvalg, "utvalg_navn": _body_name(index, m.utvalg),
                     "moetedato": m.moetedato.isoformat(), "dokumenttype": m.dokumenttype,
                     "saker": len(m.saker), "protokollstatus": protocol, "path": rec.path})
    return rows


def people_rows(index: Index, f: Filters) -> list[dict]:
    member_of: dict[str, list[str]] = {}
    for _, _, body in _all(index.bodies):
        for m in body.medlemmer:
            member_of.setdefault(m.person, []).append(body.id)
    rows = []
    for _, _, p in sorted(_all(index.people), key=lambda hit: hit[2].id):
        bodies = member_of.get(p.id, [])
        if f.utvalg and f.utvalg not in bodies:
            continue
        rows.append({"id": p.id, "navn": p.navn, "tittel": p.tittel, "part": p.part, "utvalg": bodies})
    return rows


def body_rows(index: Index, f: Filters) -> list[dict]:
    meetings: dict[str, int] = {}
    for rec in _all(index.meetings):
        meetings[rec.model.utvalg] = meetings.get(rec.model.utvalg, 0) + 1
    return [{"id": b.id, "navn": b.navn, "type": b.type, "medlemmer": len(b.medlemmer),
             "moeter": meetings.get(b.id, 0)}
            for _, _, b in sorted(_all(index.bodies), key=lambda hit: hit[2].id)]


ROWS = {"cases": case_rows, "meetings": meeting_rows, "people": people_rows, "bodies": body_rows}


def rows(index: Index, kind: str, f: Filters) -> list[dict]:
    wrong = [name for name in f.given() if name not in FILTERS[kind]]
    if wrong:
        allowed = ", ".join(f"--{n}" for n in FILTERS[kind]) or "none"
        raise KvkError(f"--{wrong[0]} does not apply to {kind} (filters for {kind}: {allowed})")
    return ROWS[kind](index, f)


#: the record folders each listing needs (the organisation is always read)
LIST_FOLDERS = {"cases": ("saker",), "meetings": ("moter",), "people": (), "bodies": ("moter",)}


def _as_saksnr(ident: str) -> str | None:
    """The normalised saksnr if ``ident`` is one (``show`` also takes meeting, person and body ids)."""
    try:
        return parse_saksnr(ident)
    except PydanticCustomError:
        return None


def show_scope(ident: str) -> tuple[tuple[str, ...], re.Pattern[bytes] | None]:
    """Which folders, and which files in them, can hold what ``show ident`` needs: a large
    archive is then read in a fraction of the time of loading everything."""
    from .authoring.context import mentioning, saksnr_pattern

    ident = ident.strip()
    saksnr = _as_saksnr(ident)
    if saksnr is not None:
        return ("saker",), re.compile(rb"(?<![\w/])" + saksnr_pattern(saksnr))
    if _MEETING_ID.match(ident):
        return ("moter",), mentioning([ident[11:]])
    return ("moter",), mentioning([ident])


# --- show ------------------------------------------------------------------------------------

_MEETING_ID = re.compile(r"^\d{4}-\d{2}-\d{2}-[a-z0-9][a-z0-9_-]*$")


def _prune(value: Any) -> Any:
    """Drop empty values: a record shown to a person lists what is there."""
    if isinstance(value, dict):
        out = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in (None, [], {}, "")}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def _resolved(index: Index, model) -> dict:
    data = model.model_dump(mode="json", by_alias=True)
    for target, value, loc in references(model):
        name = {"person": _name, "body": _body_name}.get(target)
        if name is None:
            continue
        node = data
        try:
            for part in loc[:-1]:
                node = node[part]
            node[loc[-1]] = name(index, value)
        except (KeyError, IndexError, TypeError):  # a field dumped differently: keep the id
            continue
    return _prune(data)


def show(index: Index, ident: str) -> tuple[str, str, dict]:
    """(kind, path, resolved record) for a saksnr, meeting id, person id or body id."""
    ident = ident.strip()
    saksnr = _as_saksnr(ident)
    if saksnr is not None:
        return _one(index.cases.get(saksnr, []), "case", saksnr, index)
    if _MEETING_ID.match(ident):
        return _one(index.meetings.get(ident, []), "meeting", ident, index)
    if ident in index.people:
        rec, _, person = index.people[ident][0]
        data = _resolved(index, person)
        data["medlem_av"] = [{"utvalg": b.navn, "rolle": m.rolle} for _, _, b in _all(index.bodies)
                             for m in b.medlemmer if m.person == ident]
        return "person", rec.path, _prune(data)
    if ident in index.bodies:
        rec, _, body = index.bodies[ident][0]
        data = _resolved(index, body)
        data["moeter"] = sorted(r.model.id for r in _all(index.meetings) if r.model.utvalg == ident)
        return "body", rec.path, _prune(data)
    raise KvkError(f"nothing has the id '{ident}' (a saksnr 2009/17, a meeting id "
                   f"2009-10-30-styringsgruppa, a person id or a body id)")


def _one(records: list[Record], what: str, ident: str, index: Index) -> tuple[str, str, dict]:
    if not records:
        raise KvkError(f"no {what} {ident} in this repository")
    if len(records) > 1:
        raise KvkError(f"{what} {ident} is claimed by {' and '.join(r.path for r in records)} (run kvk check)")
    return what, records[0].path, _resolved(index, records[0].model)
