"""The one place where SQLite and PostgreSQL differ: connecting, transactions, types, search and bbox.

All other SQL is written once, with `?` placeholders, and passed through `Dialect.sql`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol


class Connection(Protocol):
    """The part of a DB-API connection the store uses (sqlite3 and psycopg both provide it)."""

    def execute(self, sql: str, params: Sequence[Any] = ...) -> Any: ...

    def close(self) -> None: ...


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

    @abstractmethod
    def bbox_match(self, bbox: tuple[float, float, float, float]) -> tuple[str, list[Any]]:
        """A WHERE fragment on alias `e` true inside (minlon, minlat, maxlon, maxlat), and its parameters."""

    @abstractmethod
    def week_start(self, column: str) -> str:
        """SQL giving the Monday (ISO date text) of the week of an ISO date column."""
