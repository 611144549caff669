"""Writing merged events for other tools: ACLED-style CSV, GeoJSON, Parquet and JSON Lines.

acled-csv uses ACLED's column names and value conventions (numeric actor codes 1-8, interaction codes,
time_precision 1/2/3, ISO numeric country codes, ACLED's region and country names, 0 for unknown
fatalities) so scripts written for ACLED exports read it unchanged; `iso3` comes last, as in ACLED's own
exports that have it. Only events in ACLED's scope (those with an event_type) go into it, and only those
ACLED would code: an event without a date, or without a first actor ACLED's conventions can name, is left
out and counted (`AcledGaps`). `source` names the publications and who they say reported the event
("BBC News; White Helmets (Syria Civil Defence)").

Every format carries `event_id_cnty` (the ACLED CSV's id) and each article's provenance: its doc id, url,
title, and the sentence and evidence the event was read from. The formats are registered in
`eventwire.formats`, whose atomic writer means a reader never sees half a file.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

import pycountry

from eventwire.flat import EVENT_COLUMNS, SafeCsvWriter, country_name, event_fields, iso3
from eventwire.formats import FORMATS, write_output
from eventwire.model import Actor, Event
from eventwire.publishers import publication, source_scale
from eventwire.store import MergedEvent
from eventwire.typology import (
    ACLED_REGIONS,
    DISORDER_BY_SUB_TYPE,
    DISORDER_BY_TYPE,
    INTER_CODES,
    UNIDENTIFIED_ACTOR1,
)

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
    "iso3",
)
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
REGION_OF = {code: region for region, codes in ACLED_REGIONS.items() for code in codes.split()}
# ACLED numbers Kosovo 0 (it has no ISO 3166 numeric code).
_KOSOVO_NUMERIC = 0


def country_fields(code: str | None) -> tuple[str, int | str, str, str]:
    """ACLED's (country name, iso numeric, region, alpha-3) for an ISO2 code; blanks when unknown."""
    if not code:
        return "", "", "", ""
    if code == "XK":
        return country_name(code), _KOSOVO_NUMERIC, REGION_OF[code], iso3(code)
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return "", "", REGION_OF.get(code, ""), ""
    return country_name(code), int(country.numeric), REGION_OF.get(code, ""), country.alpha_3


def inter_code(actor: Actor | None) -> int | str:
    return INTER_CODES.get(actor.kind, "") if actor and actor.kind else ""


def interaction_code(actor1: Actor | None, actor2: Actor | None) -> int | str:
    """ACLED's interaction: the two actor codes, lower first (12, 17...); a sole actor gives code x 10."""
    first, second = inter_code(actor1), inter_code(actor2)
    if first == "":
        return ""
    if second == "":
        return first * 10
    low, high = sorted((first, second))
    return low * 10 + high


def _names(actors: list[Actor]) -> str:
    return "; ".join(actor.name for actor in actors)


def _timestamp(updated_at: str) -> int:
    return int(dt.datetime.fromisoformat(updated_at).timestamp())


def acled_actor1(event: Event) -> Actor | None:
    """The first actor as ACLED codes it: the event's own, or ACLED's name for an unidentified one
    ("Unidentified Armed Group (Syria)", "Protesters (Kenya)") where the type implies one."""
    if event.actor1 is not None:
        return event.actor1
    country = event.location.country if event.location else None
    name, kind = UNIDENTIFIED_ACTOR1.get(event.event_type or "", (None, None))
    if name is None or not country:
        return None
    return Actor(name=f"{name} ({country_fields(country)[0]})", kind=kind, country=country)


def acled_gap(event: Event) -> str | None:
    """Why ACLED would not code this event as a row, or None: it codes only dated events with a first
    actor, and only types of its own."""
    if not event.event_type:
        return "outside ACLED's types"
    if event.event_date is None:
        return "no date"
    if acled_actor1(event) is None:
        return "no first actor"
    return None


def acled_source(event: Event) -> list[str]:
    """ACLED's `source`: the publications that reported the event, then who they say reported it."""
    names = [publication(source.publisher, source.url) for source in event.sources]
    return list(dict.fromkeys(name for name in [*names, event.reported_by] if name))


