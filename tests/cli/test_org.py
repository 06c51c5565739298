"""kvk org person|body|member|party through the CLI: added and changed in place, comments and
order kept, --dry-run writes nothing, unknown ids refused with the closest one."""

from __future__ import annotations

import json

import pytest

from kvk.cli import app

from ..authoring_fixtures import small_repo, tree_bytes

ORG = "data/organisasjon.yaml"


@pytest.fixture
def repo(tmp_path):
    return small_repo(tmp_path / "r")


def _run(runner, repo, *args: str, code: int = 0):
    result = runner.invoke(app, [*args, "--repo", str(repo)])
    assert result.exit_code == code, result.output
    return result


def test_a_new_person_is_added_as_a_block_and_the_rest_is_untouched(runner, repo):
    before = (repo / ORG).read_text(encoding="utf-8")
    result = _run(runner, repo, "org", "person", "lise-vik", "--navn", "Lise Vik", "--part", "folkevalgt")
    assert result.stdout.strip().endswith(ORG)
    assert result.stderr == "  added person lise-vik, navn: Lise Vik, part: folkevalgt\n"
    after = (repo / ORG).read_text(encoding="utf-8")
    assert after == before.replace("    navn: Vara Vik\n", "    navn: Vara Vik\n  - id: lise-vik\n"
                                   "    navn: Lise Vik\n    part: folkevalgt\n")


def test_a_person_is_changed_field_by_field(runner, repo):
    result = _run(runner, repo, "org", "person", "ola-hansen", "--tittel", "Ordfører", "--navn", "Ola Hansen")
    assert result.stderr == "  person ola-hansen: tittel (empty) -> Ordfører\n"
    assert "  - id: ola-hansen\n    navn: Ola Hansen\n    tittel: Ordfører\n" in (repo / ORG).read_text(encoding="utf-8")
    assert _run(runner, repo, "org", "person", "ola-hansen", "--tittel", "Ordfører").stderr == \
        "  person ola-hansen: nothing to change\n"


@pytest.mark.parametrize("args, message", [
    (["person", "kari-nordman", "--tittel", "X"],
     "kvk: error KVK201 unknown person 'kari-nordman' (did you mean 'kari-nordmann'?) "
     "(hint: to add a new person, give --navn …)"),
    (["person", "Kari Nordmann", "--navn", "Kari"],
     "kvk: error KVK103 person id: 'Kari Nordmann' is not an id: use lower-case letters, digits, '-' and '_' "
     "(hint: an id is a short slug such as kari-nordmann: lower-case letters, digits, '-')"),
    (["person", "ola-hansen", "--part", "folkvalgt"],
     "kvk: error KVK103 --part: 'folkvalgt' is not one of folkevalgt, administrasjon, tillitsvalgt, annet "
     "(did you mean 'folkevalgt'?)"),
    (["person", "ola-hansen", "--parti", "ap"],
     "kvk: error KVK224 --parti: unknown party 'ap' (hint: add it first: kvk org party ap …)"),
    (["body", "bystyret", "--navn", "Bystyret"],
     "kvk: error KVK202 unknown body 'bystyret' (hint: to add a new body, give --navn … --type …)"),
    (["member", "formanskapet", "ola-hansen"],
     "kvk: error KVK202 unknown body 'formanskapet' (did you mean 'formannskapet'?) "
     "(hint: add the body with 'kvk org body ID --navn NAME --type TYPE')"),
    (["member", "formannskapet", "ola-hanssen"],
     "kvk: error KVK201 PERSON: unknown person 'ola-hanssen' (did you mean 'ola-hansen'?) "
     "(hint: add it first: kvk org person ola-hanssen …)"),
    (["member", "formannskapet", "ola-hansen", "--fra", "31.02.2009"],
     "kvk: error KVK104 --fra: '31.02.2009' is not a date: februar 2009 has 28 days"),
    (["member", "formannskapet", "ola-hansen", "--fra", "2010-01-01", "--til", "2009-12-31"],
     "kvk: error KVK110 --til 2009-12-31 is before --fra 2010-01-01 "
     "(hint: a membership ends on or after the day it starts)"),
    (["member", "formannskapet", "ola-hansen", "--ny", "--fra", "2011-01-01"],
     "kvk: error KVK702 ola-hansen is a member of formannskapet in that period already (hint: end that "
     "membership first: kvk org member formannskapet ola-hansen --til DATE, then add the new one with --ny --fra DATE)"),
])
def test_bad_input_is_one_line_with_a_code_and_nothing_is_written(runner, repo, args, message):
    before = tree_bytes(repo)
    result = _run(runner, repo, "org", *args, code=2)
    assert result.stderr.splitlines() == [message]
    assert tree_bytes(repo) == before


