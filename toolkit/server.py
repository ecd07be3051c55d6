"""``tei serve``: the built edition and its DTS API from one ASGI application.

:func:`create_app` makes a Starlette application that serves one output folder (built
with ``tei build --dts``) and nothing else:

* ``/oai``: OAI-PMH 2.0 (:mod:`toolkit.oai_repository`), over the static repository the
  build wrote (``tei render oai``), with ``oai_dc`` and ``oai_datacite`` records and sets;
* ``/api/dts`` (Entry), ``/api/dts/collection``, ``/api/dts/navigation``,
  ``/api/dts/document``: DTS 1.0 (:mod:`toolkit.dts`), over the TEI the build copied to
  ``output/dts/document/``;
* every other path: a file under the output folder, with its content type, ``ETag`` and
  ``Last-Modified`` (and 304 for a matching conditional request). Paths that leave the
  folder (``..``, encoded or not, symbolic links out of it), hidden files (``.cache``) and
  folders get 404; there are no directory listings.

A production deployment runs the application under its own server, on an output folder
built beforehand (``TEI_OUTPUT``, default ``output``)::

    uvicorn --factory toolkit.server:app_from_env --host 127.0.0.1 --port 8000

:func:`serve` is the editor's preview: it builds, serves on 127.0.0.1, and with
``watch`` rebuilds (incrementally, through the build cache) when a source, schema or
stylesheet changes; open pages reload themselves, and while the sources are invalid every
page shows the diagnostics instead of stale output.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import hashlib
import html
import json
import mimetypes
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from toolkit import dts, dts_moved, oai_repository
from toolkit.build import build
from toolkit.collect import collect_xml
from toolkit.context import BuildContext
from toolkit.errors import ToolkitError, UsageError
from toolkit.validate import ValidationOptions, ValidationReport

__all__ = ["LiveState", "Withheld", "app_from_env", "create_app", "serve"]

API = "/api/dts"
OAI = "/oai"
LIVE_EVENTS = "/_live/events"
mimetypes.add_type("application/ld+json", ".jsonld")
mimetypes.add_type("text/turtle", ".ttl")
mimetypes.add_type("application/json", ".json")
mimetypes.add_type("text/plain", ".txt")
# the Pagefind search bundle (pagefind/): its WebAssembly and its gzipped index files
mimetypes.add_type("application/wasm", ".wasm")
for _suffix in (".pagefind", ".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter"):
    mimetypes.add_type("application/octet-stream", _suffix)

RELOAD_SCRIPT = """<script>(function(){{var g="{generation}";var s=new EventSource("{events}");
s.onmessage=function(e){{if(e.data!==g){{s.close();location.reload();}}}};}})();</script>"""


@dataclass
class Withheld:
    """The documents the last build left out because they fail validation: each page's path
    (``html/STEM.html``) -> the source and its diagnostic lines (shown on that page instead)."""

    pages: dict[str, tuple[str, list[str]]] = field(default_factory=dict)

    def stems(self) -> set[str]:
        return {Path(page).stem for page in self.pages}

    def update(self, report: ValidationReport | None) -> None:
        self.pages = {} if report is None else {
            f"html/{Path(r.path).stem}.html": (r.path, [d.format() for d in r.diagnostics])
            for r in report.files if not r.valid(report.strict)}


@dataclass
class LiveState:
    """What the preview knows of the last build: its number and, if it failed, its problems."""

    generation: int = 0
    problems: list[str] = field(default_factory=list)
    changed: asyncio.Event | None = None
    stopping: bool = False

    def script(self) -> str:
        return RELOAD_SCRIPT.format(generation=self.generation, events=LIVE_EVENTS)


class EditionFiles(StaticFiles):
    """The output folder: no listings, no hidden paths, no way out; live pages reload."""

    def __init__(self, directory: Path, live: LiveState | None = None, withheld: Withheld | None = None,
                 redirects: Callable[[], dict[str, Any]] | None = None):
        super().__init__(directory=str(directory), html=False, follow_symlink=False, check_dir=False)
        self.live = live
        self.withheld = withheld
        self.redirects = redirects or dict

    async def get_response(self, path: str, scope) -> Response:
        parts = Path(path).parts
        if any(part.startswith(".") for part in parts):
            raise HTTPException(status_code=404)
        moved = self.redirects().get(Path(path).as_posix())
        if isinstance(moved, dict) and moved.get("status") == 301 and moved.get("location"):
            return RedirectResponse("/" + str(moved["location"]), status_code=301)
        if isinstance(moved, dict) and moved.get("status") == 410:  # a retired document: its tombstone
            response = await super().get_response(str(moved.get("page") or path), scope)
            response.status_code = 410
            return response
        if self.live is not None and self.live.problems and path.endswith(".html"):
            return _problems_page(self.live)
        invalid = self.withheld.pages.get(Path(path).as_posix()) if self.withheld is not None else None
        if invalid is not None:
            return _invalid_page(str(Request(scope).url), *invalid, self.live)
        return await super().get_response(path, scope)

    def file_response(self, full_path, stat_result, scope, status_code: int = 200) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        if self.live is None or not str(full_path).endswith(".html") or response.status_code != 200:
            return response
        text = Path(full_path).read_text(encoding="utf-8")
        script = self.live.script()
        text = text.replace("</body>", script + "</body>", 1) if "</body>" in text else text + script
        headers = {k: v for k, v in response.headers.items() if k.lower() in ("last-modified",)}
        return Response(text, media_type="text/html", headers={**headers, "Cache-Control": "no-cache"})


def _problems_page(live: LiveState) -> Response:
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in live.problems)
    page = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Build failed</title></head>'
            f"<body><h1>The edition does not build</h1><p>Fix these problems and save; this page reloads "
            f"itself.</p><ul>\n{items}\n</ul>{live.script()}</body></html>\n")
    return Response(page, status_code=500, media_type="text/html", headers={"Cache-Control": "no-cache"})


def _invalid_page(url: str, source: str, lines: list[str], live: LiveState | None) -> Response:
    """The page of a document that fails validation: its URL, its source and its diagnostics."""
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines)
    name = html.escape(Path(source).name)
    advice = "Fix these problems and save; this page reloads itself." if live is not None else \
        "Fix these problems and serve again."
    page = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{name} is not valid</title></head>'
            f"<body><h1>{name} is not valid</h1><p>The page <a href=\"{html.escape(url)}\">{html.escape(url)}</a> "
            f"is not served: its source, <code>{html.escape(source)}</code>, fails validation. The other documents "
            f"are served, and the DTS API lists only them. {advice}</p><ul>\n{items}\n</ul>"
            f"{live.script() if live is not None else ''}</body></html>\n")
    return Response(page, status_code=500, media_type="text/html", headers={"Cache-Control": "no-cache"})


def _tagged(request: Request, body: bytes, media_type: str, status: int = 200,
            headers: dict[str, str] | None = None) -> Response:
    """A generated response with a content ETag (and 304 when the client has it)."""
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {**(headers or {}), "ETag": etag}
    if status == 200 and etag in [t.strip().removeprefix("W/") for t in
                                  request.headers.get("if-none-match", "").split(",")]:
        return Response(status_code=304, headers=headers)
    return Response(body, status_code=status, media_type=media_type, headers=headers)


def _reply(request: Request, make: Callable[[], dts.Reply]) -> Response:
    try:
        reply = make()
    except dts.DtsError as exc:
        reply = dts.Reply(exc.body(), status=exc.status)
    if reply.media_type == dts.JSONLD:
        body = json.dumps(reply.body, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
    else:
        body = reply.body if isinstance(reply.body, bytes) else str(reply.body).encode("utf-8")
    media = reply.media_type + ("; charset=utf-8" if reply.media_type.startswith("text/") else "")
    return _tagged(request, body, media, reply.status, reply.headers)


class Site:
    """The application's state: the output folder, the DTS library (reloaded after builds)."""

    def __init__(self, out_dir: Path, context: BuildContext, base_url: str = "", page_size: int = 100,
                 withheld: Withheld | None = None):
        self.out_dir = Path(out_dir)
        self.withheld = withheld
        self.base_url = base_url.rstrip("/")
        self.page_size = page_size
        self.lock = threading.Lock()
        self.library: dts.Library | None = None
        self.oai: oai_repository.Endpoint | None = None
        self.context = context
        #: the URLs of published documents that are gone (releases/redirects.json: 301 or 410)
        self.redirects: dict[str, Any] = {}
        self.reload()

    def reload(self, context: BuildContext | None = None) -> None:
        """Read the DTS library again (after a build), with the build's context when given; the
        documents withheld for failing validation are left out."""
        folder = self.out_dir / "dts" / "document"
        left_out = self.withheld.stems() if self.withheld is not None else set()
        with self.lock:
            self.context = context or self.context
            self.library = (dts.Library(sorted(p for p in folder.glob("*.xml") if p.stem not in left_out),
                                        self.context, page_size=self.page_size, previous=self.library)
                            if folder.is_dir() else None)
            self.oai = oai_repository.endpoint(self.out_dir)
            self.redirects = _redirects(self.out_dir)

    def site(self, request: Request) -> str:
        return self.base_url or str(request.base_url).rstrip("/")

    def params(self, request: Request) -> dict[str, str]:
        return dict(request.query_params)

    def need_library(self) -> dts.Library:
        if self.library is None:
            raise dts.DtsError(404, f"no DTS data in {self.out_dir}: build it with `tei build --dts`")
        return self.library

    def api(self, request: Request) -> str:
        return self.site(request) + API

    def _locked(self, call: Callable[[], dts.Reply]) -> Callable[[], dts.Reply]:
        def run() -> dts.Reply:
            with self.lock:  # one Saxon processor: a rebuild and a rendered passage never overlap
                return call()
        return run

    # the routes (synchronous ones run in Starlette's thread pool)

    async def entry(self, request: Request) -> Response:
        return _reply(request, lambda: dts.entry(self.api(request)))

    def collection(self, request: Request) -> Response:
        return _reply(request, self._locked(
            lambda: dts.collection(self.need_library(), self.api(request), self.params(request))))

    def _forwarding(self, request: Request, call: Callable[[], dts.Reply]) -> Callable[[], dts.Reply]:
        """A resource or reference a release published that moved since: 301 to where it is
        now; a retired one: 410 (:mod:`toolkit.dts_moved`)."""
        def run() -> dts.Reply:
            try:
                return call()
            except dts.DtsError as exc:
                if exc.status != 404 or self.library is None:
                    raise
                moved = dts_moved.forward(self.library, self.context, self.params(request))
                if moved is None:
                    raise
                location = self.site(request) + request.url.path + "?" + urlencode(moved)
                return dts.Reply({"@id": location}, status=301, headers={"Location": location})
        return run

    def navigation(self, request: Request) -> Response:
        url = self.site(request) + request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return _reply(request, self._locked(self._forwarding(request, lambda: dts.navigation(
            self.need_library(), self.api(request), self.site(request), url, self.params(request)))))

    def document(self, request: Request) -> Response:
        return _reply(request, self._locked(self._forwarding(request, lambda: dts.document(
            self.need_library(), self.api(request), self.params(request)))))

    async def oai_pmh(self, request: Request) -> Response:
        """OAI-PMH 2.0: GET with the arguments in the query, or POST with them form-encoded."""
        params = list(request.query_params.multi_items())
        if request.method == "POST":  # application/x-www-form-urlencoded, as OAI-PMH says
            params = parse_qsl((await request.body()).decode("utf-8", "replace"), keep_blank_values=True)
        with self.lock:
            if self.oai is None:
                return PlainTextResponse(f"no OAI-PMH data in {self.out_dir}: write it with `tei render oai`\n",
                                         status_code=404)
            body = self.oai.answer(params, self.site(request) + OAI)
        return Response(body, media_type="text/xml; charset=utf-8")

    async def home(self, request: Request) -> Response:
        """Without a home page (a build without the site): the citation index, else the first page."""
        if (self.out_dir / "index" / "citation-index.html").is_file():
            return RedirectResponse("/index/citation-index.html", status_code=302)
        first = _first_page(self.out_dir / "html")
        if first:
            return RedirectResponse(f"/{first}", status_code=302)
        return PlainTextResponse("nothing built yet\n", status_code=404)


