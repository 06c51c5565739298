"""Follow-ups (oppfølging) agreed in meetings: who, by when, how far along, and what is late."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterator

from .. import layout
from ..repository import Broken, Index, Loaded, Record, Repository, Scope, cached

#: a follow-up's statuses (the CLI's words for them: kvk/cli/labels.py)
STATUSES = ("ikke_startet", "paagaar", "utfoert", "utgaar")
CLOSED = frozenset({"utfoert", "utgaar"})


@dataclass
class Action:
    tiltak: str
    ansvarlig: str | None  # person id
    ansvarlig_navn: str | None
    frist: date | None
    status: str  # one of STATUSES; a follow-up without a status has not been started
    meeting: str  # meeting id
    item: str  # agenda item nr
    item_title: str
    under: list[str]  # titles of the underpunkter it sits in, outermost first
    path: str
    line: int

    @property
    def open(self) -> bool:
        return self.status not in CLOSED

    def overdue(self, as_of: date) -> bool:
        return self.open and self.frist is not None and self.frist < as_of

    def to_json(self, as_of: date) -> dict:
        return {"tiltak": self.tiltak, "ansvarlig": self.ansvarlig, "ansvarlig_navn": self.ansvarlig_navn,
                "frist": self.frist.isoformat() if self.frist else None, "status": self.status,
                "overdue": self.overdue(as_of), "moete": self.meeting, "punkt": self.item,
                "punkt_tittel": self.item_title, "underpunkt": self.under,
                "path": self.path, "line": self.line}


def _walk(rec: Record, index: Index, item_nr: str, item_title: str, node, loc: tuple,
          under: list[str]) -> Iterator[Action]:
    for i, f in enumerate(node.oppfoelging):
        who = index.person(f.ansvarlig) if f.ansvarlig else None
        yield Action(f.tiltak.strip(), f.ansvarlig, who.navn if who else None, f.frist,
                     f.status or "ikke_startet", rec.model.id, item_nr, item_title, under,
                     rec.path, rec.locate(loc + ("oppfoelging", i))[0])
    for j, sub in enumerate(node.underpunkter):
        yield from _walk(rec, index, item_nr, item_title, sub, loc + ("underpunkter", j), under + [sub.tittel])


def _any_follow_up(node) -> bool:
    return bool(node.oppfoelging) or any(_any_follow_up(sub) for sub in node.underpunkter)


@cached("follow-ups")
def follow_ups(record: Record, directory) -> tuple[str, bool] | None:
    """Does this meeting record a follow-up? (Kept in the cache: the index of meetings that do.)"""
    if record.kind != layout.MOETE:
        return None
    return record.path, any(_any_follow_up(item) for item in record.model.saker)


def load(repo: Repository) -> Loaded:
    """The meetings that record a follow-up, and the organisation; a meeting that does not
    load is left out (``Loaded.broken``). Which meetings have one is asked of the index (a
    meeting unchanged since it was last looked at is not read again, and only meetings whose
    text says "oppfoelging" are parsed), and those meetings are then read as they are now."""
    index = repo.load(Scope.kinds(layout.MOETE).containing("oppfoelging").as_index(), on_broken=Broken.SKIP,
                      summarise=follow_ups)
    wanted = [s[0] for s in index.summaries if s is not None and s[1]]
    wanted += [d.path for d in index.diagnostics if d.is_error]  # read again: reported as broken
    return repo.load(Scope.files(sorted(set(wanted))), on_broken=Broken.SKIP, jobs=1)


def collect(index: Index) -> list[Action]:
    """Every follow-up in every meeting, nested underpunkter included, in meeting order."""
    found: list[Action] = []
    for rec in sorted((r for recs in index.meetings.values() for r in recs),
                      key=lambda r: (r.model.moetedato, r.model.utvalg)):
        for i, item in enumerate(rec.model.saker):
            found.extend(_walk(rec, index, item.nr, item.tittel, item, ("saker", i), []))
    return found


def agenda(actions: list[Action], as_of: date, *, include_closed: bool = False) -> list[Action]:
    """Overdue first (oldest deadline first), then the rest by deadline, those without one last."""
    chosen = [a for a in actions if include_closed or a.open]
    return sorted(chosen, key=lambda a: (not a.overdue(as_of), not a.open, a.frist is None,
                                         a.frist or date.max, a.meeting))
