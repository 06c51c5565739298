"""kvk meeting attend|propose|vote|decide|status|approve|correct through the CLI: what each
writes, where, and what it refuses (one line, a code, a hint, exit 2, nothing written)."""

from __future__ import annotations

import json

import pytest

from kvk.authoring import recording
from kvk.diagnostics import WriteError
from kvk.io.yaml import load_text
from kvk.repository import Repository

from ..authoring_fixtures import CASE_FILE as CASE, MEETING_FILE as MEETING, MEETING_ID as M
from ..authoring_fixtures import kvk as _run, small_repo, tree_bytes, with_meeting


@pytest.fixture
def repo(tmp_path, runner):
    return with_meeting(tmp_path / "r", runner)


@pytest.fixture
def minutes(repo, runner):
    _run(runner, repo, "meeting", "status", M, "moeteprotokoll")
    return repo


def _data(repo):
    return load_text((repo / MEETING).read_text(encoding="utf-8"), MEETING).data


def _who(repo, pid):
    return next(d for d in _data(repo)["deltakere"] if d["person"] == pid)


def test_new_meeting_takes_time_place_number_and_kind(runner, tmp_path):
    root = small_repo(tmp_path / "n")
    _run(runner, root, "new-meeting", "--utvalg", "formannskapet", "--dato", "2009-11-20", "--start", "9.00",
         "--slutt", "14:30", "--moetested", "Bjugn rådhus", "--rom", "Salen", "--moetenummer", "7/2009",
         "--dokumenttype", "møteprotokoll")
    text = (root / MEETING).read_text(encoding="utf-8")
    assert 'start: "09:00"\nslutt: "14:30"\nmoetested: Bjugn rådhus\nrom: Salen\nmoetenummer: 7/2009\n' in text
    assert "dokumenttype: moeteprotokoll" in text
    result = _run(runner, root, "new-meeting", "--utvalg", "formannskapet", "--dato", "2009-11-21",
                  "--start", "25:00", code=2)
    assert result.stderr == "kvk: error KVK105 --start: '25:00' is not a time of day (hint: write times as 13:15 or 13.15)\n"


def test_status_makes_minutes_a_draft(runner, repo):
    result = _run(runner, repo, "meeting", "status", M, "moeteprotokoll")
    assert result.stderr == "  dokumenttype innkalling -> moeteprotokoll\n  protokollstatus (empty) -> utkast\n"
    assert _data(repo)["protokollstatus"] == {"status": "utkast"}
    assert "dokumenttype: moeteprotokoll        # innkalling; referat or moeteprotokoll after the meeting\n" in \
        (repo / MEETING).read_text(encoding="utf-8")


def test_attendance(runner, minutes):
    _run(runner, minutes, "meeting", "attend", M, "ola-hansen")
    assert _who(minutes, "ola-hansen")["oppmoete"] == "moett"
    result = _run(runner, minutes, "meeting", "attend", M, "per-berg", "--grunn", "Syk")
    assert result.stderr == "  per-berg: oppmoete (empty) -> forfall\n  per-berg: forfall_grunn (empty) -> (given)\n"
    assert _who(minutes, "per-berg") == {"person": "per-berg", "rolle": "medlem", "oppmoete": "forfall",
                                         "forfall_grunn": "Syk"}
    _run(runner, minutes, "meeting", "attend", M, "vara-vik", "--for", "per-berg", "--kom", "13:45")
    assert _who(minutes, "vara-vik") == {"person": "vara-vik", "oppmoete": "moett", "rolle": "varamedlem",
                                         "moette_for": "per-berg", "hendelser": [{"hva": "kom", "kl": "13:45"}]}
    _run(runner, minutes, "meeting", "attend", M, "ola-hansen", "--forlot", "1/09", "--under", "--permisjon")
    _run(runner, minutes, "meeting", "attend", M, "kari-nordmann", "--inhabil", "2009/1", "--hjemmel", "fvl. § 6")
    assert _who(minutes, "ola-hansen")["hendelser"] == [{"hva": "forlot", "under": "1/09", "permisjon": "ja"}]
    assert _who(minutes, "kari-nordmann")["inhabil_i"] == [{"sak": "1/09", "hjemmel": "fvl. § 6"}]
    assert _run(runner, minutes, "check").exit_code == 0


