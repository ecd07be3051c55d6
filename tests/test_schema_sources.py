"""Schemas that cannot be loaded (issue #25): an ``xml-model`` that is remote and not fetched,
missing, a folder or of another schema language is one warning at the instruction's true
position, and tei_all.rng (``--tei-all``, the ``tei-all`` setting) is checked in its place; XML
catalogs map remote URLs to local files; ``--fetch-schemas`` fetches over http(s) from a local
server into a cache; ``.rnc`` grammars are converted with rnc2rng.

Every test runs in an empty working folder (no ``../shared/tei-p5/tei_all.rng`` is found there),
with tests/fixtures/schemas/mini.rng standing in for tei_all.rng: fast, and exact.
"""

from __future__ import annotations

import http.server
import shutil
import socket
import threading
from pathlib import Path

import pytest
from conftest import FIXTURES

from toolkit.catalog import Catalog, catalog_files
from toolkit.cli import main
from toolkit.schema_fetch import FetchError, cached_path, fetch

SCHEMAS = FIXTURES / "schemas"
RNG_NS = "http://relaxng.org/ns/structure/1.0"
VALID_BODY = "<p>Text.</p>"
INVALID_BODY = "<div/>"


def document(model: str, body: str = VALID_BODY) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{model}\n'
            f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>{body}</body></text></TEI>\n')


def model(href: str, typens: str | None = RNG_NS) -> str:
    return f'<?xml-model href="{href}"' + (f' schematypens="{typens}"' if typens else "") + "?>"


