"""The valid records of the checkout and the test repositories, by kind, and the YAML 1.2
reading an editor gives them (check-jsonschema's own loader: ruamel.yaml, YAML 1.2 core)."""

from __future__ import annotations

from pathlib import Path

from kvk import layout
from kvk.models.schema import schema

from ..conftest import ROOT

#: repositories whose every record is valid (tests/bad/_base is the base of the broken ones)
VALID_REPOSITORIES = [ROOT, ROOT / "tests/fixtures/kommune", ROOT / "tests/bad/_base",
                      ROOT / "tests/render/fixtures/fjordvik"]
#: transcriptions of real documents (tests/corpus), rewritten as the models grow: a record of them
#: is valid when kvk's model accepts it, and then the schema must too (where kvk refuses one,
#: the schema refusing it is agreement, tested in test_schemas.py)
CORPUS_REPOSITORIES = sorted(p.parent for p in (ROOT / "tests/corpus").glob("*/kvk.yaml"))


def records(repo: Path) -> list[tuple[str, Path]]:
    """(kind, path) of every record in ``repo``, kvk.yaml included."""
    found = [("kvk", repo / "kvk.yaml")]
    for path in sorted((repo / "data").rglob("*.yaml")):
        kind = layout.kind_of(path.relative_to(repo).as_posix())
        if kind is not None:
            found.append((kind, path))
    return found


def kvk_accepts(kind: str, path: Path) -> bool:
    """kvk's model accepts the record on its own (its loader, its model; no checks across files)."""
    from kvk.io.yaml import load_text
    from kvk.models.schema import _model
    from kvk.models.validation import validate

    try:
        data = load_text(path.read_bytes().decode("utf-8-sig"), path.name)
    except Exception:  # noqa: BLE001 - any refusal by the loader is a refusal
        return False
    _, diagnostics = validate(_model(kind), data)
    return not diagnostics


def corpus_records() -> list[tuple[str, Path, bool]]:
    """(kind, path, kvk accepts it) of every record of tests/corpus."""
    return [(kind, path, kvk_accepts(kind, path)) for repo in CORPUS_REPOSITORIES for kind, path in records(repo)]


def valid_records() -> list[tuple[str, Path]]:
    return [r for repo in VALID_REPOSITORIES for r in records(repo)] + \
        [(kind, path) for kind, path, ok in corpus_records() if ok]


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

