"""RSS and Atom feeds: each entry's summary or content becomes a document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import feedparser
import trafilatura

from eventwire.errors import InputError
from eventwire.ingest.text import check_text, content_id, implausible_published
from eventwire.model import Document


def read_feed(path: Path | str, on_error: Callable[[str], None] | None = None) -> Iterator[Document]:
    """Entries of a local RSS/Atom file (or URL); HTML in entries is reduced to text. An entry that is not
    an English article is reported through `on_error` when given, and the other entries are kept."""
    feed = feedparser.parse(str(path))
    if feed.bozo and not feed.entries:
        reason = (str(feed.bozo_exception).strip().splitlines() or ["unknown format"])[0]
        raise InputError(f"{path}: not a readable RSS/Atom feed ({reason})")
    publisher = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, 1):
        text = _entry_text(entry)
        if not text.strip():
            continue
        try:
            check_text(text, f"{path} entry {number}")
        except InputError as err:
            if on_error is None:
                raise
            on_error(str(err))
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
    """The entry's date; an implausible one (year 2999, say) is broken metadata and left out."""
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        return None
    day = dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday)
    return None if implausible_published(day) else day