@pytest.fixture
def work(tmp_path, monkeypatch) -> Path:
    """An empty working folder with the small grammar and the catalog; the user's cache in it."""
    folder = tmp_path / "work"
    shutil.copytree(SCHEMAS, folder / "schemas")
    monkeypatch.chdir(folder)
    monkeypatch.setenv("TEI_TOOLKIT_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("XML_CATALOG_FILES", raising=False)
    return folder


def write(folder: Path, name: str, text: str) -> str:
    (folder / name).write_text(text, encoding="utf-8")
    return name


def validate(runner, *args):
    result = runner.invoke(main, ["validate", *map(str, args)], catch_exceptions=False)
    return result.exit_code, result.output.splitlines()


NOT_FETCHED = ("it is remote and is not fetched (give --fetch-schemas, or map its URL to a local copy in an XML catalog: "
               "the catalog setting or XML_CATALOG_FILES)")
ONLY_WELL_FORMED = "no tei_all.rng was given (--tei-all) or found, so only well-formedness was checked [xml-model]"


# ---------------------------------------------------------------- cannot be loaded: a warning, then tei_all

def test_remote_schema_without_tei_all_is_a_warning_and_says_nothing_else_was_checked(runner, work):
    name = write(work, "remote.xml", document(model("https://schemas.example.org/epidoc.rng")))
    assert validate(runner, name) == (0, [
        f'{name}:2:1: warning: schema "https://schemas.example.org/epidoc.rng" cannot be loaded: {NOT_FETCHED}; '
        + ONLY_WELL_FORMED,
        "1 file, 0 invalid, 0 errors, 1 warning"])
    assert validate(runner, "--strict", name)[0] == 1


def test_remote_schema_gives_way_to_the_tei_all_setting(runner, work):
    (work / "tei.toml").write_text('tei-all = "schemas/mini.rng"\n', encoding="utf-8")
    good = write(work, "good.xml", document(model("https://schemas.example.org/epidoc.rng")))
    bad = write(work, "bad.xml", document(model("https://schemas.example.org/epidoc.rng"), INVALID_BODY))
    instead = f"the file is checked against mini.rng ({work / 'schemas' / 'mini.rng'}) instead [xml-model]"
    warning = f'2:1: warning: schema "https://schemas.example.org/epidoc.rng" cannot be loaded: {NOT_FETCHED}; {instead}'
    assert validate(runner, good) == (0, [f"{good}:{warning}", "1 file, 0 invalid, 0 errors, 1 warning"])
    code, lines = validate(runner, bad)
    assert code == 1
    assert lines[0] == f"{bad}:{warning}"
    assert lines[1].startswith(f"{bad}:3:54: error: ") and lines[1].endswith("[tei-all]")
    assert lines[-1] == "1 file, 1 invalid, 1 error, 1 warning"


def test_the_tei_all_option_takes_the_place_of_a_missing_schema(runner, work):
    name = write(work, "missing.xml", document(model("../nowhere/edition.rng")))
    code, lines = validate(runner, "--tei-all", "schemas/mini.rng", name)
    missing = work.parent / "nowhere" / "edition.rng"
    assert (code, lines) == (0, [
        f'{name}:2:1: warning: schema "../nowhere/edition.rng" cannot be loaded: there is no file {missing}; the file '
        "is checked against mini.rng (schemas/mini.rng) instead [xml-model]",
        "1 file, 0 invalid, 0 errors, 1 warning"])


@pytest.mark.parametrize("href, typens, reason", [
    ("schemas", RNG_NS, "{work}/schemas is a folder, not a schema file"),
    ("schema.xsd", None, "it is W3C XML Schema; the toolkit checks RELAX NG and ISO Schematron"),
    ("schema.xsd", "http://www.w3.org/2001/XMLSchema", "it is W3C XML Schema; the toolkit checks RELAX NG and ISO "
                                                       "Schematron"),
    ("ftp://schemas.example.org/mini.rng", RNG_NS, "it is remote (ftp:) and only http and https schemas are ever "
                                                   "fetched"),
])
def test_each_reason_is_named(runner, work, href, typens, reason):
    name = write(work, "doc.xml", document(model(href, typens)))
    assert validate(runner, name) == (0, [
        f'{name}:2:1: warning: schema "{href}" cannot be loaded: {reason.format(work=work)}; {ONLY_WELL_FORMED}',
        "1 file, 0 invalid, 0 errors, 1 warning"])


def test_the_warning_is_at_the_instructions_true_position(runner, work):
    """libxml2 gives a processing instruction the line it ends on; the warning names where it starts,
    after a commented-out one, on the XML declaration's line or over two lines."""
    text = ('<?xml version="1.0" encoding="UTF-8"?><!-- <?xml-model href="old.rng"?> --><?xml-model href="a.rng"?>\n'
            '  <?xml-model href="b.rng"\n    schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
            '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>x</p></body></text></TEI>\n')
    name = write(work, "where.xml", text)
    code, lines = validate(runner, name)
    assert code == 0
    assert [line.split(": warning: ")[0] for line in lines[:-1]] == [f"{name}:1:76", f"{name}:2:3"]


def test_a_readable_schema_is_checked_and_the_lost_one_left_out(runner, work):
    text = document(model("https://schemas.example.org/epidoc.rng") + "\n" + model("schemas/mini.rng"), INVALID_BODY)
    name = write(work, "two.xml", text)
    code, lines = validate(runner, name)
    assert code == 1
    assert lines[0] == (f'{name}:2:1: warning: schema "https://schemas.example.org/epidoc.rng" cannot be loaded: '
                        f"{NOT_FETCHED}; it is left out [xml-model]")
    assert lines[1].startswith(f"{name}:4:54: error: ") and lines[1].endswith("[relaxng]")


# ---------------------------------------------------------------- XML catalogs

def test_the_catalog_setting_maps_a_remote_schema_to_a_local_file(runner, work):
    (work / "tei.toml").write_text('catalog = "schemas/catalog.xml"\n', encoding="utf-8")
    good = write(work, "good.xml", document(model("https://schemas.example.org/mini.rng")))
    bad = write(work, "bad.xml", document(model("https://mirror.example.org/schemas/mini.rng"), INVALID_BODY))
    assert validate(runner, good) == (0, ["1 file, 0 invalid, 0 errors, 0 warnings"])
    code, lines = validate(runner, bad)
    assert code == 1 and len(lines) == 2
    assert lines[0].startswith(f"{bad}:3:54: error: ") and lines[0].endswith("[relaxng]")


def test_xml_catalog_files_is_read_too(runner, work, monkeypatch):
    monkeypatch.setenv("XML_CATALOG_FILES", (work / "schemas" / "catalog.xml").as_uri() + " /nonexistent/catalog.xml")
    name = write(work, "doc.xml", document(model("https://schemas.example.org/mini.rng")))
    assert validate(runner, name) == (0, ["1 file, 0 invalid, 0 errors, 0 warnings"])


def test_a_catalog_entry_to_a_missing_file_is_named(runner, work):
    (work / "tei.toml").write_text('catalog = "schemas/catalog.xml"\n', encoding="utf-8")
    name = write(work, "doc.xml", document(model("https://schemas.example.org/gone.rng")))
    gone = work / "schemas" / "gone.rng"
    assert validate(runner, name) == (0, [
        f'{name}:2:1: warning: schema "https://schemas.example.org/gone.rng" cannot be loaded: the XML catalog maps '
        f"it to {gone}, but there is no file {gone}; {ONLY_WELL_FORMED}",
        "1 file, 0 invalid, 0 errors, 1 warning"])


def test_catalog_entries(tmp_path):
    (tmp_path / "next.xml").write_text(
        '<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">'
        '<systemSuffix systemIdSuffix="/tei_all.rng" uri="local/tei_all.rng"/></catalog>', encoding="utf-8")
    (tmp_path / "catalog.xml").write_text(
        '<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">'
        '<system systemId="http://a.example/x.rng" uri="x.rng"/>'
        '<rewriteSystem systemIdStartString="http://a.example/" rewritePrefix="a"/>'
        '<rewriteSystem systemIdStartString="http://a.example/deep/" rewritePrefix="deep/"/>'
        '<nextCatalog catalog="next.xml"/></catalog>', encoding="utf-8")
    catalog = Catalog(catalog_files(str(tmp_path / "catalog.xml"), ""))
    assert catalog.resolve("http://a.example/x.rng") == tmp_path / "x.rng"
    assert catalog.resolve("http://a.example/y.rng") == tmp_path / "ay.rng"
    assert catalog.resolve("http://a.example/deep/z.rng") == tmp_path / "deep" / "z.rng"
    assert catalog.resolve("https://tei-c.org/release/tei_all.rng") == tmp_path / "local" / "tei_all.rng"
    assert catalog.resolve("https://elsewhere.example/other.rng") is None


# ---------------------------------------------------------------- fetched on request, from a local server

class Server:
    """An HTTP server on 127.0.0.1 serving a folder, counting the requests it answers."""

    def __init__(self, folder: Path):
        server = self
        self.requests: list[str] = []

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(folder), **kwargs)

            def do_GET(self):
                server.requests.append(self.path)
                super().do_GET()

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server(work):
    running = Server(work / "schemas")
    yield running
    running.close()


