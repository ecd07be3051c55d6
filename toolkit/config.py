"""An edition project's own settings, in ``tei.toml`` beside its sources.

One file, in the project's folder (the working directory), or named with ``tei --config``::

    sources = ["tei"]                    # folders (or files) of the project's own TEI
    output = "output"                    # the output folder
    base-url = "https://example.org/"    # where the HTML is published (absolute links, citations)
    jobs = 2                             # worker processes for tei build
    tei-all = "../shared/tei-p5/tei_all.rng"
    catalog = "schemas/catalog.xml"      # an XML catalog: remote schema URLs -> local copies
    fetch-schemas = false                # fetch remote schemas (http/https only, cached)
    odd = "schema/edition.odd"           # the customisation, and what tei schema writes
    rng = "schema/edition.rng"
    schematron = "schema/edition.sch"
    stylesheets = "xslt-local"           # override folder: its html.xsl, text.xsl, index.xsl or
                                         # guide.xsl import the toolkit's (href="tei-toolkit:html.xsl")
    profile = "schema/deposit-profile.json"  # the BagIt profile tei package checks against
    assets = "assets"                    # the project's own files, copied to <output>/assets/;
    css = "site.css"                     # files in it: linked after the toolkit's CSS,
    js = "site.js"                       # loaded after its script,
    logo = "logo.svg"                    # shown in every page's header,
    favicon = "favicon.png"              # the pages' icon
    deposit-schemas = "../shared/deposit-schemas"  # METS, PREMIS, OAI-PMH schemas and their catalog
    releases = "releases"                # the release records tei release writes (VERSION.json)
    [params]                             # stylesheet parameters, by name, typed as the
    headnote-by-label = "the source's editor"  # stylesheets declare them (text-width = 60)
    [bag-info]                           # tags tei package adds to bag-info.txt
    Contact-Email = "archive@example.org"
    [moved]                              # published IDs that moved (README: Releases)
    "letter-1#par-3" = "letter-1#par-4"
    [retired]                            # published IDs withdrawn, and why
    "letter-1#par-9" = "a duplicate of par-8"

Command-line options override the file; ``tei config`` prints the effective settings and
where each came from. A :class:`Config` is immutable: an override makes a new one
(:meth:`Config.with_value`), and the CLI or a library caller passes it on explicitly, inside a
:class:`toolkit.context.BuildContext`; there are no process-wide settings. An unknown key or a
value of the wrong type is a usage error reported as ``tei.toml:LINE: error: …`` (exit 2).
Paths are relative to the file's folder.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from toolkit.errors import UsageError
from toolkit.resources import resource_dir

FILE_NAME = "tei.toml"

#: key -> (type, description)
KEYS: dict[str, tuple[type, str]] = {
    "sources": (list, "folders or files of the project's own TEI"),
    "output": (str, "the output folder"),
    "base-url": (str, "the absolute URL where the HTML is published"),
    "jobs": (int, "worker processes for tei build"),
    "tei-all": (str, "tei_all.rng, for TEI conformance of other projects' files"),
    "catalog": (str, "an OASIS XML catalog mapping remote schema URLs to local files (XML_CATALOG_FILES adds more)"),
    "fetch-schemas": (bool, "fetch remote schemas that no catalog maps (http and https only, into the user's cache)"),
    "odd": (str, "the project's ODD customisation"),
    "rng": (str, "the project's RELAX NG grammar"),
    "schematron": (str, "the project's Schematron rules"),
    "stylesheets": (str, "a folder of stylesheets that override the toolkit's entry stylesheets"),
    "params": (dict, "stylesheet parameters"),
    "profile": (str, "a BagIt profile (JSON) that tei package checks the bag against"),
    "bag-info": (dict, "bag-info.txt tags tei package adds (those a BagIt profile requires)"),
    "assets": (str, "a folder of the project's own files (CSS, logo, favicon, scripts), copied to <output>/assets/"),
    "css": (str, "the project's stylesheet, a file in the assets folder, linked after the toolkit's on every page"),
    "js": (str, "the project's script, a file in the assets folder, loaded on every page"),
    "logo": (str, "the project's logo, a file in the assets folder, shown in every page's header"),
    "favicon": (str, "the project's favicon, a file in the assets folder, the icon of every page"),
    "deposit-schemas": (str, "a folder of METS, PREMIS and OAI-PMH schemas with an XML catalog, for validating "
                             "deposit metadata offline (default: ../shared/deposit-schemas, when present)"),
    "releases": (str, "the folder of the release records tei release writes, VERSION.json (default: releases)"),
    "moved": (dict, "published IDs that moved: \"document#id\" (or a whole \"document\") = its new place"),
    "retired": (dict, "published IDs withdrawn: \"document#id\" (or a whole \"document\") = the reason"),
}
#: the project's assets that every page links, by key (files named relative to the assets folder)
ASSET_KEYS = ("css", "js", "logo", "favicon")
DEFAULTS: dict[str, Any] = {"sources": ["tei"], "output": "output", "base-url": "", "jobs": None,
                            "tei-all": None, "catalog": None, "fetch-schemas": False, "odd": None, "rng": None,
                            "schematron": None,
                            "stylesheets": None, "params": {},
                            "profile": None, "bag-info": {}, "assets": None, "css": None, "js": None,
                            "logo": None, "favicon": None, "deposit-schemas": None, "releases": None,
                            "moved": {}, "retired": {}}
PATH_KEYS = ("output", "tei-all", "catalog", "odd", "rng", "schematron", "stylesheets", "profile", "assets",
             "deposit-schemas", "releases")
TABLE_KEYS = ("params", "bag-info", "moved", "retired")


class ConfigError(UsageError):
    """A problem in the configuration file, at its line (exit 2)."""

    def __init__(self, path: Path, line: int, message: str):
        super().__init__(message)
        self.path, self.line = path, line

    def lines(self) -> list[str]:
        return [f"{self.path}:{self.line}: error: {self}"]


@dataclass(frozen=True)
class Config:
    """The effective settings and, for each, where it came from (immutable: the ``with_*``
    methods return a new Config)."""

    values: dict[str, Any] = field(default_factory=lambda: dict(DEFAULTS))
    sources: dict[str, str] = field(default_factory=lambda: {key: "default" for key in DEFAULTS})
    path: Path | None = None
    #: entry stylesheet name -> the project's override (from ``stylesheets`` or ``--stylesheet``)
    overrides: dict[str, Path] = field(default_factory=dict)

    def get(self, key: str) -> Any:
        return self.values[key]

    def path_of(self, key: str) -> Path | None:
        value = self.values.get(key)
        return Path(value) if value else None

    def with_value(self, key: str, value: Any, origin: str = "command line") -> Config:
        """A command-line option in place of the file's value (None: keep the file's)."""
        if value is None:
            return self
        return replace(self, values={**self.values, key: value}, sources={**self.sources, key: origin})

    def with_param(self, name: str, value: Any, origin: str = "command line") -> Config:
        """A stylesheet parameter (``--param NAME=VALUE``) in place of the file's."""
        return replace(self, values={**self.values, "params": {**self.values["params"], name: value}},
                       sources={**self.sources, f"params.{name}": origin})

    def with_override(self, entry: str, stylesheet: Path) -> Config:
        """The project's own stylesheet for one entry stylesheet (``--stylesheet``)."""
        return replace(self, overrides={**self.overrides, entry: stylesheet.resolve()})

    def params(self) -> dict[str, Any]:
        """The stylesheet parameters as given (strings, numbers, booleans), sorted by name;
        :mod:`toolkit.params` converts them to the types the stylesheets declare."""
        return dict(sorted(self.values["params"].items()))

    def origin(self, key: str) -> str:
        """Where a setting (or ``params.NAME``) came from."""
        return self.sources.get(key) or self.sources.get(key.partition(".")[0], "default")

    def table(self, key: str) -> dict[str, str]:
        """A table of the file (bag-info) as strings, sorted by name."""
        return {str(k): str(v) for k, v in sorted(self.values[key].items())}

    def describe(self) -> list[str]:
        """One line per setting: ``key = value  (from …)``."""
        lines = []
        for key in KEYS:
            if key not in TABLE_KEYS:
                lines.append(f"{key} = {self.values[key]!r}  ({self.sources[key]})")
        for key in TABLE_KEYS:
            for name, value in sorted(self.values[key].items()):
                lines.append(f"{key}.{name} = {value!r}  ({self.origin(key + '.' + name)})")
        return lines


