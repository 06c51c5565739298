"""Cross-record rules.

Checking runs in two steps so it can run in worker processes:

1. per record (:func:`facts_of`): with the organisation at hand, a record yields its own
   findings (file name, presence, votes, substitutes …) and a small :class:`Facts` summary:
   the ids it defines and the ids it refers to, each with its line and column.
2. across records (:func:`global_findings`): duplicate ids, unknown references, agendas and
   saksgang that disagree, utvalgssaksnr used twice — computed from the summaries alone.

All findings are collected before anything is reported.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any, Iterator

from pydantic import BaseModel
from pydantic_core import PydanticCustomError

from .diagnostics import Diagnostic, RecordError, Severity
from .models.common import parse_saksnr, utvalgssaksnr_parts
from .models.organisation import VOTING_ROLES
from .repository import (
    Record, case_files, case_path_matches, expected_case_path, expected_meeting_path, fewer_collections,
    record_kind,
)

PERSON, BODY, CASE, INDICATOR, MEETING = "person", "body", "case", "indicator", "meeting"

#: which (model, field) holds a reference to what
REFERENCES: dict[tuple[str, str], str] = {
    ("Sak", "saksbehandler"): PERSON,
    ("Sak", "avgjoeres_av"): BODY,
    ("Sak", "indikatorer"): INDICATOR,
    ("Saksgang", "utvalg"): BODY,
    ("Innstilling", "utvalg"): BODY,
    ("Behandling", "utvalg"): BODY,
    ("Forslag", "fremmet_av"): PERSON,
    ("Stemme", "person"): PERSON,
    ("Medlem", "person"): PERSON,
    ("Moete", "utvalg"): BODY,
    ("Moete", "moeteleder"): PERSON,
    ("Moete", "referent"): PERSON,
    ("Deltaker", "person"): PERSON,
    ("Deltaker", "moette_for"): PERSON,
    ("Punkt", "sak"): CASE,
    ("Punkt", "saksbehandler"): PERSON,
    ("Punkt", "innleder"): PERSON,
    ("Oppfoelging", "ansvarlig"): PERSON,
    ("Signatur", "person"): PERSON,
    ("Indikator", "relaterte"): INDICATOR,
    ("Maaling", "indikator"): INDICATOR,
    ("Paastand", "indikator"): INDICATOR,
    ("Sammenligning", "indikator"): INDICATOR,
}

UNKNOWN = {PERSON: ("KVK201", "unknown person"), BODY: ("KVK202", "unknown body"),
           INDICATOR: ("KVK212", "unknown indicator")}



@dataclass(slots=True)
class Facts:
    """What the cross-record rules need to know about one record: what it defines and what it
    points at, each with its place in the record."""

    path: str
    kind: str
    # places are locs inside the record (("saksgang", 0, "utvalg")), turned into lines only for
    # the few that end up in a finding
    defines: list[tuple[str, str, tuple]] = field(default_factory=list)  # (kind, id, loc)
    refers: list[tuple[str, str, tuple]] = field(default_factory=list)  # less what the Context resolved
    # cases: (utvalg, moetedato iso, utvalgssaksnr or None, loc) per saksgang entry
    saksgang: list[tuple[str, str, str | None, tuple]] = field(default_factory=list)
    agenda: frozenset[str] = frozenset()  # meetings: the cases on the agenda
    findings: list[Diagnostic] = field(default_factory=list)

    def as_tuple(self) -> tuple:
        # plain tuples cross process boundaries several times faster than dataclasses
        return (self.path, self.kind, self.defines, self.refers, self.saksgang, self.agenda, self.findings)


def at(record: Record, loc: tuple, code: str, message: str, *, key: bool = False,
       hint: str | None = None) -> Diagnostic:
    line, col = record.locate(loc, key=key)
    return Diagnostic.make(code, record.path, line, col, message, hint)


_PLANS: dict[type, tuple] = {}  # _plan per class, looked up without a call


@lru_cache(maxsize=None)
def _plan(cls: type[BaseModel]) -> tuple[tuple[str, str, str | None], ...]:
    """(attribute, key as written, reference kind or None) for each field of ``cls`` that holds a
    reference or a nested model that can hold one; computed once per class, as walking every
    field of every record is the cost of checking. Sub-models without references (sections,
    vedlegg, skjerming …) are not visited at all."""
    plan = []
    for name, info in cls.model_fields.items():
        target = REFERENCES.get((cls.__name__, name))
        if target is not None or any(_may_refer(sub) for sub in _models_in(info.annotation)):
            plan.append((name, info.alias or name, target))
    return tuple(plan)


def _models_in(annotation) -> list[type[BaseModel]]:
    from .validation import _unwrap

    return _unwrap(annotation)


@lru_cache(maxsize=None)
def _may_refer(cls: type[BaseModel], _seen: frozenset = frozenset()) -> bool:
    if cls in _seen:  # a recursive model (Underpunkt): decided by its other fields
        return False
    for name, info in cls.model_fields.items():
        if (cls.__name__, name) in REFERENCES:
            return True
        if any(_may_refer(sub, _seen | {cls}) for sub in _models_in(info.annotation)):
            return True
    return False


def references(model: BaseModel, loc: tuple = ()) -> list[tuple[str, str, tuple]]:
    """(target kind, id, loc) for every reference anywhere inside ``model``. A loop over an
    explicit stack: recursive generators cost more than the rest of a record's checks."""
    found: list[tuple[str, str, tuple]] = []
    todo: list[tuple[BaseModel, tuple]] = [(model, loc)]
    plans = _PLANS
    while todo:
        current, where = todo.pop()
        values = current.__dict__
        cls = type(current)
        plan = plans.get(cls)
        if plan is None:
            plan = plans[cls] = _plan(cls)
        for attr, key, target in plan:
            value = values[attr]
            if not value:  # None or an empty list: most fields of most records
                continue
            if type(value) is list:
                here = where + (key,)
                if target is not None:
                    found.extend((target, v, here + (i,)) for i, v in enumerate(value))
                else:
                    todo.extend((v, here + (i,)) for i, v in enumerate(value) if isinstance(v, BaseModel))
            elif target is not None:
                found.append((target, value, where + (key,)))
            elif isinstance(value, BaseModel):
                todo.append((value, where + (key,)))
    return found


