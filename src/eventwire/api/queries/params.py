"""Query parameters shared by the endpoints, checked here so a bad value gets a 422 naming the parameter.

Every value reaches the database only as a bound parameter of the store's SQL; these checks exist so a
user learns what is wrong (a misspelt type, a reversed date range) instead of getting an empty answer.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Annotated, get_args

import pycountry
from fastapi import Query, Request
from fastapi.dependencies.models import Dependant
from pydantic import BeforeValidator, Field

from eventwire.errors import InputError
from eventwire.model import ACLED_TYPES, SUB_EVENT_TYPES, ClaimStatus, Plover
from eventwire.store import EventFilter, country_code

MAX_LIMIT = 1000
MAX_OFFSET = 10_000_000
MAX_TEXT = 200
MAX_FATALITIES = 1_000_000
# Ids are 64-bit integers in both databases.
MAX_ID = 2**63 - 1
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
PLOVER_TYPES = get_args(Plover)
CLAIMS = get_args(ClaimStatus)
# Kosovo has a user-assigned code that pycountry does not list.
_EXTRA_COUNTRIES = {"XK"}


class ParameterError(ValueError):
    """A query parameter the API cannot use."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message


def given(value: str | None) -> str | None:
    """The value without surrounding spaces; None when blank, as HTML forms send unset fields."""
    return value.strip() if value and value.strip() else None


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int

    def next_offset(self, total: int) -> int | None:
        return self.offset + self.limit if self.offset + self.limit < total else None


def paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")] = 0,
) -> Page:
    return Page(limit=limit, offset=offset)


def event_filter(
    since: Annotated[
        str | None, Query(description="First event date, YYYY-MM-DD.", examples=["2024-11-01"])
    ] = None,
    until: Annotated[
        str | None, Query(description="Last event date (inclusive), YYYY-MM-DD.", examples=["2024-12-31"])
    ] = None,
    country: Annotated[
        str | None,
        Query(
            max_length=60,
            description="ISO 3166-1 alpha-2 (SY) or alpha-3 (SYR) code, or a name: the one the ACLED CSV"
            " writes (Turkey) or the English one (Syria), any case.",
        ),
    ] = None,
    admin1: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="First-level region as stored, e.g. Idlib.")
    ] = None,
    event_type: Annotated[
        str | None, Query(description="ACLED event type.", json_schema_extra={"enum": list(ACLED_TYPES)})
    ] = None,
    sub_event_type: Annotated[
        str | None,
        Query(description="ACLED sub-event type.", json_schema_extra={"enum": list(SUB_EVENT_TYPES)}),
    ] = None,
    actor: Annotated[
        str | None,
        Query(max_length=MAX_TEXT, description="Canonical actor name, in any role (see /api/actors)."),
    ] = None,
    actor_contains: Annotated[
        str | None,
        Query(
            max_length=MAX_TEXT,
            description="Words in an actor's name, in this order, any case, any role ('tahrir' finds"
            " Hayat Tahrir al-Sham).",
        ),
    ] = None,
    plover: Annotated[
        str | None, Query(description="PLOVER event type.", json_schema_extra={"enum": list(PLOVER_TYPES)})
    ] = None,
    claim_status: Annotated[
        str | None,
        Query(description="What the source says of the claim.", json_schema_extra={"enum": list(CLAIMS)}),
    ] = None,
    typology: Annotated[
        str | None,
        Query(
            description="acled: events with an ACLED type; plover: events typed in PLOVER only (talks,"
            " statements, threats: outside ACLED's scope); all (the default).",
            json_schema_extra={"enum": ["all", "acled", "plover"]},
        ),
    ] = None,
    doc_id: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="An article's doc_id: the events it reported.")
    ] = None,
    source: Annotated[
        str | None,
        Query(
            max_length=MAX_TEXT, description="A publication as the input named it (any case), e.g. Reuters."
        ),
    ] = None,
    geo_precision: Annotated[
        str | None,
        Query(
            description="geo_precision values to keep, comma-separated: 1 the town itself, 2 near a town or"
            " part of a district, 3 a region or the country (its centroid).",
            examples=["1,2"],
        ),
    ] = None,
    min_confidence: Annotated[
        Annotated[float, Field(ge=0, le=1)] | None,
        BeforeValidator(given),
        Query(description="Only events at least this likely to be right (their confidence, 0-1)."),
    ] = None,
    bbox: Annotated[
        str | None,
        Query(description="minlon,minlat,maxlon,maxlat in decimal degrees.", examples=["35.5,32,42.5,37.5"]),
    ] = None,
    q: Annotated[
        str | None,
        Query(
            max_length=MAX_TEXT, description="Words that must all occur (notes, actors, place, type, source)."
        ),
    ] = None,
    min_fatalities: Annotated[
        Annotated[int, Field(ge=0, le=MAX_FATALITIES)] | None,
        BeforeValidator(given),
        Query(description="Only events with at least this many killed."),
    ] = None,
) -> EventFilter:
    """The events a query string asks for."""
    start, end = parse_date("since", since), parse_date("until", until)
    if start and end and start > end:
        raise ParameterError("until", f"{end} is before since={start}")
    return EventFilter(
        since=start,
        until=end,
        country=parse_country(country),
        admin1=given(admin1),
        event_type=one_of("event_type", event_type, ACLED_TYPES),
        sub_event_type=one_of("sub_event_type", sub_event_type, SUB_EVENT_TYPES),
        actor=given(actor),
        actor_contains=given(actor_contains),
        plover=one_of("plover", plover, PLOVER_TYPES),
        claim_status=one_of("claim_status", claim_status, CLAIMS),
        typology=_typology(typology),
        doc_id=given(doc_id),
        source=given(source),
        geo_precisions=parse_precisions(geo_precision),
        min_confidence=min_confidence,
        bbox=parse_bbox(bbox),
        text=given(q),
        min_fatalities=min_fatalities,
    )