def acled_row(merged: MergedEvent) -> dict[str, Any]:
    """One merged event as an ACLED CSV row (check `acled_gap` first: undated events have no row)."""
    event = merged.event
    place = event.location
    country, iso, region, alpha3 = country_fields(place.country if place else None)
    targets = [event.actor2, *event.assoc_actor_2]
    actor1 = acled_actor1(event)
    sources = acled_source(event)
    return {
        "event_id_cnty": merged.event_id_cnty,
        "event_date": event.event_date.isoformat() if event.event_date else "",
        "year": event.event_date.year if event.event_date else "",
        "time_precision": TIME_PRECISION.get(event.date_precision or "day", 1) if event.event_date else "",
        "disorder_type": DISORDER_BY_SUB_TYPE.get(event.sub_event_type or "")
        or DISORDER_BY_TYPE.get(event.event_type or "", ""),
        "event_type": event.event_type or "",
        "sub_event_type": event.sub_event_type or "",
        "actor1": actor1.name if actor1 else "",
        "assoc_actor_1": _names(event.assoc_actor_1),
        "inter1": inter_code(actor1),
        "actor2": event.actor2.name if event.actor2 else "",
        "assoc_actor_2": _names(event.assoc_actor_2),
        "inter2": inter_code(event.actor2),
        "interaction": interaction_code(actor1, event.actor2),
        "civilian_targeting": "Civilian targeting"
        if any(actor and actor.kind == "civilians" for actor in targets)
        else "",
        "iso": iso,
        "region": region,
        "country": country,
        "admin1": (place.admin1 or "") if place else "",
        "admin2": (place.admin2 or "") if place else "",
        "admin3": "",
        "location": place.name if place else "",
        "latitude": _coordinate(place.lat if place else None),
        "longitude": _coordinate(place.lon if place else None),
        "geo_precision": (place.geo_precision or "") if place else "",
        "source": "; ".join(sources),
        "source_scale": source_scale(sources),
        "notes": event.notes or "",
        "fatalities": event.fatalities.best if event.fatalities and event.fatalities.best is not None else 0,
        "tags": "",
        "timestamp": _timestamp(merged.updated_at),
        "iso3": alpha3,
    }


