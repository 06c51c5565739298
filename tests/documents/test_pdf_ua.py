"""PDF/UA-1 (issue 16): every PDF kvk writes is tagged, says its language and title, has its
headings and table headers in the structure tree and the logo as a Figure with its alt text.
Read back with pikepdf, as an accessibility checker would."""

from __future__ import annotations

from collections import Counter

import pytest

from kvk.cli import app

from ..conftest import needs, require_pdf
from .conftest import CASE, MEETING


def _pikepdf():
    require_pdf()
    try:
        import pikepdf
    except ImportError:
        needs("pikepdf is not installed (pip install -e '.[test]' brings it)")
    return pikepdf


def _render(runner, repo, tmp_path, *args):
    out = tmp_path / "doc.pdf"
    result = runner.invoke(app, [*args, "--format", "pdf", "-o", str(out), "--repo", str(repo)])
    assert result.exit_code == 0, result.output
    return out


def _structure(pikepdf, node, found: Counter, alts: list) -> None:
    tag = node.get("/S")
    if tag is not None:
        found[str(tag)] += 1
        if str(tag) == "/Figure":
            alts.append(str(node.get("/Alt", "")))
    kids = node.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
        if isinstance(kid, pikepdf.Dictionary):
            _structure(pikepdf, kid, found, alts)


@pytest.mark.parametrize("maalform", ["nb", "nn"])
def test_minutes_are_pdf_ua(runner, kommune, tmp_path, maalform):
    pikepdf = _pikepdf()
    out = _render(runner, kommune, tmp_path, "render-minutes", MEETING, "--maalform", maalform)
    with pikepdf.open(out) as pdf:
        root = pdf.Root
        assert str(root.Lang) == maalform
        assert bool(root.MarkInfo.Marked) is True
        assert "/StructTreeRoot" in root
        meta = pdf.open_metadata()
        assert "pdfuaid:part" in str(meta) or meta.get("pdfuaid:part") == "1"
        title = "Protokoll fra møte i formannskapet 18. november 2009" if maalform == "nb" else \
            "Protokoll frå møte i formannskapet 18. november 2009"
        assert meta.get("dc:title") == title
        assert str(pdf.docinfo.Title) == title
        assert bool(root.ViewerPreferences.DisplayDocTitle) is True
        found: Counter = Counter()
        alts: list[str] = []
        _structure(pikepdf, root.StructTreeRoot, found, alts)
    assert found["/H1"] == 1 and found["/H2"] >= 4  # the title, then one heading per item
    assert found["/Table"] >= 1 and found["/TD"] >= 1
    assert alts == ["Kommunevåpen for Fjordvik kommune"]  # the logo, described


def test_a_saksframlegg_table_has_header_cells(runner, kommune, tmp_path):
    pikepdf = _pikepdf()
    out = _render(runner, kommune, tmp_path, "render-case", CASE)
    with pikepdf.open(out) as pdf:
        found: Counter = Counter()
        _structure(pikepdf, pdf.Root.StructTreeRoot, found, [])
        assert str(pdf.Root.Lang) == "nb"
    assert found["/TH"] >= 3  # Saksnr, Utvalg, Møtedato of the saksgang table
