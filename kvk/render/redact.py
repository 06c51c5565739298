"""What a document may show: the internal variant shows everything, the public variant replaces
every skjermet thing by the marker with its hjemmel.

The public variant starts from *redacted records*: :func:`public_records` (and
:func:`public_index` for everything a document looks up) returns copies of the validated records
in which every ``Tekst`` span, every field named in ``skjerming.felt`` and every wholly skjermet
object is already the marker (``kvk.models.redaction`` walks the models by their annotations).
The renderer calls it before any view model is built, so neither a view nor a template (built-in
or a repository's own) ever holds exempt content, and a field added next year cannot be
forgotten. Any other public output (the published site) starts from :func:`public_records` too.

:class:`Redactor` is what the views still ask about structure: whether an object is skjermet
(to print one marker line instead of a list) and how the internal variant shows exempt parts.

The internal variant shows exempt content, and marks each exempt part visibly (issue 16): a
[[skjermet]] span, a field named in ``skjerming.felt``. The view wraps such text between three
private-use characters (:func:`Redactor.mark`); they pass unchanged through every filter and
template (Markdown rendering, escaping, upper-casing, table cells), and :func:`finish` turns
them into the format's mark once the document is rendered: ``⟦Skjermet, offl. § 13: …⟧`` in
text, the same inside ``<mark class="skjermet-del">`` in HTML (and so in PDF and Word). The
public variant never holds the characters: its text is already the marker.
"""

from __future__ import annotations

import re
from typing import Any

from ..models import redaction
from ..models.common import parse_spans

#: an exempt part of an internal copy, between the view and :func:`finish`:
#: OPEN hjemmel SEP content CLOSE (Unicode private-use characters; kvk writes them nowhere else)
OPEN, SEP, CLOSE = "\ue000", "\ue001", "\ue002"
_OPENING = re.compile("\ue000([^\ue000\ue001\ue002]*)\ue001")
_MARKS = re.compile("(\ue000[^\ue000\ue001\ue002]*\ue001|\ue002)")
_TAG = re.compile(r"(<[^>]*>)")
_MARK = '<mark class="skjermet-del">'
#: the label of an exempt part in an internal copy: målform -> (with hjemmel, without)
PART_LABELS = {"nb": ("Skjermet, {hjemmel}", "Skjermet"), "nn": ("Skjerma, {hjemmel}", "Skjerma")}


def marker_text(maalform: str, hjemmel: str | None) -> str:
    """"Unntatt offentlighet, offl. § 13" (nn: "Unnateke frå innsyn, offl. § 13")."""
    return redaction.marker(maalform)(hjemmel)


def public_records(models: Any, maalform: str = "nb") -> list[Any]:
    """Redacted copies of validated records (Sak, Moete, Organisasjon, Indikatorfil …), with the
    marker in ``maalform``: the only form of the records a public output may use."""
    return redaction.public_records(models, redaction.marker(maalform))


def public_record(model: Any, maalform: str = "nb") -> Any:
    """:func:`public_records` for one record."""
    return redaction.redact(model, redaction.marker(maalform))


def public_index(index: Any, maalform: str = "nb") -> Any:
    """An Index over the redacted copies of ``index``'s records: what a public document looks up
    (people, bodies, the cases on an agenda) is redacted like the document's own record."""
    from ..repository import Index

    return Index(redaction.public_record_list(index.records, redaction.marker(maalform)))


