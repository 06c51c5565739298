"""kvk export fiks: every message fits the published KS Fiks schemas, with format checking,
and holds public content only."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from kvk.cli import app
from kvk.publish import fiks
from kvk.publish.source import public_records
from kvk.repository import Repository

from ..conftest import ROOT
from .conftest import SECRETS, copy_repo, give_sender, published_text, sources, publishable

#: the schemas as published, from the shared copy when it is there (so the copy kvk ships is
#: checked against it), else the copy in the package
PUBLISHED = ROOT.parent / "shared" / "standards" / "fiks-politisk-behandling" / "Schema" / "V1"


def independent_validator(name: str) -> Draft202012Validator:
    """A validator built here, not by kvk: every schema file in one registry, formats checked."""
    folder = PUBLISHED if PUBLISHED.is_dir() else fiks.SCHEMAS
    resources = []
    for path in folder.glob("*.schema.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema)))
    registry = Registry().with_resources(resources)
    return Draft202012Validator(registry.contents(name), registry=registry,
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_the_shipped_schemas_are_the_published_ones():
    if not PUBLISHED.is_dir():
        pytest.skip("the shared copy of the standard is not beside this checkout")
    for path in fiks.SCHEMAS.glob("*.schema.json"):
        assert path.read_bytes() == (PUBLISHED / path.name).read_bytes(), path.name


@pytest.mark.parametrize("name", publishable())
def test_every_message_fits_the_published_schema(name, tmp_path):
    root = copy_repo(sources()[name], tmp_path / "r")
    pub = public_records(Repository.open(root))
    made = fiks.messages(pub)
    kinds = [schema for _, schema, _ in made]
    assert kinds.count(fiks.MOETEPLAN) == 1
    # a meeting whose date the records do not state is not published (it has no place in a plan)
    assert kinds.count(fiks.UTVALGSSAKER) == len(pub.meetings())
    for rel, schema, message in made:
        errors = [e.message for e in independent_validator(schema).iter_errors(message)]
        assert errors == [], rel


def test_format_checking_is_really_on():
    """A wrong date-time is caught: rfc3339-validator is installed and the checker uses it."""
    message = {"avsender": {"organisasjonsnummer": "974760673"},
               "moete": {"moeteid": "x", "moetedato": "2009-04-23 13:15"},
               "utvalg": {"utvalgId": "f", "utvalgNavn": "F"}}
    assert fiks.problems(fiks.UTVALGSSAKER, message) == ["moete/moetedato: '2009-04-23 13:15' is not a 'date-time'"]
    message["moete"]["moetedato"] = "2009-04-23T13:15:00+02:00"
    assert fiks.problems(fiks.UTVALGSSAKER, message) == []


def test_the_export_writes_the_three_messages(runner, kommune, tmp_path):
    out = tmp_path / "ut"
    result = runner.invoke(app, ["export", "fiks", "-o", str(out), "--repo", str(kommune), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["written"] == [
        "fiks/moeteplan.json", "fiks/utvalgssaker/2009-04-23-formannskapet.json",
        "fiks/vedtak/2009-04-23-formannskapet.json"]
    plan = json.loads((out / "fiks/moeteplan.json").read_text(encoding="utf-8"))
    assert plan["avsender"] == {"organisasjonsnummer": "974760673", "kommunenummer": "5014",
                                "navn": "Havbrynet kommune"}
    formannskapet = next(u for u in plan["utvalg"] if u["utvalgId"] == "formannskapet")
    assert formannskapet["moete"] == [{"moeteid": "2009-04-23-formannskapet",
                                       "moetedato": "2009-04-23T13:15:00+02:00",
                                       "tittel": "Formannskapet 2009-04-23"}]
    assert formannskapet["medlem"][0] == {"medlemsId": "randi-aasen", "navn": "Randi Aasen", "rekkefoelge": 1,
                                          "representerer": "Ap", "funksjon": "leder"}
    assert "epost" not in json.dumps(plan)


def test_votes_are_the_roll_call(kommune):
    made = dict((rel, m) for rel, _, m in fiks.messages(public_records(Repository.open(kommune))))
    vedtak = made["vedtak/2009-04-23-formannskapet.json"]["vedtak"]
    first = vedtak[0]
    assert first["utvalgetsSaksnummer"] == {"saksaar": 2009, "sakssekvensnummer": 41}
    assert first["arkivetsSaksnummer"] == {"saksaar": 2009, "sakssekvensnummer": 101}
    assert len(first["votering"]) == 7
    skogli = next(v for v in first["votering"] if v["moetedeltaker"] == "Arne Skogli")
    assert skogli == {"moetedeltaker": "Arne Skogli", "representerer": "H",
                      "stemme": {"Ja": {"valgt": False}, "Nei": {"valgt": True}, "Blankt": {"valgt": False}}}
    # a vote given only as counts names no one
    assert "votering" not in vedtak[2]


def test_skjerming_is_carried_and_exempt_text_left_out(kommune, tmp_path):
    out = tmp_path / "ut"
    from kvk.publish.export import export

    export(Repository.open(kommune), "fiks", out)
    text = published_text(out)
    for secret in SECRETS:
        assert secret not in text
    saker = json.loads((out / "fiks/utvalgssaker/2009-04-23-formannskapet.json").read_text(encoding="utf-8"))["sak"]
    tilsetting = saker[1]
    assert tilsetting["tittel"] == "Tilsetting – ******"
    assert tilsetting["skjerming"] == {"skjermingshjemmel": "offl. § 25",
                                       "tilgangsrestriksjon": {"kodeverdi": "UO",
                                                               "kodebeskrivelse": "Unntatt offentlighet"}}
    assert tilsetting["forslagTilVedtak"]["tekstInnhold"] == "Unntatt offentlighet, offl. § 25"


@pytest.mark.parametrize("orgnr, kommunenr, code", [(None, "5014", "KVK600"), ("974760673", None, "KVK601")])
def test_a_missing_sender_number_refuses_in_one_line(runner, kommune, tmp_path, orgnr, kommunenr, code):
    give_sender(kommune, orgnr, kommunenr)
    out = tmp_path / "ut"
    result = runner.invoke(app, ["export", "fiks", "-o", str(out), "--repo", str(kommune)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and code in lines[0] and "kvk.yaml" in lines[0], result.stderr
    assert not out.exists()


@pytest.mark.parametrize("orgnr, kommunenr, words", [
    ("974760674", "5014", "check digit does not fit"), ("97476067", "5014", "it has nine digits"),
    ("974760673", "514", "it has four digits")])
def test_a_wrong_sender_number_is_a_kvk_yaml_error(runner, kommune, tmp_path, orgnr, kommunenr, words):
    give_sender(kommune, orgnr, kommunenr)
    result = runner.invoke(app, ["export", "fiks", "-o", str(tmp_path / "ut"), "--repo", str(kommune)])
    assert result.exit_code == 2
    assert "KVK013" in result.stderr and words in result.stderr and "kvk.yaml:" in result.stderr


def test_a_message_that_does_not_fit_is_never_written(kommune, tmp_path, monkeypatch):
    """KVK602: a bug in the mapping stops the export before anything is written."""
    from kvk.publish.export import export

    real = fiks.moeteplan
    monkeypatch.setattr(fiks, "moeteplan", lambda pub, sender: {**real(pub, sender), "utvalg": [{"utvalgId": 1}]})
    with pytest.raises(fiks.MessageInvalid) as err:
        export(Repository.open(kommune), "fiks", tmp_path / "ut")
    assert err.value.diagnostics[0].code == "KVK602"
    assert "moeteplan.json does not fit" in str(err.value) and "utvalg/0" in str(err.value)
    assert not (tmp_path / "ut").exists()


def test_an_item_without_a_number_takes_its_place_on_the_agenda():
    """An Eventuelt item has no number (issue 13 lets records say so); the export numbered it by
    its place instead of stopping with AttributeError (found by the model-drawn leak test)."""
    import datetime
    from types import SimpleNamespace

    moete = SimpleNamespace(moetedato=datetime.date(2009, 11, 18))
    assert fiks.saksnummer(moete, 4, SimpleNamespace(nr=None)) == {"saksaar": 2009, "sakssekvensnummer": 4}
    assert fiks.saksnummer(moete, 4, SimpleNamespace(nr="PS 45/08")) == {"saksaar": 2008, "sakssekvensnummer": 45}
    assert fiks.saksnummer(moete, 4, SimpleNamespace(nr="7")) == {"saksaar": 2009, "sakssekvensnummer": 7}