def shown(value: str) -> str:
    """A user's value quoted for an error message, cut short."""
    return repr(value if len(value) <= 40 else value[:40] + "...")


def parse_date(name: str, value: str | None) -> dt.date | None:
    text = given(value)
    if text is None:
        return None
    try:
        if _DATE.fullmatch(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise ParameterError(name, f"{shown(text)} is not a date in YYYY-MM-DD form")


def parse_country(value: str | None) -> str | None:
    text = given(value)
    if text is None:
        return None
    code = text.upper()
    if len(code) == 2 and (code in _EXTRA_COUNTRIES or pycountry.countries.get(alpha_2=code)):
        return code
    if len(code) == 2:
        raise ParameterError("country", f"unknown country {shown(text)}; give an ISO code such as SY")
    try:
        return country_code(text)
    except InputError:
        raise ParameterError(
            "country", f"unknown country {shown(text)}; give an ISO code such as SY or SYR, or a name"
        ) from None


def _typology(value: str | None) -> str | None:
    chosen = one_of("typology", value, ("all", "acled", "plover"))
    return None if chosen in (None, "all") else chosen


def parse_precisions(value: str | None) -> tuple[int, ...] | None:
    text = given(value)
    if text is None:
        return None
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if not parts or any(part not in ("1", "2", "3") for part in parts):
        raise ParameterError("geo_precision", f"{shown(text)} is not a list of 1, 2 and 3 (e.g. 1,2)")
    return tuple(sorted({int(part) for part in parts}))


def one_of(name: str, value: str | None, allowed: Collection[str]) -> str | None:
    """The allowed value the user meant, whatever its case ("battles" is "Battles")."""
    text = given(value)
    if text is None:
        return None
    for choice in allowed:
        if choice.casefold() == text.casefold():
            return choice
    raise ParameterError(name, f"unknown {name} {shown(text)}; one of: {', '.join(allowed)}")


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    text = given(value)
    if text is None:
        return None
    try:
        numbers = tuple(float(part) for part in text.split(","))
    except ValueError:
        numbers = ()
    if len(numbers) != 4 or not all(math.isfinite(number) for number in numbers):
        raise ParameterError("bbox", f"{shown(text)} is not four numbers minlon,minlat,maxlon,maxlat")
    minlon, minlat, maxlon, maxlat = numbers
    if not -180 <= minlon <= maxlon <= 180:
        raise ParameterError("bbox", "longitudes must lie in -180..180 with minlon <= maxlon")
    if not -90 <= minlat <= maxlat <= 90:
        raise ParameterError("bbox", "latitudes must lie in -90..90 with minlat <= maxlat")
    return minlon, minlat, maxlon, maxlat


def known_parameters(request: Request) -> None:
    """Refuse parameters the endpoint does not read (a misspelt filter would otherwise match everything)
    and values holding control characters: no filter needs one, and a NUL is refused by PostgreSQL and
    by SQLite's text search, which would turn a bad request into a database error."""
    allowed = _query_names(request.scope["route"].dependant)
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        takes = ", ".join(sorted(allowed)) or "no parameters"
        raise ParameterError(unknown[0], f"unknown parameter; this endpoint takes {takes}")
    for name, value in request.query_params.multi_items():
        if _CONTROL.search(value):
            raise ParameterError(name, f"{shown(value)} holds a control character")


def _query_names(dependant: Dependant) -> set[str]:
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names
