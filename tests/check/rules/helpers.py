"""Records built inline for the rule tests: each rule is called directly, as the engine calls it."""

from __future__ import annotations

import textwrap

from kvk.check.engine import AllFacts, Locator
from kvk.check.facts import Context, record_facts
from kvk.repository import Directory, Record, parse_record

ORGANISATION = """
personer:
  - {id: ola, navn: Ola Hansen, representerer: Ap}
  - {id: kari, navn: Kari Nordmann}
  - {id: per, navn: Per Berg}
  - {id: vara, navn: Vara Vik}
  - {id: lise, navn: Lise Berg}
utvalg:
  - id: formannskapet
    navn: Formannskapet
    type: formannskap
    medlemmer:
      - {person: ola, rolle: leder}
      - {person: kari}
      - {person: per}
      - {person: vara, rolle: varamedlem}
"""

MEETING_PATH = "data/moter/2009/2009-03-04-formannskapet.yaml"


def record(path: str, text: str) -> Record:
    return parse_record(textwrap.dedent(text).lstrip("\n").encode("utf-8"), path)


def context(*records: Record) -> Context:
    org = [record("data/organisasjon.yaml", ORGANISATION)]
    return Context(Directory.of(r.model for r in [*org, *records] if r.kind == "organisasjon"))


def meeting(body: str) -> Record:
    """A meeting of the formannskap on 2009-03-04 with ``body`` (YAML below the fixed head)."""
    head = "utvalg: formannskapet\nmoetedato: 2009-03-04\ndokumenttype: moeteprotokoll\n"
    return record(MEETING_PATH, head + textwrap.dedent(body).lstrip("\n"))


def findings(rule, rec: Record) -> list[tuple[str, int, str]]:
    """(code, line, message) of what a record rule finds in ``rec``."""
    return [(d.code, d.line, d.message) for d in rule(rec, context(rec))]


class InMemory(Locator):
    """Positions from the sources already loaded: these records are not files."""

    def __init__(self, records: list[Record]):
        super().__init__(root=None)
        self._sources = {r.path: r.source for r in records}


def across(rule, *records: Record) -> list[tuple[str, str, int, str]]:
    """(code, path, line, message) of what a repository rule finds across ``records``."""
    org = record("data/organisasjon.yaml", ORGANISATION)
    everything = [org, *records]
    ctx = context(*records)
    facts = AllFacts([record_facts(r, ctx) for r in everything])
    return sorted((d.code, d.path, d.line, d.message) for d in rule(facts, InMemory(everything)))
