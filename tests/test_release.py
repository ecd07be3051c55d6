"""Releases that keep citations valid (issue #28, item 4): `tei release VERSION` records every
published ID; a build in which one is gone fails, unless it is declared moved (a redirect) or
retired (a tombstone); version and build date on every page; cite this version; the changes page."""

from __future__ import annotations

import json
import re
import shutil
import signal
from pathlib import Path

import httpx
import pytest
from chromium import WCAG
from dtsclient import start_serve
from starlette.testclient import TestClient

from toolkit.cli import main
from toolkit.context import BuildContext
from toolkit.releases import Declarations, Release, differences, gone
from toolkit.server import create_app
from toolkit.stamp import release_stamp

DATE = "2026-12-01"


@pytest.fixture
def project(runner, tmp_path, monkeypatch) -> Path:
    """A new project (`tei init`) with a second document, in the working directory."""
    monkeypatch.chdir(tmp_path)
    made = runner.invoke(main, ["init", "letters", "--title", "Letters", "--publisher", "An Archive",
                                "--language", "en", "--licence", "CC-BY-4.0"])
    assert made.exit_code == 0, made.output
    folder = tmp_path / "letters"
    sample = (folder / "tei" / "sample.xml").read_text(encoding="utf-8")
    (folder / "tei" / "second.xml").write_text(sample.replace('xml:id="div-1"', 'xml:id="second-div"'),
                                               encoding="utf-8")
    monkeypatch.chdir(folder)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return folder


def release(runner, version="1.0", date=DATE):
    return runner.invoke(main, ["release", version, "--date", date, "-j", "1"])


def build(runner, *args):
    return runner.invoke(main, ["build", "-j", "1", *args])


def declare(project: Path, table: str, key: str, value: str) -> None:
    """Add one entry to tei.toml's [moved] or [retired] table (tei init writes both, empty)."""
    settings = project / "tei.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace(f"[{table}]\n", f'[{table}]\n"{key}" = "{value}"\n', 1), encoding="utf-8")


