"""Where the toolkit finds its schemas and stylesheets.

One source of truth: the top-level ``schema/`` and ``xslt/`` folders of the
repository. In a source checkout (and an editable install) they are read in place;
a wheel built by ``pip install .`` carries copies of them as package data under
``toolkit/_data/``, so the installed ``tei`` command works from any folder.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from toolkit.errors import SchemaError

_PACKAGE = Path(__file__).resolve().parent
_MARKERS = {"schema": "edition.rng", "xslt": "html.xsl"}


@cache
def resource_dir(name: str) -> Path:
    """The folder ``schema`` or ``xslt``: the checkout's own, else the packaged copy."""
    marker = _MARKERS[name]
    for candidate in (_PACKAGE.parent / name, _PACKAGE / "_data" / name):
        if (candidate / marker).is_file():
            return candidate
    raise SchemaError(f"cannot find the toolkit's {name}/ folder (looked beside and inside {_PACKAGE})")


def project_schema() -> Path:
    """The project's RELAX NG grammar."""
    return resource_dir("schema") / "edition.rng"


def project_schematron() -> Path:
    """The project's Schematron rules."""
    return resource_dir("schema") / "edition.sch"


def stylesheet(name: str) -> Path:
    """An entry stylesheet in ``xslt/`` by file name, e.g. ``html.xsl``."""
    return resource_dir("xslt") / name


def asset_dir() -> Path:
    """CSS and JavaScript copied next to the HTML outputs."""
    return resource_dir("xslt") / "assets"


def starter_dir() -> Path:
    """What ``tei init`` copies into a new project (toolkit/starter)."""
    return _PACKAGE / "starter"


def oxygen_template_dir() -> Path:
    """The templates ``tei oxygen`` fills (toolkit/oxygen_templates)."""
    return _PACKAGE / "oxygen_templates"
