"""Storing documents, per-article reports and merged events: SQLite by default, PostgreSQL by URL.

`open_store("events.db")` or `open_store("postgresql://user@host/db")` gives a `Store`.
"""

from __future__ import annotations

from eventwire.store.dialect import Dialect
from eventwire.store.records import (
    Bucket,
    DocumentDetail,
    DocumentInfo,
    EventDetail,
    EventFilter,
    MergedEvent,
    Report,
    StoreStats,
    country_code,
)
from eventwire.store.store import Store, content_hash, document_key

DEFAULT_DATABASE = "eventwire.db"

__all__ = [
    "DEFAULT_DATABASE",
    "Bucket",
    "DocumentDetail",
    "DocumentInfo",
    "EventDetail",
    "EventFilter",
    "MergedEvent",
    "Report",
    "Store",
    "StoreStats",
    "content_hash",
    "country_code",
    "document_key",
    "open_store",
]


def open_store(target: str = DEFAULT_DATABASE, readonly: bool = False) -> Store:
    """Open the store at a SQLite path, `sqlite:///path` or `postgresql://` URL (created when writable)."""
    dialect = _dialect_for(target)
    path = target.removeprefix("sqlite:///") if dialect.name == "sqlite" else target
    return Store(dialect, dialect.connect(path, readonly), path, readonly)


def _dialect_for(target: str) -> Dialect:
    if target.startswith(("postgresql://", "postgres://")):
        from eventwire.store.postgres import PostgresDialect

        return PostgresDialect()
    from eventwire.store.sqlite import SqliteDialect

    return SqliteDialect()