def text_position(path: Path) -> tuple[int, int]:
    """Line and column of the document's <text> start tag."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if re.search(r"<text[\s>]", line):
            return number, line.index("<text") + 1
    raise AssertionError("no <text>")


def rename_division(project: Path) -> Path:
    """The sample's division div-1 (a published passage) renamed div-one; the source's path."""
    source = project / "tei" / "sample.xml"
    source.write_text(source.read_text(encoding="utf-8").replace('xml:id="div-1"', 'xml:id="div-one"'),
                      encoding="utf-8")
    return source


def test_release_records_every_published_id(runner, project):
    result = release(runner)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"release 1.0 ({DATE}): 2 document(s), 4 published ID(s) recorded in "
                                    "releases/1.0.json;")
    text = (project / "releases" / "1.0.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"  # sorted, stable
    assert (data["version"], data["date"], data["format"]) == ("1.0", DATE, 1)
    assert data["toolkit"] == __import__("toolkit").__version__
    assert sorted(data["documents"]) == ["sample", "second"]
    sample = data["documents"]["sample"]
    assert sample["passages"] == [{"id": "div-1", "label": "1", "ref": "1"}]
    assert sample["registers"] == ["person-1"]
    assert sample["source"] == "tei/sample.xml"
    import hashlib
    assert sample["sha256"] == hashlib.sha256((project / "tei" / "sample.xml").read_bytes()).hexdigest()
    assert data["documents"]["second"]["passages"][0]["id"] == "second-div"
    # the release is published with the site, and every page says which version it is
    assert (project / "output" / "releases" / "1.0.json").read_text(encoding="utf-8") == text
    for page in ("html/sample.html", "index/citation-index.html", "releases/changes.html"):
        html = (project / "output" / page).read_text(encoding="utf-8")
        assert (f'Version <span class="release-version">1.0</span>, built <time datetime="{DATE}" '
                f'class="build-date">{DATE}</time>') in html, page
    page = (project / "output" / "html" / "sample.html").read_text(encoding="utf-8")
    assert f"release 1.0 of {DATE}. Accessed [date of access]." in page  # cite this version
    assert "This is release 1.0 of the edition" in page
    # a build of the same sources is that release again: the same pages, from the cache
    again = build(runner)
    assert again.exit_code == 0 and "(2 unchanged, from the cache)" in again.output
    assert (project / "output" / "html" / "sample.html").read_text(encoding="utf-8") == page


def test_cite_this_version_gives_a_versioned_url_with_a_base_url(runner, project):
    result = runner.invoke(main, ["release", "2.0", "--date", DATE, "-j", "1", "--base-url",
                                  "https://example.org/letters/html/"])
    assert result.exit_code == 0, result.output
    page = (project / "output" / "html" / "sample.html").read_text(encoding="utf-8")
    assert (f"release 2.0 of {DATE}. https://example.org/letters/html/sample.html?version=2.0. "
            "Accessed [date of access].") in page
    assert '<link rel="canonical" href="https://example.org/letters/html/sample.html">' in page  # unversioned


def test_a_release_is_never_rewritten_and_usage_errors_exit_2(runner, project):
    assert release(runner).exit_code == 0
    before = (project / "releases" / "1.0.json").read_bytes()
    again = release(runner, date="2026-12-02")
    assert again.exit_code == 1
    assert again.output.splitlines()[0] == ("releases/1.0.json:1:1: error: release 1.0 is already recorded: a release "
                                            "is never rewritten; give the next one a new version [release-exists]")
    assert (project / "releases" / "1.0.json").read_bytes() == before
    earlier = release(runner, "1.1", "2026-11-30")
    assert earlier.exit_code == 1 and "before release 1.0 of 2026-12-01 [release-date]" in earlier.output
    bad = release(runner, "one point oh")
    assert bad.exit_code == 2 and bad.output.startswith("tei: error: a release version is letters")
    assert release(runner, "1.2", "yesterday").exit_code == 2
    assert sorted(p.name for p in (project / "releases").iterdir()) == ["1.0.json"]


def test_a_published_id_that_is_gone_fails_the_build(runner, project):
    assert release(runner).exit_code == 0
    source = rename_division(project)
    before = (project / "output" / "html" / "sample.html").read_bytes()
    result = build(runner)
    assert result.exit_code == 1
    line, column = text_position(source)
    assert result.output.splitlines()[0] == (f"tei/sample.xml:{line}:{column}: error: div-1 was published in "
                                             "release 1.0 and is gone [published-id]")
    assert "tei: error: 1 published ID(s) gone" in result.output
    assert (project / "output" / "html" / "sample.html").read_bytes() == before  # nothing written
    # a register entry that is gone is reported at the register
    source.write_text(source.read_text(encoding="utf-8").replace("div-one", "div-1").replace("person-1", "person-9"),
                      encoding="utf-8")
    result = build(runner)
    assert result.exit_code == 1
    assert re.match(r"tei/sample\.xml:\d+:\d+: error: person-1 was published in release 1\.0 and is gone "
                    r"\[published-id\]$", result.output.splitlines()[0])
    # a document that is gone altogether: one line for the document
    source.unlink()
    result = build(runner)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == ("tei/sample.xml:1:1: error: sample was published in release 1.0 and "
                                             "is gone [published-id]")


def test_a_moved_id_builds_and_its_old_url_leads_to_the_new_one(runner, project):
    assert release(runner).exit_code == 0
    rename_division(project)
    declare(project, "moved", "sample#div-1", "sample#div-one")
    result = build(runner)
    assert result.exit_code == 0, result.output
    page = (project / "output" / "html" / "sample.html").read_text(encoding="utf-8")
    # the old URL (html/sample.html#div-1) lands on a note that links to the new place, and the
    # page's script follows it
    assert ('<li id="div-1" class="moved" data-moved-to="#div-one"><code>div-1</code>, published in an earlier '
            'release, has moved: <a href="#div-one">it is now here</a>.</li>') in page
    assert 'id="div-one"' in page
    script = (project / "output" / "html" / "edition.js").read_text(encoding="utf-8")
    assert 'getAttribute("data-moved-to")' in script and "location.replace(to)" in script
    changes = (project / "output" / "releases" / "changes.html").read_text(encoding="utf-8")
    assert "<code>sample#div-1 → sample#div-one</code>" in changes
    assert "Unreleased build (after release 1.0)" in page


def test_a_moved_document_redirects_statically_and_through_tei_serve(runner, project):
    assert release(runner).exit_code == 0
    (project / "tei" / "sample.xml").rename(project / "tei" / "letter.xml")
    declare(project, "moved", "sample", "letter")
    result = build(runner, "--dts")
    assert result.exit_code == 0, result.output
    stub = (project / "output" / "html" / "sample.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=letter.html">' in stub
    assert '<link rel="canonical" href="letter.html">' in stub
    assert '"div-1":"letter.html#div-1"' in stub  # the fragment follows the document
    assert (project / "output" / "html" / "letter.html").is_file()
    redirects = json.loads((project / "output" / "releases" / "redirects.json").read_text(encoding="utf-8"))
    assert redirects["redirects"] == {"html/sample.html": {"location": "html/letter.html", "status": 301}}
    dts = project / "output" / "dts"  # static DTS: the old name answers as the new one does
    assert (dts / "navigation" / "sample.json").read_bytes() == (dts / "navigation" / "letter.json").read_bytes()
    assert not (dts / "document" / "sample.xml").exists()
    context = BuildContext.load(project / "tei.toml")
    with TestClient(create_app(project / "output", context=context)) as client:
        reply = client.get("/html/sample.html", follow_redirects=False)
        assert reply.status_code == 301 and reply.headers["location"] == "/html/letter.html"
        assert client.get("/html/sample.html").status_code == 200
        # DTS: the resource and its reference, as the release published them, are forwarded
        moved = client.get("/api/dts/navigation", params={"resource": "sample", "ref": "1"}, follow_redirects=False)
        assert moved.status_code == 301
        assert moved.headers["location"].endswith("/api/dts/navigation?resource=letter&ref=1")
        assert client.get(moved.headers["location"]).json()["ref"]["identifier"] == "1"
        whole = client.get("/api/dts/document", params={"resource": "sample"}, follow_redirects=False)
        assert whole.status_code == 301 and whole.headers["location"].endswith("?resource=letter")


def test_a_retired_document_leaves_a_tombstone(runner, project):
    assert release(runner).exit_code == 0
    (project / "tei" / "second.xml").unlink()
    declare(project, "retired", "second", "a duplicate of sample")
    result = build(runner)
    assert result.exit_code == 0, result.output
    stub = (project / "output" / "html" / "second.html").read_text(encoding="utf-8")
    assert "published in release 1.0 and has been retired: a duplicate of sample" in stub
    assert "refresh" not in stub
    context = BuildContext.load(project / "tei.toml")
    with TestClient(create_app(project / "output", context=context)) as client:
        reply = client.get("/html/second.html")
        assert reply.status_code == 410 and "has been retired" in reply.text
    changes = (project / "output" / "releases" / "changes.html").read_text(encoding="utf-8")
    assert "Documents removed (1)" in changes and "<code>second#second-div: a duplicate of sample</code>" in changes


def test_a_retired_id_in_a_document_says_so_where_it_was(runner, project):
    assert release(runner).exit_code == 0
    source = project / "tei" / "sample.xml"
    source.write_text(source.read_text(encoding="utf-8").replace(' xml:id="div-1"', ""), encoding="utf-8")
    declare(project, "retired", "sample#div-1", "the division lost its id")
    result = build(runner)
    assert result.exit_code == 0, result.output
    page = (project / "output" / "html" / "sample.html").read_text(encoding="utf-8")
    assert ('<li id="div-1" class="retired"><code>div-1</code>, published in an earlier release, was retired: '
            "the division lost its id</li>") in page


def test_builds_are_byte_identical_and_the_date_is_never_the_clock(runner, project, monkeypatch):
    for name in ("one", "two"):
        assert build(runner, "--no-cache", "-o", name).exit_code == 0

    def files(folder: str) -> dict[str, bytes]:
        root = project / folder
        return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
                if p.is_file() and ".cache" not in p.parts}

    assert files("one") == files("two")
    newest = max(re.findall(r'<change when="([^"]+)"', (project / "tei" / "sample.xml").read_text(encoding="utf-8")))
    page = (project / "one" / "html" / "sample.html").read_text(encoding="utf-8")
    assert f'Unreleased build, built <time datetime="{newest}" class="build-date">{newest}</time>' in page
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 (UTC)
    assert build(runner, "-o", "one").exit_code == 0
    assert 'datetime="2023-11-14"' in (project / "one" / "html" / "sample.html").read_text(encoding="utf-8")
    shutil.rmtree(project / "two")


def test_the_stamp_rule(tmp_path):
    """The release's date for its own sources; else SOURCE_DATE_EPOCH; else the newest revisionDesc."""
    doc = tmp_path / "a.xml"
    doc.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><revisionDesc><change when="2020-01-02"/>'
                   '<change when="2021-05"/></revisionDesc></teiHeader><text><body><p/></body></text></TEI>',
                   encoding="utf-8")
    folder = tmp_path / "releases"
    assert release_stamp([doc], folder, environ={}).date == "2021-05"
    assert release_stamp([doc], folder, environ={"SOURCE_DATE_EPOCH": "0"}).date == "1970-01-01"
    folder.mkdir()
    import hashlib
    record = Release("3", "2024-01-01", "0", {"a": {"sha256": hashlib.sha256(doc.read_bytes()).hexdigest()}})
    (folder / "3.json").write_text(record.as_json(), encoding="utf-8")
    stamp = release_stamp([doc], folder, environ={"SOURCE_DATE_EPOCH": "0"})
    assert (stamp.version, stamp.date, stamp.date_rule, stamp.latest) == ("3", "2024-01-01", "release", "")
    doc.write_text(doc.read_text(encoding="utf-8").replace("<p/>", "<p>new</p>"), encoding="utf-8")
    stamp = release_stamp([doc], folder, environ={})
    assert (stamp.version, stamp.date, stamp.latest) == ("", "2021-05", "3")


