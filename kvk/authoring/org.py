"""``kvk org``: people, bodies, memberships and parties in the organisation's file(s), changed
as text at the loader's positions, so comments, order and layout stay as people wrote them.

Each function plans a :class:`~kvk.authoring.changes.Change` and runs it under the write lock;
``dry_run`` plans only. Adding needs the fields a new entry requires (a person's navn, a body's
navn and type); without them an id that does not exist is an unknown id, with the closest one
suggested, so a typo never adds a second person.
"""

from __future__ import annotations

from datetime import date

from pydantic_core import PydanticCustomError

from .. import layout
from ..diagnostics import UsageError, did_you_mean, option_error
from ..i18n import N_, _
from ..models.common import parse_slug
from ..models.organisation import Eksternorganisasjon, Medlem, Organisasjon, Parti, Person, Utvalg
from ..repository import Directory, Repository
from .changes import Change, Editable, read_for_edit, run
from .context import literal_values, parse_choice, parse_date_option
from .textedit import Append, Set

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

    def home(self, table: str) -> Editable:
        """The file new entries of ``table`` go to: the first that has the list, else the first."""
        return next((f for f in self.files if table in f.data), self.files[0])


def _order(model) -> tuple[str, ...]:
    return tuple(info.alias or name for name, info in model.model_fields.items())


def _slug(ident: str, what: str) -> str:
    try:
        return parse_slug(ident)
    except PydanticCustomError as err:
        raise option_error("KVK103", f"{what} id: {err.message()}",
                           "an id is a short slug such as kari-nordmann: lower-case letters, digits, '-'") from None


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
    _slug(ident, what)
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
        found = org.find("utvalg", body_id)
        if found is None:
            raise option_error("KVK202", _(UNKNOWN["utvalg"]).format(id=body_id) + did_you_mean(body_id, org.ids("utvalg")),
                               _("add the body with 'kvk org body ID --navn NAME --type TYPE'"))
        _known(org, "personer", person_id, "PERSON")
        _known(org, "personer", erstatter, "--erstatter")
        file, bi = found
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
