"""Decoding bytes to text and refusing what is not a readable English news article."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import dateparser

from eventwire.errors import InputError

MAX_BYTES = 20_000_000
# The commonest English function words: news prose has plenty of them, other languages almost none.
_ENGLISH_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "was",
        "with",
        "as",
        "by",
        "at",
        "from",
        "were",
        "has",
        "have",
        "said",
        "it",
        "its",
        "his",
        "their",
        "are",
        "be",
        "this",
        "an",
        "not",
        "which",
        "after",
        "who",
        "been",
        "had",
        "they",
    ]
)
_WORD = re.compile(r"[^\W\d_]+")


def decode(data: bytes, name: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), else UTF-16 by BOM, else cp1252; binary is refused."""
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: {len(data):,} bytes is larger than the {MAX_BYTES:,}-byte limit")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        if text.count("\ufffd") > max(3, len(text) // 100):
            raise InputError(f"{name}: not valid UTF-8 and not readable as Windows-1252") from None
        return text


def english_share(text: str) -> float:
    """Share of the first words that are common English function words (about 0.3-0.5 in news)."""
    words = _WORD.findall(text[:5000].lower())[:600]
    if not words:
        return 0.0
    return sum(word in _ENGLISH_WORDS for word in words) / len(words)


def check_text(text: str, name: str) -> str:
    """Refuse empty, whitespace-only and non-English texts with a reason; return the text unchanged."""
    if not text.strip():
        raise InputError(f"{name}: empty document")
    words = _WORD.findall(text[:5000])
    if len(words) >= 8 and english_share(text) < 0.08:
        raise InputError(f"{name}: not English, skipped")
    return text


def content_id(text: str) -> str:
    """A stable id for a text: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def parse_published(value: str) -> dt.date | None:
    """A publication date from metadata ("2024-12-02", "Mon, 02 Dec 2024 10:00:00 GMT"); None if unreadable
    or absurd (before 1900 or more than a day in the future)."""
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        parsed = dateparser.parse(value, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
        if parsed is None:
            return None
        day = parsed.date()
    if day.year < 1900 or day > dt.date.today() + dt.timedelta(days=1):
        return None
    return day
