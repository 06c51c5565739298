"""The valid records of the checkout and the test repositories, by kind, and the YAML 1.2
reading an editor gives them (check-jsonschema's own loader: ruamel.yaml, YAML 1.2 core)."""

from __future__ import annotations

from pathlib import Path

from kvk import layout
from kvk.models.schema import schema

from ..conftest import ROOT

#: repositories whose every record is valid (tests/bad/_base is the base of the broken ones)
VALID_REPOSITORIES = [ROOT, ROOT / "tests/fixtures/kommune", ROOT / "tests/bad/_base",
                      ROOT / "tests/render/fixtures/fjordvik",
                      *sorted(p.parent for p in (ROOT / "tests/corpus").glob("*/kvk.yaml"))]


def records(repo: Path) -> list[tuple[str, Path]]:
    """(kind, path) of every record in ``repo``, kvk.yaml included."""
    found = [("kvk", repo / "kvk.yaml")]
    for path in sorted((repo / "data").rglob("*.yaml")):
        kind = layout.kind_of(path.relative_to(repo).as_posix())
        if kind is not None:
            found.append((kind, path))
    return found


def valid_records() -> list[tuple[str, Path]]:
    return [r for repo in VALID_REPOSITORIES for r in records(repo)]


def editor_load(text: str):
    """What an editor makes of a record: YAML 1.2 core, dates kept as text."""
    import io

    from check_jsonschema.parsers.yaml import construct_yaml_implementation, impl2loader

    return impl2loader(construct_yaml_implementation())(io.BytesIO(text.encode("utf-8")))


_VALIDATORS: dict = {}


def validator(kind: str):
    import jsonschema

    if kind not in _VALIDATORS:
        _VALIDATORS[kind] = jsonschema.Draft202012Validator(
            schema(kind), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return _VALIDATORS[kind]


def schema_errors(kind: str, text: str) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator(kind).iter_errors(editor_load(text))]

