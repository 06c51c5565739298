"""PDF from the rendered HTML, through WeasyPrint (the optional extra ``kvk[pdf]``).

Every PDF is PDF/UA-1 (ISO 14289-1): tagged, with its structure tree (headings, tables with
their header cells, the logo as a Figure with its alternative text), the document language from
``<html lang>`` and the title from ``<title>``. Protokoller a municipality publishes fall under
the regulations on universal design of ICT, which require accessible documents.
"""

from __future__ import annotations

from ..diagnostics import KvkError

PDF_VARIANT = "pdf/ua-1"
#: the font the print CSS names first; without it a PDF's glyphs depend on the machine
FONT = "DejaVu Serif"
INSTALL = "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"


def _weasyprint():
    try:
        import weasyprint
    except ImportError:
        raise KvkError.at("KVK307", "<pdf>", 0, 0, "PDF output needs WeasyPrint, and it is not installed") from None
    except OSError as err:  # the package is there but Pango is not
        raise KvkError.at("KVK307", "<pdf>", 0, 0, f"PDF output needs WeasyPrint, and it cannot load: "
                          f"{' '.join(str(err).split())}", hint=f"install Pango: {INSTALL}") from None
    return weasyprint


def check_font(family: str | None = None) -> None:
    """KVK319 when fontconfig does not know ``family`` (WeasyPrint would silently fall back)."""
    import shutil
    import subprocess

    family = family or FONT
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        raise KvkError.at("KVK319", f"<font {family}>", 0, 0, "fontconfig's fc-match is not installed, so the "
                          "PDF font cannot be checked", hint=f"install it: {INSTALL} fontconfig")
    found = subprocess.run([fc_match, "--format=%{family}", family], capture_output=True, text=True,
                           check=False, timeout=30).stdout
    if family.lower() not in found.lower():
        raise KvkError.at("KVK319", f"<font {family}>", 0, 0, f"the font '{family}' cannot be found "
                          f"(fontconfig offers '{found.split(',')[0] or 'nothing'}' instead)",
                          hint=f"install it: {INSTALL}")


def html_to_pdf(html: str) -> bytes:
    weasyprint = _weasyprint()
    check_font()
    # the HTML is self-contained (the logo is a data URI): no base_url, so nothing is fetched
    return weasyprint.HTML(string=html, base_url=None).write_pdf(pdf_variant=PDF_VARIANT)
