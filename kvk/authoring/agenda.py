"""``kvk number-agenda``: write a meeting's item numbers into the saksgang of its cases.

The meeting is the printed agenda, so its numbers are the truth. This finishes what an
interrupted ``new-meeting`` left half done, and settles a hand edit or a merge that left the two
disagreeing (KVK217).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import layout
from ..check.rules.agenda import number
from ..diagnostics import UsageError
from ..i18n import _
from ..io.files import check_writable
from ..io.lock import write_lock
from ..io.transaction import Transaction
from ..repository import Repository, Scope
from .context import claimed_by
from .textedit import edit


@dataclass
class Numbering:
    meeting_id: str
    edits: dict[str, str] = field(default_factory=dict)  # case path -> new text
    changes: list[tuple[str, str, str | None, str]] = field(default_factory=list)  # (path, saksnr, old, new)
    skipped: list[str] = field(default_factory=list)  # why an item was left alone


def plan_numbering(repo: Repository, meeting_id: str) -> Numbering:
    if not layout.is_meeting_id(meeting_id):
        raise UsageError(_("'{id}' is not a meeting id (date and utvalg id, e.g. 2009-11-20-formannskapet)").format(
            id=meeting_id))
    rel = layout.meeting_path(meeting_id)
    if not (repo.root / rel).is_file():
        raise UsageError(_("unknown meeting {id}: no file {path}").format(id=meeting_id, path=rel)
                         + layout.closest_meeting(repo.root, meeting_id))
    meeting = repo.read(rel).model
    day, body = meeting.moetedato, meeting.utvalg
    wanted = {p.sak for p in meeting.saker if p.sak}
    files = sorted({f for saksnr in wanted for f in layout.case_files(repo.root, saksnr)})
    index = repo.load_index(Scope.files(files))
    plan = Numbering(meeting_id)
    for item in meeting.saker:
        if not item.sak or number(item.nr) is None:
            continue
        claimants = index.cases.get(item.sak, [])
        if len(claimants) != 1:
            if claimants:
                why = _("item {nr}: case {saksnr} is claimed by {files}").format(
                    nr=item.nr, saksnr=item.sak, files=claimed_by(claimants))
            else:
                why = _("item {nr}: case {saksnr} does not exist").format(nr=item.nr, saksnr=item.sak)
            plan.skipped.append(why)
            continue
        case = claimants[0]
        steps = [i for i, s in enumerate(case.model.saksgang) if s.utvalg == body and s.moetedato == day]
        if not steps:
            plan.skipped.append(_("item {nr}: the saksgang of {saksnr} does not name this meeting (KVK206)").format(
                nr=item.nr, saksnr=item.sak))
            continue
        step = steps[0]
        given = case.model.saksgang[step].utvalgssaksnr
        if number(given) == number(item.nr):
            continue
        new = " ".join(item.nr.split())
        text = plan.edits.get(case.path)
        source = case.source if text is None else _reloaded(text, case.path)
        plan.edits[case.path] = edit(source, {("saksgang", step, "utvalgssaksnr"): new})
        plan.changes.append((case.path, item.sak, given, new))
    return plan


def _reloaded(text: str, path: str):
    from ..io.yaml import load_text

    return load_text(text, path)


def apply_numbering(repo: Repository, plan: Numbering) -> None:
    """Every case's new number, as one change: all of them or none."""
    for rel in plan.edits:
        check_writable((repo.root / rel).parent, repo.root)
    change = Transaction(repo.root, command="kvk number-agenda")
    for rel, text in plan.edits.items():
        change.write(repo.root / rel, text)
    change.commit()


def number_agenda(repo: Repository, meeting_id: str) -> Numbering:
    """Plan and apply under the repository's write lock: the cases are read while no other
    kvk command can change them."""
    with write_lock(repo.root, "kvk number-agenda"):
        plan = plan_numbering(repo, meeting_id)
        apply_numbering(repo, plan)
    return plan
