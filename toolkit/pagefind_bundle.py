"""Write a Pagefind search bundle from search records, deterministically.

Pagefind (the ``pagefind`` package, with its binary from ``pagefind[bin]``) is driven through
its Python API: a :class:`pagefind.index.PagefindIndex` in a Pagefind service, one
``add_custom_record`` per record, then ``get_files`` (the whole bundle in one answer), which
the toolkit writes itself. Three things are added to the package's way:

* **Complete files.** The package's ``write_files`` can answer before every file is on disk:
  now and then ``pagefind-entry.json`` was left empty (seen under load, Pagefind 1.5.2).
  ``get_files`` answers with the files' contents, so what is written is whole.
* **Throughput.** The package's service reads the binary's answers one every 0.1 s
  (``PagefindService._wait_for_responses`` sleeps between reads), so 10,000 records would take
  17 minutes. :class:`_Service` reads them as they come (and allows the large GetFiles
  answer); the protocol is unchanged.
* **Determinism.** Pagefind 1.5 writes the same fragments, word indexes and filter indexes for
  the same records, but three kinds of file vary from run to run (the order of a Rust hash
  map): ``pagefind-entry.json`` lists the languages in any order, each language's
  ``pagefind.<hash>.pf_meta`` lists its filters in any order, and each filter's
  ``filter/<hash>.pf_filter`` lists its values in any order, so their names (hashes of their
  content) vary too. :func:`normalise` rewrites them in a fixed order (languages, filters and
  values sorted by name; each rewritten file named after its new content's SHA-256, which the
  file that points to it is given), so that the same records give byte-identical bundles.
"""

from __future__ import annotations

import asyncio
import base64
import gzip
import hashlib
import json
import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, cast

import cbor2
from pagefind.index import IndexConfig, PagefindIndex
from pagefind.service import PagefindService

from toolkit.errors import ToolkitError
from toolkit.search_records import Record
from toolkit.staging import write_file

__all__ = ["write_bundle", "normalise"]

_SIGNATURE = b"pagefind_dcd"
#: threads writing the bundle's files (each write ends with an fsync, which waits on the disk)
WRITERS = 32
#: the largest answer read from the binary (GetFiles: the whole bundle, base64)
ANSWER_LIMIT = 2**31 - 1


class _Service(PagefindService):
    """Pagefind's service, reading each answer as soon as the binary writes it. The binary's
    standard error shares the pipe: text before an answer (a warning) is set aside, and an
    answer that cannot be read fails every pending request instead of leaving it waiting."""

    async def _wait_for_responses(self) -> None:
        assert self._backend.stdout is not None
        try:
            while True:
                words = (await self._backend.stdout.readuntil(b","))[:-1].split()
                if words:
                    self._answer(words[-1])
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - any failure ends every pending request with one message
            for future in self._responses.values():
                if not future.done():
                    future.set_exception(ToolkitError(f"Pagefind stopped answering: {exc}"))

    async def launch(self) -> _Service:
        """Start the binary as the package does, with room for the one large answer, GetFiles:
        the whole bundle, base64-encoded (the package allows 2 MiB)."""
        self._backend = await asyncio.create_subprocess_exec(
            self._bin, "--service", cwd=os.getcwd(), stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT, limit=ANSWER_LIMIT)
        self._poll_task = self._loop.create_task(self._wait_for_responses())
        return self

    async def finish(self, seconds: float = 600) -> None:
        """Let the binary end by itself (its input closed), killed only if it has not ended in
        ``seconds``; the package's close() terminates it at once."""
        assert self._backend.stdin is not None
        self._backend.stdin.close()
        try:
            await asyncio.wait_for(self._backend.wait(), timeout=seconds)
        finally:
            self._poll_task.cancel()
            if self._backend.returncode is None:
                self._backend.kill()
                await self._backend.wait()

    def _answer(self, token: bytes) -> None:
        response = json.loads(base64.b64decode(token, validate=True))
        if response is None:
            return
        message_id = response.get("message_id")
        payload = response["payload"]
        if message_id is None and payload.get("original_message"):
            message_id = json.loads(payload["original_message"]).get("message_id")
        future = self._responses.get(message_id) if message_id is not None else None
        if future is None or future.done():
            return
        if payload["type"] == "Error":
            future.set_exception(ToolkitError(f"Pagefind: {payload.get('message')}"))
        else:
            future.set_result(payload)


