"""``tei validate`` from the command line: exit codes, exact messages, JSON, schema discovery."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import EDITION, FIXTURES, ROOT, as_own, copy_own

from toolkit.cli import main
from toolkit.diagnostics import Diagnostic

BAD = FIXTURES / "bad"
MINIMAL = FIXTURES / "valid" / "minimal-edition.xml"


def run(runner, *args):
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


# ---------------------------------------------------------------- exit codes

def test_valid_edition_exits_0_with_summary(runner, in_root):
    result = run(runner, "validate")
    assert result.exit_code == 0
    assert result.output == "1 file, 0 invalid, 0 errors, 0 warnings\n"


def test_invalid_file_exits_1(runner):
    result = run(runner, "validate", BAD / "malformed.xml")
    assert result.exit_code == 1


def test_missing_path_is_a_usage_error(runner):
    result = run(runner, "validate", "no/such/file.xml")
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_unknown_option_is_a_usage_error(runner):
    result = run(runner, "validate", "--no-such-option")
    assert result.exit_code == 2
    assert result.output == "tei: error: No such option '--no-such-option'. (usage: tei validate --help)\n"


def test_warnings_fail_only_with_strict(runner):
    fixture = FIXTURES / "schematron" / "entry-cited--uncited-register-entry.xml"
    assert run(runner, "validate", fixture).exit_code == 0
    strict = run(runner, "validate", "--strict", fixture)
    assert strict.exit_code == 1
    assert strict.output.splitlines()[-1] == "1 file, 1 invalid, 0 errors, 1 warning"


# ---------------------------------------------------------------- exact messages

UNMAPPED = ("the toolkit reads an external entity only when an XML catalog maps it to a local file (the catalog "
            "setting in tei.toml, or XML_CATALOG_FILES) and never fetches it; add it to a catalog, or write the "
            "characters directly [external-entity]")

@pytest.mark.parametrize("name, line", [
    ("malformed.xml", "5:46: error: not well-formed XML: Opening and ending tag mismatch: hi line 5 and p [well-formed]"),
    ("non-tei-root.xml", "4:1: error: the root element is <html> in the namespace http://www.w3.org/1999/xhtml, "
                         "not a TEI document (<TEI> or <teiCorpus> in the namespace http://www.tei-c.org/ns/1.0) [tei-root]"),
    ("external-entity-file.xml", "3:3: error: the external entity \"secret\" (file:///etc/passwd) is refused: " + UNMAPPED),
    ("external-entity-http.xml", "3:3: error: the external entity \"remote\" (http://127.0.0.1:9/entity.txt) is "
                                 "refused: " + UNMAPPED),
    ("external-parameter-entity.xml", "3:3: error: the external parameter entity \"%remote\" (file:///etc/passwd) is "
                                      "refused: " + UNMAPPED),
    ("billion-laughs.xml", "16:57: error: entity expansion refused: expanding &lol9; exceeds libxml2's limit on entity "
                           "amplification (an entity bomb such as billion laughs or quadratic blow-up) [entity-bomb]"),
    ("external-dtd.xml", "2:1: error: external DTD refused: the toolkit never loads external DTDs; remove the DOCTYPE's "
                         "identifier (keep <!DOCTYPE TEI [...]>) [no-external-dtd]"),
    ("wrong-encoding-declaration.xml", "1:1: error: the bytes do not match the declared encoding UTF-16: byte 0x0A is not valid [encoding]"),
])
def test_bad_input_gets_one_exact_line(runner, name, line):
    path = BAD / name
    result = run(runner, "validate", "-q", path)
    assert result.exit_code == 1
    assert result.output == f"{path}:{line}\n"
    assert "Traceback" not in result.output


def test_empty_file(runner, tmp_path):
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"")
    result = run(runner, "validate", "-q", empty)
    assert (result.exit_code, result.output) == (1, f"{empty}:1:1: error: the file is empty or has no XML content: "
                                                   "an XML document must start with a root element [well-formed]\n")


def test_binary_junk(runner, tmp_path):
    junk = tmp_path / "junk.xml"
    junk.write_bytes(bytes(range(256)) * 4)
    result = run(runner, "validate", "-q", junk)
    assert result.exit_code == 1
    assert result.output.startswith(f"{junk}:1:1: error: UTF-16 or binary data without a byte order mark")


def test_invalid_utf8_names_the_byte_and_position(runner, tmp_path):
    bad = tmp_path / "latin1.xml"
    bad.write_bytes(as_own(MINIMAL.read_text(encoding="utf-8")).encode().replace(b"A minimal edition</title>", b"A minimal \xe9dition</title>"))
    result = run(runner, "validate", "-q", bad)
    assert result.exit_code == 1
    assert result.output == (f"{bad}:11:38: error: the bytes do not match the declared encoding UTF-8: byte 0xE9 is not "
                             "valid (was the file saved in another encoding, such as Latin-1 or Windows-1252?) [encoding]\n")


def test_utf16_with_bom_is_valid(runner, tmp_path):
    doc = tmp_path / "utf16.xml"
    text = as_own(MINIMAL.read_text(encoding="utf-8")).replace('encoding="UTF-8"', 'encoding="UTF-16"')
    doc.write_bytes(text.encode("utf-16"))
    result = run(runner, "validate", doc)
    assert result.exit_code == 0, result.output


def test_deep_nesting_is_refused_cleanly(runner, tmp_path):
    deep = tmp_path / "deep.xml"
    deep.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">' + "<div>" * 100_000 + "</div>" * 100_000 + "</TEI>")
    result = run(runner, "validate", "-q", deep)
    assert result.exit_code == 1
    assert "nests elements too deeply to be processed safely (more than 256 levels); it is refused [well-formed]" in result.output


def test_unreadable_file_is_reported_and_others_still_checked(runner, tmp_path, monkeypatch):
    locked = tmp_path / "a-locked.xml"
    copy_own(MINIMAL, locked)
    other = tmp_path / "b-valid.xml"
    copy_own(MINIMAL, other)
    locked.chmod(0)
    if os.access(locked, os.R_OK):  # running as root: permissions do not stop reads, so simulate the OS error
        real = Path.read_bytes

        def read_bytes(self):
            if self.name == "a-locked.xml":
                raise PermissionError(13, "Permission denied")
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = run(runner, "validate", locked, other)
    locked.chmod(0o644)
    assert result.exit_code == 1
    assert result.output == (f"{locked}:1:1: error: the file cannot be read: permission denied [readable]\n"
                             "2 files, 1 invalid, 1 error, 0 warnings\n")


def test_relaxng_message_names_element_parent_and_expected_values(runner, tmp_path):
    doc = tmp_path / "bad-type.xml"
    doc.write_text(as_own(MINIMAL.read_text(encoding="utf-8")).replace('type="country"', 'type="nation"'), encoding="utf-8")
    result = run(runner, "validate", "-q", doc)
    assert result.output == (f"{doc}:50:31: error: type=\"nation\" is not allowed on <place> inside <listPlace>; expected one of: "
                             "\"city\", \"continent\", \"country\", \"state\" [relaxng]\n")


def test_relaxng_message_for_unexpected_element_lists_allowed_children(runner, tmp_path):
    doc = tmp_path / "bad-child.xml"
    doc.write_text(as_own(MINIMAL.read_text(encoding="utf-8")).replace("changed.<note", "changed.<foo/><note"), encoding="utf-8")
    result = run(runner, "validate", "-q", doc)
    assert result.exit_code == 1
    assert result.output.startswith(f"{doc}:63:144: error: element <foo> inside <p> is not allowed here; <p> may contain "
                                    "<att>, <bibl>, <date>, <desc>, <eventName>, <gi>")


def test_schematron_message_has_rule_id_and_real_column(runner):
    fixture = FIXTURES / "schematron" / "ptr-ref--missing-register-entry.xml"
    result = run(runner, "validate", fixture)
    assert result.output.splitlines()[0] == (
        f"{fixture}:62:39: error: @ref=\"#staline\" on persName points to no element: add a register entry with "
        "xml:id=\"staline\" or correct the pointer. [ptr-ref]")


# ---------------------------------------------------------------- JSON

def test_json_output_round_trips(runner):
    fixture = FIXTURES / "schematron" / "ptr-ref--missing-register-entry.xml"
    result = run(runner, "validate", "--format", "json", fixture, MINIMAL)
    assert result.exit_code == 1
    data = json.loads(result.output)
    # The broken pointer leaves the person entry uncited: one error and one warning.
    assert data["summary"] == {"files": 2, "invalid": 1, "errors": 1, "warnings": 1}
    records = [Diagnostic.from_dict(d) for d in data["diagnostics"]]
    assert [r.as_dict() for r in records] == data["diagnostics"]
    assert sorted(r.rule for r in records) == ["entry-cited", "ptr-ref"]
    (record,) = [r for r in records if r.severity == "error"]
    assert (record.file, record.line, record.column, record.severity, record.layer, record.rule) == \
        (str(fixture), 62, 39, "error", "schematron", "ptr-ref")
    assert record.xpath.startswith("/*[local-name()='TEI'")


# ---------------------------------------------------------------- schema discovery and overrides

def test_xml_model_resolved_relative_to_the_file_from_a_subfolder(runner, project):
    sub = project / "tei" / "letters" / "1956"
    sub.mkdir(parents=True)
    text = EDITION.read_text(encoding="utf-8").replace('href="../schema/', 'href="../../../schema/')
    (sub / "copy.xml").write_text(text, encoding="utf-8")
    result = run(runner, "validate", "tei/letters")
    assert (result.exit_code, result.output) == (0, "1 file, 0 invalid, 0 errors, 0 warnings\n")
    # The same file with a wrong relative path names the missing schema at the instruction's line,
    # and is checked against the project's schema in its place (a warning each; exit 0).
    (sub / "copy.xml").write_text(EDITION.read_text(encoding="utf-8"), encoding="utf-8")
    result = run(runner, "validate", "tei/letters")
    assert result.exit_code == 0
    missing = project.resolve() / "tei" / "letters" / "schema"
    assert result.output.splitlines() == [
        f"tei/letters/1956/copy.xml:2:1: warning: schema \"../schema/edition.rng\" cannot be loaded: there is no file "
        f"{missing / 'edition.rng'}; the file is checked against the project's schema (schema/edition.rng) instead [xml-model]",
        f"tei/letters/1956/copy.xml:3:1: warning: Schematron rules \"../schema/edition.sch\" cannot be loaded: there is no "
        f"file {missing / 'edition.sch'}; the file is checked against the project's schema (schema/edition.rng) instead "
        "[xml-model]",
        "1 file, 0 invalid, 0 errors, 2 warnings"]


def without_schemas(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith("<?xml-model")) + "\n"


def test_own_file_naming_no_schema_gets_the_project_schema(runner, project):
    broken = FIXTURES / "schematron" / "ptr-ref--missing-register-entry.xml"
    (project / "tei" / "nomodel.xml").write_text(without_schemas(broken.read_text(encoding="utf-8")), encoding="utf-8")
    result = run(runner, "validate", "tei/nomodel.xml")
    assert result.exit_code == 1
    assert "[ptr-ref]" in result.output and "[no-schema]" not in result.output


def test_foreign_file_naming_no_schema_gets_tei_conformance_or_a_notice(runner, project, tei_all):
    foreign = project / "elsewhere" / "letter.xml"
    foreign.parent.mkdir()
    broken = FIXTURES / "schematron" / "ptr-ref--missing-register-entry.xml"
    foreign.write_text(without_schemas(broken.read_text(encoding="utf-8")), encoding="utf-8")
    # No schema named, not under tei/, no tei_all found beside this project: well-formedness only.
    result = run(runner, "validate", "elsewhere/letter.xml")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "elsewhere/letter.xml:4:1: warning: no schema: the file names none (<?xml-model?>) and is not under the "
        "project's tei/ folder, and no tei_all.rng was given (--tei-all) or found; only well-formedness was checked "
        "[no-schema]",
        "1 file, 0 invalid, 0 errors, 1 warning"]
    # With --tei-all: TEI conformance, and none of this project's house rules (no ptr-ref).
    result = run(runner, "validate", "--tei-all", tei_all, "elsewhere/letter.xml")
    assert (result.exit_code, result.output) == (0, "1 file, 0 invalid, 0 errors, 0 warnings\n")


def permissive_grammar(folder: Path) -> Path:
    """A grammar that accepts a TEI root with any attributes and any content."""
    grammar = folder / "permissive.rng"
    grammar.write_text('<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start>'
                       '<element name="TEI" ns="http://www.tei-c.org/ns/1.0"><ref name="any"/></element></start>'
                       '<define name="any"><zeroOrMore><choice><text/><attribute><anyName/></attribute>'
                       '<element><anyName/><ref name="any"/></element></choice></zeroOrMore></define></grammar>')
    return grammar


def test_schema_override_applies_that_grammar_alone(runner, tmp_path):
    grammar = permissive_grammar(tmp_path)
    broken = FIXTURES / "schematron" / "ptr-ref--missing-register-entry.xml"
    # Only the given grammar applies: the permissive one accepts even an unknown element.
    unknown = tmp_path / "unknown-element.xml"
    unknown.write_text(broken.read_text(encoding="utf-8").replace("changed.<note", "changed.<foo/><note"), encoding="utf-8")
    assert run(runner, "validate", unknown).exit_code == 1
    assert run(runner, "validate", "--schema", grammar, unknown).output == "1 file, 0 invalid, 0 errors, 0 warnings\n"
    result = run(runner, "validate", "--schema", ROOT / "schema" / "edition.rng", broken)
    assert (result.exit_code, result.output) == (0, "1 file, 0 invalid, 0 errors, 0 warnings\n")
    result = run(runner, "validate", "--schema", ROOT / "schema" / "edition.rng",
                 "--schematron", ROOT / "schema" / "edition.sch", broken)
    assert result.exit_code == 1 and "[ptr-ref]" in result.output


def test_broken_schema_given_on_the_command_line_is_one_clear_error(runner, tmp_path):
    grammar = tmp_path / "broken.rng"
    grammar.write_text("<grammar xmlns='http://relaxng.org/ns/structure/1.0'><start><ref name='nowhere'/></start></grammar>")
    result = run(runner, "validate", "--schema", grammar, MINIMAL)
    assert result.exit_code == 1
    assert result.output.startswith(f"{grammar.resolve()}:1:1: error: cannot compile relaxng schema:")


def test_tei_all_layer_reports_tei_errors(runner, tei_all, tmp_path):
    assert run(runner, "validate", "--tei-all", tei_all, MINIMAL, EDITION).output == "2 files, 0 invalid, 0 errors, 0 warnings\n"
    doc = tmp_path / "not-tei-conformant.xml"
    doc.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p colour="red">A</p></body></text></TEI>')
    result = run(runner, "validate", "--schema", permissive_grammar(tmp_path), "--tei-all", tei_all, doc)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{doc}:1:42: error: element <text> inside <TEI> is not allowed at this position: check the order of <TEI>'s "
        "children, or whether one is repeated or missing before it [tei-all]",
        "1 file, 1 invalid, 1 error, 0 warnings"]


# ---------------------------------------------------------------- safety

@pytest.mark.slow
def test_no_network_connection_is_made(runner, tmp_path, listener):
    """A listening socket sees no connection while documents that name network resources are checked."""
    docs = []
    for name in ("external-entity-http.xml", "external-dtd.xml", "remote-schema.xml"):
        doc = tmp_path / name
        doc.write_text((BAD / name).read_text().replace("127.0.0.1:9", f"127.0.0.1:{listener.port}"))
        docs.append(doc)
    result = run(runner, "validate", *docs)
    assert result.exit_code == 1
    assert listener.connections() == []


def test_sources_are_never_modified(runner, in_root):
    before = {p: p.read_bytes() for p in (ROOT / "tei").rglob("*")}
    run(runner, "validate")
    assert {p: p.read_bytes() for p in (ROOT / "tei").rglob("*")} == before


def test_line_numbers_past_65535_are_exact_in_every_layer(runner, tmp_path):
    """libxml2 once clamped line numbers at 65535; every layer reports the true line."""
    padding = "\n" * 70_000
    grammar = tmp_path / "relaxng.xml"  # line 63 of the minimal edition, pushed down by 70,000 lines
    grammar.write_text(as_own(MINIMAL.read_text(encoding="utf-8")).replace("changed.<note", padding + "changed.<foo/><note"),
                       encoding="utf-8")
    result = run(runner, "validate", "-q", grammar)
    assert result.output.startswith(f"{grammar}:70063:"), result.output
    rules = tmp_path / "schematron.xml"  # the ptr-ref error of line 62, now at the start of its line
    broken = FIXTURES / "schematron" / "ptr-ref--missing-register-entry.xml"
    rules.write_text(as_own(broken.read_text(encoding="utf-8")).replace("<p n=\"1\"", padding + "<p n=\"1\"", 1),
                     encoding="utf-8")
    result = run(runner, "validate", "-q", rules)
    assert f"{rules}:70062:31: error: @ref=\"#staline\"" in result.output, result.output
    malformed = tmp_path / "malformed.xml"
    malformed.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'>" + padding + "<p>a &amp b</p></TEI>", encoding="utf-8")
    result = run(runner, "validate", "-q", malformed)
    assert result.output.startswith(f"{malformed}:70001:"), result.output


def test_tei_all_messages_say_what_is_allowed(runner, tmp_path, tei_all):
    doc = tmp_path / "letter.xml"
    doc.write_text(as_own(MINIMAL.read_text(encoding="utf-8")).replace("changed.<note", "changed.<letDesc/><note"),
                   encoding="utf-8")
    result = run(runner, "validate", "-q", "--schema", tei_all, doc)
    assert result.exit_code == 1
    assert f"{doc}:63:" in result.output
    assert "element <letDesc> inside <p> is not allowed here; <p> may contain <abbr>, <add>" in result.output
