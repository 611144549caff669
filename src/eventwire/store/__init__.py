"""Storing documents, per-article reports and merged events: SQLite by default, PostgreSQL by URL.

`open_store("events.db")` or `open_store("postgresql://user@host/db")` gives a `Store`.
"""

from __future__ import annotations

import re

from eventwire.errors import StoreError
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
_URL_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://")

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
    """The database kind a target names. A URL of another scheme (mysql://user:password@host/db) is
    refused, without echoing it: taken for a file name, it used to show the password in the error."""
    scheme = _URL_SCHEME.match(target)
    kind = scheme[1].lower() if scheme else "sqlite"
    if kind in ("postgresql", "postgres"):
        from eventwire.store.postgres import PostgresDialect

        return PostgresDialect()
    if kind != "sqlite":
        raise StoreError(
            f"unsupported database URL scheme {scheme[1]!r}: give a SQLite file, sqlite:///path or a"
            " postgresql:// URL"
        )
    from eventwire.store.sqlite import SqliteDialect

    return SqliteDialect()
