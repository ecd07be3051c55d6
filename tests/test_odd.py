"""The ODD is the single source of the schemas (issue 12): `tei schema` regenerates
schema/edition.rng and schema/edition.sch byte for byte, lxml compiles the grammar fast,
and every element, attribute value and rule is documented in the ODD."""

from __future__ import annotations

import time

import pytest
from conftest import ROOT, SHARED
from lxml import etree

from toolkit.cli import main
from toolkit.xmlsafe import parse_file

ODD = ROOT / "schema" / "edition.odd"
P5 = SHARED / "tei-p5" / "p5subset.xml"
STYLESHEETS = SHARED / "tei-stylesheets"
T = {"t": "http://www.tei-c.org/ns/1.0", "sch": "http://purl.oclc.org/dsdl/schematron",
     "a": "http://relaxng.org/ns/compatibility/annotations/1.0", "rng": "http://relaxng.org/ns/structure/1.0"}

needs_shared = pytest.mark.skipif(not (P5.is_file() and (STYLESHEETS / "odds" / "odd2odd.xsl").is_file()),
                                  reason=f"compiling the ODD needs {P5} and {STYLESHEETS} (../shared)")


@needs_shared
def test_tei_schema_regenerates_the_committed_schemas_byte_for_byte(runner, tmp_path):
    result = runner.invoke(main, ["schema", "--odd", str(ODD), "--p5", str(P5), "--stylesheets", str(STYLESHEETS),
                                  "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for name in ("edition.rng", "edition.sch"):
        assert (tmp_path / name).read_bytes() == (ROOT / "schema" / name).read_bytes(), \
            f"schema/{name} differs from what schema/edition.odd compiles to: run `make schema`"
    again = runner.invoke(main, ["schema", "--odd", str(ODD), "--p5", str(P5), "--stylesheets", str(STYLESHEETS),
                                 "-o", str(tmp_path)])
    assert "(up to date)" in again.output


@pytest.mark.parametrize(("option", "value", "what", "todo"), [
    ("--p5", "missing/p5subset.xml", "TEI P5 source (p5subset.xml)",
     "name the TEI P5 source with --p5 (p5subset.xml of a TEI release)"),
    ("--stylesheets", "missing-stylesheets", "TEI stylesheet",
     "name the TEI Consortium's stylesheets with --stylesheets (the folder holding odds/)"),
    ("--odd", "missing.odd", "ODD", "name the project's ODD with --odd, or set odd in tei.toml (tei init writes one)"),
])
def test_missing_reference_material_is_a_usage_error_naming_the_path(runner, tmp_path, option, value, what, todo):
    target = tmp_path / value
    args = ["schema", "-o", str(tmp_path / "out"), option, str(target)]
    if option != "--odd":
        args += ["--odd", str(ODD)]
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    expected = target / "odds" / "odd2odd.xsl" if option == "--stylesheets" else target
    assert result.output == f"tei: error: {what} not found at {expected.resolve()}: {todo}\n"
    assert not (tmp_path / "out").exists()


def test_lxml_compiles_the_generated_grammar_quickly():
    """TEI's content model of state (a choice with a branch that recurses into state and a
    nullable one) took lxml's RELAX NG compiler minutes; the ODD narrows it."""
    started = time.perf_counter()
    etree.RelaxNG(parse_file(ROOT / "schema" / "edition.rng").tree)
    assert time.perf_counter() - started < 2.0


def test_the_odd_documents_every_element_value_and_rule():
    odd = parse_file(ODD).tree
    spec = odd.find(".//t:schemaSpec", T)
    included = {name for ref in spec.findall("t:moduleRef", T) for name in (ref.get("include") or "").split()}
    described = {e.get("ident") for e in spec.findall("t:elementSpec", T) if e.find("t:desc", T) is not None}
    assert included and included <= described, sorted(included - described)
    for item in spec.iterfind(".//t:valItem", T):
        assert item.find("t:gloss", T) is not None, item.get("ident")
    for constraint in spec.iterfind(".//t:constraintSpec", T):
        assert constraint.find("t:desc", T) is not None, constraint.get("ident")
        for check in constraint.iterfind(".//sch:assert", T):
            assert check.get("id") and "".join(check.itertext()).strip(), constraint.get("ident")


def test_the_grammar_carries_the_odds_documentation_for_content_completion():
    rng = parse_file(ROOT / "schema" / "edition.rng").tree
    seg = rng.find(".//rng:element[@name='seg']/a:documentation", T)
    assert seg is not None and "omission marks" in seg.text
    assert rng.find(".//sch:pattern", T) is None  # the rules live in edition.sch only


def test_the_schematron_keeps_every_project_rule_and_only_those():
    sch = parse_file(ROOT / "schema" / "edition.sch").tree
    odd = parse_file(ODD).tree
    in_odd = sorted(a.get("id") for a in odd.iterfind(".//sch:assert", T))
    in_sch = sorted(a.get("id") for a in sch.iterfind(".//sch:assert", T))
    assert in_sch == in_odd and len(in_sch) == 26  # issue 26: note-source, place-adjective, sampling-declared, group-description
    assert sch.getroot().get("queryBinding") == "xslt"


def test_the_rules_on_every_element_are_one_pass_and_without_lets():
    """tei schema merges the patterns whose rule applies to every element (one pass over the
    document instead of one each); their rules evaluate no sch:let on every element."""
    sch = parse_file(ROOT / "schema" / "edition.sch").tree
    every = [r for r in sch.iterfind(".//sch:rule", T) if r.get("context") == "tei:*"]
    assert len(every) == 1
    assert every[0].find("sch:let", T) is None
    assert [a.get("id") for a in every[0].iterfind("sch:assert", T)] == [
        "id-unique", "ptr-ref", "ptr-agent", "resp-kind", "ptr-other", "date-iso", "date-range"]
    pattern = every[0].getparent()
    assert pattern.get("id") == "identifiers-pointers-agents-other-pointers-dates"
