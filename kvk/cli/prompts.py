"""Asking for what a command needs, one answer at a time, in a terminal only.

Each answer goes through the parser of the option it stands for (``require_person``,
``parse_date_option``, ``parse_choice``, …), so an answer is refused with the same one line,
code and hint ("did you mean") as the option would be, and the question is asked again: one
bad id never throws away what was typed before it. Where the organisation knows the answers
(people, bodies, the members of a body) they are listed with their names and completed with
Tab, through readline where Python has it. Ctrl-C ends the command with exit 130 and an end of
input with exit 2; either way before anything is written, since commands ask for everything
first.

Commands ask only when standard input is a terminal and neither ``--no-input`` nor ``--format
json`` is given; otherwise a missing value is the one-line error it always was.

    asker = Prompter(enabled=interactive(no_input))
    person = asker.need(saksbehandler, "--saksbehandler", _("Saksbehandler (a person's id)"),
                        lambda s: require_person(index, s, "--saksbehandler"), choices=people(index))
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Sequence

from ..diagnostics import KvkError, UsageError, option_error
from ..i18n import _

#: more choices than this are not listed unasked: '?' lists them, Tab completes them
LISTED = 15


@dataclass(frozen=True)
class Choice:
    """An answer the organisation knows: the id to type and what it names."""

    value: str
    label: str = ""


class Interrupted(KvkError):
    """Ctrl-C at a question: the command stops before it has written anything."""

    exit_code = 130


def terminal() -> bool:
    """Is there a person to ask? (Standard input is a terminal.)"""
    return sys.stdin.isatty()


def interactive(no_input: bool) -> bool:
    return not no_input and terminal()


def missing(option: str) -> UsageError:
    return UsageError(_("missing {option} (required; prompting is off with --no-input, --format json "
                        "or outside a terminal)").format(option=option))


def _text(answer: str) -> str:
    return answer


class Prompter:
    """Asks questions and reads the answers; ``read`` and ``say`` are the terminal's unless a
    test gives its own (``read(prompt) -> line``, raising EOFError at the end of input)."""

    def __init__(self, enabled: bool = True, *, read: Callable[[str], str] | None = None,
                 say: Callable[[str], None] | None = None):
        self.enabled = enabled
        self._read = read or _read_line
        self._say = say or _say
        self._offered: set[tuple[str, ...]] = set()  # listed once; '?' lists them again

    def need(self, given: str | None, option: str, question: str, parse: Callable[[str], Any] = _text, *,
             choices: Sequence[Choice] | Callable[[], Sequence[Choice]] = (), default: str | None = None,
             parse_given: bool = True) -> Any:
        """A required value: the option's (through ``parse`` unless ``parse_given`` is off: the
        library checks it), else asked for when prompting is on, else ``default``, else the
        'missing' error."""
        if given is not None:
            return parse(given) if parse_given else given
        if not self.enabled:
            if default is not None:
                return default if not parse_given else parse(default)
            raise missing(option)
        return self.ask(question, parse, option=option, choices=choices, default=default)

    def ask(self, question: str, parse: Callable[[str], Any] = _text, *, option: str,
            choices: Sequence[Choice] | Callable[[], Sequence[Choice]] = (), default: str | None = None,
            optional: bool = False) -> Any:
        """Ask until ``parse`` accepts the answer and return what it returns. An empty answer
        takes ``default``; with ``optional`` it returns None; otherwise it is refused."""
        if callable(choices):
            choices = choices()
        self._offer(choices)
        prompt = question + (f" [{default}]" if default is not None else "") + ": "
        while True:
            try:
                with _completing([c.value for c in choices]):
                    answer = self._read(prompt).strip()
            except KeyboardInterrupt:
                self._say("\n")
                raise Interrupted(_("interrupted; nothing was written")) from None
            except EOFError:
                self._say("\n")
                raise UsageError(_("missing {option}: the input ended before it was answered; nothing was "
                                   "written").format(option=option)) from None
            if answer == "?" and choices:
                self._list(choices)
                continue
            if not answer:
                if default is not None:
                    answer = default
                elif optional:
                    return None
                else:
                    self._refuse(option_error("KVK101", _("{option}: an answer is needed").format(option=option),
                                              _("type '?' to list the choices") if choices else ""))
                    continue
            try:
                return parse(answer)
            except KvkError as err:
                self._refuse(err)

    def _refuse(self, err: KvkError) -> None:
        self._say(f"kvk: {err}\n")

    def _offer(self, choices: Sequence[Choice]) -> None:
        shown = tuple(c.value for c in choices)
        if not choices or shown in self._offered:
            return
        self._offered.add(shown)
        if len(choices) <= LISTED:
            self._list(choices)
        else:
            self._say(_("{n} choices: type the start of an id and press Tab, or '?' to list them").format(
                n=len(choices)) + "\n")

    def _list(self, choices: Sequence[Choice]) -> None:
        if not any(c.label for c in choices):  # a closed set of words: one line
            self._say("  " + ", ".join(c.value for c in choices) + "\n")
            return
        width = max(len(c.value) for c in choices)
        for c in choices:
            self._say(f"  {c.value.ljust(width)}  {c.label}".rstrip() + "\n")


# --- the choices the organisation knows --------------------------------------------------------

def people(index) -> list[Choice]:
    """Every person, with their name and title: 'kari-nordmann  Kari Nordmann, Rådmann'."""
    return [Choice(pid, ", ".join(str(v) for v in (p.navn, p.tittel) if v))
            for pid, p in _first(index.people)]


def bodies(index) -> list[Choice]:
    """Every body, with its name: 'formannskapet  Formannskapet'."""
    return [Choice(bid, str(b.navn)) for bid, b in _first(index.bodies)]


def members(index, body) -> list[Choice]:
    """The members of ``body``, with their names and roles: 'ola-hansen  Ola Hansen (leder)'."""
    seen: dict[str, Choice] = {}
    for m in body.medlemmer:
        if m.person in seen:
            continue
        person = index.person(m.person)
        name = str(person.navn) if person is not None else ""
        seen[m.person] = Choice(m.person, f"{name} ({m.rolle})" if m.rolle else name)
    return list(seen.values())


def values(allowed: Sequence[str]) -> list[Choice]:
    """A closed set of choices (innstilling-fra, målform) as choices without labels."""
    return [Choice(v) for v in allowed]


def _first(table: dict) -> Iterator[tuple[str, Any]]:
    for ident, hits in table.items():
        if hits:
            yield ident, hits[0][2]


# --- the terminal --------------------------------------------------------------------------------

def _say(text: str) -> None:
    sys.stderr.write(text)
    sys.stderr.flush()


def _read_line(prompt: str) -> str:
    """One line from the person at the terminal. On a terminal through readline (line editing,
    ↑ for the previous answer, Tab completion); when standard output goes elsewhere (kvk
    new-case > path.txt) the question goes to standard error, so the output stays clean."""
    if sys.stdin.isatty() and sys.stdout.isatty():
        return input(prompt)
    _say(prompt)
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.rstrip("\r\n")


@contextmanager
def _completing(words: list[str]) -> Iterator[None]:
    """Tab completes ``words`` while a question waits (and nothing else: not file names)."""
    try:
        import readline
    except ImportError:  # Windows without pyreadline: the choices are listed, not completed
        yield
        return
    previous, delimiters = readline.get_completer(), readline.get_completer_delims()

    def complete(text: str, state: int) -> str | None:
        hits = [w for w in words if w.startswith(text)] or [w for w in words if w.lower().startswith(text.lower())]
        return hits[state] if state < len(hits) else None

    readline.set_completer(complete)
    readline.set_completer_delims(" \t\n")  # ids hold '-' and '.'
    if "libedit" in (readline.__doc__ or ""):  # macOS's Python
        readline.parse_and_bind("bind ^I rl_complete")
    else:
        readline.parse_and_bind("tab: complete")
    try:
        yield
    finally:
        readline.set_completer(previous)
        readline.set_completer_delims(delimiters)
