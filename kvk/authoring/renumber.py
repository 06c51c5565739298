"""``kvk renumber-case``: give a case a new saksnr, move its file and follow every reference.

The usual reason is a collision after a git merge: two branches each took the next number. The
case to move may therefore be named by its file instead of by its (shared) number. References
in meetings are then followed only where they can be attributed to the moved case: an agenda
item whose number is the utvalgssaksnr the moved case has for that meeting, or whose title is
its title, or that sits in a meeting only the moved case's saksgang names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic_core import PydanticCustomError

from .. import layout
from ..check.rules.agenda import number
from ..diagnostics import UsageError
from ..i18n import _
from ..io import git
from ..io.files import check_writable
from ..io.lock import write_lock
from ..io.transaction import Transaction
from ..models.common import parse_saksnr
from ..repository import Index, Record, Repository, Scope
from .context import claimed_by, mentioning_case, said
from .textedit import edit


@dataclass
class Renumbering:
    old: str
    new: str
    old_path: str
    new_path: str
    edits: dict[str, str] = field(default_factory=dict)  # path -> new text (the case's at its old path)
    references: list[str] = field(default_factory=list)  # "path:line" of each reference changed
    left: list[str] = field(default_factory=list)  # references not followed, for the user to judge


def _saksnr(text: str, what: str) -> str:
    try:
        return parse_saksnr(text)
    except PydanticCustomError as err:
        raise UsageError(f"{what}: {said(err)}") from None


def _old_saksnr(repo: Repository, old: str) -> tuple[str, str | None]:
    """(saksnr, file) for OLD given as a saksnr or as the file of a case."""
    if not old.endswith((".yaml", ".yml")):
        return _saksnr(old, "OLD"), None
    rel = _relative(repo, Path(old))
    record = repo.read(rel) if rel and layout.kind_of(rel) == layout.SAK else None
    if record is None:
        raise UsageError(_("{path}: not a case file in this repository").format(path=old))
    return record.model.saksnr, rel


def _pick_case(index: Index, saksnr: str, rel: str | None) -> tuple[Record, list[Record]]:
    """The case to renumber and the other records claiming its number."""
    claimants = index.cases.get(saksnr, [])
    if rel is not None:
        chosen = next(r for r in claimants if r.path == rel)
        return chosen, [r for r in claimants if r is not chosen]
    if not claimants:
        raise UsageError(_("no case {saksnr} in this repository").format(saksnr=saksnr))
    if len(claimants) > 1:
        raise UsageError(_("{saksnr} is claimed by {files}; name the file to renumber, e.g. kvk renumber-case "
                           "{path} NEW").format(saksnr=saksnr, files=claimed_by(claimants), path=claimants[-1].path))
    return claimants[0], []


def _relative(repo: Repository, path: Path) -> str | None:
    """A file named on the command line, relative to the root: as given from where the user
    stands, or else as given from the root."""
    for candidate in ([path] if path.is_absolute() else [Path.cwd() / path, repo.root / path]):
        try:
            return candidate.resolve().relative_to(repo.root).as_posix()
        except ValueError:
            continue
    return None


def _meetings_of(case: Record) -> set[str]:
    return {layout.meeting_id(s.moetedato.isoformat(), s.utvalg) for s in case.model.saksgang if s.moetedato}


def _numbers_in(case: Record, meeting_id: str) -> set:
    return {number(s.utvalgssaksnr) for s in case.model.saksgang
            if s.moetedato and layout.meeting_id(s.moetedato.isoformat(), s.utvalg) == meeting_id
            and number(s.utvalgssaksnr) is not None}


def belongs_to(item, meeting_id: str, case: Record, others: list[Record]) -> bool:
    """Is this agenda item (which names the shared saksnr) the moved case's? By its number, then
    by its title, then by which of the claimants' saksgang names the meeting at all."""
    nr = number(item.nr)
    if nr is not None:
        mine, theirs = nr in _numbers_in(case, meeting_id), any(nr in _numbers_in(o, meeting_id) for o in others)
        if mine != theirs:
            return mine
    titles = {o.model.tittel for o in others}
    if item.tittel == case.model.tittel and item.tittel not in titles:
        return True
    if item.tittel in titles and item.tittel != case.model.tittel:
        return False
    return meeting_id in _meetings_of(case) and not any(meeting_id in _meetings_of(o) for o in others)


