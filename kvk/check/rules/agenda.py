"""Cases and the meetings that treat them agree: agenda and saksgang, and the numbers."""

from __future__ import annotations

from typing import Iterator

from ...diagnostics import Diagnostic
from ...i18n import _
from ...models.common import utvalgssaksnr_parts
from . import repository_rule


@repository_rule("KVK206")
def saksgang_vs_agenda(facts, where) -> Iterator[Diagnostic]:
    """A case whose saksgang names a meeting that exists is on that meeting's agenda."""
    # by body and date, not by id: a meeting with its own id is found as well
    agendas = {f.moete: (f.ident, f.agenda) for f in facts.meetings if f.moete and f.moete[1]}
    for f in facts.cases:
        saksnr = f.ident
        for body, day, _given, loc in f.saksgang:
            meeting, agenda = agendas.get((body, day), (None, None))
            if agenda and saksnr not in agenda:
                yield where.make("KVK206", f.path, loc, _("the meeting {meeting} exists but does not list case {saksnr}").format(
                    meeting=meeting, saksnr=saksnr))


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
        for body, _day, given, loc in f.saksgang:
            key = number(given) if given else None
            if key is not None:
                seen.setdefault((body, *key), []).append((f.ident, f.path, loc + ("utvalgssaksnr",)))
    for (body, seq, year), hits in seen.items():
        if len(hits) > 1 and len({saksnr for saksnr, *_ in hits}) > 1:
            for saksnr, path, loc in hits:
                others = ", ".join(s for s, *_ in hits if s != saksnr)
                yield where.make("KVK214", path, loc, _("utvalgssaksnr {number} in {body} is also given to case {others}").format(
                    number=f"{seq}/{year}", body=body, others=others))


@repository_rule("KVK217")
def item_numbers(facts, where) -> Iterator[Diagnostic]:
    """The number a meeting gives a case's item is the utvalgssaksnr in the case's saksgang
    for that meeting: a half state (new-meeting interrupted, a hand edit, a merge) otherwise."""
    cases = facts.by_ident
    for m in facts.meetings:
        if not m.items or not m.moete or not m.moete[1]:
            continue  # a meeting whose date is not stated: no saksgang step can name it
        body, day = m.moete
        written: dict[str, set[str]] = {}  # saksnr -> its items' numbers, as written
        for nr, saksnr, _loc in m.items:
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
        shown = _(" and ").join(nr for nr, _n in items)
        if given:
            message = _("the meeting {meeting} lists case {saksnr} as item {items}, but its saksgang gives "
                        "utvalgssaksnr {given} there").format(meeting=m.ident, saksnr=saksnr, items=shown, given=given)
        else:
            message = _("the meeting {meeting} lists case {saksnr} as item {items}, but its saksgang gives no "
                        "utvalgssaksnr there").format(meeting=m.ident, saksnr=saksnr, items=shown)
        yield where.make(
            "KVK217", case.path, loc + (("utvalgssaksnr",) if given else ()), message,
            hint=_("run 'kvk number-agenda {meeting}' to write the meeting's item numbers into its cases").format(
                meeting=m.ident))


@repository_rule("KVK220")
def vedtak_typed_twice(facts, where) -> Iterator[Diagnostic]:
    """The vedtak lives in the meeting's item (the møtebok is the legal record). A case that
    types it again in a behandling for the same body and date must say the same words; the
    case's copy is then the one to drop."""
    held = {}  # (utvalg, moetedato, saksnr) -> (meeting id, text)
    for m in facts.meetings:
        if m.moete and m.moete[1]:
            for saksnr, text, _loc in m.vedtak:
                held[(m.moete[0], m.moete[1], saksnr)] = (m.ident, text)
    for f in facts.cases:
        for body, day, text, loc in f.vedtak:
            meeting = held.get((body, day, f.ident))
            if meeting is not None and meeting[1] != text:
                yield where.make("KVK220", f.path, loc,
                                 _("case {saksnr}: the vedtak of the behandling in {body} {day} differs from the "
                                   "one in the meeting {meeting}").format(saksnr=f.ident, body=body, day=day,
                                                                         meeting=meeting[0]))
