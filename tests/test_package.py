"""Deposit packages: a BagIt bag and a reproducible zip, metadata from the header, and a
verification that names every problem of a tampered copy."""

from __future__ import annotations

import json
import shutil
import zipfile

import bagit
import pytest
from conftest import EDITION, FIXTURES, ROOT, copy_own
from lxml import etree

from toolkit.cli import main
from toolkit.config import load
from toolkit.errors import ValidationFailed
from toolkit.package import package
from toolkit.verify import verify
from toolkit.xmlsafe import NS, parse_file

ID = "soviet-declaration-1956-10-30"
DC = {"dc": "http://purl.org/dc/elements/1.1/", "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/"}


@pytest.fixture(scope="module")
def deposit(tmp_path_factory):
    """The package `tei package` makes in this repository: with tei.toml's profile and tags
    (`tei package --verify` run here checks that profile too)."""
    out = tmp_path_factory.mktemp("deposit") / "output"
    settings = load(ROOT / "tei.toml")
    return package([EDITION], out, profile=settings.path_of("profile"), bag_info=settings.table("bag-info"))


def test_bag_validates_with_bagit(deposit):
    bag = bagit.Bag(str(deposit.bag))
    bag.validate()
    assert bag.version_info == (1, 0)
    assert sorted(bag.algorithms) == ["sha256", "sha512"]
    assert {p.name for p in deposit.bag.iterdir()} >= {"tagmanifest-sha256.txt", "tagmanifest-sha512.txt",
                                                       "manifest-sha256.txt", "manifest-sha512.txt", "metadata"}


def test_every_payload_file_is_listed(deposit):
    payload = {str(p.relative_to(deposit.bag)) for p in (deposit.bag / "data").rglob("*") if p.is_file()}
    assert payload == {
        "data/README.txt", f"data/tei/{ID}.xml", "data/schema/edition.odd", "data/schema/edition.rng", "data/schema/edition.sch",
        f"data/html/{ID}.html", "data/html/edition.css", "data/html/edition.js", f"data/text/{ID}.txt",
        "data/index/citation-index.html", "data/index/citation-index.json", "data/index/edition.css",
        "data/index/edition.js", "data/ro-crate-metadata.json"}
    for manifest in ("manifest-sha256.txt", "manifest-sha512.txt"):
        listed = {line.split(maxsplit=1)[1] for line in (deposit.bag / manifest).read_text().splitlines()}
        assert listed == payload
    tags = {line.split(maxsplit=1)[1] for line in (deposit.bag / "tagmanifest-sha256.txt").read_text().splitlines()}
    assert {"bag-info.txt", "bagit.txt", "metadata/dc.xml", "metadata/datacite.json", "metadata/mets.xml"} <= tags


def test_dc_carries_the_header_facts(deposit):
    tei = parse_file(EDITION).tree
    dc = etree.parse(str(deposit.bag / "metadata" / "dc.xml"))

    def tei_values(xpath):
        values = tei.xpath(xpath, namespaces=NS)
        return [" ".join((v if isinstance(v, str) else "".join(v.itertext())).split()) for v in values]

    def dc_values(field):
        return [" ".join(e.text.split()) for e in dc.xpath(f"/oai_dc:dc/dc:{field}", namespaces=DC)]

    assert dc_values("title") == tei_values("//tei:titleStmt/tei:title[@type='main'] | //tei:titleStmt/tei:title[@type='official']")
    assert dc_values("creator") == tei_values("//tei:titleStmt/tei:author")
    contributors = dc_values("contributor")
    for name in tei_values("//tei:sourceDesc/tei:bibl[@type='witness']/tei:editor") + \
            tei_values("//tei:titleStmt/tei:respStmt/tei:orgName"):
        assert any(c.startswith(name) for c in contributors), name
    assert dc_values("date") == tei_values("//tei:profileDesc/tei:creation/tei:date/@when") + \
        tei_values("//tei:publicationStmt/tei:date/@when")
    assert dc_values("identifier") == tei_values("//tei:publicationStmt/tei:idno[@type='project']")
    assert dc_values("language") == tei_values("//tei:langUsage/tei:language/@ident")
    assert dc_values("publisher") == tei_values("//tei:publicationStmt/tei:publisher")
    assert dc_values("type") == ["Text"]
    assert "application/tei+xml" in dc_values("format")
    assert tei_values("//tei:sourceDesc/tei:bibl[@type='witness']/tei:ref/@target")[0] in dc_values("source")[0]
    assert len(dc_values("relation")) == len(tei.xpath("//tei:sourceDesc//tei:listBibl/tei:bibl[*[not(self::tei:note)]]", namespaces=NS))
    assert tei_values("//tei:availability/tei:licence/@target")[0] in dc_values("rights")[0]
    assert dc_values("subject") == tei_values("//tei:textClass//tei:term")


