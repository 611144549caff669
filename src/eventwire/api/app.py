"""The FastAPI application: the JSON API under /api, the dashboard at /, the API reference at /docs.

The database is opened read-only: serving never changes what `eventwire ingest` wrote.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from importlib import metadata, resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from eventwire.api import documents, downloads, events, summaries
from eventwire.api.connections import busy_response
from eventwire.api.guard import RequestGuard
from eventwire.api.pool import DEFAULT_WORKERS, Overloaded, StorePool
from eventwire.api.queries.params import ParameterError
from eventwire.errors import InputError, StoreError
from eventwire.store import open_store

WEB = Path(str(resources.files("eventwire"))) / "web"
DESCRIPTION = """Read-only access to an eventwire database: merged events and their filters, each article's
reports with the evidence behind every field, counts over time, places and types, and CSV or GeoJSON
downloads. Every error is JSON with a one-line "detail" and, for bad parameters, an "errors" list naming
each parameter."""


def create_app(
    store_target: str, workers: int = DEFAULT_WORKERS, allowed_hosts: Iterable[str] = ()
) -> FastAPI:
    """The API and dashboard over the database at `store_target` (a SQLite path or postgresql:// URL).

    Requests must name the server in their Host header: its address, `localhost` on loopback, or one of
    `allowed_hosts` ("*" for any). Raises StoreError now, rather than on the first request, when the
    database cannot be read.
    """
    with open_store(store_target, readonly=True) as store:
        store.stats()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.pool = StorePool(store_target, workers)
        try:
            yield
        finally:
            app.state.pool.close()

    app = FastAPI(
        title="eventwire",
        version=metadata.version("eventwire"),
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.add_middleware(RequestGuard, allowed_hosts=allowed_hosts)
    for module in (events, downloads, summaries, documents):
        app.include_router(module.router)
    _add_error_handlers(app)
    _add_pages(app)
    return app


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ParameterError)
    async def bad_parameter(_request: Request, err: ParameterError) -> JSONResponse:
        return _error(422, str(err), [{"parameter": err.parameter, "message": err.message}])

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, err: RequestValidationError) -> JSONResponse:
        problems = [{"parameter": str(error["loc"][-1]), "message": error["msg"]} for error in err.errors()]
        return _error(422, "; ".join(f"{p['parameter']}: {p['message']}" for p in problems), problems)

    @app.exception_handler(InputError)
    async def bad_input(_request: Request, err: InputError) -> JSONResponse:
        return _error(422, str(err))

    @app.exception_handler(Overloaded)
    async def overloaded(_request: Request, err: Overloaded) -> Response:
        body, headers = busy_response(f"the server is busy ({err}); try again shortly")
        return Response(body, status_code=503, headers=headers)

    @app.exception_handler(StoreError)
    async def store_unavailable(_request: Request, err: StoreError) -> JSONResponse:
        # The whole message, with the database's path or URL, goes to the server's log only.
        logging.getLogger("uvicorn.error").warning("eventwire: %s", err)
        return _error(503, err.public)


def _error(status: int, detail: str, problems: list[dict[str, str]] | None = None) -> JSONResponse:
    return JSONResponse({"detail": detail, "errors": problems or []}, status_code=status)


def _add_pages(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=WEB), name="static")

    @app.get("/", include_in_schema=False)
    async def dashboard() -> FileResponse:
        return FileResponse(WEB / "index.html")

    @app.get("/docs", include_in_schema=False)
    async def reference() -> FileResponse:
        return FileResponse(WEB / "docs.html")
