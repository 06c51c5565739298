"""Ids are claimed once, and everything a record points at exists."""

from __future__ import annotations

from typing import Iterator

from ...diagnostics import Diagnostic
from ...models.references import BODY, CASE, INDICATOR, MEETING, ORGANISATION, PARTY, PERSON
from . import repository_rule

UNKNOWN = {PERSON: ("KVK201", "unknown person"), BODY: ("KVK202", "unknown body"),
           INDICATOR: ("KVK212", "unknown indicator"), PARTY: ("KVK224", "unknown party"),
           ORGANISATION: ("KVK224", "unknown organisation"), MEETING: ("KVK224", "unknown meeting")}
_WHAT = {PERSON: "person id", BODY: "body id", INDICATOR: "indicator id", CASE: "saksnr", MEETING: "meeting",
         PARTY: "party id", ORGANISATION: "organisation id"}


@repository_rule("KVK203")
def duplicate_ids(facts, where) -> Iterator[Diagnostic]:
    """Two records (or two entries of the organisation) claim one id."""
    for kind, table in facts.defined.items():
        for ident, places in table.items():
            if len(places) < 2:
                continue
            for path, loc in places:
                others = ", ".join(f"{p}:{where(p, l)[0]}" for p, l in places if (p, l) != (path, loc))
                yield where.make("KVK203", path, loc, f"{_WHAT[kind]} {ident} is also claimed by {others}")


@repository_rule("KVK201", "KVK202", "KVK205", "KVK212", "KVK224")
def unknown_references(facts, where) -> Iterator[Diagnostic]:
    """A person, body, case or indicator that nothing defines (files that failed to load may
    define what they claim: see engine.ids_of_unloaded)."""
    for f in facts.facts:
        for kind, ident, loc in f.refers:
            if facts.may_exist(kind, ident):
                continue
            if kind == CASE:
                yield where.make("KVK205", f.path, loc, f"agenda item refers to case {ident}, which does not exist")
            else:
                code, what = UNKNOWN[kind]
                yield where.make(code, f.path, loc, f"{what} '{ident}'")
