"""A meeting's own rules: substitutes, presence at the items, quorum, and the votes."""

from __future__ import annotations

from functools import cached_property
from typing import Iterator

from ... import layout
from ...diagnostics import Diagnostic
from ...i18n import _, ngettext
from ...models.meeting import ABSENT
from ...models.organisation import VOTING_ROLES
from ...models.behandling import INNSTILLINGEN
from ...models.presence import AWAY, PARTLY, PRESENT, item_positions, misplaced, span, states
from ..facts import at
from . import record_rule

class Presence:
    """Who was in the room, and could vote, at each agenda item of one meeting. Worked out only
    for meetings with something to judge (an innkalling has no votes): most of a check's
    meetings are judged by three rules, and this is the costly part."""

    def __init__(self, meeting, body, members: frozenset[str]):
        self.meeting = meeting
        self.order = item_positions(meeting)
        self.by_person = {d.person: d for d in meeting.deltakere}
        self._body, self._members = body, members

    @cached_property
    def inhabil(self) -> set[tuple[str, int]]:
        """(person, item position) for each declared inhabilitet."""
        return {(d.person, self.order[i.sak]) for d in self.meeting.deltakere for i in d.inhabil_i
                if i.sak in self.order}

    @cached_property
    def size(self) -> int:
        """The body's voting members on the meeting's day (all of them when it is not stated):
        a permanent replacement ('erstatter', from 'fra') does not make the body larger."""
        if self._body is None:
            return 0
        day = self.meeting.moetedato
        return sum(1 for m in self._body.voting_members if m.active(day))

    @cached_property
    def _entitled(self) -> tuple[int, list]:
        entitled = [d for d in self.meeting.deltakere if _voting(d, self._members) and d.oppmoete in ("moett", None)]
        # most voters are in the room for the whole meeting and fit to vote in every item: count
        # them once, and judge only the others item by item
        return sum(1 for d in entitled if _steady(d)), [d for d in entitled if not _steady(d)]

    @cached_property
    def _states(self) -> dict[str, list[str]]:
        return {d.person: states(self.meeting, d, self.order) for d in self.meeting.deltakere if not _steady(d)}

    def state(self, participant, item_pos: int) -> str:
        if participant.oppmoete not in ("moett", None):
            return AWAY
        found = self._states.get(participant.person)
        return PRESENT if found is None else found[item_pos]

    def present_at(self, participant, item_pos: int) -> bool:
        """Was the participant in the room for (some of) the item at ``item_pos``? A clock
        time cannot be placed among the items, so it never counts against presence."""
        return self.state(participant, item_pos) != AWAY

    @cached_property
    def _unstated(self) -> list:
        """Participants present whose category the record does not state, and of whom nothing
        else (role, membership, stemmerett) says whether they vote: a document that lists names
        without saying which are vara and which administration (DESIGN.md §3.3). They may have
        voted, so they count towards "at most" only."""
        return [d for d in self.meeting.deltakere
                if d.kategori is None and d.rolle is None and d.oppmoete in ("moett", None)
                and not _voting(d, self._members)]

    @cached_property
    def voters(self) -> list[tuple[int, int]]:
        """Per agenda item: (certainly, at most) the members entitled to vote who were present
        and not inhabil; they differ by those who arrived or left during the item, and by the
        participants whose category is not stated (counted in "at most")."""
        steady, varying = self._entitled
        unstated = self._unstated
        if not varying and not unstated:  # the usual meeting: everyone there for all of it
            return [(steady, steady)] * len(self.meeting.saker)
        found = []
        for pos in range(len(self.meeting.saker)):
            there = [self.state(d, pos) for d in varying if (d.person, pos) not in self.inhabil]
            maybe = sum(1 for d in unstated if (d.person, pos) not in self.inhabil and self.present_at(d, pos))
            low = steady + there.count(PRESENT)
            found.append((low, low + there.count(PARTLY) + maybe))
        return found

    def decided(self) -> Iterator[tuple[int, object]]:
        """(position, item) of the items with a decision or a vote: those the rules judge."""
        if not self.meeting.deltakere or self.meeting.dokumenttype == "innkalling":
            return
        for pos, item in enumerate(self.meeting.saker):
            if item.vedtak is not None or item.votering:
                yield pos, item


