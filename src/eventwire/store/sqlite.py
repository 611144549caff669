"""SQLite: one file, WAL journal, FTS5 for text search and an R*Tree for bounding boxes."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from eventwire.errors import StoreError
from eventwire.store.dialect import Connection, Dialect, TextWalk

#: How long a writer waits for another writer's transaction to end before giving up, in seconds.
BUSY_TIMEOUT_S = 30

# The full-text index is keyed by each event's place in newest-first order (its day, then its id), not by
# its id: a search walks the index newest first and stops when a page is full, where fetching every match
# and sorting them took 650 ms for a common word over a million events. Undated events sort last.
_ORDER_KEY = "((coalesce(CAST(julianday({row}.event_date) AS INTEGER), 0) << 32) | {row}.id)"
_ID_OF_KEY = "(s.rowid & 4294967295)"
_TRIGGER_BODY_INSERT = f"""
    INSERT INTO events_search(rowid, search_text) VALUES ({_ORDER_KEY.format(row="new")}, new.search_text);
    INSERT INTO events_rtree(id, min_lon, max_lon, min_lat, max_lat)
        SELECT new.id, new.lon, new.lon, new.lat, new.lat WHERE new.lat IS NOT NULL AND new.lon IS NOT NULL;
"""
_TRIGGER_BODY_DELETE = f"""
    INSERT INTO events_search(events_search, rowid, search_text)
        VALUES ('delete', {_ORDER_KEY.format(row="old")}, old.search_text);
    DELETE FROM events_rtree WHERE id = old.id;
