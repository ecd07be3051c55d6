"""The build context: everything a renderer reads, in one immutable, picklable value.

The CLI (or a library caller) makes one :class:`BuildContext` per run, from the project's
settings (:class:`~toolkit.config.Config`) and the command line, and passes it explicitly to
planning, to every worker (it pickles, so it works under the ``fork``, ``spawn`` and
``forkserver`` start methods and on a Dask cluster alike), to the index merge, to the DTS
library and to the server. It holds:

* the settings and the project (sources, schemas) they describe;
* the stylesheet parameters, typed as the stylesheets declare them (:mod:`toolkit.params`);
* the project's override stylesheets, each with the digest of its bytes and of the local
  modules it includes or imports;
* the folder of the toolkit's own stylesheets and the digest of every file in it;
* the project's assets (``assets`` in tei.toml: its CSS, logo, favicon and scripts), each
  file with the digest of its bytes, and the URLs the pages link them by;
* the base URL;
* the release stamp (:mod:`toolkit.stamp`): the version and build date every page carries, and
  the project's moved and retired IDs.

:attr:`BuildContext.key` is the digest of all of it: it is part of every build-cache key, and
the compiled stylesheets are cached per process under :attr:`BuildContext.stylesheets_key`,
so that a page is never cached under a key it was not built with.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from toolkit.config import ASSET_KEYS, Config, asset_problems
from toolkit.config import load as load_config
from toolkit.digest import file_digest, folder_digest, text_digest
from toolkit.errors import UsageError
from toolkit.params import Param, ParamSpec, declared, typed
from toolkit.project import Project
from toolkit.resources import resource_dir
from toolkit.stamp import ReleaseStamp, release_stamp
from toolkit.xmlsafe import parse_file

__all__ = ["ASSETS_FOLDER", "BuildContext", "ProjectAssets", "internal_param"]

_XSL = "http://www.w3.org/1999/XSL/Transform"
_TOOLKIT_PREFIX = "tei-toolkit:"
#: where the project's assets go in the output folder
ASSETS_FOLDER = "assets"


@dataclass(frozen=True)
class ProjectAssets:
    """The project's own files (tei.toml ``assets``): the folder, every file in it (relative
    POSIX paths, hidden files left out), the ones the pages link by role (``css``, ``js``,
    ``logo``, ``favicon``) and the digest of every file's name and bytes."""

    folder: str = ""
    files: tuple[str, ...] = ()
    linked: tuple[tuple[str, str], ...] = ()
    digest: str = ""

    @classmethod
    def from_config(cls, config: Config) -> ProjectAssets:
        """The assets the settings name; a folder or file that is not there is a UsageError."""
        problems = asset_problems(config.values)
        if problems:
            raise UsageError(problems[0][1])
        if not config.get("assets"):
            return cls()
        folder = Path(config.get("assets")).resolve()
        files = tuple(sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                             if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)))
        linked = tuple((key, Path(config.get(key)).as_posix()) for key in ASSET_KEYS if config.get(key))
        digest = text_digest("\n".join(f"{name}:{file_digest(folder / name)}" for name in files))
        return cls(str(folder), files, linked, digest)

    def hrefs(self, prefix: str = "../") -> dict[str, str]:
        """The stylesheet parameters that link them from a page one folder below the output
        folder (every page the toolkit writes): ``project-assets-href`` (the folder) and
        ``project-css-href``, ``project-js-href``, ``project-logo-href``, ``project-favicon-href``
        (empty: none)."""
        base = f"{prefix}{ASSETS_FOLDER}/" if self.folder else ""
        linked = dict(self.linked)
        return {"project-assets-href": base,
                **{f"project-{key}-href": base + linked[key] if key in linked else "" for key in ASSET_KEYS}}


@dataclass(frozen=True)
class Override:
    """A project's own entry stylesheet: the entry it replaces, its file and its digest."""

    entry: str
    path: str
    digest: str