class Context:
    """The organisation, as per-record rules need it."""

    def __init__(self, organisations: list[Any]):
        self.bodies = {b.id: b for org in organisations for b in org.utvalg}
        #: what the organisation defines: references to these need not leave the worker
        self.known = {PERSON: {p.id for org in organisations for p in org.personer},
                      BODY: set(self.bodies)}
        #: body id -> the people who vote in it by membership
        self.voters = {b.id: frozenset(m.person for m in b.medlemmer if m.rolle in VOTING_ROLES)
                       for b in self.bodies.values()}

    def body(self, body_id: str):
        return self.bodies.get(body_id)


def facts_of(record: Record, context: Context) -> Facts:
    facts = Facts(record.path, record.kind)
    model = record.model
    known = context.known
    # people and bodies are resolved here, against the organisation every worker holds: most
    # references of most records, which then never travel to the parent
    facts.refers = [r for r in references(model) if r[1] not in known.get(r[0], ())]
    if record.kind == "organisasjon":
        facts.defines += [(PERSON, p.id, ("personer", i, "id")) for i, p in enumerate(model.personer)]
        facts.defines += [(BODY, b.id, ("utvalg", i, "id")) for i, b in enumerate(model.utvalg)]
    elif record.kind == "indikatorer":
        facts.defines += [(INDICATOR, ind.id, ("indikatorer", i, "id")) for i, ind in enumerate(model.indikatorer)]
        # measurements name indicators of their own file: resolved here, not shipped to the parent
        own = {ident for _, ident, _ in facts.defines}
        facts.refers = [r for r in facts.refers if r[0] != INDICATOR or r[1] not in own]
    elif record.kind == "sak":
        facts.defines.append((CASE, model.saksnr, ("saksnr",)))
        for i, step in enumerate(model.saksgang):
            day = step.moetedato.isoformat() if step.moetedato else ""
            facts.saksgang.append((step.utvalg, day, step.utvalgssaksnr, ("saksgang", i)))
        if not case_path_matches(model.saksnr, record.path):  # a slug after the number is fine
            facts.findings += _file_name(record, expected_case_path(model.saksnr), model.saksnr, ("saksnr",))
    elif record.kind == "moete":
        facts.defines.append((MEETING, model.id, ("moetedato",)))
        facts.agenda = frozenset(p.sak for p in model.saker if p.sak)
        facts.findings += _file_name(record, expected_meeting_path(model.id), model.id, ("moetedato",))
        facts.findings += _meeting_rules(record, context.body(model.utvalg),
                                         context.voters.get(model.utvalg, frozenset()))
    return facts