def test_remote_schemas_are_fetched_only_on_request_and_then_cached(runner, work, server, tmp_path):
    url = f"{server.url}/mini.rng"
    bad = write(work, "bad.xml", document(model(url), INVALID_BODY))
    code, lines = validate(runner, bad)
    assert (code, server.requests) == (0, [])
    assert lines[0] == f'{bad}:2:1: warning: schema "{url}" cannot be loaded: {NOT_FETCHED}; {ONLY_WELL_FORMED}'
    code, lines = validate(runner, "--fetch-schemas", bad)
    assert code == 1 and server.requests == ["/mini.rng"]
    assert lines[0].startswith(f"{bad}:3:54: error: ") and lines[0].endswith("[relaxng]")
    cached = cached_path(url)
    assert cached.parent == tmp_path / "cache" / "schemas" and cached.read_bytes() == (work / "schemas" / "mini.rng"
                                                                                        ).read_bytes()
    server.close()  # from the cache now, without the network
    assert validate(runner, "--fetch-schemas", bad)[0] == 1
    assert server.requests == ["/mini.rng"]


def test_the_fetch_schemas_setting(runner, work, server):
    (work / "tei.toml").write_text("fetch-schemas = true\n", encoding="utf-8")
    good = write(work, "good.xml", document(model(f"{server.url}/mini.rng")))
    assert validate(runner, good) == (0, ["1 file, 0 invalid, 0 errors, 0 warnings"])
    assert server.requests == ["/mini.rng"]


