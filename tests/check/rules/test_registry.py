"""Every rule is registered with the codes it gives, has its own test, and gives no other code."""

from __future__ import annotations

from pathlib import Path

import pytest

from kvk.check.engine import AllFacts, Locator, collect, ids_of_unloaded
from kvk.check.facts import context_for
from kvk.check.rules import RECORD_RULES, REPOSITORY_RULES, all_rules, record_rule
from kvk.diagnostics import CODES
from kvk.repository import Repository, Scope

from ..test_bad_corpus import CASES, build_case

HERE = Path(__file__).resolve().parent


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.name)
def test_every_rule_has_its_own_test(rule):
    module, name = rule.name.split(".")
    tests = HERE / f"test_{module}.py"
    assert tests.exists(), f"tests/check/rules/test_{module}.py is missing"
    source = tests.read_text(encoding="utf-8")
    assert f"def test_{name}" in source, f"no test_{name} in {tests.name}"
    assert rule.fn.__doc__, f"{rule.name} says in a docstring what it checks"


def test_a_rule_must_name_codes_from_the_catalogue():
    with pytest.raises(ValueError, match="KVK999"):
        record_rule("sak", "KVK999")(lambda record, ctx: ())
    assert all(set(r.codes) <= set(CODES) for r in all_rules())


@pytest.mark.parametrize("case", CASES)
def test_rules_give_only_the_codes_they_declare(case, tmp_path):
    repo = Repository.open(explicit=str(build_case(case, tmp_path)))
    if not (repo.root / "data").is_dir():
        return
    loaded = repo.load(Scope.everything(), jobs=1)
    ctx = context_for(loaded.directory)
    for rec in loaded.records:
        for rule in RECORD_RULES.get(rec.kind, ()):
            assert {d.code for d in rule.fn(rec, ctx)} <= set(rule.codes), rule.name
    selected = collect(repo, Scope.everything(), jobs=1)
    facts = AllFacts(selected.facts, ids_of_unloaded(repo.root, selected.diagnostics, selected.facts))
    for rule in REPOSITORY_RULES:
        assert {d.code for d in rule.fn(facts, Locator(repo.root))} <= set(rule.codes), rule.name


def test_the_engine_runs_every_registered_rule(tmp_path, monkeypatch):
    from kvk.check import check_repository
    from kvk.check.rules import Rule
    from kvk.diagnostics import Diagnostic

    def every_case(record, ctx):
        yield Diagnostic.make("KVK110", record.path, 1, 1, "seen by a record rule")

    def across(facts, where):
        yield Diagnostic.make("KVK110", facts.cases[0].path, 2, 1, f"seen by a repository rule ({len(facts.cases)} cases)")

    monkeypatch.setitem(RECORD_RULES, "sak", [*RECORD_RULES["sak"], Rule("t.every_case", ("KVK110",), "sak", every_case)])
    monkeypatch.setattr("kvk.check.rules.REPOSITORY_RULES", [*REPOSITORY_RULES, Rule("t.across", ("KVK110",), None, across)])
    repo = Repository.open(explicit=str(build_case("agenda-number-missing", tmp_path)))
    messages = [d.message for d in check_repository(repo, jobs=1)[0] if d.code == "KVK110"]
    assert messages == ["seen by a record rule", "seen by a repository rule (1 cases)"]
