"""The checkout ships current schemas, every field has a Norwegian description, and every valid
record of the checkout and the test repositories satisfies its schema as an editor reads it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kvk import layout
from kvk.models.common import model_classes
from kvk.models.descriptions import describe, describe_model
from kvk.models.schema import KINDS, _model, modeline, schema, schema_files, unknown_types

from ..conftest import ROOT
from .records import records, schema_errors, valid_records

REGENERATE = ".venv/bin/kvk schema"


def reachable_models() -> list[type]:
    # by class, not by name: kvk.yaml's presentation profile has a Sak and a Votering of its own
    seen: dict[type, type] = {}
    todo = [_model(kind) for kind in KINDS]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen[model] = model
        for field in model.model_fields.values():
            todo.extend(model_classes(field.annotation))
    return sorted(seen.values(), key=lambda m: (m.__module__, m.__name__))


def test_the_checkouts_schemas_are_current():
    for name, text in schema_files().items():
        assert (ROOT / layout.SCHEMAS / name).read_text(encoding="utf-8") == text, \
            f"schemas/{name} is out of date: run {REGENERATE}"
    assert sorted(p.name for p in (ROOT / layout.SCHEMAS).iterdir()) == sorted(schema_files())


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_type_has_an_editor_reading(kind):
    # a new kind of value needs its YAML 1.2 reading in kvk.models.schema._scalars()
    assert unknown_types(kind) == []


@pytest.mark.parametrize("model", reachable_models(), ids=lambda m: f"{m.__module__.rsplit('.', 1)[-1]}.{m.__name__}")
def test_every_field_has_a_norwegian_description(model):
    missing = [f.alias or name for name, f in model.model_fields.items() if not describe(model, f.alias or name)]
    assert missing == [], f"add {model.__name__}: {missing} to FIELDS in kvk/models/descriptions.py"
    assert describe_model(model), f"add {model.__name__} to MODELS in kvk/models/descriptions.py"


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_property_in_the_schema_carries_its_description(kind):
    rules = {"if", "then", "not", "allOf", "anyOf", "oneOf"}  # they repeat fields declared elsewhere

    def walk(node, path):
        if isinstance(node, dict):
            if not rules & set(path):
                for key, value in (node.get("properties") or {}).items():
                    if "description" not in value:
                        yield "/".join([*path, key])
            for key, value in node.items():
                yield from walk(value, [*path, key])
        elif isinstance(node, list):
            for value in node:
                yield from walk(value, [*path, "[]"])

    assert list(walk(schema(kind), [])) == []


def test_the_checkouts_records_carry_the_schema_line():
    for kind, path in records(ROOT)[1:]:
        rel = path.relative_to(ROOT).as_posix()
        first = path.read_text(encoding="utf-8").splitlines(keepends=True)[0]
        assert first == modeline(rel, kind), rel
        target = (path.parent / first.split("$schema=")[1].strip()).resolve()
        assert target == (ROOT / layout.schema_file(kind)).resolve()


@pytest.mark.parametrize(("kind", "path"), valid_records(), ids=lambda v: str(v.relative_to(ROOT)) if isinstance(v, Path) else v)
def test_valid_records_satisfy_their_schema(kind, path):
    assert schema_errors(kind, path.read_text(encoding="utf-8-sig")) == []


def test_valid_records_pass_check_jsonschema(tmp_path):
    """The real command line, on every valid record, one run per kind."""
    folder = tmp_path / "schemas"
    folder.mkdir()
    by_kind: dict[str, list[str]] = {}
    for kind, path in valid_records():
        by_kind.setdefault(kind, []).append(str(path))
    assert set(by_kind) == set(KINDS)
    for kind, paths in by_kind.items():
        schema_path = folder / f"{kind}.schema.json"
        schema_path.write_text(json.dumps(schema(kind)), encoding="utf-8")
        result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema_path), *paths],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_flags_a_broken_record(tmp_path):
    record = tmp_path / "2009-03-04-formannskapet.yaml"
    record.write_text("utvalg: formannskapet\nmoetedato: 2009-03-04\ndokumenttype: referat\nstart: 25:00\n",
                      encoding="utf-8")
    schema_path = tmp_path / "moete.schema.json"
    schema_path.write_text(json.dumps(schema("moete")), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema_path), str(record)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "$.start" in result.stdout
