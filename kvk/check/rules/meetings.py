"""A meeting's own rules: substitutes, presence at the items, quorum, and the votes."""

from __future__ import annotations

from functools import cached_property
from typing import Iterator

from ... import layout
from ...diagnostics import Diagnostic
from ...models.organisation import VOTING_ROLES
from ..facts import at
from . import record_rule

ABSENT = ("forfall", "ikke_moett", "permisjon")


class Presence:
    """Who was in the room, and could vote, at each agenda item of one meeting. Worked out only
    for meetings with something to judge (an innkalling has no votes): most of a check's
    meetings are judged by three rules, and this is the costly part."""

    def __init__(self, meeting, body, members: frozenset[str]):
        self.meeting = meeting
        self.order = {p.nr: i for i, p in enumerate(meeting.saker)}
        self.by_person = {d.person: d for d in meeting.deltakere}
        self._body, self._members = body, members

    @cached_property
    def inhabil(self) -> set[tuple[str, str]]:
        return {(d.person, i.sak) for d in self.meeting.deltakere for i in d.inhabil_i}

    @cached_property
    def size(self) -> int:
        return len(self._body.voting_members) if self._body is not None else 0

    @cached_property
    def _entitled(self) -> tuple[int, list]:
        entitled = [d for d in self.meeting.deltakere if _voting(d, self._members) and d.oppmoete in ("moett", None)]
        # most voters are in the room for the whole meeting and fit to vote in every item: count
        # them once, and judge only the others item by item
        return sum(1 for d in entitled if _steady(d)), [d for d in entitled if not _steady(d)]

    def present_at(self, participant, item_pos: int) -> bool:
        """Was the participant in the room for the item at ``item_pos``? A clock time cannot be
        placed among the items, so it never counts against presence."""
        if participant.oppmoete not in ("moett", None):
            return False
        fra, til = participant.til_stede_fra, participant.til_stede_til
        if fra is not None and fra.sak in self.order and item_pos < self.order[fra.sak]:
            return False
        if til is not None and til.sak in self.order and item_pos > self.order[til.sak]:
            return False
        return True

    @cached_property
    def voters(self) -> list[int]:
        """Per agenda item: members entitled to vote who were present, and not inhabil."""
        steady, varying = self._entitled
        if not varying:  # the usual meeting: everyone there for all of it
            return [steady] * len(self.meeting.saker)
        return [steady + sum(1 for d in varying if self.present_at(d, pos) and (d.person, item.nr) not in self.inhabil)
                for pos, item in enumerate(self.meeting.saker)]

    def decided(self) -> Iterator[tuple[int, object]]:
        """(position, item) of the items with a decision or a vote: those the rules judge."""
        if not self.meeting.deltakere or self.meeting.dokumenttype == "innkalling":
            return
        for pos, item in enumerate(self.meeting.saker):
            if item.vedtak is not None or item.votering:
                yield pos, item


def _steady(d) -> bool:
    return d.til_stede_fra is None and d.til_stede_til is None and not d.inhabil_i


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


_LAST: list = [None, None]  # the rules of one meeting run one after the other: share its Presence


def presence(record, ctx) -> Presence:
    model = record.model
    if _LAST[0] is not model:  # holding the model keeps its id from being reused
        _LAST[:] = [model, Presence(model, ctx.body(model.utvalg), ctx.voters.get(model.utvalg, frozenset()))]
    return _LAST[1]


def _absence(participant) -> str:
    """Why a participant was not in the room, as the record says it."""
    if participant.oppmoete not in ("moett", None):
        return f"oppmoete: {participant.oppmoete}"
    if participant.til_stede_fra is not None and participant.til_stede_fra.sak is not None:
        return f"til_stede_fra: {participant.til_stede_fra.sak}"
    return f"til_stede_til: {participant.til_stede_til.sak}"


@record_rule(layout.MOETE, "KVK207")
def substitutes(record, ctx) -> Iterator[Diagnostic]:
    """Whoever met for someone met for a participant who was absent."""
    by_person = {d.person: d for d in record.model.deltakere}
    for i, d in enumerate(record.model.deltakere):
        if d.moette_for is None:
            continue
        replaced = by_person.get(d.moette_for)
        if replaced is None or replaced.oppmoete not in ABSENT:
            state = ("is not among the participants" if replaced is None
                     else f"is not marked absent (oppmoete: {replaced.oppmoete or 'empty'})")
            yield at(record, ("deltakere", i, "moette_for"), "KVK207", f"{d.person} met for {d.moette_for}, who {state}")


@record_rule(layout.MOETE, "KVK213")
def presence_items(record, ctx) -> Iterator[Diagnostic]:
    """Arriving, leaving and inhabilitet name items that are on this meeting's agenda."""
    order = {p.nr for p in record.model.saker}
    for i, d in enumerate(record.model.deltakere):
        for name in ("til_stede_fra", "til_stede_til"):
            point = getattr(d, name)
            if point is not None and point.sak is not None and point.sak not in order:
                yield at(record, ("deltakere", i, name, "sak"), "KVK213", f"no agenda item '{point.sak}' in this meeting")
        for j, inh in enumerate(d.inhabil_i):
            if inh.sak not in order:
                yield at(record, ("deltakere", i, "inhabil_i", j, "sak"), "KVK213",
                         f"no agenda item '{inh.sak}' in this meeting")


@record_rule(layout.MOETE, "KVK209")
def quorum(record, ctx) -> Iterator[Diagnostic]:
    """A decision needs at least half of the body's members present and entitled to vote
    (kommuneloven § 11-9)."""
    p = presence(record, ctx)
    for pos, item in p.decided():
        voters = p.voters[pos]
        if item.vedtak is not None and p.size and voters * 2 < p.size:
            yield at(record, ("saker", pos, "vedtak"), "KVK209",
                     f"item {item.nr}: only {voters} of the body's {p.size} members present and entitled to vote")


@record_rule(layout.MOETE, "KVK208")
def vote_counts(record, ctx) -> Iterator[Diagnostic]:
    """No vote has more votes than voting members present."""
    p = presence(record, ctx)
    for pos, item in p.decided():
        for v, vote in enumerate(item.votering):
            voters = p.voters[pos]
            if vote.total > voters:
                yield at(record, ("saker", pos, "votering", v), "KVK208",
                         f"item {item.nr}: {vote.total} votes but only {voters} voting members present")


@record_rule(layout.MOETE, "KVK215", "KVK210", "KVK216")
def roll_call(record, ctx) -> Iterator[Diagnostic]:
    """Everyone in a roll call took part, was fit to vote in the item and was in the room."""
    p = presence(record, ctx)
    for pos, item in p.decided():
        for v, vote in enumerate(item.votering):
            for s, stemme in enumerate(vote.stemmer):
                loc = ("saker", pos, "votering", v, "stemmer", s, "person")
                who = p.by_person.get(stemme.person)
                if who is None:
                    yield at(record, loc, "KVK215",
                             f"{stemme.person} voted in item {item.nr} but is not among the participants")
                elif (stemme.person, item.nr) in p.inhabil:
                    yield at(record, loc, "KVK210",
                             f"{stemme.person} voted in item {item.nr} after being declared inhabil in it")
                elif not p.present_at(who, pos):
                    yield at(record, loc, "KVK216",
                             f"{stemme.person} voted in item {item.nr} but was not present at it ({_absence(who)})")
