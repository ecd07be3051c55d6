"""What an output kind is: one :class:`Output` per kind, declared once, in one module.

An output kind declares everything the toolkit needs to know about it:

* its ``name`` (what ``tei render NAME`` and ``kinds=`` take) and a one-line ``summary``;
* its ``folder`` in the output folder, and per document its ``file`` name (``{stem}`` is the
  document's file name without ``.xml``);
* its ``scope``: ``document`` (made from each document, in the workers, and cached per
  document) or ``corpus`` (made once from all of them, after the documents: ``reduce``);
* how a document is rendered: an entry ``stylesheet`` with fixed ``params``, or a Python
  ``render`` function, for outputs that are not a stylesheet's text (``binary`` ones included);
* what it needs: other outputs (``needs``: the pages need ``assets``, the project's own CSS,
  logo, favicon and scripts), the toolkit's CSS and JavaScript beside its files (``assets``),
  the coverage check of the reading text (``reading``);
* whether ``tei build`` writes it (``default``) and ``tei package`` bags it (``packaged``,
  described in the package's README by ``package_note``);
* how one of its files is ``verify``-ed (a function returning the problems found, if any);
* its ``version``, part of every cache key (a plug-in's distribution version);
* the folders it ``owns``: written whole on every run, so that files it did not write again
  are removed (the search bundle, whose file names are hashes of their content).

The built-in kinds are in the modules beside this one; :mod:`toolkit.outputs.registry` lists
them and the plug-ins' (entry point group ``tei_toolkit.outputs``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toolkit.context import BuildContext
from toolkit.xmlsafe import ParsedDocument

if TYPE_CHECKING:  # only for annotations: the run is made by the pipeline, above this module
    from toolkit.outputs.run import CorpusRun

__all__ = ["DOCUMENT", "CORPUS", "Output"]

DOCUMENT, CORPUS = "document", "corpus"

#: ``render(document, stem, context) -> {relative path: text or bytes}``
Renderer = Callable[[ParsedDocument, str, BuildContext], dict[str, str | bytes]]
#: ``verify(path) -> [problem, …]`` (an empty list: the file is sound)
Verifier = Callable[[Path], list[str]]


@dataclass(frozen=True)
class Output:
    """One output kind (see the module's text)."""

    name: str
    summary: str
    folder: str
    scope: str = DOCUMENT
    file: str | None = None
    stylesheet: str | None = None
    params: tuple[tuple[str, str | int | bool], ...] = ()
    render: Renderer | None = None
    reduce: Callable[[CorpusRun], None] | None = None
    binary: bool = False
    needs: tuple[str, ...] = ()
    assets: bool = False
    reading: bool = False
    default: bool = True
    packaged: bool = True
    verify: Verifier | None = None
    version: str = ""
    #: the files a corpus output writes (relative to the output folder), when fixed
    files: tuple[str, ...] = field(default=())
    #: what the package's README.txt says of the folder (lines after the first are indented)
    package_note: str = ""
    #: folders (relative to the output folder) that a corpus output writes whole on every run:
    #: after the run, the files in them that it did not write are removed
    owns: tuple[str, ...] = ()

    def path_of(self, stem: str) -> str | None:
        """The relative path of a document's file (None: the output has no file per document)."""
        return f"{self.folder}/{self.file.format(stem=stem)}" if self.file else None

    def cache_token(self) -> str:
        return f"{self.name}@{self.version}"


def check(output: Any) -> Output:
    """``output`` if it is a well-formed :class:`Output`, else a ValueError saying what is wrong."""
    if not isinstance(output, Output):
        raise ValueError(f"not a toolkit.outputs.Output: {output!r}")
    if output.scope not in (DOCUMENT, CORPUS):
        raise ValueError(f"output {output.name!r}: scope must be {DOCUMENT!r} or {CORPUS!r}")
    if output.scope == DOCUMENT and (output.stylesheet is None) == (output.render is None):
        raise ValueError(f"output {output.name!r}: a document output has a stylesheet or a render function")
    if output.scope == CORPUS and output.reduce is None and not output.needs:
        raise ValueError(f"output {output.name!r}: a corpus output has a reduce function")
    if not output.name.replace("-", "").isalnum() or not output.folder or "/" in output.folder:
        raise ValueError(f"output {output.name!r}: a name of letters, digits and hyphens, and one folder")
    return output