def _file_name(record: Record, expected: str, ident: str, loc: tuple) -> list[Diagnostic]:
    if record.path == expected:
        return []
    return [at(record, loc, "KVK204", f"{ident} belongs in {expected}, not {record.path}",
               hint=f"git mv {record.path} {expected}")]


# --- meetings: presence, substitutes, votes -----------------------------------------------


def _present_at(participant, item_pos: int, order: dict[str, int]) -> bool:
    """Was the participant in the room for the item at ``item_pos``? A clock time cannot be
    placed among the items, so it never counts against presence."""
    if participant.oppmoete not in ("moett", None):
        return False
    fra, til = participant.til_stede_fra, participant.til_stede_til
    if fra is not None and fra.sak in order and item_pos < order[fra.sak]:
        return False
    if til is not None and til.sak in order and item_pos > order[til.sak]:
        return False
    return True


def _absence(participant) -> str:
    """Why a participant was not in the room, as the record says it."""
    if participant.oppmoete not in ("moett", None):
        return f"oppmoete: {participant.oppmoete}"
    if participant.til_stede_fra is not None and participant.til_stede_fra.sak is not None:
        return f"til_stede_fra: {participant.til_stede_fra.sak}"
    return f"til_stede_til: {participant.til_stede_til.sak}"


def _voting(participant, members: frozenset[str]) -> bool:
    """May the participant vote: as said (stemmerett), as a substitute or by role or category
    in the meeting, or as a voting member of the body (``members``)."""
    if participant.stemmerett is not None:
        return participant.stemmerett
    if participant.moette_for is not None or participant.rolle in VOTING_ROLES or participant.rolle == "varamedlem":
        return True
    if participant.kategori in ("fast_medlem", "varamedlem"):
        return True
    return participant.person in members


