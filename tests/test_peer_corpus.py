"""The TEI Consortium's own test inputs (../shared/peer-tei): the toolkit handles TEI it did
not write as well as its own edition. Skipped, with the reason, when the folder is absent."""

from __future__ import annotations

import json

import pytest
from conftest import PEER_DIR
from lxml import html
from textcheck import missing_words, tei_words

from toolkit.build import render_paths
from toolkit.cli import main
from toolkit.validate import ValidationOptions, validate_paths
from toolkit.xmlsafe import parse_file


@pytest.fixture(scope="module")
def rendered(peer_files, tmp_path_factory):
    out = tmp_path_factory.mktemp("peer") / "output"
    render_paths(peer_files, out_dir=out)
    return out


def test_tei_all_verdicts_match_the_readme(peer_files, tei_all):
    report = validate_paths(peer_files, ValidationOptions(schema=tei_all))
    verdicts = {f.path.rsplit("/", 1)[-1]: f.valid() for f in report.files}
    assert verdicts == {p.name: p.name != "testRendition1.xml" for p in peer_files}
    (invalid,) = [f for f in report.files if not f.valid()]
    assert any(d.line == 37 and "attribute \"render\" is not allowed on <tagUsage>" in d.message for d in invalid.diagnostics)


def test_cli_reports_the_peer_verdicts(runner, peer_files, tei_all):
    result = runner.invoke(main, ["validate", "--schema", str(tei_all), str(PEER_DIR)])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1].startswith("10 files, 1 invalid,")
    assert all("testRendition1.xml" in line for line in result.output.splitlines()[:-1])


def test_every_output_is_well_formed(peer_files, rendered):
    for path in peer_files:
        page = rendered / "html" / f"{path.stem}.html"
        assert html.parse(str(page)).getroot().tag == "html"
        assert (rendered / "text" / f"{path.stem}.txt").read_text(encoding="utf-8").strip()
    json.loads((rendered / "index" / "citation-index.json").read_text(encoding="utf-8"))
    assert html.parse(str(rendered / "index" / "citation-index.html")).getroot().tag == "html"


@pytest.mark.parametrize("kind", ["text", "html"])
def test_no_word_is_lost(peer_files, rendered, kind):
    for path in peer_files:
        body, notes = tei_words(parse_file(path).root)
        if kind == "text":
            shown = (rendered / "text" / f"{path.stem}.txt").read_text(encoding="utf-8")
        else:
            page = html.parse(str(rendered / "html" / f"{path.stem}.html"))
            shown = page.xpath("string(//article[@id='ed-text'])") + " " + page.xpath("string(//section[@id='ed-notes'])")
        lost = missing_words(body + notes, shown)
        assert lost == [], f"{path.name}: {len(lost)} words lost in {kind}, first {lost[:10]}"


def test_internal_links_resolve_in_peer_pages(peer_files, rendered):
    for path in peer_files:
        page = rendered / "html" / f"{path.stem}.html"
        tree = html.parse(str(page))
        ids = set(tree.xpath("//@id"))
        for href in tree.xpath("//a/@href"):
            if href.startswith("#"):
                assert href[1:] in ids, f"{path.name}: {href}"
