"""``tei serve``: only the output folder, safely; a taken port; Ctrl-C; the live preview."""

from __future__ import annotations

import http.client
import signal
import socket
from pathlib import Path

import httpx
import pytest
from conftest import EDITION
from dtsclient import build_output, editor_copy, live_server, start_serve

from toolkit.cli import main

STEM = EDITION.stem


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    out = build_output([EDITION], tmp_path_factory.mktemp("serve") / "output")
    outside = out.parent / "secret.txt"
    outside.write_text("not for the web\n", encoding="utf-8")
    (out / "html" / "escape.txt").symlink_to(outside)
    (out / "html" / "inside.txt").symlink_to(out / "text" / f"{STEM}.txt")
    (out / ".cache").mkdir(exist_ok=True)
    (out / ".cache" / "entry.json").write_text("{}", encoding="utf-8")
    with live_server(out) as client:
        yield client, out


def raw_get(client: httpx.Client, path: str) -> int:
    """The status of a GET whose path is sent exactly as written (no client-side normalisation)."""
    connection = http.client.HTTPConnection(client.base_url.host, client.base_url.port, timeout=10)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    finally:
        connection.close()


@pytest.mark.parametrize("path", [
    "/../pyproject.toml", "/html/../../pyproject.toml", "/%2e%2e/pyproject.toml", "/html/%2e%2e/%2e%2e/secret.txt",
    "/html/..%2f..%2fsecret.txt", "/html/..%5c..%5csecret.txt", "/%252e%252e/secret.txt", "/html/escape.txt",
    "/.cache/entry.json", "/html/", "/html", "/dts/", "/html/%00.html", "//etc/passwd",
])
def test_nothing_outside_the_output_folder_no_hidden_files_no_listings(served, path):
    client, _out = served
    assert raw_get(client, path) == 404


def test_a_symbolic_link_inside_the_folder_is_served(served):
    client, out = served
    response = client.get("/html/inside.txt")
    assert response.status_code == 200 and response.content == (out / "text" / f"{STEM}.txt").read_bytes()


@pytest.mark.parametrize(("path", "media"), [
    (f"/html/{STEM}.html", "text/html; charset=utf-8"),
    ("/html/edition.css", "text/css; charset=utf-8"),
    ("/html/edition.js", "text/javascript; charset=utf-8"),
    (f"/text/{STEM}.txt", "text/plain; charset=utf-8"),
    ("/index/citation-index.json", "application/json"),
    ("/data/entities.jsonld", "application/ld+json"),
    ("/data/edition.ttl", "text/turtle; charset=utf-8"),
    (f"/dts/document/{STEM}.xml", "application/xml"),
])
def test_content_types(served, path, media):
    client, _out = served
    response = client.get(path)
    assert response.status_code == 200 and response.headers["content-type"] == media


def test_etag_and_last_modified_give_304(served):
    client, _out = served
    first = client.get(f"/html/{STEM}.html")
    assert first.headers["etag"] and first.headers["last-modified"]
    assert client.get(f"/html/{STEM}.html", headers={"If-None-Match": first.headers["etag"]}).status_code == 304
    since = client.get(f"/html/{STEM}.html", headers={"If-Modified-Since": first.headers["last-modified"]})
    assert since.status_code == 304
    assert client.get(f"/html/{STEM}.html", headers={"If-None-Match": '"other"'}).status_code == 200
    assert client.head(f"/html/{STEM}.html").status_code == 200
    assert client.post(f"/html/{STEM}.html").status_code == 405


def test_any_web_page_may_read_the_api(served):
    client, _out = served
    response = client.get("/api/dts", headers={"Origin": "https://reader.example.org"})
    assert response.headers["access-control-allow-origin"] == "*"
    assert "Link" in response.headers["access-control-expose-headers"]


def test_the_home_page_is_the_citation_index(served):
    client, _out = served
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 302 and response.headers["location"] == "/index/citation-index.html"


def test_a_port_in_use_is_one_line_and_exit_1(runner, in_root):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = runner.invoke(main, ["serve", "--port", str(port), "--no-watch"])
    assert result.exit_code == 1
    assert result.output == (f"tei: error: port {port} on 127.0.0.1 is already in use; stop the other server or "
                             "choose another port with --port\n")


def test_loopback_is_the_default(runner):
    result = runner.invoke(main, ["serve", "--help"])
    assert "--host TEXT" in result.output and "[default:\n                          127.0.0.1]" in result.output


def test_the_application_for_a_production_server_reads_an_already_built_folder(served, monkeypatch):
    from starlette.testclient import TestClient

    from toolkit.server import app_from_env

    _client, out = served
    monkeypatch.setenv("TEI_OUTPUT", str(out))
    monkeypatch.setenv("TEI_BASE_URL", "https://edition.example.org")
    with TestClient(app_from_env()) as client:
        entry = client.get("/api/dts").json()
        assert entry["collection"] == "https://edition.example.org/api/dts/collection{?id,page,nav}"
        assert client.get(f"/html/{STEM}.html").status_code == 200


# ---- the preview server, as an editor runs it -------------------------------------------------------

@pytest.fixture
def editor_project(tmp_path) -> Path:
    return editor_copy(tmp_path)


@pytest.mark.slow
def test_ctrl_c_stops_cleanly_even_with_a_page_listening(editor_project):
    process, url = start_serve(editor_project)
    with httpx.Client(timeout=10) as client, client.stream("GET", f"{url}/_live/events") as events:
        assert next(events.iter_lines()).startswith("data:")
        process.send_signal(signal.SIGINT)
        code = process.wait(15)
    stderr = process.stderr.read()
    assert code == 0 and "Traceback" not in stderr and "Aborted" not in stderr, stderr
    assert url.startswith("http://127.0.0.1:")


def next_event(lines, seen: str) -> str:
    for line in lines:
        if line.startswith("data:") and line != seen:
            return line
    raise AssertionError("no reload event")


@pytest.mark.slow
def test_saving_a_file_rebuilds_and_an_invalid_file_shows_its_diagnostics(editor_project):
    source = editor_project / "tei" / EDITION.name
    original = source.read_text(encoding="utf-8")
    process, url = start_serve(editor_project)
    page = f"{url}/html/{STEM}.html"
    try:
        with httpx.Client(timeout=30) as client:
            first = client.get(page)
            assert 'new EventSource("/_live/events")' in first.text  # the page reloads itself
            with client.stream("GET", f"{url}/_live/events") as events:
                lines = events.iter_lines()
                seen = next(lines)
                source.write_text(original.replace("After <persName", "Saved in Oxygen. After <persName", 1),
                                  encoding="utf-8")
                seen = next_event(lines, seen)
                assert "Saved in Oxygen." in client.get(page).text
                assert "Saved in Oxygen." in client.get(f"{url}/api/dts/document",
                                                        params={"resource": STEM, "ref": "headnote"}).text
                broken = original.replace('<p n="1" xml:id="par-1">', '<p n="1" xml:id="par-1"><unknownElement/>', 1)
                assert broken != original
                source.write_text(broken, encoding="utf-8")
                seen = next_event(lines, seen)
                failed = client.get(page)
                # the invalid document is not served: its page shows its problems
                assert failed.status_code == 500 and f"{EDITION.name} is not valid" in failed.text
                line = next(n for n, text in enumerate(broken.splitlines(), 1) if "<unknownElement/>" in text)
                assert f"tei/{EDITION.name}:{line}:" in failed.text and "unknownElement" in failed.text
                source.write_text(original, encoding="utf-8")
                next_event(lines, seen)
                assert client.get(page).status_code == 200
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(15)
