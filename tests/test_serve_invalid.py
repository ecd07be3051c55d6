"""``tei serve`` with a corpus in which one file is invalid (issue #25): the valid files are
served, the invalid one's page lists its diagnostics (escaped, with the page's URL), the DTS
API lists only the valid documents; with ``--strict`` the server refuses to start."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EDITION
from dtsclient import editor_copy, live_server

from toolkit.cli import main, make_context
from toolkit.config import load
from toolkit.server import editor_preview

STEM = EDITION.stem
BROKEN_LINE = next(n for n, text in enumerate(EDITION.read_text(encoding="utf-8").splitlines(), 1)
                   if '<p n="1" xml:id="par-1">' in text)


def broken(text: str) -> str:
    changed = text.replace('<p n="1" xml:id="par-1">', '<p n="1" xml:id="par-1"><unknownElement/>', 1)
    assert changed != text
    return changed


@pytest.fixture
def corpus(tmp_path, monkeypatch) -> Path:
    """The edition with a second document, tei/second.xml, as working directory."""
    project = editor_copy(tmp_path)
    (project / "tei" / "second.xml").write_text(EDITION.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(project)
    return project


def preview_of(out: Path, lines: list[str]):
    return editor_preview([], out, lambda: make_context(load(None), out_dir=out), report=lines.append)


def test_the_valid_files_are_served_and_the_invalid_ones_page_shows_its_problems(corpus):
    out = corpus / "output"
    reported: list[str] = []
    preview = preview_of(out, reported)
    assert preview.rebuild() == [] and reported == []
    assert (out / "html" / "second.html").is_file()
    second = corpus / "tei" / "second.xml"
    second.write_text(broken(second.read_text(encoding="utf-8")), encoding="utf-8")
    assert preview.rebuild() == []
    error = (f"tei/second.xml:{BROKEN_LINE}:33: error: element <unknownElement> inside <p> is not allowed here; <p> "
             "may contain <att>, <bibl>, <date>, <desc>, <eventName>, <gi>, <idno>, <label>, <listBibl>, <listEvent>, "
             "<listOrg>, <listPerson> … (14 more) [relaxng]")
    assert reported == [error, "tei: warning: tei/second.xml is not valid: its page shows its problems and the DTS "
                               "API leaves it out"]
    # its earlier outputs are gone; the valid document's are there
    assert not (out / "html" / "second.html").exists() and not (out / "text" / "second.txt").exists()
    assert (out / "html" / f"{STEM}.html").is_file()
    with live_server(out, context=preview.context, withheld=preview.withheld) as client:
        assert client.get(f"/html/{STEM}.html").status_code == 200
        page = client.get("/html/second.html")
        assert page.status_code == 500
        escaped = error.replace("<", "&lt;").replace(">", "&gt;")
        assert f"<li><code>{escaped}</code></li>" in page.text
        url = f"{str(client.base_url).rstrip('/')}/html/second.html"
        assert (f'<p>The page <a href="{url}">{url}</a> is not served: its source, <code>tei/second.xml</code>, fails '
                "validation.") in page.text
        assert "<unknownElement>" not in page.text
        members = client.get("/api/dts/collection").json()["member"]
        assert [m["@id"] for m in members] == [STEM]
        assert client.get("/api/dts/document", params={"resource": "second"}).status_code == 404
    # fixed: served again
    second.write_text(EDITION.read_text(encoding="utf-8"), encoding="utf-8")
    assert preview.rebuild() == [] and preview.withheld.pages == {}
    assert (out / "html" / "second.html").is_file()


def test_strict_refuses_to_start(corpus, runner):
    second = corpus / "tei" / "second.xml"
    second.write_text(broken(second.read_text(encoding="utf-8")), encoding="utf-8")
    result = runner.invoke(main, ["serve", "--strict", "--port", "0"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"tei/second.xml:{BROKEN_LINE}:33: error: element <unknownElement> inside <p> is not allowed here; <p> may "
        "contain <att>, <bibl>, <date>, <desc>, <eventName>, <gi>, <idno>, <label>, <listBibl>, <listEvent>, "
        "<listOrg>, <listPerson> … (14 more) [relaxng]",
        "tei: error: refusing to render 1 invalid file(s): tei/second.xml (tei serve --strict serves an edition only "
        "when every file is valid)",
        "tei: error: the edition does not build; nothing is served"]
    assert not (corpus / "output" / "html" / f"{STEM}.html").exists()
