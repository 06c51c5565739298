"""axe-core in a real headless Chromium, for the tests of every HTML kvk writes (the documents
here; 17-publish's site can use the same helper).

axe-core is pinned in tests/browser/package.json and package-lock.json (.ci/run installs it with
``npm ci --prefix tests/browser``); Chromium is the system package, driven by Playwright.

    violations(html) -> [{"id", "impact", "help", "nodes": [...]}] of impact serious or critical
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..conftest import needs

HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
BLOCKING = ("serious", "critical")


def chromium() -> str:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return os.path.realpath(found) if name != "chromium" else found
    needs("Chromium is not installed (apt-get install chromium; .ci/run installs it)")
    raise AssertionError  # needs() skipped or failed


def axe_source() -> str:
    if not AXE.is_file():
        needs("axe-core is not installed (npm ci --prefix tests/browser; .ci/run does it)")
    return AXE.read_text(encoding="utf-8")


def violations(html: str, blocking: tuple[str, ...] = BLOCKING) -> list[dict]:
    """The axe-core violations of ``html`` at one of the ``blocking`` impacts."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        needs("Playwright is not installed (pip install -e '.[test]' brings it)")
    source = axe_source()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.set_content(html, wait_until="load")
            page.add_script_tag(content=source)
            result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        finally:
            browser.close()
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["html"][:120] for n in v["nodes"][:3]]}
            for v in result["violations"] if v["impact"] in blocking]
