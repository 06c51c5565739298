"""Word output (issue 16): the same view model filled into the municipality's Word template
(docxtpl), read back with python-docx: text, heading styles, tables, the letterhead in the
header, the målform, and no skjermet string in a public DOCX. A template that cannot be used
is one line naming it, exit 2, no file."""

from __future__ import annotations

import shutil

import pytest

from kvk.cli import app

from .conftest import CASE, MEETING
from .make_word_template import OUT as BUILTIN, build

try:
    import docx  # python-docx comes with the test extra
except ImportError:  # on CI a missing test dependency fails the module
    import os

    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        raise
    docx = pytest.importorskip("docx")

#: what the closed item PS 47/09 (case 2009/530, skjermet whole) and case 2009/512's skjermet
#: span hold; none of it may reach a public document
SECRETS = ("Tilsetting av ny enhetsleder, Nordli sykehjem", "Søker nr. 3 tilsettes", "38,5 millioner")


def _render(runner, repo, tmp_path, *args):
    out = tmp_path / "doc.docx"
    result = runner.invoke(app, [*args, "--format", "docx", "-o", str(out), "--repo", str(repo)])
    assert result.exit_code == 0, result.output
    return docx.Document(str(out))


def _all_text(d) -> str:
    parts = [p.text for p in d.paragraphs]
    parts += [c.text for t in d.tables for r in t.rows for c in r.cells]
    for s in d.sections:
        parts += [p.text for p in s.header.paragraphs] + [p.text for p in s.footer.paragraphs]
    parts.append(d.core_properties.title or "")
    return "\n".join(parts)


def test_minutes_as_word(runner, kommune, tmp_path):
    d = _render(runner, kommune, tmp_path, "render-minutes", MEETING)
    styles = [(p.style.name, p.text) for p in d.paragraphs]
    assert ("Heading 1", "Protokoll fra møte i formannskapet 18. november 2009") in styles
    assert ("Heading 2", "PS 46/09: Bygging av ny flerbrukshall") in styles
    assert ("List Bullet", "Rammen settes til 42 mill. kroner.") in styles
    rows = [[c.text for c in r.cells] for r in d.tables[0].rows]
    assert ["Utvalg:", "Formannskapet"] in rows
    header = [p.text for p in d.sections[0].header.paragraphs]
    assert header[0] == "Fjordvik kommune"
    assert "Rådhusgata 1 · 7100 Fjordvik" in header[1] and "Org.nr. 974 760 673" in header[1]
    assert d.core_properties.title == "Protokoll fra møte i formannskapet 18. november 2009"
    assert "Søker nr. 3 tilsettes" in _all_text(d)  # the internal copy keeps what is exempt
    assert "Intern versjon" in _all_text(d)


def test_a_case_table_has_its_header_row(runner, kommune, tmp_path):
    d = _render(runner, kommune, tmp_path, "render-case", CASE)
    heads = [[c.text for c in t.rows[0].cells] for t in d.tables]
    assert ["Saksnr", "Utvalg", "Møtedato"] in heads


def test_nynorsk(runner, kommune, tmp_path):
    d = _render(runner, kommune, tmp_path, "render-minutes", MEETING, "--maalform", "nn")
    assert d.core_properties.title == "Protokoll frå møte i formannskapet 18. november 2009"


@pytest.mark.parametrize("args", [("render-minutes", MEETING), ("render-agenda", MEETING),
                                  ("render-case", CASE), ("render-case", "2009/530")])
def test_no_skjermet_string_survives_a_public_docx(runner, kommune, tmp_path, args):
    text = _all_text(_render(runner, kommune, tmp_path, *args, "--public"))
    assert [s for s in SECRETS if s in text] == []
    assert "Offentlig versjon" in text
    assert "Unntatt offentlighet" in text