def _steady(d) -> bool:
    return d.til_stede_fra is None and d.til_stede_til is None and not d.inhabil_i \
        and not d.hendelser and not d.til_stede_i


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
    if participant.til_stede_i:
        return f"til_stede_i: {', '.join(participant.til_stede_i)}"
    if participant.hendelser:
        return "hendelser"  # a field name: the same in every language
    if participant.til_stede_fra is not None and participant.til_stede_fra.sak is not None:
        return f"til_stede_fra: {participant.til_stede_fra.sak}"
    return f"til_stede_til: {participant.til_stede_til.sak}"


def _counted(low: int, high: int) -> str:
    # TRANSLATORS: a number of members that is not known exactly, e.g. "4 to 6"
    return str(low) if low == high else _("{low} to {high}").format(low=low, high=high)


@record_rule(layout.MOETE, "KVK207")
def substitutes(record, ctx) -> Iterator[Diagnostic]:
    """Whoever met for someone met for a participant who was absent."""
    by_person = {d.person: d for d in record.model.deltakere}
    for i, d in enumerate(record.model.deltakere):
        if d.moette_for is None:
            continue
        replaced = by_person.get(d.moette_for)
        if replaced is None or replaced.oppmoete not in ABSENT:
            if replaced is None:
                message = _("{person} met for {replaced}, who is not among the participants")
            elif replaced.oppmoete:
                message = _("{person} met for {replaced}, who is not marked absent (oppmoete: {oppmoete})")
            else:
                message = _("{person} met for {replaced}, who is not marked absent (oppmoete is empty)")
            yield at(record, ("deltakere", i, "moette_for"), "KVK207", message.format(
                person=d.person, replaced=d.moette_for, oppmoete=replaced.oppmoete if replaced else ""))


def _no_item() -> str:
    return _("no agenda item '{item}' in this meeting")


@record_rule(layout.MOETE, "KVK213")
def presence_items(record, ctx) -> Iterator[Diagnostic]:
    """Arriving, leaving and inhabilitet name items that are on this meeting's agenda."""
    model = record.model
    if model.utdrag:  # an excerpt: a reference may name an item the record does not hold
        return
    order = item_positions(model)

    def unknown(text: str | None) -> bool:
        return text is not None and text not in order

    for i, d in enumerate(model.deltakere):
        for name in ("til_stede_fra", "til_stede_til"):
            point = getattr(d, name)
            if point is not None and unknown(point.sak):
                yield at(record, ("deltakere", i, name, "sak"), "KVK213", _no_item().format(item=point.sak))
        for j, e in enumerate(d.hendelser):
            where = "foer" if e.foer else "etter" if e.etter else "under"
            if unknown(e.sak):
                yield at(record, ("deltakere", i, "hendelser", j, where), "KVK213",
                         _no_item().format(item=e.sak))
        for j, text in enumerate(d.til_stede_i):
            if span(text, order) is None:
                yield at(record, ("deltakere", i, "til_stede_i", j), "KVK213",
                         _("no agenda item or range of items '{item}' in this meeting").format(item=text))
        for j, inh in enumerate(d.inhabil_i):
            if unknown(inh.sak):
                yield at(record, ("deltakere", i, "inhabil_i", j, "sak"), "KVK213",
                         _no_item().format(item=inh.sak))
    for pos, item in enumerate(model.saker):
        if unknown(item.del_av):
            yield at(record, ("saker", pos, "del_av"), "KVK213", _no_item().format(item=item.del_av))
    for j, text in enumerate(model.rekkefoelge):
        if unknown(text):
            yield at(record, ("rekkefoelge", j), "KVK213", _no_item().format(item=text))


@record_rule(layout.MOETE, "KVK209", "KVK225")
def quorum(record, ctx) -> Iterator[Diagnostic]:
    """A decision needs at least half of the body's members present and entitled to vote
    (kommuneloven § 11-9). Not judged for an excerpt (``utdrag``), which need not list everyone."""
    if record.model.utdrag:
        return
    p = presence(record, ctx)
    for pos, item in p.decided():
        low, high = p.voters[pos]
        if item.vedtak is None or not p.size or low * 2 >= p.size:
            continue
        if high * 2 < p.size:
            yield at(record, ("saker", pos, "vedtak"), "KVK209",
                     ngettext("item {item}: only {count} of the body's {size} member present and entitled to vote",
                              "item {item}: only {count} of the body's {size} members present and entitled to vote",
                              p.size).format(item=item.ref, count=_counted(low, high), size=p.size))
        else:
            if p._unstated:
                message = _("item {item}: {low} of the body's {size} members certainly present and entitled to "
                            "vote; {high} if those arriving or leaving during the item or whose category is not "
                            "stated are counted")
            else:
                message = _("item {item}: {low} of the body's {size} members certainly present and entitled to "
                            "vote; {high} if those arriving or leaving during the item are counted")
            yield at(record, ("saker", pos, "vedtak"), "KVK225",
                     message.format(item=item.ref, low=low, size=p.size, high=high))