def create_app(out_dir: Path | str = "output", base_url: str = "", live: LiveState | None = None,
               page_size: int = 100, context: BuildContext | None = None,
               withheld: Withheld | None = None) -> Starlette:
    """The ASGI application serving ``out_dir`` and its DTS API (``live``: the preview's state;
    ``context``: the build context DTS renders passages with, default the default settings;
    ``withheld``: the documents that fail validation, whose pages show their diagnostics)."""
    site = Site(Path(out_dir), context or BuildContext.create(), base_url, page_size, withheld)
    files = EditionFiles(site.out_dir, live, withheld, lambda: site.redirects)

    async def home(request: Request) -> Response:
        """The site's home page (index.html, when the build wrote the site), else a redirect."""
        if (site.out_dir / "index.html").is_file():
            return await files.get_response("index.html", request.scope)
        return await site.home(request)

    routes: list[Any] = [Route("/", home), Route(API, site.entry), Route(API + "/", site.entry),
                         Route(API + "/collection", site.collection), Route(API + "/navigation", site.navigation),
                         Route(API + "/document", site.document), Route(OAI, site.oai_pmh, methods=["GET", "POST"])]
    if live is not None:
        routes.append(Route(LIVE_EVENTS, _events(live)))
    routes.append(Mount("/", files))
    # A public, read-only edition: any web page may read it (DTS clients run in browsers).
    cors = Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "HEAD", "POST"],
                      expose_headers=["Link", "ETag"])
    app = Starlette(routes=routes, middleware=[cors])
    app.state.site = site
    return app


