"""The web application: the versioned REST API (``/v1``) and the web interface.

``create_app(db)`` opens the store read-only, builds the search index over
its documents, and returns a FastAPI app. Every error comes out in the one
JSON shape of :mod:`hadath.api.errors` (or, for a web page, as an HTML page
with the same code and message). Request bodies over ``max_body`` bytes and
query strings over ``MAX_QUERY`` bytes are refused with 413 before any
route sees them. Every response carries a Content-Security-Policy that lets
the pages run only the package's own script, so nothing in an article's
text can run in the browser.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import HadathError
from ..pipeline import DEFAULT_COMPONENTS, Pipeline, load
from ..settings import Settings
from .errors import BadRequest, InternalError, NoDatabase, RequestTooLarge, from_status, status_of
from .search import SearchIndex

log = logging.getLogger(__name__)

MAX_BODY = 2 * 1024 * 1024
MAX_QUERY = 8 * 1024

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")


def pipeline_names() -> list[str]:
    """The default pipeline, with the event coder when it is not yet in the default."""
    names = list(DEFAULT_COMPONENTS)
    if "events" not in names:
        from ..events import coder  # noqa: F401  (registers the "events" component)

        names.append("events")
    return names


@dataclass
class AppState:
    """What the routes share: the open store, its search index, the pipeline."""

    db: str | None
    store: Any = None  # hadath.store.Store, imported lazily
    index: SearchIndex = field(default_factory=SearchIndex)
    max_body: int = MAX_BODY
    settings: Settings = field(default_factory=Settings)
    counts: dict[str, tuple[int, int, int]] | None = None
    meta: dict[str, dict[str, Any]] = field(default_factory=dict)
    _facets: dict[str, Any] | None = None
    _nlp: Pipeline | None = None
    _nlp_lock: threading.Lock = field(default_factory=threading.Lock)

    def cursor(self) -> Any:
        """A DuckDB cursor of its own for one request (cursors may run in parallel)."""
        if self.store is None:
            raise NoDatabase("this server has no database; start it with --db PATH "
                             "(built by `hadath ingest`)", input="db")
        return self.store.con.cursor()

    def extract(self, record: Any) -> Any:
        """Run the pipeline on one record (one at a time: components share caches)."""
        with self._nlp_lock:
            if self._nlp is None:
                self._nlp = load(pipeline_names(), self.settings)
            return self._nlp.process(record)

    def facets(self) -> dict[str, Any]:
        """The filters' values (computed once: the database is read-only)."""
        if self._facets is None:
            from .queries import facets

            cur = self.cursor()
            try:
                self._facets = facets(cur)
            finally:
                cur.close()
        return self._facets

    def build_index(self) -> int:
        if self.store is None:
            return 0
        cur = self.store.con.cursor()
        try:
            cur.execute("SELECT doc_key, text FROM documents ORDER BY published, doc_key")
            n = 0
            while batch := cur.fetchmany(500):
                n += self.index.add_many((str(k), str(t)) for k, t in batch)
        finally:
            cur.close()
        return n


def state_of(request: Request) -> AppState:
    st: AppState = request.app.state.hadath
    return st


def create_app(db: str | Path | None = None, *, max_body: int = MAX_BODY,
               settings: Settings | None = None) -> FastAPI:
    """The hadath web app over the database at ``db`` (None: extraction only)."""
    state = AppState(db=str(db) if db is not None else None, max_body=max_body,
                     settings=settings or Settings())
    if db is not None:
        from ..store import Store

        state.store = Store.open(db, read_only=True)
        n = state.build_index()
        from .queries import document_meta_all, layer_counts

        state.counts = layer_counts(state.store.con)
        state.meta = document_meta_all(state.store.con)
        log.info("indexed %d documents for search", n)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if state.store is not None:
            state.store.close()

    app = FastAPI(
        title="hadath", version=__version__, lifespan=lifespan,
        summary="Arabic news to event data: documents, events, actors and search.",
        description=("The REST API of hadath. Every error has one shape: "
                     '`{"error": {"code", "type", "message", "input", "line", "id"}}`. '
                     "Lists are paginated with `limit` and `offset` and come as JSON or, "
                     "with `format=csv`, as CSV."),
        docs_url=None, redoc_url=None, openapi_url="/v1/openapi.json")
    app.state.hadath = state
    _install_errors(app)

    from ..web.views import router as web_router
    from ..web.views import static_app
    from .routes import router as api_router

    app.include_router(api_router)
    app.include_router(web_router)
    app.mount("/static", static_app(), name="static")
    app.add_middleware(_Limits, max_body=max_body)
    return app


# -- errors ------------------------------------------------------------------------

def _wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith(("/v1", "/static")):
        return False
    return "text/html" in request.headers.get("accept", "")


def error_response(request: Request, err: HadathError) -> Response:
    status = status_of(err)
    if _wants_html(request):
        from ..web.views import error_page

        return error_page(request, err, status)
    return JSONResponse(err.to_dict(), status_code=status)


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(HadathError)
    async def hadath_error(request: Request, exc: HadathError) -> Response:
        return error_response(request, exc)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        loc = [str(p) for p in first.get("loc", ())]
        where = ".".join(loc) or "request"
        msg = str(first.get("msg", "invalid request"))
        return error_response(request, BadRequest(f"{where}: {msg}", input=where))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"no such route: {request.method} {request.url.path}"
        return error_response(request, from_status(exc.status_code, detail, input="path"))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return error_response(request, InternalError(
            f"internal error ({type(exc).__name__}); the server log has the details"))


# -- request limits ----------------------------------------------------------------

class _Limits:
    """Refuse oversized bodies and query strings (413), and set the security headers."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"content-security-policy", CSP.encode()),
                            (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer"),
                            (b"x-frame-options", b"DENY")]
                message["headers"] = headers
            await send(message)

        if len(scope.get("query_string", b"")) > MAX_QUERY:
            await self._refuse(scope, send_with_headers,
                               f"query string over {MAX_QUERY:,} bytes", "query")
            return
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None:
            try:
                too_big = int(length) > self.max_body
            except ValueError:
                await self._refuse(scope, send_with_headers, "bad Content-Length", "headers",
                                   cls=BadRequest)
                return
            if too_big:
                await self._refuse(scope, send_with_headers,
                                   f"request body of {int(length):,} bytes is over the limit "
                                   f"of {self.max_body:,}", "body")
                return
            await self.app(scope, receive, send_with_headers)
            return
        if scope.get("method") in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send_with_headers)
            return
        # No length given (chunked): read the body here, up to the limit.
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > self.max_body:
                await self._refuse(scope, send_with_headers,
                                   f"request body is over the limit of {self.max_body:,} bytes",
                                   "body")
                return
            chunks.append(body)
            more = bool(message.get("more_body", False))
        whole = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": whole, "more_body": False}

        await self.app(scope, replay, send_with_headers)

    @staticmethod
    async def _refuse(scope: Scope, send: Send, message: str, where: str,
                      cls: type[HadathError] = RequestTooLarge) -> None:
        err = cls(message, input=where)
        response = JSONResponse(err.to_dict(), status_code=status_of(err))
        await response({**scope}, _no_body, send)


async def _no_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}
