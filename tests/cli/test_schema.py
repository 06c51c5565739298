import json

import pytest

from kvk.cli import app
from kvk.io.yaml import load_file
from kvk.models.schema import KINDS

from ..conftest import ROOT

jsonschema = pytest.importorskip("jsonschema")

SEEDS = {
    "sak": "data/saker/2008/2008-1001.yaml",
    "moete": "data/moter/2009/2009-10-30-styringsgruppa.yaml",
    "organisasjon": "data/organisasjon.yaml",
    "indikatorer": "data/indikatorer/kvalitetskommuneprogrammet.yaml",
    "kvk": "kvk.yaml",
}


def test_writes_one_schema_per_kind_into_the_repository(runner, seed_repo):
    result = runner.invoke(app, ["schema", "--repo", str(seed_repo)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(seed_repo / "schemas" / f"{k}.schema.json") for k in KINDS]
    for kind in KINDS:
        jsonschema.Draft202012Validator.check_schema(json.loads((seed_repo / f"schemas/{kind}.schema.json").read_text()))


@pytest.mark.parametrize("kind", list(SEEDS))
def test_seed_records_satisfy_their_schema(runner, kind):
    result = runner.invoke(app, ["schema", kind])
    assert result.exit_code == 0
    validator = jsonschema.Draft202012Validator(json.loads(result.stdout))
    assert [e.message for e in validator.iter_errors(load_file(ROOT / SEEDS[kind]).data)] == []


def test_schema_flags_what_an_editor_should_flag(runner):
    validator = jsonschema.Draft202012Validator(json.loads(runner.invoke(app, ["schema", "sak"]).stdout))
    record = load_file(ROOT / SEEDS["sak"]).data
    typo = dict(record, saksbehanlder="x")
    assert any("saksbehanlder" in e.message for e in validator.iter_errors(typo))
    missing = {k: v for k, v in record.items() if k != "tittel"}
    assert ["'tittel' is a required property"] == [e.message for e in validator.iter_errors(missing)]
    bad_date = dict(record, dato="2009/10/30")
    assert [list(e.path) for e in validator.iter_errors(bad_date)] == [["dato"]]


def test_out_folder_without_a_repository(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KVK_REPO", raising=False)
    result = runner.invoke(app, ["schema", "--out", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == sorted(f"{k}.schema.json" for k in KINDS)


def test_unknown_kind(runner):
    result = runner.invoke(app, ["schema", "saker"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "kvk: unknown record kind 'saker' (one of: sak, moete, organisasjon, indikatorer, kvk)"
