"""Visual regression (issue 16): the first page of each seed document and of each corpus
document that has its records, rendered to PDF, turned into a PNG by pdftoppm and compared with
the committed image in tests/visual/images/ within a tolerance (fonts render a pixel apart from
one FreeType to the next; a moved block, a lost letterhead or a new page break do not pass).

Regenerate the images after an intended change of the look, then look at them:

    KVK_UPDATE_IMAGES=1 .venv/bin/python -m pytest tests/visual

"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from kvk.cli import app

from ..conftest import ROOT, needs, require_pdf
from ..corpus.test_fidelity import commands

HERE = Path(__file__).resolve().parent
IMAGES = HERE / "images"
CORPUS = ROOT / "tests" / "corpus"
#: 50 dpi: enough to see the layout, small enough to commit (an A4 page is 414 x 585)
DPI = 50
#: a pixel differs when its grey level moves by more than this (of 255) ...
PIXEL = 48
#: ... and a page fails when more than this share of its pixels differ
SHARE = 0.01

SEED = [("seed-case-2008-1001", ["render-case", "2008/1001"]),
        ("seed-agenda-2009-10-30-styringsgruppa", ["render-agenda", "2009-10-30-styringsgruppa"]),
        ("seed-minutes-2009-10-30-styringsgruppa", ["render-minutes", "2009-10-30-styringsgruppa"]),
        ("seed-minutes-2009-10-30-styringsgruppa-public",
         ["render-minutes", "2009-10-30-styringsgruppa", "--public"])]


def _corpus() -> list[tuple[str, Path, list[str]]]:
    docs = []
    for folder in sorted(p for p in CORPUS.iterdir() if (p / "data").is_dir() and (p / "render.yaml").is_file()):
        for i, full in enumerate(commands(folder)):
            args = full[:2]  # the command and the record; the format is ours
            docs.append((f"corpus-{folder.name[:2]}-{i + 1}", folder, args))
    return docs


#: a corpus document is compared once it renders and its image is committed (issue 13 is still
#: teaching kvk some corpus profiles); test_every_renderable_document_has_an_image keeps that honest
CORPUS_DOCUMENTS = _corpus()
DOCUMENTS = [(name, ROOT, args) for name, args in SEED] + [
    d for d in CORPUS_DOCUMENTS if (IMAGES / f"{d[0]}.png").is_file() or os.environ.get("KVK_UPDATE_IMAGES") == "1"]


def _pdftoppm() -> str:
    found = shutil.which("pdftoppm")
    if found is None:
        needs("pdftoppm is not installed (apt-get install poppler-utils; .ci/run installs it)")
    return found


def first_page(repo: Path, args: list[str], tmp_path: Path):
    from PIL import Image
    from typer.testing import CliRunner

    pdf = tmp_path / "doc.pdf"
    result = CliRunner().invoke(app, [*args, "--format", "pdf", "-o", str(pdf), "--repo", str(repo)])
    if result.exit_code != 0 and os.environ.get("KVK_UPDATE_IMAGES") == "1" and repo != ROOT:
        pytest.skip(f"does not render yet: {result.output.strip()}")
    assert result.exit_code == 0, result.output
    subprocess.run([_pdftoppm(), "-r", str(DPI), "-f", "1", "-l", "1", "-png", "-singlefile", "-gray",
                    str(pdf), str(tmp_path / "page")], check=True, timeout=120)
    return Image.open(tmp_path / "page.png").convert("L")


def differing_share(a, b) -> float:
    from PIL import ImageChops

    if a.size != b.size:
        return 1.0
    diff = ImageChops.difference(a, b).point(lambda v: 255 if v > PIXEL else 0)
    return sum(diff.histogram()[255:]) / (a.size[0] * a.size[1])


@pytest.mark.parametrize("name,repo,args", DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_first_page_looks_as_committed(name, repo, args, tmp_path):
    require_pdf()
    page = first_page(repo, args, tmp_path)
    committed = IMAGES / f"{name}.png"
    if os.environ.get("KVK_UPDATE_IMAGES") == "1":
        page.save(committed, optimize=True)
        return
    assert committed.is_file(), f"no image {committed.relative_to(ROOT)}; make it with KVK_UPDATE_IMAGES=1"
    from PIL import Image

    share = differing_share(page, Image.open(committed).convert("L"))
    assert share <= SHARE, (f"{name}: {share:.1%} of the first page's pixels differ from "
                            f"{committed.relative_to(ROOT)}; look at {tmp_path / 'page.png'}")


def test_every_renderable_document_has_an_image():
    """A corpus document that renders (as Markdown, the cheap check) but has no committed image
    fails here: make its image (KVK_UPDATE_IMAGES=1) and look at it."""
    from typer.testing import CliRunner

    missing = []
    for name, repo, args in CORPUS_DOCUMENTS:
        if (IMAGES / f"{name}.png").is_file():
            continue
        if CliRunner().invoke(app, [*args, "--repo", str(repo)]).exit_code == 0:
            missing.append(name)
    assert missing == []


def test_a_moved_block_is_noticed(tmp_path):
    """The tolerance lets a font's anti-aliasing through, not a layout change."""
    require_pdf()
    from PIL import ImageChops

    page = first_page(ROOT, SEED[2][1], tmp_path)
    assert differing_share(page, page.copy()) == 0.0
    moved = ImageChops.offset(page, 0, 12)  # everything 12 px (6 mm) down
    assert differing_share(page, moved) > SHARE
