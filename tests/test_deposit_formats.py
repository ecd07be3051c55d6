"""The package's deposit formats: METS with PREMIS (validated offline against the Library of
Congress's schemas from ../shared/deposit-schemas) and an RO-Crate (validated by roc-validator,
offline, its HTTP cache seeded with the JSON-LD context the rocrate library ships)."""

from __future__ import annotations

import copy
import importlib.resources
import io
import json
import shutil

import bagit
import pytest
from conftest import EDITION, ROOT
from lxml import etree
from lxml import html as lxml_html

from toolkit import mets
from toolkit.citetree import citation_tree
from toolkit.cli import main
from toolkit.config import load
from toolkit.context import BuildContext
from toolkit.deposit_schemas import check
from toolkit.package import package
from toolkit.verify import verify
from toolkit.xmlsafe import parse_file

ID = "soviet-declaration-1956-10-30"
NS = {"mets": "http://www.loc.gov/METS/", "premis": "http://www.loc.gov/premis/v3",
      "xlink": "http://www.w3.org/1999/xlink", "dc": "http://purl.org/dc/elements/1.1/"}


@pytest.fixture(scope="module")
def deposit(tmp_path_factory):
    out = tmp_path_factory.mktemp("deposit") / "output"
    settings = load(ROOT / "tei.toml")
    return package([EDITION], out, profile=settings.path_of("profile"), bag_info=settings.table("bag-info"),
                   context=BuildContext.create(settings))


@pytest.fixture(scope="module")
def mets_tree(deposit):
    return etree.parse(str(deposit.bag / "metadata" / "mets.xml"))


# ---------------------------------------------------------------- METS with PREMIS

def test_mets_validates_against_mets_and_premis(mets_tree, deposit_schemas):
    assert check(mets_tree, "mets", deposit_schemas, "mets.xml", "bag") == []


def test_the_schemas_really_check_premis_xlink_and_dc(mets_tree, deposit_schemas):
    """A validator that passes everything proves nothing: each broken copy fails."""
    no_identifier = copy.deepcopy(mets_tree)
    first = no_identifier.find(".//premis:objectIdentifier", NS)
    first.getparent().remove(first)
    bad_link = copy.deepcopy(mets_tree)
    bad_link.find(".//mets:FLocat", NS).set(f"{{{NS['xlink']}}}type", "extended")
    bad_dc = copy.deepcopy(mets_tree)
    bad_dc.find(".//dc:title", NS).tag = f"{{{NS['dc']}}}heading"
    for broken, expected in ((no_identifier, "objectIdentifier"), (bad_link, "simple"), (bad_dc, "heading")):
        found = check(broken, "mets", deposit_schemas, "mets.xml", "bag")
        assert found and all(d.severity == "error" for d in found)
        assert expected in found[0].message


def test_filesec_lists_every_payload_file_with_its_checksum_and_type(deposit, mets_tree):
    manifest = dict(reversed(line.split(maxsplit=1)) for line in
                    (deposit.bag / "manifest-sha256.txt").read_text().splitlines())
    files = {f.find("mets:FLocat", NS).get(f"{{{NS['xlink']}}}href"): f for f in mets_tree.iterfind(".//mets:file", NS)}
    assert set(files) == set(manifest)
    for path, element in files.items():
        assert (element.get("CHECKSUM"), element.get("CHECKSUMTYPE")) == (manifest[path], "SHA-256")
        assert element.get("SIZE") == str((deposit.bag / path).stat().st_size)
    assert files[f"data/tei/{ID}.xml"].get("MIMETYPE") == "application/tei+xml"
    assert files[f"data/html/{ID}.html"].get("MIMETYPE") == "text/html"
    assert files["data/ro-crate-metadata.json"].get("MIMETYPE") == "application/json"
    premis = {o.findtext("premis:objectIdentifier/premis:objectIdentifierValue", namespaces=NS):
              o.findtext(".//premis:messageDigest", namespaces=NS) for o in mets_tree.iterfind(".//premis:object", NS)}
    assert premis == manifest


