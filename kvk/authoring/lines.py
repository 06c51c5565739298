"""Writing record text by hand, line by line, so new files read like the examples in the docs:
every field present, in model order, with a short comment where a field needs explaining."""

from __future__ import annotations

from .textedit import scalar

COMMENT_COLUMN = 32


class Lines:
    def __init__(self, first: str = ""):
        self.lines: list[str] = [first.rstrip("\n")] if first else []

    def comment(self, text: str, indent: int = 0) -> "Lines":
        self.lines.append(" " * indent + f"# {text}")
        return self

    def field(self, key: str, value: str | None = None, comment: str = "", indent: int = 0,
              *, raw: str | None = None, item: bool = False) -> "Lines":
        """``key: value``; ``raw`` is written as it is (``[]``, ``""``), None leaves it empty;
        ``item`` starts a list entry (``- key: value``) at ``indent``."""
        lead = " " * indent + ("- " if item else "")
        written = raw if raw is not None else ("" if value is None else scalar(value))
        line = f"{lead}{key}:" + (f" {written}" if written else "")
        if comment:
            line = line.ljust(COMMENT_COLUMN - 1) + f" # {comment}"
        self.lines.append(line)
        return self

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"
