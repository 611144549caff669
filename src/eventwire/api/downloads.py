"""Downloads of the filtered events as files: every stored format of `eventwire.formats`, at
/api/events.<suffix>, written by the same writer as `eventwire export --format`."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from typing import IO

from fastapi import APIRouter, Depends
from fastapi.responses import StreamingResponse

from eventwire.api.deps import Filters, Pool
from eventwire.api.pool import StorePool
from eventwire.api.queries.params import known_parameters
from eventwire.api.views import ErrorBody
from eventwire.formats import Format, download_formats
from eventwire.store import EventFilter, Store

# Files up to this size stay in memory; larger ones go to a temporary file, so memory stays flat.
SPOOL_BYTES = 8 * 1024 * 1024
CHUNK_BYTES = 64 * 1024
router = APIRouter(prefix="/api", tags=["downloads"], dependencies=[Depends(known_parameters)])


def _endpoint(entry: Format):
    async def download(pool: Pool, filters: Filters) -> StreamingResponse:
        return await _download(pool, filters, entry)

    download.__name__ = f"events_{entry.suffix}"
    download.__doc__ = f"The filtered events as {entry.description}, as `eventwire export --format {entry.name}` writes them."
    return download


def _register(entry: Format) -> None:
    router.add_api_route(
        f"/events.{entry.suffix}",
        _endpoint(entry),
        methods=["GET"],
        response_class=StreamingResponse,
        responses={200: {"content": {entry.media_type.split(";")[0]: {}}}, 422: {"model": ErrorBody}},
    )


for _entry in download_formats().values():
    _register(_entry)


async def _download(pool: StorePool, filters: EventFilter, entry: Format) -> StreamingResponse:
    write = entry.stored_writer()

    def render(store: Store) -> IO[bytes]:
        """The whole file, written before the answer starts so a database error is still a clean 503."""
        with ExitStack() as on_error:
            spool = on_error.enter_context(tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES))
            write(store.iter_events(filters), spool)
            spool.seek(0)
            on_error.pop_all()
        return spool

    spool = await pool.run(render)
    return StreamingResponse(
        _chunks(spool),
        media_type=entry.media_type,
        headers={"Content-Disposition": f'attachment; filename="events.{entry.suffix}"'},
    )


def _chunks(spool: IO[bytes]) -> Iterator[bytes]:
    with spool:
        while chunk := spool.read(CHUNK_BYTES):
            yield chunk
