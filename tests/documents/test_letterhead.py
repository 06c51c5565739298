"""The letterhead and page frame (issue 16): logo, name, address and org. number from kvk.yaml,
the running header, "Offentlig versjon", the internal copy's warning, "UTKAST" until the minutes
are approved, signature lines, no page break before every item; and the failures of a logo or
font that cannot be used: one line naming the file, exit 2, no output file."""

from __future__ import annotations

import re

from kvk.cli import app
from kvk.render import pdf as pdf_module

from ..conftest import require_pdf
from .conftest import CASE, MEETING, set_status


def _html(runner, repo, *args):
    result = runner.invoke(app, [*args, "--format", "html", "--repo", str(repo)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_letterhead_from_kvk_yaml(runner, kommune):
    html = _html(runner, kommune, "render-minutes", MEETING)
    head = html[html.index('<header class="brevark">'):html.index("</header>")]
    assert '<img src="data:image/svg+xml;base64,' in head
    assert 'alt="Kommunevåpen for Fjordvik kommune"' in head
    for text in ("Fjordvik kommune", "Rådhusgata 1", "7100 Fjordvik", "72 00 00 00",
                 "postmottak@fjordvik.kommune.no", "Org.nr.&nbsp;974 760 673"):
        assert text in head
    # the running header names the organisation and the document
    assert '<div class="topptekst" aria-hidden="true">Fjordvik kommune · Protokoll fra møte i formannskapet' in html


def test_public_variant_is_marked_and_internal_copy_warns(runner, kommune):
    public = _html(runner, kommune, "render-minutes", MEETING, "--public")
    assert '<p class="variant-merke">Offentlig versjon</p>' in public
    assert "Intern versjon" not in public
    internal = _html(runner, kommune, "render-minutes", MEETING)  # the minutes hold a closed item
    assert "Offentlig versjon" not in internal
    assert "Intern versjon: inneholder opplysninger unntatt offentlighet" in internal
    nn = _html(runner, kommune, "render-minutes", MEETING, "--public", "--maalform", "nn")
    assert "Offentleg versjon" in nn


def test_draft_is_marked_until_approved(runner, kommune):
    assert 'class="utkast-merke"' not in _html(runner, kommune, "render-minutes", MEETING)
    set_status(kommune, "utkast")
    html = _html(runner, kommune, "render-minutes", MEETING)
    assert '<div class="utkast-merke">UTKAST</div>' in html


def test_approved_minutes_carry_no_draft_mark(runner, kommune):
    set_status(kommune, "godkjent")
    assert 'class="utkast-merke"' not in _html(runner, kommune, "render-minutes", MEETING)


def test_signatures_stand_apart_with_lines(runner, kommune):
    html = _html(runner, kommune, "render-minutes", MEETING)
    block = html[html.index('<div class="signatur">'):]
    assert block.count('<div class="signatar">') == 2
    assert re.search(r"\.signatur \.signatar \{[^}]*border-top: 1px solid", html)


def test_pdf_frame_on_every_page(runner, kommune, tmp_path):
    """UTKAST on every page, the running header from page 2, and items that follow each other
    (no page of its own for each agenda item)."""
    pypdf = require_pdf()
    set_status(kommune, "utkast")
    out = tmp_path / "p.pdf"
    result = runner.invoke(app, ["render-minutes", MEETING, "--format", "pdf", "-o", str(out),
                                 "--repo", str(kommune)])
    assert result.exit_code == 0, result.output
    pages = [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(out).pages]
    assert len(pages) == 2  # four items: two pages, not four three-quarters-empty ones
    assert all("UTKAST" in p for p in pages)
    assert "Fjordvik kommune · Protokoll fra møte" not in pages[0]
    assert "Fjordvik kommune · Protokoll fra møte" in pages[1]
    assert [f"Side {i} av 2" in p for i, p in enumerate(pages, 1)] == [True, True]


# --- failures --------------------------------------------------------------------------------

def _fails(runner, repo, tmp_path, code, *needles):
    out = tmp_path / "out.pdf"
    result = runner.invoke(app, ["render-case", CASE, "--format", "pdf", "-o", str(out), "--repo", str(repo)])
    assert result.exit_code == 2, result.output
    message = result.stderr.strip()
    assert "\n" not in message and "Traceback" not in result.output
    assert code in message
    for needle in needles:
        assert needle in message
    assert not out.exists() and list(tmp_path.glob("out.pdf*")) == []
    return message


def test_missing_logo(runner, kommune, tmp_path):
    (kommune / "maler" / "fjordvik-vapen.svg").unlink()
    _fails(runner, kommune, tmp_path, "KVK316", "kvk.yaml", "maler/fjordvik-vapen.svg", "does not exist")


def test_unreadable_logo(runner, kommune, tmp_path):
    logo = kommune / "maler" / "fjordvik-vapen.svg"
    logo.unlink()
    logo.mkdir()  # a folder where the file should be: cannot be read
    _fails(runner, kommune, tmp_path, "KVK316", "maler/fjordvik-vapen.svg")


def test_logo_outside_the_repository(runner, kommune, tmp_path):
    (tmp_path / "elsewhere.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (kommune / "maler" / "fjordvik-vapen.svg").unlink()
    (kommune / "maler" / "fjordvik-vapen.svg").symlink_to(tmp_path / "elsewhere.svg")
    _fails(runner, kommune, tmp_path, "KVK316", "outside the repository")


def test_logo_that_is_no_image(runner, kommune, tmp_path):
    (kommune / "maler" / "fjordvik-vapen.svg").write_bytes(b"GIF89a not a logo")
    _fails(runner, kommune, tmp_path, "KVK317", "maler/fjordvik-vapen.svg", "neither an SVG nor a PNG")


def test_logo_png_is_accepted(runner, kommune):
    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
           b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
    (kommune / "maler" / "fjordvik-vapen.svg").unlink()
    (kommune / "maler" / "vapen.png").write_bytes(png)
    config = kommune / "kvk.yaml"
    config.write_text(config.read_text().replace("fjordvik-vapen.svg", "vapen.png"))
    assert '<img src="data:image/png;base64,' in _html(runner, kommune, "render-case", CASE)


def test_font_that_cannot_be_found(runner, kommune, tmp_path, monkeypatch):
    require_pdf()
    monkeypatch.setattr(pdf_module, "FONT", "Nonexistent Font Family 16")
    _fails(runner, kommune, tmp_path, "KVK319", "Nonexistent Font Family 16", "apt-get install")


def test_pdf_stack_not_installed(runner, kommune, tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "weasyprint", None)
    _fails(runner, kommune, tmp_path, "KVK307", "pip install 'kvk-records[pdf]'")


def test_each_exempt_item_is_marked_in_the_internal_copy(runner, kommune):
    internal = _html(runner, kommune, "render-minutes", MEETING)
    marks = re.findall(r'<p class="unntatt-merke">([^<]*)</p>', internal)
    assert marks == ["Intern: Unntatt offentlighet, offl. § 25. Tas ut av den offentlige versjonen."]
    section = internal[internal.index("<h2>PS 47/09"):internal.index("<h2>PS 48/09")]
    assert "unntatt-merke" in section  # at the item itself, not somewhere else
    assert "unntatt-merke\"" not in _html(runner, kommune, "render-minutes", MEETING, "--public")
    agenda = _html(runner, kommune, "render-agenda", MEETING)
    assert agenda.count('<p class="unntatt-merke">') == 1


def test_reference_block_and_one_date_line(runner, seed_repo):
    """The seed minutes have Deres ref / Vår ref / a document date: one reference block, and the
    meeting's own date is called Møtedato, so no two different 'Dato' lines."""
    html = _html(runner, seed_repo, "render-minutes", "2009-10-30-styringsgruppa")
    block = html[html.index('<table class="referanse">'):]
    block = block[:block.index("</table>")]
    assert '<th scope="col">Deres ref</th><th scope="col">Vår ref</th><th scope="col">Dato</th>' in block
    assert "<td>ANWO 2008/628</td><td>02.11.2009</td>" in block
    body = html[html.index("<body>"):]
    assert len(re.findall(r">Dato:?<", body)) == 1
