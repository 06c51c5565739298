"""The prompt function with a fake terminal: each answer goes through the option's own parser,
a refusal is the option's one line with its code and hint, and the question comes again."""

from __future__ import annotations

import pytest

from kvk.authoring.context import parse_choice, parse_date_option, parse_time_option, require_body, require_person
from kvk.cli.prompts import Choice, Interrupted, Prompter, bodies, members, people
from kvk.diagnostics import UsageError
from kvk.repository import Repository, Scope

from ..authoring_fixtures import small_repo


class Terminal:
    """Answers given in turn; what was asked and said is kept as the screen would show it."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.screen = ""

    def read(self, prompt: str) -> str:
        self.screen += prompt
        if not self.answers:
            raise EOFError
        answer = self.answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        self.screen += answer + "\n"
        return answer

    def say(self, text: str) -> None:
        self.screen += text

    def prompter(self) -> Prompter:
        return Prompter(read=self.read, say=self.say)


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    root = small_repo(tmp_path_factory.mktemp("org"))
    return Repository.open(explicit=str(root)).load_index(Scope.organisation())


def test_a_wrong_person_is_refused_with_its_code_and_asked_again(index):
    term = Terminal("kari-nordman", "kari-nordmann")
    got = term.prompter().ask("Saksbehandler", lambda s: require_person(index, s, "--saksbehandler"),
                              option="--saksbehandler", choices=people(index))
    assert got == "kari-nordmann"
    assert term.screen == (
        "  kari-nordmann  Kari Nordmann, Rådmann\n"
        "  ola-hansen     Ola Hansen\n"
        "  per-berg       Per Berg\n"
        "  vara-vik       Vara Vik\n"
        "Saksbehandler: kari-nordman\n"
        "kvk: error KVK201 --saksbehandler: unknown person 'kari-nordman' (did you mean 'kari-nordmann'?) "
        "(hint: add the person with 'kvk org person ID --navn NAME'; 'kvk list people' lists them)\n"
        "Saksbehandler: kari-nordmann\n")


def test_a_wrong_body_then_the_right_one(index):
    term = Terminal("formanskapet", "formannskapet")
    got = term.prompter().ask("Utvalg", lambda s: require_body(index, s, "--utvalg").id, option="--utvalg",
                              choices=bodies(index))
    assert got == "formannskapet"
    assert "kvk: error KVK202 --utvalg: unknown body 'formanskapet' (did you mean 'formannskapet'?)" in term.screen
    assert term.screen.count("Utvalg: ") == 2
    assert term.screen.startswith("  formannskapet  Formannskapet\n  kommunestyret  Kommunestyret\n")


@pytest.mark.parametrize("wrong, line", [
    ("2009-02-30", "kvk: error KVK104 --moetedato: '2009-02-30' is not a date: februar 2009 has 28 days"),
    ("i morgen", "kvk: error KVK104 --moetedato: 'i morgen' is not a date (hint: write dates as 2009-10-30 or "
                 "30.10.2009)"),
])
def test_a_wrong_date_is_refused_and_asked_again(wrong, line):
    term = Terminal(wrong, "20.11.2009")
    got = term.prompter().ask("Møtedato", lambda s: parse_date_option(s, "--moetedato"), option="--moetedato")
    assert got.isoformat() == "2009-11-20"
    assert term.screen == f"Møtedato: {wrong}\n{line}\nMøtedato: 20.11.2009\n"


def test_a_wrong_time_and_a_wrong_choice():
    term = Terminal("25:00", "13.15")
    assert term.prompter().ask("Start", lambda s: parse_time_option(s, "--start"), option="--start").hour == 13
    assert "kvk: error KVK105 --start: " in term.screen
    term = Terminal("raadman", "rådmann")
    allowed = ("raadmann", "ordfoerer", "utvalg")
    got = term.prompter().ask("Innstilling fra", lambda s: parse_choice(s, allowed, "--innstilling-fra"),
                              option="--innstilling-fra", choices=[Choice(v) for v in allowed])
    assert got == "raadmann"
    assert term.screen.splitlines() == [
        "  raadmann, ordfoerer, utvalg",
        "Innstilling fra: raadman",
        "kvk: error KVK103 --innstilling-fra: 'raadman' is not one of raadmann, ordfoerer, utvalg "
        "(did you mean 'raadmann'?)",
        "Innstilling fra: rådmann"]


def test_an_empty_answer_is_refused_takes_the_default_or_ends_an_optional_question():
    term = Terminal("", "Bjugn kommune")
    assert term.prompter().ask("Navn", option="--organisasjon") == "Bjugn kommune"
    assert "kvk: error KVK101 --organisasjon: an answer is needed\n" in term.screen
    term = Terminal("")
    assert term.prompter().ask("Målform", option="--maalform", default="nb") == "nb"
    assert term.screen == "Målform [nb]: \n"
    assert Terminal("").prompter().ask("Another", option="--utvalg", optional=True) is None


def test_need_takes_the_option_asks_only_when_enabled_and_else_is_missing(index):
    parse = lambda s: require_person(index, s, "--saksbehandler")  # noqa: E731
    term = Terminal("ola-hansen")
    off = Prompter(False, read=term.read, say=term.say)
    assert off.need("per-berg", "--saksbehandler", "Who", parse) == "per-berg"
    with pytest.raises(UsageError, match="KVK201"):
        off.need("nobody", "--saksbehandler", "Who", parse)  # a given value is checked, never asked again
    assert off.need("nobody", "--saksbehandler", "Who", parse, parse_given=False) == "nobody"  # the library checks
    with pytest.raises(UsageError) as err:
        off.need(None, "--saksbehandler", "Who", parse)
    assert str(err.value) == ("missing --saksbehandler (required; prompting is off with --no-input, --format json "
                              "or outside a terminal)")
    assert off.need(None, "--maalform", "Målform", default="nb") == "nb"
    assert term.screen == ""  # nothing asked
    assert term.prompter().need(None, "--saksbehandler", "Who", parse) == "ola-hansen"


def test_end_of_input_and_ctrl_c_stop_the_command():
    with pytest.raises(UsageError) as err:
        Terminal().prompter().ask("Tittel", option="--tittel")
    assert str(err.value) == "missing --tittel: the input ended before it was answered; nothing was written"
    with pytest.raises(Interrupted) as stopped:
        Terminal(KeyboardInterrupt()).prompter().ask("Tittel", option="--tittel")
    assert stopped.value.exit_code == 130 and str(stopped.value) == "interrupted; nothing was written"


def test_many_choices_are_not_listed_unasked_and_question_mark_lists_them():
    many = [Choice(f"person-{i:02d}", f"Person {i}") for i in range(40)]
    term = Terminal("?", "person-07")
    assert term.prompter().ask("Hvem", option="PERSON", choices=many) == "person-07"
    lines = term.screen.splitlines()
    assert lines[0] == "40 choices: type the start of an id and press Tab, or '?' to list them"
    assert lines[1] == "Hvem: ?" and lines[2] == "  person-00  Person 0" and len(lines) == 1 + 1 + 40 + 1


def test_the_same_choices_are_listed_once(index):
    term = Terminal("formannskapet", "")
    asker = term.prompter()
    asker.ask("Utvalg", option="--utvalg", choices=bodies(index))
    asker.ask("Another", option="--utvalg", choices=bodies(index), optional=True)
    assert term.screen.count("  kommunestyret  Kommunestyret") == 1


def test_members_of_a_body_with_their_roles(index):
    assert [(c.value, c.label) for c in members(index, index.body("formannskapet"))] == [
        ("ola-hansen", "Ola Hansen (leder)"), ("per-berg", "Per Berg (medlem)"),
        ("vara-vik", "Vara Vik (varamedlem)"), ("kari-nordmann", "Kari Nordmann (sekretaer)")]


def test_tab_completes_the_choices_while_a_question_waits():
    readline = pytest.importorskip("readline")
    seen = {}

    def read(prompt):
        complete = readline.get_completer()
        seen["kari"] = [complete("kari", i) for i in range(2)]
        seen["k"] = [complete("k", i) for i in range(3)]
        seen["delims"] = readline.get_completer_delims()
        return "kari-nordmann"

    before = readline.get_completer()
    choices = [Choice("kari-nordmann"), Choice("kommunestyret"), Choice("ola-hansen")]
    Prompter(read=read, say=lambda text: None).ask("Hvem", option="PERSON", choices=choices)
    assert seen["kari"] == ["kari-nordmann", None]
    assert seen["k"] == ["kari-nordmann", "kommunestyret", None]
    assert "-" not in seen["delims"]  # an id is one word
    assert readline.get_completer() is before  # put back after the question
