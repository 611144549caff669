"""What the store hands back to readers (the API, exports): merged events, their reports, documents."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import pycountry
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from eventwire.errors import InputError
from eventwire.model import Event

AddStatus = Literal["added", "replaced", "skipped"]
Grouping = Literal["day", "week", "month", "year", "country", "admin1", "event_type", "sub_event_type"]


class StoreRecord(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class MergedEvent(StoreRecord):
    """One event as told by all the articles that reported it.

    `event.fatalities` holds ACLED's conservative figure (the lowest best) and the range across sources;
    `event.sources` every source. `id` is the stable id of the merged event.
    """

    id: int
    num_sources: int
    updated_at: str = Field(description="when the merged event last changed (UTC, ISO 8601)")
    event: Event


class DocumentInfo(StoreRecord):
    id: int
    doc_id: str
    url: str | None = None
    title: str | None = None
    source: str | None = None
    published: dt.date | None = None
    ingested_at: str
    num_reports: int


class Report(StoreRecord):
    """One article's account of an event, with the evidence offsets into that article's text."""

    id: int
    document_id: int
    merged_id: int
    event: Event


class EventDetail(StoreRecord):
    merged: MergedEvent
    reports: list[Report]
    documents: list[DocumentInfo]


class DocumentDetail(StoreRecord):
    info: DocumentInfo
    text: str
    reports: list[Report]


class Bucket(StoreRecord):
    key: str | None
    events: int
    fatalities: int


class StoreStats(StoreRecord):
    documents: int
    reports: int
    events: int


def country_code(value: str) -> str:
    """An ISO 3166-1 alpha-2 code from a code or a country name ("SY", "Syria", "SYR")."""
    text = value.strip()
    if len(text) == 2 and text.isalpha():
        return text.upper()
    try:
        return pycountry.countries.lookup(text).alpha_2
    except LookupError:
        try:
            return pycountry.countries.search_fuzzy(text)[0].alpha_2
        except LookupError:
            raise InputError(f"unknown country: {value!r}") from None


class EventFilter(StoreRecord):
    """Filters on merged events; every one is optional and they combine with AND."""

    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = Field(default=None, description="ISO2 code or a country name")
    admin1: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = Field(default=None, description="a canonical actor name, any role")
    bbox: tuple[float, float, float, float] | None = Field(
        default=None, description="minlon,minlat,maxlon,maxlat"
    )
    text: str | None = Field(default=None, description="words that must all occur (full-text search)")
    min_fatalities: int | None = Field(default=None, ge=0)

    @field_validator("country")
    @classmethod
    def _iso2(cls, value: str | None) -> str | None:
        return country_code(value) if value else None

    @model_validator(mode="after")
    def _sane(self) -> EventFilter:
        if self.since and self.until and self.since > self.until:
            raise InputError(f"--since {self.since} is after --until {self.until}")
        if self.bbox:
            minlon, minlat, maxlon, maxlat = self.bbox
            if minlon > maxlon or minlat > maxlat:
                raise InputError("bbox must be minlon,minlat,maxlon,maxlat with min <= max")
        return self
