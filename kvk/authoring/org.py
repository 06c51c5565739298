"""``kvk org``: people, bodies, memberships and parties in the organisation's file(s), changed
as text at the loader's positions, so comments, order and layout stay as people wrote them.

Each function plans a :class:`~kvk.authoring.changes.Change` and runs it under the write lock;
``dry_run`` plans only. Adding needs the fields a new entry requires (a person's navn, a body's
navn and type); without them an id that does not exist is an unknown id, with the closest one
suggested, so a typo never adds a second person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pydantic_core import PydanticCustomError

from .. import layout
from ..diagnostics import Diagnostic, UsageError, did_you_mean, option_error
from ..i18n import N_, _, ngettext
from ..models.common import parse_slug
from ..models.organisation import Eksternorganisasjon, Medlem, Organisasjon, Parti, Person, Utvalg
from ..models.references import BODY, ORGANISATION, PARTY, PERSON, references
from ..models.validation import dotted
from ..repository import Broken, Directory, Repository, Scope
from .changes import Change, Editable, read_for_edit, refusal, run
from .context import literal_values, parse_choice, parse_date_option
from .textedit import Append, Remove, Set

PARTS = literal_values(Person, "part")
BODY_TYPES = literal_values(Utvalg, "type")
MEMBER_ROLES = literal_values(Medlem, "rolle")
MAALFORMER = ("nb", "nn")

#: list key -> (model, what it is called, the fields a new entry needs, its code when unknown)
TABLES = {
    "personer": (Person, N_("person"), ("navn",), "KVK201"),
    "utvalg": (Utvalg, N_("body"), ("navn", "type"), "KVK202"),
    "partier": (Parti, N_("party"), (), "KVK224"),
    "organisasjoner": (Eksternorganisasjon, N_("organisation"), ("navn",), "KVK224"),
}
COMMANDS = {"personer": "person", "utvalg": "body", "partier": "party", "organisasjoner": "organisation"}
UNKNOWN = {"personer": N_("unknown person '{id}'"), "utvalg": N_("unknown body '{id}'"),
           "partier": N_("unknown party '{id}'"), "organisasjoner": N_("unknown organisation '{id}'")}
TO_ADD = {"personer": N_("to add a new person, give {options}"), "utvalg": N_("to add a new body, give {options}"),
          "partier": N_("to add a new party, give {options}"),
          "organisasjoner": N_("to add a new organisation, give {options}")}


class Organisation:
    """The organisation's files as read for a change, and who is in them."""

    def __init__(self, repo: Repository):
        rels = layout.organisation_files(repo.root)
        if not rels:
            raise UsageError(_("there is no {path}; run kvk init, or create it").format(path=layout.ORGANISATION_FILE))
        self.files = [read_for_edit(repo, rel) for rel in rels]
        self.directory = Directory.of(f.model for f in self.files)

    def find(self, table: str, ident: str) -> tuple[Editable, int] | None:
        for f in self.files:
            for i, entry in enumerate(getattr(f.model, table)):
                if entry.id == ident:
                    return f, i
        return None

    def ids(self, table: str) -> list[str]:
        return [entry.id for f in self.files for entry in getattr(f.model, table)]

    def body(self, ident: str) -> tuple[Editable, int]:
        """The file and position of the body ``ident``; an unknown body is refused (KVK202)."""
        found = self.find("utvalg", ident)
        if found is None:
            raise option_error("KVK202", _(UNKNOWN["utvalg"]).format(id=ident)
                               + did_you_mean(ident, self.ids("utvalg")),
                               _("add the body with 'kvk org body ID --navn NAME --type TYPE'"))
        return found

    def home(self, table: str) -> Editable:
        """The file new entries of ``table`` go to: the first that has the list, else the first."""
        return next((f for f in self.files if table in f.data), self.files[0])


def _order(model) -> tuple[str, ...]:
    return tuple(info.alias or name for name, info in model.model_fields.items())


