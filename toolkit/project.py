"""What the project is, for the files it is given: its own documents, and the schemas
that apply to a document that names none.

A document that names its schemas in ``<?xml-model?>`` is checked against exactly those.
A document that names none gets the project's grammar and rules only when it is the
project's own, that is, under one of the project's sources (``tei/`` by default).
Another project's file gets TEI conformance against ``tei_all.rng`` when ``--tei-all``
names it or when it is found at ``../shared/tei-p5/tei_all.rng``; otherwise only its
well-formedness is checked, with a warning that no schema was found.

A :class:`Project` is plain data made from the settings (:meth:`Project.from_config`) and
handed to whatever needs it; nothing here reads a process-wide setting.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from toolkit.config import Config
from toolkit.xmlsafe import ParseOptions

DEFAULT_RNG = Path("schema") / "edition.rng"
DEFAULT_SCH = Path("schema") / "edition.sch"

#: Where ``tei_all.rng`` is looked for when ``--tei-all`` is not given (relative to the project).
TEI_ALL_CANDIDATES = (Path("..") / "shared" / "tei-p5" / "tei_all.rng",)


@dataclass(frozen=True)
class Project:
    """The project's own sources and schemas (paths as the settings give them)."""

    sources: tuple[str, ...] = ("tei",)
    rng: str | None = None
    schematron: str | None = None
    odd: str | None = None
    tei_all: str | None = None
    #: the ``catalog`` setting (an XML catalog for remote schemas) and ``fetch-schemas``
    catalog: str | None = None
    fetch_schemas: bool = False

    @classmethod
    def from_config(cls, config: Config) -> Project:
        values = config.values
        return cls(tuple(values["sources"]) or ("tei",), values["rng"], values["schematron"], values["odd"],
                   values["tei-all"], values["catalog"], values["fetch-schemas"])

    def parse_options(self, path: str | Path) -> ParseOptions:
        """How to parse a file: XInclude may read inside the project's source folder for its own
        documents, inside the document's own folder for any other; the catalogs map external
        entity sets."""
        return ParseOptions(self.include_root(path), self.catalog)

    def include_root(self, path: str | Path) -> str | None:
        """The source folder a project's own document is under (None: not the project's own)."""
        resolved = Path(path).resolve()
        for source in self.source_paths():
            source = source.resolve()
            if source in resolved.parents:
                return str(source)
            if source == resolved:
                return str(source.parent)
        return None

    def source_paths(self) -> list[Path]:
        return [Path(p) for p in self.sources]

    def is_own(self, path: str | Path) -> bool:
        """Is this file one of the project's own documents (under one of its sources)?"""
        resolved = Path(path).resolve()
        for source in self.source_paths():
            source = source.resolve()
            if source == resolved or source in resolved.parents:
                return True
        return False

    def schemas(self) -> tuple[Path, Path] | None:
        """The project's RELAX NG grammar and Schematron rules: the settings' ``rng`` and
        ``schematron``, else ``schema/edition.rng`` and ``schema/edition.sch``; None when the
        project has none (its files then get TEI conformance or a notice; another project never
        gets this edition's schema)."""
        grammar = Path(self.rng) if self.rng else DEFAULT_RNG
        rules = Path(self.schematron) if self.schematron else DEFAULT_SCH
        if not grammar.is_file():
            return None
        return grammar, rules

    def odd_path(self) -> Path:
        """The project's ODD (the settings' ``odd``, else schema/edition.odd)."""
        return Path(self.odd) if self.odd else DEFAULT_RNG.with_suffix(".odd")

    def tei_all_origin(self) -> tuple[Path | None, str]:
        """The tei_all.rng in use and where it comes from (for ``tei config``)."""
        if self.tei_all and Path(self.tei_all).is_file():
            return Path(self.tei_all).resolve(), "the tei-all setting"
        for candidate in TEI_ALL_CANDIDATES:
            if candidate.is_file():
                return candidate.resolve(), f"found at {candidate} (the default place; tei-all setting "\
                    + (f"{self.tei_all} missing)" if self.tei_all else "not set)")
        return None, ("none: other projects' files get no TEI conformance check; set tei-all in tei.toml or give "
                      "--tei-all")

    def found_tei_all(self) -> Path | None:
        """``tei_all.rng``: the settings' ``tei-all``, else where the project keeps its reference
        material, if it is there."""
        for candidate in (Path(self.tei_all) if self.tei_all else None, *TEI_ALL_CANDIDATES):
            if candidate is not None and candidate.is_file():
                return candidate.resolve()
        return None
