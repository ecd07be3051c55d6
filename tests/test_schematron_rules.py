"""Each Schematron rule has a small invalid fixture that proves it fires, with its rule id.

A fixture's header comment says what it breaks and which rule is expected, e.g.
``Expected: rule ptr-ref (error).`` Every assert/report id in schema/edition.sch
must have a fixture, so a new rule cannot land untested.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from lxml import etree

from toolkit.validate import ValidationOptions, validate_paths

RULE_FIXTURES = sorted((FIXTURES / "schematron").glob("*.xml"))
EXPECTED = re.compile(r"Expected: rule (\S+) \((error|warning)\)")


def expected(path: Path) -> tuple[str, str]:
    match = EXPECTED.search(path.read_text(encoding="utf-8"))
    assert match, f"{path.name} has no 'Expected: rule … (…)' header comment"
    return match.group(1), match.group(2)


def schematron_rule_ids() -> set[str]:
    tree = etree.parse(str(ROOT / "schema" / "edition.sch"))
    ns = {"sch": "http://purl.oclc.org/dsdl/schematron"}
    return {node.get("id") for node in tree.xpath("//sch:assert | //sch:report", namespaces=ns)}


def test_every_rule_has_a_fixture():
    covered = {expected(path)[0] for path in RULE_FIXTURES}
    assert schematron_rule_ids() - covered == set()
    assert covered - schematron_rule_ids() == set()


@pytest.mark.parametrize("fixture", RULE_FIXTURES, ids=lambda p: p.stem)
def test_rule_fires(fixture):
    rule, severity = expected(fixture)
    diagnostics = validate_paths([fixture]).diagnostics
    fired = [d for d in diagnostics if d.layer == "schematron" and d.rule == rule]
    assert fired, [d.format() for d in diagnostics]
    assert {d.severity for d in fired} == {severity}
    # The fixture breaks this rule and no other Schematron rule.
    others = {d.rule for d in diagnostics if d.layer == "schematron" and d.rule != rule and d.severity == "error"}
    assert others == set()
    # A rule that fires points at a real line of the file.
    assert all(d.line > 1 for d in fired)


def test_minimal_fixture_is_clean():
    """The base of every rule fixture is valid, so each fixture breaks exactly what it says."""
    report = validate_paths([FIXTURES / "valid" / "minimal-edition.xml"])
    assert [d.format() for d in report.diagnostics] == []


def test_grammar_valid_fixtures_are_valid_tei(tei_all):
    """Every fixture that the project grammar accepts is also valid TEI: the grammar is a subset of TEI."""
    paths = [FIXTURES / "valid" / "minimal-edition.xml"] + RULE_FIXTURES
    grammar_ok = [p for p in paths if not any(d.layer == "relaxng" for d in validate_paths([p]).diagnostics)]
    assert len(grammar_ok) >= len(RULE_FIXTURES) - 2
    report = validate_paths(grammar_ok, ValidationOptions(schema=tei_all))
    assert [d.format() for d in report.diagnostics] == []
