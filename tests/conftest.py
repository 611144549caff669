"""Shared fixtures: event factories, and a throwaway real PostgreSQL server for the store tests."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from eventwire.model import Actor, Document, Event, Location, Toll

PG_BIN_GLOB = "/usr/lib/postgresql/*/bin"


def make_event(
    day: str = "2024-12-02",
    place: str = "Sarmada",
    lat: float = 36.18,
    lon: float = 36.72,
    actor1: str | None = "Military Forces of Russia (2000-)",
    actor2: str | None = "Civilians (Syria)",
    actor2_kind: str = "civilians",
    event_type: str = "Explosions/Remote violence",
    sub_event_type: str = "Air/drone strike",
    killed: int | None = 5,
    low: int | None = None,
    high: int | None = None,
    country: str = "SY",
    admin1: str = "Idlib",
    **extra: Any,
) -> Event:
    """An event with sensible defaults: each test changes only what it is about."""
    return Event(
        event_id=extra.pop("event_id", f"e-{day}-{place}-{killed}"),
        event_date=dt.date.fromisoformat(day),
        date_precision=extra.pop("date_precision", "day"),
        plover=extra.pop("plover", "ASSAULT"),
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor1=Actor(name=actor1, kind="state forces") if actor1 else None,
        actor2=Actor(name=actor2, kind=actor2_kind) if actor2 else None,
        location=Location(name=place, admin1=admin1, country=country, lat=lat, lon=lon, geo_precision=1),
        fatalities=Toll(best=killed, low=low, high=high) if killed is not None else None,
        **extra,
    )


def make_document(text: str, url: str | None = None, **extra: Any) -> Document:
    return Document(id=extra.pop("id", f"doc-{abs(hash(text)) % 10**8}"), text=text, url=url, **extra)


_ONES = [
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"),
]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def in_words(n: int) -> str:
    """English number words as news writes them ("forty-two", "three hundred and five"), below a million."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return f"{_ONES[n // 100]} hundred" + ("" if rest == 0 else " and " + in_words(rest))
    rest = n % 1000
    return f"{in_words(n // 1000)} thousand" + ("" if rest == 0 else " " + in_words(rest))


@pytest.fixture
def event_factory() -> Callable[..., Event]:
    return make_event


@pytest.fixture
def document_factory() -> Callable[..., Document]:
    return make_document


# ---- PostgreSQL: a real server started for the test session


def _postgres_bin() -> Path | None:
    found = sorted(Path("/").glob(PG_BIN_GLOB.lstrip("/")), key=lambda path: int(path.parent.name))
    found = [path for path in found if (path / "initdb").exists() and (path / "pg_ctl").exists()]
    return found[-1] if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """A throwaway cluster on a unix socket only; initdb refuses root, so root runs it as postgres."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="ewpg-"))
        self.port = _free_port()
        self.data = self.root / "data"
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
            self._as_user = ["runuser", "-u", "postgres", "--"]
        self._names = itertools.count(1)

    def _run(self, *args: str) -> None:
        subprocess.run([*self._as_user, *args], check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync",
        )
        self.launch()

    def launch(self) -> None:
        """Start the server on the cluster already in `data`."""
        options = f"-k {self.root} -p {self.port} -c listen_addresses='' -c fsync=off"
        self._pg_ctl("-o", options, "-l", str(self.root / "log"), "-w", "start")

    def _pg_ctl(self, *args: str) -> None:
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), *args)

    def stop(self) -> None:
        self._pg_ctl("-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql://postgres@/{database}?host={self.root}&port={self.port}"

    def new_database(self) -> str:
        """A fresh empty database; its URL."""
        import psycopg

        name = f"test_{next(self._names)}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)


def _started(kind: type[PostgresServer]) -> Iterator[Any]:
    """A started server of `kind`, stopped and removed afterwards; skips the test without PostgreSQL."""
    bindir = _postgres_bin()
    if bindir is None:
        pytest.skip(f"no PostgreSQL server binaries under {PG_BIN_GLOB} (apt-get install postgresql)")
    pytest.importorskip("psycopg", reason="psycopg is not installed")
    server = kind(bindir)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    yield from _started(PostgresServer)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new empty database of each kind: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "events.db")
    return request.getfixturevalue("postgres_server").new_database()


@pytest.fixture
def store(store_url: str) -> Iterator[Any]:
    from eventwire.store import open_store

    with open_store(store_url) as opened:
        yield opened


class RestartablePostgresServer(PostgresServer):
    """A server a test may stop mid-work and start again on the same data, as an administrator would."""

    running = False

    def start(self) -> None:
        super().start()
        self.running = True

    def halt(self, mode: str = "fast") -> None:
        """Stop the server and keep its data; `fast` ends every session, as `systemctl stop` does."""
        self._pg_ctl("-m", mode, "-w", "stop")
        self.running = False

    def resume(self) -> None:
        self.launch()
        self.running = True

    def stop(self) -> None:
        if self.running:
            self.halt("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture
def restartable_postgres() -> Iterator[RestartablePostgresServer]:
    """A PostgreSQL server of the test's own, which it may stop and start (unlike the shared one)."""
    yield from _started(RestartablePostgresServer)