def test_gone_and_differences_follow_the_declarations():
    one = Release("1", "2026-01-01", "0", {"a": {"source": "tei/a.xml", "passages": [{"id": "p1"}, {"id": "p2"}],
                                                 "registers": ["x"]}})
    now = {"a": {"passages": [{"id": "p1"}, {"id": "p3"}], "registers": ["x"],
                 "where": {"passages": [5, 3], "registers": [9, 3]}}}
    found = gone(now, {"a": "tei/a.xml"}, [one], Declarations())
    assert [d.format() for d in found] == ["tei/a.xml:5:3: error: p2 was published in release 1 and is gone "
                                           "[published-id]"]
    assert gone(now, {"a": "tei/a.xml"}, [one], Declarations.of({"a#p2": "a#p3"}, {})) == []
    assert gone(now, {"a": "tei/a.xml"}, [one], Declarations.of({"a#p2": "a#p9"}, {}))  # moved to nowhere
    assert gone(now, {"a": "tei/a.xml"}, [one], Declarations.of({}, {"a#p2": "withdrawn"})) == []
    diff = differences({"a": {"p1", "p2", "x"}}, {"a": {"p1", "p3", "x"}, "b": {"q"}},
                       Declarations.of({"a#p2": "a#p3"}, {}))
    assert diff == {"documents-added": ["b"], "documents-removed": [], "added": ["a#p3", "b#q"],
                    "moved": ["a#p2 → a#p3"], "retired": [], "gone": []}


