"""JSON Lines input: one document a line, `{"id", "text", "published"?, "title"?, "url"?, "source"?}`."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path

from pydantic import ValidationError

from eventwire.errors import InputError
from eventwire.ingest.text import check_text, decode, parse_published
from eventwire.model import Document


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
    parsed = parse_published(str(value))
    if parsed is None:
        raise InputError(f'{where}: cannot read "published" {value!r} as a date')
    return parsed


def iter_jsonl(path: Path, on_error: Callable[[str], None] | None = None) -> Iterator[Document]:
    """Documents of a JSONL file. A broken line is reported with its number and skipped when
    `on_error` is given, so one bad line never loses the good ones."""
    try:
        text = decode(path.read_bytes(), str(path))
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror})") from None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path} line {number}"
        try:
            try:
                item = json.loads(line)
            except json.JSONDecodeError as err:
                raise InputError(f"{where}: malformed JSON ({err.msg})") from None
            yield document_from_mapping(item, where)
        except InputError as err:
            if on_error is None:
                raise
            on_error(str(err))