async def _write(records: Iterable[Record], folder: Path, config: IndexConfig) -> int:
    service = _Service()
    await service.launch()
    count = 0
    try:
        index: PagefindIndex = await service.create_index(config)
        for record in records:  # one at a time, in order: the bundle lists pages in this order
            await index.add_custom_record(url=record.url, content=record.content, language=record.language,
                                          meta=record.meta, filters=record.filters)
            count += 1
        files = await index.get_files()
    finally:
        await service.finish()
    _write_files(folder, [(file["path"], file["content"]) for file in files])
    return count


def _write_files(folder: Path, files: list[tuple[str, bytes]]) -> None:
    """Write the bundle's files, each made durable (fsync) as every staged file is, by a pool of
    threads: one after the other, 8,600 small files took 27 s; 32 at a time, under 2 s."""
    root = folder.resolve()
    targets = []
    for relative, content in files:
        target = folder / relative
        if root not in target.resolve().parents:
            raise ToolkitError(f"Pagefind named a file outside its folder: {relative}")
        target.parent.mkdir(parents=True, exist_ok=True)
        targets.append((target, content))
    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        for _ in pool.map(lambda item: write_file(*item), targets):
            pass


def write_bundle(records: Iterable[Record], folder: Path) -> int:
    """Index ``records`` and write the Pagefind bundle into ``folder`` (normalised); the number
    of records. Raises :class:`ToolkitError` when Pagefind cannot be run."""
    config: IndexConfig = {"write_playground": False}

    def run() -> int:
        return asyncio.run(_write(records, folder, config))

    try:
        try:
            asyncio.get_running_loop()
        except RuntimeError:  # no event loop in this thread (the command line, a worker thread)
            count = run()
        else:  # called from a running event loop (a notebook, a browser test): Pagefind gets a thread
            with ThreadPoolExecutor(max_workers=1) as pool:
                count = pool.submit(run).result()
    except (OSError, FileNotFoundError, asyncio.IncompleteReadError) as exc:
        raise ToolkitError(f"cannot run Pagefind (the pagefind[bin] package): {exc}") from None
    normalise(folder)
    return count


def _decode(path: Path) -> list:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(_SIGNATURE):
        raise ToolkitError(f"{path}: not a Pagefind index file")
    return cast(list, cbor2.loads(raw[len(_SIGNATURE):]))


def _encode(value: list) -> bytes:
    return gzip.compress(_SIGNATURE + cbor2.dumps(value), compresslevel=9, mtime=0)


def _rewrite(old: Path, data: bytes, language: str, digits: int, name: str) -> str:
    """Replace ``old`` by ``data`` under its content's hash; the new hash (``<language>_<hex>``)."""
    hash_ = f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"
    old.unlink()
    (old.parent / name.format(hash=hash_)).write_bytes(data)
    return hash_


def normalise(folder: Path) -> None:
    """Rewrite the bundle's entry, meta and filter files in a fixed order (see the module's text)."""
    entry_path = folder / "pagefind-entry.json"
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ToolkitError(f"{entry_path}: Pagefind wrote no readable entry file ({exc})") from None
    languages: dict[str, Any] = entry.get("languages", {})
    for language in sorted(languages):
        info = languages[language]
        meta = _decode(folder / f"pagefind.{info['hash']}.pf_meta")
        if len(meta) > 3 and isinstance(meta[3], list):
            for pair in meta[3]:  # [filter name, hash of its file]
                path = folder / "filter" / f"{pair[1]}.pf_filter"
                content = _decode(path)
                if len(content) > 1 and isinstance(content[1], list):
                    content[1] = sorted(content[1], key=lambda value: str(value[0]))
                pair[1] = _rewrite(path, _encode(content), language, 7, "{hash}.pf_filter")
            meta[3] = sorted(meta[3], key=lambda pair: str(pair[0]))
        info["hash"] = _rewrite(folder / f"pagefind.{info['hash']}.pf_meta", _encode(meta), language, 10,
                                "pagefind.{hash}.pf_meta")
    entry["languages"] = {language: languages[language] for language in sorted(languages)}
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