def _meeting_rules(rec: Record, body, members: frozenset[str] = frozenset()) -> list[Diagnostic]:
    meeting = rec.model
    order = {p.nr: i for i, p in enumerate(meeting.saker)}
    by_person = {d.person: d for d in meeting.deltakere}
    inhabil = {(d.person, i.sak) for d in meeting.deltakere for i in d.inhabil_i}
    found: list[Diagnostic] = []

    for i, d in enumerate(meeting.deltakere):
        if d.moette_for is not None:
            replaced = by_person.get(d.moette_for)
            if replaced is None or replaced.oppmoete not in ("forfall", "ikke_moett", "permisjon"):
                state = ("is not among the participants" if replaced is None
                         else f"is not marked absent (oppmoete: {replaced.oppmoete or 'empty'})")
                found.append(at(rec, ("deltakere", i, "moette_for"), "KVK207",
                                f"{d.person} met for {d.moette_for}, who {state}"))
        if d.til_stede_fra is None and d.til_stede_til is None and not d.inhabil_i:
            continue  # nothing below to check: most participants
        for name in ("til_stede_fra", "til_stede_til"):
            point = getattr(d, name)
            if point is not None and point.sak is not None and point.sak not in order:
                found.append(at(rec, ("deltakere", i, name, "sak"), "KVK213",
                                f"no agenda item '{point.sak}' in this meeting"))
        for j, inh in enumerate(d.inhabil_i):
            if inh.sak not in order:
                found.append(at(rec, ("deltakere", i, "inhabil_i", j, "sak"), "KVK213",
                                f"no agenda item '{inh.sak}' in this meeting"))

    if not meeting.deltakere or meeting.dokumenttype == "innkalling":
        return found
    size = len(body.voting_members) if body is not None else 0
    entitled = [d for d in meeting.deltakere if _voting(d, members)]
    # most voters are in the room for the whole meeting and fit to vote in every item: count
    # them once, and judge only the others item by item
    steady = [d for d in entitled if d.oppmoete in ("moett", None) and d.til_stede_fra is None
              and d.til_stede_til is None and not d.inhabil_i]
    varying = [d for d in entitled if d.oppmoete in ("moett", None) and not (
        d.til_stede_fra is None and d.til_stede_til is None and not d.inhabil_i)]
    for pos, item in enumerate(meeting.saker):
        if item.vedtak is None and not item.votering:
            continue
        voters = len(steady)
        if varying:
            voters += sum(1 for d in varying if _present_at(d, pos, order) and (d.person, item.nr) not in inhabil)
        if item.vedtak is not None and size and voters * 2 < size:
            found.append(at(rec, ("saker", pos, "vedtak"), "KVK209",
                            f"item {item.nr}: only {voters} of the body's {size} members present and entitled to vote"))
        for v, vote in enumerate(item.votering):
            if vote.total > voters:
                found.append(at(rec, ("saker", pos, "votering", v), "KVK208",
                                f"item {item.nr}: {vote.total} votes but only {voters} voting members present"))
            for s, stemme in enumerate(vote.stemmer):
                loc = ("saker", pos, "votering", v, "stemmer", s, "person")
                if stemme.person not in by_person:
                    found.append(at(rec, loc, "KVK215",
                                    f"{stemme.person} voted in item {item.nr} but is not among the participants"))
                elif (stemme.person, item.nr) in inhabil:
                    found.append(at(rec, loc, "KVK210",
                                    f"{stemme.person} voted in item {item.nr} after being declared inhabil in it"))
                elif not _present_at(by_person[stemme.person], pos, order):
                    found.append(at(rec, loc, "KVK216",
                                    f"{stemme.person} voted in item {item.nr} but was not present at it "
                                    f"({_absence(by_person[stemme.person])})"))
    return found


# --- across records ------------------------------------------------------------------------


class Locator:
    """Lines and columns for (path, loc) pairs, read from the files only when a finding needs
    them."""

    def __init__(self, root):
        self.root = root
        self._sources: dict[str, Any] = {}

    def __call__(self, path: str, loc: tuple) -> tuple[int, int]:
        from pathlib import Path

        from .diagnostics import RecordError
        from .loader import load_file

        if path not in self._sources:
            try:
                self._sources[path] = load_file(Path(self.root) / path, path, Path(self.root), track=True)
            except RecordError:
                self._sources[path] = None
        source = self._sources[path]
        return source.locate(loc) if source is not None else (0, 0)

    def make(self, code: str, path: str, loc: tuple, message: str) -> Diagnostic:
        line, col = self(path, loc)
        return Diagnostic.make(code, path, line, col, message)


