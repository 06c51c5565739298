"""PDF from the rendered HTML, through WeasyPrint (the optional extra ``kvk[pdf]``)."""

from __future__ import annotations

from ..diagnostics import KvkError


def html_to_pdf(html: str) -> bytes:
    try:
        import weasyprint
    except (ImportError, OSError) as err:  # OSError: the package is there but Pango is not
        detail = "it is not installed" if isinstance(err, ImportError) else f"it cannot load: {err}"
        raise KvkError.at("KVK307", "<pdf>", 0, 0, f"PDF output needs WeasyPrint, and {detail}") from None
    # the HTML is self-contained: no base_url, so nothing is fetched from disk or network
    return weasyprint.HTML(string=html, base_url=None).write_pdf()