def _line_of(text: str, key: str, table: str | None = None) -> int:
    """The line where ``key`` is set (inside ``[table]`` when given); 1 when not found."""
    current = None
    for number, line in enumerate(text.splitlines(), 1):
        header = re.match(r"\s*\[([^\]]+)\]", line)
        if header:
            current = header.group(1).strip()
            continue
        if current == table and re.match(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=", line):
            return number
    return 1


def _check(path: Path, text: str, key: str, value: Any, sources: dict[str, str]) -> None:
    """One key's name and type; its params, each a string or a whole number."""
    if key not in KEYS:
        raise ConfigError(path, _line_of(text, key), f"unknown key {key!r}; known keys: {', '.join(KEYS)}")
    kind = KEYS[key][0]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ConfigError(path, _line_of(text, key),
                          f"{key} must be a {kind.__name__} ({KEYS[key][1]}), not {type(value).__name__}")
    entries: Any = value  # checked above to be of the key's type
    if key == "sources" and not all(isinstance(v, str) for v in entries):
        raise ConfigError(path, _line_of(text, key), "sources must be a list of strings (folders or files)")
    if key in TABLE_KEYS:
        for name, param in entries.items():
            line = _line_of(text, name, key)
            if key == "params" and not isinstance(param, (str, int, float, bool)):
                raise ConfigError(path, line, f"{key}.{name} must be a string, a number or a boolean")
            if key != "params" and (not isinstance(param, (str, int)) or isinstance(param, bool)):
                raise ConfigError(path, line, f"{key}.{name} must be a string or a whole number")
            sources[f"{key}.{name}"] = f"{path}:{line}"


def _relative(folder: Path, key: str, value: Any) -> Any:
    """Paths in the file are relative to its folder."""
    if folder == Path("."):
        return value
    if key in PATH_KEYS:
        return str(folder / str(value))
    if key == "sources":
        return [str(folder / str(v)) for v in value]
    return value


def _overrides(folder: Path | None, path: Path, text: str) -> dict[str, Path]:
    """The override folder's stylesheets named as one of the toolkit's entry stylesheets
    (``html.xsl``, ``text.xsl``, ``index.xsl``, ``guide.xsl``, ``metadata.xsl``); its other files
    are modules those import."""
    if folder is None:
        return {}
    if not folder.is_dir():
        raise ConfigError(path, _line_of(text, "stylesheets"), f"stylesheets: no folder {folder}")
    entries = {p.name for p in resource_dir("xslt").glob("*.xsl")}
    return {name: (folder / name).resolve() for name in sorted(entries) if (folder / name).is_file()}


def asset_problems(values: dict[str, Any]) -> list[tuple[str, str]]:
    """What is wrong with the project's assets (``assets`` and the files ``css``, ``js``, ``logo``
    and ``favicon`` name in it), as (key, message): a folder that does not exist, a file named
    without a folder, a file that is not in it."""
    folder = Path(values["assets"]) if values.get("assets") else None
    if folder is not None and not folder.is_dir():
        return [("assets", f"assets: no folder {folder} (the project's CSS, logo, favicon and scripts)")]
    problems = []
    for key in ASSET_KEYS:
        name = values.get(key)
        if not name:
            continue
        if folder is None:
            problems.append((key, f"{key} names a file in the project's assets folder, but no assets folder is set: "
                                  f'add assets = "FOLDER"'))
        elif Path(name).is_absolute() or ".." in Path(name).parts or not (folder / name).is_file():
            problems.append((key, f"{key}: no file {name!r} in the assets folder {folder}: "
                                  "add it there or correct the name"))
    return problems


def load(path: Path | None = None, base: Path | None = None) -> Config:
    """The settings of ``path`` (default: ``tei.toml`` in ``base`` or the working directory, if
    it exists), checked: unknown keys and wrong types raise :class:`ConfigError`."""
    explicit = path is not None
    path = Path(path) if path is not None else (base or Path(".")) / FILE_NAME
    if not path.is_file():
        if explicit:
            raise UsageError(f"configuration file {path} does not exist")
        return Config()
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = int(m.group(1)) if (m := re.search(r"line (\d+)", str(exc))) else 1
        raise ConfigError(path, line, f"not valid TOML: {exc}") from None
    values = dict(DEFAULTS)
    sources = {key: "default" for key in DEFAULTS}
    for key, value in data.items():
        _check(path, text, key, value, sources)
        values[key] = _relative(path.parent, key, value)
        sources[key] = f"{path}:{_line_of(text, key)}"
    for key, message in asset_problems(values)[:1]:
        raise ConfigError(path, _line_of(text, key), message)
    folder = Path(values["stylesheets"]) if values["stylesheets"] else None
    return Config(values, sources, path, _overrides(folder, path, text))
