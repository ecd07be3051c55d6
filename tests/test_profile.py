"""BagIt profiles (issue 19): `tei package --profile` and the configuration's profile, checked
with the bagit-profile package; the project's own profile passes, a stricter one written here
fails and names each unmet requirement, and nothing is written for a failing package."""

from __future__ import annotations

import json
import shutil

import bagit
import pytest
from conftest import EDITION, ROOT

from toolkit.cli import main
from toolkit.package import package

ID = "soviet-declaration-1956-10-30"
SHIPPED = ROOT / "schema" / "deposit-profile.json"
SHIPPED_ID = json.loads(SHIPPED.read_text())["BagIt-Profile-Info"]["BagIt-Profile-Identifier"]
SENDER = "TEI P5 edition of the Internet Modern History Sourcebook's English translation, packaged with tei package"


def strict_profile(tmp_path):
    """A repository's stricter profile: a contact, a MODS file, a zip only, BagIt 0.97."""
    data = json.loads(SHIPPED.read_text())
    data["BagIt-Profile-Info"]["BagIt-Profile-Identifier"] = "https://repository.example/profiles/strict.json"
    data["Bag-Info"]["Contact-Email"] = {"required": True}
    data["Bag-Info"]["Source-Organization"] = {"required": True, "values": ["Another Archive"]}
    data["Tag-Files-Required"] = [*data["Tag-Files-Required"], "metadata/mods.xml"]
    data["Accept-BagIt-Version"] = ["0.97"]
    data["Serialization"] = "required"
    path = tmp_path / "strict.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def profiled(tmp_path_factory):
    """The edition packaged as `tei package` does with this repository's tei.toml."""
    out = tmp_path_factory.mktemp("profiled") / "output"
    return package([EDITION], out, profile=SHIPPED, bag_info={"Internal-Sender-Description": SENDER})


def test_the_bag_names_its_profile_and_carries_the_configured_tags(profiled):
    info = bagit.Bag(str(profiled.bag)).info
    assert info["BagIt-Profile-Identifier"] == SHIPPED_ID
    assert info["Internal-Sender-Description"] == SENDER


def test_the_projects_profile_passes(profiled, runner):
    for target in (profiled.bag, profiled.zip):
        result = runner.invoke(main, ["package", "--verify", str(target), "--profile", str(SHIPPED)])
        assert (result.exit_code, result.output) == (0, f"{target}: valid\n")


def test_the_configuration_names_the_profile_and_the_tags(tmp_path, runner, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = runner.invoke(main, ["package", str(EDITION), "-o", str(tmp_path / "output")])
    assert result.exit_code == 0, result.output
    info = bagit.Bag(str(tmp_path / "output" / "deposit" / ID)).info
    assert (info["BagIt-Profile-Identifier"], info["Internal-Sender-Description"]) == (SHIPPED_ID, SENDER)
    config = runner.invoke(main, ["config"])
    assert "profile = 'schema/deposit-profile.json'  (tei.toml:9)" in config.output
    assert f"bag-info.Internal-Sender-Description = {SENDER!r}  (tei.toml:22)" in config.output


def test_a_stricter_profile_names_each_unmet_requirement(profiled, tmp_path, runner):
    strict = strict_profile(tmp_path)
    result = runner.invoke(main, ["package", "--verify", str(profiled.bag), "--profile", str(strict)])
    where = f"{profiled.bag}/bag-info.txt:1:1: error: strict.json:"
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{where} '{'BagIt-Profile-Identifier'}' tag does not contain this profile's URI: <{SHIPPED_ID}> != "
        "<https://repository.example/profiles/strict.json> [profile]",
        f"{where} Required tag file 'metadata/mods.xml' is not present in Bag. [profile]",
        f"{where} Bag version '1.0' is not in list of allowed values: ['0.97'] [profile]",
        f"{where} Required tag 'Source-Organization' is present in bag-info.txt but does not have an allowed value "
        "('TEI Edition Toolkit project'). [profile]",
        f"{where} Required tag 'Contact-Email' is not present in bag-info.txt. [profile]",
        f"{where} Bag serialization is required but Bag is a directory. [profile]",
        f"{profiled.bag}: 6 problem(s)"]


