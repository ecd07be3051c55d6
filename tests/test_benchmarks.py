"""The benchmark scripts work (at a tiny size: this is not a timed test)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from toolkit.corpus import write_corpus, write_large
from toolkit.validate import validate_paths


def test_generated_corpus_is_valid_and_deterministic(tmp_path):
    first = write_corpus(tmp_path / "a", 6, seed=3)
    second = write_corpus(tmp_path / "b", 6, seed=3)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert len({p.read_bytes() for p in first}) == 6  # varied documents
    report = validate_paths(first)
    assert [d.format() for d in report.diagnostics] == []


def test_large_document_is_valid(tmp_path):
    path = write_large(tmp_path, 1, seed=1)
    assert 0.5e6 < path.stat().st_size < 2e6
    assert validate_paths([path]).ok


@pytest.mark.slow
def test_run_script_reports_every_measurement(tmp_path):
    out = tmp_path / "RESULTS.md"
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--sizes", "3", "--repeat", "1",
                             "--jobs", "2", "--out", str(out)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    for row in ("parse floor", "RELAX NG only", "RELAX NG + Schematron", "tei render html", "tei build --jobs 1",
                "tei build --jobs 2", "no-change rebuild", "one document changed"):
        assert row in text, row
    assert "## Machine" in text and "| measurement |" in text


@pytest.mark.slow
def test_targets_report_every_row_of_the_performance_table(tmp_path):
    out = tmp_path / "TARGETS.md"
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--targets", "--smoke", "--pairs", "1",
                             "--out", str(out)], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    for row in ("vs jing", "vs RNG only", "vs JVM Saxon-HE 9.9", "the read + parse + write floor", "`tei build -j 2` vs `-j 1`",
                "peak memory, `build -j 1`", "growth with size", "MB document", "| met? |"):
        assert row in text, row
    rows = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| measure")]
    assert all(line.rstrip().endswith(("| met |", "| missed |", "|  |", "| see the default |", "| not measured |"))
               for line in rows), rows


@pytest.mark.slow
@pytest.mark.skipif(not any(p.is_file() for p in (Path("/usr/share/java/Saxon-HE.jar"), Path("/usr/share/java/saxon9he.jar")))
                    or shutil.which("java") is None, reason="JVM Saxon-HE (libsaxonhe-java) and Java are needed")
def test_saxon_profile_lists_the_costliest_templates():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "saxon_profile.py"), "--docs", "4", "--warm", "1"],
                            capture_output=True, text=True, timeout=600, check=True)
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Saxon -TP, html.xsl, 3 documents after 1 warm-up ones:")
    rows = [line for line in lines if line.startswith("| ") and "%" in line]
    assert len(rows) == 15 and all(".xsl:" in row for row in rows)
