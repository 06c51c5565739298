"""Word output (``--format docx``): the document's HTML, made from the same view model as the
other formats (so the public variant is the same redacted text), read back as a list of blocks
(headings, paragraphs, list items, tables) and filled into the municipality's Word template
with docxtpl (Jinja inside Word).

    html -> blocks -> docxtpl(template, {blokker, brev, tittel}) -> .docx bytes

The template is the repository's own (brevark.word_mal, else templates/brevmal.docx) or the
built-in one; its Jinja environment comes from kvk.render.environment like every other.
"""

from __future__ import annotations

import io
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..diagnostics import KvkError

TEMPLATE = "brevmal.docx"
#: the tag a kvk Word template must have: the loop over the document's blocks
BLOCKS_TAG = "blokker"
_HEADINGS = {"h1": "h1", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}
_BLOCK_TAGS = {"p", "li", "div", "header"}
_SKIP_CLASSES = {"topptekst", "bunntekst", "brevark", "variant-merke", "utkast-merke"}  # the frame is Word's


class _Blocks(HTMLParser):
    """Headings, paragraphs, list items and tables of a kvk HTML document, as plain text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[dict] = []
        self._text: list[str] | None = None
        self._kind = "p"
        self._skip = 0  # depth inside an element the Word template draws itself
        self._stack: list[tuple[str, bool]] = []
        self._table: dict | None = None
        self._row: list[str] | None = None
        self._row_is_head = False
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        skipping = bool(classes & _SKIP_CLASSES)
        if tag in ("br", "img", "meta", "hr"):
            return
        self._stack.append((tag, skipping))
        if skipping:
            self._skip += 1
        if self._skip or tag in ("style", "title", "head"):
            self._in_style = tag in ("style", "title") or self._in_style
            return
        if tag == "table":
            self._flush()
            self._table = {"type": "table", "hode": [], "rader": []}
        elif tag == "tr" and self._table is not None:
            self._row, self._row_is_head = [], False
        elif tag in ("td", "th") and self._row is not None:
            self._row_is_head = self._row_is_head or tag == "th"
            self._text = []
        elif tag in _HEADINGS or tag in _BLOCK_TAGS:
            if self._table is None:
                self._flush()
                self._kind = _HEADINGS.get(tag, "li" if tag == "li" else "p")
                self._text = []

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            open_tag, skipping = self._stack.pop()
            if skipping:
                self._skip -= 1
            if open_tag == tag:
                break
        if tag in ("style", "title"):
            self._in_style = False
        if self._skip:
            return
        if tag in ("td", "th") and self._row is not None:
            self._row.append(" ".join("".join(self._text or []).split()))
            self._text = None
        elif tag == "tr" and self._table is not None and self._row is not None:
            if self._row_is_head and not self._table["hode"] and not self._table["rader"]:
                self._table["hode"] = self._row
            else:
                self._table["rader"].append(self._row)
            self._row = None
        elif tag == "table" and self._table is not None:
            table, self._table = self._table, None
            width = max([len(table["hode"]), *(len(r) for r in table["rader"])], default=0)
            table["rader"] = [r + [""] * (width - len(r)) for r in table["rader"]]
            if table["hode"]:
                table["hode"] += [""] * (width - len(table["hode"]))
            if table["hode"] or table["rader"]:
                self.blocks.append(table)
        elif (tag in _HEADINGS or tag in _BLOCK_TAGS) and self._table is None:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._skip or self._in_style:
            return
        if self._text is None and self._table is None:
            if not data.strip():
                return
            self._kind, self._text = "p", []
        if self._text is not None:
            self._text.append(data)

    def _flush(self) -> None:
        if self._text is not None:
            text = " ".join("".join(self._text).split())
            if text:
                self.blocks.append({"type": self._kind, "tekst": text})
        self._text = None

    def close(self) -> None:
        super().close()
        self._flush()


def blocks_of(html: str) -> list[dict]:
    """The document's body as blocks: {"type": "h1"|"h2"|"h3"|"p"|"li", "tekst"} and
    {"type": "table", "hode": [...], "rader": [[...], ...]}."""
    body = html[html.find("<body"):] if "<body" in html else html
    parser = _Blocks()
    parser.feed(body)
    parser.close()
    return parser.blocks


def template_path(root: Path, config: Any, builtin: Path) -> tuple[Path, str]:
    """(path, the name an error shows) of the Word template this repository uses."""
    from .letterhead import repository_file

    own = config.brevark.word_mal
    if own:
        return repository_file(root, own, "the Word template", "KVK318"), own
    default = root / "templates" / TEMPLATE
    if default.is_file():
        return default, f"templates/{TEMPLATE}"
    return builtin / TEMPLATE, f"kvk:templates/{TEMPLATE}"


def _bad(shown: str, message: str) -> KvkError:
    return KvkError.at("KVK318", shown, 0, 0, f"the Word template '{shown}' {message}")


def _check_template(data: bytes, shown: str) -> None:
    """A .docx is a zip with word/document.xml; a kvk template loops over the blocks."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if "word/document.xml" not in z.namelist():
                raise _bad(shown, "is not a Word document (no word/document.xml inside)")
            body = z.read("word/document.xml").decode("utf-8", "replace")
    except zipfile.BadZipFile:
        raise _bad(shown, "is not a .docx file (it is not a zip archive); save it from Word as .docx") from None
    if BLOCKS_TAG not in body:
        raise _bad(shown, "is not a kvk template: it has no {%p for b in blokker %} loop "
                   "(docs/rendering.md, Word output)")


