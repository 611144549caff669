"""An event as one flat row: the columns `extract --format csv`, GeoJSON properties and Parquet share, so
a column means the same thing, under the same name, in every file eventwire writes."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from typing import Any

from eventwire.model import Event, Location
from eventwire.typology import ACLED_COUNTRY_NAMES

# A spreadsheet opening a CSV runs a cell that starts with one of these as a formula ("CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")

# Kosovo has no ISO 3166 alpha-3 code; ACLED writes XKX.
_ISO3_EXTRA = {"XK": "XKX"}


def country_name(code: str | None) -> str:
    """The country name eventwire writes (ACLED's: "Turkey", "Russia"); empty when the code is unknown.
    The ACLED CSV's `country` is this name; every other format and the API write the ISO2 code."""
    if not code:
        return ""
    if code in ACLED_COUNTRY_NAMES:
        return ACLED_COUNTRY_NAMES[code]
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    return (getattr(country, "common_name", None) or country.name) if country else ""


def iso3(code: str | None) -> str | None:
    """The ISO 3166-1 alpha-3 code of an alpha-2 one ("SY" -> "SYR"); None when unknown."""
    if not code:
        return None
    if code in _ISO3_EXTRA:
        return _ISO3_EXTRA[code]
    import pycountry  # loaded on use: `extract` to a table never needs it

    country = pycountry.countries.get(alpha_2=code)
    return country.alpha_3 if country else None


def is_country_centroid(place: Location) -> bool:
    """Whether an event is placed at its country's centroid: located no closer than the country (no
    province), so its point says nothing of where in the country it happened."""
    return place.geo_precision == 3 and not place.admin1


def export_id(merged_id: int, country: str | None) -> str:
    """A merged event's id in every file and answer eventwire writes, as ACLED writes `event_id_cnty`:
    the country's alpha-3 code and the number ("SYR12"), "EW12" without a country. The number alone is
    the database id, so the two can always be joined."""
    return f"{iso3(country) or 'EW'}{merged_id}"


EVENT_COLUMNS = (
    "event_date",
    "date_precision",
    "plover",
    "plover_mode",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor1_kind",
    "assoc_actor_1",
    "actor2",
    "actor2_kind",
    "assoc_actor_2",
    "location",
    "admin1",
    "admin2",
    "country",
    "iso3",
    "latitude",
    "longitude",
    "geo_precision",
    "country_centroid",
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "civilians_killed",
    "children_killed",
    "cumulative",
    "injured",
    "reported_by",
    "claim_status",
    "confidence",
    "main",
    "status",
    "notes",
)


def event_fields(event: Event) -> dict[str, Any]:
    """`EVENT_COLUMNS` of one event; associated actors are lists (a writer of text joins them)."""
    place, toll, injured = event.location, event.fatalities, event.injured
    return {
        "event_date": event.event_date,
        "date_precision": event.date_precision if event.event_date else None,
        "plover": event.plover,
        "plover_mode": event.plover_mode,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1.name if event.actor1 else None,
        "actor1_kind": event.actor1.kind if event.actor1 else None,
        "assoc_actor_1": [actor.name for actor in event.assoc_actor_1],
        "actor2": event.actor2.name if event.actor2 else None,
        "actor2_kind": event.actor2.kind if event.actor2 else None,
        "assoc_actor_2": [actor.name for actor in event.assoc_actor_2],
        "location": place.name if place else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "country": place.country if place else None,
        "iso3": iso3(place.country) if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": place.geo_precision if place else None,
        "country_centroid": is_country_centroid(place) if place else None,
        "fatalities": toll.best if toll else None,
        "fatalities_low": toll.low if toll else None,
        "fatalities_high": toll.high if toll else None,
        "civilians_killed": toll.civilians if toll else None,
        "children_killed": toll.children if toll else None,
        "cumulative": toll.cumulative if toll else None,
        "injured": injured.best if injured else None,
        "reported_by": event.reported_by,
        "claim_status": event.claim_status,
        "confidence": event.confidence,
        "main": event.main,
        "status": event.status,
        "notes": event.notes,
    }


def spreadsheet_safe(value: Any) -> Any:
    """A CSV cell no spreadsheet runs as a formula: text starting with =, +, -, @, a tab or a carriage
    return gets a leading single quote, as OWASP recommends. Sources, ids and names come from the input,
    and a publisher named `=HYPERLINK(...)` must reach the reader as text. Numbers ("-12.5") stay."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


class SafeCsvWriter(csv.DictWriter):
    """`csv.DictWriter` whose every cell goes through `spreadsheet_safe`: the one way eventwire writes CSV."""

    def writerow(self, rowdict: Mapping[str, Any]) -> Any:
        return super().writerow(_safe_row(rowdict))

    def writerows(self, rowdicts: Iterable[Mapping[str, Any]]) -> None:
        super().writerows(_safe_row(row) for row in rowdicts)


def _safe_row(row: Mapping[str, Any]) -> dict[str, Any]:
    return {name: spreadsheet_safe(value) for name, value in row.items()}
