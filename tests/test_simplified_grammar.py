"""The simplified grammar (schema/edition.simplified.rng, jing -s of edition.rng): validation
decides validity with it first, so it must give the same verdict as edition.rng on every
document; it is used only while edition.rng is the file it was made from."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EDITION, FIXTURES, ROOT, SHARED

from toolkit.corpus import write_corpus
from toolkit.schemas import CACHE
from toolkit.xmlsafe import make_parser

GRAMMAR = ROOT / "schema" / "edition.rng"


def documents(tmp_path: Path) -> list[Path]:
    found = sorted(FIXTURES.rglob("*.xml")) + [EDITION] + write_corpus(tmp_path / "corpus", 20, seed=4)
    for folder in ("peer-tei", "real-tei"):
        found += sorted((SHARED / folder).glob("*.xml"))  # none when ../shared is absent
    return found


def test_the_simplified_grammar_gives_the_same_verdict_on_every_document(tmp_path):
    from lxml import etree

    fast, full = CACHE.simplified(GRAMMAR), CACHE.relaxng(GRAMMAR)
    assert fast is not None, "schema/edition.simplified.rng is missing or stale: run `make schema`"
    verdicts = []
    for path in documents(tmp_path):
        try:  # a tree for each grammar: validation leaves state in the tree it ran on
            tree, again = (etree.parse(str(path), make_parser()) for _ in range(2))
        except (etree.XMLSyntaxError, OSError):
            continue  # the fixtures that are not well formed, or that the safe parser refuses
        verdict = full.validate(tree)
        assert fast.validate(again) == verdict, path
        verdicts.append(verdict)
    assert verdicts.count(True) >= 20 and verdicts.count(False) >= 20  # both kinds were compared


def test_a_stale_simplified_grammar_is_not_used(tmp_path):
    folder = tmp_path / "schema"
    folder.mkdir()
    for name in ("edition.rng", "edition.simplified.rng"):
        shutil.copy(ROOT / "schema" / name, folder / name)
    assert CACHE.simplified(folder / "edition.rng") is not None
    grammar = folder / "edition.rng"
    grammar.write_bytes(grammar.read_bytes() + b"<!-- edited -->\n")  # changed since `tei schema`
    assert CACHE.simplified(grammar) is None
    (folder / "edition.simplified.rng").unlink()
    assert CACHE.simplified(grammar) is None


def test_the_diagnostics_are_those_of_the_grammar_itself(tmp_path, monkeypatch):
    """The fast path only decides validity: with it or without it, every document gets the same
    diagnostics (the messages of an invalid one come from edition.rng)."""
    from toolkit.validate import ValidationOptions, validate_file

    bad = tmp_path / "bad.xml"
    bad.write_text(EDITION.read_text(encoding="utf-8").replace("</docDate>", "</docDate><foo/>", 1), encoding="utf-8")
    paths = [bad, EDITION, *sorted(FIXTURES.glob("*/*.xml"))]
    options = ValidationOptions(schema=GRAMMAR)
    fast = [validate_file(p, options).diagnostics for p in paths]
    monkeypatch.setattr(CACHE, "simplified", lambda path: None)
    assert fast == [validate_file(p, options).diagnostics for p in paths]
    assert any("<foo>" in d.message for d in fast[0]) and fast[1] == []


@pytest.mark.skipif(shutil.which("java") is None, reason="jing (Java) is needed to simplify a grammar")
def test_tei_schema_writes_the_simplified_grammar_byte_for_byte(tmp_path):
    from toolkit.odd import _simplified

    assert _simplified(GRAMMAR) == (ROOT / "schema" / "edition.simplified.rng").read_bytes(), \
        "schema/edition.simplified.rng differs from what jing gives for schema/edition.rng: run `make schema`"
