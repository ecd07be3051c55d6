"""TEI edition toolkit: validate TEI P5 editions and render them with XSLT 3.0.

The library comes first; the ``tei`` command in :mod:`toolkit.cli` is a thin layer
over it. Main entry points:

* :func:`toolkit.validate.validate_paths` returns structured diagnostics;
* :func:`toolkit.render.render_outputs` runs the XSLT stylesheets through saxonche;
* :func:`toolkit.build.build` validates, then renders every output.
"""

__version__ = "0.1.0"
