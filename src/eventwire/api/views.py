"""The JSON shapes the API answers with, beyond the store's own records; they document /openapi.json."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field

from eventwire.store import Bucket, DocumentInfo, MergedEvent
from eventwire.store.records import Grouping


class Paged(BaseModel):
    total: int = Field(description="how many items match, on all pages")
    limit: int
    offset: int
    next_offset: int | None = Field(description="offset of the next page; null on the last page")


class EventPage(Paged):
    items: list[MergedEvent]


class FlatEventPage(Paged):
    items: list[dict[str, Any]] = Field(description="flat rows: the Parquet export's columns")


class DocumentPage(Paged):
    items: list[DocumentInfo]


class Point(BaseModel):
    """One located event, with just what a map needs to draw and label it."""

    id: int
    lon: float
    lat: float
    event_date: dt.date | None
    event_type: str | None
    sub_event_type: str | None
    plover: str | None
    fatalities: int | None
    location: str
    country: str | None
    actor1: str | None
    actor2: str | None


class PointSet(BaseModel):
    total: int = Field(description="located events matching the filters")
    truncated: bool = Field(description="true when only the newest of them are in `points`")
    points: list[Point]


class Aggregate(BaseModel):
    by: Grouping
    then: Grouping | None = Field(default=None, description="the second grouping; each bucket's key2")
    buckets: list[Bucket]


class ActorCounts(BaseModel):
    actors: list[Bucket]


class Problem(BaseModel):
    parameter: str
    message: str


class ErrorBody(BaseModel):
    detail: str
    errors: list[Problem] = Field(default_factory=list)