def test_datacite_json_has_the_same_facts(deposit):
    data = json.loads((deposit.bag / "metadata" / "datacite.json").read_text(encoding="utf-8"))
    dc = etree.parse(str(deposit.bag / "metadata" / "dc.xml"))
    assert [t["title"] for t in data["titles"]] == dc.xpath("//dc:title/text()", namespaces=DC)
    assert [c["name"] for c in data["creators"]] == dc.xpath("//dc:creator/text()", namespaces=DC)
    assert [d["date"] for d in data["dates"]] == dc.xpath("//dc:date/text()", namespaces=DC)
    assert data["alternateIdentifiers"][0]["alternateIdentifier"] == ID
    assert data["rightsList"][0]["rightsUri"] == "https://creativecommons.org/licenses/by/4.0/"


def test_bag_info_fields(deposit):
    info = bagit.Bag(str(deposit.bag)).info
    tei = parse_file(EDITION).tree
    assert info["Source-Organization"] == tei.xpath("string(//tei:publicationStmt/tei:publisher)", namespaces=NS)
    assert info["External-Identifier"] == ID
    assert tei.xpath("normalize-space(//tei:titleStmt/tei:title[@type='official'])", namespaces=NS) in info["External-Description"]
    assert info["Bagging-Date"] == max(tei.xpath("//tei:revisionDesc/tei:change/@when", namespaces=NS))
    assert info["Bag-Software-Agent"].startswith("tei-edition-toolkit ")
    assert "Bag-Group-Identifier" not in info  # the edition belongs to no series
    assert info["Payload-Oxum"].endswith(".14")


def test_bagging_date_from_source_date_epoch(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "946684800")  # 2000-01-01T00:00:00Z
    result = package([EDITION], tmp_path / "output")
    assert bagit.Bag(str(result.bag)).info["Bagging-Date"] == "2000-01-01"
    assert zipfile.ZipFile(result.zip).infolist()[0].date_time == (2000, 1, 1, 0, 0, 0)


