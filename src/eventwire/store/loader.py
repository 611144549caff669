"""Feeding documents into the store: skip known ones before the slow extraction, extract in batches,
then store each document with its events in its own transaction (so a crash loses at most the one in hand)."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from eventwire.model import Document, Event
from eventwire.parallel import Outcome
from eventwire.store.records import AddStatus
from eventwire.store.store import Store

# Extracts events from a stream of documents, one result per document, in order: its list of events
# (eventwire.pipeline), or an `Outcome` that may say the document failed (eventwire.parallel).
BatchExtractor = Callable[[Iterable[Document]], Iterator[list[Event] | Outcome]]


@dataclass
class IngestCounts:
    added: int = 0
    replaced: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0

    def count(self, status: AddStatus, events: int) -> None:
        setattr(self, status, getattr(self, status) + 1)
        self.events += events if status != "skipped" else 0

    @property
    def documents(self) -> int:
        return self.added + self.replaced + self.skipped + self.failed


def ingest_documents(
    store: Store,
    documents: Iterable[Document],
    extract: BatchExtractor,
    on_document: Callable[[Document, AddStatus], None] | None = None,
    on_failure: Callable[[Document, str], None] | None = None,
) -> IngestCounts:
    """Store every document with its events; documents already stored are skipped without extraction.

    A document whose extraction failed is not stored (so the next run tries it again) and is passed to
    `on_failure` with the reason.
    """
    counts = IngestCounts()
    pending: deque[Document] = deque()

    def fresh() -> Iterator[Document]:
        for doc in documents:
            if store.document_status(doc) == "skipped":
                counts.count("skipped", 0)
                if on_document:
                    on_document(doc, "skipped")
                continue
            pending.append(doc)
            yield doc

    for result in extract(fresh()):
        doc = pending.popleft()
        events, error = (result.events, result.error) if isinstance(result, Outcome) else (result, None)
        if error is not None:
            counts.failed += 1
            if on_failure:
                on_failure(doc, error)
            continue
        status = store.add_document(doc, events)
        counts.count(status, len(events))
        if on_document:
            on_document(doc, status)
    return counts