def test_dmdsec_wraps_the_packages_dublin_core(deposit, mets_tree):
    wrapped = mets_tree.find(".//mets:dmdSec/mets:mdWrap[@MDTYPE='DC']/mets:xmlData/*", NS)
    written = etree.parse(str(deposit.bag / "metadata" / "dc.xml"), etree.XMLParser(remove_blank_text=True)).getroot()
    assert wrapped.tag == written.tag and wrapped.attrib == written.attrib
    assert [(e.tag, e.attrib, e.text) for e in wrapped] == [(e.tag, e.attrib, e.text) for e in written]
    assert len(written) > 10


def test_premis_events_and_agent_carry_the_package_date_and_the_toolkit(deposit, mets_tree):
    date = bagit.Bag(str(deposit.bag)).info["Bagging-Date"]
    events = {e.findtext("premis:eventType", namespaces=NS): e for e in mets_tree.iterfind(".//premis:event", NS)}
    assert set(events) == {"creation", "message digest calculation"}
    assert {e.findtext("premis:eventDateTime", namespaces=NS) for e in events.values()} == {date}
    agent = mets_tree.find(".//premis:agent", NS)
    assert agent.findtext("premis:agentType", namespaces=NS) == "software"
    assert agent.findtext("premis:agentIdentifier/premis:agentIdentifierValue", namespaces=NS) == mets.AGENT
    for event in events.values():
        assert event.findtext(".//premis:linkingAgentIdentifierValue", namespaces=NS) == mets.AGENT
        assert len(event.findall("premis:linkingObjectIdentifier", NS)) == len(mets_tree.findall(".//mets:file", NS))
    assert mets_tree.find("mets:metsHdr", NS).get("CREATEDATE") == f"{date}T00:00:00Z"
    assert mets_tree.find("mets:metsHdr", NS).get("LASTMODDATE") is None
    assert not mets_tree.xpath("//@CREATED")  # metsrw's clock stamps are gone
    assert "Archivematica" not in etree.tostring(mets_tree, encoding="unicode")


def test_logical_structmap_follows_the_citation_structure(deposit, mets_tree):
    tree = citation_tree(parse_file(EDITION).root)
    document = mets_tree.find(".//mets:structMap[@TYPE='logical']/mets:div[@TYPE='edition']/mets:div", NS)
    units = document.findall("mets:div", NS)
    assert [u.get("LABEL") for u in units] == [u.label for u in tree.children[None]]
    assert [u.get("LABEL") for u in units] == ["Headnote", "¶ 1", "¶ 2", "¶ 3", "¶ 4", "¶ 5", "¶ 6"]
    tei_ids = set(parse_file(EDITION).root.xpath("//@xml:id"))
    html_ids = set(lxml_html.parse(str(deposit.bag / "data" / "html" / f"{ID}.html")).getroot().xpath("//@id"))
    file_ids = {f.get("ID"): f.find("mets:FLocat", NS).get(f"{{{NS['xlink']}}}href")
                for f in mets_tree.iterfind(".//mets:file", NS)}
    for unit in units:
        tei_area, html_area = unit.findall("mets:fptr/mets:area", NS)
        assert file_ids[tei_area.get("FILEID")] == f"data/tei/{ID}.xml" and tei_area.get("BEGIN") in tei_ids
        assert file_ids[html_area.get("FILEID")] == f"data/html/{ID}.html" and html_area.get("BEGIN") in html_ids


def test_mets_is_deterministic(deposit, tmp_path):
    again = package([EDITION], tmp_path / "output", profile=load(ROOT / "tei.toml").path_of("profile"),
                    bag_info=load(ROOT / "tei.toml").table("bag-info"), context=BuildContext.create(load(ROOT / "tei.toml")))
    for name in ("metadata/mets.xml", "data/ro-crate-metadata.json"):
        assert (again.bag / name).read_bytes() == (deposit.bag / name).read_bytes(), name
    assert again.zip.read_bytes() == deposit.zip.read_bytes()


