"""The command line: the built-in example, formats, and one-line errors with non-zero exits."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from eventwire.cli import main


def test_cli_example_gives_jsonl_events_main_first():
    result = CliRunner().invoke(main, ["extract", "--example", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events[0]["plover"] == "ASSAULT" and events[0]["fatalities"]["best"] == 12
    assert all(e["doc_id"] == "northwest-offensive" for e in events)


def test_cli_csv_has_a_header_and_one_row_per_event(tmp_path):
    out = tmp_path / "events.csv"
    result = CliRunner().invoke(main, ["extract", "--example", "--format", "csv", "--output", str(out)])
    assert result.exit_code == 0
    lines = out.read_text().splitlines()
    assert lines[0].startswith("event_id,doc_id,event_date") and len(lines) > 2


def test_cli_missing_publication_date_is_said_on_stderr(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Gunmen killed three villagers in Zamfara on Sunday, police said.")
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0
    assert "no publication date" in result.stderr


def test_cli_bad_input_is_one_line_and_exit_2(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("")
    completed = subprocess.run(
        [sys.executable, "-m", "eventwire", "extract", str(path)], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr and "empty document" in completed.stderr


def test_cli_bad_date_option_is_refused():
    result = CliRunner().invoke(main, ["extract", "--example", "--published", "2024-02-30"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_cli_schema_is_the_event_json_schema():
    result = CliRunner().invoke(main, ["schema"])
    schema = json.loads(result.stdout)
    assert schema["title"] == "Event" and "fatalities" in schema["properties"]


def test_cli_table_has_a_document_column_and_keeps_the_two_typologies_apart():
    result = CliRunner().invoke(main, ["extract", "--example", "--format", "table"])
    assert result.exit_code == 0, result.output
    header = next(line for line in result.stdout.splitlines() if "ACLED type" in line)
    assert [cell.strip() for cell in header.split("┃")][1:3] == ["doc", "date"] and "PLOVER" in header
    rows = [line for line in result.stdout.splitlines() if "northwest-offensive" in line]
    events = [
        json.loads(line) for line in CliRunner().invoke(main, ["extract", "--example"]).stdout.splitlines()
    ]
    assert len(rows) == len(events)
    consult = next(row for row, event in zip(rows, events, strict=True) if event["event_type"] is None)
    cells = [cell.strip() for cell in consult.split("│")]
    assert cells[cells.index("CONSULT") - 1] == ""  # no PLOVER code in the ACLED column
    strike = rows[0]
    assert "Air/drone strike" in strike and "ASSAULT" in strike


def test_cli_typology_chooses_acled_typed_or_plover_only_events():
    def events(*args: str) -> list[dict]:
        result = CliRunner().invoke(main, ["extract", "--example", "--format", "jsonl", *args])
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in result.stdout.splitlines()]

    everything, acled, plover = events(), events("--typology", "acled"), events("--typology", "plover")
    assert acled and plover and len(acled) + len(plover) == len(everything)
    assert all(event["event_type"] for event in acled)
    assert all(event["event_type"] is None and event["plover"] for event in plover)
