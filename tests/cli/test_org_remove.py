"""kvk org … --remove: an entry leaves the organisation's file with its lines (comments and the
rest kept), and is refused (KVK704, exit 2, nothing written) while a case, a meeting or a
membership still names it, at the first place that does; ending a membership is never refused."""

from __future__ import annotations

import json

import pytest


from ..authoring_fixtures import CASE_FILE as CASE, MEETING_FILE as MEETING, MEETING_ID as M
from ..authoring_fixtures import kvk as _run, tree_bytes, with_meeting

ORG = "data/organisasjon.yaml"


@pytest.fixture
def repo(tmp_path, runner):
    """A case in the formannskapet's meeting, where per-berg met."""
    root = with_meeting(tmp_path / "r", runner)
    _run(runner, root, "meeting", "status", M, "moeteprotokoll")
    _run(runner, root, "meeting", "attend", M, "per-berg")
    _run(runner, root, "org", "party", "frp", "--kortnavn", "FrP")
    return root


def _org(repo) -> str:
    return (repo / ORG).read_text(encoding="utf-8")


def test_a_person_no_record_names_goes_with_their_lines(runner, repo):
    _run(runner, repo, "org", "member", "formannskapet", "vara-vik", "--remove")
    before = _org(repo)
    result = _run(runner, repo, "org", "person", "vara-vik", "--remove")
    assert result.stdout.strip().endswith(ORG)
    assert result.stderr == "  removed person vara-vik\n"
    assert _org(repo) == before.replace("  - id: vara-vik\n    navn: Vara Vik\n", "")
    assert _org(repo).startswith("# people and bodies for the tests\n")
    assert _run(runner, repo, "check").exit_code == 0


def test_a_membership_is_removed_or_ended(runner, repo):
    result = _run(runner, repo, "org", "member", "formannskapet", "vara-vik", "--remove")
    assert result.stderr == "  formannskapet: removed vara-vik (varamedlem)\n"
    assert "vara-vik, rolle" not in _org(repo)
    # per-berg met in the meeting: the membership is ended, never refused
    result = _run(runner, repo, "org", "member", "formannskapet", "per-berg", "--til", "2011-09-30")
    assert result.stderr == "  formannskapet: per-berg til (empty) -> 2011-09-30\n"
    assert "      - {person: per-berg, rolle: medlem, til: 2011-09-30}\n" in _org(repo)
    assert _run(runner, repo, "check").exit_code == 0


def test_a_body_goes_with_its_members_and_a_party_alone(runner, repo):
    _run(runner, repo, "org", "member", "kommunestyret", "ola-hansen")
    assert _run(runner, repo, "org", "body", "kommunestyret", "--remove").stderr == "  removed body kommunestyret\n"
    assert "kommunestyret" not in _org(repo)
    assert _run(runner, repo, "org", "party", "frp", "--remove").stderr == "  removed party frp\n"
    assert _org(repo).endswith("partier: []\n")
    assert _run(runner, repo, "check").exit_code == 0


@pytest.mark.parametrize("args, message", [
    (["person", "per-berg", "--remove"],
     f"{MEETING}:21:13: error KVK704 cannot remove person 'per-berg': deltakere[1].person names it; so does "
     f"{ORG} (hint: the records keep the people they name: to say that per-berg has left, end their memberships "
     "with kvk org member BODY per-berg --til DATE); nothing was written"),
    (["person", "kari-nordmann", "--remove"],
     f"{MEETING}:28:11: error KVK704 cannot remove person 'kari-nordmann': referent names it; so do {CASE}, {ORG} "
     "(hint: the records keep the people they name: to say that kari-nordmann has left, end their memberships "
     "with kvk org member BODY kari-nordmann --til DATE); nothing was written"),
    (["person", "vara-vik", "--remove"],
     f"{ORG}:19:18: error KVK704 cannot remove person 'vara-vik': utvalg[0].medlemmer[2].person names it (hint: the "
     "records keep the people they name: to say that vara-vik has left, end their memberships with kvk org member "
     "BODY vara-vik --til DATE); nothing was written"),
    (["body", "formannskapet", "--remove"],
     f"{MEETING}:2:9: error KVK704 cannot remove body 'formannskapet': utvalg names it; so does {CASE} (hint: the "
     "records keep the bodies they name: a body that no longer meets stays in the organisation; end its "
     "memberships with kvk org member formannskapet PERSON --til DATE); nothing was written"),
    (["member", "formannskapet", "per-berg", "--remove"],
     f"{MEETING}:21:13: error KVK704 cannot remove the membership of per-berg in formannskapet: deltakere[1].person "
     "in a meeting of the body in that period names them (hint: end it instead, so the minutes keep who sat "
     "there: kvk org member formannskapet per-berg --til DATE); nothing was written"),
    (["party", "frp", "--remove"], None),  # see below: a person names it
    (["person", "per-bergh", "--remove"],
     "error KVK201 unknown person 'per-bergh' (did you mean 'per-berg'?) (hint: 'kvk list people' lists them)"),
    (["party", "fpr", "--remove"],
     f"error KVK224 unknown party 'fpr' (did you mean 'frp'?) (hint: {ORG} lists them)"),
    (["member", "kommunestyret", "per-berg", "--remove"],
     "error KVK201 per-berg is not a member of kommunestyret (hint: 'kvk show kommunestyret' lists its members)"),
    (["member", "formannskapet", "per-berg", "--remove", "--fra", "2009-01-01"],
     "error KVK201 --fra: no membership of per-berg in formannskapet starts on 2009-01-01 "
     "(hint: theirs start on: - ('-': not stated; leave out --fra))"),
    (["person", "ola-hansen", "--remove", "--navn", "Ola"],
     "error KVK101 --remove takes no other options (given: --navn)"),
    (["member", "formannskapet", "ola-hansen", "--remove", "--til", "2010-01-01"],
     "error KVK101 --remove takes no other options (given: --til)"),
])
def test_refusals_are_one_line_and_nothing_is_written(runner, repo, args, message):
    if message is None:
        _run(runner, repo, "org", "person", "ola-hansen", "--parti", "frp")
        message = (f"{ORG}:8:12: error KVK704 cannot remove party 'frp': personer[1].parti names it (hint: give the "
                   "people of the party another one first (kvk org person ID --parti PARTY); votes that name it keep "
                   "it); nothing was written")
    before = tree_bytes(repo)
    result = _run(runner, repo, "org", *args, code=2)
    assert result.stderr.splitlines() == [f"kvk: {message}"]
    assert tree_bytes(repo) == before


