"""The XSLT engine: saxonche, hardened, with stylesheets compiled once per process.

* Every entry stylesheet is compiled once per process and build context (keyed by the
  digests of the toolkit's stylesheets and the project's overrides, :func:`engine`), then
  reused for every document.
* After compiling, Saxon's ``allowedProtocols`` is set to the empty string: no
  stylesheet and no document can then read a file or a URL (``doc()``,
  ``unparsed-text()``, ``xsl:include`` at run time, external entities).
* Documents are handed to Saxon as text that the safe lxml parser produced
  (never as a path), and result documents are captured in memory, so nothing is
  written by Saxon itself: the toolkit writes every output atomically.
* Saxon errors and ``xsl:message terminate="yes"`` become :class:`RenderError`
  naming the stylesheet, line and message.
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from pathlib import Path

from lxml import etree

from toolkit.context import BuildContext
from toolkit.digest import file_digest
from toolkit.errors import RenderError, fail
from toolkit.params import Param
from toolkit.resources import stylesheet

ENTRY_STYLESHEETS = ("html.xsl", "text.xsl", "index.xsl", "metadata.xsl", "guide.xsl", "release.xsl", "site.xsl",
                     "search.xsl")
_ALLOWED_PROTOCOLS = "http://saxon.sf.net/feature/allowedProtocols"
_ENGINES_LOCK = threading.Lock()
#: Saxon's first error (after any warnings): "Error … on line L column C of FILE:\n  CODE text"
_SAXON_ERROR = re.compile(
    r"(?:^|\n)\s*(?:Static )?[Ee]rror[^\n]*? on line (\d+)(?: column (\d+))?[^\n]*:\s*(.*?)(?=\n\S|\Z)", re.S)
_LOCATION = re.compile(r"line (\d+)(?: column (\d+))? of ([^\s:]+)")


@contextmanager
def _captured_stderr():
    """Capture what the native Saxon library prints on file descriptor 2."""
    with tempfile.TemporaryFile() as buffer:
        try:
            saved = os.dup(2)
        except OSError:  # no stderr at all
            yield buffer
            return
        try:
            os.dup2(buffer.fileno(), 2)
            yield buffer
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def _read(buffer) -> str:
    buffer.flush()
    buffer.seek(0)
    return buffer.read().decode("utf-8", errors="replace")


class XsltEngine:
    """One Saxon processor and the compiled entry stylesheets of one build context: the
    toolkit's, or the project's override in place of one, and any output plug-in's
    stylesheets (``extra``, by absolute path)."""

    def __init__(self, directory: Path | None = None, overrides: dict[str, Path] | None = None,
                 extra: tuple[Path, ...] = ()):
        from saxonche import PySaxonApiError, PySaxonProcessor

        self._api_error = PySaxonApiError
        self._dir = directory or stylesheet("html.xsl").parent
        self._proc = PySaxonProcessor(license=False)
        self._lock = threading.Lock()
        compiler = self._proc.new_xslt30_processor()
        self._compiled = {}
        overrides = overrides or {}
        names = [*ENTRY_STYLESHEETS, *(str(path) for path in extra)]
        for name in names:
            path = self._dir / name
            with _captured_stderr() as buffer:
                try:
                    if name in overrides:
                        self._compiled[name] = self._compile_override(compiler, overrides[name])
                    else:
                        self._compiled[name] = compiler.compile_stylesheet(stylesheet_file=str(path))
                except self._api_error as exc:
                    where = overrides.get(name) or (Path(name) if Path(name).is_absolute() else None)
                    if where is not None:
                        raise self._project_error(where, str(exc) or _read(buffer)) from None
                    raise self._error(name, str(exc), _read(buffer), "cannot compile stylesheet") from None
            self._compiled[name].set_capture_result_documents(True)
            self._compiled[name].set_save_xsl_message(True)
        self._proc.set_configuration_property(_ALLOWED_PROTOCOLS, "")

    def _compile_override(self, compiler, override: Path):
        """A project's own stylesheet, which imports the toolkit's as ``href="tei-toolkit:NAME"``;
        its other relative references resolve from its own folder."""
        text = override.read_text(encoding="utf-8").replace('"tei-toolkit:', f'"{self._dir.resolve().as_uri()}/')
        compiler.set_cwd(str(override.resolve().parent) + "/")
        try:
            return compiler.compile_stylesheet(stylesheet_text=text)
        finally:
            compiler.set_cwd(str(self._dir.resolve()) + "/")

    @staticmethod
    def _project_error(where: Path, message: str) -> RenderError:
        """A project's stylesheet that does not compile: Saxon's first message once, at its line
        in that file, and what to do."""
        found = _SAXON_ERROR.search(message)
        line, column = (int(found.group(1)), int(found.group(2) or 1)) if found else (1, 1)
        detail = " ".join(found.group(3).split()) if found else " ".join(message.split())[:300]
        if "XTSE0150" in message:
            detail = (f"{where.name} is not an XSLT stylesheet (its root is not xsl:stylesheet or xsl:transform); "
                      "give a stylesheet that imports the toolkit's, e.g. <xsl:import href=\"tei-toolkit:html.xsl\"/>")
        return fail(RenderError, where, "stylesheet", "stylesheet", f"cannot compile {where.name}: {detail}", line,
                    column)

    def _error(self, name: str, message: str, captured: str, what: str) -> RenderError:
        path = self._dir / name
        line, column, file = 1, 1, str(path)
        match = _LOCATION.search(captured) or _LOCATION.search(message)
        if match:
            line, column = int(match.group(1)), int(match.group(2) or 1)
            file = str(self._dir / match.group(3)) if (self._dir / match.group(3)).exists() else str(path)
            if not (self._dir / match.group(3)).exists():
                common = self._dir / "common" / match.group(3)
                file = str(common) if common.exists() else file
        detail = " ".join(message.split()) or " ".join(captured.split())[:300]
        return fail(RenderError, file, "render", name, f"{what}: {detail}", line, column)

    def transform(self, name: str, document: etree._Element | str, params: Iterable[Param]) -> str:
        """Run an entry stylesheet on a parsed document (or XML text); return the serialized result."""
        return self.transform_each(document, [(name, params)])[0]

    def transform_each(self, document: etree._Element | str, runs: Sequence[tuple[str, Iterable[Param]]]) -> list[str]:
        """Run several entry stylesheets on one document: it is handed to Saxon and parsed once,
        and Saxon's messages are captured once, for all of them."""
        text = document if isinstance(document, str) else etree.tostring(document, encoding="unicode")
        results: list[str] = []
        with self._lock, _captured_stderr() as buffer:
            name = runs[0][0] if runs else ""
            try:
                node = self._proc.parse_xml(xml_text=text)
                for name, params in runs:
                    executable = self._compiled[name]
                    executable.clear_parameters()
                    for param in params:
                        executable.set_parameter(param.name, self._proc.make_atomic_value(param.xs_type, param.lexical))
                    result = executable.transform_to_string(xdm_node=node)
                    if result is None:
                        raise fail(RenderError, self._dir / name, "render", name, "the stylesheet produced no output")
                    results.append(result)
            except self._api_error as exc:
                raise self._error(name, str(exc), _read(buffer), "transformation failed") from None
        return results


