"""Diagnostics keep their exact positions when a file has thousands of them: the Schematron
locations are written by the toolkit (the skeleton's own text) and followed child list by child
list, and a column is found from its own line, with the same results as the stock skeleton,
as XPath and as a scan from the start of the document."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES, ROOT
from lxml import etree

from toolkit.corpus import write_large
from toolkit.schemas import CACHE
from toolkit.schematron import _located
from toolkit.validate import ValidationOptions, validate_file
from toolkit.xmlsafe import NS, parse_file


def column_by_scan(doc, element) -> int:
    """The column as computed before: count same-name elements on the line from the document's start."""
    import re

    line = element.sourceline
    nth = 0
    for other in doc.tree.iter(element.tag):
        if other is element:
            break
        nth += other.sourceline == line
    starts = [m.start() for m in re.finditer(r"<" + re.escape(etree.QName(element).localname) + r"(?=[\s/>]|$)",
                                             doc.line_text(line))]
    return starts[nth] + 1 if nth < len(starts) else 1


def by_xpath(doc, location):
    found = doc.tree.xpath(location)[0]
    return found if isinstance(found, etree._Element) else found.getparent()


def test_locations_and_columns_match_xpath_and_the_scan(tmp_path):
    files = sorted((FIXTURES / "schematron").glob("*.xml"))
    files.append(write_large(tmp_path / "large", 0.6, seed=1, passage_ids=False))  # hundreds of diagnostics
    schema = CACHE.schematron(ROOT / "schema" / "edition.sch")
    compared = 0
    for path in files:
        doc = parse_file(path)
        children: dict = {}
        for node in schema.report(doc.tree).xpath("//svrl:failed-assert | //svrl:successful-report", namespaces=NS):
            location = node.get("location")
            element = _located(doc, location, children)
            assert element is by_xpath(doc, location), location
            assert doc.element_column(element) == column_by_scan(doc, element)
            compared += 1
    assert compared > 300


def test_the_locations_are_the_stock_skeletons_own(tmp_path):
    from lxml import isoschematron

    files = sorted((FIXTURES / "schematron").glob("*.xml"))
    files.append(write_large(tmp_path / "large", 0.6, seed=1, passage_ids=False))
    sch = etree.parse(str(ROOT / "schema" / "edition.sch"))
    stock = isoschematron.Schematron(sch, store_report=True)  # the skeleton's own templates
    ours = CACHE.schematron(ROOT / "schema" / "edition.sch")
    compared = 0
    for path in files:
        tree = parse_file(path).tree
        stock.validate(tree)
        query = "//svrl:failed-assert/@location | //svrl:successful-report/@location"
        expected = [str(x) for x in stock.validation_report.xpath(query, namespaces=NS)]
        assert [str(x) for x in ours.report(tree).xpath(query, namespaces=NS)] == expected, path
        compared += len(expected)
    assert compared > 300


def test_thousands_of_diagnostics_each_at_its_start_tag(tmp_path):
    path = write_large(tmp_path / "large", 2, seed=1, passage_ids=False)
    result = validate_file(path, ValidationOptions(schema=ROOT / "schema" / "edition.rng",
                                                   schematron=ROOT / "schema" / "edition.sch"))
    ids = [d for d in result.diagnostics if d.rule == "passage-id"]
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    assert len(ids) > 900
    assert all(lines[d.line - 1][d.column - 1:].startswith("<p ") for d in ids)
