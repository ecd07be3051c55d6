"""A real SWORD 2.0 server for the tests: Software Heritage's deposit server (``swh.deposit[server]``,
Django) from its own virtual environment, on PostgreSQL 15 started as the ``postgres`` user on a
unix socket with TCP off, with in-memory storage and scheduler; loopback only.

The virtual environment is ``TEI_SWH_VENV`` (default ``.venv-swh`` beside the repository's
``.venv``; ``make swh-venv`` makes it). The deposit checks swh runs asynchronously (a
``check-deposit`` task, which needs swh's scheduler and codemeta metadata) are off: the
in-memory scheduler has no such task type. Everything else is the server as deployed."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

PG_BIN = Path("/usr/lib/postgresql/15/bin")
USER, PASSWORD, COLLECTION = "editor", "correct-horse-battery", "editions"
CONFIG = """scheduler: {{cls: memory}}
storage: {{cls: memory}}
storage_metadata: {{cls: memory}}
authentication_provider: basic
swh_authority_url: http://127.0.0.1/
checks: false
allowed_hosts: [127.0.0.1]
private:
  secret_key: tests-only-not-a-secret
  media_root: {media}
  db: {{name: swh-deposit, host: {socket}, user: postgres}}
"""


def venv(root: Path) -> Path:
    return Path(os.environ.get("TEI_SWH_VENV", root / ".venv-swh"))


def why_not(root: Path) -> str | None:
    """Why the server cannot run here (None: it can)."""
    if not (venv(root) / "bin" / "django-admin").is_file():
        return f"no swh.deposit[server] virtual environment at {venv(root)} (make swh-venv, or set TEI_SWH_VENV)"
    if not (PG_BIN / "postgres").is_file():
        return f"no PostgreSQL 15 server in {PG_BIN} (apt-get install postgresql-15)"
    if os.geteuid() != 0 or shutil.which("runuser") is None:
        return "PostgreSQL is started as the postgres user, which needs root and runuser"
    return None


def _as_postgres(*command: str) -> None:
    subprocess.run(["runuser", "-u", "postgres", "--", *command], check=True, capture_output=True, timeout=120)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def swh_deposit_server(root: Path):
    """Yields (service document URL, media root where the server stores uploads)."""
    base = Path(tempfile.mkdtemp(prefix="tei-swh-"))
    base.chmod(0o755)
    data, sock, media = base / "pg", base / "socket", base / "media"
    for folder in (data, sock):
        folder.mkdir()
        shutil.chown(folder, "postgres")
    media.mkdir()
    env = {**os.environ, "SWH_CONFIG_FILENAME": str(base / "deposit.yml"),
           "DJANGO_SETTINGS_MODULE": "swh.deposit.settings.production"}
    (base / "deposit.yml").write_text(CONFIG.format(media=media, socket=sock), encoding="utf-8")
    bin_ = venv(root) / "bin"
    server = None
    try:
        _as_postgres(str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres")
        _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(data / "server.log"), "-w", "-o",
                     f"-c listen_addresses='' -k {sock}", "start")
        _as_postgres(str(PG_BIN / "createdb"), "-h", str(sock), "swh-deposit")
        run = dict(env=env, check=True, capture_output=True, timeout=300, cwd=base)
        subprocess.run([str(bin_ / "django-admin"), "migrate"], **run)
        admin = [str(bin_ / "swh"), "deposit", "admin", "--config-file", str(base / "deposit.yml"),
                 "--platform", "production"]
        subprocess.run([*admin, "collection", "create", "--name", COLLECTION], **run)
        subprocess.run([*admin, "user", "create", "--username", USER, "--password", PASSWORD, "--collection",
                        COLLECTION, "--provider-url", "https://edition.example.org/", "--domain",
                        "edition.example.org"], **run)
        port = _free_port()
        server = subprocess.Popen([str(bin_ / "django-admin"), "runserver", f"127.0.0.1:{port}", "--noreload"],
                                  env=env, cwd=base, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}/1/servicedocument/"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except urllib.error.HTTPError:
                break  # the server answers (an error page is an answer)
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the swh deposit server did not start") from None
                time.sleep(0.2)
        yield url, media
    finally:
        if server is not None:
            server.terminate()
            server.wait(20)
        if (data / "postmaster.pid").exists():
            _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(base, ignore_errors=True)
