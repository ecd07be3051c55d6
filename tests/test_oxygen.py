"""Editing in Oxygen (issue 18): the project file and the framework extension in the shapes
Oxygen itself writes (checked against ../shared/oxygen-reference), every path they name
resolving, and every transformation scenario replayed as Oxygen would run it (Saxon-HE on
the JVM, the scenario's own stylesheet and parameters), byte for byte against tei render."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import EDITION, ROOT, SHARED
from lxml import etree
from oxygen_shapes import compare, shapes

from toolkit.build import render_paths
from toolkit.config import load
from toolkit.context import BuildContext
from toolkit.schemas import declared_schemas
from toolkit.stamp import ReleaseStamp
from toolkit.validate import ValidationOptions, validate_paths
from toolkit.xmlsafe import parse_file

OXYGEN = ROOT / "oxygen"
PROJECT = OXYGEN / "edition.xpr"
FRAMEWORK = OXYGEN / "frameworks" / "edition"
EXTENSION = FRAMEWORK / "edition.exf"
TEMPLATE = FRAMEWORK / "templates" / "tei-document.xml"
REFERENCE = SHARED / "oxygen-reference"
EXF = "{http://www.oxygenxml.com/ns/framework/extend}"
SAXON_JARS = [Path("/usr/share/java/Saxon-HE.jar")]

needs_reference = pytest.mark.skipif(not REFERENCE.is_dir(), reason=f"{REFERENCE} (real Oxygen files) is absent")


def project_tree():
    return parse_file(PROJECT).tree


def expand(value: str, framework: Path = FRAMEWORK) -> Path:
    """An Oxygen path with its editor variables expanded for this repository's layout."""
    value = (value.replace("${pdu}", OXYGEN.as_uri()).replace("${pd}", str(OXYGEN))
             .replace("${framework}", str(framework)))
    if value.startswith("file:"):
        value = value[len("file://"):]
    return Path(value).resolve()


# ---------------------------------------------------------------- the shapes Oxygen writes

@needs_reference
def test_project_objects_have_the_fields_and_types_oxygen_writes():
    reference = shapes(sorted(REFERENCE.glob("*.xpr")) + sorted(REFERENCE.glob("*.framework")))
    ours = shapes([PROJECT])
    assert {"scenario", "transformationParameter", "paramDescriptor", "validationScenario", "validationUnit",
            "validationUnitSchema", "validationEngine", "validationUnitType", "scenarioAssociation"} <= set(ours)
    assert compare(ours, reference) == []


@needs_reference
def test_project_keys_and_elements_are_those_of_real_project_files():
    real_keys = set()
    for path in REFERENCE.glob("*.xpr"):
        real_keys |= {e.findtext("String") for e in etree.parse(str(path)).iter("entry")}
    ours = [e.findtext("String") for e in project_tree().iter("entry")]
    assert ours and set(ours) <= real_keys, set(ours) - real_keys
    assert "document.templates.dirs" not in ours
    root = project_tree().getroot()
    assert root.get("version") is None  # recent files have no version attribute
    (filters,) = root.iter("filters")
    assert "," in filters.get("directoryPatterns") and " " not in filters.get("directoryPatterns")
    for folder in root.iter("folder"):
        assert set(folder.attrib) <= {"path", "name", "masterFiles"}


def test_transformation_parameters_name_their_parameter_as_oxygen_does():
    params = {}
    for scenario in project_tree().iter("scenario"):
        name = scenario.findtext("field[@name='name']/String")
        params[name] = {p.findtext(".//paramDescriptor/field[@name='localName']/String"):
                        p.findtext("field[@name='value']/String") for p in scenario.iter("transformationParameter")}
        assert scenario.findtext("field[@name='useXSLTInput']/Boolean") == "true"
        assert scenario.find("field[@name='useFOP']") is None
    assert params["Citation index of this file only (JSON)"]["format"] == "json"
    assert params["Citation index of this file only (HTML)"]["format"] == "html"
    config = load(ROOT / "tei.toml")
    for name, values in params.items():
        assert {k: v for k, v in values.items() if k != "format"} == config.params(), name


