"""Extraction on several processes of this machine, or on a Dask cluster, with the output in input order.

Documents travel in small batches; each worker process loads the spaCy pipeline and the gazetteer once
(`get_nlp` and the gazetteer are cached per process) and runs whole batches through `nlp.pipe`. A
document whose extraction fails is reported as a failed `Outcome` and the rest of its batch is kept:
the batch is re-run one document at a time to find the culprit. At most a few batches per worker are in
flight, so memory stays flat however long the input is.
"""

from __future__ import annotations

import ctypes
import itertools
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from eventwire.errors import EventwireError
from eventwire.model import Document, Event
from eventwire.settings import DEFAULT_SETTINGS, Settings

if TYPE_CHECKING:
    from distributed import Client

#: Documents per task: big enough for spaCy's batching, small enough to keep every worker busy.
TASK_SIZE = 8
#: Tasks in flight per worker: one running, one queued, so a worker never waits for the next.
TASKS_PER_WORKER = 2
#: How often a worker without a parent-death signal checks that its parent is still there, in seconds.
PARENT_CHECK_S = 1.0
# prctl(2) option asking the kernel to signal this process when its parent dies (Linux).
_PR_SET_PDEATHSIG = 1
#: How long to try reaching a Dask scheduler before saying it cannot be reached.
CONNECT_TIMEOUT = "20s"
# One extraction at a time per process: a spaCy pipeline is not meant to run on two threads at once,
# and a Dask worker started with several threads would otherwise try.
_PIPELINE_LOCK = threading.Lock()


class Pending(Protocol):
    """A submitted batch: a concurrent.futures or a Dask future."""

    def result(self) -> list[Outcome]: ...


@dataclass(frozen=True)
class Outcome:
    """What extraction made of one document: its events, or the reason it failed."""

    doc_id: str
    events: list[Event] = field(default_factory=list)
    error: str | None = None


def extract_batch(batch: list[Document], settings: Settings = DEFAULT_SETTINGS) -> list[Outcome]:
    """The outcome of each document of a batch, in order; runs in a worker (or in this process)."""
    from eventwire.pipeline import extract_documents

    with _PIPELINE_LOCK:
        try:
            results = list(extract_documents(batch, settings))
        except Exception:  # one bad document must not cost the batch: find it below
            return [_extract_alone(document, settings) for document in batch]
    return [Outcome(document.id, events) for document, events in zip(batch, results, strict=True)]


def _extract_alone(document: Document, settings: Settings) -> Outcome:
    from eventwire.pipeline import extract_documents

    try:
        return Outcome(document.id, next(iter(extract_documents([document], settings))))
    except Exception as err:  # reported to the user as this document's failure
        return Outcome(document.id, error=_reason(err))


def _reason(error: BaseException) -> str:
    first = (str(error).strip().splitlines() or [""])[0]
    return f"{type(error).__name__}: {first}" if first else type(error).__name__


def batches(documents: Iterable[Document], size: int = TASK_SIZE) -> Iterator[list[Document]]:
    """The documents in lists of `size` (the last one shorter)."""
    iterator = iter(documents)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def extract_here(documents: Iterable[Document], settings: Settings = DEFAULT_SETTINGS) -> Iterator[Outcome]:
    """Outcomes of every document, extracted in this process."""
    for batch in batches(documents, settings.batch_size):
        yield from extract_batch(batch, settings)


def in_order(
    submit: Callable[[list[Document]], Pending],
    documents: Iterable[Document],
    window: int,
    size: int = TASK_SIZE,
) -> Iterator[Outcome]:
    """Submit batches through `submit` (which returns a future) with at most `window` of them pending,
    and yield their outcomes in input order. A batch whose task itself fails (a worker process killed,
    say) gives one failed outcome per document; the other batches are unaffected."""
    pending: deque[tuple[list[str], Pending]] = deque()
    for batch in batches(documents, size):
        pending.append(([document.id for document in batch], submit(batch)))
        if len(pending) >= window:
            yield from _collect(*pending.popleft())
    while pending:
        yield from _collect(*pending.popleft())


def _collect(doc_ids: list[str], future: Pending) -> list[Outcome]:
    try:
        return future.result()
    except Exception as err:  # the task failed as a whole: say so for each document
        reason = f"worker failed: {_reason(err)}"
        return [Outcome(doc_id, error=reason) for doc_id in doc_ids]


def extract_on_processes(
    documents: Iterable[Document], workers: int, settings: Settings = DEFAULT_SETTINGS
) -> Iterator[Outcome]:
    """Outcomes of every document, extracted by `workers` processes of this machine, in input order.

    Workers are forked where the platform allows: they start at once, share the parent's loaded
    modules copy-on-write, and hash strings as the parent does, so their output is the parent's.
    """
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=exit_with_parent, initargs=(os.getpid(),)
    )
    with pool:

        def submit(batch: list[Document]) -> Pending:
            return pool.submit(extract_batch, batch, settings)

        yield from in_order(submit, documents, workers * TASKS_PER_WORKER)


def exit_with_parent(parent: int) -> None:
    """Worker start-up: end this worker when `parent` dies. A parent killed with SIGKILL cannot stop its
    workers, and each would otherwise live on for good, holding its model (about 220 MB). On Linux the
    kernel sends the signal (prctl PR_SET_PDEATHSIG); elsewhere a thread watches the parent's pid."""
    if not _ask_for_death_signal():
        threading.Thread(target=_watch_parent, args=(parent,), name="parent-watch", daemon=True).start()
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _ask_for_death_signal() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_S)
    os._exit(1)


def extract_on_dask(
    documents: Iterable[Document], client: Client, settings: Settings = DEFAULT_SETTINGS
) -> Iterator[Outcome]:
    """Outcomes of every document, extracted by the workers of a Dask cluster, in input order."""
    workers = max(1, len(client.scheduler_info().get("workers", {})))

    def submit(batch: list[Document]) -> Pending:
        return client.submit(extract_batch, batch, settings, pure=False)

    yield from in_order(submit, documents, workers * TASKS_PER_WORKER)


@contextmanager
def dask_client(scheduler: str | None = None, local_workers: int | None = None) -> Iterator[Client]:
    """A Dask client: connected to the scheduler at `scheduler`, or to a new cluster of `local_workers`
    single-threaded worker processes on this machine (closed on exit)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise EventwireError("Dask is not installed: pip install 'dask[distributed]'") from None
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as err:
            raise EventwireError(f"cannot reach the Dask scheduler at {scheduler}: {_reason(err)}") from None
        with client:
            yield client
        return
    # Any free port for the scheduler's web endpoints: the default one may be another cluster's.
    cluster = LocalCluster(
        n_workers=local_workers or 1, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    with cluster, Client(cluster) as client:
        yield client


def extract_outcomes(
    documents: Iterable[Document],
    settings: Settings = DEFAULT_SETTINGS,
    workers: int = 1,
    dask_scheduler: str | None = None,
    dask_local: int | None = None,
) -> Iterator[Outcome]:
    """Outcomes of every document in input order: here, on `workers` processes, or on Dask."""
    if dask_scheduler or dask_local:
        with dask_client(dask_scheduler, dask_local) as client:
            yield from extract_on_dask(documents, client, settings)
    elif workers > 1:
        yield from extract_on_processes(documents, workers, settings)
    else:
        yield from extract_here(documents, settings)
