"""`ingest` and `export` take the database as their first argument or as --db, and show a progress bar
with a total and a time left on a terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.ingest import count_documents
from eventwire.store import open_store

ARTICLES = [
    ("a", "Russian warplanes struck Sarmada on Monday, killing 5 civilians, Reuters reported."),
    ("b", "Syrian government forces shelled Saraqib on Sunday, killing 3 people, the White Helmets said."),
]


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    path = tmp_path / "docs.jsonl"
    lines = [json.dumps({"id": i, "text": t, "published": "2024-12-04"}) for i, t in ARTICLES]
    path.write_text("\n".join(lines) + "\n")
    return path


def run(*args: str, cwd: Path) -> object:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)
        patch.delenv("EVENTWIRE_DB", raising=False)
        return CliRunner().invoke(main, list(args))


def stored(path: Path) -> int:
    with open_store(str(path), readonly=True) as store:
        return store.stats().documents


def test_ingest_takes_the_database_first_and_writes_nowhere_else(tmp_path, docs):
    result = run("ingest", "events.db", docs.name, cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "cannot read" not in result.output
    assert stored(tmp_path / "events.db") == 2
    assert not (tmp_path / "eventwire.db").exists()


def test_ingest_takes_the_database_as_db_too(tmp_path, docs):
    result = run("ingest", docs.name, "--db", "other.db", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert stored(tmp_path / "other.db") == 2


def test_two_different_databases_are_refused(tmp_path, docs):
    result = run("ingest", "a.db", docs.name, "--db", "b.db", cwd=tmp_path)
    assert result.exit_code == 2 and "two databases" in result.output
    assert not (tmp_path / "a.db").exists() and not (tmp_path / "b.db").exists()
    same = run("ingest", "a.db", docs.name, "--db", "a.db", cwd=tmp_path)
    assert same.exit_code == 0 and stored(tmp_path / "a.db") == 2


def test_a_database_alone_is_not_taken_for_a_document(tmp_path):
    result = run("ingest", "events.db", cwd=tmp_path)
    assert result.exit_code == 2 and "no files to read into events.db" in result.output


def test_an_existing_sqlite_file_of_any_name_is_taken_for_the_database(tmp_path, docs):
    assert run("ingest", "store.data", docs.name, cwd=tmp_path).exit_code == 2  # not a database yet
    open_store(str(tmp_path / "store.data")).close()
    result = run("ingest", "store.data", docs.name, cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert stored(tmp_path / "store.data") == 2


@pytest.mark.parametrize("where", [["events.db"], ["--db", "events.db"]])
def test_export_takes_the_database_first_or_as_db(tmp_path, docs, where):
    assert run("ingest", "events.db", docs.name, cwd=tmp_path).exit_code == 0
    result = run("export", *where, "--format", "jsonl", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 2


def test_ingest_progress_counts_json_lines_first_and_shows_the_time_left(tmp_path, docs):
    result = run("ingest", "events.db", docs.name, "--progress", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "2/2" in result.stderr and "eta" in result.stderr
    quiet = run("ingest", "quiet.db", docs.name, cwd=tmp_path)  # not a terminal: no bar
    assert "documents ━" not in quiet.stderr and "2/2" not in quiet.stderr


def test_extract_progress_shows_the_total(tmp_path, docs):
    result = run("extract", "--input", docs.name, "--progress", "--format", "jsonl", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "2/2" in result.stderr and "eta" in result.stderr
    assert len(result.stdout.splitlines()) >= 2


def test_documents_are_counted_before_reading(tmp_path, docs):
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "one.txt").write_text("text")
    (folder / "two.html").write_text("<html></html>")
    unterminated = tmp_path / "last.jsonl"
    unterminated.write_text('{"id": 1}\n{"id": 2}')
    assert count_documents([str(docs), str(folder), str(unterminated)]) == 2 + 2 + 2
    assert count_documents([str(docs), "-"]) is None