def plan_renumbering(repo: Repository, old: str, new: str) -> Renumbering:
    old_nr, old_file = _old_saksnr(repo, old)
    new_nr = _saksnr(new, "NEW")
    # only files that mention either number can hold the case, a claim on NEW or a reference
    scope = Scope.kinds(layout.SAK, layout.MOETE, layout.INDIKATORER)
    index = repo.load_index(mentioning_case(scope, old_nr, new_nr))
    case, others = _pick_case(index, old_nr, old_file)
    if new_nr == old_nr:
        raise UsageError(_("the case already has saksnr {saksnr}").format(saksnr=new_nr))
    if index.cases.get(new_nr):
        raise UsageError(_("{saksnr} is already used by {path}").format(saksnr=new_nr, path=index.cases[new_nr][0].path))
    new_path = layout.case_path(new_nr, layout.case_slug(case.path))
    if (repo.root / new_path).exists():
        raise UsageError(_("{path} already exists").format(path=new_path))
    plan = Renumbering(old_nr, new_nr, case.path, new_path)
    plan.edits[case.path] = edit(case.source, {("saksnr",): new_nr})

    for meetings in index.meetings.values():
        for rec in meetings:
            values = {}
            for i, item in enumerate(rec.model.saker):
                if item.sak != old_nr:
                    continue
                where = f"{rec.path}:{rec.locate(('saker', i, 'sak'))[0]}"
                if not others or belongs_to(item, rec.model.id, case, others):
                    values[("saker", i, "sak")] = new_nr
                    plan.references.append(where)
                else:
                    plan.left.append(where)
            if rec.model.arkivsak == old_nr:
                where = f"{rec.path}:{rec.locate(('arkivsak',))[0]}"
                if others:
                    plan.left.append(where)
                else:
                    values[("arkivsak",)] = new_nr
                    plan.references.append(where)
            if values:
                plan.edits[rec.path] = edit(rec.source, values)
    for rec in index.records:
        if rec.kind != "indikatorer":
            continue
        values = {}
        for i, claim in enumerate(rec.model.paastander):
            if claim.sak and _same_case(claim.sak, old_nr):
                where = f"{rec.path}:{rec.locate(('paastander', i, 'sak'))[0]}"
                if others:
                    plan.left.append(where)
                else:
                    values[("paastander", i, "sak")] = new_nr
                    plan.references.append(where)
        if values:
            plan.edits[rec.path] = edit(rec.source, values)
    return plan


def _same_case(text: str, saksnr: str) -> bool:
    try:
        return parse_saksnr(text) == saksnr
    except PydanticCustomError:
        return False


def apply_renumbering(repo: Repository, plan: Renumbering) -> None:
    """Move the case and write the edits as one change (all of them or none); then tell git of
    the move when git tracks the case, so its history follows (as git mv would)."""
    root = repo.root
    for rel in {plan.new_path, *plan.edits}:
        check_writable((root / rel).parent, root)
    tracked = git.tracked(root, plan.old_path)
    change = Transaction(root, command="kvk renumber-case")
    change.write(root / plan.new_path, plan.edits[plan.old_path], new=True, mode_from=root / plan.old_path)
    change.remove(root / plan.old_path)
    for rel, text in plan.edits.items():
        if rel != plan.old_path:
            change.write(root / rel, text)
    change.commit()
    if tracked:
        git.record_move(root, plan.old_path, plan.new_path)


def renumber_case(repo: Repository, old: str, new: str) -> Renumbering:
    """Plan and apply under the repository's write lock: the numbers in use are read while no
    other kvk command can take one."""
    with write_lock(repo.root, "kvk renumber-case"):
        plan = plan_renumbering(repo, old, new)
        apply_renumbering(repo, plan)
    return plan