def test_without_the_schemas_the_toolkit_says_so(tmp_path, runner, monkeypatch):
    """No silent pass: the structure is checked and a warning says the schemas were missing."""
    config = load(ROOT / "tei.toml").with_value("deposit-schemas", str(tmp_path / "nowhere"))
    result = package([EDITION], tmp_path / "output", context=BuildContext.create(config))
    assert [(d.severity, d.rule) for d in result.warnings] == [("warning", "schema-unavailable")]
    assert "only its structure was checked" in result.warnings[0].message
    assert (result.bag / "metadata" / "mets.xml").is_file()
    found = verify(result.zip, schemas=None)
    assert [(d.severity, d.rule) for d in found] == [("warning", "schema-unavailable")]
    monkeypatch.chdir(tmp_path)
    cli = runner.invoke(main, ["package", "--verify", str(result.zip)])
    assert cli.exit_code == 0
    assert cli.output.splitlines()[-1] == f"{result.zip}: valid (1 warning(s))"


def test_verify_reports_a_mets_that_disagrees_with_the_bag(deposit, tmp_path, deposit_schemas):
    bag = tmp_path / ID
    shutil.copytree(deposit.bag, bag)
    path = bag / "metadata" / "mets.xml"
    tree = etree.parse(str(path))
    tree.find(".//mets:file", NS).set("CHECKSUM", "0" * 64)
    tree.find(".//mets:fptr", NS).set("FILEID", "file-nowhere")
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    found = [d for d in verify(bag, schemas=deposit_schemas) if d.rule == "mets"]
    messages = [d.message for d in found]
    assert any("FILEID 'file-nowhere' names no ID" in m for m in messages), messages
    assert any("checksum of data/" in m and "is not the manifest's" in m for m in messages), messages


def test_an_invalid_mets_is_never_written(tmp_path, monkeypatch, deposit_schemas):
    real = mets.build

    def broken(*args, **kwargs):
        root = real(*args, **kwargs)
        identifier = root.find(".//premis:objectIdentifier", NS)
        identifier.getparent().remove(identifier)
        return root

    monkeypatch.setattr(mets, "build", broken)
    config = load(ROOT / "tei.toml").with_value("deposit-schemas", str(deposit_schemas))
    with pytest.raises(Exception) as caught:
        package([EDITION], tmp_path / "output", context=BuildContext.create(config))
    assert "the METS document is not valid" in str(caught.value)
    assert not (tmp_path / "output" / "deposit" / ID).exists()
    assert not (tmp_path / "output" / "deposit" / f"{ID}.zip").exists()


# ---------------------------------------------------------------- RO-Crate

def _crate(deposit) -> dict:
    data = json.loads((deposit.bag / "data" / "ro-crate-metadata.json").read_text(encoding="utf-8"))
    return {entity["@id"]: entity for entity in data["@graph"]}


def test_the_crate_describes_the_edition_from_its_header(deposit):
    graph = _crate(deposit)
    header = json.loads((deposit.bag / "metadata" / "datacite.json").read_text(encoding="utf-8"))
    root = graph["./"]
    assert root["name"] == header["titles"][0]["title"]
    assert root["datePublished"] == next(d["date"] for d in header["dates"] if d["dateType"] == "Issued")
    assert graph[root["author"]["@id"]] == {"@id": "#creator-1", "@type": "Organization", "name": "Soviet Government"}
    assert root["license"][0] == {"@id": "https://creativecommons.org/licenses/by/4.0/"}
    assert root["isBasedOn"] == {"@id": header["relatedIdentifiers"][0]["relatedIdentifier"]}
    payload = {p.relative_to(deposit.bag / "data").as_posix() for p in (deposit.bag / "data").rglob("*") if p.is_file()}
    assert {part["@id"] for part in root["hasPart"]} == payload - {"ro-crate-metadata.json"}
    tei = {"@id": f"tei/{ID}.xml"}
    assert graph[f"html/{ID}.html"]["isBasedOn"] == tei and graph[f"text/{ID}.txt"]["isBasedOn"] == tei
    assert graph[f"tei/{ID}.xml"]["encodingFormat"] == "application/tei+xml"