def test_a_failing_profile_writes_nothing(tmp_path, runner):
    strict = strict_profile(tmp_path)
    out = tmp_path / "output"
    result = runner.invoke(main, ["package", str(EDITION), "-o", str(out), "--profile", str(strict)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"{out}/deposit/{ID}/bag-info.txt:1:1: error: strict.json: Required tag 'Contact-Email' is not present " \
           "in bag-info.txt. [profile]" in lines
    assert lines[-1] == f"tei: error: the package does not meet {strict} (4 unmet requirement(s)); nothing was written"
    assert len(lines) == 5  # the bag names the strict profile: the identifier matches
    assert not (out / "deposit" / ID).exists() and not (out / "deposit" / f"{ID}.zip").exists()


def test_a_profile_that_is_not_one_is_refused(tmp_path, runner, profiled):
    broken = tmp_path / "broken.json"
    broken.write_text('{"Bag-Info": {}}', encoding="utf-8")
    result = runner.invoke(main, ["package", "--verify", str(profiled.zip), "--profile", str(broken)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (f"{broken}:1:1: error: not a BagIt profile: BagIt-Profile-Info has "
                                             "no BagIt-Profile-Identifier [profile]")
    result = runner.invoke(main, ["package", "--verify", str(profiled.zip), "--profile", str(tmp_path / "none.json")])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_a_copy_without_its_metadata_fails_the_projects_profile(profiled, tmp_path, runner):
    copy = tmp_path / ID
    shutil.copytree(profiled.bag, copy)
    (copy / "metadata" / "datacite.xml").unlink()
    result = runner.invoke(main, ["package", "--verify", str(copy), "--profile", str(SHIPPED)])
    assert result.exit_code == 1
    assert (f"{copy}/bag-info.txt:1:1: error: deposit-profile.json: Required tag file "
            "'metadata/datacite.xml' is not present in Bag. [profile]") in result.output.splitlines()


def test_bag_info_in_the_configuration_is_checked(tmp_path, runner):
    config = tmp_path / "tei.toml"
    config.write_text('profile = "p.json"\n\n[bag-info]\nContact-Email = ["a", "b"]\n', encoding="utf-8")
    result = runner.invoke(main, ["--config", str(config), "config"])
    assert (result.exit_code, result.output) == (
        2, f"{config}:4: error: bag-info.Contact-Email must be a string or a whole number\n")


def test_checking_a_profile_leaves_logging_as_it_was(profiled, tmp_path, monkeypatch, capsys):
    """bagit-profile logs each failure with logging.error, which configures a stderr handler
    on a bare root logger; the check must not (no handler left behind, no level changed,
    nothing on stderr)."""
    import logging

    from toolkit import profile

    root, bagit_logger = logging.getLogger(), logging.getLogger("bagit")
    monkeypatch.setattr(root, "handlers", [])  # as in a process that never configured logging
    before = (list(root.handlers), root.level, bagit_logger.level)
    found = profile.problems(profile.load(strict_profile(tmp_path)), profiled.bag, "bag", profiled.bag)
    assert len(found) == 6
    assert (list(root.handlers), root.level, bagit_logger.level) == before
    assert capsys.readouterr().err == ""


def test_a_profile_that_is_not_json_is_reported_where_the_error_is(tmp_path, runner, profiled):
    broken = tmp_path / "broken.json"
    broken.write_text('{"BagIt-Profile-Info": 3\n', encoding="utf-8")
    result = runner.invoke(main, ["package", "--verify", str(profiled.zip), "--profile", str(broken)])
    assert (result.exit_code, result.output) == (
        1, f"{broken}:2:1: error: not a BagIt profile: not valid JSON (Expecting ',' delimiter at line 2, column 1); give --profile a BagIt profile in JSON (bagit-profiles specification) [profile]\n")