def test_dry_run_shows_the_lines_that_go_and_json_says_what_was_done(runner, repo):
    before = tree_bytes(repo)
    result = _run(runner, repo, "org", "member", "formannskapet", "vara-vik", "--remove", "--dry-run")
    assert tree_bytes(repo) == before
    assert result.stdout == (
        f"--- a/{ORG}\n+++ b/{ORG}\n@@ -16,7 +16,6 @@\n     medlemmer:\n       - {{person: ola-hansen, rolle: leder}}\n"
        "       - {person: per-berg, rolle: medlem}\n-      - {person: vara-vik, rolle: varamedlem}\n"
        "       - {person: kari-nordmann, rolle: sekretaer}\n   - id: kommunestyret\n     navn: Kommunestyret\n")
    assert result.stderr == "would: formannskapet: removed vara-vik (varamedlem)\ndry run: nothing was written\n"
    out = json.loads(_run(runner, repo, "org", "member", "formannskapet", "vara-vik", "--remove", "--format",
                          "json").stdout)
    assert out == {"command": "kvk org member", "dry_run": False, "paths": [ORG], "action": "removed",
                   "body": "formannskapet", "person": "vara-vik",
                   "done": ["formannskapet: removed vara-vik (varamedlem)"]}
    failed = json.loads(_run(runner, repo, "org", "person", "per-berg", "--remove", "--format", "json",
                             code=2).stdout)
    assert failed["error"]["code"] == "KVK704"
    assert (failed["error"]["path"], failed["error"]["line"]) == (MEETING, 21)


def test_two_periods_need_fra_to_say_which(runner, repo):
    _run(runner, repo, "org", "member", "kommunestyret", "ola-hansen", "--til", "2007-12-31", "--fra", "2003-10-01")
    _run(runner, repo, "org", "member", "kommunestyret", "ola-hansen", "--ny", "--fra", "2008-01-01")
    result = _run(runner, repo, "org", "member", "kommunestyret", "ola-hansen", "--remove", code=2)
    assert result.stderr == ("kvk: error KVK702 ola-hansen has 2 memberships of kommunestyret; kvk cannot tell "
                             "which one to remove (hint: say which with --fra DATE: the day it starts)\n")
    _run(runner, repo, "org", "member", "kommunestyret", "ola-hansen", "--remove", "--fra", "2008-01-01")
    assert "{person: ola-hansen, rolle: medlem, fra: 2003-10-01, til: 2007-12-31}" in _org(repo)
    assert "2008-01-01" not in _org(repo)


@pytest.mark.parametrize("args, gone", [
    (["person", "lise-vik"], "-  - id: lise-vik\n-    navn: Lise Vik\n"),
    (["body", "kommunestyret"], "-  - id: kommunestyret\n-    navn: Kommunestyret\n-    type: kommunestyre\n"),
    (["party", "frp"], "-  - {id: frp, kortnavn: FrP}\n"),
])
def test_each_removal_has_its_diff_and_json(runner, repo, args, gone):
    _run(runner, repo, "org", "person", "lise-vik", "--navn", "Lise Vik")
    before = tree_bytes(repo)
    result = _run(runner, repo, "org", *args, "--remove", "--dry-run")
    assert tree_bytes(repo) == before
    assert result.stdout.startswith(f"--- a/{ORG}\n+++ b/{ORG}\n") and gone in result.stdout
    what = args[0]
    assert result.stderr == f"would: removed {what} {args[1]}\ndry run: nothing was written\n"
    out = json.loads(_run(runner, repo, "org", *args, "--remove", "--format", "json").stdout)
    assert out == {"command": f"kvk org {args[0]}", "dry_run": False, "paths": [ORG], "action": "removed",
                   "id": args[1], "done": [f"removed {what} {args[1]}"]}
    assert args[1] not in _org(repo)
