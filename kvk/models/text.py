"""Free text a person writes (``Tekst``) and the skjerming markup inside it.

Every free-text field of every model is typed :data:`Tekst`: titles, headings, notes, names of
documents, "på vegne av", signature text. A ``Tekst`` value may hold spans exempt from public
access::

    Arbeidstakeren har [[skjermet hjemmel="offl. § 13"]]diagnose X[[/skjermet]] og søker …

The markup fails closed. Anything that *looks* like it but is not exactly it is an error, never
plain text that a public document would print: an opening bracket (``[``, ``［``, ``{`` or
``<``, one or more), then optional spaces and an optional ``/``, then the letters ``skjerm`` in
any case (``[[SKJERMET]]``, ``[[ skjermet ]]``, ``[skjermet]``, ``[[skjerma]]``, ``{{skjermet}}``,
``[[/skjermet]`` …). The word "skjermet" in running text, not after a bracket, is plain text.

The grammar is read by one left-to-right pass over the occurrences of ``skjerm`` (each looks back
over the spaces before it only), so parsing costs time linear in the length of the text, whatever
the text; there is no backtracking regular expression to starve.

:func:`redact_spans` and :func:`unwrap_spans` are the two ways a document shows such text;
``kvk.models.redaction`` finds every ``Tekst`` field from the models' annotations.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from ..i18n import N_, _

SPAN_OPEN = '[[skjermet hjemmel="…"]]'
SPAN_CLOSE = "[[/skjermet]]"
_OPEN_WORD = "[[skjermet"

#: characters that, before 'skjerm', make it look like markup
OPENERS = frozenset("[［{<⟦")
_SPACE = frozenset(" \t\r\n\u00a0")
_WORD = re.compile("skjerm", re.IGNORECASE)
_HJEMMEL = re.compile(r'\s+hjemmel\s*=\s*"([^"\n]*)"\s*')
#: longest text between '[[skjermet' and ']]'; a longer one is an unclosed tag
MAX_TAG = 300

EXACT = N_('write exactly [[skjermet hjemmel="offl. § 13"]]…[[/skjermet]]: two square brackets, '
           "lower case, the bokmål word 'skjermet', no spaces inside the brackets")


class SpanError(ValueError):
    """Malformed skjerming markup: ``message`` at character ``offset`` of the text; ``near`` is
    True for near-miss markup (something that looks like the markup but is not it)."""

    def __init__(self, message: str, offset: int, near: bool = False, hint: str | None = None):
        super().__init__(message, offset)
        self.message, self.offset, self.near, self.hint = message, offset, near, hint


def _snippet(text: str, start: int) -> str:
    """The brackets and the word of a near miss, never what follows: a finding may be read where
    the exempt text it would quote must not be (a pull request, a CI summary)."""
    m = _WORD.search(text, start)
    end = m.end()
    while end < len(text) and text[end].isalpha() and end - m.end() < 20:
        end += 1
    return text[start:end] + ("…" if end < len(text) else "")


def _near_miss(text: str, start: int) -> SpanError:
    snippet = _snippet(text, start)
    reasons = []
    bare = snippet.lstrip("".join(OPENERS)).lstrip().lstrip("/").lstrip().rstrip("…")
    if snippet[:1] != "[" or snippet[1:2] != "[" or snippet[2:3] in OPENERS:
        reasons.append(_("two square brackets"))
    if bare.lower() != "skjermet":
        reasons.append(_("the word 'skjermet'"))
    elif bare != "skjermet":
        reasons.append(_("lower case"))
    if snippet[2:3] in _SPACE or snippet[2:3] == "/" and snippet[3:4] in _SPACE:
        reasons.append(_("no space after the brackets"))
    if reasons:
        message = _("'{snippet}' looks like skjerming markup but is not (needs {needs})").format(
            snippet=snippet, needs=", ".join(reasons))
    else:
        message = _("'{snippet}' looks like skjerming markup but is not").format(snippet=snippet)
    return SpanError(message, start, near=True, hint=_(EXACT))


def _tokens(text: str):
    """(start, end, hjemmel) for every tag, hjemmel None for a closing one; raises SpanError."""
    done = 0  # tags end here; an occurrence of 'skjerm' before it is inside a tag
    for m in _WORD.finditer(text):
        if m.start() < done:
            continue
        j = m.start()
        while j > 0 and text[j - 1] in _SPACE:
            j -= 1
        if j > 0 and text[j - 1] == "/":
            j -= 1
            while j > 0 and text[j - 1] in _SPACE:
                j -= 1
        if j == 0 or text[j - 1] not in OPENERS:
            continue  # the word in running text
        start = j - 1
        while start > 0 and text[start - 1] in OPENERS:
            start -= 1
        if text.startswith(SPAN_CLOSE, start) and start + 3 == m.start():
            done = start + len(SPAN_CLOSE)
            yield start, done, None
            continue
        after = start + len(_OPEN_WORD)
        if not (text.startswith(_OPEN_WORD, start) and start + 2 == m.start()
                and after < len(text) and (text[after] in _SPACE or text[after] == "]")):
            raise _near_miss(text, start)
        end = text.find("]]", after, after + MAX_TAG)
        inner = text[after:end] if end >= 0 else ""
        if end < 0 or "[" in inner or "]" in inner:
            raise SpanError(_("the tag [[skjermet …]] is not closed with ']]'"), start, hint=_(EXACT))
        attrs = _HJEMMEL.fullmatch(inner)
        if not inner.strip() or not attrs or not attrs[1].strip():
            raise SpanError(_('[[skjermet]] needs its hjemmel: [[skjermet hjemmel="offl. § 13"]]'), start)
        done = end + 2
        yield start, done, attrs[1].strip()


def parse_spans(text: str) -> list[tuple[str, str | None]]:
    """Split text into (segment, hjemmel) pairs; hjemmel is None for public text.

    Raises :class:`SpanError` (a ValueError with args (message, offset)) on any markup that is
    not exactly right: unbalanced, nested, without hjemmel, or a near miss."""
    parts: list[tuple[str, str | None]] = []
    pos = 0
    open_at: int | None = None
    hjemmel: str | None = None
    for start, end, tag in _tokens(text):
        if tag is None:
            if open_at is None:
                raise SpanError(_("'[[/skjermet]]' without an opening [[skjermet …]]"), start)
            parts.append((text[pos:start], hjemmel))
            open_at = None
        else:
            if open_at is not None:
                raise SpanError(_("[[skjermet]] spans cannot be nested"), start)
            if start > pos:
                parts.append((text[pos:start], None))
            open_at, hjemmel = start, tag
        pos = end
    if open_at is not None:
        raise SpanError(_("[[skjermet …]] is never closed with [[/skjermet]]"), open_at)
    if pos < len(text):
        parts.append((text[pos:], None))
    return parts


def may_hold_markup(value: str) -> bool:
    """False when ``value`` cannot hold any markup, near misses included (the usual case)."""
    return ("[" in value or "{" in value or "<" in value or "［" in value or "⟦" in value) \
        and _WORD.search(value) is not None


def check_spans(value: Any) -> Any:
    """The validator of :data:`Tekst`: malformed markup is a kvk_skjerming error (KVK109), a near
    miss a kvk_skjerming_near one (KVK120), each at its offset in the text."""
    if isinstance(value, str) and may_hold_markup(value):
        try:
            parse_spans(value)
        except SpanError as err:
            ctx = {"message": err.message, "offset": err.offset}
            if err.hint:
                ctx["hint"] = err.hint
            raise PydanticCustomError("kvk_skjerming_near" if err.near else "kvk_skjerming",
                                      "{message}", ctx) from None
    return value


def redact_spans(value: str, marker: Callable[[str | None], str]) -> str:
    """The public form of a text: every span replaced by ``marker(hjemmel)``. Markup that does
    not parse (validation refuses it, so only a model built without validation has it) makes
    the whole text ``marker(None)``: fail closed."""
    if not may_hold_markup(value):
        return value
    try:
        parts = parse_spans(value)
    except SpanError:
        return marker(None)
    return "".join(segment if hjemmel is None else marker(hjemmel) for segment, hjemmel in parts)


def unwrap_spans(value: str) -> str:
    """The internal form of a text: the spans' content kept, the markup dropped."""
    if not may_hold_markup(value):
        return value
    try:
        return "".join(segment for segment, _ in parse_spans(value))
    except SpanError:
        return value


class TextKind:
    """Marks an annotation as free text, so redaction finds the field from the model alone."""

    def __init__(self, name: str, public: bool):
        self.name, self.public = name, public

    def __repr__(self) -> str:
        return f"TextKind({self.name!r})"


TEKST = TextKind("Tekst", public=True)
INTERN = TextKind("Intern", public=False)

#: Markdown text a person writes, which may hold [[skjermet]] spans
Tekst = Annotated[str, BeforeValidator(check_spans), TEKST]
#: free text that is never public, skjerming or not (a reason for absence may be health data)
Intern = Annotated[str, BeforeValidator(check_spans), INTERN]


def text_kind(metadata: Any) -> TextKind | None:
    """The TextKind among an annotation's metadata, if any."""
    for item in metadata:
        if isinstance(item, TextKind):
            return item
    return None
