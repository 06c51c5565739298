"""The real YAML language server (what VS Code's YAML extension runs) with kvk's schemas: no
diagnostics on any valid record, the right ones on a broken record, completion and hover in
Norwegian. Driven over stdio as an editor drives it (tests/editor/lsp.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kvk.models.descriptions import FIELDS
from kvk.models.schema import KINDS, render

from ..conftest import ROOT
from .lsp import LanguageServer, install
from .records import valid_records


@pytest.fixture(scope="module")
def schemas(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("schemas")
    for kind in KINDS:
        (folder / f"{kind}.schema.json").write_text(render(kind), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    reason = install()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    ls = LanguageServer(tmp_path_factory.mktemp("workspace"))
    yield ls
    ls.close()


def with_schema(text: str, kind: str, schemas: Path) -> str:
    """The record with its first line pointing at the freshly generated schema."""
    if text.startswith("# yaml-language-server:"):
        text = text.split("\n", 1)[1]
    return f"# yaml-language-server: $schema={(schemas / f'{kind}.schema.json').as_uri()}\n{text}"


def open_text(server, schemas, folder: Path, name: str, kind: str, text: str):
    path = folder / name
    uri = server.open(path, with_schema(text, kind, schemas))
    return uri, server.diagnostics(uri)


def test_valid_records_have_no_diagnostics(server, schemas, tmp_path):
    found = {}
    for i, (kind, path) in enumerate(valid_records()):
        uri, diagnostics = open_text(server, schemas, tmp_path, f"{i}-{path.name}", kind,
                                     path.read_text(encoding="utf-8-sig"))
        if diagnostics:
            found[str(path.relative_to(ROOT))] = [(d["range"]["start"]["line"], d["message"]) for d in diagnostics]
    assert found == {}


def test_the_checkouts_own_schema_lines_lead_to_its_schemas(server):
    # the records in data/ as they are: their first line points at schemas/ in the checkout
    for path in sorted((ROOT / "data").rglob("*.yaml")):
        uri = server.open(path)
        assert server.diagnostics(uri) == [], path
    broken = ROOT / "data/moter/2009/2009-10-30-styringsgruppa.yaml"
    text = broken.read_text(encoding="utf-8").replace("dokumenttype: referat", "dokumenttype: referatet", 1)
    uri = server.open(broken.with_name("x-" + broken.name), text)
    assert [d["range"]["start"]["line"] for d in server.diagnostics(uri)] == [
        text.splitlines().index("dokumenttype: referatet")]


BROKEN = """\
utvalg: formannskapet
moetedato: 2009-03-04
dokumenttype: referat
start: 25:00
saksbehanlder: kari
saker:
- nr: "1"
  tittel: Budsjett
  votering:
    enstemmig: ja
    for: 5
    mot: 2
  vedtak: Budsjettet vedtas.
- nr: "2"
  tittel: Tilskudd
  tekst: Søkeren [[skjermet hjemmel="offl. § 13"]]Kari Nordmann
  votering:
  - for: -1
protokollstatus:
  status: godkjent
