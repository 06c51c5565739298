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
(to print one marker line instead of a list) and how to unwrap spans in the internal variant.
"""

from __future__ import annotations

from typing import Any

from ..models import redaction
from ..models.common import parse_spans


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
            if hjemmel is None or not self.public:
                out.append(segment)
            else:
                out.append(self.marker(hjemmel))
        return "".join(out)

    def field(self, owner: Any, field: str, value: str | None) -> str | None:
        """A text field of ``owner``: the marker when that field is skjermet, else its text."""
        marker = self.hidden(owner, field)
        if marker is not None:
            return marker
        return self.text(value)