def _redirects(out_dir: Path) -> dict[str, Any]:
    """``releases/redirects.json`` of the output folder (empty when there is none, or it is unreadable)."""
    try:
        data = json.loads((out_dir / "releases" / "redirects.json").read_text(encoding="utf-8"))
        found = data.get("redirects")
        return found if isinstance(found, dict) else {}
    except (OSError, ValueError, AttributeError):
        return {}


def _first_page(folder: Path) -> str:
    pages = sorted(folder.glob("*.html"))
    return f"html/{pages[0].name}" if pages else ""


def _events(live: LiveState):
    async def events(request: Request) -> Response:
        async def stream():
            yield f"data: {live.generation}\n\n"
            seen = live.generation
            while not live.stopping and not await request.is_disconnected():
                if live.changed is not None:
                    with contextlib.suppress(asyncio.TimeoutError):
                        await asyncio.wait_for(live.changed.wait(), timeout=1.0)
                if live.generation != seen:
                    seen = live.generation
                    yield f"data: {seen}\n\n"
        return StreamingResponse(stream(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"})
    return events


def app_from_env() -> Starlette:
    """The application for a production server: ``TEI_OUTPUT`` (default ``output``), built beforehand,
    ``TEI_BASE_URL`` (the public URL, when behind a proxy) and ``TEI_CONFIG`` (the project's
    settings, default ``tei.toml`` in the working directory, if any)."""
    config = os.environ.get("TEI_CONFIG")
    context = BuildContext.load(Path(config) if config else None)
    return create_app(os.environ.get("TEI_OUTPUT", "output"), os.environ.get("TEI_BASE_URL", ""), context=context)


# ---- the preview server ------------------------------------------------------------------------

def bind(host: str, port: int) -> socket.socket:
    """A listening socket, or a one-line error when the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY on accepted connections only for a TCP protocol
    # socket; without it a small response waits 40 ms for a delayed ACK on a kept-alive connection.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise ToolkitError(f"port {port} on {host} is already in use; stop the other server or choose "
                               f"another port with --port") from None
        if exc.errno in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT) or isinstance(exc, socket.gaierror):
            raise UsageError(f"cannot listen on {host}: {exc.strerror or exc}") from None
        raise ToolkitError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


class ServeRefused(ToolkitError):
    """The build failed and nothing is watched: its problems, then the refusal."""

    def __init__(self, message: str, lines: list[str]):
        super().__init__(message)
        self.problem_lines = lines

    def lines(self) -> list[str]:
        return [*self.problem_lines, f"tei: error: {self}"]


@dataclass
class Preview:
    """What :func:`serve` needs: the rebuild to run, the paths to watch, where to report, and the
    build context of the last build (the DTS library renders passages with it)."""

    rebuild: Callable[[], list[str]]
    watch: list[Path]
    report: Callable[[str], None] = print
    context: BuildContext | None = None
    #: the documents the last build left out for failing validation
    withheld: Withheld = field(default_factory=Withheld)


async def _watch(app: Starlette, live: LiveState, preview: Preview, stop: asyncio.Event) -> None:
    from watchfiles import awatch

    site: Site = app.state.site
    out = site.out_dir.resolve()

    def relevant(change: Any, path: str) -> bool:
        return not Path(path).resolve().is_relative_to(out) and not Path(path).name.startswith(".")

    async for _changes in awatch(*preview.watch, stop_event=stop, watch_filter=relevant, debounce=400, step=30,
                                 rust_timeout=500):
        started = time.perf_counter()
        problems = await asyncio.to_thread(preview.rebuild)
        await asyncio.to_thread(site.reload, preview.context)
        live.problems = problems
        live.generation += 1
        if live.changed is not None:
            live.changed.set()
            live.changed = asyncio.Event()
        state = f"{len(problems)} problem(s)" if problems else "ok"
        preview.report(f"rebuilt in {time.perf_counter() - started:.2f} s: {state}")


def serve(out_dir: Path, host: str = "127.0.0.1", port: int = 8000, base_url: str = "",
          preview: Preview | None = None, ready: Callable[[str], None] | None = None, watch: bool = True,
          strict: bool = False) -> None:
    """Serve ``out_dir`` until interrupted (Ctrl-C stops cleanly). With ``preview``, build first;
    with ``watch`` too, rebuild on every change (and serve the problems of a failed build),
    else refuse to serve a build that failed. ``strict`` (a preview built with ``strict``):
    refuse to start when the first build fails, watched or not."""
    import uvicorn

    sock = bind(host, port)
    live = LiveState() if preview is not None and watch else None
    if preview is not None:
        problems = preview.rebuild()
        if live is not None:
            live.problems = problems
        if problems and (live is None or strict):
            sock.close()
            raise ServeRefused("the edition does not build; nothing is served", problems)
    app = create_app(out_dir, base_url, live, context=preview.context if preview is not None else None,
                     withheld=preview.withheld if preview is not None else None)
    stop = asyncio.Event()

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        task = None
        if live is not None and preview is not None:
            live.changed = asyncio.Event()
            task = asyncio.create_task(_watch(app, live, preview, stop))
        shown = f"[{host}]" if ":" in host else host
        if ready:
            ready(f"http://{shown}:{sock.getsockname()[1]}")
        yield
        if live is not None:
            live.stopping = True
        stop.set()
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    app.router.lifespan_context = lifespan
    config = uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=2, lifespan="on")
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn shut down cleanly, then re-raised the Ctrl-C it caught
        pass
    finally:
        sock.close()


STRICT_HINT = "tei serve --strict serves an edition only when every file is valid"


def editor_preview(paths: list[Path], out_dir: Path, make_context: Callable[[], BuildContext],
                   report: Callable[[str], None] = print, strict: bool = False,
                   fetch_schemas: bool = False) -> Preview:
    """The preview of :func:`serve`: build (validate, render, the DTS files) and what to watch —
    the sources, the schemas, the stylesheets (the toolkit's and the project's overrides), the
    project's assets and tei.toml. ``make_context`` reads the settings again for each build (so that a saved tei.toml
    or override stylesheet applies); a problem in them is reported like an invalid source.
    A document that fails validation is left out (its page shows its diagnostics, and the DTS
    API does not list it) and its diagnostics are reported; with ``strict``, it fails the build."""
    first = make_context()
    state: dict = {}

    def rebuild() -> list[str]:
        try:
            context = make_context()
            files = collect_xml(paths, context.project.sources)
            options = ValidationOptions(project=context.project, fetch_schemas=fetch_schemas)
            result = build(files, out_dir, options, context=context, jobs=1, dts=True, state=state,
                           skip_invalid=not strict, refusal_hint=STRICT_HINT)
        except ToolkitError as exc:
            preview.withheld.update(None)
            return exc.lines()
        preview.withheld.update(result.report)
        for source, lines in preview.withheld.pages.values():
            for line in lines:
                preview.report(line)
            preview.report(f"tei: warning: {source} is not valid: its page shows its problems and the DTS API "
                           "leaves it out")
        preview.context = context
        return []

    config = first.config
    watch = {Path(p) for p in (paths or first.project.source_paths())}
    watch.add(Path(first.toolkit_xslt))
    watch.update(Path(o.path).parent for o in first.overrides)
    for key in ("rng", "schematron", "odd", "stylesheets", "assets", "catalog"):
        if config.path_of(key):
            watch.add(Path(config.get(key)) if key in ("stylesheets", "assets") else Path(config.get(key)).parent)
    if Path("schema").is_dir():
        watch.add(Path("schema"))
    watch.add(config.path or Path("tei.toml"))
    preview = Preview(rebuild, sorted(p for p in watch if p.exists()), report, first)
    return preview
