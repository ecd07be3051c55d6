"""The reading edition in a real browser: Playwright driving Debian's Chromium (never a
downloaded browser). Skips, naming the missing package, when Chromium is not installed."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path

import pytest
from chromium import WCAG, artifacts_folder, sync_api_or_skip
from conftest import EDITION
from textcheck import missing_words, tei_words

from toolkit.xmlsafe import parse_file

pytestmark = pytest.mark.slow  # a real browser


STEM = EDITION.stem

sync_api_or_skip()


@pytest.fixture(scope="module")
def site(built):
    return built


@pytest.fixture(scope="module")
def server(site):
    """The outputs over HTTP on 127.0.0.1 (the clipboard needs a secure context: localhost is one)."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def edition_url(site: Path) -> str:
    return (site / "html" / f"{STEM}.html").as_uri()


def index_url(site: Path) -> str:
    return (site / "index" / "citation-index.html").as_uri()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url}"))
    page.problems = problems
    yield page
    context.close()


@pytest.mark.parametrize("which", ["edition", "index"])
def test_loads_from_file_without_errors_or_failed_requests(page, site, which):
    page.goto(edition_url(site) if which == "edition" else index_url(site))
    page.wait_for_load_state("load")
    assert page.title()
    assert page.problems == []


def test_every_internal_link_resolves_in_the_browser(page, site):
    checked = 0
    for url in (edition_url(site), index_url(site)):
        page.goto(url)
        links = page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)")
        targets: dict[str, set[str]] = {}
        for href in links:
            if href.startswith("file:"):
                base, _, fragment = href.partition("#")
                targets.setdefault(base, set()).add(fragment)
        for base, fragments in targets.items():
            page.goto(base)
            assert page.problems == []
            for fragment in fragments - {""}:
                assert page.evaluate("id => document.getElementById(id) !== null", fragment), f"{base}#{fragment}"
                checked += 1
        page.goto(url)
    assert checked > 50  # distinct fragments in the edition and the index


def test_toggling_each_entity_type_changes_the_highlighting(page, site):
    page.goto(edition_url(site))
    toggles = page.eval_on_selector_all(".highlight-controls input", "els => els.map(e => e.id)")
    assert toggles == ["hl-person", "hl-place", "hl-org", "hl-work", "hl-event", "hl-date"]
    for toggle in toggles:
        kind = toggle[3:]
        assert page.is_checked(f"#{toggle}") is False  # the text opens clean: highlighting on demand
        selector = "a.ent-date" if kind == "date" else f".ent-{kind} > .ent-link"
        style = f"() => getComputedStyle(document.querySelector('{selector}')).color"
        before = page.evaluate(style)
        page.focus(f"#{toggle}")
        page.keyboard.press("Space")  # keyboard operable
        assert page.evaluate(style) != before, kind
        assert page.evaluate(f"() => document.documentElement.classList.contains('hl-on-{kind}')")
    # The choice is remembered without a server.
    page.reload()
    assert page.evaluate("() => document.documentElement.classList.contains('hl-on-person')")
    assert page.is_checked("#hl-person") is True
    page.evaluate("() => localStorage.clear()")


def test_popover_opens_and_closes_by_keyboard(page, site):
    page.goto(edition_url(site))
    page.focus("#headnote .ent-person > .ent-link")
    popover = page.locator(".popover")
    assert popover.count() == 1 and popover.is_visible()
    text = popover.inner_text()
    assert "Joseph Stalin" in text and "Person" in text and "died 1953-03-05" in text and "Wikidata Q855" in text
    assert "Cited in" in text and "Headnote" in text
    page.keyboard.press("Escape")
    assert page.locator(".popover").count() == 0
    assert page.evaluate("() => document.activeElement.classList.contains('ent-link')")
    # A note marker shows its note in place; the link still leads to the endnote.
    page.focus("a[role='doc-noteref']")
    assert "Source note." in page.locator(".popover").inner_text()  # note 1 is now the source note (issue 26)
    page.keyboard.press("Escape")
    assert page.locator(".popover").count() == 0
    assert page.get_attribute("a[role='doc-noteref']", "href") == "#ed-note-1"