"""
_RTREE_IDS = (
    "SELECT id FROM events_rtree WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?"
)
# Databases made before the search index was date-ordered: their id-keyed index and its triggers go, and
# the new index is filled once from the events.
_UPGRADE = [
    "DROP TRIGGER IF EXISTS events_indexed",
    "DROP TRIGGER IF EXISTS events_unindexed",
    "DROP TRIGGER IF EXISTS events_reindexed",
    "DROP TABLE IF EXISTS events_fts",
]


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
        if readonly:
            return _open_for_reading(path)
        try:
            conn = _open(f"{path.resolve().as_uri()}?mode=rwc")
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
        _begin(conn)
        try:
            yield
        except BaseException:
            _rollback(conn)
            raise
        conn.execute("COMMIT")

    def extra_schema(self) -> list[str]:
        return [
            *_UPGRADE,
            # Contentless: the text lives in events.search_text; the index needs only the words.
            "CREATE VIRTUAL TABLE IF NOT EXISTS events_search USING fts5(search_text, content='', columnsize=0)",
            "CREATE VIRTUAL TABLE IF NOT EXISTS events_rtree"
            " USING rtree(id, min_lon, max_lon, min_lat, max_lat)",
            "CREATE TRIGGER IF NOT EXISTS events_added AFTER INSERT ON events"
            f" BEGIN {_TRIGGER_BODY_INSERT} END",
            "CREATE TRIGGER IF NOT EXISTS events_removed AFTER DELETE ON events"
            f" BEGIN {_TRIGGER_BODY_DELETE} END",
            "CREATE TRIGGER IF NOT EXISTS events_changed AFTER UPDATE ON events"
            f" BEGIN {_TRIGGER_BODY_DELETE} {_TRIGGER_BODY_INSERT} END",
            "INSERT INTO events_search(rowid, search_text)"
            f" SELECT {_ORDER_KEY.format(row='e')}, e.search_text FROM events e"
            " WHERE NOT EXISTS (SELECT 1 FROM meta WHERE key = 'search_index')",
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('search_index', 'newest-first')",
        ]

    def check_readable(self, conn: Connection) -> None:
        found = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'events_search'").fetchone()
        if found is None:
            raise StoreError("the database predates this eventwire's search index: open it once for writing")

    def text_match(self, words: str) -> tuple[str, list[Any]]:
        return f"e.id IN (SELECT {_ID_OF_KEY} FROM events_search s WHERE events_search MATCH ?)", [
            _fts_query(words)
        ]

    def text_walk(self, words: str) -> TextWalk:
        return TextWalk(
            f"events_search s JOIN events e ON e.id = {_ID_OF_KEY}",
            "events_search s",
            "events_search MATCH ?",
            "s.rowid DESC",
            [_fts_query(words)],
        )

    def data_version(self, conn: Connection) -> int | None:
        return conn.execute("PRAGMA data_version").fetchone()[0]

    def optimize(self, conn: Connection) -> None:
        # Statistics let the planner choose between an index and a newest-first walk; a sample of each
        # index is enough. First ANALYZE once, then SQLite re-analyses when tables have grown.
        conn.execute("PRAGMA analysis_limit = 1000")
        analysed = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone()
        conn.execute("PRAGMA optimize" if analysed else "ANALYZE")

    def bbox_match(self, bbox: tuple[float, float, float, float], rare: bool = True) -> tuple[str, list[Any]]:
        # The R*Tree keeps 32-bit floats rounded outwards: it narrows the rows, the exact test follows. A
        # box holding many events is tested on each row instead, as the date index is walked.
        minlon, minlat, maxlon, maxlat = bbox
        exact = "e.lon BETWEEN ? AND ? AND e.lat BETWEEN ? AND ?"
        if not rare:
            return exact, [minlon, maxlon, minlat, maxlat]
        return f"e.id IN ({_RTREE_IDS}) AND {exact}", [minlon, maxlon, minlat, maxlat] * 2

    def bbox_candidates(self, bbox: tuple[float, float, float, float]) -> tuple[str, list[Any]]:
        minlon, minlat, maxlon, maxlat = bbox
        return _RTREE_IDS, [minlon, maxlon, minlat, maxlat]

    def json_text(self, column: str, key: str) -> str:
        return f"json_extract({column}, '$.{key}')"

    def week_start(self, column: str) -> str:
        return f"date({column}, '-6 days', 'weekday 1')"


def _open(uri: str) -> sqlite3.Connection:
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_S)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
    return conn


def _open_for_reading(path: Path) -> sqlite3.Connection:
    """A connection that never changes the database, the first of these that opens:

    - read-write at the file level with `query_only` on, where the file and its folder are writable:
      SQLite then removes the -wal and -shm files it needs when the last connection closes, where a
      `mode=ro` reader creates them and leaves them behind (owned by the reader, they can then lock out
      the user who writes the database);
    - `mode=ro`, which still sees what a concurrent writer commits;
    - `immutable=1` where the folder is not writable (a read-only filesystem or a folder of another
      user): a WAL database cannot be read there otherwise, since its -shm file cannot be created.
    """
    base = path.resolve().as_uri()
    folder_writable = os.access(path.parent, os.W_OK)
    uris = [f"{base}?mode=rw"] if folder_writable and os.access(path, os.W_OK) else []
    uris.append(f"{base}?mode=ro")
    if not folder_writable:
        uris.append(f"{base}?mode=ro&immutable=1")
    first_error: sqlite3.Error | None = None
    for uri in uris:
        conn = None
        try:
            conn = _open(uri)
            conn.execute("PRAGMA query_only = ON")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.Error as err:
            first_error = first_error or err
            if conn is not None:
                conn.close()
    raise StoreError(f"cannot open database {path}: {first_error}")


def _begin(conn: Connection) -> None:
    """Take the write lock, waiting up to BUSY_TIMEOUT_S for another writer to finish."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as err:
        if "locked" not in str(err):
            raise
        raise sqlite3.OperationalError(
            f"database is locked by another writer (waited {BUSY_TIMEOUT_S} s); try again when it has finished"
        ) from None


def _rollback(conn: Connection) -> None:
    """Undo the transaction unless SQLite already has (it may after a full disk or an I/O error). A failed
    rollback must not hide the error that caused it; the journal undoes the transaction on the next open."""
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


def _fts_query(words: str) -> str:
    """Every word quoted, so user text is never read as FTS5 query syntax."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in words.split())
