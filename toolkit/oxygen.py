"""``tei oxygen``: the Oxygen XML Editor project and framework extension of *this* project,
written from its settings (``tei.toml``), so that nothing in them names another edition and
the transformation parameters follow ``tei.toml`` (run it again after changing it; ``tei
init`` runs it).

It writes, under ``oxygen/``:

* ``NAME.xpr``: the project (validation with the project's RELAX NG and Schematron and with
  the ``tei_all.rng`` of Oxygen's own TEI framework; transformation scenarios that run the
  toolkit's stylesheets with the project's parameters into the folders ``tei render`` writes);
* ``frameworks/NAME/NAME.exf``: an extension of Oxygen's "TEI P5" framework named after the
  edition (its site title, else the main title of its first document), with the Author CSS
  and the new-document templates;
* ``frameworks/NAME/css/tei-author.css`` and ``frameworks/NAME/templates/tei-document.xml``,
  only when they are missing: they are the project's to edit.

The files are in the shapes Oxygen writes (the tests compare them with real project files).
"""

from __future__ import annotations

import os
from pathlib import Path

from toolkit.atomic import write_atomic
from toolkit.config import Config, load
from toolkit.context import BuildContext
from toolkit.resources import oxygen_template_dir
from toolkit.xmlsafe import TEI_NS, parse_file

__all__ = ["oxygen_files", "write_oxygen"]


def _xml(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _relative(path: Path, start: Path) -> str:
    """``path`` for a file in ``start`` (oxygen/): ``${pdu}/…`` when inside the project, else absolute."""
    try:
        return "${pdu}/" + Path(os.path.relpath(path.resolve(), start.resolve())).as_posix()
    except ValueError:  # another drive (Windows)
        return path.resolve().as_uri()


def _title(context: BuildContext, sources: list[Path]) -> str:
    """What the framework is called: the site title, else the first document's main title."""
    site = context.param_value("site-title")
    if site:
        return site
    for source in sources:
        try:
            root = parse_file(source).root
        except Exception:  # noqa: BLE001 - any unreadable file: look at the next one
            continue
        title = root.find(f".//{{{TEI_NS}}}titleStmt/{{{TEI_NS}}}title")
        if title is not None and " ".join("".join(title.itertext()).split()):
            return " ".join("".join(title.itertext()).split())
    return Path.cwd().name


def _sources(config: Config, project: Path) -> list[Path]:
    found: list[Path] = []
    for source in config.get("sources") or ["tei"]:
        path = project / source if not Path(source).is_absolute() else Path(source)
        found.extend(sorted(path.rglob("*.xml")) if path.is_dir() else [path] if path.is_file() else [])
    return found


def oxygen_files(project: Path, name: str) -> dict[str, str]:
    """The generated files (relative to ``project``) and their text."""
    here = Path.cwd()
    os.chdir(project)  # the settings' relative paths are the project's
    try:
        config = load(Path("tei.toml")) if Path("tei.toml").is_file() else Config()
        context = BuildContext.create(config)
        sources = _sources(config, Path("."))
        oxygen = Path("oxygen")
        templates = oxygen_template_dir()
        rng = Path(config.get("rng") or "schema/edition.rng")
        sch = Path(config.get("schematron") or "schema/edition.sch")
        overrides = context.override_paths()
        xslt = Path(context.toolkit_xslt)
        parameter = (templates / "parameter.xml").read_text(encoding="utf-8")
        params = "".join(parameter.replace("@@PNAME@@", _xml(p.name)).replace("@@PVALUE@@", _xml(p.lexical))
                         for p in context.params)
        folders = [f"{Path(os.path.relpath(Path(s).resolve(), oxygen.resolve())).as_posix()}/"
                   for s in (config.get("sources") or ["tei"])]
        folders += [f"{Path(os.path.relpath(Path(f).resolve(), oxygen.resolve())).as_posix()}/"
                    for f in ("schema", config.get("stylesheets") or "", config.get("output") or "output")
                    if f and (Path(f).is_dir() or f == (config.get("output") or "output"))]
        if xslt.resolve().is_relative_to(Path(".").resolve()):
            folders.append(f"{Path(os.path.relpath(xslt.resolve(), oxygen.resolve())).as_posix()}/")
        folders.append("frameworks/")
        unique = list(dict.fromkeys(folders))
        association = (Path(os.path.relpath(sources[0].resolve(), oxygen.resolve())).as_posix() if sources
                       else "../tei/sample.xml")
        project_text = (templates / "project.xpr").read_text(encoding="utf-8")
        entry_xslt = _relative(xslt, oxygen)
        for placeholder, value in (("@@NAME@@", name), ("@@ASSOCIATION@@", _xml(association)),
                                   ("@@XSLT@@", _xml(entry_xslt)),
                                   ("@@OUTPUT@@", _xml(_relative(Path(config.get("output") or "output"), oxygen))),
                                   ("@@RNG@@", _xml(_relative(rng, oxygen))), ("@@SCH@@", _xml(_relative(sch, oxygen))),
                                   ("@@PARAMS@@", params),
                                   ("@@FOLDERS@@", "\n".join(f'        <folder path="{_xml(f)}"/>' for f in unique))):
            project_text = project_text.replace(placeholder, value)
        for entry, path in overrides.items():  # the project's own stylesheet in place of the toolkit's
            project_text = project_text.replace(_xml(f"{entry_xslt}/{entry}"), _xml(_relative(path, oxygen)))
        framework = (templates / "framework.exf").read_text(encoding="utf-8")
        framework = framework.replace("@@NAME@@", name).replace("@@TITLE@@", _xml(_title(context, sources)))
        files = {f"oxygen/{name}.xpr": project_text, f"oxygen/frameworks/{name}/{name}.exf": framework}
        css = Path(f"oxygen/frameworks/{name}/css/tei-author.css")
        if not css.is_file():
            files[css.as_posix()] = (templates / "tei-author.css").read_text(encoding="utf-8").replace("@@NAME@@", name)
        template = Path(f"oxygen/frameworks/{name}/templates/tei-document.xml")
        if not template.is_file():
            files[template.as_posix()] = _new_document(templates, rng, sch, template)
        return files
    finally:
        os.chdir(here)


def _new_document(templates: Path, rng: Path, sch: Path, template: Path) -> str:
    """The new-document template: the project's first document's shape is unknown, so a
    generic TEI skeleton whose schemas are the project's, and whose dates Oxygen asks for."""
    text = (templates / "tei-document.xml").read_text(encoding="utf-8")
    source_dir = Path("tei").resolve()
    return (text.replace("@@RNG@@", Path(os.path.relpath(rng.resolve(), source_dir)).as_posix())
                .replace("@@SCH@@", Path(os.path.relpath(sch.resolve(), source_dir)).as_posix()))


def write_oxygen(project: Path, name: str | None = None) -> list[Path]:
    """Write the Oxygen files of the project in ``project`` (default name: the existing
    ``oxygen/*.xpr``'s, else ``project``); returns the files written."""
    project = Path(project)
    if name is None:
        existing = sorted((project / "oxygen").glob("*.xpr"))
        name = existing[0].stem if existing else "project"
    written = []
    for relative, text in oxygen_files(project, name).items():
        target = project / relative
        write_atomic(target, text)
        written.append(target)
    return written
