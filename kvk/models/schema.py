"""JSON Schema for every record kind, generated from the models, for editors.

The YAML language server (VS Code and others) reads the ``# yaml-language-server: $schema=…``
line at the top of a record and then completes field names and flags mistakes as people type.
kvk itself never validates with these schemas: the models stay the one source of truth.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

from .. import layout

SCHEMA_DIR = layout.SCHEMAS
#: record kind -> (title, description) of its schema; "kvk" is the repository's kvk.yaml
KINDS = {
    "sak": "A case (sak): data/saker/<år>/<år>-<nr>.yaml",
    "moete": "A meeting (møte): data/moter/<år>/<dato>-<utvalg>.yaml",
    "organisasjon": "People and bodies: data/organisasjon.yaml",
    "indikatorer": "Quality indicators, measurements and claims: data/indikatorer/*.yaml",
    "kvk": "The records repository's settings: kvk.yaml",
}


def _model(kind: str):
    if kind == "kvk":
        from .config import Config

        return Config
    from . import MODELS

    return MODELS[kind]


def schema(kind: str) -> dict:
    body = _model(kind).model_json_schema(by_alias=True, mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{kind}.schema.json", "title": f"kvk {kind}", "description": KINDS[kind], **{
                k: v for k, v in body.items() if k not in ("title", "description")}}


def schema_file(kind: str) -> str:
    return posixpath.basename(layout.schema_file(kind))


def render(kind: str) -> str:
    return json.dumps(schema(kind), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def schema_files() -> dict[str, str]:
    """{file name: JSON text} for every kind."""
    return {schema_file(kind): render(kind) for kind in KINDS}


def modeline(record_rel: str, kind: str) -> str:
    """The first line of a record written by kvk: a link from the record's folder to its schema
    in the repository (relative, so it works in every clone and on every machine)."""
    return f"# yaml-language-server: $schema={layout.schema_link(record_rel, kind)}\n"


def write_schemas(folder: Path, root: Path | None = None) -> list[Path]:
    """Write (or refresh) every schema into ``folder``; returns the files written. Schemas are
    generated, so replacing them is always safe."""
    from ..io.files import check_writable, write_text

    check_writable(folder, root)
    written = []
    for name, text in schema_files().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            write_text(path, text, root=root, overwrite=True)
        written.append(path)
    return written
