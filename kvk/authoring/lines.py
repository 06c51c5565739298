"""Writing record text by hand, line by line, so new files read like the examples in the docs:
every field present, in model order, with a short comment where a field needs explaining.

The comments are English in the source, marked with ``N_``, and written in the language ``say``
translates to (:func:`kvk.i18n.translator` of :func:`kvk.i18n.file_language`): the repository's
målform, or what the user asked for. Keys and values are never translated."""

from __future__ import annotations

from typing import Callable

from .textedit import scalar

COMMENT_COLUMN = 32


def english(text: str) -> str:
    return text


class Lines:
    def __init__(self, first: str = "", say: Callable[[str], str] = english):
        self.lines: list[str] = [first.rstrip("\n")] if first else []
        self.say = say

    def _said(self, text: str) -> str:
        return self.say(text) if text else text  # gettext("") would be the catalogue's header

    def comment(self, text: str, indent: int = 0, lead: str = "") -> "Lines":
        """A comment line (``lead`` between the ``#`` and the text); a comment of several lines
        is written as several, each at ``indent``."""
        for line in self._said(text).split("\n"):
            self.lines.append(" " * indent + f"# {lead}{line}".rstrip())
        return self

    def field(self, key: str, value: str | None = None, comment: str = "", indent: int = 0,
              *, raw: str | None = None, item: bool = False) -> "Lines":
        """``key: value``; ``raw`` is written as it is (``[]``, ``""``), None leaves it empty;
        ``item`` starts a list entry (``- key: value``) at ``indent``."""
        lead = " " * indent + ("- " if item else "")
        written = raw if raw is not None else ("" if value is None else scalar(value))
        line = f"{lead}{key}:" + (f" {written}" if written else "")
        if comment:
            line = line.ljust(COMMENT_COLUMN - 1) + f" # {self._said(comment)}"
        self.lines.append(line)
        return self

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"