def test_a_record_character_stays_text(runner, kommune, tmp_path):
    """'<' and '&' in a record reach Word as text (autoescape), never as broken XML."""
    path = kommune / "data/moter/2009/2009-11-18-formannskapet.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Kaikanten AS får skjenkebevilling", "Kaikanten <AS> & Co får skjenkebevilling"), encoding="utf-8")
    assert "Kaikanten <AS> & Co får skjenkebevilling" in _all_text(
        _render(runner, kommune, tmp_path, "render-minutes", MEETING))


def test_the_repositorys_own_template(runner, kommune, tmp_path):
    own = kommune / "templates" / "brevmal.docx"
    own.parent.mkdir()
    build(own)
    d = docx.Document(str(own))
    d.sections[0].header.paragraphs[0].text = "{{ brev.navn }} – vår egen mal"
    d.save(str(own))
    rendered = _render(runner, kommune, tmp_path, "render-minutes", MEETING)
    assert rendered.sections[0].header.paragraphs[0].text == "Fjordvik kommune – vår egen mal"


def test_the_shipped_template_is_current(tmp_path):
    """templates/brevmal.docx is what make_word_template writes (regenerate it with
    `.venv/bin/python -m tests.documents.make_word_template`)."""
    fresh = docx.Document(str(build(tmp_path / "fresh.docx")))
    shipped = docx.Document(str(BUILTIN))
    assert [p.text for p in shipped.paragraphs] == [p.text for p in fresh.paragraphs]
    assert [[c.text for c in r.cells] for r in shipped.tables[0].rows] == \
        [[c.text for c in r.cells] for r in fresh.tables[0].rows]


# --- a template that cannot be used ------------------------------------------------------------

def _fails(runner, repo, tmp_path, code, *needles):
    out = tmp_path / "out.docx"
    result = runner.invoke(app, ["render-minutes", MEETING, "--format", "docx", "-o", str(out),
                                 "--repo", str(repo)])
    assert result.exit_code == 2, result.output
    message = result.stderr.strip()
    assert "\n" not in message and "Traceback" not in result.output
    assert code in message
    for needle in needles:
        assert needle in message
    assert list(tmp_path.glob("out.docx*")) == []


def _own(kommune, data: bytes | None = None):
    target = kommune / "maler" / "brev.docx"
    if data is not None:
        target.write_bytes(data)
    config = kommune / "kvk.yaml"
    config.write_text(config.read_text().replace("brevark:\n", "brevark:\n  word_mal: maler/brev.docx\n"))
    return target


def test_word_output_without_docxtpl(runner, kommune, tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "docxtpl", None)
    out = tmp_path / "out.docx"
    result = runner.invoke(app, ["render-case", CASE, "--format", "docx", "-o", str(out), "--repo", str(kommune)])
    assert result.exit_code == 2
    assert "KVK320" in result.stderr and "pip install 'kvk-records[docx]'" in result.stderr
    assert not out.exists()


def test_broken_word_template(runner, kommune, tmp_path):
    _own(kommune, b"PK\x03\x04 truncated")
    _fails(runner, kommune, tmp_path, "KVK318", "maler/brev.docx", "not a .docx file")


def test_missing_word_template(runner, kommune, tmp_path):
    _own(kommune)
    _fails(runner, kommune, tmp_path, "KVK318", "maler/brev.docx", "does not exist")


def test_foreign_word_document(runner, kommune, tmp_path):
    """A Word document that is not a kvk template (no loop over the blocks)."""
    target = _own(kommune)
    d = docx.Document()
    d.add_paragraph("Et helt vanlig brev.")
    d.save(str(target))
    _fails(runner, kommune, tmp_path, "KVK318", "maler/brev.docx", "not a kvk template")


def test_a_template_tag_word_split(runner, kommune, tmp_path):
    target = _own(kommune)
    shutil.copy(BUILTIN, target)
    d = docx.Document(str(target))
    d.add_paragraph("{%p if b.type == %}")
    d.save(str(target))
    _fails(runner, kommune, tmp_path, "KVK318", "maler/brev.docx", "mistyped")
