"""JSON Lines input: one document a line, `{"id", "text", "published"?, "title"?, "url"?, "source"?}`."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from pydantic import ValidationError

from eventwire.errors import InputError
from eventwire.ingest.text import (
    MAX_BYTES,
    check_text,
    decode,
    implausible_published,
    read_date,
    refuse_binary,
)
from eventwire.model import Document

#: Bytes read ahead of the lines to tell the encoding and refuse binary data.
HEAD_BYTES = 8192


def document_from_mapping(item: object, where: str) -> Document:
    """Validate one JSON object as a document; the message names the place and the problem."""
    if not isinstance(item, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(item).__name__}")
    text = item.get("text")
    if not isinstance(text, str):
        raise InputError(f'{where}: missing a "text" string')
    doc_id = item.get("id")
    if doc_id is None:
        raise InputError(f'{where}: missing an "id"')
    check_text(text, where)
    try:
        return Document(
            id=str(doc_id),
            text=text,
            published=_published(item.get("published"), where),
            title=item.get("title"),
            url=item.get("url"),
            source=item.get("source"),
        )
    except ValidationError as err:
        first = err.errors()[0]
        raise InputError(f"{where}: field {first['loc'][0]!r}: {first['msg']}") from None


def _published(value: object, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    parsed = read_date(str(value))
    if parsed is None:
        raise InputError(
            f'{where}: cannot read "published" {value!r} as a date; give YYYY-MM-DD (a relative date such'
            ' as "yesterday" would be read against the day of the run)'
        )
    problem = implausible_published(parsed)
    if problem is not None:
        raise InputError(f'{where}: "published" {problem}, not a plausible publication date')
    return parsed


def iter_jsonl(path: Path, on_error: Callable[[str], None] | None = None) -> Iterator[Document]:
    """Documents of a JSONL file, read line by line so memory stays flat however big the file. A broken
    line is reported with its number and skipped when `on_error` is given, so one bad line never loses
    the good ones."""
    try:
        handle = path.open("rb")
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror})") from None
    with handle:
        yield from iter_jsonl_stream(handle, str(path), handle.read(HEAD_BYTES), on_error)


def iter_jsonl_stream(
    stream: BinaryIO, name: str, head: bytes, on_error: Callable[[str], None] | None = None
) -> Iterator[Document]:
    """`iter_jsonl` on a stream (standard input, say) whose first bytes, `head`, were already read."""
    for number, raw in enumerate(_lines(_line_reader(stream, head, name)), 1):
        try:
            document = _document_of_line(raw, f"{name} line {number}")
        except InputError as err:
            if on_error is None:
                raise
            on_error(str(err))
            continue
        if document is not None:
            yield document


def looks_like_jsonl(head: bytes) -> bool:
    """Whether a stream starting with `head` holds JSON Lines rather than one article: a line that
    starts with "{" (in UTF-8 or, by its BOM, UTF-16) is no article's first line."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore").lstrip().startswith("{")
    return head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{")


class _Replay(io.RawIOBase):
    """A stream's bytes with its first bytes, already read, given back first."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._head[: len(buffer)] if self._head else self._rest.read(len(buffer))
        self._head = self._head[len(data) :] if self._head else b""
        buffer[: len(data)] = data
        return len(data)


def _line_reader(stream: BinaryIO, head: bytes, name: str) -> Callable[[int], bytes]:
    """`readline(size)` of the stream as bytes; UTF-16 (by its BOM) is re-encoded to UTF-8 on the fly. A
    binary file is refused as a whole here rather than once for every "line" of it."""
    reader = io.BufferedReader(_Replay(head, stream))
    if not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        refuse_binary(head, name)
        return reader.readline
    text = io.TextIOWrapper(reader, encoding="utf-16", errors="replace")
    return lambda size: text.readline(size).encode("utf-8")


def _lines(readline: Callable[[int], bytes]) -> Iterator[bytes | None]:
    """The file's lines; None stands for a line longer than MAX_BYTES, which is skipped unread."""
    while line := readline(MAX_BYTES + 1):
        if len(line) <= MAX_BYTES or line.endswith(b"\n"):
            yield line
            continue
        while (rest := readline(MAX_BYTES)) and not rest.endswith(b"\n"):
            pass
        yield None


def _document_of_line(raw: bytes | None, where: str) -> Document | None:
    """The document on one line; None for a blank line."""
    if raw is None:
        raise InputError(f"{where}: longer than the {MAX_BYTES:,}-byte limit for one document")
    line = decode(raw, where).rstrip("\r\n")
    if not line.strip():
        return None
    try:
        item = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(f"{where}: malformed JSON ({err.msg})") from None
    except RecursionError:
        raise InputError(f"{where}: JSON nested too deeply to read") from None
    return document_from_mapping(item, where)