def _seeded_cache(path):
    """roc-validator's HTTP cache (requests-cache, SQLite) holding the RO-Crate JSON-LD context
    that the rocrate library ships, under its own URL: the validator then runs offline."""
    import requests
    import requests_cache
    import urllib3

    context = importlib.resources.files("rocrate").joinpath("data/ro-crate.jsonld").read_bytes()
    url = json.loads(context)["@id"]
    response = requests.Response()
    response.status_code, response._content, response.url = 200, context, url
    response.headers["Content-Type"] = "application/ld+json"
    response.request = requests.Request("GET", url).prepare()
    response.raw = urllib3.HTTPResponse(body=io.BytesIO(context), headers=dict(response.headers), status=200,
                                        preload_content=False)
    response.raw._request_url = url
    session = requests_cache.CachedSession(str(path), backend="sqlite")
    session.cache.save_response(response)
    session.close()
    return url


@pytest.mark.slow
def test_roc_validator_accepts_the_crate_offline(deposit, tmp_path):
    from rocrate_validator import models, services

    crate = tmp_path / "data"
    shutil.copytree(deposit.bag / "data", crate)
    cache = tmp_path / "http-cache"
    url = _seeded_cache(cache)
    assert url == "https://w3id.org/ro/crate/1.3/context"
    settings = models.ValidationSettings(rocrate_uri=str(crate), profile_identifier="ro-crate-1.3",
                                         requirement_severity=models.Severity.REQUIRED, offline=True,
                                         cache_path=cache)
    result = services.validate(settings)
    issues = [f"{i.check.identifier}: {i.message}" for i in result.get_issues()]
    assert result.passed() and issues == [], issues


def test_a_plays_logical_structmap_has_acts_and_scenes(tmp_path, deposit_schemas):
    """Generality: a play from another project (../shared/real-tei) gets acts with their scenes."""
    import logging

    from conftest import SHARED

    play = SHARED / "real-tei" / "drama-hamlet.xml"
    if not play.is_file():
        pytest.skip(f"{play} is absent (see shared/real-tei)")
    (tmp_path / "bag" / "tei").mkdir(parents=True)
    shutil.copyfile(play, tmp_path / "bag" / "tei" / play.name)
    logging.getLogger("bagit").disabled = True
    try:
        bagit.make_bag(str(tmp_path / "bag"), checksums=["sha256"])
    finally:
        logging.getLogger("bagit").disabled = False
    bag = tmp_path / "bag"
    tree = citation_tree(parse_file(bag / "data" / "tei" / play.name).root)
    dc = (b'<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
          b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Hamlet</dc:title></oai_dc:dc>')
    root = etree.fromstring(mets.serialise(mets.build(bag, "hamlet", "Hamlet", "2024-01-01", dc, [
        mets.MetsDocument(f"data/tei/{play.name}", None, "Hamlet", tree)])))
    assert mets.problems(root, mets.payload_digests(bag)) == []
    assert check(root, "mets", deposit_schemas, "mets.xml", "bag") == []
    document = root.find(".//mets:structMap[@TYPE='logical']/mets:div/mets:div", NS)
    acts = document.findall("mets:div", NS)
    assert [(a.get("TYPE"), a.get("LABEL")) for a in acts] == [("act", str(n)) for n in range(1, 6)]
    assert [s.get("LABEL") for s in acts[1].findall("mets:div", NS)] == ["2.1", "2.2"]
    assert all(s.get("TYPE") == "scene" for a in acts for s in a.findall("mets:div", NS))
