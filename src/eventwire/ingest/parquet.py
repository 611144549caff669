"""Parquet input: one document a row, columns `id`, `text` and optionally `published`, `title`, `url`,
`source` (other columns are ignored). Read in record batches, so a large file never sits in memory whole."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from eventwire.errors import InputError
from eventwire.ingest.jsonl import document_from_mapping
from eventwire.model import Document

REQUIRED_COLUMNS = ("id", "text")
OPTIONAL_COLUMNS = ("published", "title", "url", "source")
ROWS_PER_BATCH = 1024


def iter_parquet(path: Path, on_error: Callable[[str], None] | None = None) -> Iterator[Document]:
    """Documents of a Parquet file. A bad row is reported with its number and skipped when `on_error`
    is given; a file without the required columns is refused as a whole."""
    import pyarrow.parquet as pq  # loaded on use: a second of start-up no text-only run should pay

    try:
        table = pq.ParquetFile(path)
    except (OSError, ValueError) as err:
        raise InputError(f"{path}: not a readable Parquet file ({err})") from None
    columns = table.schema_arrow.names
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise InputError(
            f"{path}: Parquet file lacks column(s) {', '.join(missing)}; it has {', '.join(columns) or 'none'}"
        )
    wanted = [name for name in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS) if name in columns]
    number = 0
    for batch in table.iter_batches(batch_size=ROWS_PER_BATCH, columns=wanted):
        for row in batch.to_pylist():
            number += 1
            try:
                yield document_from_mapping(_without_nulls(row), f"{path} row {number}")
            except InputError as err:
                if on_error is None:
                    raise
                on_error(str(err))


def _without_nulls(row: dict) -> dict:
    """Nulls of optional columns are absent values, as a missing key is in JSON Lines."""
    return {key: value for key, value in row.items() if value is not None or key in REQUIRED_COLUMNS}
