"""Cross-record rules. Each rule is a small function that yields diagnostics; all of them run
before anything is reported."""

from __future__ import annotations

from collections import defaultdict
from typing import Callable, Iterator

from pydantic import BaseModel

from .diagnostics import Diagnostic
from .models.common import utvalgssaksnr_parts
from .models.organisation import VOTING_ROLES
from .repository import Index, Record, expected_case_path, expected_meeting_path

Rule = Callable[[Index], Iterator[Diagnostic]]
RULES: list[Rule] = []


def rule(fn: Rule) -> Rule:
    RULES.append(fn)
    return fn


def at(record: Record, loc: tuple, code: str, message: str, *, key: bool = False,
       hint: str | None = None) -> Diagnostic:
    line, col = record.locate(loc, key=key)
    return Diagnostic.make(code, record.path, line, col, message, hint)


# which (model, field) holds a reference to what
_PERSON, _BODY, _CASE, _INDICATOR = "person", "body", "case", "indicator"
REFERENCES: dict[tuple[str, str], str] = {
    ("Sak", "saksbehandler"): _PERSON,
    ("Sak", "avgjoeres_av"): _BODY,
    ("Sak", "indikatorer"): _INDICATOR,
    ("Saksgang", "utvalg"): _BODY,
    ("Innstilling", "utvalg"): _BODY,
    ("Behandling", "utvalg"): _BODY,
    ("Forslag", "fremmet_av"): _PERSON,
    ("Stemme", "person"): _PERSON,
    ("Medlem", "person"): _PERSON,
    ("Moete", "utvalg"): _BODY,
    ("Moete", "moeteleder"): _PERSON,
    ("Moete", "referent"): _PERSON,
    ("Deltaker", "person"): _PERSON,
    ("Deltaker", "moette_for"): _PERSON,
    ("Punkt", "saksbehandler"): _PERSON,
    ("Punkt", "innleder"): _PERSON,
    ("Oppfoelging", "ansvarlig"): _PERSON,
    ("Signatur", "person"): _PERSON,
    ("Indikator", "relaterte"): _INDICATOR,
    ("Maaling", "indikator"): _INDICATOR,
    ("Paastand", "indikator"): _INDICATOR,
}


def references(model: BaseModel, loc: tuple = ()) -> Iterator[tuple[str, str, tuple]]:
    """(target kind, id, loc) for every reference anywhere inside ``model``."""
    name = type(model).__name__
    for field in type(model).model_fields:
        value = getattr(model, field)
        if value is None:
            continue
        here = loc + (type(model).model_fields[field].alias or field,)
        target = REFERENCES.get((name, field))
        if target is not None:
            if isinstance(value, list):
                for i, v in enumerate(value):
                    yield target, v, here + (i,)
            else:
                yield target, value, here
        elif isinstance(value, BaseModel):
            yield from references(value, here)
        elif isinstance(value, list):
            for i, v in enumerate(value):
                if isinstance(v, BaseModel):
                    yield from references(v, here + (i,))


@rule
def unknown_references(index: Index) -> Iterator[Diagnostic]:
    known = {_PERSON: index.people, _BODY: index.bodies, _INDICATOR: index.indicators}
    codes = {_PERSON: ("KVK201", "unknown person"), _BODY: ("KVK202", "unknown body"),
             _INDICATOR: ("KVK212", "unknown indicator")}
    for rec in index.records:
        for target, value, loc in references(rec.model):
            if target in known and value not in known[target]:
                code, what = codes[target]
                yield at(rec, loc, code, f"{what} '{value}'")


@rule
def duplicate_ids(index: Index) -> Iterator[Diagnostic]:
    for what, table in (("person", index.people), ("body", index.bodies), ("indicator", index.indicators)):
        for ident, hits in table.items():
            if len(hits) > 1:
                for rec, loc, _ in hits:
                    others = ", ".join(f"{r.path}:{r.locate(l)[0]}" for r, l, _ in hits if (r, l) != (rec, loc))
                    yield at(rec, loc, "KVK203", f"{what} id '{ident}' is also defined in {others}")
    for what, table, loc in (("saksnr", index.cases, ("saksnr",)), ("meeting", index.meetings, ("moetedato",))):
        for ident, recs in table.items():
            if len(recs) > 1:
                for rec in recs:
                    others = ", ".join(r.path for r in recs if r is not rec)
                    yield at(rec, loc, "KVK203", f"{what} {ident} is also claimed by {others}")