def test_proposal_vote_and_vedtak(runner, minutes):
    result = _run(runner, minutes, "meeting", "propose", M, "1/09", "--tekst", "Utsettes.", "--type",
                  "utsettelsesforslag", "--fremmet-av", "per-berg", "--id", "berg-utsettelse")
    assert result.stderr == "  item 1/09: proposal berg-utsettelse by per-berg\n"
    _run(runner, minutes, "meeting", "vote", M, "1/09", "--over", "berg-utsettelse", "--for", "1", "--mot", "1",
         "--resultat", "falt", "--kl", "14.05")
    _run(runner, minutes, "meeting", "attend", M, "vara-vik", "--for", "per-berg")
    result = _run(runner, minutes, "meeting", "vote", M, "1/09", "--ja", "ola-hansen", "--nei", "vara-vik")
    assert result.stderr == "  item 1/09: vote over innstillingen: roll call of 2\n"  # a tie: no result guessed
    result = _run(runner, minutes, "meeting", "decide", M, "2009/1", "--som", "innstillingen")
    assert result.stderr == ("  item 1/09: vedtak as innstillingen\n"
                             "  case 2009/1: saksstatus under_behandling -> avsluttet\n")
    item = _data(minutes)["saker"][0]
    assert item["votering"][0] == {"over": "berg-utsettelse", "kl": "14:05", "resultat": "falt", "for": "1", "mot": "1"}
    assert item["votering"][1]["stemmer"][1] == {"person": "vara-vik", "stemme": "nei"}
    assert item["vedtak"] == {"som": "innstillingen"}
    assert result.stdout.splitlines() == [str(minutes / MEETING), str(minutes / CASE)]


@pytest.mark.parametrize("args, message", [
    (["attend", M, "per-bergh"],
     "error KVK201 PERSON: unknown person 'per-bergh' (did you mean 'per-berg'?) "
     "(hint: add the person with 'kvk org person ID --navn NAME')"),
    (["attend", "2009-11-20-formanskapet", "per-berg"],
     f"error KVK302 unknown meeting 2009-11-20-formanskapet: no file data/moter/2009/2009-11-20-formanskapet.yaml "
     f"(did you mean '{M}'?) (hint: make it with kvk new-meeting --utvalg BODY --dato DATE)"),
    (["attend", M, "per-berg", "--kom", "3/09"],
     "error KVK213 --kom: no agenda item '3/09' in 2009-11-20-formannskapet (did you mean '1/09'?) "
     "(hint: name an item by its number (1/09))"),
    (["attend", M, "per-berg", "--oppmoete", "borte"],
     "error KVK103 --oppmoete: 'borte' is not one of moett, forfall, ikke_moett, permisjon, fravaer"),
    (["vote", M, "1/09", "--over", "1", "--for", "2"],
     "error KVK222 --over: item 1/09 has no proposal '1' (hint: name a forslag id of the item (innstillingen))"),
    (["vote", M, "1/09", "--for", "4"],
     f"{MEETING}: error KVK208 item 1/09: 4 votes but only 2 voting members present "
     "(hint: check the vote count and who was present); nothing was written"),
    (["vote", M, "1/09", "--kl", "kvart over ett", "--enstemmig"],
     "error KVK105 --kl: 'kvart over ett' is not a time of day (hint: write times as 13:15 or 13.15)"),
    (["vote", M, "1/09"],
     "error KVK101 a vote needs --enstemmig, counts (--for, --mot, --blankt) or a roll call (--ja, --nei, --blank)"),
    (["approve", M, "--dato", "i går", "--av", "Formannskapet"],
     "error KVK104 --dato: 'i går' is not a date (hint: write dates as 2009-10-30 or 30.10.2009)"),
    (["decide", M, "1/09"],
     "error KVK101 give the vedtak's --tekst, or --som: the proposal adopted (innstillingen or a forslag id)"),
])
def test_bad_input_is_one_line_with_a_code_and_nothing_is_written(runner, minutes, args, message):
    before = tree_bytes(minutes)
    result = _run(runner, minutes, "meeting", *args, code=2)
    assert result.stderr.splitlines() == [f"kvk: {message}"]
    assert tree_bytes(minutes) == before


def test_a_vote_by_someone_absent_is_refused(runner, minutes):
    _run(runner, minutes, "meeting", "attend", M, "per-berg", "--oppmoete", "forfall")
    result = _run(runner, minutes, "meeting", "vote", M, "1/09", "--ja", "per-berg", code=2)
    assert result.stderr == (f"kvk: {MEETING}: error KVK216 per-berg voted in item 1/09 but was not present at it "
                             "(oppmoete: forfall) (hint: fix the roll call, or the participant's oppmoete, "
                             "til_stede_fra or til_stede_til); nothing was written\n")


def test_decisions_need_minutes(runner, repo):
    result = _run(runner, repo, "meeting", "decide", M, "1/09", "--tekst", "Vedtatt.", code=2)
    assert result.stderr == (f"kvk: {MEETING}: error KVK703 {M} is still an innkalling: a vedtak belongs in "
                             f"its minutes (hint: make it minutes first: kvk meeting status {M} moeteprotokoll "
                             "(or referat)); nothing was written\n")


def test_a_vedtak_is_not_replaced_without_force(runner, minutes):
    _run(runner, minutes, "meeting", "decide", M, "1/09", "--tekst", "Vedtatt.")
    result = _run(runner, minutes, "meeting", "decide", M, "1/09", "--tekst", "Annet.", code=2)
    assert "error KVK702 item 1/09 has a vedtak already (hint: give --force to replace it)" in result.stderr
    _run(runner, minutes, "meeting", "decide", M, "1/09", "--tekst", "Annet\nmed to linjer.", "--force")
    assert _data(minutes)["saker"][0]["vedtak"] == {"tekst": "Annet\nmed to linjer."}


