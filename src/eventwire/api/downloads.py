"""Downloads of the filtered events as files, written by eventwire.export like `eventwire export` does."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from typing import IO, BinaryIO

from fastapi import APIRouter, Depends
from fastapi.responses import StreamingResponse

from eventwire.api.deps import Filters, Pool
from eventwire.api.pool import StorePool
from eventwire.api.queries.params import known_parameters
from eventwire.api.views import ErrorBody
from eventwire.export import write_acled_csv, write_geojson
from eventwire.store import EventFilter, MergedEvent, Store

# Files up to this size stay in memory; larger ones go to a temporary file, so memory stays flat.
SPOOL_BYTES = 8 * 1024 * 1024
CHUNK_BYTES = 64 * 1024
Writer = Callable[[Iterable[MergedEvent], BinaryIO], int]
router = APIRouter(prefix="/api", tags=["downloads"], dependencies=[Depends(known_parameters)])


@router.get(
    "/events.csv",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}}, 422: {"model": ErrorBody}},
)
async def events_csv(pool: Pool, filters: Filters) -> StreamingResponse:
    """The filtered events as ACLED-style CSV (ACLED's columns and codes); only events with an ACLED
    event type, as in `eventwire export --format acled-csv`."""
    return await _download(pool, filters, write_acled_csv, "text/csv; charset=utf-8", "events.csv")


@router.get(
    "/events.geojson",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/geo+json": {}}}, 422: {"model": ErrorBody}},
)
async def events_geojson(pool: Pool, filters: Filters) -> StreamingResponse:
    """The filtered events as a GeoJSON FeatureCollection of points (null geometry when not located)."""
    return await _download(pool, filters, write_geojson, "application/geo+json", "events.geojson")


async def _download(
    pool: StorePool, filters: EventFilter, write: Writer, media_type: str, filename: str
) -> StreamingResponse:
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
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _chunks(spool: IO[bytes]) -> Iterator[bytes]:
    with spool:
        while chunk := spool.read(CHUNK_BYTES):
            yield chunk
