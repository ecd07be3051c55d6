"""Chromium for the browser tests: Debian's binary (never a downloaded browser) driven by
Playwright, with the WCAG tags axe checks and the folder screenshots go to.

A browser test module calls :func:`sync_api_or_skip` at import (the whole module is skipped,
saying why, without Chromium or Playwright) and takes the ``browser`` fixture (tests/conftest.py);
a single test in another module takes ``browser`` alone (it skips the test the same way).
"""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
#: the WCAG levels axe checks (A and AA, 2.0 and 2.1)
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: Screenshots go to $TEI_TEST_ARTIFACTS when it is set (for example test-artifacts/), else to a
#: temporary folder: the suite leaves nothing in the clone unless asked to.
ARTIFACTS_ENV = "TEI_TEST_ARTIFACTS"


def sync_api_or_skip(module_level: bool = True) -> ModuleType:
    """Playwright's sync API; a skip that names what is missing when Chromium or Playwright is absent."""
    if not CHROMIUM.is_file():
        pytest.skip("browser tests skipped: /usr/bin/chromium is absent (Debian package: chromium)",
                    allow_module_level=module_level)
    return pytest.importorskip("playwright.sync_api", reason="browser tests skipped: Python package playwright is absent")


def artifacts_folder(default: Path) -> Path:
    """Where screenshots go: $TEI_TEST_ARTIFACTS, else ``default`` (a temporary folder)."""
    folder = os.environ.get(ARTIFACTS_ENV)
    return Path(folder) if folder else default