def _closure(path: Path, seen: set[Path] | None = None) -> list[Path]:
    """A stylesheet and the local modules it includes or imports, recursively (not the
    toolkit's own, ``tei-toolkit:…``, which the toolkit digest covers)."""
    seen = set() if seen is None else seen
    path = path.resolve()
    if path in seen or not path.is_file():
        return []
    seen.add(path)
    files = [path]
    try:
        root = parse_file(path).root
    except Exception:  # noqa: BLE001 - compiling reports it, with its position
        return files
    for element in root.iter(f"{{{_XSL}}}include", f"{{{_XSL}}}import"):
        href = element.get("href", "")
        if href and not href.startswith(_TOOLKIT_PREFIX) and "://" not in href:
            files.extend(_closure(path.parent / href, seen))
    return files


def _override(entry: str, path: Path) -> Override:
    parts = [f"{p}:{file_digest(p)}" for p in _closure(path)] or [f"{path}:{file_digest(path)}"]
    return Override(entry, str(path.resolve()), text_digest("\n".join(parts)))


def internal_param(name: str, value: str | int | bool) -> Param:
    """A parameter the toolkit sets itself, typed from the Python value."""
    if isinstance(value, bool):
        return Param(name, "boolean", "true" if value else "false")
    if isinstance(value, int):
        return Param(name, "integer", str(value))
    return Param(name, "string", value)


