"""TEI edition toolkit: validate, render and package TEI P5 editions.

The library comes first; the ``tei`` command (:mod:`toolkit.cli`) is a thin layer over
it. The public API, documented with runnable examples in ``docs/api.md``:

* :func:`validate_paths` / :func:`validate_file` check files in layers (well-formedness,
  RELAX NG, Schematron, optionally TEI conformance) and return :class:`Diagnostic` records
  in a :class:`ValidationReport`; :class:`ValidationOptions` chooses the schemas;
* :func:`render_paths` runs the XSLT 3.0 stylesheets (HTML, plain text, citation index)
  through saxonche without validating;
* :func:`build` validates, then renders every output (incremental, parallel); every run
  is given one immutable :class:`BuildContext` (settings, typed stylesheet parameters,
  override stylesheets, base URL), and every output kind is an :class:`Output` in a
  registry that plug-ins extend (:mod:`toolkit.outputs`, :mod:`toolkit.plugins`);
* :func:`package` builds a BagIt deposit package and :func:`verify` checks one;
* :func:`citation_tree` gives a document's citable units (as the stylesheets cite them), and
  :func:`create_app` the ASGI application of ``tei serve`` (the output folder and DTS 1.0);
* every problem is a :class:`Diagnostic`; errors are :class:`ToolkitError` subclasses
  that carry their diagnostics (:class:`UsageError` for what a command-line user must fix).

The submodules keep their own names (``toolkit.build.build``); the package-level names
are the functions, so ``from toolkit import build`` is the function.
"""

from __future__ import annotations

from toolkit._version import __version__
from toolkit.build import BuildResult, build, render_paths
from toolkit.citetree import citation_tree
from toolkit.context import BuildContext
from toolkit.diagnostics import Diagnostic
from toolkit.errors import ToolkitError, UsageError
from toolkit.outputs import Output
from toolkit.package import package
from toolkit.server import create_app
from toolkit.validate import ValidationOptions, ValidationReport, validate_file, validate_paths
from toolkit.verify import verify

__all__ = [
    "BuildContext", "BuildResult", "Diagnostic", "Output", "ToolkitError", "UsageError", "ValidationOptions",
    "ValidationReport", "__version__", "build", "citation_tree", "create_app", "package", "render_paths",
    "validate_file", "validate_paths", "verify",
]
