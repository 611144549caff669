"""Every output format in one registry, and the one atomic writer every result file goes through.

A format writes extracted events (`eventwire extract`: `Event` records), stored events (`eventwire export`
and the API's downloads: `MergedEvent`s, with their ids and every article's provenance), or both. Writers
are named as "module:function" and imported on first use, so `extract` never loads the database's or
Parquet's dependencies. The API serves each stored format at /api/events.<suffix>.
"""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TypeVar

from eventwire.errors import OutputError

Result = TypeVar("Result")
#: Writes records to a binary stream and says how many it wrote.
Writer = Callable[[Iterable, BinaryIO], int]


@dataclass(frozen=True)
class Format:
    """One output format: what it is, how it is served, and its writers (None where it has none)."""

    name: str
    description: str
    media_type: str
    suffix: str
    binary: bool = False
    extracted: str | None = None
    stored: str | None = None

    def extracted_writer(self) -> Writer:
        """The writer of extracted `Event`s."""
        return _load(self.extracted, f"{self.name} is not a format of extracted events")

    def stored_writer(self) -> Writer:
        """The writer of stored `MergedEvent`s."""
        return _load(self.stored, f"{self.name} is not a format of stored events")


def _load(reference: str | None, missing: str) -> Writer:
    if reference is None:
        raise ValueError(missing)
    module, name = reference.split(":")
    return getattr(importlib.import_module(module), name)


_TEXT_CSV = "text/csv; charset=utf-8"
FORMATS: dict[str, Format] = {
    entry.name: entry
    for entry in (
        Format(
            "table",
            "a table for reading on a terminal",
            "text/plain; charset=utf-8",
            "txt",
            extracted="eventwire.output:write_table",
        ),
        Format(
            "json",
            "one JSON array of event records",
            "application/json",
            "json",
            extracted="eventwire.output:write_json",
        ),
        Format(
            "jsonl",
            "JSON Lines, one record a line (stored events with their ids and every article's provenance)",
            "application/x-ndjson",
            "jsonl",
            extracted="eventwire.output:write_jsonl",
            stored="eventwire.export:write_jsonl",
        ),
        Format(
            "csv",
            "CSV of the flat event columns, one event a row",
            _TEXT_CSV,
            "csv",
            extracted="eventwire.output:write_csv",
        ),
        Format(
            "acled-csv",
            "ACLED's CSV columns and codes, only events ACLED would code",
            _TEXT_CSV,
            "csv",
            stored="eventwire.export:write_acled_csv",
        ),
        Format(
            "geojson",
            "a GeoJSON FeatureCollection of points (null geometry when not located)",
            "application/geo+json",
            "geojson",
            stored="eventwire.export:write_geojson",
        ),
        Format(
            "parquet",
            "Parquet of the flat columns, typed",
            "application/vnd.apache.parquet",
            "parquet",
            binary=True,
            stored="eventwire.export:write_parquet",
        ),
    )
}
#: `eventwire extract --format`.
EXTRACT_FORMATS = tuple(name for name, entry in FORMATS.items() if entry.extracted)
#: `eventwire export --format` and the API's downloads.
EXPORT_FORMATS = tuple(name for name, entry in FORMATS.items() if entry.stored)


def download_formats() -> dict[str, Format]:
    """The stored formats by the suffix the API serves them at (/api/events.csv is the ACLED CSV)."""
    by_suffix: dict[str, Format] = {}
    for name in EXPORT_FORMATS:
        entry = FORMATS[name]
        if entry.suffix in by_suffix:
            raise ValueError(f"{name} and {by_suffix[entry.suffix].name} share the suffix {entry.suffix}")
        by_suffix[entry.suffix] = entry
    return by_suffix


def check_writable(path: str | os.PathLike) -> None:
    """Fail before the work, not after it, when the output's folder is missing or read-only."""
    folder = Path(path).parent
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise OutputError(f"cannot write {path}: folder {folder} is read-only")


def write_atomic(path: str | os.PathLike, write: Callable[[BinaryIO], Result]) -> Result:
    """Call `write` on a temporary file in the target's folder, fsync it and rename it over the target,
    so a crash, a failed writer or a full disk never leaves half a file: the target is either the old
    file or the whole new one. Returns what `write` returns."""
    target = Path(path)
    try:
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as err:
        raise OutputError(f"cannot write {target}: {err.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            result = write(out)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o644)  # mkstemp's 0600 would hide the output from other users
        os.replace(temp, target)
    except OSError as err:  # a full disk, most likely: the target keeps its previous contents
        Path(temp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {target}: {err.strerror or err}") from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return result


def write_text_atomic(path: str | os.PathLike, text: str) -> None:
    """`write_atomic` for a whole text, in UTF-8."""
    write_atomic(path, lambda out: out.write(text.encode("utf-8")))


def write_output(path: str | os.PathLike | None, write: Callable[[BinaryIO], Result]) -> Result:
    """Write to a file atomically, or to standard output when `path` is None."""
    if path is not None:
        return write_atomic(path, write)
    sys.stdout.flush()  # text already printed comes first
    result = write(sys.stdout.buffer)
    sys.stdout.buffer.flush()  # a reader that left shows now, where the command handles it, not at exit
    return result