class Redactor:
    def __init__(self, public: bool, maalform: str):
        self.public = public
        self.maalform = maalform

    def marker(self, hjemmel: str | None) -> str:
        return marker_text(self.maalform, hjemmel)

    def exempt(self, owner: Any, field: str | None = None) -> tuple[bool, str | None]:
        """(whether ``owner`` or its ``field`` is skjermet, its hjemmel), in either variant."""
        skjerming = getattr(owner, "skjerming", None) if owner is not None else None
        if skjerming is None:
            return False, None
        if skjerming.hele or (field is not None and field in skjerming.felt):
            return True, skjerming.hjemmel
        return False, None

    def mark(self, value: str | None, hjemmel: str | None) -> str | None:
        """``value`` marked as an exempt part of the internal copy (see :func:`finish`)."""
        if not value or self.public:
            return value
        return f"{OPEN}{hjemmel or ''}{SEP}{value}{CLOSE}"

    def shown(self, owner: Any, field: str, value: str | None) -> str | None:
        """The internal form of a skjermet field's text: marked when ``field`` is skjermet."""
        exempt, hjemmel = self.exempt(owner, field)
        return self.mark(value, hjemmel) if exempt else value

    def hidden(self, owner: Any, field: str | None = None) -> str | None:
        """The marker if ``owner`` (or its ``field``) must not be shown in this variant, else None.

        ``field=None`` asks about the whole object."""
        if not self.public or owner is None:
            return None
        skjerming = getattr(owner, "skjerming", None)
        if skjerming is None:
            return None
        if skjerming.hele or (field is not None and field in skjerming.felt):
            return self.marker(skjerming.hjemmel)
        return None

    def text(self, value: str | None) -> str | None:
        """Record text with its [[skjermet]] spans: replaced by the marker in the public variant,
        unwrapped (content kept, markup dropped) in the internal one."""
        if not value or "[[" not in value:
            return value
        try:
            parts = parse_spans(value)
        except ValueError:
            # validation rejects malformed markup; if it got here anyway, show none of it
            return self.marker(None) if self.public else value
        out = []
        for segment, hjemmel in parts:
            if hjemmel is None:
                out.append(segment)
            elif self.public:
                out.append(self.marker(hjemmel))
            else:
                out.append(self.mark(segment, hjemmel) or "")
        return "".join(out)

    def field(self, owner: Any, field: str, value: str | None) -> str | None:
        """A text field of ``owner``: the marker when that field is skjermet, else its text."""
        marker = self.hidden(owner, field)
        if marker is not None:
            return marker
        return self.shown(owner, field, self.text(value))


# --- the marks of an internal copy -----------------------------------------------------------

def part_label(maalform: str, hjemmel: str | None) -> str:
    """"Skjermet, offl. § 13" (nn: "Skjerma, offl. § 13"): what an internal copy says at an exempt part."""
    with_hjemmel, without = PART_LABELS["nn" if maalform == "nn" else "nb"]
    return with_hjemmel.format(hjemmel=hjemmel) if hjemmel else without


def finish(document: str, fmt: str, maalform: str) -> str:
    """The rendered document with each exempt part's characters made its visible mark.

    ``fmt`` "md" (or any text): ``⟦Skjermet, offl. § 13: content⟧``. "html": the same text, each
    run of it inside ``<mark class="skjermet-del">``; a mark closes before every tag and opens
    again after it, so paragraphs and list items inside a span stay well nested. Inside a tag
    (an attribute) and inside ``<title>``, the text form. Unpaired characters are dropped."""
    if OPEN not in document and CLOSE not in document:
        return document
    plain = lambda text: _plain(text, maalform)
    if fmt != "html":
        return plain(document)
    out: list[str] = []
    inside = False  # between an exempt part's start and its end
    open_mark = False  # a <mark> element is open in ``out``
    in_title = False
    for token in _TAG.split(document):
        if token.startswith("<"):
            name = token[1:7].lower()
            in_title = name.startswith("title") or (in_title and not name.startswith("/title"))
            if open_mark:
                out.append("</mark>")
                open_mark = False
            out.append(plain(token))
            continue
        if in_title:
            out.append(plain(token))
            continue
        for piece in _MARKS.split(token):
            if not piece:
                continue
            opening = _OPENING.fullmatch(piece)
            if opening:
                if open_mark:
                    out.append("</mark>")
                inside = open_mark = True
                out.append(f'{_MARK}<span class="skjermet-etikett">⟦{part_label(maalform, opening[1] or None)}:</span> ')
            elif piece == CLOSE:
                if inside:
                    out.append("⟧</mark>" if open_mark else f"{_MARK}⟧</mark>")
                inside = open_mark = False
            else:
                if inside and not open_mark and piece.strip():
                    out.append(_MARK)
                    open_mark = True
                out.append(piece)
    if open_mark:
        out.append("</mark>")
    return "".join(out)


def _plain(text: str, maalform: str) -> str:
    """The text form of the marks in ``text``; a part still open at its end is closed there."""
    out: list[str] = []
    inside = False
    for piece in _MARKS.split(text):
        opening = _OPENING.fullmatch(piece)
        if opening:
            out.append(("⟧" if inside else "") + f"⟦{part_label(maalform, opening[1] or None)}: ")
            inside = True
        elif piece == CLOSE:
            out.append("⟧" if inside else "")
            inside = False
        else:
            out.append(piece.replace(OPEN, "").replace(SEP, ""))
    return "".join(out) + ("⟧" if inside else "")
