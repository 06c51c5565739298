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
from ..i18n import N_, _
from ..io.yaml import Loc, Source, load_text

# text that YAML reads back unchanged as a plain string, never as a key, comment or flow marker
_PLAIN = re.compile(r"^[\w(][\w .,()/&+–'-]*$")
_PLAIN_WORDS = re.compile(r"^[^\s:#\[\]{},&*!|>'\"%@`?-][^:#\[\]{}]*$")


def scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain where that is safe, else double-quoted (JSON string
    syntax is valid YAML)."""
    text = str(value)
    if text and text == text.strip() and "\n" not in text and "\t" not in text and (
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
        """The refusal of an edit at ``loc``; ``why`` is marked with N_ where it is given."""
        line, _col = self.source.locate(loc)
        return KvkError(f"{self.source.path}:{line}: " + _(
            "cannot update '{field}' automatically ({why}); edit the file by hand").format(
                field=_dotted(loc), why=_(why)))

    def _colon_after_key(self, loc: Loc) -> int:
        kline, kcol, *_ = self.positions[loc]
        start = self.offset(kline, kcol)
        key = str(loc[-1])
        if self.text.startswith(key, start) and self.text.startswith(":", start + len(key)):
            return start + len(key)
        raise self.refuse(loc, N_("the key is quoted or unusual"))

    def value_span(self, loc: Loc) -> tuple[int, int]:
        """Offsets of the written value at ``loc``; only one-line scalars can be edited."""
        old = self.source.get(loc)
        _, _, vline, vcol, style = self.positions[loc]
        if old is None:
            colon = self._colon_after_key(loc)
            return colon + 1, colon + 1
        if not isinstance(old, str):
            raise self.refuse(loc, N_("it is a list or mapping"))
        start = self.offset(vline, vcol)
        line_end = self.text.find("\n", start)
        line_end = len(self.text) if line_end < 0 else line_end
        if style is None:
            if self.text.startswith(old, start):
                return start, start + len(old)
            raise self.refuse(loc, N_("the value spans several lines"))
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
            raise self.refuse(loc, N_("the quoted value spans several lines"))
        raise self.refuse(loc, N_("it is a block of text"))

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


    # --- structured changes ---------------------------------------------------------------

    def expand(self, op) -> list | None:
        """The simpler operations ``op`` stands for here, or None when it is applied as it is."""
        loc = tuple(op.loc)
        data = self.source.data
        if isinstance(op, Remove):
            parent = self.source.get(loc[:-1])
            if not isinstance(parent, list) or not isinstance(loc[-1], int):
                raise self.refuse(loc, N_("only a list entry can be removed"))
            if len(parent) == 1:  # the last entry: the list stays, empty
                return [Set(loc[:-1], [], replace=True)]
            return None
        if isinstance(op, Append):
            old = self.source.get(loc)
            if loc not in self.positions or old is None or old == [] or old == "ingen":
                return [Set(loc, [op.value], op.order, replace=old == "ingen", block=op.block)]
            if not isinstance(old, list):
                raise self.refuse(loc, N_("it is not a list"))
            return None
        if loc and loc not in self.positions:
            parent = self.source.get(loc[:-1]) if loc[:-1] else data
            if loc[:-1] and (loc[:-1] not in self.positions):
                return [Set(loc[:-1], {loc[-1]: op.value}, op.order)]
            if parent is None or parent == {}:
                return [Set(loc[:-1], {loc[-1]: op.value}, op.order, replace=True)]
            if not isinstance(parent, dict):
                raise self.refuse(loc, N_("there is no mapping to add it to"))
            return None
        old = self.source.get(loc)
        if isinstance(op.value, dict) and isinstance(old, dict) and old and not op.replace:
            return [Set(loc + (k,), v, op.order) for k, v in op.value.items()]
        return None

    def apply(self, op) -> str:
        loc = tuple(op.loc)
        if isinstance(op, Remove):
            return self._remove(loc)
        if isinstance(op, Append):
            return self._append(loc, op.value, op.block)
        if loc not in self.positions:
            return self._add_key(loc, op.value, op.order, op.block)
        return self._replace(loc, op.value, op.replace, op.block)

    def _spliced(self, start: int, end: int, replacement: str) -> str:
        return self.text[:start] + replacement + self.text[end:]

    def _line_end(self, offset: int) -> int:
        end = self.text.find("\n", offset)
        return len(self.text) if end < 0 else end

    def _value_start(self, loc: Loc) -> int:
        _, _, vline, vcol, _ = self.positions[loc]
        return self.offset(vline, vcol)

    def _is_flow(self, loc: Loc) -> bool:
        return self.text[self._value_start(loc):self._value_start(loc) + 1] in ("[", "{")

    def _flow_close(self, loc: Loc) -> int:
        """The offset of the bracket that closes the flow collection at ``loc``."""
        i = self._value_start(loc)
        depth, quote = 0, None
        while i < len(self.text):
            ch = self.text[i]
            if quote:
                if quote == '"' and ch == "\\":
                    i += 1
                elif ch == quote:
                    if quote == "'" and self.text.startswith("''", i):
                        i += 1
                    else:
                        quote = None
            elif ch in "'\"":
                quote = ch
            elif ch in "[{":
                depth += 1
            elif ch in "]}":
                depth -= 1
                if depth == 0:
                    return i
            elif ch == "#" and self.text[i - 1] in " \t":
                raise self.refuse(loc, N_("a comment inside [ ] or { }"))
            i += 1
        raise self.refuse(loc, N_("the [ ] or { } is not closed"))

    def _owner(self, loc: Loc) -> tuple[int, int]:
        """(line, column) of what a value belongs to: its key, or the dash of a list entry."""
        if isinstance(loc[-1], str):
            kline, kcol, *_ = self.positions[loc]
            return kline, kcol
        line, col, *_ = self.positions[loc]
        dash = self.text.rfind("-", self.starts[line], self.offset(line, col))
        if dash < 0 or self.text[dash + 1:self.offset(line, col)].strip():
            raise self.refuse(loc, N_("the list entry is written in an unusual way"))
        return line, dash - self.starts[line]

    def _end_of(self, loc: Loc) -> int:
        """The offset at the end of the last line the value at ``loc`` (and its key) takes."""
        line, col = self._owner(loc)
        value = self.source.get(loc)
        list_at_column = isinstance(loc[-1], str) and isinstance(value, list)
        lines = self.text.split("\n")
        last = line
        _, _, vline, _, _ = self.positions[loc]
        last = max(last, vline)
        for j in range(max(line, vline) + 1, len(lines)):
            stripped = lines[j].strip()
            if not stripped or stripped.startswith("#"):
                continue
            indent = len(lines[j]) - len(lines[j].lstrip(" "))
            if indent > col or (list_at_column and indent == col and (stripped == "-" or stripped.startswith("- "))):
                last = j
                continue
            break
        return self._line_end(self.starts[last]) if last < len(self.starts) else len(self.text)

    def _replace(self, loc: Loc, value: Any, replace: bool, block: bool = False) -> str:
        old = self.source.get(loc)
        if isinstance(value, str) and "\n" not in value and (old is None or isinstance(old, str)) and (
                not replace or self.positions[loc][4] not in ("|", ">")):
            change = self.set(loc, value)
            return self._spliced(change.start, change.end, change.replacement)
        if not loc or not isinstance(loc[-1], str):
            raise self.refuse(loc, N_("only a value after a key can be replaced"))
        colon = self._colon_after_key(loc)
        key_line, key_col = self._owner(loc)
        if old is None:
            start = end = colon + 1
        elif isinstance(old, (dict, list)) and (not old or self._is_flow(loc)):
            start, end = colon + 1, self._flow_close(loc) + 1
        elif isinstance(old, str) and self.positions[loc][4] not in ("|", ">"):
            start, end = self.value_span(loc)
            start = colon + 1
        elif replace:
            start, end = colon + 1, self._end_of(loc)
        else:
            raise self.refuse(loc, N_("it is a list or mapping") if isinstance(old, (dict, list))
                              else N_("it is a block of text"))
        lines = entry_lines(str(loc[-1]), value, key_col, block)
        head = lines[0][len(str(loc[-1])) + 1:]  # after 'key:'
        if len(lines) == 1:
            return self._spliced(start, end, head)
        # a block: the key's line keeps what follows the old value (a comment), the block comes after
        rest_end = self._line_end(end)
        tail = self.text[end:rest_end]
        first = head.rstrip()
        return self.text[:start] + first + tail + "\n" + "\n".join(lines[1:]) + self.text[rest_end:]

    def _add_key(self, loc: Loc, value: Any, order: tuple[str, ...], block: bool = False) -> str:
        parent_loc, key = loc[:-1], str(loc[-1])
        parent = self.source.get(parent_loc) if parent_loc else self.source.data
        if parent_loc and self._is_flow(parent_loc):
            written = flow(value)
            if written is None:
                raise self.refuse(loc, N_("text of several lines cannot go inside { }"))
            close = self._flow_close(parent_loc)
            return self._spliced(close, close, f", {key}: {written}")
        keys = list(parent)
        after = keys[-1]
        if key in order:
            before = [k for k in keys if k in order and order.index(k) < order.index(key)]
            if before:
                after = before[-1]  # the last, as the file has them, of the keys that come before it
        sibling = parent_loc + (after,)
        _, kcol = self._owner(sibling)
        end = self._end_of(sibling)
        lines = entry_lines(key, value, kcol, block)
        return self._spliced(end, end, "\n" + " " * kcol + "\n".join(lines))

    def _remove(self, loc: Loc) -> str:
        """Take out the lines of one entry of a block list (its dash line and the lines below
        it); a comment on the lines around it stays where it was."""
        if self._is_flow(loc[:-1]):
            raise self.refuse(loc, N_("the list is written inside [ ]"))
        line, dash = self._owner(loc)
        if self.text[self.starts[line]:self.starts[line] + dash].strip():
            raise self.refuse(loc, N_("the list entry shares its line with something else"))
        end = self._end_of(loc)
        return self._spliced(self.starts[line], min(end + 1, len(self.text)), "")

    def _append(self, loc: Loc, value: Any, block: bool = False) -> str:
        old = self.source.get(loc)
        if self._is_flow(loc):
            written = flow(value)
            if written is None:
                raise self.refuse(loc, N_("text of several lines cannot go inside [ ]"))
            close = self._flow_close(loc)
            return self._spliced(close, close, f", {written}")
        last = loc + (len(old) - 1,)
        _, dash = self._owner(last)
        end = self._end_of(last)
        return self._spliced(end, end, "\n" + "\n".join(item_lines(value, dash, block)))


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
    return change(source, [Set(loc, value) for loc, value in values.items()])


# --- structured changes: values, lists and mappings ----------------------------------------------

@dataclass(frozen=True)
class Set:
    """Give the value at ``loc`` (a string, or a mapping or list of them). A mapping given for
    a mapping is merged key by key; a key that is missing is added after the key before it in
    ``order`` (the model's field order), else at the end of its mapping. ``replace``: the value
    may replace a list or mapping written as a block."""

    loc: Loc
    value: Any
    order: tuple[str, ...] = ()
    replace: bool = False
    block: bool = False  # write the entries of a new list as blocks, never on one line


@dataclass(frozen=True)
class Append:
    """Add ``value`` as the last entry of the list at ``loc`` (made when it is missing or empty)."""

    loc: Loc
    value: Any
    order: tuple[str, ...] = ()
    block: bool = False  # write the entry as a block ('- id: …' and a line per field), never on one line


@dataclass(frozen=True)
class Remove:
    """Take out the entry at ``loc`` (a list and a position in it); the last entry leaves the
    list empty (``[]``)."""

    loc: Loc
    value: Any = None


#: a flow value longer than this is written as a block
FLOW_WIDTH = 100


def change(source: Source, operations: list) -> str:
    """The text of ``source`` with ``operations`` (:class:`Set`, :class:`Append`) applied, each
    at the positions the loader gives; comments, order and formatting elsewhere stay as they
    were. The result is loaded again and compared with what was intended: any other difference
    refuses the change (a KvkError: edit the file by hand)."""
    expected = copy.deepcopy(source.data)
    pending = [_clean(op) for op in operations]
    current = source
    text = _Editor(source).text
    while pending:
        op = pending.pop(0)
        editor = _Editor(current)
        expanded = editor.expand(op)
        if expanded is not None:
            pending[:0] = expanded
            continue
        _expect(expected, op)
        text = editor.apply(op)
        try:
            current = load_text(text, source.path, track=True)
        except RecordError as err:
            raise KvkError(f"{source.path}: " + _("the automatic edit would break the file ({why}); edit it by "
                                                  "hand").format(why=err.diagnostic.message)) from None
    if current.data != expected:
        raise KvkError(f"{source.path}: " + _("the automatic edit would change more than intended; edit it by hand"))
    return text


def _clean(op):
    """Leave out what is not given (None) from a mapping or list to be written."""
    return type(op)(**{**op.__dict__, "value": _without_none(op.value)})


def _without_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value if v is not None]
    return value


def _expect(data: Any, op) -> None:
    loc = tuple(op.loc)
    parent = data
    for part in loc[:-1]:
        parent = parent[part]
    key = loc[-1]
    if isinstance(op, Remove):
        del parent[key]
        return
    if isinstance(op, Append):
        old = parent.get(key) if isinstance(parent, dict) else parent[key]
        parent[key] = (old if isinstance(old, list) else []) + [copy.deepcopy(op.value)]
    else:
        parent[key] = copy.deepcopy(op.value)


def _flow_scalar(value: str) -> str | None:
    if "\n" in value:
        return None
    written = scalar(value)
    if not written.startswith('"') and any(c in written for c in ",[]{}"):
        written = json.dumps(value, ensure_ascii=False)
    return written


def flow(value: Any) -> str | None:
    """``value`` on one line in YAML's flow style, or None when it cannot be (text of several lines)."""
    if isinstance(value, str):
        return _flow_scalar(value)
    if isinstance(value, dict):
        parts = []
        for k, v in value.items():
            inner = flow(v)
            if inner is None:
                return None
            parts.append(f"{k}: {inner}")
        return "{" + ", ".join(parts) + "}"
    if isinstance(value, list):
        parts = [flow(v) for v in value]
        return None if any(p is None for p in parts) else "[" + ", ".join(parts) + "]"
    raise TypeError(f"cannot write {type(value).__name__}")


def _short_flow(value: Any, room: int) -> str | None:
    """The flow form when it fits in ``room`` columns and reads well on one line: scalars,
    lists of scalars, and mappings of scalars (a list of mappings is a block)."""
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        return None
    if isinstance(value, dict) and any(isinstance(v, dict) or (isinstance(v, list) and any(
            isinstance(x, (dict, list)) for x in v)) for v in value.values()):
        return None
    written = flow(value)
    return written if written is not None and len(written) <= room else None


def _text_block(value: str, indent: int) -> list[str] | None:
    """A literal block (``|``, ``|-``) for text of several lines, or None when YAML could not
    give the text back exactly that way."""
    body = value[:-1] if value.endswith("\n") else value
    if not body or body.endswith("\n") or body[0] in " \t" or "\r" in value or body != body.rstrip("\n"):
        return None
    header = "|" if value.endswith("\n") else "|-"
    return [header] + [(" " * indent + line) if line.strip() else "" for line in body.split("\n")]


def entry_lines(key: str, value: Any, indent: int, block: bool = False) -> list[str]:
    """``key: value`` in a block mapping at ``indent``, as lines (the first without indent)."""
    if isinstance(value, str):
        block = _text_block(value, indent + 2) if "\n" in value else None
        if block is not None:
            return [f"{key}: {block[0]}", *block[1:]]
        return [f"{key}: {scalar(value)}"]
    short = None if block and isinstance(value, list) else _short_flow(value, FLOW_WIDTH - indent - len(key) - 2)
    if short is not None and value:
        return [f"{key}: {short}"]
    if not value:
        return [f"{key}: {'{}' if isinstance(value, dict) else '[]'}"]
    return [f"{key}:", *block_lines(value, indent + 2, block)]


def block_lines(value: Any, indent: int, block: bool = False) -> list[str]:
    """A mapping or list as block lines at ``indent`` (each line with its indent)."""
    pad = " " * indent
    out: list[str] = []
    if isinstance(value, dict):
        for k, v in value.items():
            lines = entry_lines(k, v, indent)
            out.append(pad + lines[0])
            out.extend(lines[1:])
        return out
    for item in value:
        out.extend(item_lines(item, indent, block))
    return out


def item_lines(item: Any, indent: int, block: bool = False) -> list[str]:
    """One list entry (``- …``) with its dash at ``indent``."""
    pad = " " * indent
    if isinstance(item, str):
        block = _text_block(item, indent + 2) if "\n" in item else None
        if block is not None:
            return [f"{pad}- {block[0]}", *block[1:]]
        return [f"{pad}- {scalar(item)}"]
    short = None if block and item else _short_flow(item, FLOW_WIDTH - indent - 2)
    if short is not None or not item:
        return [f"{pad}- {short if short is not None else flow(item)}"]
    if isinstance(item, list):
        return [f"{pad}-", *block_lines(item, indent + 2)]
    inner = block_lines(item, indent + 2)
    return [f"{pad}- {inner[0].lstrip()}", *inner[1:]]
