"""Editing in Oxygen: the project file, the xml-model instructions, the template, and the
proof that Saxon-HE on the JVM (what Oxygen's scenarios run) gives the toolkit's bytes."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EDITION, ROOT

from toolkit.render import render_paths
from toolkit.schemas import declared_schemas
from toolkit.validate import ValidationOptions, validate_paths
from toolkit.xmlsafe import parse_file

OXYGEN = ROOT / "oxygen"
PROJECT = OXYGEN / "edition.xpr"
TEMPLATE = OXYGEN / "templates" / "tei-document.xml"
SAXON_JARS = [Path("/usr/share/java/Saxon-HE.jar")]


def project_tree():
    return parse_file(PROJECT).tree


def test_project_file_is_well_formed():
    assert project_tree().getroot().tag == "project"


def test_project_paths_are_relative_and_exist():
    tree = project_tree()
    values = [s.text for s in tree.iter("String") if s.text and "${pdu}" in s.text]
    values += [f"${{pdu}}/{f.get('path')}" for f in tree.iter("folder")]
    assert values
    for value in values:
        assert not re.search(r"(^|[^$])/(home|root|Users|work)/", value), value
        local = Path(value.replace("${pdu}", str(OXYGEN)).split("${")[0])
        # A file must exist; an output path (with ${cfn}) needs its folder's parent to exist.
        assert local.exists() if "${cfn}" not in value and "output" not in value else local.parent.parent.exists(), value
    folders = {f.get("path") for f in tree.iter("folder")}
    assert {"../tei/", "../schema/", "../xslt/", "../output/"} <= folders


def scenarios():
    return {s.findtext("field[@name='name']/String"): s for s in project_tree().iter("scenario")}


def test_scenarios_run_the_cli_stylesheets_to_the_cli_paths():
    found = {name: (s.findtext("field[@name='inputXSLURL']/String"), s.findtext("field[@name='outputResource']/String"),
                    s.findtext("field[@name='xslTransformer']/String")) for name, s in scenarios().items()}
    assert found == {
        "Reading edition (HTML)": ("${pdu}/../xslt/html.xsl", "${pdu}/../output/html/${cfn}.html", "Saxon-HE"),
        "Plain text": ("${pdu}/../xslt/text.xsl", "${pdu}/../output/text/${cfn}.txt", "Saxon-HE"),
        "Citation index": ("${pdu}/../xslt/index.xsl", "${pdu}/../output/index/citation-index.html", "Saxon-HE"),
        "Citation index (JSON)": ("${pdu}/../xslt/index.xsl", "${pdu}/../output/index/citation-index.json", "Saxon-HE"),
    }
    for xsl, _, _ in found.values():
        assert (OXYGEN / xsl.replace("${pdu}/", "")).resolve().is_file()


def test_validation_scenario_uses_the_project_schemas():
    uris = [u.text for u in project_tree().iter("String") if u.text and u.text.endswith((".rng", ".sch"))]
    resolved = sorted((OXYGEN / u.replace("${pdu}/", "")).resolve() for u in uris)
    assert resolved == sorted([ROOT / "schema" / "edition.rng", ROOT / "schema" / "edition.sch"])


@pytest.mark.parametrize("path", sorted((ROOT / "tei").rglob("*.xml")), ids=lambda p: p.name)
def test_every_edition_file_declares_both_schemas_and_they_resolve(path):
    refs = declared_schemas(parse_file(path))
    assert [r.kind for r in refs] == ["relaxng", "schematron"]
    assert [r.path for r in refs] == [ROOT / "schema" / "edition.rng", ROOT / "schema" / "edition.sch"]


def fill_template(text: str, today: str = "2026-11-28") -> str:
    """Fill the template the way Oxygen does (README: accept the proposed answers)."""
    answers = {}

    def ask(match):
        answers[match.group(2)] = match.group(1)
        return match.group(1)

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


# ---------------------------------------------------------------- JVM Saxon gives the same bytes

def saxon_jar() -> Path:
    if shutil.which("java") is None:
        pytest.skip("JVM Saxon comparison skipped: no Java runtime (Debian: default-jre-headless)")
    for jar in SAXON_JARS:
        if jar.is_file():
            return jar
    pytest.skip("JVM Saxon comparison skipped: no Saxon-HE jar (Debian: libsaxonhe-java)")


def run_scenario(jar: Path, xsl: str, out: Path, *params: str) -> bytes:
    """Run a stylesheet as the Oxygen scenario does: Saxon-HE, the current file, output to a file."""
    result = subprocess.run(["java", "-cp", str(jar), "net.sf.saxon.Transform", f"-s:{EDITION}",
                             f"-xsl:{ROOT / 'xslt' / xsl}", f"-o:{out}", *params], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out.read_bytes()


@pytest.fixture(scope="module")
def toolkit_outputs(tmp_path_factory):
    out = tmp_path_factory.mktemp("toolkit") / "output"
    render_paths([EDITION], out_dir=out)
    return out


@pytest.mark.parametrize("xsl, params, produced", [
    ("html.xsl", (), f"html/{EDITION.stem}.html"),
    ("text.xsl", (), f"text/{EDITION.stem}.txt"),
    ("index.xsl", ("format=html",), "index/citation-index.html"),
    ("index.xsl", ("format=json",), "index/citation-index.json"),
])
@pytest.mark.slow
def test_jvm_saxon_output_is_byte_identical(toolkit_outputs, tmp_path, xsl, params, produced):
    jar = saxon_jar()
    jvm = run_scenario(jar, xsl, tmp_path / Path(produced).name, *params)
    assert jvm == (toolkit_outputs / produced).read_bytes()
