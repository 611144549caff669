"""`ingest` end to end with the real extraction pipeline, including a real SIGKILL in the middle of a run."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.store import open_store

TOWNS = ["Sarmada", "Saraqib", "Ariha", "Jisr al-Shughur", "Atarib", "Kharkiv", "Bakhmut", "Kherson", "Mosul"]
ATTACKERS = [
    "Russian warplanes",
    "Syrian government forces",
    "Hayat Tahrir al-Sham fighters",
    "Ukrainian forces",
]
OUTLETS = ["Reuters", "AFP", "AP"]
# Runs `ingest` as its own process, the way a user's shell would.
INGEST_SCRIPT = "import sys; from eventwire.cli import main; main(['ingest', *sys.argv[1:]])"


def write_news(path: Path, count: int) -> Path:
    """`count` short articles as JSONL; each story is told by three outlets with different tolls."""
    with path.open("w") as out:
        for number in range(count):
            story = number // 3
            town, attacker = TOWNS[story % len(TOWNS)], ATTACKERS[story % len(ATTACKERS)]
            outlet = OUTLETS[number % 3]
            text = (
                f"{attacker} struck {town} on Monday, killing {5 + story % 20 + number % 3} civilians, "
                f"{outlet} reported. Residents said the attack hit a market in {town}. Dispatch {number}."
            )
            record = {
                "id": f"n{number}",
                "text": text,
                "published": "2024-12-04",
                "source": outlet,
                "url": f"https://{outlet.lower()}.test/{story}",
            }
            out.write(json.dumps(record) + "\n")
    return path


def run_ingest(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", INGEST_SCRIPT, *args], capture_output=True, text=True, timeout=600
    )


def content(url: str) -> dict:
    """Everything a user can read from the store, without surrogate ids and timestamps."""
    with open_store(url, readonly=True) as store:
        documents = sorted(
            (doc.doc_id, doc.url, doc.num_reports) for doc in store.list_documents(limit=100_000)
        )
        merged = []
        for event in store.iter_events():
            detail = store.get_event(event.id)
            reports = sorted((report.event.doc_id, report.event.event_id) for report in detail.reports)
            merged.append((reports, event.num_sources, event.event.model_dump_json(exclude={"event_id"})))
        return {"documents": documents, "events": sorted(merged), "problems": store.check()}


def document_count(url: str) -> int:
    try:
        with open_store(url, readonly=True) as store:
            return store.stats().documents
    except Exception:  # the writer has not created the schema yet
        return 0


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_news(tmp_path_factory.mktemp("news") / "news.jsonl", 240)


@pytest.fixture(scope="module")
def reference(news: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """What one uninterrupted run stores."""
    url = str(tmp_path_factory.mktemp("reference") / "events.db")
    done = run_ingest(str(news), "--db", url)
    assert done.returncode == 0, done.stderr
    return content(url)


@pytest.mark.slow
def test_an_uninterrupted_run_merges_the_outlets_reports(reference):
    assert len(reference["documents"]) == 240
    assert reference["problems"] == []
    assert any(num_sources > 1 for _, num_sources, _ in reference["events"])


@pytest.mark.slow
def test_a_killed_ingest_leaves_a_consistent_database_and_a_rerun_finishes_the_job(
    store_url, news, reference
):
    process = subprocess.Popen(
        [sys.executable, "-c", INGEST_SCRIPT, str(news), "--db", store_url],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while document_count(store_url) < 40:
        assert process.poll() is None, "ingest ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()

    if not store_url.startswith("postgresql"):
        assert sqlite3.connect(store_url).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    interrupted = content(store_url)
    assert interrupted["problems"] == []
    assert 40 <= len(interrupted["documents"]) < 240
    assert len({doc_id for doc_id, _, _ in interrupted["documents"]}) == len(interrupted["documents"])

    with open_store(store_url) as store:  # a writer's view: it replays what the killed process committed
        stored = store.stats().documents
    assert len(interrupted["documents"]) <= stored < 240
    rerun = run_ingest(str(news), "--db", store_url)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{stored} already stored" in rerun.stderr
    assert content(store_url) == reference


@pytest.mark.slow
def test_ingesting_again_changes_nothing(tmp_path, news):
    url = str(tmp_path / "events.db")
    first = CliRunner().invoke(main, ["ingest", str(news), "--db", url])
    assert first.exit_code == 0, first.output
    before = content(url)
    second = CliRunner().invoke(main, ["ingest", str(news), "--db", url])
    assert "240 already stored" in second.output
    assert content(url) == before


def test_a_changed_article_replaces_its_events(tmp_path):
    first = tmp_path / "v1.jsonl"
    url = str(tmp_path / "events.db")
    article = {
        "id": "a",
        "url": "https://x.test/a",
        "published": "2024-12-04",
        "text": "Russian warplanes struck Sarmada on Monday, killing 5 civilians, rescuers said.",
    }
    first.write_text(json.dumps(article) + "\n")
    CliRunner().invoke(main, ["ingest", str(first), "--db", url])
    second = tmp_path / "v2.jsonl"
    second.write_text(
        json.dumps({**article, "text": article["text"].replace("5 civilians", "9 civilians")}) + "\n"
    )
    result = CliRunner().invoke(main, ["ingest", str(second), "--db", url])
    assert "1 replaced" in result.output
    with open_store(url) as store:
        assert store.stats().documents == 1
        tolls = {event.event.fatalities.best for event in store.iter_events() if event.event.fatalities}
        assert 5 not in tolls


@pytest.mark.slow
def test_unreadable_inputs_are_reported_and_the_rest_is_stored(tmp_path, news):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = CliRunner().invoke(main, ["ingest", str(empty), str(news), "--db", str(tmp_path / "events.db")])
    assert result.exit_code == 2
    assert "empty.txt" in result.output and "240 added" in result.output


def test_a_database_in_a_missing_folder_is_a_one_line_error(tmp_path, news):
    result = run_ingest(str(news), "--db", str(tmp_path / "nowhere" / "events.db"))
    assert result.returncode == 3
    assert result.stderr.strip().count("\n") == 0 and "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_read_only_database_is_a_one_line_error_and_stays_unchanged(tmp_path, news):
    url = str(tmp_path / "events.db")
    open_store(url).close()
    before = Path(url).read_bytes()
    make_read_only(Path(url))
    try:
        result = run_ingest(str(news), "--db", url)
    finally:
        make_writable(Path(url))
    assert result.returncode == 3 and "read-only" in result.stderr
    assert "Traceback" not in result.stderr and result.stderr.strip().count("\n") == 0
    assert Path(url).read_bytes() == before


def make_read_only(path: Path) -> None:
    """Root ignores file modes, so as root the file is made immutable instead."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(path)], check=True)
    else:
        path.chmod(0o444)