def fill(template: Path, shown: str, context: dict, env: Any) -> bytes:
    """The filled template as .docx bytes; KVK318 when the template cannot be used."""
    import jinja2

    try:
        from docxtpl import DocxTemplate
    except ImportError:
        raise KvkError.at("KVK320", "<docx>", 0, 0, "Word output needs docxtpl, and it is not installed") from None

    try:
        data = template.read_bytes()
    except OSError as err:
        raise _bad(shown, f"cannot be read: {err.strerror}") from None
    _check_template(data, shown)
    try:
        doc = DocxTemplate(io.BytesIO(data))
        doc.render(context, jinja_env=env, autoescape=True)
        out = io.BytesIO()
        doc.save(out)
    except jinja2.TemplateSyntaxError as err:
        raise _bad(shown, f"has a tag Word split or mistyped: {' '.join(str(err.message).split())}") from None
    except jinja2.UndefinedError as err:
        raise _bad(shown, f"uses a value kvk does not give: {' '.join(str(err).split())}") from None
    except jinja2.exceptions.SecurityError as err:
        raise _bad(shown, f"does what a template may not: {err}") from None
    except (KeyError, ValueError, zipfile.BadZipFile) as err:
        raise _bad(shown, f"cannot be read as a Word document ({type(err).__name__}: {err})") from None
    return out.getvalue()


def docx_context(html: str, brev: dict, title: str, t: Any) -> dict:
    """What the Word template sees."""
    variant = t("offentlig_versjon") if brev["offentlig"] else (t("utkast_merke") if brev["utkast"] else "")
    address = list(brev["adresse"]) + list(brev["kontakt"])
    if brev["organisasjonsnummer"]:
        address.append(f"{t('orgnr')} {brev['organisasjonsnummer']}")
    frame = {**brev, "logo": None, "variant": variant, "adresse_linje": " · ".join(address)}
    blocks = blocks_of(html)
    if brev["intern_skjermet"]:
        blocks.insert(0, {"type": "p", "tekst": t("intern_skjermet")})
    if variant:
        blocks.insert(0, {"type": "p", "tekst": variant})
    return {"blokker": blocks, "brev": frame, "tittel": title}
