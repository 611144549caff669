"""SQLite: one file, WAL journal, FTS5 for text search and an R*Tree for bounding boxes."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from eventwire.errors import StoreError
from eventwire.store.dialect import Connection, Dialect

_TRIGGER_BODY_INSERT = """
    INSERT INTO events_fts(rowid, search_text) VALUES (new.id, new.search_text);
    INSERT INTO events_rtree(id, min_lon, max_lon, min_lat, max_lat)
        SELECT new.id, new.lon, new.lon, new.lat, new.lat WHERE new.lat IS NOT NULL AND new.lon IS NOT NULL;
"""
_TRIGGER_BODY_DELETE = """
    INSERT INTO events_fts(events_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    DELETE FROM events_rtree WHERE id = old.id;
"""


class SqliteDialect(Dialect):
    name = "sqlite"
    types = {"pk": "INTEGER PRIMARY KEY AUTOINCREMENT", "real": "REAL"}
    errors = (sqlite3.Error,)

    def connect(self, target: str, readonly: bool) -> Connection:
        path = Path(target)
        if readonly and not path.is_file():
            raise StoreError(f"no database at {path}")
        if not path.parent.is_dir():
            raise StoreError(f"cannot create database {path}: folder {path.parent} does not exist")
        if path.is_dir():
            raise StoreError(f"cannot open database {path}: it is a folder")
        if not readonly and path.exists() and not os.access(path, os.W_OK):
            raise StoreError(f"database {path} is read-only")
        if not readonly and not os.access(path.parent, os.W_OK):
            raise StoreError(f"cannot write database {path}: folder {path.parent} is read-only")
        uri = f"{path.resolve().as_uri()}?mode={'ro' if readonly else 'rwc'}"
        try:
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30)
            conn.execute("PRAGMA busy_timeout = 30000")
            if not readonly:
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if mode != "wal":
                    raise StoreError(f"cannot use database {path}: WAL journal refused ({mode})")
                conn.execute("PRAGMA synchronous = FULL")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as err:
            raise StoreError(f"cannot open database {path}: {err}") from None
        return conn

    @contextmanager
    def transaction(self, conn: Connection) -> Iterator[None]:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def extra_schema(self) -> list[str]:
        return [
            "CREATE VIRTUAL TABLE IF NOT EXISTS events_fts"
            " USING fts5(search_text, content='events', content_rowid='id')",
            "CREATE VIRTUAL TABLE IF NOT EXISTS events_rtree"
            " USING rtree(id, min_lon, max_lon, min_lat, max_lat)",
            "CREATE TRIGGER IF NOT EXISTS events_indexed AFTER INSERT ON events"
            f" BEGIN {_TRIGGER_BODY_INSERT} END",
            "CREATE TRIGGER IF NOT EXISTS events_unindexed AFTER DELETE ON events"
            f" BEGIN {_TRIGGER_BODY_DELETE} END",
            "CREATE TRIGGER IF NOT EXISTS events_reindexed AFTER UPDATE ON events"
            f" BEGIN {_TRIGGER_BODY_DELETE} {_TRIGGER_BODY_INSERT} END",
        ]

    def text_match(self, words: str) -> tuple[str, list[Any]]:
        # Every word quoted, so user text is never read as FTS5 query syntax.
        query = " ".join('"' + word.replace('"', '""') + '"' for word in words.split())
        return "e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)", [query]

    def bbox_match(self, bbox: tuple[float, float, float, float]) -> tuple[str, list[Any]]:
        # The R*Tree keeps 32-bit floats rounded outwards: it narrows the rows, the exact test follows.
        minlon, minlat, maxlon, maxlat = bbox
        fragment = (
            "e.id IN (SELECT id FROM events_rtree WHERE max_lon >= ? AND min_lon <= ?"
            " AND max_lat >= ? AND min_lat <= ?)"
            " AND e.lon BETWEEN ? AND ? AND e.lat BETWEEN ? AND ?"
        )
        return fragment, [minlon, maxlon, minlat, maxlat] * 2

    def week_start(self, column: str) -> str:
        return f"date({column}, '-6 days', 'weekday 1')"