def test_a_body_and_its_members(runner, repo):
    _run(runner, repo, "org", "body", "kontrollutvalget", "--navn", "Kontrollutvalget", "--type", "kontrollutvalg")
    _run(runner, repo, "org", "member", "kontrollutvalget", "per-berg", "--rolle", "leder", "--fra", "01.01.2008")
    result = _run(runner, repo, "org", "member", "kontrollutvalget", "ola-hansen")
    assert result.stderr == "  kontrollutvalget: added ola-hansen as medlem\n"
    text = (repo / ORG).read_text(encoding="utf-8")
    assert text.endswith("  - id: kontrollutvalget\n    navn: Kontrollutvalget\n    type: kontrollutvalg\n"
                         "    medlemmer:\n      - {person: per-berg, rolle: leder, fra: 2008-01-01}\n"
                         "      - {person: ola-hansen, rolle: medlem}\n")


def test_a_membership_ends_and_a_new_period_begins(runner, repo):
    assert _run(runner, repo, "org", "member", "formannskapet", "per-berg", "--til", "2011-09-30").stderr == \
        "  formannskapet: per-berg til (empty) -> 2011-09-30\n"
    _run(runner, repo, "org", "member", "formannskapet", "per-berg", "--ny", "--rolle", "leder", "--fra", "2011-10-01")
    text = (repo / ORG).read_text(encoding="utf-8")
    assert "      - {person: per-berg, rolle: medlem, til: 2011-09-30}\n" in text
    assert "      - {person: per-berg, rolle: leder, fra: 2011-10-01}\n" in text
    assert _run(runner, repo, "check").exit_code == 0


def test_a_party_goes_into_a_new_list_and_people_name_it(runner, repo):
    _run(runner, repo, "org", "party", "frp", "--kortnavn", "FrP", "--navn", "Fremskrittspartiet")
    _run(runner, repo, "org", "person", "per-berg", "--parti", "frp")
    text = (repo / ORG).read_text(encoding="utf-8")
    assert text.endswith("partier:\n  - {id: frp, kortnavn: FrP, navn: Fremskrittspartiet}\n")
    assert text.startswith("# people and bodies for the tests\n")


def test_dry_run_shows_a_diff_and_writes_nothing(runner, repo):
    before = tree_bytes(repo)
    result = _run(runner, repo, "org", "person", "per-berg", "--tittel", "Kommunalsjef", "--dry-run")
    assert tree_bytes(repo) == before
    assert result.stdout == (
        "--- a/data/organisasjon.yaml\n+++ b/data/organisasjon.yaml\n@@ -7,6 +7,7 @@\n"
        "     navn: Ola Hansen\n   - id: per-berg\n     navn: Per Berg\n+    tittel: Kommunalsjef\n"
        "   - id: vara-vik\n     navn: Vara Vik\n utvalg:\n")
    assert result.stderr == ("would: person per-berg: tittel (empty) -> Kommunalsjef\n"
                             "dry run: nothing was written\n")


def test_format_json_says_what_was_done(runner, repo):
    out = json.loads(_run(runner, repo, "org", "person", "lise-vik", "--navn", "Lise Vik", "--format", "json").stdout)
    assert out == {"command": "kvk org person", "dry_run": False, "paths": [ORG],
                   "done": ["added person lise-vik, navn: Lise Vik"], "action": "added", "id": "lise-vik"}
    dry = json.loads(_run(runner, repo, "org", "person", "lise-vik", "--tittel", "X", "--dry-run",
                          "--format", "json").stdout)
    assert dry["dry_run"] is True and dry["diff"].startswith("--- a/data/organisasjon.yaml\n")
    failed = json.loads(_run(runner, repo, "org", "person", "lise-vk", "--tittel", "X", "--format", "json",
                             code=2).stdout)
    assert failed["error"]["code"] == "KVK201"
