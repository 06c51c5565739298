"""Cases and the meetings that treat them agree: agenda and saksgang, and the numbers."""

from __future__ import annotations

from typing import Iterator

from ... import layout
from ...diagnostics import Diagnostic
from ...models.common import utvalgssaksnr_parts
from . import repository_rule


@repository_rule("KVK206")
def saksgang_vs_agenda(facts, where) -> Iterator[Diagnostic]:
    """A case whose saksgang names a meeting that exists is on that meeting's agenda."""
    agendas = {f.ident: f.agenda for f in facts.meetings}
    for f in facts.cases:
        saksnr = f.ident
        for body, day, _, loc in f.saksgang:
            meeting = layout.meeting_id(day, body)
            agenda = agendas.get(meeting)
            if agenda and saksnr not in agenda:
                yield where.make("KVK206", f.path, loc, f"the meeting {meeting} exists but does not list case {saksnr}")


_PARTS: dict[str, tuple | None] = {}  # 'PS 45/08' -> (45, 2008): the same few numbers recur in every body


def number(text: str | None) -> tuple[int, int] | None:
    """(sequence, year) of an utvalgssaksnr or an item number written like one ('PS 45/08',
    '45/2008'); None for other item numbers ('1', 'Eventuelt')."""
    if not text:
        return None
    try:
        return _PARTS[text]
    except KeyError:
        pass
    try:
        parts = utvalgssaksnr_parts(" ".join(text.split()))[1:]
    except ValueError:
        parts = None
    _PARTS[text] = parts
    return parts


@repository_rule("KVK214")
def duplicate_utvalgssaksnr(facts, where) -> Iterator[Diagnostic]:
    """A body gives each number of its yearly series to one case."""
    seen: dict[tuple, list[tuple[str, str, tuple]]] = {}
    for f in facts.cases:
        for body, _, given, loc in f.saksgang:
            key = number(given) if given else None
            if key is not None:
                seen.setdefault((body, *key), []).append((f.ident, f.path, loc + ("utvalgssaksnr",)))
    for (body, seq, year), hits in seen.items():
        if len(hits) > 1 and len({saksnr for saksnr, *_ in hits}) > 1:
            for saksnr, path, loc in hits:
                others = ", ".join(s for s, *_ in hits if s != saksnr)
                yield where.make("KVK214", path, loc, f"utvalgssaksnr {seq}/{year} in {body} is also given to case {others}")


@repository_rule("KVK217")
def item_numbers(facts, where) -> Iterator[Diagnostic]:
    """The number a meeting gives a case's item is the utvalgssaksnr in the case's saksgang
    for that meeting: a half state (new-meeting interrupted, a hand edit, a merge) otherwise."""
    cases = facts.by_ident
    for m in facts.meetings:
        if not m.items:
            continue
        day, body = m.ident[:10], m.ident[11:]
        written: dict[str, set[str]] = {}  # saksnr -> its items' numbers, as written
        for nr, saksnr, _ in m.items:
            written.setdefault(saksnr, set()).add(nr)
        doubtful: set[str] = set()
        for saksnr, nrs in written.items():
            # the usual case, decided without parsing: each case says exactly what an item says
            for case in cases.get(saksnr, ()):
                if not any(given in nrs for b, d, given, _ in case.saksgang if b == body and d == day):
                    doubtful.add(saksnr)
        for saksnr in sorted(doubtful):
            numbers = [(nr, number(nr)) for nr, s, _ in m.items if s == saksnr and number(nr) is not None]
            if numbers:
                yield from _disagreeing(m, saksnr, numbers, cases.get(saksnr, ()), body, day, where)


def _disagreeing(m, saksnr: str, items: list, claimants, body: str, day: str, where) -> Iterator[Diagnostic]:
    # two cases may claim one saksnr (a merge); each needs one of the items' numbers
    wanted = {n for _, n in items}
    for case in claimants:
        steps = [(given, loc) for b, d, given, loc in case.saksgang if b == body and d == day]
        if not steps or any(number(given) in wanted for given, _ in steps):
            continue
        given, loc = steps[0]
        said = f"gives utvalgssaksnr {given}" if given else "gives no utvalgssaksnr"
        shown = " and ".join(nr for nr, _ in items)
        yield where.make(
            "KVK217", case.path, loc + (("utvalgssaksnr",) if given else ()),
            f"the meeting {m.ident} lists case {saksnr} as item {shown}, but its saksgang {said} there",
            hint=f"run 'kvk number-agenda {m.ident}' to write the meeting's item numbers into its cases")
