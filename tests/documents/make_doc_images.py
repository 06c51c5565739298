"""Writes the pictures of docs/rendering.md ("Formats at a glance"): the first page of the
Fjordvik minutes (with the letterhead of tests/documents/conftest.py) as PDF, HTML and Markdown,
and the public scorecard.

    .venv/bin/python -m tests.documents.make_doc_images

Needs pdftoppm (poppler-utils) and Chromium, as the tests do.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from pathlib import Path

from typer.testing import CliRunner

from kvk.cli import app

from ..browser.axe import chromium
from .conftest import BREVARK, FJORDVIK, HERE, MEETING, set_status

ROOT = HERE.parents[1]
OUT = ROOT / "docs" / "images"


def _kvk(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _shot(page_html: str, target: Path, width: int = 820, height: int = 1000) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": width, "height": height})
        page.set_content(page_html, wait_until="load")
        page.screenshot(path=str(target))
        browser.close()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "fjordvik"
        shutil.copytree(FJORDVIK, repo)
        (repo / "maler").mkdir()
        shutil.copy(HERE / "fixtures" / "fjordvik-vapen.svg", repo / "maler")
        with (repo / "kvk.yaml").open("a", encoding="utf-8") as f:
            f.write(BREVARK)
        set_status(repo, "utkast")
        args = ["render-minutes", MEETING, "--public", "--repo", str(repo)]
        pdf = Path(tmp) / "p.pdf"
        _kvk(*args, "--format", "pdf", "-o", str(pdf))
        subprocess.run(["pdftoppm", "-r", "70", "-f", "1", "-l", "1", "-png", "-singlefile", str(pdf),
                        str(OUT / "pdf-first-page")], check=True)
        _shot(_kvk(*args, "--format", "html"), OUT / "html-first-page.png")
        md = _kvk(*args, "--format", "md")
        _shot(f"<pre style='font: 13px/1.4 DejaVu Sans Mono, monospace; white-space: pre-wrap; margin: 16px'>"
              f"{html.escape(md)}</pre>", OUT / "markdown-first-page.png", height=700)
    _shot(_kvk("render-scorecard", "--public", "--repo", str(ROOT)), OUT / "scorecard.png", width=1300, height=700)


if __name__ == "__main__":
    main()