def make_writable(path: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        path.chmod(0o644)


@pytest.mark.slow
def test_the_progress_bar_is_shown_when_asked(tmp_path, news):
    result = CliRunner().invoke(
        main, ["ingest", str(news), "--db", str(tmp_path / "events.db"), "--progress"]
    )
    assert result.exit_code == 0
    assert "documents" in result.output and "240" in result.output


def children_of(pid: int) -> set[int]:
    """Live processes whose parent is `pid` (read from /proc, as `ps` does)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while the folder was read
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited; only its parent's reaping is left


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the workers")
def test_workers_exit_when_their_ingest_is_killed(tmp_path, news):
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "eventwire",
            "ingest",
            str(news),
            "--workers",
            "2",
            "--db",
            str(tmp_path / "e.db"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while len(workers := children_of(process.pid)) < 2 or document_count(str(tmp_path / "e.db")) < 8:
        assert process.poll() is None, "ingest ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 5
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [pid for pid in workers if alive(pid)]
    for pid in left:  # do not leave them behind whatever the outcome
        os.kill(pid, signal.SIGKILL)
    assert left == [], f"workers {left} outlived their ingest"


def test_ingest_dates_text_files_by_published(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(
        "Russian warplanes struck Sarmada in Idlib on Monday, killing 12 civilians, rescuers said."
    )
    url = str(tmp_path / "events.db")
    refused = CliRunner().invoke(main, ["ingest", str(article), "--db", url, "--published", "2999-01-01"])
    assert refused.exit_code == 2 and "2999-01-01 is in the future" in refused.output
    result = CliRunner().invoke(main, ["ingest", str(article), "--db", url, "--published", "2024-12-04"])
    assert result.exit_code == 0, result.output
    with open_store(url, readonly=True) as store:
        (document,) = store.list_documents()
        (merged,) = list(store.iter_events())
    assert document.published.isoformat() == "2024-12-04"
    assert (merged.event.event_date.isoformat(), merged.event.date_precision) == ("2024-12-02", "day")


TANGLED_TOWNS = ["Sarmada", "Saraqib", "Ariha", "Maarrat al-Numan", "Jisr al-Shughur"]
TANGLED_ATTACKERS = ["Russian warplanes", "Syrian government forces", "Government helicopters"]
TANGLED_OUTLETS = ["Reuters", "AFP", "AP", "Al Jazeera"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def tangled_news(count: int, seed: int = 3) -> list[dict]:
    """`count` made-up reports of strikes on five towns over twelve days, published a day or two later by
    four outlets, some a day off: many a report could join the clusters of two neighbouring days."""
    rng = random.Random(seed)
    start = dt.date(2024, 11, 4)
    articles = []
    for number in range(count):
        town, attacker = rng.choice(TANGLED_TOWNS), rng.choice(TANGLED_ATTACKERS)
        outlet = rng.choice(TANGLED_OUTLETS)
        day = start + dt.timedelta(days=rng.randrange(12))
        told = day + dt.timedelta(days=rng.choice([0, 0, 0, -1, 1]))
        articles.append(
            {
                "id": f"t{number}",
                "text": f"{attacker} struck {town} on {WEEKDAYS[told.weekday()]}, killing {rng.randrange(2, 15)}"
                f" civilians, {outlet} reported. Residents said the attack hit a market in {town}."
                f" Report {number}.",
                "published": (day + dt.timedelta(days=rng.randrange(1, 3))).isoformat(),
                "source": outlet,
                "url": f"https://{outlet.lower().replace(' ', '')}.test/{number}",
            }
        )
    return articles


def write_lines(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    return path


@pytest.mark.slow
def test_the_merged_events_do_not_depend_on_the_order_of_ingestion(tmp_path):
    articles = tangled_news(150)
    half = len(articles) // 2
    orders = {"first-half-first": articles, "second-half-first": articles[half:] + articles[:half]}
    stored = {}
    for name, order in orders.items():
        url = str(tmp_path / f"{name}.db")
        first = CliRunner().invoke(
            main, ["ingest", str(write_lines(tmp_path / f"{name}-1.jsonl", order[:half])), "--db", url]
        )
        second = CliRunner().invoke(
            main, ["ingest", str(write_lines(tmp_path / f"{name}-2.jsonl", order[half:])), "--db", url]
        )
        assert first.exit_code == second.exit_code == 0, first.output + second.output
        stored[name] = content(url)
    one, other = stored.values()
    assert one["problems"] == other["problems"] == []
    merged = [num_sources for _, num_sources, _ in one["events"]]
    assert len(merged) < 250 and max(merged) >= 3  # the reports do merge, in clusters of several
    assert one == other
