"""The tables, written once for both databases; `{pk}` and `{real}` are filled in by the dialect.

documents: each article once, identified by its URL or, without one, by the SHA-256 of its text.
reports:   each event as one article told it (its evidence included), in the article's order.
events:    merged events, one per real-world event, with all their reports; `id` is stable.
event_actors: every actor of a merged event, for the actor filter.
The `block_*` and `representative` columns of events are what the merge rule reads (see eventwire.dedup).
"""

from __future__ import annotations

SCHEMA_VERSION = "1"

TABLES = [
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS documents (
        id {pk},
        doc_key TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL,
        doc_id TEXT NOT NULL,
        url TEXT,
        title TEXT,
        source TEXT,
        published TEXT,
        text TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS documents_hash ON documents (content_hash)",
    """CREATE TABLE IF NOT EXISTS events (
        id {pk},
        event_date TEXT,
        date_precision TEXT,
        plover TEXT,
        event_type TEXT,
        sub_event_type TEXT,
        actor1 TEXT,
        actor2 TEXT,
        country TEXT,
        admin1 TEXT,
        admin2 TEXT,
        location TEXT,
        lat {real},
        lon {real},
        geo_precision INTEGER,
        fatalities INTEGER,
        fatalities_low INTEGER,
        fatalities_high INTEGER,
        num_sources INTEGER NOT NULL,
        search_text TEXT NOT NULL,
        payload TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        block_kind TEXT NOT NULL,
        block_country TEXT NOT NULL,
        block_admin1 TEXT NOT NULL,
        block_day INTEGER,
        representative TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS events_block ON events (block_kind, block_country, block_admin1, block_day)",
    # Pages come newest first along these; each ends with the toll, so counts and sums per day, place or
    # type read the index alone, never the rows (a full scan of wide rows is seconds at a million events).
    "CREATE INDEX IF NOT EXISTS events_by_date ON events (event_date, id, fatalities)",
    "CREATE INDEX IF NOT EXISTS events_by_country ON events (country, event_date, fatalities)",
    "CREATE INDEX IF NOT EXISTS events_by_country_admin1 ON events (country, admin1, fatalities)",
    "CREATE INDEX IF NOT EXISTS events_by_admin1 ON events (admin1, event_date, fatalities)",
    "CREATE INDEX IF NOT EXISTS events_by_type ON events (event_type, event_date, fatalities)",
    "CREATE INDEX IF NOT EXISTS events_by_subtype ON events (sub_event_type, event_date, fatalities)",
    "CREATE INDEX IF NOT EXISTS events_fatalities ON events (fatalities)",
    """CREATE TABLE IF NOT EXISTS event_actors (
        name TEXT NOT NULL,
        event_id BIGINT NOT NULL REFERENCES events (id),
        PRIMARY KEY (name, event_id)
    )""",
    "CREATE INDEX IF NOT EXISTS event_actors_event ON event_actors (event_id)",
    """CREATE TABLE IF NOT EXISTS reports (
        id {pk},
        document_id BIGINT NOT NULL REFERENCES documents (id),
        position INTEGER NOT NULL,
        event_id BIGINT NOT NULL REFERENCES events (id),
        merge_key TEXT NOT NULL,
        confidence {real} NOT NULL,
        payload TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS reports_document ON reports (document_id, position)",
    "CREATE INDEX IF NOT EXISTS reports_event ON reports (event_id)",
]


# Indexes of earlier versions that the `events_by_*` ones replace; dropped from databases that have them.
RETIRED_INDEXES = (
    "events_date",
    "events_country_date",
    "events_admin1_date",
    "events_type_date",
    "events_subtype_date",
)


def statements(types: dict[str, str], extra: list[str]) -> list[str]:
    """The schema's DDL for one dialect."""
    retired = [f"DROP INDEX IF EXISTS {name}" for name in RETIRED_INDEXES]
    return [table.format(**types) for table in TABLES] + retired + extra