def test_validation_scenario_is_associated_with_the_edition():
    tree = project_tree()
    entries = {e.findtext("String"): e for e in tree.iter("entry")}
    units = entries["validation.scenarios"].findall(".//validationScenario[1]//validationUnitSchema")
    schemas = [(u.findtext("field[@name='type']/Integer"), expand(u.findtext("field[@name='uri']/String")))
               for u in units]
    assert schemas == [("4", ROOT / "schema" / "edition.rng"), ("7", ROOT / "schema" / "edition.sch")]
    association = entries["validation.scenario.associations"].find(".//scenarioAssociation")
    assert association.findtext("field[@name='url']/String") == "../tei/soviet-declaration-1956-10-30.xml"
    assert association.findtext("field[@name='scenarioTypes']/list/String") == "Validation_scenario"
    assert entries["additional.frameworks.directories"].findtext(".//String-array/String") == "${pd}/frameworks"


@needs_reference
def test_framework_extension_has_the_structure_of_real_extension_scripts():
    real = etree.parse(str(REFERENCE / "oxbytao.exf")).getroot()
    ours = parse_file(EXTENSION).root
    assert ours.tag == real.tag == f"{EXF}script"
    assert ours.get("base") == "TEI P5"  # the built-in framework's name
    assert ours.findtext(f"{EXF}name")
    (css,) = ours.findall(f"{EXF}author/{EXF}css/{EXF}addCss")
    assert real.findall(f"{EXF}author/{EXF}css/{EXF}addCss") and set(css.attrib) <= {"path", "title", "alternate"}
    (templates,) = ours.findall(f"{EXF}documentTemplates/{EXF}addEntry")
    assert templates.get("path") == "${framework}/templates"
    names = {etree.QName(e).localname for e in real} | {"documentTemplates"}
    assert {etree.QName(e).localname for e in ours} <= names


# ---------------------------------------------------------------- every path resolves

def test_every_path_of_the_project_and_the_framework_resolves(tmp_path):
    tree = project_tree()
    for scenario in tree.iter("scenario"):
        assert expand(scenario.findtext("field[@name='inputXSLURL']/String")).is_file()
        output = scenario.findtext("field[@name='outputResource']/String").replace("${cfn}", EDITION.stem)
        assert expand(output).parent.parent == ROOT / "output"  # the output folders tei render uses
    for uri in tree.iter("validationUnitSchema"):
        text = uri.findtext("field[@name='uri']/String")
        if text.startswith("${frameworks}/"):  # Oxygen's own TEI framework ships tei_all.rng there
            assert text == "${frameworks}/tei/xml/tei/custom/schema/relaxng/tei_all.rng"
            continue
        assert expand(text).is_file(), text
    for folder in tree.iter("folder"):
        assert (OXYGEN / folder.get("path")).resolve().exists() or folder.get("path") == "../output/"
    assert expand(tree.find(".//entry[String='additional.frameworks.directories']//String-array/String").text) == \
        OXYGEN / "frameworks"
    extension = parse_file(EXTENSION).root
    for node in extension.iter(f"{EXF}addCss", f"{EXF}addEntry"):
        assert expand(node.get("path")).exists(), node.get("path")
    (tmp_path / "output" / "html").mkdir(parents=True)  # output folders are creatable


@pytest.mark.parametrize("path", sorted((ROOT / "tei").rglob("*.xml")), ids=lambda p: p.name)
def test_every_edition_file_declares_both_schemas_and_they_resolve(path):
    refs = declared_schemas(parse_file(path))
    assert [r.kind for r in refs] == ["relaxng", "schematron"]
    assert [r.path for r in refs] == [ROOT / "schema" / "edition.rng", ROOT / "schema" / "edition.sch"]