def _coordinate(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def _publishers(event: Event) -> list[str]:
    """The publications that reported the event, by name ("BBC News", not "www.bbc.com")."""
    names = [publication(source.publisher, source.url) for source in event.sources]
    names = [name for name in names if name]
    if not names and event.reported_by:
        names = [event.reported_by]
    return list(dict.fromkeys(names))


FLAT_COLUMNS = (
    "id",
    "event_id_cnty",
    *EVENT_COLUMNS,
    "num_sources",
    "sources",
    "source_urls",
    "doc_id",
    "doc_ids",
    "titles",
    "sentence",
    "evidence",
    "updated_at",
)


def flat_record(merged: MergedEvent) -> dict[str, Any]:
    """A merged event as one flat row (GeoJSON properties, Parquet columns, the API's `flat=1`): the
    shared event columns and what merging adds: how many articles, which (doc ids, urls, titles), the
    lead article's `doc_id` and `sentence`, every article's evidence (each span with its doc_id)."""
    event = merged.event
    reports = merged.reports
    return {
        "id": merged.id,
        "event_id_cnty": merged.event_id_cnty,
        **event_fields(event),
        "num_sources": merged.num_sources,
        "sources": _publishers(event),
        "source_urls": list(dict.fromkeys(r.url for r in reports if r.url))
        or [source.url for source in event.sources if source.url],
        "doc_id": event.doc_id or (reports[0].doc_id if reports else None),
        "doc_ids": [r.doc_id for r in reports],
        "titles": [r.title for r in reports if r.title],
        "sentence": _lead_sentence(merged),
        "evidence": [
            {"doc_id": r.doc_id, **span.model_dump(include={"field", "start", "end", "text"})}
            for r in reports
            for span in r.evidence
        ],
        "updated_at": merged.updated_at,
    }


def _lead_sentence(merged: MergedEvent) -> str | None:
    if merged.event.sentence:
        return merged.event.sentence.text
    told = [r.sentence.text for r in merged.reports if r.sentence]
    return told[0] if told else None


class AcledGaps(Counter):
    """Events of a run left out of an ACLED CSV, by reason ("no date": 3); see `acled_gap`."""

    def summary(self) -> str:
        return ", ".join(f"{count} with {reason}" for reason, count in sorted(self.items()))


def write_acled_csv(events: Iterable[MergedEvent], out: BinaryIO, left_out: AcledGaps | None = None) -> int:
    """ACLED rows of the events ACLED would code; the others are counted in `left_out` (except those
    outside ACLED's types, which were never meant for this file)."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    writer = SafeCsvWriter(text, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    count = 0
    for merged in events:
        gap = acled_gap(merged.event)
        if gap is None:
            writer.writerow(acled_row(merged))
            count += 1
        elif left_out is not None and merged.event.event_type:
            left_out[gap] += 1
    text.flush()
    text.detach()
    return count


def write_jsonl(events: Iterable[MergedEvent], out: BinaryIO) -> int:
    """One merged event a line: its `id`, `event_id_cnty` and `num_sources`, the Event record (the lead
    article's doc_id, evidence and sentence), and `reports`, every article's provenance."""
    count = 0
    for merged in events:
        record = {
            "id": merged.id,
            "event_id_cnty": merged.event_id_cnty,
            "num_sources": merged.num_sources,
            **merged.event.model_dump(mode="json"),
            "reports": [report.model_dump(mode="json") for report in merged.reports],
        }
        out.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
        count += 1
    return count


def write_geojson(events: Iterable[MergedEvent], out: BinaryIO) -> int:
    """A FeatureCollection of points (null geometry for events without coordinates), streamed."""
    out.write(b'{"type": "FeatureCollection", "features": [\n')
    count = 0
    for merged in events:
        properties = flat_record(merged)
        geometry = None
        if properties["latitude"] is not None and properties["longitude"] is not None:
            geometry = {"type": "Point", "coordinates": [properties["longitude"], properties["latitude"]]}
        feature = {"type": "Feature", "id": merged.id, "geometry": geometry, "properties": properties}
        out.write(
            (b",\n" if count else b"") + json.dumps(feature, ensure_ascii=False, default=str).encode("utf-8")
        )
        count += 1
    out.write(b"\n]}\n")
    return count


def _parquet_schema():
    """The columns of `flat_record`, typed; a column is text unless named here."""
    import pyarrow as pa

    integer, real, names = pa.int64(), pa.float64(), pa.list_(pa.string())
    span = pa.struct(
        [
            ("doc_id", pa.string()),
            ("field", pa.string()),
            ("start", integer),
            ("end", integer),
            ("text", pa.string()),
        ]
    )
    types = {
        "id": integer,
        "doc_ids": names,
        "titles": names,
        "evidence": pa.list_(span),
        "event_date": pa.date32(),
        "assoc_actor_1": names,
        "assoc_actor_2": names,
        "latitude": real,
        "longitude": real,
        "cumulative": pa.bool_(),
        "main": pa.bool_(),
        "country_centroid": pa.bool_(),
        "confidence": real,
        "sources": names,
        "source_urls": names,
        **dict.fromkeys(
            (
                "geo_precision",
                "fatalities",
                "fatalities_low",
                "fatalities_high",
                "civilians_killed",
                "children_killed",
                "injured",
                "num_sources",
            ),
            integer,
        ),
    }
    return pa.schema([(name, types.get(name, pa.string())) for name in FLAT_COLUMNS])


def write_parquet(events: Iterable[MergedEvent], out: BinaryIO, batch: int = 10_000) -> int:
    """Parquet via pyarrow, written in row groups so memory stays flat."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema()
    count = 0
    rows: list[dict[str, Any]] = []
    with pq.ParquetWriter(out, schema) as writer:
        for merged in events:
            rows.append(flat_record(merged))
            if len(rows) == batch:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                count, rows = count + len(rows), []
        writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    return count + len(rows)


def export_events(
    events: Iterable[MergedEvent],
    fmt: str,
    output: str | Path | None,
    left_out: AcledGaps | None = None,
) -> int:
    """Write stored events in a format of `eventwire.formats` to a file (atomically) or to stdout; the
    ACLED CSV counts the events it leaves out in `left_out`."""
    write = FORMATS[fmt].stored_writer()
    if fmt == "acled-csv" and left_out is not None:
        return write_output(output, lambda out: write_acled_csv(events, out, left_out))
    return write_output(output, lambda out: write(events, out))
