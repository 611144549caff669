"""Load test of `eventwire serve` while `eventwire ingest` writes into the same SQLite database.

1. Ingest a generated set of articles into a fresh database with nothing else running: the reference.
2. Serve a second, empty database (its own process), start the same ingest into it, and meanwhile let N
   client threads hit the list, filter, aggregate, map and detail endpoints on loopback.
3. Report requests/s, latency percentiles and errors, and check that the loaded database ends up with
   exactly the documents and events of the reference (nothing lost, nothing doubled, no broken links).

Run from the repository root: `python benchmarks/load_api.py [--clients 8] [--seconds 60] [--articles 300]`.
Exits non-zero on any failed request or any difference from the reference.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from eventwire.store import open_store

TOWNS = [
    ("Sarmada", "Idlib"),
    ("Ariha", "Idlib"),
    ("Atarib", "Aleppo"),
    ("Kharkiv", "Kharkiv"),
    ("Bakhmut", "Donetsk"),
    ("Mosul", "Nineveh"),
    ("Djibo", "Sahel"),
    ("Goma", "North Kivu"),
]
ATTACKERS = ["Russian warplanes", "Syrian government forces", "Islamic State fighters", "Ukrainian forces"]
OUTLETS = ["Reuters", "AFP", "AP"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
FILTERS = [
    {},
    {"event_type": "Explosions/Remote violence"},
    {"event_type": "Battles", "min_fatalities": 5},
    {"country": "SY"},
    {"country": "UA", "since": "2024-11-01"},
    {"q": "market"},
    {"bbox": "35,33,38,37"},
    {"actor": "Military Forces of Russia"},
    {"admin1": "Idlib", "until": "2024-12-31"},
]
GROUPINGS = ["day", "week", "month", "country", "admin1", "event_type"]


def write_articles(path: Path, count: int) -> Path:
    """`count` short wire stories as JSON Lines; each story is told by three outlets with different tolls."""
    with path.open("w") as out:
        for number in range(count):
            story = number // 3
            town, province = TOWNS[story % len(TOWNS)]
            attacker, outlet = ATTACKERS[story % len(ATTACKERS)], OUTLETS[number % 3]
            day = DAYS[story % len(DAYS)]
            text = (
                f"{attacker} struck {town} in {province} province on {day}, killing {4 + story % 17 + number % 3} "
                f"civilians, {outlet} reported. Residents said the attack hit a market in {town}. "
                f"Dispatch {number}."
            )
            record = {
                "id": f"story{number}",
                "text": text,
                "published": f"2024-{10 + story % 3:02d}-{10 + story % 15:02d}",
                "source": outlet,
                "url": f"https://{outlet.lower()}.test/{story}",
            }
            out.write(json.dumps(record) + "\n")
    return path


def ingest(articles: Path, database: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "eventwire", "ingest", str(articles), "--db", str(database), "--no-progress"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen, what: str) -> None:
    _, stderr = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"{what} failed ({process.returncode}): {stderr.strip()}")


def content(database: Path) -> dict:
    """What a reader can see in the database, without ids and timestamps."""
    with open_store(str(database), readonly=True) as store:
        stats = store.stats()
        events = sorted(
            merged.event.model_dump_json(exclude={"event_id"}) + f"|{merged.num_sources}"
            for merged in store.iter_events()
        )
        return {
            "documents": stats.documents,
            "events": stats.events,
            "merged": events,
            "problems": store.check(),
        }


def serve(database: Path) -> tuple[subprocess.Popen, str]:
    """`eventwire serve` on a free loopback port in its own process, and its base URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "eventwire", "serve", str(database), "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    while line := process.stderr.readline():
        found = re.search(r"at (http://\S+/) ", line)
        if found:
            return process, found.group(1)
    raise SystemExit(f"serve did not start: {process.wait()}")


