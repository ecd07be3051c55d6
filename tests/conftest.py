"""Shared fixtures. Paths outside the repository (../shared) are optional: tests that
need them skip with a reason that names what is missing."""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

import chromium
import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"
EDITION = ROOT / "tei" / "soviet-declaration-1956-10-30.xml"
SHARED = Path(os.environ.get("TEI_SHARED", ROOT.parent / "shared"))
TEI_ALL = SHARED / "tei-p5" / "tei_all.rng"
PEER_DIR = SHARED / "peer-tei"
DEPOSIT_SCHEMAS = SHARED / "deposit-schemas"


def as_own(text: str) -> str:
    """A fixture's text with its xml-model hrefs (relative to tests/fixtures/*/) made absolute,
    so that a copy written anywhere still names the project's schemas."""
    return text.replace('href="../../../schema/', f'href="{(ROOT / "schema").as_uri()}/')


def copy_own(source: Path, target: Path) -> Path:
    """Copy a fixture to ``target``, keeping its schemas (see :func:`as_own`)."""
    target.write_text(as_own(source.read_text(encoding="utf-8")), encoding="utf-8")
    return target


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def in_root(monkeypatch):
    """Run with the repository as working directory (the CLI's defaults are relative)."""
    monkeypatch.chdir(ROOT)
    return ROOT


@pytest.fixture(scope="session")
def tei_all() -> Path:
    if not TEI_ALL.is_file():
        pytest.skip(f"TEI conformance check skipped: {TEI_ALL} is absent (TEI P5 tei_all.rng, see shared/tei-p5)")
    return TEI_ALL


@pytest.fixture(scope="session")
def deposit_schemas() -> Path:
    """The METS, PREMIS and OAI-PMH schemas with their XML catalog (../shared/deposit-schemas)."""
    if not (DEPOSIT_SCHEMAS / "catalog.xml").is_file():
        pytest.skip(f"deposit schema validation skipped: {DEPOSIT_SCHEMAS}/catalog.xml is absent "
                    "(METS, PREMIS and OAI-PMH schemas, see shared/deposit-schemas)")
    return DEPOSIT_SCHEMAS


@pytest.fixture(scope="session")
def peer_files() -> list[Path]:
    files = sorted(PEER_DIR.glob("*.xml"))
    if not files:
        pytest.skip(f"peer corpus skipped: no *.xml in {PEER_DIR}")
    return files


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The edition built once (validated and rendered) into a temporary output folder."""
    from toolkit.build import build
    from toolkit.context import BuildContext

    out = tmp_path_factory.mktemp("built") / "output"
    build([EDITION], out, context=BuildContext.load(ROOT / "tei.toml"))  # as `make edition` builds it
    return out


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A throw-away copy of the project's tei/ folder, as working directory."""
    shutil.copytree(ROOT / "tei", tmp_path / "tei")
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    monkeypatch.chdir(tmp_path)
    return tmp_path


class Listener:
    """A TCP socket on 127.0.0.1 that records every connection made to it."""

    def __init__(self):
        import socket
        import threading

        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(5)
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.accepted: list = []
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self):
        for _ in range(15):
            with contextlib.suppress(OSError):  # a time-out: nobody connected in this slice
                self.accepted.append(self.server.accept())

    def connections(self) -> list:
        self.thread.join()
        self.server.close()
        return self.accepted


@pytest.fixture
def listener() -> Listener:
    return Listener()


def java_available() -> bool:
    return shutil.which("java") is not None


# ---------------------------------------------------------------- the sources are never touched

def _digest(folders) -> dict[str, str]:
    import hashlib

    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in folders for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


@pytest.fixture(scope="session", autouse=True)
def sources_unchanged():
    """Checksums of tei/, schema/ and xslt/ before and after the whole suite must match."""
    folders = [ROOT / "tei", ROOT / "schema", ROOT / "xslt"]
    before = _digest(folders)
    yield
    after = _digest(folders)
    changed = sorted(set(before.items()) ^ set(after.items()))
    if changed:
        pytest.fail(f"the test suite changed the sources: {changed[:5]}")


# ---------------------------------------------------------------- Hypothesis profiles

try:
    import tempfile

    from hypothesis import HealthCheck, settings
    from hypothesis.configuration import set_hypothesis_home_dir

    # Hypothesis keeps a folder of its own; keep it out of the clone.
    set_hypothesis_home_dir(tempfile.mkdtemp(prefix="tei-hypothesis-"))

    # database=None: no .hypothesis/ folder is left in the clone
    settings.register_profile("default", max_examples=60, deadline=None, database=None,
                              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    settings.register_profile("long", max_examples=10_000, deadline=None, database=None,
                              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    settings.load_profile("default")
except ImportError:  # hypothesis is a test extra; the fuzz test skips without it
    pass


BRANDING = ROOT / "docs" / "examples" / "branding"


def build_branded(base: Path) -> Path:
    """README's branding example (docs/examples/branding/) built in a copy of the repository's
    tei/ and schema/ under ``base``, as `tei --config docs/examples/branding/tei.toml build`
    builds it; returns its output folder."""
    from toolkit.build import build
    from toolkit.context import BuildContext

    for name in ("tei", "schema"):
        shutil.copytree(ROOT / name, base / name)
    example = base / "docs" / "examples" / "branding"
    shutil.copytree(BRANDING, example, ignore=shutil.ignore_patterns("site"))
    context = BuildContext.load(example / "tei.toml")
    sources = sorted(p for folder in context.project.source_paths() for p in folder.rglob("*.xml"))
    out = Path(context.config.get("output"))
    result = build(sources, out, context=context)
    assert result.ok, result.summary()
    return out


@pytest.fixture(scope="session")
def branded(tmp_path_factory) -> Path:
    """The branding example's output folder (see :func:`build_branded`)."""
    return build_branded(tmp_path_factory.mktemp("branded"))


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, one per test module (tests/chromium.py); without
    either, the test is skipped, saying which is missing."""
    api = chromium.sync_api_or_skip(module_level=False)
    with api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium.CHROMIUM), args=chromium.FLAGS)
        yield launched
        launched.close()
