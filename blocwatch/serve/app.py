"""The FastAPI application: the store, the knowledge base, errors as JSON, offline API docs."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from blocwatch import __version__
from blocwatch.errors import BlocwatchError, QueryError
from blocwatch.serve import api, pages
from blocwatch.serve.cache import DEFAULT_ENTRIES, CacheMiddleware, ResponseCache, Totals
from blocwatch.serve.db import Database
from blocwatch.serve.queries import NotFoundError

log = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
DEFAULT_MAX_BODY = 16 * 1024 * 1024
# Everything is served from here: a page that tried to load a CDN script would be blocked.
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
       "script-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'")


class Guard:
    """Refuse declared bodies over the limit before any route runs; add security headers."""

    def __init__(self, app: ASGIApp, *, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length", b"0")
        if not length.isdigit() or int(length) > self.max_body:
            response = JSONResponse(
                {"error": f"the body is larger than {self.max_body:,} bytes"}, status_code=413)
            await response(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"x-content-type-options", b"nosniff"),
                            (b"content-security-policy", CSP.encode()),
                            (b"referrer-policy", b"same-origin")]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(db_path: str | Path, *, kb: Any = None, token: str | None = None,
               coder: Any = None, max_body: int = DEFAULT_MAX_BODY,
               cache_entries: int = DEFAULT_ENTRIES) -> FastAPI:
    """The service over the store at `db_path`.

    The store is opened read-only unless `token` is given, which enables `POST /api/ingest`
    for requests bearing it. `kb` defaults to the shipped knowledge base; `coder` (for
    ingests) is built on first use unless given. Answers to GET requests are cached in
    memory (`cache_entries` of them, 0 for none) until an ingest changes the store.
    """
    if kb is None:
        from blocwatch.kb import default_kb

        kb = default_kb()
    db = Database(db_path, writable=token is not None)
    _preload()
    if coder is not None:
        db.set_coder(coder)

    app = FastAPI(title="blocwatch", version=__version__, docs_url=None, redoc_url=None,
                  description="Political events from news, and the blocs they reveal. "
                              "Read-only unless the server was given a token.")
    app.state.db, app.state.kb, app.state.token, app.state.max_body = db, kb, token, max_body
    app.state.cache = ResponseCache(entries=cache_entries)
    app.state.totals = Totals()
    app.include_router(api.router)
    app.include_router(pages.router)
    _mount_docs(app)  # before /static: its assets live under /static/swagger
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _add_error_handlers(app)
    app.add_middleware(CacheMiddleware, cache=app.state.cache, version=lambda: db.version)
    app.add_middleware(Guard, max_body=max_body)  # outermost: cached answers get its headers
    return app


def _preload() -> None:
    """Pay one-time import costs at start-up rather than on some user's first request: pyarrow
    imports pandas (about a second) the first time it builds a table from Python lists, as the
    analytics do."""
    import pyarrow as pa

    pa.Table.from_pylist([{"members": ["MEX"], "n": 1}])


# Settings of `app_from_env`, which each worker process of `blocwatch serve --workers N` calls.
ENV_DB, ENV_KB, ENV_CACHE = "BLOCWATCH_SERVE_DB", "BLOCWATCH_SERVE_KB", "BLOCWATCH_SERVE_CACHE"


def app_from_env() -> FastAPI:
    """A read-only service configured by the environment (`BLOCWATCH_SERVE_DB`, optional
    `BLOCWATCH_SERVE_KB` and `BLOCWATCH_SERVE_CACHE`): uvicorn's factory for worker processes,
    each with its own read-only connection and cache."""
    from blocwatch.kb import load_kb

    return create_app(os.environ[ENV_DB], kb=load_kb(os.environ.get(ENV_KB) or None),
                      cache_entries=int(os.environ.get(ENV_CACHE) or DEFAULT_ENTRIES))


# -- API docs, offline ---------------------------------------------------------------------------

def _swagger_dir() -> Path | None:
    try:
        from swagger_ui_bundle import swagger_ui_path  # swagger-ui-bundle-v2 on PyPI
    except ImportError:
        return None
    path = Path(str(swagger_ui_path))
    return path if (path / "swagger-ui-bundle.js").is_file() else None


def _mount_docs(app: FastAPI) -> None:
    swagger = _swagger_dir()
    if swagger is not None:
        app.mount("/static/swagger", StaticFiles(directory=swagger), name="swagger")

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> Response:
        if swagger is None:  # a plain page from the OpenAPI document itself
            return pages.TEMPLATES.TemplateResponse(
                request, "docs.html", {"spec": app.openapi(), "url_with": None})
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title="blocwatch API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg")


# -- errors --------------------------------------------------------------------------------------

def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api") or path.endswith(".json") or path == "/openapi.json"


def _error(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": message}, status_code=status)
    return pages.TEMPLATES.TemplateResponse(
        request, "error.html", {"status": status, "message": message, "url_with": None},
        status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "bad parameter " + "; ".join(parts)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return _error(request, 422, _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return _error(request, exc.status_code, message)

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Response:
        return _error(request, 404, str(exc))

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, exc: QueryError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(BlocwatchError)
    async def blocwatch_error(request: Request, exc: BlocwatchError) -> Response:
        log.warning("%s: %s", request.url.path, exc)
        return _error(request, 503, str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return _error(request, 500, "internal error (logged on the server)")
