"""Counts over the filtered events: per period, region or type, per actor, and the database's totals."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from eventwire.api.deps import Filters, Pool
from eventwire.api.queries.params import ParameterError, known_parameters
from eventwire.api.views import ActorCounts, Aggregate, ErrorBody
from eventwire.store import StoreStats
from eventwire.store.records import Grouping

MAX_ACTORS = 1000
# Names a reader may use for a grouping: the dashboard and the README speak of "type", the records of
# `event_type`; the answer always names the grouping as the records do.
GROUPING_ALIASES: dict[str, Grouping] = {"type": "event_type"}
GroupingName = Literal[Grouping, "type"]
router = APIRouter(prefix="/api", tags=["summaries"], dependencies=[Depends(known_parameters)])


@router.get("/aggregates/{by}", response_model=Aggregate, responses={422: {"model": ErrorBody}})
async def aggregate(pool: Pool, by: GroupingName, filters: Filters) -> Aggregate:
    """Event counts and fatalities of the filtered events per day, week (its Monday), month, year,
    country, admin1, event type (`event_type`, or `type`), sub-event type or PLOVER type. Events without
    that value fall in a `null` bucket. Two groupings at once: /api/aggregates/{by}/{then}."""
    by = GROUPING_ALIASES.get(by, by)
    buckets = await pool.run(lambda store: store.aggregate(by, filters))
    return Aggregate(by=by, buckets=buckets)


@router.get("/aggregates/{by}/{then}", response_model=Aggregate, responses={422: {"model": ErrorBody}})
async def aggregate_by_two(pool: Pool, by: GroupingName, then: GroupingName, filters: Filters) -> Aggregate:
    """Event counts and fatalities of the filtered events per pair of groupings, such as
    /api/aggregates/month/event_type or /api/aggregates/admin1/type: each bucket's `key` is the
    first grouping's value and `key2` the second's."""
    by, then = GROUPING_ALIASES.get(by, by), GROUPING_ALIASES.get(then, then)
    if by == then:
        raise ParameterError("then", f"group by two different things, not {by} twice")
    buckets = await pool.run(lambda store: store.aggregate_by_two(by, then, filters))
    return Aggregate(by=by, then=then, buckets=buckets)


@router.get("/actors", response_model=ActorCounts, responses={422: {"model": ErrorBody}})
async def actors(
    pool: Pool,
    filters: Filters,
    limit: Annotated[int, Query(ge=1, le=MAX_ACTORS, description="How many actors.")] = 200,
) -> ActorCounts:
    """Actors of the filtered events (any role), most active first: the names the `actor` filter takes."""
    return ActorCounts(actors=await pool.run(lambda store: store.actor_counts(filters, limit)))


@router.get("/stats", response_model=StoreStats)
async def stats(pool: Pool) -> StoreStats:
    """How many documents, reports and merged events the database holds."""
    return await pool.run(lambda store: store.stats())
