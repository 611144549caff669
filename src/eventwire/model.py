"""The event record and its parts: the one shape every stage reads and writes.

Every field may be null when the text does not say; nothing is invented. Records that leave the
pipeline are frozen pydantic models so they validate, serialise to JSON and publish a JSON Schema.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# The typology lives in typology.py (read from typology.yaml); these names stay importable from here.
from eventwire.typology import ACLED_TYPES, ARMED_KINDS, SUB_EVENT_TYPES  # noqa: F401

ActorKind = Literal[
    "state forces",
    "rebel group",
    "political militia",
    "identity militia",
    "rioters",
    "protesters",
    "civilians",
    "external/other forces",
]
Plover = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
DatePrecision = Literal["day", "week", "month", "year"]
ClaimStatus = Literal["reported", "claimed", "unconfirmed", "denied"]
# What a mention is to the article that tells it: an incident it reports (new), an earlier one recalled
# for context (background), a running or campaign total (cumulative), a habitual or general statement
# (generic), something intended, feared or conditional (hypothetical), something said not to have
# happened (denied), or an accident, disaster or ordinary crime outside ACLED's scope (out_of_scope).
MentionStatus = Literal[
    "new", "background", "cumulative", "generic", "hypothetical", "denied", "out_of_scope"
]

# ACLED's typology (6 event types, 25 sub-event types) and the armed actor kinds, from typology.yaml.


class Record(BaseModel):
    """Base for records that leave the pipeline: frozen, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(Record):
    """Character offsets into the document text, with the words they cover."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Evidence(Span):
    """The words behind one extracted field."""

    field: str


class Actor(Record):
    name: str
    mention: str | None = None
    kind: ActorKind | None = None
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2")


class Location(Record):
    name: str
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2")
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    geonameid: int | None = None
    geo_precision: Literal[1, 2, 3] | None = Field(
        default=None, description="1 the town itself, 2 near a town or part of a district, 3 a region"
    )
    mention: str | None = None


class Toll(Record):
    """A count of people killed (or injured): ACLED's conservative single figure plus the range."""

    best: int | None = Field(default=None, ge=0)
    low: int | None = Field(default=None, ge=0)
    high: int | None = Field(default=None, ge=0)
    civilians: int | None = Field(default=None, ge=0)
    children: int | None = Field(default=None, ge=0)
    mention: str | None = None
    cumulative: bool = Field(default=False, description="a running total over a campaign, not one incident")


class Source(Record):
    publisher: str | None = None
    url: str | None = None
    published: dt.date | None = None


class Event(Record):
    event_id: str
    doc_id: str | None = None
    event_date: dt.date | None = None
    date_precision: DatePrecision | None = None
    plover: Plover | None = None
    plover_mode: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: Actor | None = None
    assoc_actor_1: list[Actor] = Field(default_factory=list)
    actor2: Actor | None = None
    assoc_actor_2: list[Actor] = Field(default_factory=list)
    location: Location | None = None
    fatalities: Toll | None = None
    injured: Toll | None = None
    reported_by: str | None = None
    claim_status: ClaimStatus | None = None
    sources: list[Source] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    confidence: float = Field(default=0.5, ge=0, le=1)
    notes: str | None = None
    sentence: Span | None = Field(default=None, description="the sentence the event was read from")
    main: bool = Field(default=False, description="the article's principal incident (or one of them)")
    status: MentionStatus = Field(
        default="new", description="new: the article reports it; the others are only emitted with --all"
    )
    status_reason: str | None = Field(default=None, description="the words that gave a status other than new")


class Document(Record):
    """One news article as the pipeline receives it."""

    id: str
    text: str
    published: dt.date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = Field(default=None, description="publisher")
