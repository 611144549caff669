"""Faults around a run: another writer holding the database, a full disk, the PostgreSQL server stopped
mid-ingest. Each gives one clear line and a non-zero exit, leaves no half-written document or file, and
a re-run once the fault is gone stores exactly what an uninterrupted run does.
(A read-only database is covered in test_ingest_command.py.)"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import eventwire.store.sqlite
from eventwire.cli import main
from eventwire.store import open_store
from test_ingest_command import content, document_count, write_news

DOCUMENTS = 600
pytestmark = pytest.mark.faults


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def one_line(stderr: str) -> str:
    """The error line; asserts there is exactly one and that no traceback came with it."""
    assert "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("eventwire: error:")]
    assert len(errors) == 1, stderr
    return errors[0]


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_news(tmp_path_factory.mktemp("news") / "news.jsonl", DOCUMENTS)


@pytest.fixture(scope="module")
def reference(news: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """What one uninterrupted run on a healthy disk stores."""
    url = str(tmp_path_factory.mktemp("reference") / "events.db")
    done = cli("ingest", str(news), "--db", url)
    assert done.exit_code == 0, done.output
    return content(url)


# ---- another writer holds the SQLite database


@pytest.fixture
def short_wait(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(eventwire.store.sqlite, "BUSY_TIMEOUT_S", 2)
    return 2


def hold_write_lock(path: Path) -> sqlite3.Connection:
    """Another process's writer, in the middle of a transaction it has not committed."""
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO meta (key, value) VALUES ('other writer', 'uncommitted')")
    return holder


def test_a_locked_database_is_waited_for_and_then_a_one_line_error(tmp_path, news, short_wait):
    url = tmp_path / "events.db"
    open_store(str(url)).close()
    holder = hold_write_lock(url)
    started = time.monotonic()
    try:
        result = cli("ingest", str(news), "--db", str(url))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert time.monotonic() - started >= short_wait
    assert result.exit_code == 3
    assert f"database is locked by another writer (waited {short_wait} s)" in one_line(result.stderr)
    with open_store(str(url), readonly=True) as store:
        assert store.stats().documents == 0 and store.check() == []


def test_a_lock_released_within_the_wait_lets_the_ingest_finish(tmp_path, news, reference, short_wait):
    url = tmp_path / "events.db"
    open_store(str(url)).close()
    holder = hold_write_lock(url)

    def release() -> None:
        time.sleep(short_wait / 2)
        holder.execute("ROLLBACK")
        holder.close()

    releaser = threading.Thread(target=release)
    releaser.start()
    result = cli("ingest", str(news), "--db", str(url))
    releaser.join()
    assert result.exit_code == 0, result.output
    assert content(str(url)) == reference


# ---- the disk fills up


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs mounted for the test: a real ENOSPC from the kernel, not a mock."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small filesystem to fill up needs root")
    if shutil.which("mount") is None:
        pytest.skip("no mount command")
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)], capture_output=True, text=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=True)


def grow(disk: Path) -> None:
    subprocess.run(["mount", "-o", "remount,size=64m", str(disk)], check=True)


def test_a_full_disk_stops_the_ingest_cleanly_and_a_rerun_on_a_bigger_disk_completes(
    small_disk, news, reference
):
    url = str(small_disk / "events.db")
    result = cli("ingest", str(news), "--db", url)
    assert result.exit_code == 3
    assert "database or disk is full" in one_line(result.stderr)

    if_full = content(url)
    assert if_full["problems"] == []
    assert 0 < len(if_full["documents"]) < DOCUMENTS
    assert sqlite3.connect(url).execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    grow(small_disk)
    rerun = cli("ingest", str(news), "--db", url)
    assert rerun.exit_code == 0, rerun.output
    assert f"{len(if_full['documents'])} already stored" in rerun.stderr
    assert content(url) == reference


def test_output_on_a_full_disk_keeps_the_previous_file_whole(small_disk, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("Russian warplanes struck Sarmada on Monday, killing 12 civilians, rescuers said.")
    target = small_disk / "events.jsonl"
    target.write_text("the previous run\n")
    fill(small_disk / "filler")
    result = cli("extract", str(article), "--published", "2024-12-04", "--output", str(target))
    assert result.exit_code == 3
    assert one_line(result.stderr).startswith(f"eventwire: error: cannot write {target}: No space left")
    assert target.read_text() == "the previous run\n"
    assert sorted(path.name for path in small_disk.iterdir()) == ["events.jsonl", "filler"]


def test_export_on_a_full_disk_keeps_the_previous_file_whole(small_disk, tmp_path):
    database = str(tmp_path / "events.db")
    assert cli("ingest", str(write_news(tmp_path / "few.jsonl", 6)), "--db", database).exit_code == 0
    target = small_disk / "events.csv"
    target.write_text("the previous export\n")
    fill(small_disk / "filler")
    result = cli("export", "--db", database, "--output", str(target))
    assert result.exit_code == 3
    assert one_line(result.stderr).startswith(f"eventwire: error: cannot write {target}: No space left")
    assert target.read_text() == "the previous export\n"
    assert sorted(path.name for path in small_disk.iterdir()) == ["events.csv", "filler"]


def fill(path: Path) -> None:
    """Write until the filesystem refuses another byte."""
    with path.open("wb", buffering=0) as out:
        try:
            while True:
                out.write(b"\0" * 4096)
        except OSError:
            pass


# ---- the PostgreSQL server goes away


@pytest.mark.postgres
def test_postgres_stopped_mid_ingest_is_one_line_and_a_rerun_after_restart_completes(
    restartable_postgres, news, reference
):
    url = restartable_postgres.new_database()
    process = subprocess.Popen(
        [sys.executable, "-m", "eventwire", "ingest", str(news), "--db", url],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 300
    while document_count(url) < 20:
        assert process.poll() is None, "ingest ended before the server could be stopped"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    restartable_postgres.halt("fast")
    stderr = process.communicate(timeout=300)[1]
    assert process.returncode == 3
    assert "on postgresql database" in one_line(stderr)

    restartable_postgres.resume()
    interrupted = content(url)
    assert interrupted["problems"] == []
    assert 20 <= len(interrupted["documents"]) < DOCUMENTS
    assert len({doc_id for doc_id, _, _ in interrupted["documents"]}) == len(interrupted["documents"])

    rerun = subprocess.run(
        [sys.executable, "-m", "eventwire", "ingest", str(news), "--db", url],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(interrupted['documents'])} already stored" in rerun.stderr
    assert content(url) == reference