@pytest.mark.slow  # the Nu Html Checker on the JVM
def test_the_release_pages_are_valid_html(runner, project):
    from test_html_validity import nu_errors

    assert release(runner).exit_code == 0
    rename_division(project)
    declare(project, "moved", "sample#div-1", "sample#div-one")
    (project / "tei" / "second.xml").rename(project / "tei" / "third.xml")
    declare(project, "moved", "second", "third")
    assert build(runner).exit_code == 0
    out = project / "output"
    pages = [out / "releases" / "changes.html", out / "html" / "sample.html", out / "html" / "second.html"]
    assert nu_errors(pages) == []
    (project / "tei" / "third.xml").unlink()
    text = (project / "tei.toml").read_text(encoding="utf-8").replace('"second" = "third"\n', "")
    (project / "tei.toml").write_text(text.replace("[retired]\n", '[retired]\n"second" = "withdrawn"\n', 1),
                                      encoding="utf-8")
    assert build(runner).exit_code == 0
    assert "has been retired" in (out / "html" / "second.html").read_text(encoding="utf-8")
    assert nu_errors([out / "html" / "second.html"]) == []


def test_the_cite_button_copies_the_versioned_url(tmp_path):
    """The edition's passages (its Cite buttons) in a release build: the version in the citation
    and in the URL the button copies."""
    from conftest import ROOT

    from toolkit.build import render_paths

    edition = ROOT / "tei" / "soviet-declaration-1956-10-30.xml"
    context = BuildContext.create().with_release([edition], version="9.9", date="2026-12-02")
    render_paths([edition], ["html"], tmp_path / "out", context=context)
    page = (tmp_path / "out" / "html" / f"{edition.stem}.html").read_text(encoding="utf-8")
    assert f'data-cite-url="{edition.stem}.html?version=9.9#par-1"' in page
    assert "release 9.9 of 2026-12-02. ¶ 1." in page


def test_tei_serve_redirects_the_old_url_of_a_moved_document(runner, project):
    """The same, through a running `tei serve` (which builds first)."""
    assert release(runner).exit_code == 0
    (project / "tei" / "sample.xml").rename(project / "tei" / "letter.xml")
    declare(project, "moved", "sample", "letter")
    process, url = start_serve(project, "--no-watch")
    try:
        with httpx.Client(timeout=30) as client:
            reply = client.get(f"{url}/html/sample.html", follow_redirects=False)
            assert (reply.status_code, reply.headers["location"]) == (301, "/html/letter.html")
            assert client.get(f"{url}/html/sample.html", follow_redirects=True).url.path == "/html/letter.html"
            dts = client.get(f"{url}/api/dts/navigation", params={"resource": "sample", "ref": "1"},
                             follow_redirects=False)
            assert dts.status_code == 301 and dts.headers["location"].endswith("?resource=letter&ref=1")
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(15)


