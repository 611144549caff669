"""Read-only store connections for the API, each owned by one long-lived worker thread.

sqlite3 and psycopg connections must stay in the thread that opened them, so request handlers hand their
database work to a few worker threads instead of opening a connection per request; the pool also bounds
how many connections the server holds.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from eventwire.errors import StoreError
from eventwire.store import Store, open_store

T = TypeVar("T")
Job = tuple[Callable[[Store], Any], Future]


class StorePool:
    """A few threads, each with its own read-only Store on the same database."""

    def __init__(self, target: str, workers: int = 4) -> None:
        self.target = target
        self._jobs: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
        self._threads = [
            threading.Thread(target=self._work, name=f"eventwire-store-{number}", daemon=True)
            for number in range(workers)
        ]
        for thread in self._threads:
            thread.start()

    async def run(self, job: Callable[[Store], T]) -> T:
        """Run `job(store)` on a worker and wait for it without blocking the event loop."""
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
        """Run one job; a store that failed is dropped so the next job reconnects."""
        try:
            store = store or open_store(self.target, readonly=True)
            future.set_result(job(store))
        except StoreError as err:
            future.set_exception(err)
            if store is not None:
                store.close()
            return None
        except Exception as err:
            future.set_exception(err)
        return store
