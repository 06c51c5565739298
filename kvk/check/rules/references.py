"""Ids are claimed once, and everything a record points at exists."""

from __future__ import annotations

from typing import Iterator

from ...diagnostics import Diagnostic
from ...i18n import N_, _
from ...models.references import BODY, CASE, INDICATOR, MEETING, ORGANISATION, PARTY, PERSON
from . import repository_rule

UNKNOWN = {PERSON: ("KVK201", N_("unknown person '{id}'")), BODY: ("KVK202", N_("unknown body '{id}'")),
           INDICATOR: ("KVK212", N_("unknown indicator '{id}'")), PARTY: ("KVK224", N_("unknown party '{id}'")),
           ORGANISATION: ("KVK224", N_("unknown organisation '{id}'")),
           MEETING: ("KVK224", N_("unknown meeting '{id}'"))}
_CLAIMED = {PERSON: N_("person id {id} is also claimed by {others}"),
            BODY: N_("body id {id} is also claimed by {others}"),
            INDICATOR: N_("indicator id {id} is also claimed by {others}"),
            CASE: N_("saksnr {id} is also claimed by {others}"),
            MEETING: N_("meeting {id} is also claimed by {others}"),
            PARTY: N_("party id {id} is also claimed by {others}"),
            ORGANISATION: N_("organisation id {id} is also claimed by {others}")}


@repository_rule("KVK203")
def duplicate_ids(facts, where) -> Iterator[Diagnostic]:
    """Two records (or two entries of the organisation) claim one id."""
    for kind, table in facts.defined.items():
        for ident, places in table.items():
            if len(places) < 2:
                continue
            for path, loc in places:
                others = ", ".join(f"{p}:{where(p, l)[0]}" for p, l in places if (p, l) != (path, loc))
                yield where.make("KVK203", path, loc, _(_CLAIMED[kind]).format(id=ident, others=others))


@repository_rule("KVK201", "KVK202", "KVK205", "KVK212", "KVK224")
def unknown_references(facts, where) -> Iterator[Diagnostic]:
    """A person, body, case or indicator that nothing defines (files that failed to load may
    define what they claim: see engine.ids_of_unloaded)."""
    for f in facts.facts:
        for kind, ident, loc in f.refers:
            if facts.may_exist(kind, ident):
                continue
            if kind == CASE:
                yield where.make("KVK205", f.path, loc, _("agenda item refers to case {saksnr}, which does not exist").format(saksnr=ident))
            else:
                code, what = UNKNOWN[kind]
                yield where.make(code, f.path, loc, _(what).format(id=ident))
