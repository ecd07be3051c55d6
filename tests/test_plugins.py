"""Plug-ins through entry points (issue #24): the README's worked example, a separate package,
installed with pip into its own folder, adds an output kind that `tei build`, `tei render`,
`tei config` and the build cache pick up, without any change to the toolkit."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EDITION, ROOT

from toolkit.errors import UsageError
from toolkit.outputs.kind import Output, check
from toolkit.outputs.registry import BUILTIN, Registry

EXAMPLE = ROOT / "docs" / "examples" / "tei-wordcount"


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The example package installed by pip (no network, no isolation) into a folder of its own."""
    work = tmp_path_factory.mktemp("plugin")
    site, source = work / "site", work / "source"
    shutil.copytree(EXAMPLE, source)  # a copy: building leaves build/ and *.egg-info beside the sources
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                           "--no-index", "--target", str(site), str(source)], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert (site / "tei_wordcount.py").is_file() and list(site.glob("tei_wordcount-*.dist-info"))
    return site


def tei(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(site)])}
    return subprocess.run([sys.executable, "-m", "toolkit", *args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=300)


@pytest.fixture
def project(tmp_path) -> Path:
    for name in ("tei", "schema"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


@pytest.mark.slow
def test_an_installed_plugin_adds_an_output_kind(installed, project):
    config = tei(installed, project, "config")
    assert "output kinds: html, text, tei, ids, index, data, guide, releases, assets, dts (on request), oai (on request), site, search, wordcount" in config.stdout
    built = tei(installed, project, "build")
    assert built.returncode == 0, built.stderr
    data = json.loads((project / "output" / "wordcount" / f"{EDITION.stem}.json").read_text(encoding="utf-8"))
    assert data["document"] == EDITION.stem and data["words"] > 1000 and data["by-language"]["en"] == data["words"]
    again = tei(installed, project, "build")
    assert "(1 unchanged, from the cache)" in again.stdout  # the kind's results are cached with the rest
    alone = tei(installed, project, "render", "wordcount", "-o", "alone")
    assert alone.returncode == 0, alone.stderr
    assert sorted(p.name for p in (project / "alone").iterdir() if not p.name.startswith(".")) == ["wordcount"]
    without = tei(Path("/nonexistent-plugin-site"), project, "config")  # not installed: not there
    assert "wordcount" not in without.stdout


def test_the_readme_shows_the_example_as_it_is():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    module = (EXAMPLE / "tei_wordcount.py").read_text(encoding="utf-8")
    assert f"```python\n{module}```" in readme
    points = re.search(r'\[project.entry-points."tei_toolkit.outputs"\]\n[^\n]+\n', readme)
    assert points is not None and points.group(0) in (EXAMPLE / "pyproject.toml").read_text(encoding="utf-8")


def test_a_malformed_kind_is_refused_with_its_reason():
    with pytest.raises(ValueError, match="a document output has a stylesheet or a render function"):
        check(Output(name="empty", summary="", folder="empty"))
    with pytest.raises(ValueError, match="not a toolkit.outputs.Output"):
        check("html")
    registry = Registry(BUILTIN)
    with pytest.raises(UsageError,
                       match="no output kind 'epub'; known kinds: html, text, tei, ids, index, data, guide, releases, assets, dts"):
        registry.get("epub")
    assert [o.name for o in registry.select(["data"])] == ["index", "data", "assets"]  # with what it needs
    assert registry.defaults() == ["html", "text", "tei", "ids", "index", "data", "guide", "releases", "assets", "site",
                                   "search"]


def test_a_plugin_that_cannot_be_imported_is_one_error(tmp_path, project):
    """A broken plug-in is named, with its error, never a traceback (exit 2)."""
    dist = tmp_path / "site" / "broken_plugin-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-plugin\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[tei_toolkit.outputs]\nbroken = broken_plugin:OUTPUT\n", encoding="utf-8")
    (tmp_path / "site" / "broken_plugin.py").write_text("raise RuntimeError('half-written')\n", encoding="utf-8")
    result = tei(tmp_path / "site", project, "build")
    assert result.returncode == 2
    assert result.stderr.strip() == ("tei: error: cannot load the plug-in 'broken' (broken_plugin:OUTPUT, from "
                                     "broken-plugin) of tei_toolkit.outputs: RuntimeError: half-written")


def installed_plugin(site: Path, name: str, group: str, point: str, module: str) -> Path:
    """A package as pip installs it: the module and its dist-info with the entry point."""
    dist = site / f"{name.replace('-', '_')}-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text(f"[{group}]\n{point}\n", encoding="utf-8")
    (site / f"{name.replace('-', '_')}.py").write_text(module, encoding="utf-8")
    return site


DEPOSIT_PLUGIN = '''
import hashlib, shutil
from pathlib import Path
from toolkit.deposit_targets import DepositTarget

def send(package, destination, about):
    target = Path(destination) / package.zip.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(package.zip, target)
    return f"copied {package.zip.name} ({hashlib.sha256(target.read_bytes()).hexdigest()[:12]}) for {about.tei.name}"

TARGET = DepositTarget("shelf", "a copy of the zip in a folder", send)
'''


@pytest.mark.slow
def test_a_deposit_plugin_is_a_target_of_tei_package(tmp_path, project):
    site = installed_plugin(tmp_path / "site", "shelf-deposit", "tei_toolkit.deposit", "shelf = shelf_deposit:TARGET",
                            DEPOSIT_PLUGIN)
    assert "deposit targets: ocfl, shelf" in tei(site, project, "config").stdout
    done = tei(site, project, "package", "--deposit", f"shelf={tmp_path / 'shelf'}", "--deposit",
               f"ocfl={tmp_path / 'ocfl'}")
    assert done.returncode == 0, done.stderr
    zips = list((tmp_path / "shelf").glob("*.zip"))
    assert len(zips) == 1 and zips[0].read_bytes() == (project / "output" / "deposit" / zips[0].name).read_bytes()
    assert f"copied {zips[0].name} (" in done.stdout and f"for {EDITION.name}" in done.stdout
    assert "v1 added" in done.stdout  # the built-in ocfl target, by the same option
    unknown = tei(site, project, "package", "--deposit", "dspace=https://example.org/sword")
    assert unknown.returncode == 2
    assert unknown.stderr.strip() == "tei: error: no deposit target 'dspace'; known targets: ocfl, shelf"
