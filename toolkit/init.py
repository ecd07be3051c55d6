"""``tei init``: a new edition project that builds at once.

:func:`init_project` writes, into a new (or empty) folder:

* ``tei.toml``: every setting, commented, with the project's own values;
* ``tei/sample.xml``: one small document, valid against the project's schema;
* ``schema/project.odd``: a TEI customisation (ODD) for letters, manuscripts, prose and verse,
  with the compiled ``project.rng`` and ``project.sch`` (``tei schema`` recompiles them after an
  edit, with TEI P5's p5subset.xml and the TEI Consortium's stylesheets);
* ``xslt-local/``: override stylesheets with every hook ready to fill (``hooks.xsl``);
* ``assets/``: the project's CSS (and its logo, favicon and scripts);
* ``oxygen/``: an Oxygen project and framework extension for *this* project (:mod:`toolkit.oxygen`);
* ``README.md`` and ``.gitignore``.

It refuses to overwrite: a folder that holds anything but hidden files is a usage error.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.atomic import write_atomic
from toolkit.config import KEYS
from toolkit.errors import UsageError
from toolkit.oxygen import write_oxygen
from toolkit.resources import starter_dir

__all__ = ["LICENCES", "InitOptions", "InitResult", "init_project"]

#: licences offered by name (SPDX id -> URL and the sentence the header says)
LICENCES = {
    "CC-BY-4.0": ("https://creativecommons.org/licenses/by/4.0/",
                  "Licensed under the Creative Commons Attribution 4.0 International licence (CC BY 4.0)."),
    "CC-BY-SA-4.0": ("https://creativecommons.org/licenses/by-sa/4.0/",
                     "Licensed under the Creative Commons Attribution-ShareAlike 4.0 International licence "
                     "(CC BY-SA 4.0)."),
    "CC0-1.0": ("https://creativecommons.org/publicdomain/zero/1.0/",
                "Dedicated to the public domain under CC0 1.0 Universal."),
}


@dataclass(frozen=True)
class InitOptions:
    """What the new project is called, who publishes it, its language and its licence."""

    title: str
    publisher: str
    language: str = "en"
    licence: str = "CC-BY-4.0"
    #: the date of the sample's creation (its revisionDesc/change/@when): today by default
    today: str = field(default_factory=lambda: dt.date.today().isoformat())


@dataclass
class InitResult:
    folder: Path
    files: list[Path]

    def summary(self) -> str:
        return (f"{self.folder}: a new edition project ({len(self.files)} files). Next: cd {self.folder} && tei build "
                f"(then tei serve to read it, tei package to deposit it)")


def _check(options: InitOptions) -> None:
    if not options.title.strip():
        raise UsageError("tei init needs a title for the edition (--title)")
    if not options.publisher.strip():
        raise UsageError("tei init needs the edition's publisher (--publisher): the person or body responsible")
    if options.licence not in LICENCES:
        raise UsageError(f"unknown licence {options.licence!r}; one of: {', '.join(LICENCES)} (or edit the header)")
    if not options.language.replace("-", "").isalnum():
        raise UsageError(f"the language must be a BCP 47 code (en, de, fr-CA …), not {options.language!r}")


def _xml_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def settings_text(options: InitOptions) -> str:
    """tei.toml: the project's values, and every other setting commented with what it does."""
    values = {"sources": '["tei"]', "output": '"output"', "odd": '"schema/project.odd"',
              "rng": '"schema/project.rng"', "schematron": '"schema/project.sch"', "stylesheets": '"xslt-local"',
              "assets": '"assets"', "css": '"project.css"'}
    lines = [f"# The settings of the edition project {options.title!r}, read by every tei command run",
             "# in this folder. `tei config` shows the effective settings and where each comes from.", ""]
    for key, (_kind, description) in KEYS.items():
        if key in ("params", "bag-info", "moved", "retired"):
            continue
        lines.append(f"# {key}: {description}")
        lines.append(f"{key} = {values[key]}" if key in values else f"# {key} = ")
    lines += ["", f"# params: {KEYS['params'][1]}", "[params]",
              "# Stylesheet parameters, typed as the stylesheets declare them (`tei config` lists each",
              "# with its type and default).", f"site-title = {_toml_string(options.title)}"]
    lines += ["", f"# bag-info: {KEYS['bag-info'][1]}", "[bag-info]",
              "# Tags tei package adds to bag-info.txt (those a BagIt profile requires), e.g.",
              "# Contact-Email = \"archive@example.org\""]
    lines += ["", f"# moved: {KEYS['moved'][1]}", "[moved]",
              "# After a release (tei release VERSION), a published ID may not disappear unless it is",
              "# declared here, e.g. \"sample#par-2\" = \"sample#par-3\" (README: Releases)."]
    lines += ["", f"# retired: {KEYS['retired'][1]}", "[retired]",
              "# e.g. \"sample#par-2\" = \"a duplicate of par-1\"", ""]
    return "\n".join(lines)


def readme_text(options: InitOptions) -> str:
    return f"""# {options.title}

A TEI P5 digital edition, published by {options.publisher}, made with the TEI edition toolkit
(`tei`).

## Work on it

    tei validate          # check tei/ against schema/project.rng and .sch
    tei build             # validate, then write the edition into output/
    tei serve             # read it at http://127.0.0.1:8000/, rebuilt on every save
    tei package           # a BagIt deposit package in output/deposit/

- `tei/`: the edition's documents (start from `sample.xml`, then delete it).
- `schema/project.odd`: the customisation; after editing it, run `tei schema` (it needs TEI
  P5's p5subset.xml and the TEI Consortium's stylesheets) to regenerate `project.rng` and
  `project.sch`.
- `xslt-local/hooks.xsl`: what the project adds to every page (a banner, a footer line …).
- `assets/`: the project's CSS, logo and favicon.
- `oxygen/`: open `oxygen/project.xpr` in Oxygen XML Editor (Project > Open Project);
  `tei oxygen` writes it again after `tei.toml` changes.
- `tei.toml`: the project's settings.
"""


def init_project(folder: Path, options: InitOptions) -> InitResult:
    """Write a new edition project into ``folder`` (created; it must not hold anything yet)."""
    _check(options)
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(not p.name.startswith(".") for p in folder.iterdir())):
        raise UsageError(f"{folder} is not empty: tei init never overwrites; choose a new folder")
    starter = starter_dir()
    url, sentence = LICENCES[options.licence]
    replacements = {"@@TITLE@@": _xml_text(options.title), "@@PUBLISHER@@": _xml_text(options.publisher),
                    "@@LANG@@": options.language, "@@LICENCE_URL@@": url, "@@LICENCE_TEXT@@": sentence,
                    "@@TODAY@@": options.today}
    written: list[Path] = []
    for source in sorted(p for p in starter.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        relative = source.relative_to(starter)
        if relative.suffix == ".py":
            continue
        target = folder / relative
        if relative.suffix == ".xml":
            text = source.read_text(encoding="utf-8")
            for placeholder, value in replacements.items():
                text = text.replace(placeholder, value)
            write_atomic(target, text)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        written.append(target)
    for name, text in (("tei.toml", settings_text(options)), ("README.md", readme_text(options)),
                       (".gitignore", "output/\n.venv/\n__pycache__/\n")):
        write_atomic(folder / name, text)
        written.append(folder / name)
    written.extend(write_oxygen(folder, "project"))
    return InitResult(folder, written)
