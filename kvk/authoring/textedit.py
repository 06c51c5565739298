"""Change single values in a record file without touching anything else.

A round-trip YAML library would re-indent, re-quote and reorder what people wrote by hand. Here
the loader's source positions say where a value sits, only those characters are replaced, and
the result is loaded again and compared with what was intended: if anything else changed, the
edit is refused rather than written.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from typing import Any

from ..diagnostics import KvkError, RecordError
from ..io.yaml import Loc, Source, load_text

# text that YAML reads back unchanged as a plain string, never as a key, comment or flow marker
_PLAIN = re.compile(r"^[\w(][\w .,()/&+–'-]*$")
_PLAIN_WORDS = re.compile(r"^[^\s:#\[\]{},&*!|>'\"%@`?-][^:#\[\]{}]*$")


def scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain where that is safe, else double-quoted (JSON string
    syntax is valid YAML)."""
    text = str(value)
    if text and text == text.strip() and "\n" not in text and (
            _PLAIN.match(text) or _PLAIN_WORDS.match(text)) and not text.endswith(":"):
        return text
    return json.dumps(text, ensure_ascii=False)


@dataclass(frozen=True)
class Change:
    start: int  # character offsets into the text
    end: int
    replacement: str


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts


class _Editor:
    def __init__(self, source: Source):
        self.source = source
        self.positions = source.position_table()  # first: it reloads the text of a detached source
        self.text = source.text
        self.starts = _line_starts(self.text)

    def offset(self, line: int, col: int) -> int:
        return self.starts[line] + col

    def refuse(self, loc: Loc, why: str) -> KvkError:
        line, _ = self.source.locate(loc)
        return KvkError(f"{self.source.path}:{line}: cannot update '{_dotted(loc)}' automatically ({why}); "
                        f"edit the file by hand")

    def _colon_after_key(self, loc: Loc) -> int:
        kline, kcol, *_ = self.positions[loc]
        start = self.offset(kline, kcol)
        key = str(loc[-1])
        if self.text.startswith(key, start) and self.text.startswith(":", start + len(key)):
            return start + len(key)
        raise self.refuse(loc, "the key is quoted or unusual")

    def value_span(self, loc: Loc) -> tuple[int, int]:
        """Offsets of the written value at ``loc``; only one-line scalars can be edited."""
        old = self.source.get(loc)
        _, _, vline, vcol, style = self.positions[loc]
        if old is None:
            colon = self._colon_after_key(loc)
            return colon + 1, colon + 1
        if not isinstance(old, str):
            raise self.refuse(loc, "it is a list or mapping")
        start = self.offset(vline, vcol)
        line_end = self.text.find("\n", start)
        line_end = len(self.text) if line_end < 0 else line_end
        if style is None:
            if self.text.startswith(old, start):
                return start, start + len(old)
            raise self.refuse(loc, "the value spans several lines")
        if style in ("'", '"'):
            i = start + 1
            while i < line_end:
                ch = self.text[i]
                if style == '"' and ch == "\\":
                    i += 2
                    continue
                if ch == style:
                    if style == "'" and self.text.startswith("''", i):
                        i += 2
                        continue
                    return start, i + 1
                i += 1
            raise self.refuse(loc, "the quoted value spans several lines")
        raise self.refuse(loc, "it is a block of text")

    def set(self, loc: Loc, value: str) -> Change:
        start, end = self.value_span(loc)
        written = scalar(value)
        if start == end:  # an empty value: 'key:' becomes 'key: value'
            written = " " + written
        return Change(start, end, written)

    def add_after(self, sibling: Loc, key: str, value: str) -> Change:
        """A new ``key: value`` right after the one-line value of ``sibling`` in the same mapping."""
        kline, kcol, *_ = self.positions[sibling]
        key_start = self.offset(kline, kcol)
        before = self.text[self.starts[kline]:key_start]
        _, end = self.value_span(sibling)
        if before.strip() == "" or before.rstrip().endswith("-"):  # block mapping
            line_end = self.text.find("\n", end)
            line_end = len(self.text) if line_end < 0 else line_end
            indent = " " * kcol
            return Change(line_end, line_end, f"\n{indent}{key}: {scalar(value)}")
        return Change(end, end, f", {key}: {scalar(value)}")  # flow mapping: {utvalg: x, …}


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _assign(data: Any, loc: Loc, value: Any) -> None:
    for part in loc[:-1]:
        data = data[part]
    data[loc[-1]] = value


def edit(source: Source, values: dict[Loc, str]) -> str:
    """The text of ``source`` with the scalar at each loc set to its new value. A loc whose key
    is missing is added after the previous key of its mapping. The result is verified by loading
    it again; any other difference refuses the edit."""
    editor = _Editor(source)
    changes: list[Change] = []
    expected = copy.deepcopy(source.data)
    for loc, value in values.items():
        loc = tuple(loc)
        if loc in editor.positions:
            changes.append(editor.set(loc, value))
        else:
            parent = source.get(loc[:-1])
            if not isinstance(parent, dict) or not parent:
                raise editor.refuse(loc, "there is no mapping to add it to")
            last = list(parent)[-1]
            changes.append(editor.add_after(loc[:-1] + (last,), str(loc[-1]), value))
        _assign(expected, loc, value)
    text = editor.text
    for change in sorted(changes, key=lambda c: c.start, reverse=True):
        text = text[:change.start] + change.replacement + text[change.end:]
    try:
        again = load_text(text, source.path)
    except RecordError as err:
        raise KvkError(f"{source.path}: the automatic edit would break the file "
                       f"({err.diagnostic.message}); edit it by hand") from None
    if again.data != expected:
        raise KvkError(f"{source.path}: the automatic edit would change more than intended; edit it by hand")
    return text
