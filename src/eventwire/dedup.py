"""Merging the same event told by several articles into one record.

ACLED's rule: one event is the same actors, the same day and the same place. Reports disagree at the
edges, so two reports match when they have the same type and country, dates at most one day apart, nearby
places, and actors that normalise alike (one report may name fewer actors than the other). Two events of
one article are never merged: the article already told them apart.

Clustering is greedy and compares each report with the first report of a cluster (its representative),
never with every member, so clusters cannot chain day after day through daily attacks on one town. Greedy
clusters depend on the order reports are read in, so they are always read in one order, `order_key`: by
day, then by article, then by what they report, whatever order the articles arrived in. The merged events
are then a function of the reports alone: ingesting the same articles in another order gives the same
events. Candidates come from blocks keyed by type, country, admin1 and day, so the work grows with the
number of reports, not its square. `cluster` runs the rule on a whole batch; the store keeps its merged
events equal to what `cluster` gives for all its reports, re-reading the days an article touches
(eventwire.store.merging).
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, Generic, NamedTuple, TypeVar

from eventwire.model import Actor, Event, Toll

DAY_TOLERANCE = 1
# How far apart two coordinates may be and still name one place, by the coarser geo_precision of the two.
NEAR_KM: dict[int | None, float] = {1: 10.0, 2: 25.0, 3: 75.0, None: 25.0}
_EARTH_KM = 6371.0
_NON_WORD = re.compile(r"[^\w]+")


class MergeKey(NamedTuple):
    """What the merge rule reads of one reported event, small enough to hold a million in memory."""

    kind: str
    country: str
    admin1: str
    day: int | None
    lat: float | None
    lon: float | None
    precision: int | None
    place: str
    actors: frozenset[str]
    doc: str

    @property
    def block(self) -> tuple[str, str, str]:
        """The part of the key two reports must share exactly; the day is matched with a tolerance."""
        return (self.kind, self.country, self.admin1)


def normalise(name: str | None) -> str:
    """A name folded for comparison: no accents, no case, no punctuation, no leading article."""
    if not name:
        return ""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(char for char in folded if not unicodedata.combining(char)).casefold()
    words = _NON_WORD.sub(" ", folded).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def actor_key(actor: Actor | None) -> str:
    """An actor's canonical name, or the words of its mention when it has none, folded."""
    if actor is None:
        return ""
    return normalise(actor.name or actor.mention)


def merge_key(event: Event, doc: str) -> MergeKey:
    """The merge key of an event reported by document `doc`.

    Events dated coarser than a day get no day: ACLED merges same-day reports only, so they stay alone.
    Events outside ACLED's scope (no event_type) are typed by their PLOVER category.
    """
    location = event.location
    day = None
    if event.event_date is not None and event.date_precision in (None, "day"):
        day = event.event_date.toordinal()
    actors = frozenset(key for key in (actor_key(event.actor1), actor_key(event.actor2)) if key)
    return MergeKey(
        kind=event.event_type or event.plover,
        country=(location.country or "").upper() if location else "",
        admin1=normalise(location.admin1) if location else "",
        day=day,
        lat=location.lat if location else None,
        lon=location.lon if location else None,
        precision=location.geo_precision if location else None,
        place=normalise(location.name) if location else "",
        actors=actors,
        doc=doc,
    )


def mergeable(key: MergeKey) -> bool:
    """Only a report with a day and a place can be the same event as another one."""
    return key.day is not None and (key.place != "" or key.lat is not None)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlam = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def _has_point(key: MergeKey) -> bool:
    return key.lat is not None and key.lon is not None


def same_place(a: MergeKey, b: MergeKey) -> bool:
    """The same place name, coordinates within the looser precision's radius,
    or a region holding the other."""
    if a.place and a.place == b.place:
        return True
    if 3 in (a.precision, b.precision) and a.admin1 and a.admin1 == b.admin1:
        return True
    if _has_point(a) and _has_point(b):
        limit = max(NEAR_KM.get(a.precision, NEAR_KM[None]), NEAR_KM.get(b.precision, NEAR_KM[None]))
        return distance_km(a.lat, a.lon, b.lat, b.lon) <= limit
    return False


def same_actors(a: frozenset[str], b: frozenset[str]) -> bool:
    """Actors agree when one report's actors are all among the other's (a report may omit one side)."""
    return a <= b or b <= a


def matches(representative: MergeKey, key: MergeKey) -> bool:
    """Whether `key` reports the same event as the cluster whose first report is `representative`."""
    if representative.block != key.block or representative.doc == key.doc:
        return False
    if not (mergeable(representative) and mergeable(key)):
        return False
    if abs(representative.day - key.day) > DAY_TOLERANCE:
        return False
    return same_place(representative, key) and same_actors(representative.actors, key.actors)


def preference(representative: MergeKey, key: MergeKey) -> tuple[int, float]:
    """Order among matching clusters: the nearest day first, then the nearest place."""
    distance = 0.0
    if _has_point(representative) and _has_point(key):
        distance = distance_km(representative.lat, representative.lon, key.lat, key.lon)
    return (abs(representative.day - key.day), distance)


# Stands for a missing coordinate or precision in the reading order (no real value is this low).
_MISSING = -1000.0


