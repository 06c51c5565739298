"""What a document may show: the internal variant shows everything, the public variant replaces
every skjermet thing by the marker with its hjemmel.

Redaction happens while the view model is built, so in public mode the templates never receive
exempt content and a template (built-in or a repository's own) cannot leak it.
"""

from __future__ import annotations

from typing import Any

from ..models.common import parse_spans
from .labels import label


class Redactor:
    def __init__(self, public: bool, maalform: str):
        self.public = public
        self.maalform = maalform

    def marker(self, hjemmel: str | None) -> str:
        """"Unntatt offentlighet, offl. § 13" (nn: "Unnateke frå innsyn, offl. § 13")."""
        if hjemmel:
            return label("unntatt", self.maalform, hjemmel=hjemmel)
        return label("unntatt_uten_hjemmel", self.maalform)

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
