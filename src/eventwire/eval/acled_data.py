"""Reading ACLED exports of any schema version into gold rows for scoring.

Column names are matched case-insensitively; dates come in several spellings ("2022-02-23", "9-May-20",
"31-12-19", "01-January-2015", "21 March 2020"); the pre-2019 typology ("Battle-No change of territory",
"Riots/Protests", "Remote violence") is mapped onto today's event types.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from eventwire.errors import EvalError
from eventwire.lang import lexicon
from eventwire.typology import INTER_KINDS, OLD_TYPES

REQUIRED = ("notes", "event_type")
DATE_FORMATS = (
    "%Y-%m-%d",
    "%d-%b-%y",
    "%d-%m-%y",
    "%d-%B-%Y",
    "%d %B %Y",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%d-%b-%Y",
)
_CAVEAT = lexicon("en").regex("fatality_caveat")


@dataclass(frozen=True)
class GoldRow:
    row: int
    notes: str
    event_types: frozenset[str]  # more than one only for the old "Riots/Protests"
    sub_event_type: str | None
    fatalities: int | None
    caveat: bool
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    event_date: dt.date | None
    published: dt.date | None
    actor1: str | None
    actor1_kind: str | None
    actor2: str | None
    actor2_kind: str | None
    old_typology: bool = False  # the row's type is of the pre-2019 typology


def read_acled(path: str | Path) -> Iterator[GoldRow]:
    """Gold rows of an ACLED CSV (gzip-compressed when its name ends in .gz); rows without notes are
    skipped."""
    path = Path(path)
    try:
        opener = gzip.open if path.suffix == ".gz" else open
        handle = opener(path, "rt", encoding="utf-8-sig", errors="replace", newline="")
    except OSError as err:
        raise EvalError(f"{path}: cannot read ({err.strerror})") from None
    with handle:
        reader = csv.DictReader(handle)
        try:
            yield from _rows(path, reader)
        except csv.Error as err:
            raise EvalError(f"{path}: not readable as CSV after line {reader.line_num} ({err})") from None


def _rows(path: Path, reader: csv.DictReader) -> Iterator[GoldRow]:
    columns = {name.lower().strip(): name for name in reader.fieldnames or []}
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise EvalError(f"{path}: not an ACLED export, missing column(s) {', '.join(missing)}")
    for number, raw in enumerate(reader, 2):
        row = {key: (raw.get(name) or "").strip() for key, name in columns.items()}
        if row["notes"]:
            yield _gold(number, row)


def _gold(number: int, row: dict[str, str]) -> GoldRow:
    types, sub = _types(row["event_type"], row.get("sub_event_type") or None)
    return GoldRow(
        row=number,
        notes=row["notes"],
        event_types=frozenset(types),
        sub_event_type=sub,
        fatalities=_int(row.get("fatalities")),
        caveat=bool(_CAVEAT.search(row["notes"])),
        country=row.get("country") or None,
        admin1=row.get("admin1") or None,
        lat=_float(row.get("latitude")),
        lon=_float(row.get("longitude")),
        geo_precision=_int(row.get("geo_precision")),
        event_date=parse_acled_date(row.get("event_date", "")),
        published=_published(row.get("timestamp"), _int(row.get("year"))),
        actor1=row.get("actor1") or None,
        actor1_kind=INTER_KINDS.get(_int(row.get("inter1")) or 0),
        actor2=row.get("actor2") or None,
        actor2_kind=INTER_KINDS.get(_int(row.get("inter2")) or 0),
        old_typology=not row.get("sub_event_type") and row["event_type"].lower() in OLD_TYPES,
    )


def _types(event_type: str, sub: str | None) -> tuple[set[str], str | None]:
    old = OLD_TYPES.get(event_type.lower())
    if old is not None:
        return set(old[0]), sub or old[1]
    return {event_type}, sub


def parse_acled_date(value: str) -> dt.date | None:
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _published(timestamp: str | None, year: int | None) -> dt.date | None:
    """ACLED's `timestamp` (when the row was last entered) stands in for the report's publication date;
    a row edited in a later year than its event's keeps the end of the event's year instead, so "On
    September 10th" in a 2018 note is not read as 2019 because the row was touched again then."""
    value = _int(timestamp)
    if value is None or value <= 0:
        return None
    published = dt.datetime.fromtimestamp(value, dt.UTC).date()
    if year is not None and published.year > year:
        return dt.date(year, 12, 31)
    return published


def _int(value: str | None) -> int | None:
    try:
        return int(float(value)) if value not in (None, "") else None
    except ValueError:
        return None


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None
