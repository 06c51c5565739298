"""kvk meeting item: an agenda item's status (BE, UT, TB) and kind (type, art) set in the
meeting's record, with the guarantees of every recording command (diff on --dry-run, json,
minutes first for a status, approved minutes only with a correction)."""

from __future__ import annotations

import json

import pytest

from kvk.io.yaml import load_text

from ..authoring_fixtures import CASE_FILE as CASE, MEETING_FILE as MEETING, MEETING_ID as M
from ..authoring_fixtures import kvk as _run, tree_bytes, with_meeting



@pytest.fixture
def repo(tmp_path, runner):
    root = with_meeting(tmp_path / "r", runner)
    return root


def _item(repo) -> dict:
    return load_text((repo / MEETING).read_text(encoding="utf-8"), MEETING).data["saker"][0]


def test_an_item_is_postponed_and_its_case_stays_open(runner, repo):
    _run(runner, repo, "meeting", "status", M, "moeteprotokoll")
    result = _run(runner, repo, "meeting", "item", M, "1/09", "--status", "utsatt")
    assert result.stdout.splitlines() == [str(repo / MEETING)]
    assert result.stderr == "  item 1/09: status (empty) -> UT\n"
    assert _item(repo)["status"] == "UT"
    assert _run(runner, repo, "meeting", "item", M, "2009/1", "--status", "UT").stderr == \
        "  nothing to change: the record says so already\n"
    _run(runner, repo, "meeting", "decide", M, "1/09", "--tekst", "Saken utsettes.", "--type", "utsatt")
    assert "saksstatus: under_behandling" in (repo / CASE).read_text(encoding="utf-8")
    result = _run(runner, repo, "meeting", "item", M, "1/09", "--status", "BE")
    assert result.stderr == "  item 1/09: status UT -> BE\n"
    assert _run(runner, repo, "check").exit_code == 0


def test_the_kind_is_set_on_the_innkalling_too(runner, repo):
    before = (repo / MEETING).read_text(encoding="utf-8")
    result = _run(runner, repo, "meeting", "item", M, "1/09", "--type", "RS", "--art", "Referatsaker")
    assert result.stderr == "  item 1/09: type PS -> RS\n  item 1/09: art (empty) -> referatsaker\n"
    after = (repo / MEETING).read_text(encoding="utf-8")
    assert after == before.replace("    type: PS\n", "    type: RS\n    art: referatsaker\n")


def test_dry_run_and_json(runner, repo):
    _run(runner, repo, "meeting", "status", M, "moeteprotokoll")
    before = tree_bytes(repo)
    result = _run(runner, repo, "meeting", "item", M, "1/09", "--status", "tilbakesendt", "--dry-run")
    assert tree_bytes(repo) == before
    assert result.stdout.startswith(f"--- a/{MEETING}\n+++ b/{MEETING}\n")
    assert "+    status: TB\n" in result.stdout
    assert result.stderr == "would: item 1/09: status (empty) -> TB\ndry run: nothing was written\n"
    out = json.loads(_run(runner, repo, "meeting", "item", M, "1/09", "--status", "TB", "--format", "json").stdout)
    assert out == {"command": "kvk meeting item", "dry_run": False, "paths": [MEETING], "meeting": M,
                   "item": "1/09", "status": "TB", "done": ["item 1/09: status (empty) -> TB"]}


def test_approved_minutes_take_a_status_only_with_a_correction(runner, repo):
    _run(runner, repo, "meeting", "status", M, "moeteprotokoll")
    _run(runner, repo, "meeting", "approve", M, "--dato", "2009-12-04", "--av", "Formannskapet")
    before = tree_bytes(repo)
    result = _run(runner, repo, "meeting", "item", M, "1/09", "--status", "UT", code=2)
    assert result.stderr == (
        f"kvk: {MEETING}: error KVK500 the minutes of {M} were approved on 2009-12-04; they are changed only with "
        "a recorded correction (hint: give --rettelse 'why' --av 'who': kvk adds it to rettelser with the change); "
        "nothing was written\n")
    assert tree_bytes(repo) == before
    _run(runner, repo, "meeting", "item", M, "1/09", "--status", "UT", "--rettelse", "Saken ble utsatt",
         "--av", "Kari Nordmann", "--rettelse-dato", "2009-12-05")
    data = load_text((repo / MEETING).read_text(encoding="utf-8"), MEETING).data
    assert data["rettelser"] == [{"dato": "2009-12-05", "av": "Kari Nordmann", "grunn": "Saken ble utsatt",
                                  "endring": "item 1/09: status (empty) -> UT"}]


@pytest.mark.parametrize("args, message", [
    (["1/09", "--status", "utsatt"],
     f"{MEETING}: error KVK703 {M} is still an innkalling: an item's status belongs in its minutes (hint: make it "
     f"minutes first: kvk meeting status {M} moeteprotokoll (or referat)); nothing was written"),
    (["1/09"], "error KVK101 give what to set: --status, --type or --art"),
    (["1/09", "--status", "usatt"],
     "error KVK103 --status: 'usatt' is not one of behandlet, utsatt, tilbakesendt, sendt_tilbake "
     "(did you mean 'utsatt'?)"),
    (["1/09", "--type", "XS"],
     "error KVK103 --type: 'XS' is not one of PS, RS, DS, FO, orientering, droefting, godkjenning, eventuelt, "
     "interpellasjon, annet"),
    (["9/09", "--type", "RS"],
     f"error KVK213 ITEM: no agenda item '9/09' in {M} (did you mean '1/09'?) (hint: name an item by its number "
     "(1/09))"),
])
def test_refusals(runner, repo, args, message):
    before = tree_bytes(repo)
    result = _run(runner, repo, "meeting", "item", M, *args, code=2)
    assert result.stderr.splitlines() == [f"kvk: {message}"]
    assert tree_bytes(repo) == before


def test_a_vedtak_moves_the_case_with_its_saksgang(runner, tmp_path):
    """The body that decides closes the case (test_meeting); an innstilling leaves it under
    behandling, and puts a case whose saksstatus is empty there."""
    root = with_meeting(tmp_path / "s", runner)
    case = (root / CASE).read_text(encoding="utf-8")
    (root / CASE).write_text(case.replace("saksstatus: under_behandling", "saksstatus:"), encoding="utf-8")
    _run(runner, root, "meeting", "status", M, "moeteprotokoll")
    result = _run(runner, root, "meeting", "decide", M, "1/09", "--som", "innstillingen", "--type", "innstilling")
    assert result.stderr == ("  item 1/09: vedtak as innstillingen\n"
                             "  case 2009/1: saksstatus (empty) -> under_behandling\n")
    assert load_text((root / CASE).read_text(encoding="utf-8"), CASE).data["saksstatus"] == "under_behandling"
