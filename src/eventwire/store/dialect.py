"""The one place where SQLite and PostgreSQL differ: connecting, transactions, types, search and bbox.

All other SQL is written once, with `?` placeholders, and passed through `Dialect.sql`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any, NamedTuple, Protocol


class Connection(Protocol):
    """The part of a DB-API connection the store uses (sqlite3 and psycopg both provide it)."""

    def execute(self, sql: str, params: Sequence[Any] = ...) -> Any: ...

    def close(self) -> None: ...


class TextWalk(NamedTuple):
    """Reading text matches newest first straight from the text index: FROM clause, WHERE fragment,
    ORDER BY and the fragment's parameters; `alone` is the FROM clause when no other filter needs the
    events' columns (counting then reads the text index only)."""

    source: str
    alone: str
    fragment: str
    order: str
    params: list[Any]


class Dialect(ABC):
    """A database flavour: what differs between SQLite and PostgreSQL, and nothing else."""

    name: str
    # DDL type names substituted into the shared schema: {pk} and {real}.
    types: dict[str, str]
    # Driver errors meaning the database cannot be read or written.
    errors: tuple[type[BaseException], ...]

    def sql(self, text: str) -> str:
        """Shared SQL in this driver's placeholder style."""
        return text

    @abstractmethod
    def connect(self, target: str, readonly: bool) -> Connection:
        """Open the database, creating it when writable; raise StoreError when it cannot be used."""

    @abstractmethod
    def transaction(self, conn: Connection) -> AbstractContextManager[None]:
        """One atomic unit of work that also keeps other writers out until it ends."""

    @abstractmethod
    def extra_schema(self) -> list[str]:
        """DDL beyond the shared tables: the full-text and spatial indexes."""

    @abstractmethod
    def text_match(self, words: str) -> tuple[str, list[Any]]:
        """A WHERE fragment on alias `e` true when every word occurs, and its parameters."""

    def text_walk(self, words: str) -> TextWalk | None:
        """How to list text matches newest first by walking the text index, so a page of a common word
        is read without fetching every match; None when `text_match` is planned well already."""
        return None

    @abstractmethod
    def check_readable(self, conn: Connection) -> None:
        """Raise StoreError when a database opened read-only lacks what this version reads."""

    @abstractmethod
    def data_version(self, conn: Connection) -> int | None:
        """A number that changes when another connection commits a change; None when the database
        cannot tell cheaply (then nothing read is reused)."""

    def connection_lost(self, conn: Connection) -> bool:
        """Whether the connection is known to be unusable (its server ended the session); a file
        database's connection never is."""
        return False

    @abstractmethod
    def optimize(self, conn: Connection) -> None:
        """Keep the planner's statistics current; run when a writable store closes."""

    @abstractmethod
    def bbox_match(self, bbox: tuple[float, float, float, float], rare: bool = True) -> tuple[str, list[Any]]:
        """A WHERE fragment on alias `e` true inside (minlon, minlat, maxlon, maxlat), and its parameters;
        `rare` says whether few events lie inside (see `bbox_candidates`)."""

    @abstractmethod
    def bbox_candidates(self, bbox: tuple[float, float, float, float]) -> tuple[str, list[Any]]:
        """A query finding the events in the box through the spatial index, and its parameters: the store
        counts a bounded number of its rows to tell whether the box holds few events."""

    @abstractmethod
    def json_text(self, column: str, key: str) -> str:
        """SQL giving the text of a top-level key of a JSON text column (null when absent)."""

    @abstractmethod
    def week_start(self, column: str) -> str:
        """SQL giving the Monday (ISO date text) of the week of an ISO date column."""