#: Compiled engines of this process, by what they were compiled from (a memo keyed by content
#: digests, never by settings): ``tei serve`` makes a new one when a stylesheet changes and keeps
#: the last two.
_ENGINES: OrderedDict[tuple, XsltEngine] = OrderedDict()
_ENGINES_KEPT = 2


def engine(context: BuildContext, extra: tuple[Path, ...] = ()) -> XsltEngine:
    """The engine of ``context``: its stylesheets compiled once per process. If a stylesheet
    changed while it was being compiled (an editor saving during ``tei serve``), the engine
    does not match the context's digests and is refused rather than used under their key."""
    key = (*context.stylesheets_key, *(f"{p}@{file_digest(p)}" for p in extra))
    with _ENGINES_LOCK:
        found = _ENGINES.get(key)
        if found is not None:
            _ENGINES.move_to_end(key)
            return found
    compiled = XsltEngine(Path(context.toolkit_xslt), context.override_paths(), extra)
    now = BuildContext.create(context.config, base_url=context.base_url, toolkit_xslt=Path(context.toolkit_xslt))
    if now.stylesheets_key != context.stylesheets_key:
        raise fail(RenderError, context.toolkit_xslt, "render", "stylesheets",
                   "the stylesheets changed while they were being compiled; run the command again")
    with _ENGINES_LOCK:
        _ENGINES[key] = compiled
        while len(_ENGINES) > _ENGINES_KEPT:
            _ENGINES.popitem(last=False)
    return compiled