@rule
def file_names(index: Index) -> Iterator[Diagnostic]:
    for rec in index.records:
        if rec.kind == "sak":
            expected, loc, ident = expected_case_path(rec.model.saksnr), ("saksnr",), rec.model.saksnr
        elif rec.kind == "moete":
            expected, loc, ident = expected_meeting_path(rec.model.id), ("moetedato",), rec.model.id
        else:
            continue
        if rec.path != expected:
            yield at(rec, loc, "KVK204", f"{ident} belongs in {expected}, not {rec.path}",
                     hint=f"git mv {rec.path} {expected}")


def _item_numbers(meeting) -> list[str]:
    return [p.nr for p in meeting.saker]


@rule
def agenda_cases(index: Index) -> Iterator[Diagnostic]:
    for rec in index.records:
        if rec.kind != "moete":
            continue
        for i, item in enumerate(rec.model.saker):
            if item.sak and item.sak not in index.cases:
                yield at(rec, ("saker", i, "sak"), "KVK205", f"item {item.nr} refers to case {item.sak}, which does not exist")


@rule
def saksgang_meetings(index: Index) -> Iterator[Diagnostic]:
    for rec in index.records:
        if rec.kind != "sak":
            continue
        for i, step in enumerate(rec.model.saksgang):
            if step.moetedato is None:
                continue
            meeting = index.meeting(f"{step.moetedato.isoformat()}-{step.utvalg}")
            if meeting is not None and meeting.saker and not any(p.sak == rec.model.saksnr for p in meeting.saker):
                yield at(rec, ("saksgang", i), "KVK206",
                         f"the meeting {step.moetedato.isoformat()}-{step.utvalg} exists but does not list case {rec.model.saksnr}")


@rule
def duplicate_utvalgssaksnr(index: Index) -> Iterator[Diagnostic]:
    seen: dict[tuple, list[tuple[Record, tuple]]] = defaultdict(list)
    for rec in index.records:
        if rec.kind != "sak":
            continue
        for i, step in enumerate(rec.model.saksgang):
            if step.utvalgssaksnr:
                _, number, year = utvalgssaksnr_parts(step.utvalgssaksnr)
                seen[(step.utvalg, year, number)].append((rec, ("saksgang", i, "utvalgssaksnr")))
    for (body, year, number), hits in seen.items():
        if len({r.model.saksnr for r, _ in hits}) > 1:
            for rec, loc in hits:
                others = ", ".join(r.model.saksnr for r, _ in hits if r is not rec)
                yield at(rec, loc, "KVK214", f"utvalgssaksnr {number}/{year} in {body} is also given to case {others}")


# --- meetings: presence, substitutes, votes -----------------------------------------------


def _present_at(participant, item_pos: int, order: dict[str, int]) -> bool:
    """Was the participant in the room for the item at position ``item_pos``? A clock time
    cannot be placed among the items, so it never counts against presence."""
    if participant.oppmoete not in ("moett", None):
        return False
    fra, til = participant.til_stede_fra, participant.til_stede_til
    if fra is not None and fra.sak is not None and fra.sak in order and item_pos < order[fra.sak]:
        return False
    if til is not None and til.sak is not None and til.sak in order and item_pos > order[til.sak]:
        return False
    return True


def _voting(participant, body) -> bool:
    if participant.stemmerett is not None:
        return participant.stemmerett
    if participant.moette_for is not None:
        return True
    if participant.rolle in VOTING_ROLES or participant.rolle == "varamedlem":
        return True
    if participant.kategori in ("fast_medlem", "varamedlem"):
        return True
    return body is not None and any(m.person == participant.person and m.rolle in VOTING_ROLES
                                    for m in body.medlemmer)


def _inhabil(participant, nr: str) -> bool:
    return any(i.sak == nr for i in participant.inhabil_i)


@rule
def meeting_rules(index: Index) -> Iterator[Diagnostic]:
    for rec in index.records:
        if rec.kind == "moete":
            yield from _meeting_rules(index, rec)