@record_rule(layout.MOETE, "KVK208")
def vote_counts(record, ctx) -> Iterator[Diagnostic]:
    """No vote has more votes than voting members present."""
    p = presence(record, ctx)
    for pos, item in p.decided():
        for v, vote in enumerate(item.votering):
            low, high = p.voters[pos]
            if vote.total > high:
                yield at(record, ("saker", pos, "votering", v), "KVK208",
                         ngettext("item {item}: {total} vote but only {count} voting members present",
                                  "item {item}: {total} votes but only {count} voting members present",
                                  vote.total).format(item=item.ref, total=vote.total, count=_counted(low, high)))


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
                             _("{person} voted in item {item} but is not among the participants").format(
                                 person=stemme.person, item=item.ref))
                elif (stemme.person, pos) in p.inhabil:
                    yield at(record, loc, "KVK210",
                             _("{person} voted in item {item} after being declared inhabil in it").format(
                                 person=stemme.person, item=item.ref))
                elif not p.present_at(who, pos):
                    yield at(record, loc, "KVK216",
                             _("{person} voted in item {item} but was not present at it ({why})").format(
                                 person=stemme.person, item=item.ref, why=_absence(who)))


@record_rule(layout.MOETE, "KVK219")
def one_person_once(record, ctx) -> Iterator[Diagnostic]:
    """A person is listed once among a meeting's participants: present and absent at once
    cannot both be true, and arriving and leaving are events of the one entry."""
    first: dict[str, int] = {}
    for i, d in enumerate(record.model.deltakere):
        if d.person in first:
            yield at(record, ("deltakere", i, "person"), "KVK219",
                     _("{person} is listed twice among the participants (also deltakere[{index}])").format(
                         person=d.person, index=first[d.person]))
        else:
            first[d.person] = i


@record_rule(layout.MOETE, "KVK223")
def presence_events(record, ctx) -> Iterator[Diagnostic]:
    """A participant's presence events can happen in the order written."""
    order = item_positions(record.model)
    for i, d in enumerate(record.model.deltakere):
        if not d.hendelser:
            continue
        for wrong in misplaced(record.model, d, order):
            loc = ("deltakere", i, "hendelser") + ((wrong.index,) if wrong.index is not None else ())
            yield at(record, loc, "KVK223", _(wrong.reason).format(person=d.person))


def _present_members(p: Presence, pos: int) -> tuple[int, int]:
    """(certainly, at most) the voting participants in the room at item ``pos``, inhabil or not."""
    low = high = 0
    for d in p.meeting.deltakere:
        if not _voting(d, p._members):
            continue
        state = p.state(d, pos)
        low += state == PRESENT
        high += state != AWAY
    return low, high


@record_rule(layout.MOETE, "KVK218")
def head_counts(record, ctx) -> Iterator[Diagnostic]:
    """A stated head count ("Til stede: 8 representanter", "Av 35 medlemmer møtte 34") agrees
    with the members and substitutes the record lists as present. The meeting's count is at
    its start: those there at the first item, at most those there at any item."""
    model = record.model
    if model.utdrag or not model.deltakere:
        return
    wanted = [(("antall_til_stede",), model.antall_til_stede, None)] if model.antall_til_stede is not None else []
    wanted += [(("saker", pos, "antall_til_stede"), item.antall_til_stede, pos)
               for pos, item in enumerate(model.saker) if item.antall_til_stede is not None]
    if not wanted:
        return
    p = presence(record, ctx)
    for loc, stated, pos in wanted:
        if pos is not None:
            low, high = _present_members(p, pos)
            where = _("item {item}").format(item=model.saker[pos].ref)
        elif model.saker:
            low = _present_members(p, 0)[0]
            high = max(_present_members(p, i)[1] for i in range(len(model.saker)))
            where = _("the meeting")
        else:
            low = high = sum(1 for d in model.deltakere if _voting(d, p._members) and d.oppmoete in ("moett", None))
            where = _("the meeting")
        if not low <= stated <= high:
            yield at(record, loc, "KVK218",
                     _("{where}: {stated} stated present, but the participants list {count} members and "
                       "substitutes present").format(where=where, stated=stated, count=_counted(low, high)))


