"""HTML pages: main text and metadata through trafilatura."""

from __future__ import annotations

import trafilatura

from eventwire.errors import InputError
from eventwire.ingest.text import check_text, parse_published
from eventwire.model import Document


def html_to_document(html: str, doc_id: str, name: str, published=None) -> Document:
    """The article body of an HTML page, with its title, URL, publisher and date when the page says."""
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text:
        raise InputError(f"{name}: no article text found in the HTML")
    check_text(text, name)
    meta = trafilatura.extract_metadata(html)
    page_date = parse_published(meta.date) if meta is not None and meta.date else None
    return Document(
        id=doc_id,
        text=text,
        published=published or page_date,
        title=meta.title if meta is not None else None,
        url=meta.url if meta is not None else None,
        source=meta.sitename if meta is not None else None,
    )