def global_findings(all_facts: list[Facts], where: Locator,
                    unloaded: dict[str, set[str]] | None = None) -> Iterator[Diagnostic]:
    """Findings across records; ``unloaded`` holds the ids that files which failed to load may
    define (see :func:`ids_of_unloaded`)."""
    defined: dict[str, dict[str, list[tuple[str, tuple]]]] = defaultdict(lambda: defaultdict(list))
    for f in all_facts:
        for kind, ident, loc in f.defines:
            defined[kind][ident].append((f.path, loc))
    yield from _duplicates(defined, where)
    yield from _unknown(all_facts, defined, where, unloaded or {})
    yield from _saksgang_vs_agenda(all_facts, where)
    yield from _duplicate_utvalgssaksnr(all_facts, where)


_WHAT = {PERSON: "person id", BODY: "body id", INDICATOR: "indicator id", CASE: "saksnr", MEETING: "meeting"}


def _duplicates(defined, where: Locator) -> Iterator[Diagnostic]:
    for kind, table in defined.items():
        for ident, places in table.items():
            if len(places) > 1:
                yield from _duplicate(kind, ident, places, where)


def _duplicate(kind: str, ident: str, places, where: Locator) -> Iterator[Diagnostic]:
    for path, loc in places:
        others = ", ".join(f"{p}:{where(p, l)[0]}" for p, l in places if (p, l) != (path, loc))
        yield where.make("KVK203", path, loc, f"{_WHAT[kind]} {ident} is also claimed by {others}")


def _unknown(all_facts: list[Facts], defined, where: Locator, unloaded: dict[str, set[str]]) -> Iterator[Diagnostic]:
    for f in all_facts:
        for kind, ident, loc in f.refers:
            if ident in defined[kind] or ident in unloaded.get(kind, ()) or _ALL in unloaded.get(kind, ()):
                continue
            if kind == CASE:
                yield where.make("KVK205", f.path, loc, f"agenda item refers to case {ident}, which does not exist")
            else:
                code, what = UNKNOWN[kind]
                yield where.make(code, f.path, loc, f"{what} '{ident}'")


def _saksgang_vs_agenda(all_facts: list[Facts], where: Locator) -> Iterator[Diagnostic]:
    agendas = {ident: f.agenda for f in all_facts if f.kind == "moete"
               for kind, ident, *_ in f.defines if kind == MEETING}
    for f in all_facts:
        if f.kind != "sak":
            continue
        saksnr = f.defines[0][1]
        for body, day, _, loc in f.saksgang:
            meeting = f"{day}-{body}"
            agenda = agendas.get(meeting)
            if agenda and saksnr not in agenda:
                yield where.make("KVK206", f.path, loc, f"the meeting {meeting} exists but does not list case {saksnr}")


def _duplicate_utvalgssaksnr(all_facts: list[Facts], where: Locator) -> Iterator[Diagnostic]:
    seen: dict[tuple, list[tuple[str, str, tuple]]] = {}
    parts: dict[str, tuple] = {}  # 'PS 45/08' -> (45, 2008): the same few numbers recur in every body
    for f in all_facts:
        if f.kind != "sak":
            continue
        for body, _, number, loc in f.saksgang:
            if number:
                key = parts.get(number)
                if key is None:
                    key = parts[number] = utvalgssaksnr_parts(number)[1:]
                hit = (f.defines[0][1], f.path, loc + ("utvalgssaksnr",))
                hits = seen.setdefault((body, *key), [])
                hits.append(hit)
    for (body, seq, year), hits in seen.items():
        if len(hits) > 1 and len({saksnr for saksnr, *_ in hits}) > 1:
            for saksnr, path, loc in hits:
                others = ", ".join(s for s, *_ in hits if s != saksnr)
                yield where.make("KVK214", path, loc, f"utvalgssaksnr {seq}/{year} in {body} is also given to case {others}")


# --- ids claimed by files that did not load --------------------------------------------------
#
# A file that fails to load or validate has no facts. Without care, every reference to what it
# defines would then be reported as unknown too: one typo in a measurement would turn into
# "unknown indicator" in every case linking it. So the ids such files claim are read from their
# raw values (or their file names), and references to them are not reported; the file's own
# diagnostic already says what is wrong.

