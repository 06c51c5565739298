"""The internal copy marks each exempt part where it stands (issue 16): a [[skjermet]] span, a
field named in ``skjerming.felt`` and an object skjermet whole read "⟦Skjermet, <hjemmel>: …⟧"
in every format (highlighted in HTML and PDF), so a reader sees what the public version leaves
out. The public variant has no such mark (its text is the marker), and the characters that carry
a mark from the view to the finished document never reach any output."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kvk.cli import app
from kvk.render.redact import CLOSE, OPEN, SEP, finish

from ..conftest import require_pdf
from .conftest import CASE, MEETING

PRIVATE = (OPEN, SEP, CLOSE)


def _render(runner, repo, *args):
    result = runner.invoke(app, [*args, "--repo", str(repo)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_span_is_marked_in_the_internal_case(runner, kommune):
    md = _render(runner, kommune, "render-case", CASE)
    assert "Entreprenørens pris er ⟦Skjermet, offl. § 23: 38,5 millioner kroner⟧." in md
    # vedlegg 2 is skjermet whole: its title is marked too
    assert "⟦Skjermet, offl. § 23: Tilbud fra entreprenør⟧" in md
    nn = _render(runner, kommune, "render-case", CASE, "--maalform", "nn")
    assert "⟦Skjerma, offl. § 23: 38,5 millioner kroner⟧" in nn


def test_the_public_case_has_the_marker_and_no_mark(runner, kommune):
    md = _render(runner, kommune, "render-case", CASE, "--public")
    assert "Entreprenørens pris er Unntatt offentlighet, offl. § 23." in md
    assert "⟦" not in md and "38,5" not in md


def test_html_marks_the_span_inside_its_paragraph(runner, kommune):
    html = _render(runner, kommune, "render-case", CASE, "--format", "html")
    assert ('Entreprenørens pris er <mark class="skjermet-del"><span class="skjermet-etikett">'
            "⟦Skjermet, offl. § 23:</span> 38,5 millioner kroner⟧</mark>.") in html


def test_a_skjermet_field_is_marked(runner, kommune):
    """Case 2009/530 screens its tittel (offentlig_tittel stands in for it in public)."""
    md = _render(runner, kommune, "render-case", "2009/530")
    assert "# ⟦Skjermet, offl. § 25: Tilsetting av ny enhetsleder, Nordli sykehjem⟧" in md
    html = _render(runner, kommune, "render-case", "2009/530", "--format", "html")
    # inside <title> a tag would be shown as text: the text form there
    assert "<title>Saksframlegg: ⟦Skjermet, offl. § 25: Tilsetting av ny enhetsleder, Nordli sykehjem⟧</title>" in html


@pytest.mark.parametrize("args", [
    ("render-case", CASE), ("render-case", "2009/530"), ("render-minutes", MEETING), ("render-agenda", MEETING)])
@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("public", [False, True])
def test_no_mark_character_reaches_a_document(runner, kommune, args, fmt, public):
    out = _render(runner, kommune, *args, "--format", fmt, *(["--public"] if public else []))
    assert not any(c in out for c in PRIVATE)
    if public:
        assert "⟦" not in out
    elif args[0] == "render-case":
        assert "⟦Skjermet, offl. §" in out


def test_pdf_and_word_carry_the_mark(runner, kommune, tmp_path):
    require_pdf()
    from pypdf import PdfReader

    pdf = tmp_path / "sak.pdf"
    result = runner.invoke(app, ["render-case", CASE, "--format", "pdf", "-o", str(pdf), "--repo", str(kommune)])
    assert result.exit_code == 0, result.output
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(str(pdf)).pages)
    assert "⟦Skjermet, offl. § 23: 38,5 millioner kroner⟧" in text
    assert not any(c in text for c in PRIVATE)
    docx = pytest.importorskip("docx")
    out = tmp_path / "sak.docx"
    result = runner.invoke(app, ["render-case", CASE, "--format", "docx", "-o", str(out), "--repo", str(kommune)])
    assert result.exit_code == 0, result.output
    words = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "⟦Skjermet, offl. § 23: 38,5 millioner kroner⟧" in words


# --- finish(), the one place that turns the view's characters into marks ---------------------

def _part(text: str, hjemmel: str = "offl. § 13") -> str:
    return f"{OPEN}{hjemmel}{SEP}{text}{CLOSE}"


class _Nesting(HTMLParser):
    """Fails on a closing tag that does not close the innermost open element."""

    VOID = {"br", "img", "meta", "hr", "link", "input"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()


def test_a_span_over_paragraphs_stays_well_nested():
    html = f"<div><p>A {OPEN}offl. § 13{SEP}første</p>\n<ul><li>andre</li></ul><p>tredje{CLOSE} B</p></div>"
    out = finish(html, "html", "nb")
    parser = _Nesting()
    parser.feed(out)
    assert parser.stack == []
    assert out.count('<mark class="skjermet-del">') == 3  # label with første, andre, tredje
    assert '<li><mark class="skjermet-del">andre</mark></li>' in out
    assert "tredje⟧</mark> B</p>" in out


def test_inside_a_tag_and_in_the_title_the_text_form():
    html = f'<title>{_part("Navn")}</title><img alt="{_part("Navn")}">'
    out = finish(html, "html", "nb")
    assert out == '<title>⟦Skjermet, offl. § 13: Navn⟧</title><img alt="⟦Skjermet, offl. § 13: Navn⟧">'


def test_unpaired_characters_are_dropped():
    assert finish(f"a{CLOSE}b{SEP}c", "md", "nb") == "abc"
    out = finish(f"<p>a{CLOSE}b</p>", "html", "nb")
    assert out == "<p>ab</p>"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(["<p>", "</p>", "<li>", "</li>", " ", "x"]),
                          st.text(alphabet="abc &;", max_size=5).map(lambda t: _part(t or "y"))),
                max_size=12))
def test_finish_leaves_no_private_character_and_balances_marks(pieces):
    out = finish("".join(pieces), "html", "nn")
    assert not any(c in out for c in PRIVATE)
    assert out.count("<mark ") == out.count("</mark>")
    assert out.count("⟦Skjerma, offl. § 13:") == sum(p.startswith(OPEN) for p in pieces)