@dataclass(frozen=True)
class BuildContext:
    """One run's settings, parameters, stylesheets and base URL (see the module's text)."""

    config: Config = field(default_factory=Config)
    project: Project = field(default_factory=Project)
    params: tuple[Param, ...] = ()
    overrides: tuple[Override, ...] = ()
    toolkit_xslt: str = ""
    toolkit_digest: str = ""
    base_url: str = ""
    #: the project's own CSS, logo, favicon and scripts
    assets: ProjectAssets = field(default_factory=ProjectAssets)
    #: each user parameter's declared default (name, lexical form), for :meth:`param_value`
    defaults: tuple[tuple[str, str], ...] = ()
    #: the run's version, build date, release records and moved/retired IDs (:mod:`toolkit.stamp`)
    release: ReleaseStamp = field(default_factory=ReleaseStamp)

    @classmethod
    def create(cls, config: Config | None = None, *, params: Mapping[str, Any] | None = None,
               stylesheets: Mapping[str, Path] | None = None, base_url: str | None = None,
               toolkit_xslt: Path | None = None) -> BuildContext:
        """The context of a run: ``config`` (default: the defaults, no tei.toml) with the command
        line's ``params`` (NAME -> value), override ``stylesheets`` (entry name -> file) and
        ``base_url`` in place of the settings' own; ``toolkit_xslt``: another folder of the
        toolkit's stylesheets than the installed one (a development copy). Raises :class:`UsageError` for an unknown
        parameter, a value of the wrong type, an override of no entry stylesheet, or an asset
        that is not there."""
        config = config or Config()
        for name, value in (params or {}).items():
            config = config.with_param(name, value)
        for entry, path in (stylesheets or {}).items():
            config = config.with_override(entry, Path(path))
        config = config.with_value("base-url", base_url)
        folder = Path(toolkit_xslt).resolve() if toolkit_xslt else resource_dir("xslt")
        entries = {p.name for p in folder.glob("*.xsl")}
        for entry, path in config.overrides.items():
            if entry not in entries:
                raise UsageError(f"{path}: no toolkit stylesheet {entry} to override; entry stylesheets: "
                                 f"{', '.join(sorted(entries))}")
        overrides = tuple(_override(e, p) for e, p in sorted(config.overrides.items()))
        specs = param_specs(folder, [Path(o.path) for o in overrides])
        origins = {name: config.origin(f"params.{name}") for name in config.params()}
        values = typed(specs, config.params(), origins)
        defaults = tuple(sorted((n, s.default) for n, s in specs.items() if not s.internal))
        return cls(config, Project.from_config(config), values, overrides, str(folder), folder_digest(folder),
                   str(config.get("base-url") or ""), ProjectAssets.from_config(config), defaults)

    @classmethod
    def load(cls, path: Path | None = None, **options: Any) -> BuildContext:
        """The context of the project whose ``tei.toml`` is ``path`` (default: the working
        directory's, if any), with :meth:`create`'s options."""
        return cls.create(load_config(path), **options)

    # ------------------------------------------------------------------ what renderers read

    def stylesheet_params(self, stem: str | None = None, **internal: str | int | bool) -> list[Param]:
        """The parameters of one transformation: the user's, the base URL, the links to the
        project's assets, the document's stem (when given) and the output's own internal ones."""
        values = {p.name: p for p in self.params}
        values["base-url"] = Param("base-url", "string", self.base_url)
        for name, href in self.assets.hrefs().items():
            values[name] = Param(name, "string", href)
        if stem is not None:
            values["doc-stem"] = Param("doc-stem", "string", stem)
        for name, stamped in (("release-version", self.release.version), ("build-date", self.release.date),
                              ("release-latest", self.release.latest)):
            values[name] = Param(name, "string", stamped)
        forwards = self.release.forwards(stem) if stem is not None else self.release.index_forwards()
        values["release-forwards"] = Param("release-forwards", "string", forwards)
        for name, value in internal.items():
            values[name] = internal_param(name, value)
        return list(values.values())

    def param_value(self, name: str) -> str | None:
        """A user parameter's lexical value: the one set, else the stylesheets' default (None:
        no stylesheet declares it)."""
        found = next((p.lexical for p in self.params if p.name == name), None)
        return found if found is not None else dict(self.defaults).get(name)

    def override_paths(self) -> dict[str, Path]:
        return {o.entry: Path(o.path) for o in self.overrides}

    @cached_property
    def stylesheets_key(self) -> tuple[str, ...]:
        """What the compiled stylesheets depend on: the toolkit's folder and digest, and each
        override's entry, file and digest."""
        return (self.toolkit_xslt, self.toolkit_digest, *(f"{o.entry}={o.path}@{o.digest}" for o in self.overrides))

    @cached_property
    def key(self) -> str:
        """The digest of everything in the context that a rendered output can depend on."""
        data = {
            "params": [[p.name, p.xs_type, p.lexical] for p in self.params],
            "stylesheets": list(self.stylesheets_key[1:]),
            "base-url": self.base_url,
            "assets": [list(self.assets.linked), self.assets.digest],
            "project": [list(self.project.sources), self.project.rng, self.project.schematron, self.project.odd,
                        self.project.tei_all],
            "release": self.release.key(),
        }
        return text_digest(json.dumps(data, sort_keys=True))

    def releases_folder(self) -> Path:
        """The folder of the release records: the ``releases`` setting, else ``releases/`` beside
        tei.toml (the working directory's when there is none)."""
        if self.config.get("releases"):
            return Path(self.config.get("releases"))
        return (self.config.path.parent if self.config.path is not None else Path(".")) / "releases"

    def with_release(self, paths: Iterable[Path], version: str = "", date: str = "", fresh: bool = False,
                     known: dict[str, list] | None = None, found: dict[str, list] | None = None) -> BuildContext:
        """This context with the release stamp of a run over ``paths`` (kept when already decided,
        unless ``fresh`` or a ``version`` is given): :func:`toolkit.stamp.release_stamp`
        (``known``, ``found``: the sources' header dates kept between runs)."""
        if self.release.decided and not version and not fresh:
            return self
        stamp = release_stamp(paths, self.releases_folder(), self.config.table("moved"),
                              self.config.table("retired"), version, date, known=known, found=found)
        return replace(self, release=stamp)

    def with_base_url(self, base_url: str) -> BuildContext:
        return replace(self, base_url=base_url, config=self.config.with_value("base-url", base_url))


def param_specs(folder: Path | None = None, overrides: Iterable[Path] = ()) -> dict[str, ParamSpec]:
    """The parameters the stylesheets declare: the overrides' first, then the toolkit's."""
    folder = folder or resource_dir("xslt")
    files = [*overrides, *sorted(folder.glob("*.xsl")), *sorted((folder / "common").glob("*.xsl"))]
    return declared(files)