def parse_id(ident: str, what: str) -> str:
    """A new entry's id, refused (KVK103) unless it is a slug."""
    try:
        return parse_slug(ident)
    except PydanticCustomError as err:
        # TRANSLATORS: e.g. "person id: 'Kari' is not a slug …"; {what} is person, body, party or organisation
        raise option_error("KVK103", _("{what} id: {reason}").format(what=_(what), reason=err.message()),
                           _("an id is a short slug such as kari-nordmann: lower-case letters, digits, '-'")) from None


def _upsert(org: Organisation, change: Change, table: str, ident: str, values: dict[str, str | None]) -> None:
    model, what, needed, code = TABLES[table]
    order = _order(model)
    given = {k: v for k, v in values.items() if v is not None}
    found = org.find(table, ident)
    if found is not None:
        file, i = found
        entry = file.data[table][i]
        ops = [Set((table, i, k), v, order) for k, v in given.items() if entry.get(k) != v]
        if not ops:
            change.done.append(_("{what} {id}: nothing to change").format(what=_(what), id=ident))
            return
        change.edit(file, ops, Organisasjon)
        for k, v in given.items():
            if entry.get(k) != v:
                change.done.append(_(what) + f" {ident}: {k} {_shown(entry.get(k))} -> {v}")
        change.result.update({"action": "changed", "id": ident})
        return
    missing = [k for k in needed if k not in given]
    if missing:
        options = " ".join(f"--{k} …" for k in needed)
        raise option_error(code, _(UNKNOWN[table]).format(id=ident) + did_you_mean(ident, org.ids(table)),
                           _(TO_ADD[table]).format(options=options))
    parse_id(ident, what)
    entry = {"id": ident, **{k: given[k] for k in order if k in given}}
    change.edit(org.home(table), [Append((table,), entry, order, block=table in ("personer", "utvalg"))],
                Organisasjon)
    change.done.append(_("added {what} {id}").format(what=_(what), id=ident)
                       + "".join(f", {k}: {v}" for k, v in entry.items() if k != "id"))
    change.result.update({"action": "added", "id": ident})


def _shown(value) -> str:
    return _("(empty)") if value is None else str(value)


def _known(org: Organisation, table: str, ident: str | None, option: str) -> None:
    if ident is None:
        return
    ids = org.ids(table)
    if ident not in ids:
        _model, what, _fields, code = TABLES[table]
        raise option_error(code, f"{option}: " + _(UNKNOWN[table]).format(id=ident) + did_you_mean(ident, ids),
                           _("add it first: kvk org {command} {id} …").format(command=COMMANDS[table], id=ident))


def person(repo: Repository, ident: str, values: dict[str, str | None], *, dry_run: bool = False) -> Change:
    """Add the person ``ident`` (needs ``navn``) or change the fields given."""
    values = dict(values)
    if values.get("part") is not None:
        values["part"] = parse_choice(values["part"], PARTS, "--part")

    def plan() -> Change:
        org = Organisation(repo)
        _known(org, "partier", values.get("parti"), "--parti")
        _known(org, "organisasjoner", values.get("organisasjon"), "--organisasjon")
        change = Change("kvk org person")
        _upsert(org, change, "personer", ident, values)
        return change

    return run(repo, "kvk org person", plan, dry_run=dry_run)


def body(repo: Repository, ident: str, values: dict[str, str | None], *, dry_run: bool = False) -> Change:
    """Add the body ``ident`` (needs ``navn`` and ``type``) or change the fields given."""
    values = dict(values)
    if values.get("type") is not None:
        values["type"] = parse_choice(values["type"], BODY_TYPES, "--type")
    if values.get("maalform") is not None:
        values["maalform"] = parse_choice(values["maalform"], MAALFORMER, "--maalform")

    def plan() -> Change:
        org = Organisation(repo)
        change = Change("kvk org body")
        _upsert(org, change, "utvalg", ident, values)
        return change

    return run(repo, "kvk org body", plan, dry_run=dry_run)


