"""Read-only store connections for the API, each owned by one long-lived worker thread.

sqlite3 and psycopg connections must stay in the thread that opened them, so request handlers hand their
database work to a few worker threads instead of opening a connection per request; the pool also bounds
how many connections the server holds. Requests beyond the workers wait in a queue, up to `MAX_WAITING`;
past that the server is overloaded and says so (`Overloaded`, a 503 with Retry-After).

A connection the database server dropped (a PostgreSQL restart ends every session) is found before use
when the driver knows it is broken, and otherwise by the job failing: the job is then run once more on a
new connection, so a restart costs no request an error.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from eventwire.errors import StoreError
from eventwire.store import Store, open_store

T = TypeVar("T")
Job = tuple[Callable[[Store], Any], Future]
#: Connections (and threads) to the database: enough to overlap waits on a database server, few enough
#: to stay far below PostgreSQL's default of 100 connections with several servers running.
DEFAULT_WORKERS = 4
#: Jobs allowed to wait for a worker; past this a request is refused at once rather than queued.
MAX_WAITING = 1000


class Overloaded(Exception):
    """More requests are waiting for the database than the pool will queue."""


class StorePool:
    """A few threads, each with its own read-only Store on the same database."""

    def __init__(self, target: str, workers: int = DEFAULT_WORKERS, max_waiting: int | None = None) -> None:
        self.target = target
        self.max_waiting = MAX_WAITING if max_waiting is None else max_waiting
        self._jobs: queue.Queue[Job | None] = queue.Queue()
        self._threads = [
            threading.Thread(target=self._work, name=f"eventwire-store-{number}", daemon=True)
            for number in range(workers)
        ]
        for thread in self._threads:
            thread.start()

    async def run(self, job: Callable[[Store], T]) -> T:
        """Run `job(store)` on a worker and wait for it without blocking the event loop."""
        if self._jobs.qsize() >= self.max_waiting:
            raise Overloaded(f"{self._jobs.qsize()} requests are waiting for the database")
        future: Future[T] = Future()
        self._jobs.put((job, future))
        return await asyncio.wrap_future(future)

    def close(self) -> None:
        """Stop the workers; each closes its own connection."""
        for _ in self._threads:
            self._jobs.put(None)
        for thread in self._threads:
            thread.join()

    def _work(self) -> None:
        store: Store | None = None
        try:
            while (item := self._jobs.get()) is not None:
                job, future = item
                if future.set_running_or_notify_cancel():
                    store = self._run(job, future, store)
        finally:
            if store is not None:
                store.close()

    def _run(self, job: Callable[[Store], Any], future: Future, store: Store | None) -> Store | None:
        """Run one job, on a new connection when the old one was dropped; the store to keep for the next."""
        retried = False
        while True:
            try:
                store = _usable(store) or open_store(self.target, readonly=True)
                future.set_result(job(store))
                return store
            except StoreError as err:
                lost = store is not None and store.connection_lost()
                _close(store)
                store = None
                if lost and not retried:  # read-only, so running the job again is safe
                    retried = True
                    continue
                future.set_exception(err)
                return None
            except Exception as err:
                future.set_exception(err)
                return store


def _usable(store: Store | None) -> Store | None:
    """The store, or None when its connection is known to be gone."""
    if store is not None and store.connection_lost():
        _close(store)
        return None
    return store


def _close(store: Store | None) -> None:
    if store is None:
        return
    with contextlib.suppress(StoreError):  # closing a dropped connection may fail; it is gone either way
        store.close()
