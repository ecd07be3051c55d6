"""``tei deposit --sword``: a package deposited end to end in a real SWORD 2.0 server,
Software Heritage's deposit server, started by the test on loopback (tests/swhdeposit.py)."""

from __future__ import annotations

import pytest
from conftest import EDITION, ROOT
from swhdeposit import COLLECTION, PASSWORD, USER, swh_deposit_server, why_not

from toolkit import sword
from toolkit.cli import main
from toolkit.errors import OutputError, UsageError
from toolkit.package import package

ID = "soviet-declaration-1956-10-30"


@pytest.fixture(scope="module")
def zip_path(tmp_path_factory):
    return package([EDITION], tmp_path_factory.mktemp("sword") / "output").zip


@pytest.fixture(scope="module")
def swh(zip_path):
    reason = why_not(ROOT)
    if reason:
        pytest.skip(f"SWORD end-to-end test skipped: {reason}")
    with swh_deposit_server(ROOT) as found:
        yield found


def stored(media) -> list[bytes]:
    return [p.read_bytes() for p in sorted(media.rglob("*.zip"))]


@pytest.mark.slow
def test_a_package_is_deposited_byte_for_byte(swh, zip_path):
    url, media = swh
    before = len(stored(media))
    receipt = sword.deposit(zip_path, url, sword.Credentials(USER, PASSWORD), slug=ID)
    assert receipt.status == 201
    assert receipt.location.startswith(url.replace("servicedocument/", f"{COLLECTION}/"))
    assert set(receipt.links) == {"Edit-IRI", "EM-IRI", "SE-IRI", "State-IRI"}
    assert "<sword:packaging>http://purl.org/net/sword/package/SimpleZip</sword:packaging>" in receipt.body
    files = stored(media)
    assert len(files) == before + 1 and files[-1] == zip_path.read_bytes()


@pytest.mark.slow
def test_the_command_reads_the_credentials_from_the_environment_or_a_prompt(swh, zip_path, runner, monkeypatch):
    url, _ = swh
    monkeypatch.setenv("TEI_SWORD_USER", USER)
    monkeypatch.setenv("TEI_SWORD_PASSWORD", PASSWORD)
    result = runner.invoke(main, ["deposit", str(zip_path), "--sword", url])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("deposited: HTTP 201, Location http://127.0.0.1:")
    assert "<sd:deposit_status>deposited</sd:deposit_status>" in result.output
    monkeypatch.delenv("TEI_SWORD_USER")
    monkeypatch.delenv("TEI_SWORD_PASSWORD")
    prompted = runner.invoke(main, ["deposit", str(zip_path), "--sword", url], input=f"{USER}\n{PASSWORD}\n")
    assert prompted.exit_code == 0, prompted.output
    assert PASSWORD not in prompted.output  # the password is asked for without echo


@pytest.mark.slow
def test_a_bad_password_is_401_in_one_line(swh, zip_path, runner, monkeypatch):
    url, media = swh
    before = len(stored(media))
    with pytest.raises(OutputError) as caught:
        sword.deposit(zip_path, url, sword.Credentials(USER, "wrong"))
    assert "HTTP 401" in str(caught.value)
    monkeypatch.setenv("TEI_SWORD_USER", USER)
    monkeypatch.setenv("TEI_SWORD_PASSWORD", "wrong")
    result = runner.invoke(main, ["deposit", str(zip_path), "--sword", url])
    assert (result.exit_code, result.output) == (
        1, f"{url}:1:1: error: HTTP 401: the server refused the credentials of {USER!r} [sword-auth]\n")
    assert len(stored(media)) == before


@pytest.mark.slow
def test_a_wrong_md5_is_412(swh, zip_path, monkeypatch):
    """As if the bytes had changed on the way: the server computes another MD5 and refuses."""
    url, _ = swh
    monkeypatch.setattr(sword, "content_md5", lambda data: "0" * 32)
    with pytest.raises(OutputError) as caught:
        sword.deposit(zip_path, url, sword.Credentials(USER, PASSWORD))
    message = caught.value.diagnostics[0].format()
    assert "HTTP 412: the server's checksum of the package is not the one sent (Wrong md5 hash" in message
    assert message.endswith("[sword-checksum]")


@pytest.mark.slow
def test_an_unknown_collection_or_packaging_is_refused_before_posting(swh, zip_path):
    url, _ = swh
    with pytest.raises(UsageError, match="no collection 'theses'"):
        sword.deposit(zip_path, url, sword.Credentials(USER, PASSWORD), collection="theses")
    with pytest.raises(OutputError, match="does not accept http://purl.org/net/sword/package/METSDSpaceSIP"):
        sword.deposit(zip_path, url, sword.Credentials(USER, PASSWORD),
                      packaging="http://purl.org/net/sword/package/METSDSpaceSIP")


def test_an_unreachable_server_is_one_line(zip_path, runner, monkeypatch):
    monkeypatch.setenv("TEI_SWORD_USER", USER)
    monkeypatch.setenv("TEI_SWORD_PASSWORD", PASSWORD)
    result = runner.invoke(main, ["deposit", str(zip_path), "--sword", "http://127.0.0.1:9/sd"])
    assert result.exit_code == 1
    assert result.output.startswith("http://127.0.0.1:9/sd:1:1: error: cannot reach the SWORD server:")
    assert result.output.count("\n") == 1
    wrong = runner.invoke(main, ["deposit", str(zip_path), "--sword", "file:///etc/passwd"])
    assert wrong.exit_code == 2 and "is not an http(s) URL" in wrong.output