def order_key(key: MergeKey) -> tuple:
    """A report's place in the one order the merge rule reads reports in: its day, its article, then what
    it reports. Nothing of when it arrived, so the clusters do not depend on the order of ingestion."""
    return (
        -1 if key.day is None else key.day,
        key.doc,
        key.kind,
        key.country,
        key.admin1,
        key.place,
        _MISSING if key.lat is None else key.lat,
        _MISSING if key.lon is None else key.lon,
        _MISSING if key.precision is None else key.precision,
        tuple(sorted(key.actors)),
    )


Label = TypeVar("Label")


class Candidate(NamedTuple, Generic[Label]):
    """A cluster a report may join: its label, its first report, the articles in it so far, and where its
    first report comes in the reading order (which breaks ties between equally good clusters)."""

    label: Label
    representative: MergeKey
    docs: set[str]
    order: Any


def choose(key: MergeKey, candidates: Iterable[Candidate[Label] | tuple]) -> Label | None:
    """The label of the cluster `key` joins, or None for a new one: the nearest day, then the nearest
    place, then the cluster that comes first in the reading order. A cluster already holding an event of
    the same document is not a candidate."""
    best: tuple[tuple[tuple[int, float], Any], Label] | None = None
    for label, representative, docs, order in candidates:
        if key.doc in docs or not matches(representative, key):
            continue
        rank = (preference(representative, key), order)
        if best is None or rank < best[0]:
            best = (rank, label)
    return None if best is None else best[1]


def cluster(keys: Sequence[MergeKey]) -> list[int]:
    """Cluster a batch of reports: for each, the index of its cluster's representative (the cluster's first
    report in `order_key` order). The clusters are the same in whatever order the keys are given."""
    labels = list(range(len(keys)))
    reading = _reading_order(keys)
    rank = {index: place for place, index in enumerate(reading)}
    blocks: dict[tuple[str, str, str, int], list[int]] = {}
    docs: dict[int, set[str]] = {}
    for index in reading:
        key = keys[index]
        kind, country, admin1 = key.block
        candidates = [
            (cid, keys[cid], docs[cid], rank[cid])
            for day in (key.day - 1, key.day)  # read by day: no cluster starts on a later day yet
            for cid in blocks.get((kind, country, admin1, day), ())
        ]
        chosen = choose(key, candidates)
        if chosen is None:
            chosen = index
            docs[index] = set()
            blocks.setdefault((kind, country, admin1, key.day), []).append(index)
        docs[chosen].add(key.doc)
        labels[index] = chosen
    return labels


def _reading_order(keys: Sequence[MergeKey]) -> list[int]:
    """The mergeable keys' indices in `order_key` order, the input position ordering identical keys (two
    equal events of one article, which never share a cluster, so either order gives the same clusters).
    Grouped by day and sorted by article first: the whole key is needed only among the few reports of one
    article's day, and building it for a million keys would cost more than the merging."""
    by_day: dict[int, list[int]] = {}
    for index, key in enumerate(keys):
        if mergeable(key):
            by_day.setdefault(key.day, []).append(index)
    ordered: list[int] = []
    for day in sorted(by_day):
        indices = sorted(by_day[day], key=lambda i: keys[i].doc)
        for _doc, run in itertools.groupby(indices, key=lambda i: keys[i].doc):
            same = list(run)
            if len(same) > 1:
                same.sort(key=lambda i: (order_key(keys[i]), i))
            ordered.extend(same)
    return ordered


def combine_tolls(tolls: Sequence[Toll | None]) -> Toll | None:
    """Several reports' tolls as one: ACLED's conservative figure (the lowest best) and the widest range.

    Running totals over a campaign are not counts of this event and are left out.
    """
    counts = [toll for toll in tolls if toll is not None and not toll.cumulative]
    if not counts:
        return None

    def lowest(values: Iterable[int | None]) -> int | None:
        present = [value for value in values if value is not None]
        return min(present) if present else None

    def highest(values: Iterable[int | None]) -> int | None:
        present = [value for value in values if value is not None]
        return max(present) if present else None

    return Toll(
        best=lowest(toll.best for toll in counts),
        low=lowest(toll.low if toll.low is not None else toll.best for toll in counts),
        high=highest(toll.high if toll.high is not None else toll.best for toll in counts),
        civilians=lowest(toll.civilians for toll in counts),
        children=lowest(toll.children for toll in counts),
        mention=next((toll.mention for toll in counts if toll.mention), None),
    )


def combine_events(reports: Sequence[Event], event_id: str) -> Event:
    """One record for several reports of an event: the most confident report's account, every source,
    and the tolls combined conservatively. `doc_id`, `evidence` and `sentence` are the lead report's, so
    the offsets point into that article's text; every report keeps its own."""
    lead = max(reports, key=lambda report: report.confidence)
    sources = []
    for report in reports:
        for source in report.sources:
            if source not in sources:
                sources.append(source)
    return lead.model_copy(
        update={
            "event_id": event_id,
            "fatalities": combine_tolls([report.fatalities for report in reports]),
            "injured": combine_tolls([report.injured for report in reports]),
            "sources": sources,
        }
    )


def key_to_json(key: MergeKey) -> list:
    """A merge key as JSON-ready values (the actors sorted), for storing a cluster's representative."""
    return [*key[:8], sorted(key.actors), key.doc]


def key_from_json(values: list) -> MergeKey:
    return MergeKey(*values[:8], frozenset(values[8]), values[9])
