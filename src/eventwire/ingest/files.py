"""Turning paths (files, folders, JSON Lines, feeds) into documents."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from eventwire.errors import InputError
from eventwire.ingest.feeds import read_feed
from eventwire.ingest.html import html_to_document
from eventwire.ingest.jsonl import document_from_mapping, iter_jsonl
from eventwire.ingest.text import check_text, decode
from eventwire.model import Document

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


def read_file(path: str | Path, published=None) -> Document:
    """One .txt or .html file as a document; its id is the file name without suffix."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror})") from None
    text = decode(data, str(path))
    if path.suffix.lower() in HTML_SUFFIXES or _looks_like_html(text):
        return html_to_document(text, doc_id=path.stem, name=str(path), published=published)
    check_text(text, str(path))
    return Document(id=path.stem, text=text, published=published)


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


def iter_documents(paths: list[str], published=None, on_error=None) -> Iterator[Document]:
    """Documents from files, folders (recursively), JSON Lines files and RSS/Atom feeds.

    A bad document is reported through `on_error(message)` and skipped when a handler is given;
    without one, the first `InputError` propagates.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            children = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            yield from iter_documents([str(p) for p in children], published, on_error)
            continue
        yield from _documents_of(path, published, on_error)


def _documents_of(path: Path, published, on_error) -> Iterator[Document]:
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from iter_jsonl(path, on_error=on_error)
        elif suffix in FEED_SUFFIXES:
            yield from read_feed(path)
        elif suffix == ".json":
            yield from _json_documents(path)
        else:
            yield read_file(path, published)
    except InputError as err:
        if on_error is None:
            raise
        on_error(str(err))


def _json_documents(path: Path) -> Iterator[Document]:
    """A .json file holding one document object or a list of them."""
    try:
        payload = json.loads(decode(path.read_bytes(), str(path)))
    except json.JSONDecodeError as err:
        raise InputError(f"{path}: malformed JSON at line {err.lineno}: {err.msg}") from None
    items = payload if isinstance(payload, list) else [payload]
    for number, item in enumerate(items, 1):
        yield document_from_mapping(item, f"{path} item {number}")