def _meeting_rules(index: Index, rec: Record) -> Iterator[Diagnostic]:
    meeting = rec.model
    body = index.body(meeting.utvalg)
    order = {nr: i for i, nr in enumerate(_item_numbers(meeting))}
    by_person = {d.person: d for d in meeting.deltakere}

    for i, d in enumerate(meeting.deltakere):
        if d.moette_for is not None:
            replaced = by_person.get(d.moette_for)
            if replaced is None or replaced.oppmoete not in ("forfall", "ikke_moett", "permisjon"):
                state = ("is not among the participants" if replaced is None
                         else f"is not marked absent (oppmoete: {replaced.oppmoete or 'empty'})")
                yield at(rec, ("deltakere", i, "moette_for"), "KVK207",
                         f"{d.person} met for {d.moette_for}, who {state}")
        for field in ("til_stede_fra", "til_stede_til"):
            point = getattr(d, field)
            if point is not None and point.sak is not None and point.sak not in order:
                yield at(rec, ("deltakere", i, field, "sak"), "KVK213", f"no agenda item '{point.sak}' in this meeting")
        for j, inh in enumerate(d.inhabil_i):
            if inh.sak not in order:
                yield at(rec, ("deltakere", i, "inhabil_i", j, "sak"), "KVK213", f"no agenda item '{inh.sak}' in this meeting")

    if not meeting.deltakere or meeting.dokumenttype == "innkalling":
        return
    size = len(body.voting_members) if body is not None else 0
    for pos, item in enumerate(meeting.saker):
        voters = [d for d in meeting.deltakere
                  if _present_at(d, pos, order) and _voting(d, body) and not _inhabil(d, item.nr)]
        if item.vedtak is not None and size and len(voters) * 2 < size:
            yield at(rec, ("saker", pos, "vedtak"), "KVK209",
                     f"item {item.nr}: only {len(voters)} of the body's {size} members present and entitled to vote")
        for v, vote in enumerate(item.votering):
            if vote.total > len(voters):
                yield at(rec, ("saker", pos, "votering", v), "KVK208",
                         f"item {item.nr}: {vote.total} votes but only {len(voters)} voting members present")
            for s, stemme in enumerate(vote.stemmer):
                who = by_person.get(stemme.person)
                if who is None:
                    yield at(rec, ("saker", pos, "votering", v, "stemmer", s, "person"), "KVK215",
                             f"{stemme.person} voted in item {item.nr} but is not among the participants")
                elif _inhabil(who, item.nr):
                    yield at(rec, ("saker", pos, "votering", v, "stemmer", s, "person"), "KVK210",
                             f"{stemme.person} voted in item {item.nr} after being declared inhabil in it")


def run_checks(index: Index) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for fn in RULES:
        found.extend(fn(index))
    return found


def check_all(loaded) -> list[Diagnostic]:
    """Every finding for a loaded repository: per-file diagnostics, then cross-record rules."""
    return sorted(set(loaded.diagnostics) | set(run_checks(Index(loaded.records))))


def _neighbours(records: list[Record]) -> set[str]:
    """Paths of the records these records point at (cases on agenda, meetings in saksgang)."""
    wanted: set[str] = set()
    for rec in records:
        if rec.kind == "moete":
            wanted.update(expected_case_path(p.sak) for p in rec.model.saker if p.sak)
        elif rec.kind == "sak":
            wanted.update(expected_meeting_path(f"{g.moetedato.isoformat()}-{g.utvalg}")
                          for g in rec.model.saksgang if g.moetedato)
    return wanted


def check_repository(repo, paths=None, jobs: int | None = None):
    """Load and check the repository, or only ``paths``: then the organisation, the indicator
    files and the records the selected ones point at are loaded too, so references resolve, and
    only findings in the selected files are reported. Returns (findings, files checked)."""
    if not paths:
        loaded = repo.load(jobs=jobs)
        return check_all(loaded), loaded.files
    selected = repo.load(paths, jobs=jobs)
    return check_subset(repo, selected), selected.files


def check_subset(repo, selected, extra: list[Record] = ()) -> list[Diagnostic]:
    """Findings in the ``selected`` records (a repository.Loaded), checked against the records
    they point at, the organisation, the indicator files and ``extra`` records loaded as
    context."""
    chosen = {rec.path for rec in selected.records} | {d.path for d in selected.diagnostics}
    have = chosen | {r.path for r in extra}
    wanted = [p for p in _neighbours(selected.records) if p not in have]
    wanted += [name for name in ("data/organisasjon.yaml", "data/organisasjon", "data/indikatorer")
               if name not in have]
    context_paths = [repo.root / p for p in wanted if (repo.root / p).exists()]
    context = repo.load(context_paths, jobs=1) if context_paths else None
    records = list(selected.records) + [r for r in extra if r.path not in chosen]
    if context is not None:
        records += [r for r in context.records if r.path not in have]
    findings = set(selected.diagnostics)
    findings |= {d for d in run_checks(Index(records)) if d.path in chosen}
    return sorted(findings)
