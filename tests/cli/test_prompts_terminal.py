"""The interactive prompts as a person meets them: kvk in a real pseudo-terminal, driven with
pexpect (readline, Tab, Ctrl-C and Ctrl-D as the terminal sends them)."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from kvk.cli import app
from kvk.io.yaml import load_file
from kvk.models import Sak
from kvk.models.validation import validate

from ..authoring_fixtures import small_repo, tree_bytes

pexpect = pytest.importorskip("pexpect")

KVK = str(Path(sys.executable).with_name("kvk"))
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\r")


def spawn(args: list[str], cwd: Path):
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "120", "LINES": "40", "KVK_NO_CACHE": "1"}
    env.pop("KVK_REPO", None)
    child = pexpect.spawn(KVK, args, cwd=str(cwd), env=env, encoding="utf-8", timeout=30, dimensions=(40, 120))
    child.screen = []
    child.logfile_read = _Screen(child.screen)
    return child


class _Screen:
    def __init__(self, parts):
        self.parts = parts

    def write(self, text):
        self.parts.append(text)

    def flush(self):
        pass


def screen(child) -> str:
    return ESCAPES.sub("", "".join(child.screen))


def finish(child) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus if child.exitstatus is not None else 128 + child.signalstatus


@pytest.fixture
def repo(tmp_path):
    return small_repo(tmp_path / "r")


def test_new_case_refuses_a_wrong_person_and_date_asks_again_and_writes_a_clean_case(repo, runner):
    child = spawn(["new-case", "--dato", "2009-11-02"], repo)
    child.expect_exact("Title (tittel): ")
    child.sendline("Budsjett 2010")
    child.expect_exact("Saksbehandler (a person's id): ")
    child.sendline("kari-nordman")
    child.expect_exact("KVK201")
    child.expect_exact("Saksbehandler (a person's id): ")
    child.send("kari-n\t")  # Tab completes the id from the organisation
    child.expect_exact("kari-nordmann")
    child.sendline("")
    child.expect_exact("The body that treats the case first (utvalg): ")
    child.sendline("formannskapet")
    child.expect_exact("Date of formannskapet's meeting (møtedato): ")
    child.sendline("2009-02-30")
    child.expect_exact("KVK104")
    child.expect_exact("Date of formannskapet's meeting (møtedato): ")
    child.sendline("20.11.2009")
    child.expect_exact("(empty: no more): ")
    child.send("komm\t")
    child.expect_exact("kommunestyret")
    child.sendline("")
    child.expect_exact("Date of kommunestyret's meeting (empty: not known yet): ")
    child.sendline("10.12.2009")
    child.expect_exact("(empty: no more): ")
    child.sendline("")
    child.expect_exact("Who makes the innstilling (innstilling-fra): ")
    child.sendline("rådmann")
    assert finish(child) == 0, screen(child)

    shown = screen(child)
    assert ("kvk: error KVK201 --saksbehandler: unknown person 'kari-nordman' (did you mean 'kari-nordmann'?) "
            "(hint: add the person with 'kvk org person ID --navn NAME'; 'kvk list people' lists them)") in shown
    assert "kvk: error KVK104 --moetedato: '2009-02-30' is not a date: februar 2009 has 28 days" in shown
    assert "  kari-nordmann  Kari Nordmann, Rådmann\n" in shown.replace("\r", "")  # the people offered
    assert shown.rstrip().endswith("data/saker/2009/2009-0001-budsjett-2010.yaml")
    case, diags = validate(Sak, load_file(repo / "data/saker/2009/2009-0001-budsjett-2010.yaml"))
    assert diags == []
    assert (case.tittel, case.saksbehandler, case.innstilling.fra) == ("Budsjett 2010", "kari-nordmann", "raadmann")
    assert [(s.utvalg, s.moetedato.isoformat()) for s in case.saksgang] == [
        ("formannskapet", "2009-11-20"), ("kommunestyret", "2009-12-10")]
    check = runner.invoke(app, ["check", "--repo", str(repo)])
    assert check.exit_code == 0 and check.stdout == "", check.output


def test_ctrl_c_at_a_question_stops_with_130_and_nothing_written(repo):
    before = tree_bytes(repo)
    child = spawn(["new-case", "--tittel", "Budsjett 2010"], repo)
    child.expect_exact("Saksbehandler (a person's id): ")
    child.sendline("kari-nordmann")
    child.expect_exact("(utvalg): ")
    child.sendintr()
    assert finish(child) == 130
    assert "kvk: interrupted; nothing was written" in screen(child)
    assert tree_bytes(repo) == before


def test_ctrl_d_at_a_question_stops_with_2_and_nothing_written(repo):
    before = tree_bytes(repo)
    child = spawn(["new-case"], repo)
    child.expect_exact("Title (tittel): ")
    child.sendeof()
    assert finish(child) == 2
    assert "kvk: missing --tittel: the input ended before it was answered; nothing was written" in screen(child)
    assert tree_bytes(repo) == before


def test_init_asks_again_for_a_wrong_maalform(tmp_path, runner):
    child = spawn(["init", "bjugn", "--no-git"], tmp_path)
    child.expect_exact("The organisation's name (e.g. Bjugn kommune): ")
    child.sendline("")  # a name is needed
    child.expect_exact("KVK101")
    child.expect_exact("The organisation's name (e.g. Bjugn kommune): ")
    child.sendline("Bjugn kommune")
    child.expect_exact("[nb]: ")
    child.sendline("nynorsk")
    child.expect_exact("KVK103")
    child.expect_exact("[nb]: ")
    child.sendline("nn")
    assert finish(child) == 0, screen(child)
    assert "kvk: error KVK103 --maalform: 'nynorsk' is not one of nb, nn" in screen(child)
    config = (tmp_path / "bjugn/kvk.yaml").read_text(encoding="utf-8")
    assert "organisasjon: Bjugn kommune" in config and "maalform: nn" in config
    assert runner.invoke(app, ["check", "--repo", str(tmp_path / "bjugn")]).exit_code == 0


def test_meeting_attend_offers_the_members_of_the_body(repo, runner):
    made = runner.invoke(app, ["new-meeting", "--repo", str(repo), "--utvalg", "formannskapet",
                               "--dato", "2009-11-20"])
    assert made.exit_code == 0, made.output
    child = spawn(["meeting", "attend", "2009-11-20-formannskapet", "--grunn", "Syk"], repo)
    child.expect_exact("Who (a person's id): ")
    child.sendline("per-ber")
    child.expect_exact("KVK201")
    child.expect_exact("Who (a person's id): ")
    child.sendline("per-berg")
    child.expect_exact("(empty: no more): ")
    child.sendline("")
    assert finish(child) == 0, screen(child)
    shown = screen(child)
    assert "  ola-hansen     Ola Hansen (leder)\n" in shown and "  vara-vik       Vara Vik (varamedlem)\n" in shown
    assert "kvk: error KVK201 PERSON: unknown person 'per-ber' (did you mean 'per-berg'?)" in shown
    text = (repo / "data/moter/2009/2009-11-20-formannskapet.yaml").read_text(encoding="utf-8")
    assert "forfall" in text and "Syk" in text


def test_org_person_and_body_ask_for_the_id_and_what_a_new_entry_needs(repo, runner):
    child = spawn(["org", "person"], repo)
    child.expect_exact("The person's id (a slug such as kari-nordmann): ")
    child.sendline("Lise Vik")
    child.expect_exact("KVK103")
    child.expect_exact("The person's id (a slug such as kari-nordmann): ")
    child.sendline("lise-vik")
    child.expect_exact("Full name (navn): ")
    child.sendline("")
    child.expect_exact("KVK101")
    child.expect_exact("Full name (navn): ")
    child.sendline("Lise Vik")
    assert finish(child) == 0, screen(child)
    shown = screen(child)
    assert "  kari-nordmann  Kari Nordmann\n" in shown  # the people there are, offered
    assert "kvk: error KVK103 person id: 'Lise Vik' is not an id" in shown
    assert "  added person lise-vik, navn: Lise Vik" in shown

    child = spawn(["org", "body", "kontrollutvalget", "--navn", "Kontrollutvalget"], repo)
    child.expect_exact("Its type: ")
    child.sendline("kontroll")
    child.expect_exact("KVK103")
    child.expect_exact("Its type: ")
    child.send("kontrollu\t")  # Tab completes the type
    child.expect_exact("kontrollutvalg")
    child.sendline("")
    assert finish(child) == 0, screen(child)
    assert "kvk: error KVK103 --type: 'kontroll' is not one of kommunestyre, formannskap" in screen(child)

    child = spawn(["org", "person", "--remove"], repo)  # only the id: an existing one
    child.expect_exact("The person's id (a slug such as kari-nordmann): ")
    child.sendline("lise-vk")
    child.expect_exact("KVK201")
    child.expect_exact("The person's id (a slug such as kari-nordmann): ")
    child.sendline("lise-vik")
    assert finish(child) == 0, screen(child)
    assert "kvk: error KVK201 unknown person 'lise-vk' (did you mean 'lise-vik'?)" in screen(child)
    text = (repo / "data/organisasjon.yaml").read_text(encoding="utf-8")
    assert "lise-vik" not in text and "type: kontrollutvalg" in text
    assert runner.invoke(app, ["check", "--repo", str(repo)]).exit_code == 0


def test_a_proposal_a_vote_and_the_vedtak_asked_for_one_answer_at_a_time(repo, runner):
    from ..authoring_fixtures import case_args

    M = "2009-11-20-formannskapet"
    assert runner.invoke(app, case_args(repo)).exit_code == 0
    for args in (["new-meeting", "--utvalg", "formannskapet", "--dato", "2009-11-20"],
                 ["meeting", "status", M, "moeteprotokoll"], ["meeting", "attend", M, "ola-hansen", "per-berg"]):
        made = runner.invoke(app, [*args, "--repo", str(repo)])
        assert made.exit_code == 0, made.output

    child = spawn(["meeting", "propose", M], repo)
    child.expect_exact("The agenda item (its number): ")
    child.sendline("2/09")
    child.expect_exact("KVK213")
    child.expect_exact("The agenda item (its number): ")
    child.sendline("1/09")
    child.expect_exact("The proposal's text: ")
    child.sendline("Skolen i Nes består.")
    child.expect_exact("(a person's id; empty: not recorded): ")
    child.sendline("per-ber")
    child.expect_exact("KVK201")
    child.expect_exact("(a person's id; empty: not recorded): ")
    child.sendline("per-berg")
    assert finish(child) == 0, screen(child)
    shown = screen(child)
    assert "  1/09  Budsjett 2010\n" in shown  # the items offered
    assert "kvk: error KVK213 ITEM: no agenda item '2/09' in 2009-11-20-formannskapet (did you mean '1/09'?)" in shown
    assert "  ola-hansen     Ola Hansen (leder)\n" in shown  # the members of the body
    assert "  item 1/09: proposal 1 by per-berg" in shown

    child = spawn(["meeting", "vote", M, "1/09"], repo)
    child.expect_exact("Voted over (innstillingen or a proposal's id) [innstillingen]: ")
    child.sendline("2")
    child.expect_exact("KVK222")
    child.expect_exact("[innstillingen]: ")
    child.sendline("1")
    child.expect_exact("Votes for (a number, or enstemmig): ")
    child.sendline("fem")
    child.expect_exact("KVK103")
    child.expect_exact("Votes for (a number, or enstemmig): ")
    child.sendline("1")
    child.expect_exact("Votes against: ")
    child.sendline("1")
    child.expect_exact("Blank votes (empty: none): ")
    child.sendline("")
    assert finish(child) == 0, screen(child)
    shown = screen(child)
    assert "  1              Skolen i Nes består.\n" in shown  # the item's proposals offered
    assert "kvk: error KVK103 --for: 'fem' is not a number of votes (hint: write a whole number: 0, 5, 12)" in shown

    child = spawn(["meeting", "decide", M, "1/09"], repo)
    child.expect_exact("empty: type the vedtak's text): ")
    child.sendline("")
    child.expect_exact("The vedtak's text: ")
    child.sendline("Skolen i Nes legges ned.")
    assert finish(child) == 0, screen(child)
    item = load_file(repo / f"data/moter/2009/{M}.yaml").data["saker"][0]
    assert item["forslag"] == [{"id": "1", "fremmet_av": "per-berg", "tekst": "Skolen i Nes består."}]
    assert item["votering"] == [{"over": "1", "for": "1", "mot": "1"}]
    assert item["vedtak"] == {"tekst": "Skolen i Nes legges ned."}
    check = runner.invoke(app, ["check", "--repo", str(repo)])
    assert check.exit_code == 0, check.output
