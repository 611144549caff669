"""The one registry of output formats: every format is written by the command line and (for stored events)
downloaded from the API, and each reads back to the events that went in; files are written atomically."""

from __future__ import annotations

import csv
import io
import json
import stat
from collections.abc import Callable
from pathlib import Path

import httpx
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from eventwire.api import create_app
from eventwire.api.server import running
from eventwire.cli import main
from eventwire.errors import OutputError
from eventwire.formats import EXPORT_FORMATS, EXTRACT_FORMATS, FORMATS, download_formats, write_atomic
from eventwire.model import Event
from eventwire.store import open_store
from test_export import fill


def ids_from_csv(column: str) -> Callable[[bytes], list[str]]:
    return lambda data: [row[column] for row in csv.DictReader(io.StringIO(data.decode("utf-8")))]


def ids_from_jsonl(field: str) -> Callable[[bytes], list[str]]:
    return lambda data: [json.loads(line)[field] for line in data.decode("utf-8").splitlines()]


# How to read each format back: the ids of the events in it, in order.
STORED_READERS: dict[str, Callable[[bytes], list[str]]] = {
    "jsonl": ids_from_jsonl("event_id_cnty"),
    "acled-csv": ids_from_csv("event_id_cnty"),
    "geojson": lambda data: [f["properties"]["event_id_cnty"] for f in json.loads(data)["features"]],
    "parquet": lambda data: pq.read_table(io.BytesIO(data)).column("event_id_cnty").to_pylist(),
}
EXTRACTED_READERS: dict[str, Callable[[bytes], list[str]]] = {
    "json": lambda data: [Event.model_validate(record).event_id for record in json.loads(data)],
    "jsonl": lambda data: [Event.model_validate_json(line).event_id for line in data.splitlines()],
    "csv": ids_from_csv("event_id"),
    # a table is for reading: each event's row starts with its document, in order
    "table": lambda data: [
        f"northwest-offensive-{n}"
        for n, line in enumerate((ln for ln in data.decode().splitlines() if "northwest-offensive" in ln), 1)
    ],
}


def test_every_format_has_a_reader_here_and_a_writer_there():
    assert set(STORED_READERS) == set(EXPORT_FORMATS) and set(EXTRACTED_READERS) == set(EXTRACT_FORMATS)
    assert set(EXPORT_FORMATS) | set(EXTRACT_FORMATS) == set(FORMATS)
    for name in EXPORT_FORMATS:
        assert callable(FORMATS[name].stored_writer())
    for name in EXTRACT_FORMATS:
        assert callable(FORMATS[name].extracted_writer())
    with pytest.raises(ValueError, match="not a format of stored events"):
        FORMATS["table"].stored_writer()


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = str(tmp_path_factory.mktemp("formats") / "events.db")
    fill(url)
    return url


@pytest.fixture(scope="module")
def api(database: str):
    with running(create_app(database)) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


def stored_ids(database: str, fmt: str) -> list[str]:
    """The ids a format should hold: every stored event, or for the ACLED CSV those with an ACLED type."""
    with open_store(database, readonly=True) as store:
        events = list(store.iter_events())
    return [m.event_id_cnty for m in events if fmt != "acled-csv" or m.event.event_type]


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_each_stored_format_round_trips_through_the_cli_and_the_api(fmt, database, api, tmp_path):
    target = tmp_path / f"events.{FORMATS[fmt].suffix}"
    result = CliRunner().invoke(main, ["export", database, "--format", fmt, "--output", str(target)])
    assert result.exit_code == 0, result.output
    downloaded = api.get(f"/api/events.{FORMATS[fmt].suffix}")
    assert downloaded.status_code == 200
    assert downloaded.headers["content-type"].split(";")[0] == FORMATS[fmt].media_type.split(";")[0]
    expected = stored_ids(database, fmt)
    assert len(expected) >= 2
    read = STORED_READERS[fmt]
    assert sorted(read(target.read_bytes())) == sorted(expected)
    assert read(downloaded.content) == read(target.read_bytes())


@pytest.fixture(scope="module")
def example_ids() -> list[str]:
    result = CliRunner().invoke(main, ["extract", "--example", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line)["event_id"] for line in result.stdout.splitlines()]


@pytest.mark.parametrize("fmt", EXTRACT_FORMATS)
def test_each_extracted_format_round_trips_through_the_cli(fmt, example_ids, tmp_path):
    target = tmp_path / f"events.{FORMATS[fmt].suffix}"
    result = CliRunner().invoke(main, ["extract", "--example", "--format", fmt, "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert len(example_ids) >= 3
    assert EXTRACTED_READERS[fmt](target.read_bytes()) == example_ids


def test_the_api_serves_each_stored_format_at_its_own_suffix():
    served = download_formats()
    assert {entry.name for entry in served.values()} == set(EXPORT_FORMATS)
    assert served["csv"].name == "acled-csv" and served["geojson"].name == "geojson"


def test_an_atomic_write_is_whole_or_leaves_the_previous_file(tmp_path: Path):
    target = tmp_path / "out.jsonl"
    target.write_text("previous\n")

    def half_then_fail(out) -> None:
        out.write(b"half a file")
        raise RuntimeError("the writer broke")

    with pytest.raises(RuntimeError):
        write_atomic(target, half_then_fail)
    assert target.read_text() == "previous\n" and sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]
    assert write_atomic(target, lambda out: out.write(b"new\n")) == 4
    assert target.read_text() == "new\n" and stat.S_IMODE(target.stat().st_mode) == 0o644
    with pytest.raises(OutputError, match="cannot write"):
        write_atomic(tmp_path / "missing" / "out.jsonl", lambda out: out.write(b"x"))