def test_cite_copies_the_full_citation(browser, server):
    """Citation on demand (issue 28): the passage's label is the one control; following it opens
    the shared panel with the full citation, whose button copies it."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{server}/html/{STEM}.html")
    # one control per passage, its label: the only buttons are the hidden panel's two
    assert page.locator("#ed-text .passage-link").count() == 7
    assert page.locator("#ed-text button").count() == 2 and page.locator("#ed-text button:visible").count() == 0
    page.click("#par-3 .passage-link")
    assert page.url.endswith("#par-3")  # the label is still the link to the passage
    panel = page.locator("#ed-cite-panel")
    assert panel.is_visible() and panel.locator(".cite-panel-title").inner_text() == "Cite ¶ 3"
    assert page.get_attribute("#par-3 .passage-link", "aria-expanded") == "true"
    page.click("#ed-cite-panel .cite-copy")
    page.wait_for_function("() => document.getElementById('ed-live').textContent.length > 0")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    expected_url = f"{server}/html/{STEM}.html#par-3"
    assert copied == panel.locator(".cite-panel-text").inner_text()  # what is shown is what is copied
    assert copied.startswith("Soviet Government. Friendship and Cooperation Between the Soviet Union")
    # the version, the credits, the passage URL and the reader's date of access (issue 26)
    assert f"¶ 3. {expected_url}. Accessed " in copied
    assert re.search(r"Accessed \d{4}-\d{2}-\d{2}\.$", copied), copied
    assert "version 1.1, 2026-12-02" in copied and "Headnote by the Sourcebook's editor, Paul Halsall" in copied
    assert "Internet Modern History Sourcebook" in copied
    assert page.inner_text("#ed-live").startswith("Citation of ¶ 3 copied")
    context.close()


def test_citation_panel_by_keyboard_one_panel_for_all_passages(page, site):
    page.goto(edition_url(site))
    page.focus("#par-2 .passage-link")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.classList.contains('cite-copy')")
    assert page.url.endswith("#par-2") and "¶ 2." in page.inner_text("#ed-cite-panel .cite-panel-text")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.classList.contains('cite-close')")
    page.keyboard.press("Escape")
    assert not page.is_visible("#ed-cite-panel")
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == "#par-2"  # focus back on the label
    assert page.get_attribute("#par-2 .passage-link", "aria-expanded") == "false"
    # another label reuses the one panel, placed after its passage
    page.click("#par-5 .passage-link")
    page.click("#par-4 .passage-link")
    assert page.locator(".cite-panel").count() == 1
    assert page.evaluate("() => document.getElementById('par-4').nextElementSibling.id") == "ed-cite-panel"
    page.click("#ed-cite-panel .cite-close")
    assert not page.is_visible("#ed-cite-panel")


def test_paragraphs_have_prose_spacing(page, site):
    """No empty lines or controls between paragraphs (a letter had 55 px gaps, issue 28)."""
    page.goto(edition_url(site))
    gaps = page.evaluate("""() => Array.from(document.querySelectorAll('#ed-text p.passage + p.passage')).map(p => {
        const size = parseFloat(getComputedStyle(p).fontSize);
        return (p.getBoundingClientRect().top - p.previousElementSibling.getBoundingClientRect().bottom) / size; })""")
    assert gaps and all(0.5 <= gap <= 1.25 for gap in gaps), gaps


def test_the_method_the_rights_and_the_citation_are_on_the_page(page, site):
    """What a reader must learn without a tooltip (issue 26): the method, the rights, the citation."""
    page.goto(edition_url(site))
    method = page.locator("#ed-method")
    assert method.is_visible() or method.count() == 1
    text = method.inner_text()
    for words in ("The text is an excerpt", "not the declaration's", "The text is unaltered",
                  "are the Sourcebook's", "¶ 1 to ¶ 6", "The tagging:"):
        assert words in text, words
    footer = page.locator("footer.site-footer").inner_text()
    assert "CC BY 4.0" in footer and "The rights-holder of the translation is unknown" in footer
    assert page.locator("footer a[type='application/tei+xml']").get_attribute("href") == f"../tei/{STEM}.xml"
    citation = page.locator("#ed-cite .citation").inner_text()
    assert "version 1.1, 2026-12-02" in citation and "Accessed [date of access]." in citation
    assert "Headnote by the Sourcebook's editor, Paul Halsall" in citation
    assert "English translation" in citation and "Internet Modern History Sourcebook" in citation
    assert "no public URL" in page.locator("#ed-cite").inner_text()
    # the hover card shows certainty and the entry's notes in the reading view
    romania = page.locator("[data-entity='hungarian-pr romanian-pr'] .ent-card").nth(1).inner_text()
    assert "certainty: medium" in romania and "Socialist Republic of Romania" in romania


def test_without_javascript_every_word_is_shown_and_links_work(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(edition_url(site))
    body, notes = tei_words(parse_file(EDITION).root)
    shown = page.inner_text("#ed-text") + "\n" + page.inner_text("#ed-notes")
    assert missing_words(body + notes, shown) == []
    assert page.locator(".highlight-controls").count() == 0 and page.locator("#ed-cite-panel").count() == 0
    assert "Each passage's label" in page.inner_text("#ed-cite")  # how a passage is cited, without the panel
    page.click("#par-3 .passage-link")
    assert page.url.endswith("#par-3")
    page.click("#par-4 .ent-work > .ent-link >> nth=0")
    assert page.url.endswith("citation-index.html#work-warsaw-treaty")
    context.close()


def test_index_links_land_on_the_highlighted_paragraph(page, site):
    page.goto(index_url(site) + "#person-lenin")
    page.click("#person-lenin .citation-link")
    assert page.url.endswith(f"{STEM}.html#par-2")
    page.wait_for_load_state("load")  # the click returns before the new page has applied :target
    highlighted = "() => getComputedStyle(document.getElementById('par-2')).backgroundColor === 'rgb(255, 246, 204)'"
    page.wait_for_function(highlighted, timeout=5000)


@pytest.mark.parametrize("width", [360, 1280, 1440])
def test_responsive_without_horizontal_scrolling(browser, site, width, tmp_path):
    artifacts = artifacts_folder(tmp_path)
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    for url in (edition_url(site), index_url(site)):
        page.goto(url)
        assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), url
    page.goto(edition_url(site))
    if width in (360, 1280):
        artifacts.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(artifacts / f"edition-{width}.png"), full_page=True)
        assert (artifacts / f"edition-{width}.png").stat().st_size > 10_000
    context.close()


def test_print_hides_controls_and_shows_notes_and_urls(page, site):
    page.goto(edition_url(site))
    page.emulate_media(media="print")
    page.click("#par-3 .passage-link")
    assert page.evaluate("() => getComputedStyle(document.querySelector('.cite-panel')).display") == "none"
    assert page.evaluate("() => getComputedStyle(document.querySelector('.highlight-controls')).display") == "none"
    assert page.is_visible("#ed-notes")
    after = page.evaluate("() => getComputedStyle(document.querySelector('.about a[href^=\"http\"]'), '::after').content")
    assert "http" in after or after == '""'
    link_after = page.evaluate("() => getComputedStyle(document.querySelector('#ed-names a[href^=\"http\"]'), '::after').content")
    assert "https://www.wikidata.org/wiki/" in link_after


@pytest.mark.parametrize("which", ["edition", "index", "edition with the citation panel open"])
def test_axe_reports_no_wcag_a_or_aa_violations(page, site, which):
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright",
                                     reason="accessibility test skipped: Python package axe-playwright-python is absent")
    page.goto(index_url(site) if which == "index" else edition_url(site))
    if which.endswith("open"):
        page.click("#par-3 .passage-link")
        assert page.is_visible("#ed-cite-panel")
    results = axe_module.Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    violations = results.response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []
    assert results.response["passes"]


def boxes(page) -> dict:
    return page.evaluate("""() => {
        const box = s => { const e = document.querySelector(s); if (!e) return null;
                           const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left}; };
        return {title: box('h1'), heading: box('.doc-title'), first: box('#headnote p'),
                height: window.innerHeight, apparatus: box('#ed-apparatus'), text: box('#ed-text')}; }""")


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844), (1440, 900)])
def test_the_page_opens_on_the_text(browser, site, width, height, tmp_path):
    """The edition's title and the heading of the text are visible without scrolling; at 1280 px
    the first lines of the text too, with the apparatus beside it rather than above it."""
    artifacts = artifacts_folder(tmp_path)
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(edition_url(site))
    b = boxes(page)
    assert b["title"]["bottom"] <= b["height"]
    assert b["heading"]["bottom"] <= b["height"], b
    if width >= 1024:
        assert b["first"]["top"] + 3 * 24 <= b["height"], b  # the first lines of the headnote
        assert b["apparatus"]["left"] > b["text"]["left"] and b["apparatus"]["top"] < b["height"]
    else:
        assert b["apparatus"]["top"] > b["text"]["bottom"]  # the apparatus follows the text
        assert page.locator(".apparatus-link a[href='#ed-apparatus']").is_visible()
    artifacts.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(artifacts / f"first-viewport-{width}.png"))
    context.close()


def test_one_control_switches_views_and_remembers(page, site):
    page.goto(edition_url(site))
    assert page.is_checked("#view-reading")
    assert not page.locator(".text .pb").first.is_visible()  # the reading view: no page-break marker
    page.check("#view-witness")
    assert page.locator(".text .pb").first.is_visible()
    background = "() => getComputedStyle(document.querySelector('.omission')).backgroundColor"
    assert page.evaluate(background) != "rgba(0, 0, 0, 0)"
    page.reload()
    assert page.is_checked("#view-witness") and page.locator(".text .pb").first.is_visible()
    page.evaluate("() => localStorage.clear()")


def test_reading_order_and_landmarks(page, site):
    page.goto(edition_url(site))
    order = page.evaluate("""() => Array.from(document.querySelectorAll('header.site-header, main, aside, footer'))
                                    .map(e => e.tagName.toLowerCase())""")
    assert order == ["header", "main", "aside", "footer"]
    assert page.evaluate("() => document.querySelector('main').contains(document.getElementById('ed-text'))")


def test_an_open_page_reloads_itself_when_its_source_is_saved(browser, tmp_path):
    """tei serve's live preview in a real browser: save the source, the open page shows the change."""
    import signal

    from dtsclient import editor_copy, start_serve

    project = editor_copy(tmp_path)
    source = project / "tei" / EDITION.name
    original = source.read_text(encoding="utf-8")
    process, url = start_serve(project)
    try:
        page = browser.new_page()
        page.goto(f"{url}/html/{STEM}.html")
        page.wait_for_timeout(500)  # the page has opened its event stream
        source.write_text(original.replace("After <persName", "Saved just now. After <persName", 1), encoding="utf-8")
        page.wait_for_function("document.body.innerText.includes('Saved just now.')", timeout=20000)
        page.close()
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(15)


@pytest.mark.parametrize("which", ["html/soviet-declaration-1956-10-30.html", "index/citation-index.html",
                                   "docs/encoding-guide.html"])
def test_the_projects_own_css_logo_and_script_apply_on_every_page_type(page, branded, which):
    """README's branding example (docs/examples/branding/): its site.css restyles the page, its
    logo loads and its script runs, on the edition, the citation index and the encoding guide."""
    page.goto((branded / which).as_uri())
    page.wait_for_load_state("load")
    name = page.locator("header .site-name")
    assert name.inner_text().strip() == "An Example Archive"
    assert name.evaluate("e => getComputedStyle(e).color") == "rgb(122, 46, 14)"  # site.css: --accent
    assert page.locator("header").first.evaluate("e => getComputedStyle(e).borderBottomStyle") == "solid"
    logo = page.locator("header img.site-logo")
    assert logo.evaluate("img => img.complete && img.naturalWidth") == 48
    assert page.evaluate("document.documentElement.dataset.project") == "example-archive"  # site.js ran
    assert page.evaluate("document.querySelector('link[rel=icon]').href").endswith("/assets/favicon.svg")
    assert page.problems == []
