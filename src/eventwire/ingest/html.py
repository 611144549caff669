"""HTML pages: main text and metadata through trafilatura."""

from __future__ import annotations

import datetime as dt
import re

import trafilatura

from eventwire.errors import InputError
from eventwire.ingest.text import check_text, parse_published
from eventwire.model import Document

# A wire dateline that states a whole date at the head of the article: "BEIRUT, December 4, 2024 (Reuters)
# -", "KYIV, 4 Dec 2024 —". A month and day without a year ("KABUL, May 8 (AP) —") dates nothing.
_DATELINE = re.compile(
    r"\A\s*[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][A-Za-z .]{1,30})?,\s*"
    r"(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4})"
    r"\s*(?:\([^()\n]{1,40}\)\s*)?[-–—]"
)


def html_to_document(html: str, doc_id: str, name: str, published=None) -> Document:
    """The article body of an HTML page, with its title, URL, publisher and date when the page says."""
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text:
        raise InputError(f"{name}: no article text found in the HTML")
    check_text(text, name)
    # Not `extensive`: that search takes any year of the body for the date ("the war, which began in
    # 2011" dated the page 2011-01-01 and every "Monday" in it to the last days of 2010).
    meta = trafilatura.extract_metadata(html, extensive=False)
    page_date = parse_published(meta.date) if meta is not None and meta.date else None
    return Document(
        id=doc_id,
        text=text,
        published=published or page_date or dateline_date(text),
        title=meta.title if meta is not None else None,
        url=meta.url if meta is not None else None,
        source=meta.sitename if meta is not None else None,
    )


def dateline_date(text: str) -> dt.date | None:
    """The date a dateline at the head of the text states in full, or None."""
    match = _DATELINE.match(text)
    return parse_published(match["date"]) if match else None
