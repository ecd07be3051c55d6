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

from toolkit.collect import default_source_dir
from toolkit.resources import project_schema, project_schematron

#: Where ``tei_all.rng`` is looked for when ``--tei-all`` is not given (relative to the project).
TEI_ALL_CANDIDATES = (Path("..") / "shared" / "tei-p5" / "tei_all.rng",)


def is_own(path: str | Path) -> bool:
    """Is this file one of the project's own documents (under its ``tei/`` folder)?"""
    source = default_source_dir().resolve()
    return source in Path(path).resolve().parents


def project_schemas() -> tuple[Path, Path]:
    """The project's RELAX NG grammar and Schematron rules."""
    return project_schema(), project_schematron()


def found_tei_all() -> Path | None:
    """``tei_all.rng`` where the project keeps its reference material, if it is there."""
    for candidate in TEI_ALL_CANDIDATES:
        if candidate.is_file():
            return candidate.resolve()
    return None