def test_a_failed_fetch_is_a_warning_naming_why(runner, work, server):
    url = f"{server.url}/absent.rng"
    name = write(work, "doc.xml", document(model(url)))
    assert validate(runner, "--fetch-schemas", name) == (0, [
        f'{name}:2:1: warning: schema "{url}" cannot be loaded: it could not be fetched: the server answered 404 '
        f"File not found; {ONLY_WELL_FORMED}",
        "1 file, 0 invalid, 0 errors, 1 warning"])


def test_fetch_limits(work, server, tmp_path):
    with pytest.raises(FetchError, match=r"^it is (\d+ bytes, )?more than the limit of 100"):
        fetch(f"{server.url}/mini.rng", tmp_path / "c1", limit=100)
    assert not (tmp_path / "c1").exists()
    with pytest.raises(FetchError, match="^only http and https URLs are fetched, not file:"):
        fetch((work / "schemas" / "mini.rng").as_uri(), tmp_path / "c2")
    silent = socket.socket()  # accepts connections (the backlog) and never answers
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    try:
        with pytest.raises(FetchError, match=r"^(no answer within 0.5 s|timed out)$"):
            fetch(f"http://127.0.0.1:{silent.getsockname()[1]}/slow.rng", tmp_path / "c3", timeout=0.5)
    finally:
        silent.close()


# ---------------------------------------------------------------- compact syntax

@pytest.mark.parametrize("instruction", [
    '<?xml-model href="schemas/mini.rnc"?>',
    '<?xml-model href="schemas/mini.rnc" type="application/relax-ng-compact-syntax"?>',
    f'<?xml-model href="schemas/mini.rnc" schematypens="{RNG_NS}"?>',
])
def test_a_compact_grammar_is_converted_and_checked(runner, work, instruction):
    good = write(work, "good.xml", document(instruction))
    bad = write(work, "bad.xml", document(instruction, INVALID_BODY))
    assert validate(runner, good) == (0, ["1 file, 0 invalid, 0 errors, 0 warnings"])
    code, lines = validate(runner, bad)
    assert code == 1 and len(lines) == 2
    assert lines[0].startswith(f"{bad}:3:54: error: ") and lines[0].endswith("[relaxng]")


def test_a_compact_grammar_that_includes_a_remote_one_is_refused(runner, work):
    (work / "schemas" / "remote.rnc").write_text('include "https://schemas.example.org/base.rnc"\n', encoding="utf-8")
    name = write(work, "doc.xml", document(model("schemas/remote.rnc")))
    code, lines = validate(runner, name)
    assert code == 1
    assert lines[0] == (f'{name}:2:1: error: schema "schemas/remote.rnc" cannot be used: the compact grammar refers to '
                        "the remote grammar https://schemas.example.org/base.rnc, which is never fetched from inside a "
                        "grammar; give a local copy [xml-model]")


# ---------------------------------------------------------------- Schematron embedded in a grammar

SCH_NS = "http://purl.oclc.org/dsdl/schematron"