_ALL = "*"  # the file could not be read at all: any id of that kind may have been in it


def ids_of_unloaded(root: Path, diagnostics: list[Diagnostic], all_facts: list[Facts]) -> dict[str, set[str]]:
    from .loader import load_file

    loaded = {f.path for f in all_facts}
    failed = {d.path for d in diagnostics if d.severity is Severity.ERROR and d.path not in loaded}
    claimed: dict[str, set[str]] = defaultdict(set)
    for path in sorted(failed):
        kind = record_kind(PurePosixPath(path))
        try:
            data = load_file(Path(root) / path, path, Path(root)).data
        except RecordError:
            data = None
        if kind == "sak":
            claimed[CASE].add(_raw_saksnr(data, path))
        elif kind == "organisasjon":
            claimed[PERSON] |= _raw_ids(data, "personer")
            claimed[BODY] |= _raw_ids(data, "utvalg")
        elif kind == "indikatorer":
            claimed[INDICATOR] |= _raw_ids(data, "indikatorer")
    return claimed


def _raw_ids(data, key: str) -> set[str]:
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return {_ALL}
    return {str(item["id"]).strip() for item in items if isinstance(item, dict) and item.get("id")}


def _raw_saksnr(data, path: str) -> str:
    try:
        return parse_saksnr(data["saksnr"])
    except (TypeError, KeyError, PydanticCustomError):
        m = re.fullmatch(r"(\d{4})-0*(\d+)\.ya?ml", PurePosixPath(path).name)
        return f"{m[1]}/{m[2]}" if m else ""


# --- the whole check -----------------------------------------------------------------------


def check_repository(repo, paths=None, jobs: int | None = None) -> tuple[list[Diagnostic], int]:
    """Check the repository, or only ``paths``. With paths, the organisation, the indicator
    files and the records the selected ones point at are read as context, so references resolve,
    and only findings in the selected files are reported. Returns (findings, files checked)."""
    with fewer_collections():
        selected = collect(repo, paths, jobs=jobs)
        if not paths:
            facts = selected.facts
            unloaded = ids_of_unloaded(repo.root, selected.diagnostics, facts)
            found = set(selected.diagnostics) | set(global_findings(facts, Locator(repo.root), unloaded))
            return sorted(found), selected.files
        return check_subset(repo, selected), selected.files


def check_subset(repo, selected: "Collected", extra: list[Facts] = (), *,
                 indicators: bool = True) -> list[Diagnostic]:
    """Findings in the ``selected`` records, with the records they point at, the organisation,
    the indicator files (unless ``indicators`` is false: the caller put the ones that matter in
    ``extra``) and the ``extra`` facts (already collected) as context."""
    chosen = {f.path for f in selected.facts} | {d.path for d in selected.diagnostics}
    have = chosen | {f.path for f in extra}
    wanted = sorted(p for p in _neighbours(repo.root, selected.facts) | _rivals(repo.root, selected.facts)
                    if p not in have)
    wanted += [name for name in ("data/organisasjon.yaml", "data/organisasjon") + ("data/indikatorer",) * indicators
               if name not in have]
    context_paths = [repo.root / p for p in wanted if (repo.root / p).exists()]
    context = collect(repo, context_paths, jobs=1) if context_paths else Collected()
    facts = selected.facts + [f for f in extra if f.path not in chosen]
    facts += [f for f in context.facts if f.path not in have]
    unloaded = ids_of_unloaded(repo.root, selected.diagnostics + context.diagnostics, facts)
    found = set(selected.diagnostics) | {d for d in global_findings(facts, Locator(repo.root), unloaded)
                                          if d.path in chosen}
    return sorted(found)


def _neighbours(root, all_facts: list[Facts]) -> set[str]:
    """Paths of the records these records point at (cases on agendas, meetings in saksgang)."""
    wanted: set[str] = set()
    for f in all_facts:
        for kind, ident, _ in f.refers:
            if kind == CASE:
                wanted.update(case_files(root, ident))
        wanted.update(expected_meeting_path(f"{day}-{body}") for body, day, *_ in f.saksgang if day)
    return wanted


