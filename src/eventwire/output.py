"""Writing events as a table, JSON, JSON Lines or CSV; files are written whole or not at all."""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from eventwire.errors import OutputError
from eventwire.flat import EVENT_COLUMNS, SafeCsvWriter, event_fields
from eventwire.model import Event

FORMATS = ("table", "json", "jsonl", "csv")
#: Which events to emit by the typology that types them: those ACLED types, those only PLOVER types
#: (talks, statements, threats: outside ACLED's scope), or all.
TYPOLOGIES = ("all", "acled", "plover")
CSV_COLUMNS = ("event_id", "doc_id", *EVENT_COLUMNS)


def check_writable(path: str | os.PathLike) -> None:
    """Fail before the work, not after it, when the output's folder is missing or read-only."""
    folder = Path(path).parent
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise OutputError(f"cannot write {path}: folder {folder} is read-only")


def write_atomic(path: str | os.PathLike, text: str) -> None:
    """Write a file through a temporary sibling, fsync and a rename, so a crash or a full disk never leaves
    half a file: the target is either the old file or the whole new one."""
    target = Path(path)
    try:
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as err:
        raise OutputError(f"cannot write {target}: {err.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o644)  # mkstemp's 0600 would hide the output from other users
        os.replace(temp, target)
    except OSError as err:
        Path(temp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {target}: {err.strerror}") from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


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
    if fmt == "json":
        return json.dumps([e.model_dump(mode="json") for e in events], indent=2, ensure_ascii=False) + "\n"
    if fmt == "jsonl":
        return "".join(_one_line(e.model_dump_json()) + "\n" for e in events)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = SafeCsvWriter(buffer, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(csv_row(e) for e in events)
        return buffer.getvalue()
    return render_table(events)


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
    """Render and write: to stdout, or atomically to a file."""
    text = render(events, fmt)
    if path is None:
        sys.stdout.write(text)
        sys.stdout.flush()  # a reader that left shows now, where the CLI handles it, not at exit
    else:
        write_atomic(path, text)
