"""XInclude and entity declarations (issue #25, shapes 5 and 6): what the safe parser expands,
what it refuses and how it says so, where the diagnostics of included content point, and the
build cache's dependence on included files and entity sets."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from conftest import FIXTURES
from starlette.testclient import TestClient

from toolkit.build import build, render_paths
from toolkit.catalog import Catalog, catalog_files
from toolkit.citetree import citation_tree
from toolkit.cli import main
from toolkit.config import ConfigError
from toolkit.config import load as load_config
from toolkit.context import BuildContext
from toolkit.dts import Library
from toolkit.package import _copy_payload
from toolkit.server import create_app
from toolkit.xmlsafe import ParseOptions, parse_file

XI = FIXTURES / "xinclude"
ENT = FIXTURES / "entities"
TINY = XI / "tiny.rng"
UNMAPPED = ("is refused: the toolkit reads an external entity only when an XML catalog maps it to a local file (the "
            "catalog setting in tei.toml, or XML_CATALOG_FILES) and never fetches it; add it to a catalog, or write "
            "the characters directly [external-entity]")
MENOTA_URL = "https://www.menota.org/menota-entities.txt"


def text_of(runner, path: Path, out: Path, env: dict | None = None) -> tuple[int, str, str]:
    result = runner.invoke(main, ["render", "text", str(path), "-o", str(out)], env=env)
    target = out / "text" / f"{path.stem}.txt"
    return result.exit_code, result.output, target.read_text(encoding="utf-8") if target.exists() else ""


# ---------------------------------------------------------------- XInclude

def test_a_corpus_of_included_documents_renders_each_document(runner, tmp_path):
    code, output, text = text_of(runner, XI / "corpus.xml", tmp_path)
    assert code == 0, output
    assert "Alpha bravo charlie." in text and "Delta echo foxtrot." in text
    result = runner.invoke(main, ["render", "html", str(XI / "corpus.xml"), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "html" / "corpus.html").read_text(encoding="utf-8")
    assert '<section class="corpus-member" id="first"><h2>The first letter</h2>' in page
    assert '<section class="corpus-member" id="second"><h2>The second letter</h2>' in page


def test_the_parse_records_inclusions_and_dependencies():
    doc = parse_file(XI / "corpus.xml")
    assert [Path(p).name for p in doc.dependencies] == ["first.xml", "second.xml"]
    assert [i.document.path for i in doc.inclusions] == [str(XI / "members" / "first.xml"),
                                                          str(XI / "members" / "second.xml")]
    head = doc.root.find(".//{http://www.tei-c.org/ns/1.0}head")
    assert (doc.path_of(head), head.sourceline, doc.element_column(head)) == (str(XI / "members" / "first.xml"), 13, 9)
    assert doc.path_of(doc.root) == str(XI / "corpus.xml")
    assert doc.problems == []


def test_a_diagnostic_in_included_content_points_at_the_included_file(runner):
    result = runner.invoke(main, ["validate", "--schema", str(TINY), str(XI / "positions.xml")])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{XI}/parts/body.xml:4:10: error: element <hi> inside <p> is not allowed here [relaxng]",
        "1 file, 1 invalid, 1 error, 0 warnings"]


def test_a_schematron_diagnostic_in_included_content_points_at_the_included_file(runner):
    result = runner.invoke(main, ["validate", "--schema", str(TINY), "--schematron", str(XI / "tiny.sch"),
                                  str(XI / "positions.xml")])
    assert result.exit_code == 1
    assert f"{XI}/parts/body.xml:4:10: error: No highlighting in a paragraph. [no-hi]" in result.output.splitlines()


def test_an_include_outside_the_folder_tree_is_refused_and_left_in_place(runner, tmp_path):
    result = runner.invoke(main, ["validate", "--schema", str(TINY), str(XI / "outside.xml")])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f'{XI}/outside.xml:5:27: warning: xi:include href="../entities/internal.xml" is refused: '
        f"{ENT}/internal.xml is outside {XI}, the folder tree this document may include from; it is left out [xinclude]")
    assert "[relaxng]" in result.output  # the xi:include element is still there
    code, output, text = text_of(runner, XI / "outside.xml", tmp_path)
    assert code == 0
    assert "Kept." in text and "Café" not in text


def test_a_missing_include_uses_its_fallback_with_a_warning(runner, tmp_path):
    result = runner.invoke(main, ["validate", "--schema", str(TINY), str(XI / "missing.xml")])
    assert (result.exit_code, result.output.splitlines()) == (0, [
        f'{XI}/missing.xml:6:5: warning: xi:include href="parts/none.xml" is refused: there is no file '
        f"{XI}/parts/none.xml; its xi:fallback is used [xinclude]",
        "1 file, 0 invalid, 0 errors, 1 warning"])
    code, _, text = text_of(runner, XI / "missing.xml", tmp_path)
    assert code == 0
    assert "The fallback part." in text and "The closing part." in text


@pytest.mark.parametrize("href, reason", [
    ("gone.xml", "there is no file {dir}/gone.xml; it is left out"),
    ("http://127.0.0.1:9/part.xml", "the toolkit never reads from the network or a http: URL; keep a copy of the file "
                                    "under {dir} and include that; it is left out"),
    ("self.xml", "the file includes itself (self.xml -> self.xml); it is left out"),
])
def test_refused_includes_get_one_exact_line(runner, tmp_path, href, reason):
    doc = tmp_path / "self.xml"
    doc.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">\n'
                   f'<text><body><p>Text.</p><xi:include href="{href}"/></body></text></TEI>\n', encoding="utf-8")
    result = runner.invoke(main, ["validate", "--schema", str(TINY), str(doc)])
    assert result.exit_code == 1  # the xi:include left in place is not in the grammar
    assert result.output.splitlines()[0] == (f'{doc}:2:25: warning: xi:include href="{href}" is refused: '
                                             + reason.format(dir=tmp_path) + " [xinclude]")


def test_an_include_cycle_between_two_files_is_cut(tmp_path):
    for name, other in (("a.xml", "b.xml"), ("b.xml", "a.xml")):
        (tmp_path / name).write_text(f'<div xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">'
                                     f'<p>{name}</p><xi:include href="{other}"/></div>', encoding="utf-8")
    doc = parse_file(tmp_path / "a.xml")
    assert [d.message for d in doc.problems] == [
        'xi:include href="a.xml" is refused: the file includes itself (a.xml -> b.xml -> a.xml); it is left out']
    assert doc.problems[0].file == str(tmp_path / "b.xml")


def test_an_included_file_that_is_not_well_formed_is_an_error_at_its_own_line(runner, tmp_path):
    (tmp_path / "part.xml").write_text('<p xmlns="http://www.tei-c.org/ns/1.0">\n<hi>broken</p>\n', encoding="utf-8")
    doc = tmp_path / "doc.xml"
    doc.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">'
                   '<text><body><xi:include href="part.xml"/></body></text></TEI>', encoding="utf-8")
    result = runner.invoke(main, ["render", "text", str(doc), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (f"{tmp_path}/part.xml:2:15: error: not well-formed XML: Opening and "
                                             "ending tag mismatch: hi line 2 and p [well-formed]")
    assert not (tmp_path / "out" / "text").exists()


def test_a_project_document_may_include_from_anywhere_in_its_source_folder(tmp_path):
    tei = tmp_path / "tei"
    (tei / "shared").mkdir(parents=True)
    (tei / "letters").mkdir()
    shutil.copy(XI / "parts" / "closing.xml", tei / "shared" / "closing.xml")
    letter = tei / "letters" / "letter.xml"
    letter.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude"><text>'
                      '<body><xi:include href="../shared/closing.xml"/></body></text></TEI>', encoding="utf-8")
    alone = parse_file(letter)  # another project's file: its own folder only
    assert [d.rule for d in alone.problems] == ["xinclude"]
    own = parse_file(letter, ParseOptions(include_root=str(tei)))
    assert own.problems == [] and "The closing part." in "".join(own.root.itertext())


def test_an_include_bomb_is_refused_quickly(tmp_path):
    (tmp_path / "l0.xml").write_text('<p xmlns="http://www.tei-c.org/ns/1.0">lol</p>', encoding="utf-8")
    for level in range(1, 6):  # 10**5 inclusions if expanded
        includes = f'<xi:include href="l{level - 1}.xml"/>' * 10
        (tmp_path / f"l{level}.xml").write_text(f'<div xmlns="http://www.tei-c.org/ns/1.0" '
                                                f'xmlns:xi="http://www.w3.org/2001/XInclude">{includes}</div>',
                                                encoding="utf-8")
    started = time.perf_counter()
    doc = parse_file(tmp_path / "l5.xml")
    assert time.perf_counter() - started < 10
    assert any("more than 5000 files" in d.message for d in doc.problems)


# ---------------------------------------------------------------- entities

def test_internal_entities_are_expanded(runner, tmp_path):
    result = runner.invoke(main, ["validate", "--schema", str(TINY), str(ENT / "internal.xml")])
    assert (result.exit_code, result.output) == (0, "1 file, 0 invalid, 0 errors, 0 warnings\n")
    code, output, text = text_of(runner, ENT / "internal.xml", tmp_path)
    assert code == 0, output
    assert "Café in the first edition." in text


def test_internal_parameter_entities_are_expanded(tmp_path):
    doc = tmp_path / "pe.xml"
    doc.write_text('<!DOCTYPE TEI [\n  <!ENTITY % chars "<!ENTITY eacute \'&#233;\'>">\n  %chars;\n]>\n'
                   '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>caf&eacute;</p></body></text></TEI>',
                   encoding="utf-8")
    assert "".join(parse_file(doc).root.itertext()) == "café"


def test_an_external_entity_smuggled_through_a_parameter_entity_is_refused(runner, tmp_path):
    doc = tmp_path / "smuggled.xml"
    doc.write_text('<!DOCTYPE TEI [\n  <!ENTITY % x "<!ENTITY y SYSTEM \'file:///etc/passwd\'>">\n  %x;\n]>\n'
                   '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&y;</p></body></text></TEI>',
                   encoding="utf-8")
    result = runner.invoke(main, ["render", "text", str(doc), "-o", str(tmp_path / "out")])
    assert (result.exit_code, result.output) == (1, f"{doc}:2:3: error: an external entity declared through a parameter "
                                                    "entity (file:///etc/passwd) " + UNMAPPED + "\n")


def test_an_unmapped_external_entity_set_is_refused_and_never_fetched(runner, tmp_path):
    line = (f'{ENT}/menota.xml:3:3: error: the external parameter entity "%Menota_entities" ({MENOTA_URL}) '
            + UNMAPPED)
    env = {"XML_CATALOG_FILES": ""}
    result = runner.invoke(main, ["validate", "-q", str(ENT / "menota.xml")], env=env)
    assert (result.exit_code, result.output) == (1, line + "\n")
    code, output, text = text_of(runner, ENT / "menota.xml", tmp_path, env)
    assert (code, output.splitlines()[0], text) == (1, line, "")


def test_an_external_entity_set_mapped_by_xml_catalog_files_is_used(runner, tmp_path):
    env = {"XML_CATALOG_FILES": str(ENT / "catalog.xml")}
    result = runner.invoke(main, ["validate", "--schema", str(TINY), str(ENT / "menota.xml")], env=env)
    assert (result.exit_code, result.output) == (0, "1 file, 0 invalid, 0 errors, 0 warnings\n")
    code, output, text = text_of(runner, ENT / "menota.xml", tmp_path, env)
    assert code == 0, output
    assert "\ua77cra \ua75biki" in text


def test_an_external_entity_set_mapped_by_the_catalog_setting_is_used(runner, tmp_path, monkeypatch):
    monkeypatch.delenv("XML_CATALOG_FILES", raising=False)
    project = tmp_path / "project"
    (project / "tei").mkdir(parents=True)
    shutil.copy(ENT / "menota.xml", project / "tei" / "menota.xml")
    shutil.copy(ENT / "mufi-sample.txt", project / "mufi-sample.txt")
    shutil.copy(ENT / "catalog.xml", project / "catalog.xml")
    (project / "tei.toml").write_text('catalog = "catalog.xml"\n', encoding="utf-8")
    monkeypatch.chdir(project)
    assert load_config().get("catalog") == "catalog.xml"
    result = runner.invoke(main, ["render", "text", "tei/menota.xml", "-o", "out"])
    assert result.exit_code == 0, result.output
    assert "\ua77cra \ua75biki" in (project / "out" / "text" / "menota.txt").read_text(encoding="utf-8")


def test_a_catalog_that_maps_to_a_missing_file_says_so(runner, tmp_path):
    catalog = tmp_path / "catalog.xml"
    catalog.write_text('<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">'
                       f'<system systemId="{MENOTA_URL}" uri="gone.txt"/></catalog>', encoding="utf-8")
    result = runner.invoke(main, ["validate", "-q", str(ENT / "menota.xml")], env={"XML_CATALOG_FILES": str(catalog)})
    assert result.exit_code == 1
    assert result.output.endswith(f"directly (the catalog maps it to {tmp_path}/gone.txt, which is not there) "
                                  "[external-entity]\n")


def test_an_external_dtd_stays_refused_even_with_a_catalog(runner):
    result = runner.invoke(main, ["validate", "-q", str(FIXTURES / "bad" / "external-dtd.xml")],
                           env={"XML_CATALOG_FILES": str(ENT / "catalog.xml")})
    assert result.exit_code == 1 and "[no-external-dtd]" in result.output


@pytest.mark.parametrize("name, seconds", [("billion-laughs.xml", 2)])
def test_entity_bombs_are_refused_by_libxml2s_limits(runner, name, seconds):
    started = time.perf_counter()
    result = runner.invoke(main, ["validate", "-q", str(FIXTURES / "bad" / name)])
    assert time.perf_counter() - started < seconds
    assert result.exit_code == 1 and result.output.endswith("[entity-bomb]\n")


# ---------------------------------------------------------------- catalogs and settings

def test_a_catalog_chained_by_next_catalog_maps_the_entity_set(runner, tmp_path):
    """The catalog module is shared with schema look-ups (toolkit/catalog.py); here: a
    rewriteSystem entry in a catalog that XML_CATALOG_FILES names by file: URI, via nextCatalog."""
    (tmp_path / "entities").mkdir()
    shutil.copy(ENT / "mufi-sample.txt", tmp_path / "entities" / "menota-entities.txt")
    (tmp_path / "next.xml").write_text('<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">'
                                       '<rewriteSystem systemIdStartString="https://www.menota.org/" '
                                       'rewritePrefix="entities/"/></catalog>', encoding="utf-8")
    (tmp_path / "catalog.xml").write_text('<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">'
                                          '<nextCatalog catalog="next.xml"/></catalog>', encoding="utf-8")
    assert Catalog(catalog_files(None, (tmp_path / "catalog.xml").as_uri())).resolve(MENOTA_URL) == \
        tmp_path / "entities" / "menota-entities.txt"
    code, output, text = text_of(runner, ENT / "menota.xml", tmp_path / "out",
                                 {"XML_CATALOG_FILES": (tmp_path / "catalog.xml").as_uri()})
    assert code == 0, output
    assert "\ua77cra \ua75biki" in text


def test_the_catalog_setting_is_a_path_relative_to_tei_toml(tmp_path):
    (tmp_path / "tei.toml").write_text('catalog = "schemas/catalog.xml"\n', encoding="utf-8")
    assert load_config(tmp_path / "tei.toml").get("catalog") == str(tmp_path / "schemas" / "catalog.xml")
    (tmp_path / "tei.toml").write_text('sources = ["tei"]\ncatalog = 3\n', encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path / "tei.toml")
    assert raised.value.lines() == [f"{tmp_path}/tei.toml:2: error: catalog must be a str (an OASIS XML catalog "
                                    "mapping remote schema URLs to local files (XML_CATALOG_FILES adds more)), not int"]


# ---------------------------------------------------------------- the build cache

def test_a_changed_included_file_rebuilds_the_document(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(XI, corpus, ignore=shutil.ignore_patterns("positions.xml", "outside.xml", "missing.xml", "parts"))
    out = tmp_path / "out"
    paths = [corpus / "corpus.xml"]
    assert build(paths, out, force=True).cached == 0
    assert build(paths, out, force=True).cached == 1
    second = corpus / "members" / "second.xml"
    second.write_text(second.read_text(encoding="utf-8").replace("Delta echo foxtrot.", "Golf hotel india."),
                      encoding="utf-8")
    assert build(paths, out, force=True).cached == 0
    assert "Golf hotel india." in (out / "text" / "corpus.txt").read_text(encoding="utf-8")


def test_a_changed_entity_set_rebuilds_the_document(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(ENT, corpus)
    monkeypatch.setenv("XML_CATALOG_FILES", str(corpus / "catalog.xml"))
    out = tmp_path / "out"
    paths = [corpus / "menota.xml"]
    assert build(paths, out, force=True).cached == 0
    assert build(paths, out, force=True).cached == 1
    entities = corpus / "mufi-sample.txt"
    entities.write_text(entities.read_text(encoding="utf-8").replace("&#xA77C;", "f"), encoding="utf-8")
    assert build(paths, out, force=True).cached == 0
    assert "fra \ua75biki" in (out / "text" / "menota.txt").read_text(encoding="utf-8")


# ---------------------------------------------------------------- a teiCorpus is a collection

def test_a_corpus_text_puts_each_document_under_its_title(runner, tmp_path):
    code, output, text = text_of(runner, XI / "corpus.xml", tmp_path)
    assert code == 0, output
    assert text.endswith("The first letter\n----------------\n\n[1]\nGreetings\n\nAlpha bravo charlie.\n\n"
                         "The second letter\n-----------------\n\n[2]\nFarewell\n\nDelta echo foxtrot.\n")


def test_a_corpus_citation_tree_has_its_documents_above_their_passages():
    tree = citation_tree(parse_file(XI / "corpus.xml").root)
    assert [(u.identifier, u.level, u.parent, u.cite_type, u.label, u.anchor, u.passage) for u in tree.units] == [
        ("first", 1, None, "document", "The first letter", "first", False),
        ("1", 2, "first", "letter", "1", "ed-div-21", True),
        ("second", 1, None, "document", "The second letter", "second", False),
        ("2", 2, "second", "letter", "2", "ed-div-35", True)]
    assert [s.as_json() for s in tree.structure] == [
        {"@type": "CiteStructure", "citeType": "document",
         "citeStructure": [{"@type": "CiteStructure", "citeType": "letter"}]}]


def test_documents_without_ids_and_repeated_references_stay_unique(tmp_path):
    members = "".join(f'<TEI><teiHeader><fileDesc><titleStmt><title>Letter {n}</title></titleStmt></fileDesc>'
                      f'</teiHeader><text><body><div n="1"><p>Text {n}.</p></div></body></text></TEI>' for n in (1, 2))
    (tmp_path / "c.xml").write_text(f'<teiCorpus xmlns="http://www.tei-c.org/ns/1.0">{members}</teiCorpus>',
                                    encoding="utf-8")
    tree = citation_tree(parse_file(tmp_path / "c.xml").root)
    assert [(u.identifier, u.parent, u.label) for u in tree.units] == [
        ("document-1", None, "Letter 1"), ("1", "document-1", "1"),
        ("document-2", None, "Letter 2"), ("1 (2)", "document-2", "1")]


def test_the_tei_source_and_the_dts_document_of_an_including_file_are_standalone(runner, tmp_path):
    doc = parse_file(XI / "corpus.xml")
    whole = doc.standalone()
    assert b"xi:include" not in whole and b"Alpha bravo charlie." in whole and b"Delta echo foxtrot." in whole
    assert parse_file(ENT / "internal.xml").standalone() == (ENT / "internal.xml").read_bytes()  # read nothing else
    result = runner.invoke(main, ["render", "tei", str(XI / "corpus.xml"), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "tei" / "corpus.xml").read_bytes() == whole


def test_a_package_carries_the_included_files(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(XI, corpus)
    payload = tmp_path / "payload"
    (tmp_path / "rendered").mkdir()
    _copy_payload([corpus / "corpus.xml"], [parse_file(corpus / "corpus.xml")], tmp_path / "rendered", payload, [])
    assert sorted(str(p.relative_to(payload)) for p in payload.rglob("*.xml")) == [
        "tei/corpus.xml", "tei/members/first.xml", "tei/members/second.xml"]


# ---------------------------------------------------------------- parts of a project, the DTS library

def test_a_folders_included_parts_are_read_through_their_document(runner, tmp_path, monkeypatch):
    """A manuscript assembled page by page: the pages (surface roots) are parts, not documents."""
    (tmp_path / "tei" / "pages").mkdir(parents=True)
    for n in (1, 2):
        (tmp_path / "tei" / "pages" / f"p{n}.xml").write_text(
            f'<surface xmlns="http://www.tei-c.org/ns/1.0" n="{n}"><line>Words of page {n}</line></surface>',
            encoding="utf-8")
    (tmp_path / "tei" / "book.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude"><teiHeader><fileDesc>'
        '<titleStmt><title>A notebook</title></titleStmt></fileDesc></teiHeader><sourceDoc>'
        '<xi:include href="pages/p1.xml"/><xi:include href="pages/p2.xml"/></sourceDoc></TEI>', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["render", "text", "-o", "out"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 document(s) rendered")
    text = (tmp_path / "out" / "text" / "book.txt").read_text(encoding="utf-8")
    assert "Words of page 1" in text and "Words of page 2" in text
    listed = runner.invoke(main, ["validate", "-q", "tei"])
    assert (listed.exit_code, listed.output) == (0, "")


def test_the_dts_library_reads_a_document_again_when_an_included_file_changes(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(XI, corpus)
    context = BuildContext.create()
    first = Library([corpus / "corpus.xml"], context)
    assert Library([corpus / "corpus.xml"], context, previous=first).documents["corpus"] is first.documents["corpus"]
    member = corpus / "members" / "second.xml"
    member.write_text(member.read_text(encoding="utf-8").replace("The second letter", "The last letter"),
                      encoding="utf-8")
    again = Library([corpus / "corpus.xml"], context, previous=first)
    assert again.documents["corpus"] is not first.documents["corpus"]
    assert again.documents["corpus"].tree.by_id["second"].label == "The last letter"


def test_dts_navigates_a_corpus_by_its_documents(tmp_path):
    out = tmp_path / "output"
    render_paths([XI / "corpus.xml"], ["html", "text", "index", "data", "dts"], out_dir=out)
    with TestClient(create_app(out)) as client:
        top = client.get("/api/dts/navigation", params={"resource": "corpus", "down": "1"}).json()
        assert [(m["identifier"], m["citeType"], m["level"]) for m in top["member"]] == [
            ("first", "document", 1), ("second", "document", 1)]
        below = client.get("/api/dts/navigation", params={"resource": "corpus", "ref": "second", "down": "1"}).json()
        assert [(m["identifier"], m["parent"]) for m in below["member"]] == [("second", None), ("2", "second")]
        passage = client.get("/api/dts/document", params={"resource": "corpus", "ref": "second"})
        assert passage.status_code == 200 and b"Delta echo foxtrot." in passage.content
        assert b"Alpha bravo" not in passage.content
        whole = client.get("/api/dts/document", params={"resource": "corpus"})
        assert whole.content == parse_file(XI / "corpus.xml").standalone()


def test_a_missing_include_that_appears_rebuilds_the_document(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "parts").mkdir(parents=True)
    shutil.copy(XI / "missing.xml", corpus / "missing.xml")
    shutil.copy(XI / "parts" / "closing.xml", corpus / "parts" / "closing.xml")
    out = tmp_path / "out"
    paths = [corpus / "missing.xml"]
    assert build(paths, out, force=True).cached == 0
    assert build(paths, out, force=True).cached == 1
    (corpus / "parts" / "none.xml").write_text('<p xmlns="http://www.tei-c.org/ns/1.0">The part now there.</p>',
                                               encoding="utf-8")
    assert build(paths, out, force=True).cached == 0
    text = (out / "text" / "missing.txt").read_text(encoding="utf-8")
    assert "The part now there." in text and "The fallback part." not in text


def test_an_xslt2_schematron_is_one_line_not_a_traceback(runner, tmp_path):
    """Found while testing positions: lxml's ISO Schematron refuses queryBinding="xslt2" with an
    XSLTApplyError, which was a traceback."""
    rules = tmp_path / "xslt2.sch"
    rules.write_text((XI / "tiny.sch").read_text(encoding="utf-8").replace('"xslt"', '"xslt2"'), encoding="utf-8")
    result = runner.invoke(main, ["validate", "--schematron", str(rules), str(XI / "positions.xml")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.startswith(f"{rules}:1:1: error: cannot compile schematron schema: Fail: This implementation "
                                    "of ISO Schematron does not work with")


def test_text_includes_and_xpointers_by_id(tmp_path):
    (tmp_path / "note.txt").write_text("Plain words & more.", encoding="latin-1")
    (tmp_path / "parts.xml").write_text('<div xmlns="http://www.tei-c.org/ns/1.0"><p xml:id="keep">Kept part.</p>'
                                        '<p xml:id="other">Other part.</p></div>', encoding="utf-8")
    pointers = ["keep", "element(keep)", "xpointer(id('keep'))"]
    includes = "".join(f'<xi:include href="parts.xml" xpointer="{p}"/>' for p in pointers)
    (tmp_path / "doc.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude"><text><body>'
        f'<p>Before <xi:include href="note.txt" parse="text" encoding="latin-1"/> after.</p>{includes}'
        '<xi:include href="parts.xml" xpointer="xpointer(//p[2])"/></body></text></TEI>', encoding="utf-8")
    doc = parse_file(tmp_path / "doc.xml")
    body = doc.root.find(".//{http://www.tei-c.org/ns/1.0}body")
    assert ["".join(p.itertext()) for p in body] == ["Before Plain words & more. after.", "Kept part.", "Kept part.",
                                                      "Kept part.", ""]
    assert [d.message for d in doc.problems] == [
        'xi:include href="parts.xml" xpointer="xpointer(//p[2])" is refused: only an xpointer that names an xml:id '
        "(ID, element(ID) or xpointer(id('ID'))) is supported; it is left out"]