def test_a_moved_register_entry_forwards_from_its_place_in_the_page(runner, project):
    assert release(runner).exit_code == 0
    source = project / "tei" / "sample.xml"
    source.write_text(source.read_text(encoding="utf-8").replace("person-1", "person-one"), encoding="utf-8")
    assert build(runner).exit_code == 1
    declare(project, "moved", "sample#person-1", "sample#person-one")
    result = build(runner)
    assert result.exit_code == 0, result.output
    page = (project / "output" / "html" / "sample.html").read_text(encoding="utf-8")
    assert '<li id="reg-person-1" class="moved" data-moved-to="#reg-person-one">' in page
    assert 'id="reg-person-one"' in page
    index = (project / "output" / "index" / "citation-index.html").read_text(encoding="utf-8")
    assert '<li id="person-person-1" class="moved" data-moved-to="#person-person-one">' in index
    assert 'id="person-person-one"' in index
    record = json.loads((project / "releases" / "1.0.json").read_text(encoding="utf-8"))
    assert record["documents"]["sample"]["register-types"] == {"person-1": "person"}


def test_a_build_of_some_files_does_not_call_the_others_gone(runner, project):
    assert release(runner).exit_code == 0
    result = build(runner, "tei/second.xml")
    assert result.exit_code == 0, result.output
    changes = (project / "output" / "releases" / "changes.html").read_text(encoding="utf-8")
    assert "Documents removed" not in changes and "No published ID has changed." in changes
    assert not (project / "output" / "releases" / "redirects.json").read_text(encoding="utf-8").count("html/")


def test_nothing_is_recorded_when_the_release_build_fails(runner, project):
    assert release(runner).exit_code == 0
    source = rename_division(project)
    result = release(runner, "1.1", "2026-12-02")
    assert result.exit_code == 1 and "div-1 was published in release 1.0 and is gone [published-id]" in result.output
    assert sorted(p.name for p in (project / "releases").iterdir()) == ["1.0.json"]
    source.write_text(source.read_text(encoding="utf-8").replace("</TEI>", ""), encoding="utf-8")
    result = release(runner, "1.1", "2026-12-02")
    assert result.exit_code == 1 and "refusing to render 1 invalid file(s)" in result.output
    assert sorted(p.name for p in (project / "releases").iterdir()) == ["1.0.json"]


@pytest.mark.slow  # a real browser
def test_in_a_browser_the_old_urls_lead_to_the_new_places(browser, runner, project):
    """Chromium (Debian's, through Playwright) follows the static redirects from file://: a moved
    passage's old fragment, and a moved document's old page with a fragment."""
    assert release(runner).exit_code == 0
    rename_division(project)
    declare(project, "moved", "sample#div-1", "sample#div-one")
    (project / "tei" / "second.xml").rename(project / "tei" / "third.xml")
    declare(project, "moved", "second", "third")
    assert build(runner).exit_code == 0
    html = project / "output" / "html"
    page = browser.new_page()
    try:
        page.goto((html / "sample.html").as_uri() + "#div-1")
        page.wait_for_url(re.compile(r"sample\.html#div-one$"), timeout=5000)
        page.goto((html / "second.html").as_uri() + "#second-div")
        page.wait_for_url(re.compile(r"third\.html#second-div$"), timeout=5000)
        assert page.locator("#second-div").count() == 1
        axe = pytest.importorskip("axe_playwright_python.sync_playwright",
                                  reason="accessibility check skipped: axe-playwright-python is absent")
        for url in ((project / "output" / "releases" / "changes.html").as_uri(), (html / "sample.html").as_uri()):
            page.goto(url)
            violations = axe.Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}}).response["violations"]
            assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == [], url
    finally:
        page.close()


def test_an_unreadable_release_record_is_one_line_never_skipped(runner, project):
    assert release(runner).exit_code == 0
    (project / "releases" / "1.0.json").write_text("{not json", encoding="utf-8")
    result = build(runner)
    assert result.exit_code == 1
    assert re.match(r"releases/1\.0\.json:1:1: error: not a release record \(.+\); restore it from version control "
                    r"\[release-record\]$", result.output.splitlines()[0])
    assert "Traceback" not in result.output