"""


def test_a_broken_record_gets_one_diagnostic_per_mistake(server, schemas, tmp_path):
    uri, diagnostics = open_text(server, schemas, tmp_path, "2009-03-04-formannskapet.yaml", "moete", BROKEN)
    lines = sorted({d["range"]["start"]["line"] - 1 for d in diagnostics})  # the schema line comes first
    text = BROKEN.splitlines()
    assert [text[i].strip() for i in lines] == [
        "start: 25:00",            # hour 25
        "saksbehanlder: kari",     # an unknown key
        "mot: 2",                  # enstemmig with votes against
        'tekst: Søkeren [[skjermet hjemmel="offl. § 13"]]Kari Nordmann',  # a span never closed
        "- for: -1",               # a negative vote count
        "protokollstatus:",        # approved minutes without a date: "dato" missing here
    ]
    messages = {text[d["range"]["start"]["line"] - 1].strip(): d["message"] for d in diagnostics}
    assert "saksbehanlder" in messages["saksbehanlder: kari"]
    assert '"dato"' in messages["protokollstatus:"]
    # in words, not a regular expression
    assert messages["start: 25:00"].startswith("Ikke et klokkeslett: skriv 13:15 eller 13.15")
    assert messages['tekst: Søkeren [[skjermet hjemmel="offl. § 13"]]Kari Nordmann'].startswith(
        "Ugyldig skjerming i teksten")


def test_a_decimal_comma_is_named(server, schemas, tmp_path):
    text = "maalinger:\n- indikator: sykefravaer\n  periode: 2009-Q5\n  verdi: 9,5\n"
    _, diagnostics = open_text(server, schemas, tmp_path, "k.yaml", "indikatorer", text)
    assert [(d["range"]["start"]["line"] - 1, d["message"]) for d in diagnostics] == [
        (2, "Ikke en periode: 2009, 2009-S1 (S1–S2), 2009-T1 (T1–T3), 2009-Q1 (Q1–Q4), 2009-M01 eller 2009-01 "
            "(måned 1–12), 2009-W01 (uke 1–53)."),
        (3, "Ikke et tall: skriv desimaltall med punktum, f.eks. 9.5 (ikke 9,5)."),
    ]


def test_what_editors_used_to_reject_is_fine(server, schemas, tmp_path):
    # the findings: `vedtak:` as text, `periode: 2007` (a number to YAML 1.2), ja/nei,
    # times with a dot (a number to YAML 1.2), a choice as people say it
    meeting = ("utvalg: formannskapet\nmoetedato: 30.10.2009\ndokumenttype: Referat\nstart: 13.15\n"
               "deltakere:\n- person: kari\n  stemmerett: nei\n  til_stede_til: 13.15\n"
               "saker:\n- nr: 45/09\n  tittel: 2009\n  vedtak: Saken utsettes.\n  votering:\n    enstemmig: ja\n")
    indicators = ("maalinger:\n- indikator: sykefravaer\n  periode: 2007\n  verdi: '9.5'\n"
                  "- indikator: sykefravaer\n  periode: 2009-Q3\n  verdi: 9\n")
    assert open_text(server, schemas, tmp_path, "m.yaml", "moete", meeting)[1] == []
    assert open_text(server, schemas, tmp_path, "i.yaml", "indikatorer", indicators)[1] == []


def test_completion_offers_the_fields_with_their_descriptions(server, schemas, tmp_path):
    text = "utvalg: formannskapet\nmoetedato: 2009-03-04\ndokumenttype: referat\n\n"
    uri, _ = open_text(server, schemas, tmp_path, "c.yaml", "moete", text)
    items = {i["label"]: i for i in server.completion(uri, 4, 0)}
    for field in ("start", "moetested", "deltakere", "saker", "protokollstatus"):
        documentation = items[field].get("documentation")
        documentation = documentation["value"] if isinstance(documentation, dict) else documentation
        assert FIELDS["Moete"][field] in documentation
    assert "utvalg" not in items  # already written


def test_completion_offers_the_choices(server, schemas, tmp_path):
    text = "utvalg: formannskapet\nmoetedato: 2009-03-04\ndokumenttype: \n"
    uri, _ = open_text(server, schemas, tmp_path, "d.yaml", "moete", text)
    labels = {i["label"] for i in server.completion(uri, 3, len("dokumenttype: "))}
    assert {"innkalling", "referat", "moeteprotokoll", "moetebok"} <= labels


def test_hover_shows_the_description(server, schemas, tmp_path):
    text = "utvalg: formannskapet\nmoetedato: 2009-03-04\ndokumenttype: referat\nprotokollstatus:\n  status: utkast\n"
    uri, _ = open_text(server, schemas, tmp_path, "h.yaml", "moete", text)
    hover = server.hover(uri, 5, 4)
    contents = hover["contents"]
    value = contents["value"] if isinstance(contents, dict) else str(contents)
    assert "utkast eller godkjent" in value
