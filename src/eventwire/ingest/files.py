"""Turning paths (files, folders, JSON Lines, feeds) into documents."""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from eventwire.errors import InputError
from eventwire.ingest.jsonl import (
    HEAD_BYTES,
    document_from_mapping,
    iter_jsonl,
    iter_jsonl_stream,
    looks_like_jsonl,
)
from eventwire.ingest.parquet import iter_parquet
from eventwire.ingest.text import MAX_BYTES, check_text, decode
from eventwire.model import Document

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
PARQUET_SUFFIXES = {".parquet", ".pq"}
#: The name standard input goes by in messages, and the id of an article read from it.
STDIN = "stdin"
# Tables are not articles: read as prose, their rows would run together into nonsense events.
TABLE_SUFFIXES = {".csv", ".tsv"}


def read_file(path: str | Path, published=None) -> Document:
    """One .txt or .html file as a document; its id is the file name without suffix."""
    path = Path(path)
    return _document(read_bytes(path), path.stem, str(path), path.suffix.lower() in HTML_SUFFIXES, published)


def _document(data: bytes, doc_id: str, name: str, html: bool, published) -> Document:
    text = decode(data, name)
    if html or _looks_like_html(text):
        # trafilatura takes a quarter of a second to import: plain text never needs it.
        from eventwire.ingest.html import html_to_document

        return html_to_document(text, doc_id=doc_id, name=name, published=published)
    check_text(text, name)
    return Document(id=doc_id, text=text, published=published)


def read_stdin(published=None, on_error=None) -> Iterator[Document]:
    """Standard input (given as `-`): JSON Lines when its first line is a JSON object, streamed line by
    line; otherwise one article, text or HTML, with the id "stdin"."""
    stream = sys.stdin.buffer
    head = stream.read(HEAD_BYTES)
    if looks_like_jsonl(head):
        yield from iter_jsonl_stream(stream, STDIN, head, on_error)
        return
    data = head + stream.read(MAX_BYTES + 1 - len(head))
    if len(data) > MAX_BYTES:
        raise InputError(f"{STDIN}: larger than the {MAX_BYTES:,}-byte limit for one document")
    yield _document(data, STDIN, STDIN, False, published)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, reading at most one byte past MAX_BYTES: a device or a pipe such as /dev/zero
    never fills memory, and `decode` refuses what is too big."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror})") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{path}: larger than the {MAX_BYTES:,}-byte limit for one file")
    return data


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


def iter_documents(paths: list[str], published=None, on_error=None) -> Iterator[Document]:
    """Documents from files, folders (recursively), JSON Lines and Parquet files and RSS/Atom feeds.

    A bad document is reported through `on_error(message)` and skipped when a handler is given;
    without one, the first `InputError` propagates.
    """
    for raw in paths:
        if raw == "-":
            yield from _guarded(read_stdin(published, on_error), on_error)
            continue
        path = Path(raw)
        if path.is_dir():
            children = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            yield from iter_documents([str(p) for p in children], published, on_error)
            continue
        yield from _documents_of(path, published, on_error)


def count_documents(paths: list[str]) -> int | None:
    """How many documents `iter_documents` will read from `paths` at most, counted cheaply before the
    work (JSON Lines by their lines, Parquet from its metadata, a folder by its files), so a progress bar
    can show a total and a time left; None when a feed, a JSON list or standard input leaves it unknown."""
    total = 0
    for raw in paths:
        path = Path(raw)
        if raw == "-":
            return None
        if path.is_dir():
            children = sorted(str(p) for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            found = count_documents(children)
        else:
            found = _count_in_file(path)
        if found is None:
            return None
        total += found
    return total


def _count_in_file(path: Path) -> int | None:
    suffix = path.suffix.lower()
    if suffix in FEED_SUFFIXES or suffix == ".json":
        return None
    try:
        if suffix in JSONL_SUFFIXES:
            return _count_lines(path)
        if suffix in PARQUET_SUFFIXES:
            import pyarrow.parquet as pq

            return pq.ParquetFile(path).metadata.num_rows
    except (OSError, ValueError):
        return 0  # unreadable: reported when read, and it gives no document
    return 1


def _count_lines(path: Path) -> int:
    """Lines of a file, read in blocks: a last line without a newline counts too."""
    count, last = 0, b"\n"
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            count += block.count(b"\n")
            last = block[-1:]
    return count + (last != b"\n")


def distinct_ids(documents: Iterable[Document], on_warning: Callable[[str], None]) -> Iterator[Document]:
    """The documents with ids unique within the run, each change said through `on_warning`.

    Event ids are made of document ids ("{id}-1"), so two documents under one id gave events with the
    same id. The same document twice (a file given twice, a line repeated) is read once; another text
    under an id already used is renamed "{id}~2" ("~3", ...)."""
    digests: dict[str, bytes] = {}
    for document in documents:
        digest = hashlib.blake2b(document.text.encode("utf-8"), digest_size=8).digest()
        if document.id in digests:
            if digests[document.id] == digest:
                on_warning(f"{document.id}: the same document again, read once")
                continue
            number = 2
            while f"{document.id}~{number}" in digests:
                number += 1
            renamed = f"{document.id}~{number}"
            on_warning(f"{document.id}: another document has this id; this one is read as {renamed}")
            document = document.model_copy(update={"id": renamed})
        digests[document.id] = digest
        yield document


def _documents_of(path: Path, published, on_error) -> Iterator[Document]:
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from iter_jsonl(path, on_error=on_error)
        elif suffix in PARQUET_SUFFIXES:
            yield from iter_parquet(path, on_error=on_error)
        elif suffix in FEED_SUFFIXES:
            from eventwire.ingest.feeds import read_feed  # feedparser and trafilatura, loaded on use

            yield from read_feed(path, on_error)
        elif suffix == ".json":
            yield from _json_documents(path, on_error)
        elif suffix in TABLE_SUFFIXES:
            raise InputError(
                f"{path}: tables are not read as documents; give JSON Lines or Parquet with id and text"
                " columns (to score an ACLED export: eventwire eval acled)"
            )
        else:
            yield read_file(path, published)
    except InputError as err:
        if on_error is None:
            raise
        on_error(str(err))


def _guarded(documents: Iterator[Document], on_error) -> Iterator[Document]:
    """The documents, an InputError reported through `on_error` when there is one."""
    try:
        yield from documents
    except InputError as err:
        if on_error is None:
            raise
        on_error(str(err))


def _json_documents(path: Path, on_error) -> Iterator[Document]:
    """A .json file holding one document object or a list of them; a bad item is reported like a bad
    JSON line, and the other items are kept."""
    try:
        payload = json.loads(decode(read_bytes(path), str(path)))
    except json.JSONDecodeError as err:
        raise InputError(f"{path}: malformed JSON at line {err.lineno}: {err.msg}") from None
    except RecursionError:
        raise InputError(f"{path}: JSON nested too deeply to read") from None
    items = payload if isinstance(payload, list) else [payload]
    for number, item in enumerate(items, 1):
        try:
            yield document_from_mapping(item, f"{path} item {number}")
        except InputError as err:
            if on_error is None:
                raise
            on_error(str(err))