def test_two_runs_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = package([EDITION], tmp_path / "one")
    second = package([EDITION], tmp_path / "two")
    assert first.zip.read_bytes() == second.zip.read_bytes()
    def files(root):
        return {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    assert files(first.bag) == files(second.bag)


def test_zip_unpacks_to_one_ascii_folder_in_fixed_order(deposit):
    names = zipfile.ZipFile(deposit.zip).namelist()
    assert all(n.startswith(f"{ID}/") and n.isascii() for n in names)
    assert names == sorted(names)
    assert deposit.zip.name == f"{ID}.zip"


def test_zip_round_trip(deposit, tmp_path, deposit_schemas):
    zipfile.ZipFile(deposit.zip).extractall(tmp_path)
    assert verify(tmp_path / ID, schemas=deposit_schemas) == []
    assert verify(deposit.zip, schemas=deposit_schemas) == []
    bagit.Bag(str(tmp_path / ID)).validate()


def test_verify_names_every_tampering(deposit, tmp_path, runner):
    bag = tmp_path / ID
    shutil.copytree(deposit.bag, bag)
    with open(bag / "data" / "text" / f"{ID}.txt", "ab") as handle:
        handle.write(b"X")
    (bag / "data" / "html" / "edition.js").unlink()
    (bag / "data" / "extra.txt").write_text("added\n")
    info = bag / "bag-info.txt"
    info.write_text(info.read_text().replace("Source-Organization: TEI", "Source-Organization: Tampered"))
    result = runner.invoke(main, ["package", "--verify", str(bag)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"{bag}/data/html/edition.js:1:1: error: listed in the manifest but missing from the bag [completeness]" in lines
    assert f"{bag}/data/extra.txt:1:1: error: present in the bag but not listed in any manifest [completeness]" in lines
    assert any(line.startswith(f"{bag}/data/text/{ID}.txt:1:1: error: sha256 checksum mismatch") for line in lines)
    assert any(line.startswith(f"{bag}/bag-info.txt:1:1: error: sha256 checksum mismatch") for line in lines)
    assert any(line.startswith(f"{bag}/bag-info.txt:1:1: error: Payload-Oxum validation failed") for line in lines)
    # one oxum, one missing, one unexpected, two digests each for the text and bag-info.txt
    assert lines[-1] == f"{bag}: 7 problem(s)"


def test_verify_checks_the_tei_against_the_schema_inside(deposit, tmp_path):
    bag = tmp_path / ID
    shutil.copytree(deposit.bag, bag)
    tei = bag / "data" / "tei" / f"{ID}.xml"
    tei.write_text(tei.read_text(encoding="utf-8").replace('ref="#lenin"', 'ref="#lenine"'), encoding="utf-8")
    rules = {d.rule for d in verify(bag)}
    assert {"checksum", "ptr-ref"} <= rules


def test_verify_refuses_a_package_without_the_schema_its_tei_names(deposit, tmp_path):
    """Elsewhere a schema that cannot be loaded is a warning (tei_all takes its place); a package
    must hold its schemas, so here it is an error (issue #25)."""
    bag = tmp_path / ID
    shutil.copytree(deposit.bag, bag)
    removed = [p for p in (bag / "data").rglob("*.rng") if not p.name.endswith(".simplified.rng")]
    assert removed
    for grammar in removed:
        grammar.unlink()
    problems = [d for d in verify(bag) if d.rule == "xml-model"]
    assert problems and all(d.is_error and "cannot be loaded: there is no file" in d.message for d in problems)


def test_valid_package_exits_0(deposit, runner):
    result = runner.invoke(main, ["package", "--verify", str(deposit.zip)])
    assert (result.exit_code, result.output) == (0, f"{deposit.zip}: valid\n")


def test_invalid_edition_is_refused(tmp_path, runner):
    broken = tmp_path / "broken.xml"
    copy_own(FIXTURES / "schematron" / "ptr-ref--missing-register-entry.xml", broken)
    with pytest.raises(ValidationFailed):
        package([broken], tmp_path / "output")
    result = runner.invoke(main, ["package", str(broken), "-o", str(tmp_path / "output")])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (f"tei: error: refusing to render 1 invalid file(s): {broken} "
                                               "(an invalid edition is never packaged: correct the errors, then run "
                                               "tei package again)")
    assert "--force" not in result.output
    assert not list((tmp_path / "output" / "deposit").glob("*.zip"))


def test_unsafe_zip_is_refused(tmp_path, runner):
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("../escape.txt", "x")
    result = runner.invoke(main, ["package", "--verify", str(evil)])
    assert result.exit_code == 1
    assert result.output == f"{evil}:1:1: error: refused: unsafe path '../escape.txt' [zip]\n"
    assert not (tmp_path.parent / "escape.txt").exists()


# ---------------------------------------------------------------- DataCite, by DataCite's rules

def test_datacite_json_and_xml_are_valid_datacite_4_5(deposit):
    from datacite import schema45

    data = json.loads((deposit.bag / "metadata" / "datacite.json").read_text(encoding="utf-8"))
    assert schema45.validate(data)  # the datacite package's own 4.5 JSON Schema
    assert data["schemaVersion"] == "http://datacite.org/schema/kernel-4"
    assert data["publisher"] == {"name": "TEI Edition Toolkit project"}
    assert data["alternateIdentifiers"] == [{"alternateIdentifier": ID, "alternateIdentifierType": "Local"}]
    assert "doi" not in data and "identifiers" not in data  # no DOI is invented
    xml = etree.parse(str(deposit.bag / "metadata" / "datacite.xml")).getroot()
    kernel = "{http://datacite.org/schema/kernel-4}"
    assert xml.tag == f"{kernel}resource"
    assert "kernel-4.5/metadata.xsd" in xml.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation")
    assert xml.find(f"{kernel}identifier") is None
    assert xml.findtext(f"{kernel}publisher") == "TEI Edition Toolkit project"
    assert xml.findtext(f"{kernel}alternateIdentifiers/{kernel}alternateIdentifier") == ID
    assert schema45.tostring(data) == (deposit.bag / "metadata" / "datacite.xml").read_text(encoding="utf-8")


def test_a_given_doi_is_the_datacite_identifier(tmp_path):
    from datacite import schema45

    made = package([EDITION], tmp_path / "output", doi="10.5281/zenodo.1234567")
    data = json.loads((made.bag / "metadata" / "datacite.json").read_text(encoding="utf-8"))
    assert data["doi"] == "10.5281/zenodo.1234567" and schema45.validate(data)
    assert '<identifier identifierType="DOI">10.5281/zenodo.1234567</identifier>' in \
        (made.bag / "metadata" / "datacite.xml").read_text(encoding="utf-8")


def test_a_malformed_doi_is_a_usage_error_before_any_work(runner, tmp_path):
    result = runner.invoke(main, ["package", str(EDITION), "-o", str(tmp_path / "out"), "--doi", "doi.org/xyz"])
    assert result.exit_code == 2
    assert result.output == "tei: error: --doi 'doi.org/xyz' is not a DOI (10.NNNN/suffix, without https://doi.org/)\n"
    assert not (tmp_path / "out").exists()


def test_verify_reports_invalid_datacite(runner, deposit, tmp_path):
    bag = tmp_path / "bag"
    shutil.copytree(deposit.bag, bag)
    record = json.loads((bag / "metadata" / "datacite.json").read_text(encoding="utf-8"))
    del record["schemaVersion"]
    (bag / "metadata" / "datacite.json").write_text(json.dumps(record), encoding="utf-8")
    result = runner.invoke(main, ["package", "--verify", str(bag)])
    assert result.exit_code == 1
    assert (f"{bag}/metadata/datacite.json:1:1: error: not valid DataCite 4.5: (record): 'schemaVersion' is a "
            "required property [datacite]") in result.output.splitlines()