def proposals_named(record, items) -> Iterator[Diagnostic]:
    """For ``(loc, item)`` pairs: a vote's ``over`` and a vedtak's ``som`` name a proposal of
    the item, or the innstilling."""
    for loc, item in items:
        known = {f.id for f in item.forslag if f.id} | {INNSTILLINGEN}
        where = (_("item {item}").format(item=item.ref) if hasattr(item, "ref")
                 else _("the behandling in {body}").format(body=item.utvalg))
        proposals = ", ".join(sorted(known))
        for v, vote in enumerate(item.votering):
            if vote.over is not None and vote.over not in known:
                yield at(record, loc + ("votering", v, "over"), "KVK222",
                         _("{where}: the vote is over '{over}', which is not a proposal here ({proposals})").format(
                             where=where, over=vote.over, proposals=proposals))
        if item.vedtak is not None and item.vedtak.som is not None and item.vedtak.som not in known:
            yield at(record, loc + ("vedtak", "som"), "KVK222",
                     _("{where}: the vedtak is '{som}', which is not a proposal here ({proposals})").format(
                         where=where, som=item.vedtak.som, proposals=proposals))


@record_rule(layout.MOETE, "KVK222")
def votes_name_proposals(record, ctx) -> Iterator[Diagnostic]:
    """A vote points at an existing proposal of its item (or the innstilling)."""
    yield from proposals_named(record, ((("saker", pos), item) for pos, item in enumerate(record.model.saker)))


@record_rule(layout.SAK, "KVK222")
def case_votes_name_proposals(record, ctx) -> Iterator[Diagnostic]:
    """The same for the behandlinger a case records itself."""
    yield from proposals_named(record, ((("behandlinger", i), b) for i, b in enumerate(record.model.behandlinger)))


_SIDE = {"ja": ("for", "for_"), "nei": ("mot", "mot"), "blankt": ("blankt", "blankt")}


@record_rule(layout.MOETE, "KVK221")
def party_votes(record, ctx) -> Iterator[Diagnostic]:
    """Party groups named for a vote fit who was there: each party has a voting member present
    at the item, no party is on two sides, and a side's parties have no more members present
    (less those who voted apart, ``unntak``) than the side's count."""
    p = None
    for pos, item in enumerate(record.model.saker):
        for v, vote in enumerate(item.votering):
            if vote.partier is None:
                continue
            if p is None:
                p = presence(record, ctx)
            loc = ("saker", pos, "votering", v, "partier")
            apart = {s.person: s.stemme for s in vote.unntak}
            present: dict[str, list[str]] = {}
            for d in record.model.deltakere:
                if _voting(d, p._members) and p.state(d, pos) == PRESENT and (d.person, pos) not in p.inhabil:
                    present.setdefault(ctx.party_of(d.person) or "", []).append(d.person)
            seen: dict[str, str] = {}
            for stemme, parties in vote.partier.sides().items():
                key, attr = _SIDE[stemme]
                for j, party in enumerate(parties):
                    if party in seen:
                        yield at(record, loc + (key, j), "KVK221",
                                 _("item {item}: party {party} is named both for '{first}' and '{second}'").format(
                                     item=item.ref, party=party, first=seen[party], second=key))
                        continue
                    seen[party] = key
                    if not present.get(party) and party in ctx.known.get("party", ()):
                        yield at(record, loc + (key, j), "KVK221",
                                 _("item {item}: party {party} voted '{side}' but has no voting member present").format(
                                     item=item.ref, party=party, side=key))
                count = getattr(vote, attr)
                if count is None or not parties:
                    continue
                least = sum(1 for party in parties for person in present.get(party, ()) if person not in apart)
                least += sum(1 for s in apart.values() if s == stemme)
                if least > count:
                    yield at(record, loc + (key,), "KVK221",
                             ngettext("item {item}: {count} voted '{side}', but the parties named there have "
                                      "{least} member present who voted so",
                                      "item {item}: {count} voted '{side}', but the parties named there have "
                                      "{least} members present who voted so",
                                      least).format(item=item.ref, count=count, side=key, least=least))
