"""The document frame every format shares: the letterhead (logo, name, address, org. number,
from kvk.yaml's ``brevark:``), the running header line, and the variant marks ("Offentlig
versjon", "UTKAST", "Inneholder skjermet innhold").

    Frame.of(root, config, kind, model, doc, public, maalform) -> dict the templates see as ``brev``

The logo is read here, once, and checked (an SVG or a PNG inside the repository); the HTML
carries it as a data URI, so the document stays one self-contained file and WeasyPrint never
fetches anything.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any

from ..diagnostics import KvkError
from ..io.files import read_record

CONFIG = "kvk.yaml"
#: a logo larger than this is not a letterhead image (and would bloat every document)
MAX_LOGO_BYTES = 2 * 1024 * 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _problem(code: str, message: str, where: str = CONFIG) -> KvkError:
    return KvkError.at(code, where, 0, 0, message)


def repository_file(root: Path, rel: str, what: str, code: str) -> Path:
    """``rel`` (a path in kvk.yaml) inside the repository, or ``code`` naming it."""
    path = (root / rel)
    resolved = Path(os.path.realpath(path))
    if not resolved.is_relative_to(Path(os.path.realpath(root))):
        raise _problem(code, f"{what} '{rel}' lies outside the repository; put the file in the repository")
    if not path.is_file():
        raise _problem(code, f"{what} '{rel}' does not exist (brevark in kvk.yaml names it)")
    return path


def read_logo(root: Path, rel: str) -> tuple[str, bytes]:
    """(MIME type, bytes) of the logo; KVK316 when it is missing or unreadable, KVK317 when it
    is neither an SVG nor a PNG."""
    path = repository_file(root, rel, "the logo", "KVK316")
    try:
        data, _ = read_record(path, rel, root)
    except KvkError as err:
        raise _problem("KVK316", f"the logo '{rel}' cannot be read: {err.diagnostics[0].message}") from None
    if len(data) > MAX_LOGO_BYTES:
        raise _problem("KVK317", f"the logo '{rel}' is {len(data) // 1024} KiB; a letterhead logo is at most "
                       f"{MAX_LOGO_BYTES // 1024 // 1024} MiB")
    if data.startswith(PNG_MAGIC):
        return "image/png", data
    if _is_svg(data):
        return "image/svg+xml", data
    raise _problem("KVK317", f"the logo '{rel}' is neither an SVG nor a PNG image")


def _is_svg(data: bytes) -> bool:
    if b"<!ENTITY" in data:  # entity expansion has no place in a logo
        return False
    import xml.etree.ElementTree as ET  # only for a logo: a render without one never needs it

    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        return False
    return root.tag in ("svg", "{http://www.w3.org/2000/svg}svg")


def format_orgnr(orgnr: str | None) -> str | None:
    """974760673 -> "974 760 673", as Enhetsregisteret prints it."""
    if not orgnr:
        return None
    return f"{orgnr[:3]} {orgnr[3:6]} {orgnr[6:]}"


def is_draft(kind: str, model: Any) -> bool:
    """Minutes are a draft until their protokollstatus says godkjent."""
    if kind != "minutes":
        return False
    status = getattr(model, "protokollstatus", None)
    return status is not None and status.status != "godkjent"


def has_exempt_parts(model: Any) -> bool:
    """Whether the record holds anything skjermet: a skjerming on any object, or a
    [[skjermet]] span in any text (the internal copy then warns its reader)."""
    seen: set[int] = set()

    def walk(value: Any) -> bool:
        if id(value) in seen:
            return False
        seen.add(id(value))
        if isinstance(value, str):
            return "[[" in value
        if isinstance(value, (list, tuple)):
            return any(walk(v) for v in value)
        if isinstance(value, dict):
            return any(walk(v) for v in value.values())
        fields = getattr(type(value), "model_fields", None)
        if fields is None:
            return False
        if getattr(value, "skjerming", None) is not None:
            return True
        return any(walk(getattr(value, name, None)) for name in fields)

    return walk(model)


def frame(config: Any, kind: str, model: Any, doc: dict, t: Any, *, public: bool,
          logo: tuple[str, bytes] | None = None, related: list | None = None) -> dict:
    """What the letterhead and the page frame show. ``t`` looks labels up in the document's
    målform; ``logo`` (from :func:`read_logo`) is read by the caller once per run."""
    brevark = config.brevark
    name = doc.get("organisasjon") or config.organisasjon
    logo_src = None
    if logo is not None:
        mime, data = logo
        logo_src = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
    kontakt = [x for x in (brevark.telefon, brevark.epost, brevark.nettside) if x]
    draft = is_draft(kind, model)
    return {
        "navn": name,
        "logo": logo_src,
        "logo_tekst": brevark.logo_tekst or t("logo_tekst", navn=name),
        "adresse": list(brevark.adresse),
        "kontakt": kontakt,
        "organisasjonsnummer": format_orgnr(getattr(config, "organisasjonsnummer", None)),
        "offentlig": public,
        "utkast": draft,
        # the internal copy of a record with skjermet parts says so on its first page
        "intern_skjermet": (not public) and any(has_exempt_parts(m) for m in [model, *(related or [])]),
        "topptekst": _running_header(kind, doc),
    }


def _running_header(kind: str, doc: dict) -> str:
    """Page 2 onwards: the document and, for a meeting, the body and date."""
    title = doc.get("tittel") or ""
    if kind == "case":
        nr = doc.get("saksnr")
        return f"{doc.get('dokumenttype') or ''} {nr}: {title}".strip() if nr else title
    return title
