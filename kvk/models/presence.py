"""Who was in the room at each agenda item of a meeting, worked out from the record's presence
fields: ``oppmoete``, the events (``hendelser``, and the older ``til_stede_fra``/``til_stede_til``),
and ``til_stede_i``. Checks and documents both ask here, so they cannot disagree.

Per item a participant is *present*, *absent* or *partly* present (arrived or left during the
item). A clock time cannot be placed among the items; as before events, it never counts against
presence. Head counts are therefore ranges: ``low`` counts only those certainly there, ``high``
also those partly there.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import N_

from .meeting import ABSENT, Deltaker, Hendelse, Moete

PRESENT, PARTLY, AWAY = "til_stede", "delvis", "borte"


def item_positions(moete: Moete) -> dict[str, int]:
    """Item nr and id -> its position in the agenda (the first, when two share a number)."""
    found: dict[str, int] = {}
    for pos, item in enumerate(moete.saker):
        for key in (item.nr, item.id):
            if key:
                found.setdefault(key, pos)
    return found


def span(text: str, positions: dict[str, int]) -> tuple[int, int] | None:
    """The positions an item reference or a range ("16/18-24/18") covers; None when it names no
    item of the agenda. A range is split at the '-' whose both sides are items, so ids with
    dashes still work."""
    text = text.strip()
    if text in positions:
        return positions[text], positions[text]
    for i, ch in enumerate(text):
        if ch == "-":
            first, last = text[:i].strip(), text[i + 1:].strip()
            if first in positions and last in positions:
                return positions[first], positions[last]
    return None


def events(d: Deltaker) -> list[Hendelse]:
    """The participant's presence events, the older shorthands read as events: til_stede_fra
    {sak: X} is 'kom foer X', til_stede_til {sak: X} is 'forlot etter X'."""
    found: list[Hendelse] = []
    if d.til_stede_fra is not None:
        fra = d.til_stede_fra
        found.append(Hendelse(hva="kom", foer=fra.sak) if fra.sak else Hendelse(hva="kom", kl=fra.kl))
    found.extend(d.hendelser)
    if d.til_stede_til is not None:
        til = d.til_stede_til
        found.append(Hendelse(hva="forlot", etter=til.sak) if til.sak else Hendelse(hva="forlot", kl=til.kl))
    return found


@dataclass(frozen=True)
class Misplaced:
    """An event that cannot be true as written: out of order. ``index`` is its place in
    ``hendelser`` (None for the older shorthands). (An event naming no item is KVK213's.)"""

    index: int | None
    reason: str


def states(moete: Moete, d: Deltaker, positions: dict[str, int] | None = None) -> list[str]:
    """PRESENT, PARTLY or AWAY for each agenda item of ``moete``."""
    return _walk(moete, d, positions)[0]


def misplaced(moete: Moete, d: Deltaker, positions: dict[str, int] | None = None) -> list[Misplaced]:
    """The participant's events that cannot be true as written."""
    return _walk(moete, d, positions)[1]


def _walk(moete: Moete, d: Deltaker, positions: dict[str, int] | None) -> tuple[list[str], list[Misplaced]]:
    positions = item_positions(moete) if positions is None else positions
    n = len(moete.saker)
    if d.oppmoete in ABSENT:
        return [AWAY] * n, []
    placed = [(e, _boundary(e, positions)) for e in events(d)]
    placed_only = [(e, b) for e, b in placed if b is not None]
    # no placed event says otherwise: there from the start; a first 'kom' means not before it
    inside = not (placed_only and placed_only[0][0].hva == "kom")
    state = [PRESENT if inside else AWAY] * n
    wrong: list[Misplaced] = []
    last_start = -1
    own = {id(e): i for i, e in enumerate(d.hendelser)}
    for e, b in placed_only:
        start, during = b
        if (e.hva == "kom") == inside:
            wrong.append(Misplaced(own.get(id(e)), N_("{person} arrives twice with no leaving between") if inside
                                   else N_("{person} leaves twice with no arriving between")))
        if start < last_start:
            wrong.append(Misplaced(own.get(id(e)),
                                   N_("{person}: a presence event is placed before the event listed ahead of it")))
        last_start = max(last_start, start)
        inside = e.hva == "kom"
        for pos in range(start, n):
            state[pos] = PRESENT if inside else AWAY
        if during is not None:
            state[during] = PARTLY
    if d.til_stede_i:
        allowed = [False] * n
        for text in d.til_stede_i:
            covered = span(text, positions)
            if covered is not None:
                for pos in range(covered[0], covered[1] + 1):
                    allowed[pos] = True
        state = [s if allowed[pos] else AWAY for pos, s in enumerate(state)]
    return state, wrong


def _boundary(e: Hendelse, positions: dict[str, int]) -> tuple[int, int | None] | None:
    """(the first item the new state holds for, the item it happened during or None); None for
    an event that cannot be placed (a clock time, or an item not on the agenda)."""
    if e.kl is not None:
        return None
    pos = positions.get(e.sak)
    if pos is None:
        return None
    if e.foer is not None:
        return pos, None
    if e.etter is not None:
        return pos + 1, None
    return pos + 1, pos  # under: partly there at the item itself