def test_approved_minutes_change_only_with_a_correction(runner, minutes):
    _run(runner, minutes, "meeting", "attend", M, "ola-hansen", "per-berg")
    result = _run(runner, minutes, "meeting", "approve", M, "--dato", "2009-12-04", "--av", "Formannskapet")
    assert result.stderr == "  protokollstatus utkast -> godkjent (Formannskapet, 2009-12-04)\n"
    again = _run(runner, minutes, "meeting", "approve", M, "--dato", "2009-12-04", "--av", "Formannskapet", code=2)
    assert "error KVK702 the minutes of 2009-11-20-formannskapet were approved on 2009-12-04 already" in again.stderr
    before = tree_bytes(minutes)
    refused = _run(runner, minutes, "meeting", "attend", M, "vara-vik", code=2)
    assert refused.stderr == (
        f"kvk: {MEETING}: error KVK500 the minutes of {M} were approved on 2009-12-04; they are changed only with "
        "a recorded correction (hint: give --rettelse 'why' --av 'who': kvk adds it to rettelser with the change); "
        "nothing was written\n")
    assert tree_bytes(minutes) == before
    _run(runner, minutes, "meeting", "attend", M, "vara-vik", "--rettelse", "Glemt", "--av", "Kari Nordmann",
         "--rettelse-dato", "2009-12-05")
    _run(runner, minutes, "meeting", "correct", M, "--grunn", "Skrivefeil", "--av", "Kari", "--dato", "2009-12-06",
         "--endring", "Navn rettet")
    assert _data(minutes)["rettelser"] == [
        {"dato": "2009-12-05", "av": "Kari Nordmann", "grunn": "Glemt", "endring": "vara-vik: added to deltakere, oppmoete moett"},
        {"dato": "2009-12-06", "av": "Kari", "grunn": "Skrivefeil", "endring": "Navn rettet"}]


def test_minutes_with_errors_are_not_approved(runner, minutes):
    text = (minutes / MEETING).read_text(encoding="utf-8").replace("    oppmoete:\n", "    oppmoete: forfall\n", 1)
    text = text.replace("    saksbehandler: kari-nordmann\n", "    saksbehandler: kari-nordmann\n"
                        "    votering: [{stemmer: [{person: ola-hansen, stemme: ja}]}]\n")
    (minutes / MEETING).write_text(text, encoding="utf-8")
    result = _run(runner, minutes, "meeting", "approve", M, "--dato", "2009-12-04", "--av", "F", code=2)
    assert "error KVK216 ola-hansen voted in item 1/09 but was not present at it" in result.stderr
    assert result.stderr.endswith("; approved minutes cannot be changed silently: fix it first\n")


def test_dry_run_and_json(runner, minutes):
    before = tree_bytes(minutes)
    result = _run(runner, minutes, "meeting", "attend", M, "ola-hansen", "--dry-run")
    assert tree_bytes(minutes) == before
    assert f"--- a/{MEETING}\n+++ b/{MEETING}\n" in result.stdout
    assert "-    oppmoete:\n+    oppmoete: moett\n" in result.stdout
    out = json.loads(_run(runner, minutes, "meeting", "vote", M, "1/09", "--enstemmig", "--format", "json").stdout)
    assert out == {"command": "kvk meeting vote", "dry_run": False, "paths": [MEETING],
                   "done": ["item 1/09: vote over innstillingen: enstemmig, vedtatt"], "meeting": M,
                   "item": "1/09", "over": "innstillingen", "resultat": "vedtatt"}


def test_an_edit_made_while_kvk_works_is_not_overwritten(minutes, monkeypatch):
    """KVK701: the file changed between kvk reading it and writing it (an editor saved it)."""
    repo = Repository.open(explicit=str(minutes))
    path = minutes / MEETING
    original = recording.Meeting.__init__
    edited = {}

    def read_then_someone_edits(self, *args, **kwargs):
        original(self, *args, **kwargs)
        edited["text"] = path.read_text(encoding="utf-8") + "# a hand edit\n"
        path.write_text(edited["text"], encoding="utf-8")

    monkeypatch.setattr(recording.Meeting, "__init__", read_then_someone_edits)
    with pytest.raises(WriteError) as err:
        recording.attend(repo, M, ["ola-hansen"])
    assert err.value.diagnostics[0].code == "KVK701"
    assert str(err.value) == (f"{MEETING}:1:1: error KVK701 {MEETING} was changed by someone else after kvk read "
                              "it; nothing was written (hint: someone changed the file while kvk worked on it (an "
                              "editor, a hand edit): run the command again, it reads the file as it is now)")
    assert path.read_text(encoding="utf-8") == edited["text"]  # the hand edit is kept, kvk's change is not made
    assert not list(path.parent.glob(".*"))  # and no temporary file is left behind
