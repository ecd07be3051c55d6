"""Helpers of the DTS and server tests: an output folder with the DTS files, a live server on
127.0.0.1 in the test process, the specification's JSON Schemas, and the plain-text passages."""

from __future__ import annotations

import json
import re
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

SCHEMA = json.loads((Path(__file__).parent / "dts" / "dts-1.0.schema.json").read_text(encoding="utf-8"))
_REGISTRY = Registry().with_resource(SCHEMA["$id"], Resource.from_contents(SCHEMA))


def check_shape(data: dict, name: str) -> None:
    """Validate a response against one definition of the JSON Schema (raises on the first error)."""
    validator = Draft202012Validator({"$ref": f"{SCHEMA['$id']}#/$defs/{name}"}, registry=_REGISTRY)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, f"{name}: " + "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def build_output(files: list[Path], out: Path) -> Path:
    """Render every output and the DTS files of ``files`` into ``out`` (no validation: other
    projects' files are not valid against this edition's schema)."""
    from toolkit.build import render_paths

    render_paths(files, ["html", "text", "index", "data", "dts"], out_dir=out)
    return out


@contextmanager
def live_server(out: Path, **options):
    """Serve ``out`` with :func:`toolkit.server.create_app` under uvicorn on 127.0.0.1 (a free port)
    in a thread of the test process; yields an httpx client bound to it."""
    import uvicorn

    from toolkit.server import bind, create_app

    sock = bind("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(create_app(out, **options), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "the server did not start"
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            yield client
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def text_segments(text: str, labels: list[str]) -> dict[str, str]:
    """The plain-text edition cut at its passage markers ("[label]" alone on a line): label -> the
    text that follows it, up to the next marker."""
    wanted = set(labels)
    marks = [(m.start(), m.end(), m.group(1)) for m in re.finditer(r"^\[([^\]\n]+)\]$", text, flags=re.M)
             if m.group(1) in wanted]
    segments = {}
    for i, (_start, end, label) in enumerate(marks):
        stop = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        segments.setdefault(label, text[end:stop])
    return segments


def editor_copy(folder: Path) -> Path:
    """A copy of the project an editor works in: its tei/, schema/ and tei.toml."""
    import shutil

    root = Path(__file__).resolve().parent.parent
    for name in ("tei", "schema"):
        shutil.copytree(root / name, folder / name)
    shutil.copy(root / "tei.toml", folder / "tei.toml")
    return folder


def start_serve(project: Path, *args: str):
    """``tei serve --port 0`` in ``project`` as a subprocess; (the process, its base URL)."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    process = subprocess.Popen([sys.executable, "-m", "toolkit", "serve", "--port", "0", *args], cwd=project,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": str(root)})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if line.startswith("Serving"):
            return process, line.split(" at ", 1)[1].split("/ ", 1)[0]
        if not line and process.poll() is not None:
            break
    process.kill()
    raise AssertionError(f"tei serve did not start: {process.stderr.read()}")
