"""Writing extracted events as a table, JSON, JSON Lines or CSV: the writers `eventwire.formats` registers
for `eventwire extract`. Files are written whole or not at all (`eventwire.formats.write_atomic`)."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterable
from typing import BinaryIO

from eventwire.flat import EVENT_COLUMNS, SafeCsvWriter, event_fields
from eventwire.formats import FORMATS, write_output
from eventwire.model import Event

#: Which events to emit by the typology that types them: those ACLED types, those only PLOVER types
#: (talks, statements, threats: outside ACLED's scope), or all.
TYPOLOGIES = ("all", "acled", "plover")
CSV_COLUMNS = ("event_id", "doc_id", *EVENT_COLUMNS)


def in_typology(event: Event, typology: str) -> bool:
    """Whether an event belongs to the events of `typology` (see TYPOLOGIES)."""
    if typology == "acled":
        return event.event_type is not None
    if typology == "plover":
        return event.event_type is None and event.plover is not None
    return True


def csv_row(event: Event) -> dict[str, object]:
    """One event as a CSV row: the shared flat columns, lists joined with "; "."""
    fields = event_fields(event)
    for name, value in fields.items():
        if isinstance(value, list):
            fields[name] = "; ".join(value)
    return {"event_id": event.event_id, "doc_id": event.doc_id, **fields}


def render(events: list[Event], fmt: str) -> str:
    """Events in a text format, as a string (for tests and callers that want the text itself)."""
    buffer = io.BytesIO()
    FORMATS[fmt].extracted_writer()(events, buffer)
    return buffer.getvalue().decode("utf-8")


def write_json(events: Iterable[Event], out: BinaryIO) -> int:
    """One JSON array of the event records."""
    records = [event.model_dump(mode="json") for event in events]
    out.write((json.dumps(records, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return len(records)


def write_jsonl(events: Iterable[Event], out: BinaryIO) -> int:
    """One event record a line."""
    count = 0
    for event in events:
        out.write((_one_line(event.model_dump_json()) + "\n").encode("utf-8"))
        count += 1
    return count


def write_csv(events: Iterable[Event], out: BinaryIO) -> int:
    """The flat event columns (`CSV_COLUMNS`), one event a row."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    writer = SafeCsvWriter(text, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow(csv_row(event))
        count += 1
    text.flush()
    text.detach()
    return count


def write_table(events: Iterable[Event], out: BinaryIO) -> int:
    events = list(events)
    out.write(render_table(events).encode("utf-8"))
    return len(events)


# Characters that are valid raw inside JSON strings but that line readers (Python's `splitlines`, older
# JavaScript) take for line breaks; escaped, a JSON Lines record stays on one line for every reader.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _one_line(record: str) -> str:
    return record.translate(_LINE_BREAKS)


def render_table(events: Iterable[Event]) -> str:
    """A table for reading on a terminal: the document, the ACLED sub-event type and the PLOVER type in
    columns of their own, so neither typology's labels mix with the other's."""
    from rich.console import Console
    from rich.table import Table

    events = list(events)
    marked = any(event.status != "new" for event in events)  # `extract --all`: say what each one is
    table = Table(show_lines=False)
    columns = ("doc", "date", "ACLED type", "PLOVER", "actor 1", "actor 2", "where", "killed", "reported by")
    for column in columns + (("status",) if marked else ()):
        table.add_column(column)
    for event in events:
        toll = event.fatalities
        killed = (
            "" if toll is None or toll.best is None else f"{toll.best}{' (cum.)' if toll.cumulative else ''}"
        )
        table.add_row(
            event.doc_id or "",
            f"{event.event_date or ''}",
            event.sub_event_type or "",
            event.plover or "",
            event.actor1.name if event.actor1 else "",
            event.actor2.name if event.actor2 else "",
            f"{event.location.name}, {event.location.country}" if event.location else "",
            killed,
            event.reported_by or "",
            *((event.status,) if marked else ()),
        )
    console = Console(file=io.StringIO(), width=200, force_terminal=sys.stdout.isatty())
    console.print(table)
    return console.file.getvalue()


def write_events(events: list[Event], fmt: str, path: str | None) -> None:
    """Write extracted events in a format of `eventwire.formats`: to stdout, or atomically to a file."""
    writer = FORMATS[fmt].extracted_writer()
    write_output(path, lambda out: writer(events, out))