def party(repo: Repository, ident: str, values: dict[str, str | None], *, dry_run: bool = False) -> Change:
    """Add the party ``ident`` or change its kortnavn and navn."""
    def plan() -> Change:
        org = Organisation(repo)
        change = Change("kvk org party")
        _upsert(org, change, "partier", ident, values)
        return change

    return run(repo, "kvk org party", plan, dry_run=dry_run)


def _overlap(a_from: date | None, a_to: date | None, b_from: date | None, b_to: date | None) -> bool:
    return (a_to is None or b_from is None or b_from <= a_to) and (b_to is None or a_from is None or a_from <= b_to)


def member(repo: Repository, body_id: str, person_id: str, *, rolle: str | None = None, fra: str | None = None,
           til: str | None = None, representerer: str | None = None, erstatter: str | None = None,
           new: bool = False, dry_run: bool = False) -> Change:
    """Make ``person_id`` a member of ``body_id``, or change their membership (its role, its
    period: ``til`` ends it). ``new``: a further period of membership beside the one there is."""
    rolle = parse_choice(rolle, MEMBER_ROLES, "--rolle") if rolle is not None else None
    start = parse_date_option(fra, "--fra") if fra else None
    end = parse_date_option(til, "--til") if til else None
    if start and end and end < start:
        raise option_error("KVK110", _("--til {end} is before --fra {start}").format(end=end.isoformat(),
                                                                                start=start.isoformat()),
                           _("a membership ends on or after the day it starts"))
    values = {"rolle": rolle, "fra": start.isoformat() if start else None, "til": end.isoformat() if end else None,
              "representerer": representerer, "erstatter": erstatter}

    def plan() -> Change:
        org = Organisation(repo)
        file, bi = org.body(body_id)
        _known(org, "personer", person_id, "PERSON")
        _known(org, "personer", erstatter, "--erstatter")
        utvalg = file.model.utvalg[bi]
        order = _order(Medlem)
        mine = [(j, m) for j, m in enumerate(utvalg.medlemmer) if m.person == person_id]
        change = Change("kvk org member", result={"body": body_id, "person": person_id})
        given = {k: v for k, v in values.items() if v is not None}
        if mine and not new:
            current = [(j, m) for j, m in mine if m.til is None] or mine
            if len(current) > 1:
                raise option_error("KVK702", _("{person} has {n} memberships of {body}; kvk cannot tell which "
                                               "one to change").format(person=person_id, n=len(current),
                                                                       body=body_id),
                                   _("change it in {path} by hand, or add a further period with --ny").format(
                                       path=file.rel))
            j, m = current[-1]
            raw = file.data["utvalg"][bi]["medlemmer"][j]
            ops = [Set(("utvalg", bi, "medlemmer", j, k), v, order) for k, v in given.items() if raw.get(k) != v]
            if ops:
                change.edit(file, ops, Organisasjon)
            for k, v in given.items():
                if raw.get(k) != v:
                    change.done.append(f"{body_id}: {person_id} {k} {_shown(raw.get(k))} -> {v}")
            if not ops:
                change.done.append(_("{body}: {person} is a member already; nothing to change").format(
                    body=body_id, person=person_id))
            change.result["action"] = "changed" if ops else "unchanged"
            return change
        for _pos, m in mine:
            if _overlap(m.fra, m.til, start, end):
                said = (_("{person} is a member of {body} since {day} in that period already") if m.fra
                        else _("{person} is a member of {body} in that period already"))
                raise option_error("KVK702", said.format(person=person_id, body=body_id,
                                                         day=m.fra.isoformat() if m.fra else ""),
                                   _("end that membership first: kvk org member {body} {person} --til DATE, "
                                     "then add the new one with --ny --fra DATE").format(body=body_id,
                                                                                        person=person_id))
        entry = {"person": person_id, "rolle": rolle or "medlem", **{k: v for k, v in given.items() if k != "rolle"}}
        change.edit(file, [Append(("utvalg", bi, "medlemmer"), entry, order)], Organisasjon)
        change.done.append(_("{body}: added {person} as {role}").format(body=body_id, person=person_id,
                                                                       role=entry["rolle"])
                           + "".join(f", {k}: {v}" for k, v in entry.items() if k not in ("person", "rolle")))
        change.result["action"] = "added"
        return change

    return run(repo, "kvk org member", plan, dry_run=dry_run)


