"""What the store hands back to readers (the API, exports): merged events, their reports, documents."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Literal

import pycountry
from pydantic import BaseModel, ConfigDict, Field, computed_field, field_validator, model_validator

from eventwire.errors import InputError
from eventwire.flat import ACLED_COUNTRY_NAMES, country_name, export_id
from eventwire.model import Event, Evidence, Span

AddStatus = Literal["added", "replaced", "skipped"]
Grouping = Literal[
    "day", "week", "month", "year", "country", "admin1", "event_type", "sub_event_type", "plover"
]


class StoreRecord(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Provenance(StoreRecord):
    """One article's report of a merged event: which article, and the words it was read from (evidence
    and sentence offsets index that article's text, GET /api/documents/{doc_id})."""

    doc_id: str
    url: str | None = None
    title: str | None = None
    source: str | None = Field(default=None, description="the publication, as the input named it")
    published: dt.date | None = None
    sentence: Span | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class MergedEvent(StoreRecord):
    """One event as told by all the articles that reported it.

    `event.fatalities` holds ACLED's conservative figure (the lowest best) and the range across sources;
    `event.sources` every source; `reports` each article's provenance. `id` is the stable id of the
    merged event; `event_id_cnty` the same id as the ACLED CSV writes it, in every export.
    """

    id: int
    num_sources: int
    updated_at: str = Field(description="when the merged event last changed (UTC, ISO 8601)")
    event: Event
    reports: list[Provenance] = Field(default_factory=list)

    @computed_field(description="the id every export writes: ISO3 of the country (EW without) + id")
    @property
    def event_id_cnty(self) -> str:
        return export_id(self.id, self.event.location.country if self.event.location else None)


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
    key2: str | None = Field(default=None, description="the second grouping's value (two-way aggregates)")
    events: int
    fatalities: int


class StoreStats(StoreRecord):
    documents: int
    reports: int
    events: int


def country_code(value: str) -> str:
    """An ISO 3166-1 alpha-2 code from a code or a name: ISO2 ("SY"), ISO3 ("SYR"), the name eventwire
    writes in the ACLED CSV ("Turkey", "Democratic Republic of Congo"), or a name pycountry knows, any case."""
    text = value.strip()
    if len(text) == 2 and text.isalpha():
        return text.upper()
    found = _written_names().get(text.casefold())
    if found:
        return found
    try:
        return pycountry.countries.lookup(text).alpha_2
    except LookupError:
        try:
            return pycountry.countries.search_fuzzy(text)[0].alpha_2
        except LookupError:
            raise InputError(f"unknown country: {value!r}") from None


@cache
def _written_names() -> dict[str, str]:
    """Every name and alpha-3 code eventwire writes for a country, folded, to its alpha-2 code."""
    names = {}
    for country in pycountry.countries:
        for name in (
            country.alpha_3,
            country.name,
            getattr(country, "common_name", None),
            country_name(country.alpha_2),
        ):
            if name:
                names[name.casefold()] = country.alpha_2
    names.update({name.casefold(): code for code, name in ACLED_COUNTRY_NAMES.items()})
    names["xkx"] = "XK"
    return names


class EventFilter(StoreRecord):
    """Filters on merged events; every one is optional and they combine with AND."""

    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = Field(default=None, description="ISO2 code or a country name")
    admin1: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = Field(default=None, description="a canonical actor name, any role")
    actor_contains: str | None = Field(
        default=None, description="words of an actor's name, any role, any case ('tahrir' finds HTS)"
    )
    plover: str | None = None
    claim_status: str | None = None
    doc_id: str | None = Field(default=None, description="an article's doc_id: the events it reported")
    source: str | None = Field(default=None, description="a publication, as the input named it (any case)")
    geo_precisions: tuple[int, ...] | None = Field(
        default=None, description="the geo_precision values kept (1 the town, 2 near it, 3 a region)"
    )
    min_confidence: float | None = Field(default=None, ge=0, le=1)
    typology: Literal["acled", "plover"] | None = Field(
        default=None, description="acled: events with an ACLED type; plover: events typed in PLOVER only"
    )
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
