"""Search in a real browser, through ``tei serve``'s application (uvicorn on 127.0.0.1):
Playwright driving Debian's Chromium, as tests/test_browser.py does. A query returns results
within a second, a facet narrows them, a result lands on its passage, at 390 and 1280 px;
axe finds no WCAG A/AA violation; without JavaScript the page says so and links to the registers."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from chromium import ARTIFACTS_ENV, WCAG, sync_api_or_skip
from dtsclient import live_server

pytestmark = pytest.mark.slow  # a real browser


sync_api_or_skip()


@pytest.fixture(scope="module")
def base(built):
    with live_server(built) as client:
        yield str(client.base_url).rstrip("/")


def open_search(browser, base: str, width: int, javascript: bool = True):
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript)
    page = context.new_page()
    problems: list[str] = []
    # (the browser's own request for /favicon.ico, which the edition does not have, is not the page's)
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type == "error" and not m.location.get("url", "").endswith("/favicon.ico") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url}"))
    page.problems = problems
    page.goto(f"{base}/search/index.html")
    return context, page


def query(page, words: str) -> float:
    """Type ``words``, submit; the seconds until the first result is shown."""
    page.fill("#ed-search-q", words)
    started = time.perf_counter()
    page.press("#ed-search-q", "Enter")
    page.wait_for_selector("#ed-search-list li a", timeout=5000)
    return time.perf_counter() - started


def count(page) -> int:
    status = page.text_content("#ed-search-status") or ""
    return int(status.split()[0])


def shoot(page, name: str) -> None:
    folder = os.environ.get(ARTIFACTS_ENV)
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), full_page=True)


@pytest.mark.parametrize("width", [390, 1280])
def test_query_facet_and_landing_on_the_passage(browser, base, width):
    context, page = open_search(browser, base, width)
    try:
        seconds = query(page, "Soviet")
        assert seconds < 1.0, f"first results after {seconds:.2f} s"
        everything = count(page)
        assert everything >= 5
        first = page.get_attribute("#ed-search-list li a", "href")
        assert "/html/" in first and "#" in first
        assert page.locator("#ed-search-list li mark").first.is_visible()  # the excerpt highlights the match
        # a facet narrows them: the passages that name Joseph Stalin
        page.locator("fieldset[data-facet=person] label", has_text="Joseph Stalin").click()
        page.wait_for_function(f"() => /^\\d+ passage/.test(document.querySelector('#ed-search-status').textContent) "
                               f"&& parseInt(document.querySelector('#ed-search-status').textContent) < {everything}")
        narrowed = count(page)
        assert 0 < narrowed < everything
        shoot(page, f"search-{width}.png")
        # clicking a result lands on the passage: the URL's fragment is its ID, and it is on screen
        link = page.locator("#ed-search-list li a").first
        fragment = link.get_attribute("href").split("#", 1)[1]
        link.click()
        page.wait_for_load_state("load")
        assert page.url.endswith("#" + fragment)
        target = page.locator(f"[id='{fragment}']")
        assert target.count() == 1 and target.is_visible()
        box, viewport = target.bounding_box(), page.viewport_size
        assert box is not None and 0 <= box["y"] < viewport["height"]
        assert page.problems == []
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_no_violation_on_the_search_page_with_results(browser, base, width):
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright",
                                     reason="accessibility test skipped: Python package axe-playwright-python is absent")
    context, page = open_search(browser, base, width)
    try:
        query(page, "Hungary")
        page.locator("fieldset[data-facet=place] label", has_text="Budapest").click()  # a facet chosen, too
        page.wait_for_selector("fieldset[data-facet=place] input:checked")
        results = axe_module.Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
        assert results.violations_count == 0, results.generate_report()
    finally:
        context.close()


def test_without_javascript_the_page_says_so_and_links_to_the_registers(browser, base):
    context, page = open_search(browser, base, 390, javascript=False)
    try:
        assert "needs JavaScript" in page.text_content("#ed-search-nojs")
        assert not page.is_visible("#ed-search-form")
        links = page.eval_on_selector_all("#ed-search-nojs a", "els => els.map(a => a.getAttribute('href'))")
        assert "../index/citation-index.html#ed-person" in links and "../index/citation-index.html" in links
    finally:
        context.close()


def test_opened_from_a_file_the_page_says_search_needs_a_server(browser, built):
    """From file:// a browser blocks the bundle: the page says so (no console error) and keeps the registers."""
    context = browser.new_context()
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    try:
        page.goto((built / "search" / "index.html").as_uri())
        assert "needs the site to be served over the web" in page.text_content("#ed-search-nojs")
        assert not page.is_visible("#ed-search-form")
        links = page.eval_on_selector_all("#ed-search-nojs a", "els => els.map(a => a.getAttribute('href'))")
        assert "../index/citation-index.html#ed-person" in links
        assert problems == []
    finally:
        context.close()


def test_static_hosting_under_a_sub_path(browser, built, tmp_path):
    """A plain static server (Python's http.server), the site under /edition/: the page finds its
    bundle and the results link into the same sub-path."""
    import functools
    import http.server
    import shutil
    import threading

    site = tmp_path / "www" / "edition"
    shutil.copytree(built, site, ignore=shutil.ignore_patterns(".cache"))
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path / "www"))
    handler.log_message = lambda *args: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        context, page = open_search(browser, f"http://127.0.0.1:{httpd.server_address[1]}/edition", 1280)
        try:
            query(page, "Hungary")
            hrefs = page.eval_on_selector_all("#ed-search-list li a", "els => els.map(a => a.getAttribute('href'))")
            assert hrefs and all(h.startswith("/edition/html/soviet-declaration-1956-10-30.html") for h in hrefs)
            assert page.problems == []
        finally:
            context.close()
    finally:
        httpd.shutdown()
