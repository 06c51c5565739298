"""The checks, as a list of small registered functions (the way beancount keeps its validations).

A **record rule** looks at one record, with the organisation at hand, and runs where the record
is loaded (in a worker process)::

    @record_rule("moete", "KVK207")
    def substitutes(record, ctx): ...          # yields Diagnostics

A **repository rule** looks across records, at their :class:`~kvk.check.facts.Facts` only::

    @repository_rule("KVK203")
    def duplicate_ids(facts, where): ...       # facts: kvk.check.engine.AllFacts

Each rule gives only the codes it declares (a test holds every rule to that), and has its own
test in ``tests/check/rules/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from ...diagnostics import CODES, Diagnostic


@dataclass(frozen=True)
class Rule:
    name: str  # module.function: where to find it
    codes: tuple[str, ...]
    kind: str | None  # the record kind a record rule applies to; None for a repository rule
    fn: Callable[..., Iterable[Diagnostic]]


#: record kind -> its record rules, in registration order
RECORD_RULES: dict[str, list[Rule]] = {}
#: the repository rules, in registration order
REPOSITORY_RULES: list[Rule] = []


def _register(fn: Callable, codes: tuple[str, ...], kind: str | None) -> Rule:
    unknown = [c for c in codes if c not in CODES]
    if unknown or not codes:
        raise ValueError(f"rule {fn.__name__}: codes {unknown or '(none)'} are not in the catalogue")
    return Rule(f"{fn.__module__.rsplit('.', 1)[-1]}.{fn.__name__}", codes, kind, fn)


def record_rule(kind: str, *codes: str):
    """Register a rule on each record of ``kind``: ``fn(record, ctx) -> Iterable[Diagnostic]``."""
    def decorate(fn):
        RECORD_RULES.setdefault(kind, []).append(_register(fn, codes, kind))
        return fn
    return decorate


def repository_rule(*codes: str):
    """Register a rule across records: ``fn(facts, where) -> Iterable[Diagnostic]``."""
    def decorate(fn):
        REPOSITORY_RULES.append(_register(fn, codes, None))
        return fn
    return decorate


def all_rules() -> list[Rule]:
    return [r for rules in RECORD_RULES.values() for r in rules] + REPOSITORY_RULES


# the rules register themselves when their modules are imported
from . import agenda, files, meetings, references  # noqa: E402,F401
