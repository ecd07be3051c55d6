"""What the project is, for the files it is given: its own documents, and the schemas
that apply to a document that names none.

A document that names its schemas in ``<?xml-model?>`` is checked against exactly those.
A document that names none gets the project's grammar and rules only when it is the
project's own, that is, under the project's ``tei/`` folder (the working directory's).
Another project's file gets TEI conformance against ``tei_all.rng`` when ``--tei-all``
names it or when it is found at ``../shared/tei-p5/tei_all.rng``; otherwise only its
well-formedness is checked, with a warning that no schema was found.
"""

from __future__ import annotations

from pathlib import Path

from toolkit.collect import source_paths
from toolkit.config import current

DEFAULT_RNG = Path("schema") / "edition.rng"
DEFAULT_SCH = Path("schema") / "edition.sch"

#: Where ``tei_all.rng`` is looked for when ``--tei-all`` is not given (relative to the project).
TEI_ALL_CANDIDATES = (Path("..") / "shared" / "tei-p5" / "tei_all.rng",)


def is_own(path: str | Path) -> bool:
    """Is this file one of the project's own documents (under one of its sources, by default
    ``tei/``, or named by the configuration's ``sources``)?"""
    resolved = Path(path).resolve()
    for source in source_paths():
        source = source.resolve()
        if source == resolved or source in resolved.parents:
            return True
    return False


def project_schemas() -> tuple[Path, Path] | None:
    """The project's RELAX NG grammar and Schematron rules: the configuration's ``rng`` and
    ``schematron``, else ``schema/edition.rng`` and ``schema/edition.sch`` in the project's
    folder; None when the project has none (its files then get TEI conformance or a notice;
    another project never gets this edition's schema)."""
    settings = current()
    grammar = settings.path_of("rng") or DEFAULT_RNG
    rules = settings.path_of("schematron") or DEFAULT_SCH
    if not grammar.is_file():
        return None
    return grammar, rules


def project_odd() -> Path:
    """The project's ODD (the configuration's ``odd``, else schema/edition.odd)."""
    return current().path_of("odd") or DEFAULT_RNG.with_suffix(".odd")


def found_tei_all() -> Path | None:
    """``tei_all.rng``: the configuration's ``tei-all``, else where the project keeps its
    reference material, if it is there."""
    for candidate in (current().path_of("tei-all"), *TEI_ALL_CANDIDATES):
        if candidate is not None and candidate.is_file():
            return candidate.resolve()
    return None
