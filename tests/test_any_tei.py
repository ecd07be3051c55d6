"""Any TEI document, not only ours (issue 13), measured on ../shared/real-tei and
../shared/peer-tei: every file renders HTML, text and index with exit 0; no more than
0.5% of the words of its text (or sourceDoc) are missing from the text output or from the
HTML's visible text; plays, novels and Perseus texts get a contents entry for every
division with a head or @n (or, in a run longer than 50, a range that holds it); no list of
the contents has more than 50 entries; Perseus passages are labelled by their citation scheme."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from anytei import measure
from conftest import SHARED

REAL = SHARED / "real-tei"
PEER = SHARED / "peer-tei"
FILES = sorted(REAL.glob("*.xml")) + sorted(PEER.glob("*.xml"))
MAX_MISSING_PCT = 0.5
STRUCTURED = ("drama-", "novel-", "cts-")  # plays, novels and Perseus texts (corpus.tsv)
CONTENTS_GROUP = 50  # the default of the contents-group parameter (xslt/common/contents.xsl)

pytestmark = pytest.mark.skipif(not FILES, reason=f"no TEI corpus: {REAL} and {PEER} are absent")


@pytest.fixture(scope="module")
def measures(tmp_path_factory):
    cache: dict[str, object] = {}

    def get(path: Path):
        if path.stem not in cache:
            cache[path.stem] = measure(path, tmp_path_factory.mktemp(path.stem))
        return cache[path.stem]
    return get


@pytest.mark.slow
@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_renders_every_output_and_loses_no_word(path, measures):
    m = measures(path)
    assert m.exit_codes == (0, 0, 0), m.output
    assert "Traceback" not in m.output
    assert m.words > 0
    assert m.text_pct <= MAX_MISSING_PCT, f"text output misses {m.text_missing} of {m.words} words: {m.samples[0]}"
    assert m.html_pct <= MAX_MISSING_PCT, f"HTML misses {m.html_missing} of {m.words} words: {m.samples[1]}"


@pytest.mark.slow
@pytest.mark.parametrize("path", [p for p in FILES if p.stem.startswith(STRUCTURED)],
                         ids=[p.stem for p in FILES if p.stem.startswith(STRUCTURED)])
def test_contents_follow_the_divisions(path, measures):
    m = measures(path)
    assert m.named_divs > 0
    # every named division is an entry, or (in a run longer than contents-group, 50) inside a range
    assert m.contents + m.ranges * (CONTENTS_GROUP - 1) >= m.named_divs, \
        f"{m.contents} contents entries ({m.ranges} ranges) for {m.named_divs} named divisions"


@pytest.mark.slow
@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_no_contents_list_runs_longer_than_the_group(path, measures):
    """A long run of paragraphs, sections or pages is listed as ranges (issue 25 shape 8)."""
    assert measures(path).longest_run <= CONTENTS_GROUP


@pytest.mark.slow
@pytest.mark.parametrize(("name", "first"), [("cts-cicero", "1"), ("cts-eclogues", "1.1")])
def test_perseus_passages_use_the_cts_scheme(tmp_path, name, first):
    """CapiTainS cRefPattern: Cicero is cited by section ("1"), the Eclogues by poem.line ("1.1")."""
    from toolkit.build import render_paths

    path = REAL / f"{name}.xml"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    render_paths([path], ["index", "text"], tmp_path)
    index = json.loads((tmp_path / "index" / "citation-index.json").read_text(encoding="utf-8"))
    labels = [p["label"] for p in index["documents"][0]["passages"]]
    assert labels[0] == first
    assert all("¶" not in label for label in labels) and len(set(labels)) == len(labels)
    text = (tmp_path / "text" / f"{name}.txt").read_text(encoding="utf-8")
    assert f"[{first}]" in text
