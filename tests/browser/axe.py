"""axe-core in a real headless Chromium, for the HTML documents kvk renders.

The setup is the site's (17-publish): axe-core pinned in tests/publish/browser/package.json and
package-lock.json, which .ci/run installs with npm ci; Chromium is the system package, driven by
Playwright (no browser download).

    violations(html) -> [{"id", "impact", "help", "nodes": [...]}] of impact serious or critical
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..conftest import needs

AXE = Path(__file__).resolve().parents[1] / "publish" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
BLOCKING = ("serious", "critical")


def chromium() -> str:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    needs("Chromium is not installed (apt-get install chromium; .ci/run installs it)")
    raise AssertionError  # needs() skipped or failed


def axe_source() -> str:
    if not AXE.is_file():
        needs("axe-core is not installed (cd tests/publish/browser && npm ci; .ci/run does it)")
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