# --- removing --------------------------------------------------------------------------------

#: list key -> the kind of reference (kvk.models.references) that names its entries
REFERRED_AS = {"personer": PERSON, "utvalg": BODY, "partier": PARTY, "organisasjoner": ORGANISATION}
#: how many referring places a refusal names before it counts the rest
NAMED = 3


@dataclass(frozen=True)
class Referrer:
    """A place in a record that names what is to be removed."""

    path: str
    line: int
    col: int
    field: str  # as a finding shows it: deltakere[0].person


def _places(record, kind: str, ident: str) -> list[Referrer]:
    found = []
    for target, value, loc in references(record.model):
        if target == kind and value == ident:
            line, col = record.locate(loc)
            found.append(Referrer(record.path, line, col, dotted(loc)))
    return found


def referrers(repo: Repository, kind: str, ident: str, org: Organisation | None = None) -> list[Referrer]:
    """Every place in the cases, meetings and the organisation that names ``ident`` as a
    ``kind`` (person, body, party, organisation), cases and meetings first. Only files whose
    text holds the id are parsed; one that does not load stops the command (kvk check)."""
    loaded = repo.load(Scope.kinds(layout.SAK, layout.MOETE).containing(ident), on_broken=Broken.FAIL)
    found = [p for record in sorted(loaded.records, key=lambda r: r.path) if record.kind in (layout.SAK, layout.MOETE)
             for p in _places(record, kind, ident)]
    for f in (org or Organisation(repo)).files:
        found += _places(f.record, kind, ident)
    return found


def _still_referred(said: str, places: list[Referrer], hint: str) -> UsageError:
    """KVK704 at the first place that names it, with the other files that do."""
    first = places[0]
    files = list(dict.fromkeys(p.path for p in places))
    others = [f for f in files if f != first.path]
    said = said.format(field=first.field)
    if others:
        said += ngettext("; so does {files}", "; so do {files}", len(others)).format(
            files=", ".join(others[:NAMED])
            + (_(" and {n} more").format(n=len(others) - NAMED) if len(others) > NAMED else ""))
    return refusal(Diagnostic.make("KVK704", first.path, first.line, first.col, said, hint))


#: per list: the hint of a refusal to remove an entry that records still name
KEEP_HINT = {
    "personer": N_("the records keep the people they name: to say that {id} has left, end their memberships "
                   "with kvk org member BODY {id} --til DATE"),
    "utvalg": N_("the records keep the bodies they name: a body that no longer meets stays in the "
                 "organisation; end its memberships with kvk org member {id} PERSON --til DATE"),
    "partier": N_("give the people of the party another one first (kvk org person ID --parti PARTY); votes "
                  "that name it keep it"),
    "organisasjoner": N_("give those people another organisation first (kvk org person ID --organisasjon ORG)"),
}
LISTS = {"personer": "people", "utvalg": "bodies"}  # what 'kvk list' calls them
def existing(org: Organisation, table: str, ident: str) -> str:
    """``ident`` if the organisation has it in ``table``; else the unknown id (with the closest)."""
    if org.find(table, ident) is None:
        code = TABLES[table][3]
        raise option_error(code, _(UNKNOWN[table]).format(id=ident) + did_you_mean(ident, org.ids(table)),
                           _("'kvk list {what}' lists them").format(what=LISTS[table]) if table in LISTS
                           else _("{path} lists them").format(path=org.home(table).rel))
    return ident


