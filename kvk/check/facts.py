"""What the cross-record rules need to know about one record, computed where it is loaded.

Checking runs in two steps so the first can run in worker processes:

1. per record (:func:`facts_of`): with the organisation at hand, a record yields its own
   findings (the record rules of its kind) and a small :class:`Facts` summary: the ids it
   defines and the ids it refers to, each with its place in the record;
2. across records (:mod:`kvk.check.engine`): the repository rules, over the summaries alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import layout
from ..diagnostics import Diagnostic
from ..models.organisation import VOTING_ROLES
from ..models.references import BODY, CASE, INDICATOR, MEETING, ORGANISATION, PARTY, PERSON, references
from ..repository import Directory, Record, cached


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
    # meetings: (item nr, saksnr, loc) per agenda item that treats a case
    items: list[tuple[str, str, tuple]] = field(default_factory=list)
    findings: list[Diagnostic] = field(default_factory=list)
    ident: str | None = None  # the id of the case or meeting this record is
    # meetings: (utvalg, moetedato iso or "") — a meeting's own id need not hold either
    moete: tuple[str, str] | None = None
    # the vedtak texts, to find one typed twice: cases (utvalg, moetedato iso, text, loc) per
    # behandling; meetings (saksnr, text, loc) per item that treats a case
    vedtak: list[tuple] = field(default_factory=list)

    @property
    def agenda(self) -> frozenset[str]:
        """Meetings: the cases on the agenda."""
        return frozenset(sak for _, sak, _ in self.items)

    def as_tuple(self) -> tuple:
        # plain values: they cross process boundaries several times faster than dataclasses,
        # and are what the cache keeps
        return (self.path, self.kind, self.defines, self.refers, self.saksgang, self.items,
                [d.as_tuple() for d in self.findings], self.ident, self.moete, self.vedtak)


class Context:
    """The organisation, as the record rules need it."""

    def __init__(self, directory: Directory):
        self.bodies = directory.bodies
        #: what the organisation defines: references to these need not leave the worker
        self.known = {PERSON: set(directory.people), BODY: set(directory.bodies),
                      PARTY: set(directory.parties), ORGANISATION: set(directory.organisations)}
        self.party_of = directory.party_of
        #: body id -> the people who vote in it by membership
        self.voters = {b.id: frozenset(m.person for m in b.medlemmer if m.rolle in VOTING_ROLES)
                       for b in self.bodies.values()}

    def body(self, body_id: str):
        return self.bodies.get(body_id)


_CONTEXTS: dict[int, Context] = {}  # one per directory: a worker holds one for its life


def context_for(directory: Directory | None) -> Context:
    directory = directory or Directory()
    ctx = _CONTEXTS.get(id(directory))
    if ctx is None:
        _CONTEXTS.clear()
        ctx = _CONTEXTS[id(directory)] = Context(directory)
    return ctx


@cached("facts")
def facts_of(record: Record, directory: Directory | None) -> tuple:
    """The summariser for :meth:`kvk.repository.Repository.load`: the record's facts and the
    findings of its kind's record rules, as a plain tuple (see :meth:`Facts.as_tuple`), kept
    in the cache by the record's content."""
    return record_facts(record, context_for(directory)).as_tuple()


def record_facts(record: Record, context: Context) -> Facts:
    facts = Facts(record.path, record.kind)
    model = record.model
    known = context.known
    # people and bodies are resolved here, against the organisation every worker holds: most
    # references of most records, which then never travel to the parent
    facts.refers = [r for r in references(model) if r[1] not in known.get(r[0], ())]
    if record.kind == layout.ORGANISASJON:
        facts.defines += [(PERSON, p.id, ("personer", i, "id")) for i, p in enumerate(model.personer)]
        facts.defines += [(BODY, b.id, ("utvalg", i, "id")) for i, b in enumerate(model.utvalg)]
        facts.defines += [(PARTY, x.id, ("partier", i, "id")) for i, x in enumerate(model.partier)]
        facts.defines += [(ORGANISATION, x.id, ("organisasjoner", i, "id"))
                          for i, x in enumerate(model.organisasjoner)]
    elif record.kind == layout.INDIKATORER:
        facts.defines += [(INDICATOR, ind.id, ("indikatorer", i, "id")) for i, ind in enumerate(model.indikatorer)]
        # measurements name indicators of their own file: resolved here, not shipped to the parent
        own = {ident for _, ident, _ in facts.defines}
        facts.refers = [r for r in facts.refers if r[0] != INDICATOR or r[1] not in own]
    elif record.kind == layout.SAK:
        facts.ident = model.saksnr
        facts.defines.append((CASE, model.saksnr, ("saksnr",)))
        for i, step in enumerate(model.saksgang):
            day = step.moetedato.isoformat() if step.moetedato else ""
            facts.saksgang.append((step.utvalg, day, step.utvalgssaksnr, ("saksgang", i)))
        facts.vedtak = [(b.utvalg, b.moetedato.isoformat(), _words(b.vedtak.tekst), ("behandlinger", i, "vedtak"))
                        for i, b in enumerate(model.behandlinger)
                        if b.moetedato is not None and b.vedtak is not None and b.vedtak.tekst]
    elif record.kind == layout.MOETE:
        facts.ident = model.id
        facts.moete = (model.utvalg, model.moetedato.isoformat() if model.moetedato else "")
        own = "id" in model.model_fields_set
        facts.defines.append((MEETING, model.id, ("id",) if own else ("moetedato",)))
        facts.items = [(p.nr, p.sak, ("saker", i)) for i, p in enumerate(model.saker) if p.sak]
        facts.vedtak = [(p.sak, _words(p.vedtak.tekst), ("saker", i, "vedtak"))
                        for i, p in enumerate(model.saker) if p.sak and p.vedtak is not None and p.vedtak.tekst]
    for rule in _rules().get(record.kind, ()):
        facts.findings.extend(rule.fn(record, context))
    return facts


def _words(text: str) -> str:
    """A vedtak's text as compared: the words, not how the lines are broken."""
    return " ".join(text.split())


_RULES: list = []


def _rules() -> dict:
    # the rules import this module to register: imported on first use, then kept at hand
    if not _RULES:
        from .rules import RECORD_RULES

        _RULES.append(RECORD_RULES)
    return _RULES[0]


def from_tuple(values: tuple) -> Facts:
    path, kind, defines, refers, saksgang, items, findings, ident, moete, vedtak = values
    return Facts(path, kind, defines, refers, saksgang, items, [Diagnostic.from_tuple(d) for d in findings], ident,
                 tuple(moete) if moete else None, vedtak)


def at(record: Record, loc: tuple, code: str, message: str, *, key: bool = False,
       hint: str | None = None) -> Diagnostic:
    """A finding at ``loc`` in ``record``."""
    line, col = record.locate(loc, key=key)
    return Diagnostic.make(code, record.path, line, col, message, hint)


__all__ = ["Context", "Facts", "at", "context_for", "facts_of", "from_tuple", "record_facts"]
