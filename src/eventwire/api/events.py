"""Events: filtered pages, one event with its reports and evidence, and compact points for a map."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query

from eventwire.api.deps import Filters, Paging, Pool
from eventwire.api.queries.params import MAX_ID, ParameterError, known_parameters
from eventwire.api.views import ErrorBody, EventPage, FlatEventPage, Point, PointSet
from eventwire.store import EventDetail, MergedEvent, Store
from eventwire.store.store import SORTS

SORT_KEYS = [key for column in SORTS for key in (column, f"-{column}")]

MAX_POINTS = 5000
WORLD = (-180.0, -90.0, 180.0, 90.0)
router = APIRouter(prefix="/api", tags=["events"], dependencies=[Depends(known_parameters)])


@router.get("/events", response_model=EventPage | FlatEventPage, responses={422: {"model": ErrorBody}})
async def list_events(
    pool: Pool,
    filters: Filters,
    page: Paging,
    sort: Annotated[
        str | None,
        Query(
            description="Order of the events: a column, descending with a leading '-' (default: newest"
            " first, i.e. -event_date).",
            json_schema_extra={"enum": SORT_KEYS},
        ),
    ] = None,
    flat: Annotated[
        bool,
        Query(
            description="Items as flat rows, one value a column (the columns of the Parquet export and"
            " of GeoJSON properties), instead of nested records."
        ),
    ] = False,
) -> EventPage | FlatEventPage:
    """Merged events matching every filter given, newest first unless sorted, one page at a time; each
    with `event_id_cnty` (the id of every export) and `reports`, every article's provenance."""
    if sort and sort not in SORT_KEYS:
        raise ParameterError("sort", f"cannot sort by {sort!r}; one of: {', '.join(SORT_KEYS)}")

    def read(store: Store) -> EventPage | FlatEventPage:
        from eventwire.export import flat_record

        total = store.count_events(filters)
        items = store.list_events(filters, page.limit, page.offset, sort=sort)
        shape = FlatEventPage if flat else EventPage
        return shape(
            total=total,
            limit=page.limit,
            offset=page.offset,
            next_offset=page.next_offset(total),
            items=[flat_record(item) for item in items] if flat else items,
        )

    return await pool.run(read)


@router.get(
    "/events/{event_id}",
    response_model=EventDetail,
    responses={404: {"model": ErrorBody}, 422: {"model": ErrorBody}},
)
async def get_event(pool: Pool, event_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> EventDetail:
    """One merged event with every article's report of it; each report's evidence holds character
    offsets into that article's text (GET /api/documents/{id})."""
    detail = await pool.run(lambda store: store.get_event(event_id))
    if detail is None:
        raise HTTPException(404, f"no event {event_id}")
    return detail


@router.get("/points", response_model=PointSet, responses={422: {"model": ErrorBody}})
async def list_points(pool: Pool, filters: Filters) -> PointSet:
    """Located events matching the filters (the newest 5000), small enough to draw on a map."""
    located = filters.model_copy(update={"bbox": filters.bbox or WORLD})

    def read(store: Store) -> PointSet:
        total = store.count_events(located)
        events = store.list_events(located, MAX_POINTS, 0, provenance=False)
        return PointSet(total=total, truncated=total > len(events), points=[_point(e) for e in events])

    return await pool.run(read)


def _point(merged: MergedEvent) -> Point:
    event = merged.event
    place = event.location
    return Point(
        id=merged.id,
        lon=place.lon,
        lat=place.lat,
        event_date=event.event_date,
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        plover=event.plover,
        fatalities=event.fatalities.best if event.fatalities else None,
        location=place.name,
        country=place.country,
        actor1=event.actor1.name if event.actor1 else None,
        actor2=event.actor2.name if event.actor2 else None,
    )