def test_schematron_rules_embedded_in_a_grammar_are_checked(runner, work):
    both = model("schemas/embedded.rng") + "\n" + model("schemas/embedded.rng", SCH_NS)
    name = write(work, "doc.xml", document(both, "<p>Text.</p><p> </p>"))
    code, lines = validate(runner, name)
    assert code == 1
    assert lines[0].startswith(f"{name}:4:66: error: a paragraph has text") and lines[0].endswith("]")
    assert lines[-1] == "1 file, 1 invalid, 1 error, 0 warnings"


def test_embedded_rules_lxml_cannot_compile_are_a_warning(runner, work):
    grammar = (work / "schemas" / "embedded.rng").read_text(encoding="utf-8")
    xpath2 = grammar.replace('test="string-length(normalize-space(.)) &gt; 0"', 'test=". castable as xs:integer"')
    (work / "schemas" / "xpath2.rng").write_text(xpath2, encoding="utf-8")
    both = model("schemas/xpath2.rng") + "\n" + model("schemas/xpath2.rng", SCH_NS)
    name = write(work, "doc.xml", document(both))
    code, lines = validate(runner, name)
    assert code == 0
    assert lines[0].startswith(f'{name}:3:1: warning: Schematron rules "schemas/xpath2.rng" are left out: the Schematron '
                               "rules embedded in the grammar xpath2.rng cannot be compiled (lxml runs XSLT 1.0 and "
                               "XPath 1.0 rules only): ")
    assert lines[0].endswith("[xml-model]") and lines[-1] == "1 file, 0 invalid, 0 errors, 1 warning"


# ---------------------------------------------------------------- build, and the build cache

def test_build_fetches_on_request_and_refuses_what_the_fetched_schema_rejects(runner, work, server):
    url = f"{server.url}/mini.rng"
    bad = write(work, "bad.xml", document(model(url), INVALID_BODY))
    result = runner.invoke(main, ["build", "-q", "--fetch-schemas", bad, "-o", "out"])
    assert result.exit_code == 1 and server.requests == ["/mini.rng"]
    lines = result.output.splitlines()
    assert lines[0].startswith(f"{bad}:3:54: error: ") and lines[0].endswith("[relaxng]")
    assert lines[1] == f"tei: error: refusing to render 1 invalid file(s): {bad} (use --force to render anyway)"


def test_the_cache_key_follows_the_catalogs_and_the_fetch_setting(work):
    from toolkit.cache import document_key
    from toolkit.context import BuildContext
    from toolkit.project import Project
    from toolkit.validate import ValidationOptions

    path = work / write(work, "doc.xml", document(model("https://schemas.example.org/mini.rng")))
    context = BuildContext.create()

    def key(**project) -> str | None:
        return document_key(path, ValidationOptions(project=Project(**project)), ["html"], context)

    plain, mapped = key(), key(catalog="schemas/catalog.xml")
    assert plain != mapped and key(fetch_schemas=True) not in (plain, mapped)
    assert key(catalog="schemas/catalog.xml") == mapped
    (work / "schemas" / "mini.rng").write_text((work / "schemas" / "mini.rng").read_text() + "\n", encoding="utf-8")
    assert key(catalog="schemas/catalog.xml") != mapped  # the mapped grammar changed


def test_tei_config_names_the_catalogs_and_whether_schemas_are_fetched(runner, work, monkeypatch):
    (work / "tei.toml").write_text('catalog = "schemas/catalog.xml"\nfetch-schemas = true\n', encoding="utf-8")
    monkeypatch.setenv("XML_CATALOG_FILES", "/srv/catalogs/tei.xml")
    lines = runner.invoke(main, ["config"]).output.splitlines()
    assert 'catalog = \'schemas/catalog.xml\'  (tei.toml:1)' in lines and "fetch-schemas = True  (tei.toml:2)" in lines
    assert f"XML catalogs in use: {work / 'schemas' / 'catalog.xml'}, /srv/catalogs/tei.xml (the catalog setting, then " \
           "XML_CATALOG_FILES)" in lines
    assert f"remote schemas: fetched when no catalog maps them, cached in {work.parent / 'cache' / 'schemas'}" in lines