def _rivals(root, all_facts: list[Facts]) -> set[str]:
    """Files that could clash with these records: another file for the same saksnr (as when two
    branches each create "the next" case, each with its own title slug) and cases giving the
    same utvalgssaksnr. Found by file name and by a byte search, so checking one changed file
    reads a handful of files, not a whole year of cases. (A meeting's file name is its id, so
    two files cannot claim one meeting without one of them failing KVK204 itself.)"""
    import re

    wanted: set[str] = set()
    for f in all_facts:
        if f.kind != "sak":
            continue
        wanted.update(case_files(root, f.defines[0][1]))
        for _, _, number, _ in f.saksgang:
            if number:
                _, seq, year = utvalgssaksnr_parts(number)
                pattern = re.compile(rb"\b%d/(?:%02d|%d)\b" % (seq, year % 100, year))
                # a case is mostly treated the year it was opened or the next
                for y in (year - 1, year):
                    folder = root / "data" / "saker" / str(y)
                    if folder.is_dir():
                        wanted.update(f"data/saker/{y}/{p.name}" for p in sorted(folder.glob("*.y*ml"))
                                      if pattern.search(p.read_bytes()))
    return wanted


@dataclass
class Collected:
    facts: list[Facts] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0


_CONTEXT: Context | None = None


def _init_worker(root: str, organisation_files: list[str]) -> None:
    global _CONTEXT
    _CONTEXT = _load_context(root, organisation_files)
    fewer_collections().__enter__()  # for the worker's life


def _load_context(root: str, organisation_files: list[str]) -> Context:
    from .repository import _load_one

    orgs = [r.model for r in (_load_one(root, rel, "organisasjon", False)[0] for rel in organisation_files) if r]
    return Context(orgs)


def _facts_chunk(root: str, items: list[tuple[str, str]]) -> list[tuple[tuple | None, list[Diagnostic]]]:
    from .repository import _load_one

    out = []
    for rel, kind in items:
        record, diags = _load_one(root, rel, kind, True)
        if record is None:
            out.append((None, diags))
            continue
        facts = facts_of(record, _CONTEXT)
        out.append((facts.as_tuple(), diags + facts.findings))
    return out


def collect(repo, paths=None, jobs: int | None = None) -> Collected:
    """Load, validate and summarise the records (in worker processes when there are many)."""
    import os

    from .repository import PARALLEL_THRESHOLD

    files, stray = repo.record_files(paths)
    result = Collected(diagnostics=list(stray), files=len(files))
    root = str(repo.root)
    org_dir = repo.root / "data" / "organisasjon"
    organisation_files = [rel for rel, kind in repo.record_files([repo.root / "data" / "organisasjon.yaml"])[0]] \
        if (repo.root / "data" / "organisasjon.yaml").exists() else []
    if org_dir.is_dir():
        organisation_files += [rel for rel, _ in repo.record_files([org_dir])[0]]
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    if jobs > 1 and len(files) >= PARALLEL_THRESHOLD:
        # many small chunks: the last one to finish leaves the other workers idle, so keep it short
        n = min(len(files), jobs * 32)
        chunks = [files[i::n] for i in range(n)]
        results = _run_parallel(root, organisation_files, chunks, jobs)
    else:
        _init_worker(root, organisation_files)
        results = _facts_chunk(root, files)
    for facts, diags in results:
        result.diagnostics.extend(diags)
        if facts is not None:
            result.facts.append(Facts(*facts))
    return result


def _run_parallel(root: str, organisation_files: list[str], chunks, jobs: int):
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker,
                             initargs=(root, organisation_files)) as pool:
        futures = [pool.submit(_facts_chunk, root, chunk) for chunk in chunks if chunk]
        out = []
        for future in futures:
            out.extend(future.result())
        return out
