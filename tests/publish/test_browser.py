"""The innsyn site in a real browser (Playwright driving the system Chromium): search from
file:// and from a web server, follow the hit to the meeting, read a case's saksgang, and no
serious or critical accessibility violation (axe-core) on any page."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from kvk.publish.site import build
from kvk.repository import Repository

from ..conftest import needs
from .conftest import copy_repo, sources

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parent / "browser" / "node_modules" / "axe-core" / "axe.min.js"
#: a word only the protokoll of the fixture meeting has (not its agenda, not a case)
PROTOKOLL_WORD = "fratrådte"
MEETING_URL = "moter/2009-04-23-formannskapet.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = copy_repo(sources()["kommune"], tmp_path_factory.mktemp("repo") / "kommune")
    out = tmp_path_factory.mktemp("site") / "innsyn"
    build(Repository.open(root), out)
    return out


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        needs("Playwright is not installed (pip install -e '.[test]' brings it)")
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        needs(f"Chromium is not installed ({CHROMIUM}; .ci/run installs it with apt)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
                              args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    yield page
    context.close()
    assert errors == [], errors


@pytest.fixture(scope="module")
def served(site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))

    class Quiet(handler.func):  # type: ignore[name-defined]
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def search_and_follow(page, start: str) -> list[str]:
    page.goto(start + "sok.html")
    page.fill("#q", PROTOKOLL_WORD)
    page.click("#sok-skjema button")
    page.wait_for_selector("#sok-treff li a")
    hits = page.locator("#sok-treff li a")
    links = [hits.nth(i).get_attribute("href") for i in range(hits.count())]
    excerpts = page.locator("#sok-treff li p").all_inner_texts()
    assert any(PROTOKOLL_WORD in e for e in excerpts), excerpts
    hits.first.click()
    page.wait_for_load_state()
    assert page.url.endswith(MEETING_URL), page.url
    assert page.locator("h1").first.inner_text() == "Formannskapet 23.04.2009"
    assert PROTOKOLL_WORD in page.locator("main").inner_text()
    return links


def test_search_from_file_finds_a_protokoll_word_and_leads_to_the_meeting(site, page):
    links = search_and_follow(page, site.as_uri() + "/")
    assert len(links) == 1


def test_search_when_served_uses_pagefind_and_leads_to_the_meeting(served, page):
    pytest.importorskip("pagefind", reason="the site extra (Pagefind) is not installed")
    page.goto(served + "sok.html")
    page.fill("#q", PROTOKOLL_WORD)
    page.click("#sok-skjema button")
    page.wait_for_selector("#sok-treff li a")
    # Pagefind's excerpts mark the word found; the small index's do not
    assert page.locator("#sok-treff li p mark").count() >= 1
    search_and_follow(page, served)


def test_a_case_page_shows_its_saksgang_across_bodies(site, page):
    page.goto((site / "saker/2009-0101.html").as_uri())
    assert page.locator("h1").inner_text() == "Sak 2009/101: Ny barnehage på Sandvika – lokalisering"
    rows = page.locator("table.saksgang tbody tr")
    cells = [[c.strip() for c in rows.nth(i).locator("th, td").all_inner_texts()] for i in range(rows.count())]
    assert [r[:4] for r in cells] == [["Formannskapet", "23.04.2009", "41/09", "innstilling"],
                                      ["Kommunestyret", "07.05.2009", "PS 23/09", "vedtak"]]
    assert cells[0][4] == "Ny barnehage lokaliseres på Sandvika sentrum, tomt gnr. 12 bnr. 4."
    page.click("table.saksgang >> text=23.04.2009")
    assert page.url.endswith(MEETING_URL)


def test_a_screened_case_shows_its_public_title_only(site, page):
    page.goto((site / "saker/2009-0102.html").as_uri())
    text = page.locator("main").inner_text()
    assert "Tilsetting – ******" in text and "Tilsetting – oppvekstsjef" not in text


def html_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if "pagefind" not in p.parts)


def test_no_serious_or_critical_accessibility_violation_on_any_page(site, page):
    if not AXE.is_file():
        needs(f"axe-core is not installed: run 'npm ci' in {AXE.parents[2]}")
    found = {}
    for rel in html_pages(site):
        page.goto((site / rel).as_uri())
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        bad = [f"{v['id']} ({v['impact']}): {v['help']}" for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
        if bad:
            found[rel] = bad
    assert found == {}
    assert len(html_pages(site)) >= 15
