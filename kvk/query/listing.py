"""Answers to "what is there?": the rows of ``kvk list``.

Rows are plain JSON-ready dicts; the CLI decides how to draw them. References are resolved to
names here, so a table reads "Tor Langvold", not "tor-langvold". A row is made where its record
is loaded (in a worker process, for a large archive), so only rows travel, never whole models:
listing every case costs what checking them does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import layout
from ..diagnostics import UsageError, did_you_mean
from ..models.common import fold
from ..repository import Broken, Directory, Record, Repository, Scope, cached

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


@dataclass
class Listing:
    rows: list[dict]
    broken: list[str] = field(default_factory=list)  # files left out because they do not load


def person_name(directory: Directory, pid: str | None) -> str | None:
    person = directory.people.get(pid) if pid else None
    return person.navn if person else pid


def body_name(directory: Directory, bid: str | None) -> str | None:
    body = directory.bodies.get(bid) if bid else None
    return (body.kortnavn or body.navn) if body else bid


# --- rows, made where the records are loaded -----------------------------------------------------

@cached("case-rows")
def case_row(record: Record, directory: Directory) -> dict | None:
    case = record.model
    if record.kind != layout.SAK:
        return None
    return {
        "saksnr": case.saksnr, "tittel": case.tittel,
        "saksbehandler": case.saksbehandler, "saksbehandler_navn": person_name(directory, case.saksbehandler),
        "saksgang": [{"utvalg": s.utvalg, "utvalg_navn": body_name(directory, s.utvalg),
                      "moetedato": s.moetedato.isoformat() if s.moetedato else None,
                      "utvalgssaksnr": s.utvalgssaksnr} for s in case.saksgang],
        "saksstatus": case.saksstatus, "path": record.path,
        "_order": (case.saksaar, case.sakssekvensnummer, record.path),
    }


@cached("meeting-rows")
def meeting_row(record: Record, directory: Directory) -> dict | None:
    m = record.model
    if record.kind != layout.MOETE:
        return None
    return {"id": m.id, "utvalg": m.utvalg, "utvalg_navn": body_name(directory, m.utvalg),
            "moetedato": m.moetedato.isoformat(), "dokumenttype": m.dokumenttype,
            "saker": len(m.saker), "protokollstatus": m.protokollstatus.status if m.protokollstatus else None,
            "path": record.path, "_order": (m.moetedato.isoformat(), m.utvalg)}


def _keep_case(row: dict, f: Filters, status: str | None) -> bool:
    if f.aar is not None and row["_order"][0] != f.aar:
        return False
    if f.utvalg and not any(s["utvalg"] == f.utvalg for s in row["saksgang"]):
        return False
    if status and (row["saksstatus"] or "") != status:
        return False
    return not (f.saksbehandler and row["saksbehandler"] != f.saksbehandler)


def _keep_meeting(row: dict, f: Filters, status: str | None) -> bool:
    if f.aar is not None and int(row["moetedato"][:4]) != f.aar:
        return False
    if f.utvalg and row["utvalg"] != f.utvalg:
        return False
    return not (status and (row["protokollstatus"] or "") != status)


def _sorted(rows: list[dict | None], keep) -> list[dict]:
    found = sorted((r for r in rows if r is not None and keep(r)), key=lambda r: r["_order"])
    for r in found:
        del r["_order"]
    return found


# --- the listings ---------------------------------------------------------------------------------

def _records(kind: str, row, keep):
    """A listing of cases or meetings: a year's folder when --aar says which, rows made in the
    workers, then filtered and sorted here."""
    def listing(repo: Repository, f: Filters, jobs: int | None, progress=None) -> Listing:
        status = _known_status(kind, f.status)
        scope = Scope.kinds(kind, years=None if f.aar is None else [f.aar])
        loaded = repo.load(scope, on_broken=Broken.SKIP, jobs=jobs, summarise=row, progress=progress)
        if f.utvalg or f.saksbehandler:  # the organisation is parsed only to check these
            _known_filters(loaded.directory, f)
        return Listing(_sorted(loaded.summaries, lambda r: keep(r, f, status)), loaded.broken())
    return listing


_cases = _records(layout.SAK, case_row, _keep_case)
_meetings = _records(layout.MOETE, meeting_row, _keep_meeting)


def _people(repo: Repository, f: Filters, jobs: int | None, progress=None) -> Listing:
    loaded = repo.load(Scope.organisation(), on_broken=Broken.SKIP, jobs=1)
    _known_filters(loaded.directory, f)
    member_of: dict[str, list[str]] = {}
    for body in loaded.directory.bodies.values():
        for m in body.medlemmer:
            member_of.setdefault(m.person, []).append(body.id)
    rows = []
    for p in sorted(loaded.directory.people.values(), key=lambda p: p.id):
        bodies = member_of.get(p.id, [])
        if f.utvalg and f.utvalg not in bodies:
            continue
        rows.append({"id": p.id, "navn": p.navn, "tittel": p.tittel, "part": p.part, "utvalg": bodies,
                     "utvalg_navn": [body_name(loaded.directory, b) for b in bodies]})
    return Listing(rows, loaded.broken())


def _bodies(repo: Repository, f: Filters, jobs: int | None, progress=None) -> Listing:
    # the number of meetings is read off the file names: a meeting's file is named after its id
    loaded = repo.load(Scope.organisation(), on_broken=Broken.SKIP, jobs=1)
    meetings: dict[str, int] = {}
    for rel in layout.meeting_files(repo.root):
        body = layout.meeting_body(layout.id_of(rel))  # None for an own id: not counted per body
        meetings[body] = meetings.get(body, 0) + 1
    rows = [{"id": b.id, "navn": b.navn, "type": b.type, "medlemmer": len(b.medlemmer),
             "moeter": meetings.get(b.id, 0)}
            for b in sorted(loaded.directory.bodies.values(), key=lambda b: b.id)]
    return Listing(rows, loaded.broken())


_LISTINGS = {"cases": _cases, "meetings": _meetings, "people": _people, "bodies": _bodies}


def list_rows(repo: Repository, kind: str, f: Filters, jobs: int | None = None, progress=None) -> Listing:
    """The rows of ``kvk list KIND``; records that do not load are left out and named.
    ``progress(done, total)`` hears how many record files are read."""
    wrong = [name for name in f.given() if name not in FILTERS[kind]]
    if wrong:
        allowed = ", ".join(f"--{n}" for n in FILTERS[kind]) or "none"
        raise UsageError(f"--{wrong[0]} does not apply to {kind} (filters for {kind}: {allowed})")
    return _LISTINGS[kind](repo, f, jobs, progress)


def status_values(kind: str) -> tuple[str, ...]:
    """What ``--status`` may be for ``kind``: a case's saksstatus, a meeting's protokollstatus
    (read off the models, so a new value is accepted at once)."""
    from typing import get_args

    from ..models.case import Sak
    from ..models.meeting import Protokollstatus

    model, name = (Sak, "saksstatus") if kind == layout.SAK else (Protokollstatus, "status")
    annotation = model.model_fields[name].annotation
    return tuple(v for arg in get_args(annotation) for v in (get_args(arg) or (arg,)) if isinstance(v, str))


def _known_status(kind: str, status: str | None) -> str | None:
    """The status filter as the records write it; a status that cannot be is a mistake."""
    if status is None:
        return None
    folded = fold(status)
    known = status_values(kind)
    if folded not in known:
        raise UsageError(f"--status: '{status}' is not a {'saksstatus' if kind == layout.SAK else 'protokollstatus'}"
                         f"{did_you_mean(folded, known) or ' (one of: ' + ', '.join(known) + ')'}")
    return folded


def _known_filters(directory: Directory, f: Filters) -> None:
    """A filter naming someone or something the organisation does not know is a mistake, not
    an empty list."""
    for option, value, known, what in (("--utvalg", f.utvalg, directory.bodies, "body"),
                                       ("--saksbehandler", f.saksbehandler, directory.people, "person")):
        if value and value not in known:
            raise UsageError(f"{option}: unknown {what} '{value}'{did_you_mean(value, known)}")
