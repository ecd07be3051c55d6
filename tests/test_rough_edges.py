"""The rough edges a new user hit in the first hour, each pinned by a test (issue 17)."""

from __future__ import annotations

import io
import json
import re
import tomllib

import pytest
from conftest import EDITION, FIXTURES, ROOT

from toolkit.cli import TEI_ALL_NOTICE, announce_tei_all, main
from toolkit.progress import Estimate

WARNING_ONLY = FIXTURES / "schematron" / "entry-cited--uncited-register-entry.xml"


@pytest.mark.parametrize("command", [["validate"], ["build"], ["render", "html"], ["package"]])
def test_a_folder_without_xml_is_a_usage_error_and_writes_nothing(runner, tmp_path, command):
    empty = tmp_path / "schema-like"
    empty.mkdir()
    (empty / "edition.rng").write_text("<grammar/>")
    out = tmp_path / "out"
    result = runner.invoke(main, [*command, str(empty), *([] if command == ["validate"] else ["-o", str(out)])])
    assert result.exit_code == 2
    assert result.output == f"tei: error: no *.xml file in {empty}: nothing to do\n"
    assert not out.exists()


@pytest.mark.parametrize("folder", ["tei/out", "/"])
def test_a_refused_output_folder_is_a_usage_error_without_position(runner, in_root, folder):
    result = runner.invoke(main, ["build", "-o", folder])
    assert result.exit_code == 2
    assert result.output.startswith(f"tei: error: refusing output folder {folder}: it ")
    assert ":1:1:" not in result.output


def test_quiet_means_errors_only_in_json_too(runner):
    loud = json.loads(runner.invoke(main, ["validate", "--format", "json", str(WARNING_ONLY)]).output)
    quiet = json.loads(runner.invoke(main, ["validate", "--format", "json", "-q", str(WARNING_ONLY)]).output)
    assert [d["severity"] for d in loud["diagnostics"]] == ["warning"]
    assert quiet["diagnostics"] == []
    assert quiet["summary"] == loud["summary"]  # the summary still counts everything


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_tei_all_compilation_is_announced_on_a_terminal_only(tmp_path):
    terminal, pipe = Terminal(), io.StringIO()
    assert announce_tei_all(tmp_path / "tei_all.rng", stream=terminal)
    assert terminal.getvalue() == TEI_ALL_NOTICE.format(name="tei_all.rng") + "\n"
    assert terminal.getvalue() == "compiling tei_all.rng (about 15 s, once per run)…\n"
    assert not announce_tei_all(tmp_path / "tei_all.rng", stream=pipe) and pipe.getvalue() == ""
    assert not announce_tei_all(tmp_path / "tei_all.rng", quiet=True, stream=Terminal())
    assert not announce_tei_all(None, stream=Terminal())


def test_the_estimate_waits_for_meaningful_data_and_weights_by_size():
    now = [0.0]
    sizes = {"a": 100, "b": 100, "c": 100, "big": 700}
    estimate = Estimate(sizes, clock=lambda: now[0])
    now[0] = 30.0  # the first document also paid for compiling everything
    estimate.record("a")
    assert estimate.remaining() is None  # never extrapolated from the first document
    now[0] = 31.0
    estimate.record("b")
    assert estimate.remaining() is None  # too few documents yet
    now[0] = 32.0
    estimate.record("c")
    # 200 bytes in 2 s since the first finished; 700 bytes left: 7 s, not 30 s per document
    assert estimate.remaining() == pytest.approx(7.0)
    assert estimate.label() == "3/4, about 0:07 left"
    estimate.record("big")
    assert estimate.remaining() is None


def test_a_rebuild_says_up_to_date_instead_of_written(runner, tmp_path):
    out = tmp_path / "out"
    first = runner.invoke(main, ["build", str(EDITION), "-o", str(out)])
    second = runner.invoke(main, ["build", str(EDITION), "-o", str(out), "--no-cache"])
    written = re.search(r"rendered, (\d+) outputs written; ", first.output)
    assert written and int(written.group(1)) > 29, first.output  # 29 (the site and releases), and the search page with its index (issue #28)
    # everything made again (the search bundle too) is byte-identical: nothing is written
    assert re.search(rf"rendered, 0 outputs written, {written.group(1)} up to date; ", second.output), second.output


def test_make_clean_removes_every_generated_output_folder(tmp_path):
    """`make clean`, run in a copy: every output folder goes (each kind's, a plug-in's, the cache
    and the deposit), output/README.md stays."""
    import shutil
    import subprocess

    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "README.md").write_text("kept\n", encoding="utf-8")
    for folder in ("html", "text", "index", "data", "docs", "dts", "deposit", "wordcount", ".cache"):
        (tmp_path / "output" / folder).mkdir()
        (tmp_path / "output" / folder / "file").write_text("x", encoding="utf-8")
    done = subprocess.run(["make", "clean", f"VENV={tmp_path / 'no-venv'}"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "output").iterdir()) == ["README.md"]


def test_the_licence_is_an_spdx_string():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"


def test_the_readme_says_how_to_run_tei():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "source .venv/bin/activate" in readme and ".venv/bin/tei validate" in readme
    assert "command not found" in readme


def test_package_refusal_does_not_suggest_an_option_it_lacks(runner, tmp_path):
    broken = FIXTURES / "schematron" / "ptr-ref--missing-register-entry.xml"
    result = runner.invoke(main, ["package", str(broken), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "--force" not in result.output
    assert "an invalid edition is never packaged" in result.output


def test_output_readme_names_every_built_in_kinds_folder():
    """output/README.md (what a reader of the output folder sees) names each built-in kind's folder
    and every folder a kind owns (the search's pagefind/), so that none is a mystery."""
    from toolkit.outputs.registry import BUILTIN

    text = (ROOT / "output" / "README.md").read_text(encoding="utf-8")
    folders = {output.folder for output in BUILTIN if output.folder} | {f for output in BUILTIN for f in output.owns}
    assert sorted(f for f in folders if f"`{f}/`" not in text) == []
