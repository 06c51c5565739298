"""Strict YAML loading with source positions: the only place kvk turns bytes into values.

Records are read as YAML events and built into plain ``dict``/``list``/``str`` values by hand,
which is both faster than PyYAML's constructors and stricter:

* every scalar stays a string (``no``, ``0301``, ``2008/628``, ``07`` arrive as written); only an
  empty plain value becomes ``None``. Models parse dates, numbers and booleans.
* duplicate keys, anchors/aliases, tags, several documents, non-UTF-8 bytes, links that leave
  the repository and absurd nesting are refused, each with its own diagnostic.
* every key and value keeps its line and column, so a later error can point at it.

The C parser (libyaml) is used where PyYAML was built with it; the pure-Python parser is the
fallback and produces the same values and diagnostics.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from ..diagnostics import Diagnostic, RecordError
from ..i18n import N_, _
from .files import read_record_bytes

MAX_DEPTH = 40
HAVE_LIBYAML = bool(getattr(yaml, "__with_libyaml__", False))

Loc = tuple[str | int, ...]
#: key line, key column, value line, value column (0-based), value style (None = plain)
Pos = tuple[int, int, int, int, str | None]


class _Retrack(Exception):
    """The fast path met something it cannot describe exactly: build again with positions."""


@dataclass
class Source:
    """A loaded record file: its values and where each of them was written.

    Positions are built on demand: checking a clean repository never needs one, and building
    them for every value costs as much as parsing. The first call that needs a position parses
    the text again (or reads the file again, after :meth:`detach`)."""

    path: str  # as shown in diagnostics: relative to the repository root
    data: dict[str, Any]
    positions: dict[Loc, Pos] | None = field(default=None, repr=False)
    text: str = field(default="", repr=False)
    _file: str | Path | None = field(default=None, repr=False)  # to read again for positions
    _partial: dict[Loc, Pos] | None = field(default=None, repr=False)  # positions up to some place

    def detach(self, file: Path) -> None:
        """Drop positions and text to make the source cheap to keep or send between processes;
        a position needed later comes from reading the file again."""
        self.positions = None
        self._partial = None
        self.text = ""
        self._file = file

    def position_table(self) -> dict[Loc, Pos]:
        """Every position in the record (built on first use; read again after :meth:`detach`)."""
        if self.positions is None:
            try:
                self.positions = load_text(self._text(), self.path, track=True).positions
            except (RecordError, TypeError, OSError):
                # the file changed under our feet: no position is better than a wrong one
                self.positions = {}
        return self.positions

    def _text(self) -> str:
        if not self.text:
            self.text = decode(read_record_bytes(self._file, self.path), self.path)
        return self.text

    def _positions_for(self, loc: Loc) -> dict[Loc, Pos]:
        """Positions that include ``loc`` if the record has it: the text is parsed again only
        as far as ``loc`` (most findings point near the top of a file: at an id, a saksnr, an
        indicator's first lines), and to the end only for a place the record does not have."""
        if self.positions is not None:
            return self.positions
        if self._partial is not None:
            if loc in self._partial:
                return self._partial
            return self.position_table()  # a second place further on: parse it all, once
        try:
            table, complete = track_until(self._text(), self.path, loc)
        except (RecordError, TypeError, OSError):
            self.positions = {}
            return self.positions
        if complete:
            self.positions = table
        else:
            self._partial = table
        return table

    def locate(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """1-based line and column of the value at ``loc`` (or of its key), or of the nearest
        enclosing value that exists when ``loc`` points at something missing."""
        loc = tuple(loc)
        positions = self._positions_for(loc)
        while loc:
            pos = positions.get(loc)
            if pos is not None:
                return (pos[0] + 1, pos[1] + 1) if key else (pos[2] + 1, pos[3] + 1)
            loc = loc[:-1]
        return 1, 1

    def locate_in_text(self, loc: Loc, offset: int) -> tuple[int, int]:
        """Position of character ``offset`` inside the text value at ``loc``: exact for literal
        blocks (``|``), the value's start otherwise (folded text has no stable columns)."""
        pos = self.position_table().get(tuple(loc))
        value = self.get(loc)
        if pos is None:
            return self.locate(loc)
        if pos[4] != "|" or not isinstance(value, str):
            return pos[2] + 1, pos[3] + 1
        before = value[:offset]
        line = pos[2] + 2 + before.count("\n")  # content starts on the line after '|'
        lines = self.text.splitlines()
        indent = 0
        if line - 1 < len(lines):
            indent = len(lines[line - 1]) - len(lines[line - 1].lstrip(" "))
        return line, indent + len(before) - (before.rfind("\n") + 1) + 1

    def get(self, loc: Loc, default: Any = None) -> Any:
        value: Any = self.data
        for part in loc:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return default
        return value


def _too_deep() -> str:
    return _("nesting deeper than {depth} levels").format(depth=MAX_DEPTH)


def _diag(code: str, path: str, line: int, col: int, message: str, hint: str | None = None):
    return RecordError(Diagnostic.make(code, path, line, col, message, hint))


def decode(raw: bytes, display: str) -> str:
    """UTF-8 (with or without BOM) to text; anything else is refused, naming the byte."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line_start = raw.rfind(b"\n", 0, err.start) + 1
        if line_start == 0 and raw.startswith(b"\xef\xbb\xbf"):
            line_start = 3  # the BOM is not a column
        line = raw.count(b"\n", 0, err.start) + 1
        col = len(raw[line_start:err.start].decode("utf-8", "replace")) + 1
        byte = raw[err.start]
        guess = bytes([byte]).decode("cp1252", "replace")
        raise _diag(
            "KVK002", display, line, col,
            (_("byte {byte} at line {line}, column {col} is not UTF-8 (in Windows-1252/Latin-1 it would be "
               "'{guess}')") if guess != "\ufffd" else _("byte {byte} at line {line}, column {col} is not UTF-8")
             ).format(byte=f"0x{byte:02x}", line=line, col=col, guess=guess),
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


# libyaml and PyYAML word some problems differently; kvk says the same thing for both
_PROBLEMS = {
    "mapping values are not allowed in this context": "mapping values are not allowed here",
    "found character '\\t' that cannot start any token": "found a tab, which cannot start any token",
}


def _syntax_hint(problem: str, char: str) -> str:
    if "mapping values are not allowed" in problem:
        return _("text containing ': ' must be in quotes, or written as a block (key: |)")
    if char == "\t":
        return _("indent with spaces, not tabs")
    if ("expected ',' or ']'" in problem or "expected ',' or '}'" in problem) and char == "?":
        return _("inside [ ] or { }, text with a '?' must be in quotes: {tittel: \"Hva nå??\"}")
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        return _("a '[' or '{' is never closed; text that starts with '[' or '{' must be in quotes")
    if "cannot start any token" in problem:
        return _("text starting with '*', '@', '%', '`' or '!' must be in quotes")
    if "control character" in problem:
        return _("remove the control character (often pasted from a word processor)")
    return _("check the indentation and quoting on this line and the one before it")


#: the parsers' words for the problems records meet most, with what varies in them, to be said
#: in the user's language; any other problem is shown as the parser words it (English)
_SAID = [
    (re.compile(r"mapping values are not allowed here$"), N_("mapping values are not allowed here")),
    (re.compile(r"found a tab, which cannot start any token$"), N_("found a tab, which cannot start any token")),
    (re.compile(r"found character '(?P<char>.+)' that cannot start any token$"),
     N_("found character '{char}' that cannot start any token")),
    (re.compile(r"expected ',' or '(?P<close>[]}])', but got '(?P<found>.*)'$"),
     N_("expected ',' or '{close}', but got '{found}'")),
    (re.compile(r"expected <block end>, but found '(?P<found>.*)'$"),
     N_("expected <block end>, but found '{found}'")),
    (re.compile(r"could not find expected ':'$"), N_("could not find expected ':'")),
    (re.compile(r"found unexpected end of stream$"), N_("found unexpected end of stream")),
    (re.compile(r"control character (?P<code>U\+[0-9A-F]+) is not allowed in YAML text$"),
     N_("control character {code} is not allowed in YAML text")),
    (re.compile(r"invalid YAML$"), N_("invalid YAML")),
]


def _problem(problem: str) -> str:
    for pattern, said in _SAID:
        found = pattern.match(problem)
        if found is not None:
            return _(said).format(**found.groupdict())
    return problem


def _position_of(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _syntax_error(err: yaml.YAMLError, text: str, display: str) -> RecordError:
    mark = getattr(err, "problem_mark", None)
    char = ""
    if mark is not None:
        line, col = mark.line + 1, mark.column + 1
        problem = err.problem or "invalid YAML"
        index = getattr(mark, "index", None)
        if index is not None and 0 <= index < len(text):
            char = text[index]
        if char == "\t" and "cannot start any token" in problem:
            problem = "found a tab, which cannot start any token"
    elif hasattr(err, "position"):  # ReaderError: a character index, not a line
        line, col = _position_of(text, err.position)
        code = err.character if isinstance(err.character, int) else ord(err.character)
        problem = f"control character U+{code:04X} is not allowed in YAML text"
    else:
        line, col, problem = 1, 1, str(err)
    problem = _PROBLEMS.get(problem, problem)
    return _diag("KVK001", display, line, col, _("invalid YAML: {problem}").format(problem=_problem(problem)),
                 _syntax_hint(problem, char))


def _parser(text: str, use_c: bool):
    if use_c:
        return yaml.cyaml.CParser(text)
    return yaml.SafeLoader(text)


#: Where libyaml and PyYAML read the same text differently, the pure-Python parser decides, so
#: both paths give one result. They disagree about tabs outside quotes and blocks ('a: 1<tab>',
#: 'a:<tab>x', 'x<tab>y' in a plain value: libyaml reads them, PyYAML refuses them), about a
#: BOM after the start and the Unicode line separators, and about a comment glued to a block
#: header ('|#'). Such files are rare in records: they are only parsed more slowly.
_GLUED_COMMENT = re.compile(r"[|>][-+0-9]*#")


def _python_decides(text: str) -> bool:
    # each test is a single-character search; for a character above the text's widest one
    # (most records are Latin-1 text) it is answered without a scan. A '?' inside [ ] or { }
    # ('{tittel: Hva nå??}') ends a plain value for PyYAML, not for libyaml: such text is
    # refused by both, with a hint to quote it.
    return ("\t" in text or "\ufeff" in text or "\u2028" in text or "\u2029" in text or "\x85" in text
            or ("#" in text and _GLUED_COMMENT.search(text) is not None)
            or ("?" in text and ("{" in text or "[" in text)))


#: what a double-quoted value may not hold once its escapes are read: C0 controls other than
#: tab and line end, DEL, C1 controls and lone surrogates (which no file can encode and every
#: output would fail on). Only escapes can put them there: the readers refuse them as text.
_NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _refuse_controls(value: str, mark, display: str) -> None:
    found = _NOT_TEXT.search(value)
    if found is not None:
        code = ord(found.group())
        message = (_("the value holds a lone surrogate, {code}, at character {at}; it is not text")
                   if 0xD800 <= code <= 0xDFFF else
                   _("the value holds a control character, {code}, at character {at}; it is not text"))
        raise _diag("KVK014", display, mark.line + 1, mark.column + 1,
                    message.format(code=f"U+{code:04X}", at=found.start() + 1))


def _python_reads_it_better(err: Exception) -> bool:
    """Whether a libyaml failure is one the pure-Python parser must decide, so that both paths
    give the same result: libyaml stops on some text PyYAML reads (an unknown %directive),
    words problems its own way and counts some positions in bytes; the two end a tag or an
    anchor's name at different characters in [ ] and { } (KVK004, KVK005); and libyaml cannot
    take a lone surrogate at all, which the pure-Python reader refuses with a position."""
    if isinstance(err, RecordError):
        return err.diagnostic.code in ("KVK004", "KVK005")
    return True


class _Found(Exception):
    """The place :func:`track_until` looks for has its position: the rest need not be parsed."""

    def __init__(self, positions: dict):
        super().__init__()
        self.positions = positions


def track_until(text: str, display: str, until: Loc) -> tuple[dict[Loc, Pos], bool]:
    """The positions of ``text`` up to and including the value at ``until``, parsed only that
    far; and whether the table is complete (``until`` is not in the text: parsed to the end)."""
    try:
        source = load_text(text, display, track=True, until=tuple(until))
    except _Found as found:
        return found.positions, False
    return source.positions, True


def load_text(text: str, display: str, *, use_c: bool | None = None, track: bool = False,
              until: Loc | None = None) -> Source:
    """Build a :class:`Source` from YAML text, or raise :class:`RecordError`. ``track`` builds
    every position now instead of on first use."""
    if use_c is None:
        use_c = _use_libyaml()
    if text.startswith("\ufeff"):
        text = text[1:]
    if use_c and _python_decides(text):
        use_c = False
    try:
        source = _parse(text, display, use_c, track, until)
    except RecursionError:  # pure-Python scanner on pathological input
        raise _diag("KVK009", display, 1, 1, _too_deep()) from None
    except (yaml.YAMLError, RecordError, UnicodeEncodeError) as err:
        if use_c and _python_reads_it_better(err):
            return load_text(text, display, use_c=False, track=track, until=until)
        if isinstance(err, yaml.YAMLError):
            raise _syntax_error(err, text, display) from None
        raise
    source.text = text
    return source


def _parse(text: str, display: str, use_c: bool, track: bool, until: Loc | None = None) -> Source:
    parser = None
    try:
        parser = _parser(text, use_c)
        try:
            if track or "\\" in text:  # escapes can make what no file holds: _build checks
                return _build(parser, display, until)
            return Source(display, _build_plain(parser))
        except _Retrack:
            parser.dispose()
            parser = _parser(text, use_c)
            return _build(parser, display)
    finally:
        if parser is not None:
            parser.dispose()


def load_file(file: str | Path, display: str | None = None, root: str | Path | None = None,
              *, use_c: bool | None = None, track: bool = False) -> Source:
    display = display or str(file)
    return load_bytes(read_record_bytes(file, display, root), display, file=file, use_c=use_c, track=track)


def load_bytes(raw: bytes, display: str, *, file: str | Path | None = None, use_c: bool | None = None,
               track: bool = False) -> Source:
    """Build a :class:`Source` from a record file's bytes (``file``: where to read them again
    for positions after :meth:`Source.detach`), or raise :class:`RecordError`."""
    if use_c is None:
        use_c = _use_libyaml()
    if use_c and not track:
        # the ordinary record: libyaml reads the bytes as they are (no copy of the text to
        # encode again); anything unusual takes the careful way below, which says what is
        # wrong and where
        try:
            text = raw.decode("utf-8").removeprefix("\ufeff")
            if not _python_decides(text) and "\\" not in text:
                parser = yaml.cyaml.CParser(raw)
                try:
                    return Source(display, _build_plain(parser), text=text, _file=file)
                finally:
                    parser.dispose()
        except (_Retrack, yaml.YAMLError, UnicodeError):
            pass
    return load_text(decode(raw, display), display, use_c=use_c, track=track)


def _use_libyaml() -> bool:
    return HAVE_LIBYAML and os.environ.get("KVK_YAML_PARSER") != "python"


_NOKEY = object()


def _build_plain(parser) -> dict:
    """The fast path: values only, for the ordinary record. Anything a record must not hold
    (or that needs a position to be described) hands over to :func:`_build`, which says
    exactly what and where; so these loops stay as short as checking 23,000 files needs."""
    get_event = parser.get_event
    get_event()  # StreamStartEvent
    if type(get_event()) is not DocumentStartEvent:
        raise _Retrack  # an empty file
    ev = get_event()
    if type(ev) is not MappingStartEvent or ev.anchor is not None or ev.tag is not None:
        raise _Retrack
    root = _plain_mapping(get_event, 1)
    get_event()  # DocumentEndEvent
    if type(get_event()) is not StreamEndEvent:
        raise _Retrack  # a second document
    return root


def _plain_value(ev, get_event, depth: int) -> Any:
    kind = type(ev)
    if ev.anchor is not None or ev.tag is not None:
        raise _Retrack
    if kind is ScalarEvent:
        value = ev.value
        return None if not value and ev.implicit[0] else value
    if depth >= MAX_DEPTH:
        raise _Retrack
    if kind is MappingStartEvent:
        return _plain_mapping(get_event, depth + 1)
    if kind is SequenceStartEvent:
        return _plain_sequence(get_event, depth + 1)
    raise _Retrack  # an alias


def _plain_mapping(get_event, depth: int) -> dict:
    out: dict = {}
    while True:
        ev = get_event()
        if type(ev) is not ScalarEvent:
            if type(ev) is MappingEndEvent:
                return out
            raise _Retrack  # a list or mapping as a key, or an alias
        key = ev.value
        if key in out or ev.anchor is not None or ev.tag is not None:
            raise _Retrack
        ev = get_event()
        if type(ev) is ScalarEvent and ev.anchor is None and ev.tag is None:
            value = ev.value  # the usual case, inline
            out[key] = None if not value and ev.implicit[0] else value
        else:
            out[key] = _plain_value(ev, get_event, depth)


def _plain_sequence(get_event, depth: int) -> list:
    out: list = []
    append = out.append
    while True:
        ev = get_event()
        kind = type(ev)
        if kind is ScalarEvent and ev.anchor is None and ev.tag is None:
            value = ev.value
            append(None if not value and ev.implicit[0] else value)
        elif kind is SequenceEndEvent:
            return out
        else:
            append(_plain_value(ev, get_event, depth))


def _build(parser, display: str, until: Loc | None = None) -> Source:
    """Turn the event stream into plain values, recording positions; iterative, so depth is
    bounded by MAX_DEPTH and never by Python's recursion limit. With ``until``, stop (raising
    :class:`_Found`) as soon as that place has its position."""
    positions: dict[Loc, Pos] = {}
    # stack entries: [container, loc, pending key, key mark]
    stack: list[list] = []
    root: Any = None
    documents = 0
    get_event = parser.get_event
    while True:
        ev = get_event()
        kind = type(ev)
        if kind is ScalarEvent or kind is MappingStartEvent or kind is SequenceStartEvent:
            mark = ev.start_mark
            if ev.anchor is not None:
                raise _diag("KVK004", display, mark.line + 1, mark.column + 1,
                            _("anchor '{anchor}' is not allowed in records").format(anchor=f"&{ev.anchor}"))
            if ev.tag is not None and ev.tag != "!":
                raise _diag("KVK005", display, mark.line + 1, mark.column + 1,
                            _("tag '{tag}' is not allowed in records").format(tag=ev.tag))
            if kind is ScalarEvent:
                style = ev.style or None  # libyaml says '' for plain, PyYAML None
                # an empty plain value is None; PyYAML also counts a bare '!' tag as plain
                empty = ev.value == "" and (ev.implicit[0] or (ev.tag == "!" and style is None))
                value: Any = None if empty else ev.value
                if style == '"':
                    _refuse_controls(ev.value, mark, display)
            else:
                value = {} if kind is MappingStartEvent else []
                style = None
            if not stack:
                root = value
                loc: Loc = ()
            else:
                top = stack[-1]
                container = top[0]
                if type(container) is dict:
                    if top[2] is None:  # this event is a key
                        if kind is not ScalarEvent:
                            raise _diag("KVK011", display, mark.line + 1, mark.column + 1,
                                        _("a mapping key must be plain text, not a list or mapping"))
                        key = "" if value is None else value
                        if key in container:
                            first = positions[top[1] + (key,)]
                            raise _diag("KVK003", display, mark.line + 1, mark.column + 1,
                                        _("duplicate key '{key}' (first at line {line})").format(
                                            key=key, line=first[0] + 1))
                        top[2] = key
                        top[3] = mark
                        continue
                    key = top[2]
                    top[2] = None
                    loc = top[1] + (key,)
                    km = top[3]
                    positions[loc] = (km.line, km.column, mark.line, mark.column, style)
                    if loc == until:
                        raise _Found(positions)
                    container[key] = value
                else:
                    loc = top[1] + (len(container),)
                    positions[loc] = (mark.line, mark.column, mark.line, mark.column, style)
                    if loc == until:
                        raise _Found(positions)
                    container.append(value)
            if kind is not ScalarEvent:
                if len(stack) >= MAX_DEPTH:
                    raise _diag("KVK009", display, mark.line + 1, mark.column + 1,
                                _too_deep())
                stack.append([value, loc, None, None])
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            stack.pop()
        elif kind is AliasEvent:
            mark = ev.start_mark
            raise _diag("KVK004", display, mark.line + 1, mark.column + 1,
                        _("alias '{alias}' is not allowed in records").format(alias=f"*{ev.anchor}"))
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                mark = ev.start_mark
                raise _diag("KVK008", display, mark.line + 1, mark.column + 1,
                            _("a second YAML document starts here; a record file holds one"))
        elif kind is StreamEndEvent:
            break
    if root is None or documents == 0:
        raise _diag("KVK006", display, 1, 1, _("the file is empty; a record is a mapping of fields"))
    if type(root) is not dict:
        raise _diag("KVK006", display, 1, 1, _("the file holds a list, not a mapping of fields") if type(root) is list
                    else _("the file holds a single value, not a mapping of fields"))
    return Source(display, root, positions)