def fill_template(text: str, today: str = "2026-11-28") -> str:
    """Fill the template the way Oxygen does (README: accept the proposed answers; type a date
    where none is proposed)."""
    answers = {}

    def ask(match):
        # a question with no proposed answer (the document's date) is answered as an archivist would
        answers[match.group(2)] = match.group(1) or today
        return answers[match.group(2)]

    text = re.sub(r"\$\{ask\('[^']*', generic, '([^']*)', @(\w+)\)\}", ask, text)
    text = re.sub(r"\$\{answer\(@(\w+)\)\}", lambda m: answers[m.group(1)], text)
    return text.replace("${date(yyyy-MM-dd)}", today).replace("${date(yyyy)}", today[:4])


def test_template_validates_once_filled(tmp_path):
    (tmp_path / "tei").mkdir()
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    doc = tmp_path / "tei" / "new-edition.xml"
    doc.write_text(fill_template(TEMPLATE.read_text(encoding="utf-8")), encoding="utf-8")
    report = validate_paths([doc])  # through its own xml-model instructions, as in Oxygen
    assert [d.format() for d in report.diagnostics] == []


def test_filled_template_is_valid_tei(tmp_path, tei_all):
    doc = tmp_path / "new-edition.xml"
    doc.write_text(fill_template(TEMPLATE.read_text(encoding="utf-8")), encoding="utf-8")
    assert validate_paths([doc], ValidationOptions(schema=tei_all)).diagnostics == []


# ---------------------------------------------------------------- scenarios replayed as Oxygen runs them

def saxon_jar() -> Path:
    if shutil.which("java") is None:
        pytest.skip("JVM Saxon comparison skipped: no Java runtime (Debian: default-jre-headless)")
    for jar in SAXON_JARS:
        if jar.is_file():
            return jar
    pytest.skip("JVM Saxon comparison skipped: no Saxon-HE jar (Debian: libsaxonhe-java)")


SCENARIOS = [s.findtext("field[@name='name']/String") for s in project_tree().iter("scenario")]


@pytest.fixture(scope="module")
def toolkit_outputs(tmp_path_factory):
    """tei render of the current file, with the project's settings, as the CLI makes them, but no
    release stamp: the version and build date are decided by the toolkit per build (issue 28),
    which an Oxygen scenario cannot know, so its pages carry none (common/release.xsl)."""
    out = tmp_path_factory.mktemp("toolkit") / "output"
    context = replace(BuildContext.load(ROOT / "tei.toml"), release=ReleaseStamp(decided=True))
    render_paths([EDITION], ["html", "text", "index"], out_dir=out, context=context)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("name", SCENARIOS)
def test_each_scenario_replayed_on_the_jvm_gives_tei_renders_bytes(toolkit_outputs, tmp_path, name):
    jar = saxon_jar()
    (scenario,) = [s for s in project_tree().iter("scenario") if s.findtext("field[@name='name']/String") == name]
    xsl = expand(scenario.findtext("field[@name='inputXSLURL']/String"))
    name_path, value_path = ".//paramDescriptor/field[@name='localName']/String", "field[@name='value']/String"
    params = [f"{p.findtext(name_path)}={p.findtext(value_path)}" for p in scenario.iter("transformationParameter")]
    output = scenario.findtext("field[@name='outputResource']/String").replace("${cfn}", EDITION.stem)
    relative = expand(output).relative_to(ROOT / "output")
    target = tmp_path / relative.name
    result = subprocess.run(["java", "-cp", str(jar), "net.sf.saxon.Transform", f"-s:{EDITION}", f"-xsl:{xsl}",
                             f"-o:{target}", *params], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert target.read_bytes() == (toolkit_outputs / relative).read_bytes()


def test_the_project_files_are_what_tei_oxygen_writes_from_tei_toml(tmp_path):
    """oxygen/ never goes stale: `tei oxygen` on this repository writes exactly the committed files
    (the parameters are tei.toml's), and names no other edition."""
    from toolkit.oxygen import oxygen_files

    files = oxygen_files(ROOT, "edition")
    for relative in ("oxygen/edition.xpr", "oxygen/frameworks/edition/edition.exf"):
        assert files[relative] == (ROOT / relative).read_text(encoding="utf-8"), f"run `tei oxygen`: {relative}"
    assert "oxygen/frameworks/edition/templates/tei-document.xml" not in files  # the project's own, kept