def remove(repo: Repository, table: str, ident: str, *, dry_run: bool = False) -> Change:
    """Take the person, body, party or organisation ``ident`` out of the organisation's file,
    with the lines it takes (a body with its members). Refused (KVK704) while a case, a meeting
    or the organisation still names it: records keep what they refer to."""
    command = f"kvk org {COMMANDS[table]}"

    def plan() -> Change:
        org = Organisation(repo)
        found = org.find(table, existing(org, table, ident))
        places = referrers(repo, REFERRED_AS[table], ident, org)
        if places:
            said = _("cannot remove {what} '{id}': {{field}} names it").format(what=_(TABLES[table][1]), id=ident)
            raise _still_referred(said, places, _(KEEP_HINT[table]).format(id=ident))
        file, i = found
        change = Change(command, result={"action": "removed", "id": ident})
        change.edit(file, [Remove((table, i))], Organisasjon)
        change.done.append(_("removed {what} {id}").format(what=_(TABLES[table][1]), id=ident))
        return change

    return run(repo, command, plan, dry_run=dry_run)


def _membership(org: Organisation, body_id: str, person_id: str, fra: date | None):
    """(file, body position, membership position, membership) of the person's membership of
    the body: the one that starts on ``fra``, else their only (or only open) one."""
    file, bi = org.body(body_id)
    utvalg = file.model.utvalg[bi]
    mine = [(j, m) for j, m in enumerate(utvalg.medlemmer) if m.person == person_id]
    if not mine:
        raise option_error("KVK201", _("{person} is not a member of {body}").format(person=person_id, body=body_id)
                           + did_you_mean(person_id, [m.person for m in utvalg.medlemmer]),
                           _("'kvk show {body}' lists its members").format(body=body_id))
    if fra is not None:
        starts = ", ".join(m.fra.isoformat() if m.fra else "-" for _j, m in mine)
        mine = [(j, m) for j, m in mine if m.fra == fra]
        if not mine:
            raise option_error("KVK201", _("--fra: no membership of {person} in {body} starts on {day}").format(
                person=person_id, body=body_id, day=fra.isoformat()),
                _("theirs start on: {days} ('-': not stated; leave out --fra)").format(days=starts))
    elif len(mine) > 1:
        raise option_error("KVK702", _("{person} has {n} memberships of {body}; kvk cannot tell which one to "
                                       "remove").format(person=person_id, n=len(mine), body=body_id),
                           _("say which with --fra DATE: the day it starts"))
    j, m = mine[0]
    return file, bi, j, m


def remove_member(repo: Repository, body_id: str, person_id: str, *, fra: str | None = None,
                  dry_run: bool = False) -> Change:
    """Take a membership out of the body (one recorded by mistake). Refused (KVK704) while a
    meeting of the body in the membership's period names the person: ending it
    (``member(..., til=…)``) is what keeps the record of who sat there."""
    start = parse_date_option(fra, "--fra") if fra else None

    def plan() -> Change:
        org = Organisation(repo)
        file, bi, j, m = _membership(org, body_id, person_id, start)
        loaded = repo.load(Scope.kinds(layout.MOETE).containing(person_id), on_broken=Broken.FAIL)
        places = [p for record in sorted(loaded.records, key=lambda r: r.path)
                  if record.kind == layout.MOETE and record.model.utvalg == body_id
                  and m.active(record.model.moetedato) for p in _places(record, PERSON, person_id)]
        if places:
            hint = _("end it instead, so the minutes keep who sat there: kvk org member {body} {person} "
                     "--til DATE").format(body=body_id, person=person_id)
            said = _("cannot remove the membership of {person} in {body}: {{field}} in a meeting of the body in "
                     "that period names them").format(person=person_id, body=body_id)
            raise _still_referred(said, places, hint)
        change = Change("kvk org member", result={"action": "removed", "body": body_id, "person": person_id})
        change.edit(file, [Remove(("utvalg", bi, "medlemmer", j))], Organisasjon)
        change.done.append(_("{body}: removed {person} ({role})").format(body=body_id, person=person_id,
                                                                        role=m.rolle or "-"))
        return change

    return run(repo, "kvk org member", plan, dry_run=dry_run)
