"""An edition project's own settings, in ``tei.toml`` beside its sources.

One file, in the project's folder (the working directory), or named with ``tei --config``::

    sources = ["tei"]                    # folders (or files) of the project's own TEI
    output = "output"                    # the output folder
    base-url = "https://example.org/"    # where the HTML is published (absolute links, citations)
    jobs = 2                             # worker processes for tei build
    tei-all = "../shared/tei-p5/tei_all.rng"
    odd = "schema/edition.odd"           # the customisation, and what tei schema writes
    rng = "schema/edition.rng"
    schematron = "schema/edition.sch"
    stylesheets = "xslt-local"           # override folder: its html.xsl, text.xsl or index.xsl
                                         # import the toolkit's (href="tei-toolkit:html.xsl")
    profile = "schema/deposit-profile.json"  # the BagIt profile tei package checks against
    [params]                             # stylesheet parameters, by name
    headnote-by-label = "the source's editor"
    [bag-info]                           # tags tei package adds to bag-info.txt
    Contact-Email = "archive@example.org"

Command-line options override the file; ``tei config`` prints the effective settings and
where each came from. An unknown key or a value of the wrong type is a usage error
reported as ``tei.toml:LINE: error: …`` (exit 2). Paths are relative to the file's folder.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.errors import UsageError

FILE_NAME = "tei.toml"

#: key -> (type, description)
KEYS: dict[str, tuple[type, str]] = {
    "sources": (list, "folders or files of the project's own TEI"),
    "output": (str, "the output folder"),
    "base-url": (str, "the absolute URL where the HTML is published"),
    "jobs": (int, "worker processes for tei build"),
    "tei-all": (str, "tei_all.rng, for TEI conformance of other projects' files"),
    "odd": (str, "the project's ODD customisation"),
    "rng": (str, "the project's RELAX NG grammar"),
    "schematron": (str, "the project's Schematron rules"),
    "stylesheets": (str, "a folder of stylesheets that override the toolkit's entry stylesheets"),
    "params": (dict, "stylesheet parameters"),
    "profile": (str, "a BagIt profile (JSON) that tei package checks the bag against"),
    "bag-info": (dict, "bag-info.txt tags tei package adds (those a BagIt profile requires)"),
}
DEFAULTS: dict[str, Any] = {"sources": ["tei"], "output": "output", "base-url": "", "jobs": None,
                            "tei-all": None, "odd": None, "rng": None, "schematron": None,
                            "stylesheets": None, "params": {},
                            "profile": None, "bag-info": {}}
PATH_KEYS = ("output", "tei-all", "odd", "rng", "schematron", "stylesheets", "profile")
TABLE_KEYS = ("params", "bag-info")


class ConfigError(UsageError):
    """A problem in the configuration file, at its line (exit 2)."""

    def __init__(self, path: Path, line: int, message: str):
        super().__init__(message)
        self.path, self.line = path, line

    def lines(self) -> list[str]:
        return [f"{self.path}:{self.line}: error: {self}"]


@dataclass
class Config:
    """The effective settings and, for each, where it came from."""

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

    def override(self, key: str, value: Any, origin: str = "command line") -> None:
        """A command-line option takes the place of the file's value (None: keep the file's)."""
        if value is not None:
            self.values[key] = value
            self.sources[key] = origin

    def params(self) -> dict[str, str]:
        return self.table("params")

    def table(self, key: str) -> dict[str, str]:
        """A table of the file (params, bag-info) as strings, sorted by name."""
        return {str(k): str(v) for k, v in sorted(self.values[key].items())}

    def describe(self) -> list[str]:
        """One line per setting: ``key = value  (from …)``."""
        lines = []
        for key in KEYS:
            if key not in TABLE_KEYS:
                lines.append(f"{key} = {self.values[key]!r}  ({self.sources[key]})")
        for key in TABLE_KEYS:
            for name, value in self.table(key).items():
                lines.append(f"{key}.{name} = {value!r}  ({self.sources.get(key + '.' + name, self.sources[key])})")
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


def _check(path: Path, text: str, key: str, value: Any, config: Config) -> None:
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
            if not isinstance(param, (str, int)) or isinstance(param, bool):
                raise ConfigError(path, line, f"{key}.{name} must be a string or a whole number")
            config.sources[f"{key}.{name}"] = f"{path}:{line}"


def _relative(folder: Path, key: str, value: Any) -> Any:
    """Paths in the file are relative to its folder."""
    if folder == Path("."):
        return value
    if key in PATH_KEYS:
        return str(folder / str(value))
    if key == "sources":
        return [str(folder / str(v)) for v in value]
    return value


def _overrides(config: Config, path: Path, text: str) -> None:
    folder = config.path_of("stylesheets")
    if folder is None:
        return
    if not folder.is_dir():
        raise ConfigError(path, _line_of(text, "stylesheets"), f"stylesheets: no folder {folder}")
    for entry in ("html.xsl", "text.xsl", "index.xsl"):
        if (folder / entry).is_file():
            config.overrides[entry] = (folder / entry).resolve()


def load(path: Path | None = None, base: Path | None = None) -> Config:
    """The settings of ``path`` (default: ``tei.toml`` in ``base`` or the working directory, if
    it exists), checked: unknown keys and wrong types raise :class:`ConfigError`."""
    config = Config()
    explicit = path is not None
    path = Path(path) if path is not None else (base or Path(".")) / FILE_NAME
    if not path.is_file():
        if explicit:
            raise UsageError(f"configuration file {path} does not exist")
        return config
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = int(m.group(1)) if (m := re.search(r"line (\d+)", str(exc))) else 1
        raise ConfigError(path, line, f"not valid TOML: {exc}") from None
    for key, value in data.items():
        _check(path, text, key, value, config)
        config.values[key] = _relative(path.parent, key, value)
        config.sources[key] = f"{path}:{_line_of(text, key)}"
    config.path = path
    _overrides(config, path, text)
    return config


_CURRENT = Config()


def current() -> Config:
    """The settings in force for this process (what the CLI loaded; defaults otherwise)."""
    return _CURRENT


def use(config: Config) -> Config:
    """Make ``config`` the settings in force for this process; returns it."""
    global _CURRENT
    _CURRENT = config
    return config


class project_settings:  # noqa: N801 - a context manager used like a function
    """``with project_settings(path):`` the settings of a tei.toml for the duration of a block."""

    def __init__(self, path: Path | None = None):
        self.config = load(path)
        self.previous = _CURRENT

    def __enter__(self) -> Config:
        return use(self.config)

    def __exit__(self, *exc) -> None:
        use(self.previous)
