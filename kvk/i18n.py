"""The language of kvk's own words on the command line (issue 14, point 5).

    from kvk.i18n import _
    raise UsageError(_("missing {option}").format(option="--tittel"))

Mark every message, prompt, hint, summary, table header and ``--help`` text with ``_()``; the
gettext catalogues (bokmål, nynorsk, English) are being built on a branch and replace this
pass-through. Codes (KVK…) are never translated.
"""

from __future__ import annotations


def _(message: str) -> str:
    """``message`` (English, the catalogues' msgid) in the user's language."""
    return message
