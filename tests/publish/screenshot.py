"""The screenshots in docs/publishing.md: the fixture municipality's site, built and shown in
the system Chromium. Run from the checkout:

    .venv/bin/python -m tests.publish.screenshot
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from kvk.publish.site import build
from kvk.repository import Repository

from ..conftest import ROOT
from .conftest import copy_repo, sources

SHOTS = {"site-moete.png": "moter/2009-04-23-formannskapet.html", "site-sak.png": "saker/2009-0101.html",
         "site-sok.png": "sok.html?q=fratrådte"}


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        root = copy_repo(sources()["kommune"], Path(tmp) / "kommune")
        site = Path(tmp) / "innsyn"
        build(Repository.open(root), site)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1000, "height": 900})
            for name, rel in SHOTS.items():
                path, _, query = rel.partition("?")
                page.goto((site / path).as_uri() + (f"?{query}" if query else ""))
                if query:
                    page.wait_for_selector("#sok-treff li")
                page.screenshot(path=str(ROOT / "docs" / "images" / name))
            browser.close()


if __name__ == "__main__":
    main()
