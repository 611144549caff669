"""RSS and Atom feeds: each entry's summary or content becomes a document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import feedparser
import trafilatura

from eventwire.errors import InputError
from eventwire.ingest.text import content_id
from eventwire.model import Document


def read_feed(path: Path | str) -> Iterator[Document]:
    """Entries of a local RSS/Atom file (or URL); HTML in entries is reduced to text."""
    feed = feedparser.parse(str(path))
    if feed.bozo and not feed.entries:
        raise InputError(f"{path}: not a readable RSS/Atom feed ({feed.bozo_exception})")
    publisher = feed.feed.get("title")
    for entry in feed.entries:
        text = _entry_text(entry)
        if not text.strip():
            continue
        yield Document(
            id=entry.get("id") or entry.get("link") or content_id(text),
            text=text,
            published=_entry_date(entry),
            title=entry.get("title"),
            url=entry.get("link"),
            source=publisher,
        )


def _entry_text(entry) -> str:
    parts = entry.get("content") or []
    html = parts[0].get("value") if parts else entry.get("summary", "")
    if "<" in html:
        return trafilatura.extract(f"<html><body><article>{html}</article></body></html>") or ""
    return html


def _entry_date(entry) -> dt.date | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None