@dataclass
class Tally:
    """One client's results: latency of each request by endpoint, and failures."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def add(self, endpoint: str, seconds: float) -> None:
        self.latencies.setdefault(endpoint, []).append(seconds)


def next_request(rng: random.Random, known_ids: list[int]) -> tuple[str, str, dict]:
    """A request of the mix: (endpoint name, path, query)."""
    filters = dict(rng.choice(FILTERS))
    roll = rng.random()
    if roll < 0.35:
        return (
            "list",
            "api/events",
            {**filters, "limit": rng.choice([25, 50, 100]), "offset": rng.choice([0, 0, 25])},
        )
    if roll < 0.65:
        by = rng.choice(GROUPINGS)
        return "aggregate", f"api/aggregates/{by}", filters
    if roll < 0.80:
        return "points", "api/points", filters
    if roll < 0.90 and known_ids:
        return "event", f"api/events/{rng.choice(known_ids)}", {}
    return "stats", "api/stats", {}


def client(url: str, seed: int, stop: threading.Event, tally: Tally) -> None:
    rng = random.Random(seed)
    known_ids: list[int] = []
    with httpx.Client(base_url=url, timeout=60) as http:
        while not stop.is_set():
            endpoint, path, params = next_request(rng, known_ids)
            started = time.perf_counter()
            try:
                response = http.get(path, params=params)
            except httpx.HTTPError as err:
                tally.errors.append(f"{endpoint}: {err!r}")
                continue
            tally.add(endpoint, time.perf_counter() - started)
            if response.status_code != 200:
                tally.errors.append(f"{endpoint} {response.status_code}: {response.text[:200]}")
            elif endpoint == "list":
                known_ids = [item["id"] for item in response.json()["items"]][:50] or known_ids


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(tallies: list[Tally], elapsed: float) -> int:
    """Print the figures; the number of failed requests."""
    latencies = [value for tally in tallies for values in tally.latencies.values() for value in values]
    errors = [error for tally in tallies for error in tally.errors]
    print(f"requests      {len(latencies)} in {elapsed:.1f} s = {len(latencies) / elapsed:.1f} requests/s")
    print(
        "latency ms    p50 {:.1f}  p95 {:.1f}  p99 {:.1f}  max {:.1f}  mean {:.1f}".format(
            *(1000 * percentile(latencies, share) for share in (0.5, 0.95, 0.99, 1.0)),
            1000 * statistics.fmean(latencies),
        )
    )
    by_endpoint = Counter()
    for tally in tallies:
        for endpoint, values in tally.latencies.items():
            by_endpoint[endpoint] += len(values)
    for endpoint, count in sorted(by_endpoint.items()):
        values = [value for tally in tallies for value in tally.latencies.get(endpoint, [])]
        print(
            f"  {endpoint:<10} {count:>6} requests  p50 {1000 * percentile(values, 0.5):6.1f} ms"
            f"  p95 {1000 * percentile(values, 0.95):6.1f} ms"
        )
    print(f"errors        {len(errors)}")
    for error in errors[:10]:
        print(f"  {error}")
    return len(errors)


def load(url: str, clients: int, seconds: float, ingesting: subprocess.Popen) -> tuple[list[Tally], float]:
    """Run the clients while the ingest runs, for at most `seconds`."""
    stop = threading.Event()
    tallies = [Tally() for _ in range(clients)]
    threads = [
        threading.Thread(target=client, args=(url, seed, stop, tally)) for seed, tally in enumerate(tallies)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    while ingesting.poll() is None and time.perf_counter() - started < seconds:
        time.sleep(0.1)
    stop.set()
    for thread in threads:
        thread.join()
    return tallies, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8, help="concurrent client threads")
    parser.add_argument("--seconds", type=float, default=60, help="longest time the clients run")
    parser.add_argument("--articles", type=int, default=300, help="articles the ingest reads")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="eventwire-load-") as folder:
        root = Path(folder)
        articles = write_articles(root / "articles.jsonl", args.articles)

        started = time.perf_counter()
        reference_run = ingest(articles, root / "reference.db")
        finish(reference_run, "the reference ingest")
        print(f"ingest alone  {args.articles} articles in {time.perf_counter() - started:.1f} s")
        reference = content(root / "reference.db")

        loaded = root / "loaded.db"
        open_store(str(loaded)).close()
        server, url = serve(loaded)
        try:
            started = time.perf_counter()
            ingesting = ingest(articles, loaded)
            tallies, elapsed = load(url, args.clients, args.seconds, ingesting)
            finish(ingesting, "the ingest under load")
            print(f"ingest loaded {args.articles} articles in {time.perf_counter() - started:.1f} s")
            print(f"clients       {args.clients} threads on {url}")
            errors = report(tallies, elapsed)
        finally:
            server.terminate()
            server.wait()
        found = content(loaded)
    same = found == reference
    print(
        f"database      {found['documents']} documents, {found['events']} merged events "
        f"(ingest alone: {reference['documents']}, {reference['events']}); "
        f"{'identical' if same else 'DIFFERENT'}; link problems: {found['problems'] or 'none'}"
    )
    return 0 if errors == 0 and same and not found["problems"] else 1


if __name__ == "__main__":
    sys.exit(main())
