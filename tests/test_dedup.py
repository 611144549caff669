"""The merge rule across articles: same actors, same day (+/-1), same place, same type; and its speed."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import make_document, make_event
from eventwire.dedup import MergeKey, cluster, combine_tolls, merge_key, normalise, order_key
from eventwire.model import Toll
from eventwire.store import document_key, open_store


def labels_of(*events, docs=None) -> list[int]:
    docs = docs or [f"doc{index}" for index in range(len(events))]
    return cluster([merge_key(event, doc) for event, doc in zip(events, docs, strict=True)])


def test_reports_a_day_apart_from_nearby_places_merge():
    assert labels_of(
        make_event(), make_event(day="2024-12-03", lat=36.21, lon=36.75, place="Sarmada town")
    ) == [0, 0]


def test_actor_names_that_normalise_alike_merge():
    assert (
        normalise("The  Hayat Tahrir al-Sham") == normalise("hayat tahrir al sham") == "hayat tahrir al sham"
    )
    assert labels_of(
        make_event(actor1="Hayat Tahrir al-Sham"), make_event(actor1="hayat tahrir al sham")
    ) == [0, 0]


def test_a_report_naming_fewer_actors_merges():
    assert labels_of(make_event(), make_event(actor2=None)) == [0, 0]


def test_a_province_level_report_merges_with_a_town_of_that_province():
    province = make_event(place="Idlib Governorate", lat=35.80, lon=36.60)
    province = province.model_copy(
        update={"location": province.location.model_copy(update={"geo_precision": 3})}
    )
    assert labels_of(make_event(), province) == [0, 0]


def test_reports_of_other_days_places_types_countries_or_actors_stay_apart():
    base = make_event()
    others = [
        make_event(day="2024-12-04"),
        make_event(place="Aleppo", lat=36.20, lon=37.16),
        make_event(event_type="Battles", sub_event_type="Armed clash"),
        make_event(country="TR", admin1="Hatay", place="Reyhanli", lat=36.27, lon=36.57),
        make_event(actor1="Hayat Tahrir al-Sham"),
    ]
    for other in others:
        assert labels_of(base, other) == [0, 1]


def test_daily_attacks_on_one_town_do_not_chain_into_one_event():
    days = [make_event(day=f"2024-12-{day:02d}") for day in range(1, 11)]
    assert len(set(labels_of(*days))) >= 5


def test_two_events_of_one_article_never_merge():
    assert labels_of(make_event(), make_event(killed=2), docs=["same", "same"]) == [0, 1]


def test_events_dated_coarser_than_a_day_stay_alone():
    assert labels_of(make_event(date_precision="month"), make_event(date_precision="month")) == [0, 1]


def test_the_closest_day_wins_among_matching_events():
    labels = labels_of(
        make_event(day="2024-12-01"),
        make_event(day="2024-12-03"),
        make_event(day="2024-12-02"),
        docs=["a", "a", "b"],
    )
    assert labels == [0, 1, 0]
    labels = labels_of(
        make_event(day="2024-12-01"),
        make_event(day="2024-12-02"),
        make_event(day="2024-12-02"),
        docs=["a", "a", "b"],
    )
    assert labels == [0, 1, 1]


def test_combined_tolls_keep_the_conservative_figure_and_the_whole_range():
    tolls = [Toll(best=7, low=5, high=9), Toll(best=4), Toll(best=500, cumulative=True), None]
    combined = combine_tolls(tolls)
    assert (combined.best, combined.low, combined.high) == (4, 4, 9)
    assert combine_tolls([None, Toll(best=1000, cumulative=True)]) is None


def test_the_store_merges_as_batch_clustering_does(tmp_path):
    rng = random.Random(5)
    towns = [("Sarmada", 36.18, 36.72), ("Saraqib", 35.86, 36.80), ("Ariha", 35.81, 36.61)]
    documents = []
    for number in range(60):
        events = []
        for _ in range(rng.randrange(1, 3)):
            town, lat, lon = rng.choice(towns)
            events.append(
                make_event(
                    day=f"2024-12-0{rng.randrange(1, 5)}",
                    place=town,
                    lat=lat,
                    lon=lon,
                    killed=rng.randrange(1, 9),
                    actor2=rng.choice([None, "Civilians (Syria)"]),
                )
            )
        documents.append((make_document(f"article {number}", url=f"https://n.test/{number}"), events))
    keys, expected_groups = [], {}
    for doc, events in documents:
        keys.extend(merge_key(event, document_key(doc)) for event in events)
    for index, label in enumerate(cluster(keys)):
        expected_groups.setdefault(label, []).append(index)
    with open_store(str(tmp_path / "events.db")) as store:
        for doc, events in documents:
            store.add_document(doc, events)
        stored_groups = {}
        position = 0
        for doc_number in range(len(documents)):
            for report in store.get_document(doc_number + 1).reports:
                stored_groups.setdefault(report.merged_id, []).append(position)
                position += 1
    assert sorted(stored_groups.values()) == sorted(expected_groups.values())
    assert len(expected_groups) < len(keys)


TOWNS = [("Sarmada", 36.18, 36.72), ("Saraqib", 35.86, 36.80), ("Ariha", 35.81, 36.61)]


def random_articles(seed: int, count: int) -> list[tuple]:
    """Made-up articles of one to two strikes each on three nearby towns over eight days; some articles
    come again later with other events (a corrected version under the same URL)."""
    rng = random.Random(seed)
    articles = []
    for step in range(count):
        number = rng.randrange(count * 2 // 3)
        events = []
        for _ in range(rng.randrange(1, 3)):
            town, lat, lon = rng.choice(TOWNS)
            events.append(
                make_event(
                    day=f"2024-12-0{rng.randrange(1, 9)}",
                    place=town,
                    lat=lat,
                    lon=lon,
                    killed=rng.randrange(1, 9),
                    actor2=rng.choice([None, "Civilians (Syria)"]),
                )
            )
        doc = make_document(
            f"article {number}, version {step}", url=f"https://n.test/{number}", id=f"a{number}"
        )
        articles.append((doc, events))
    return articles


def stored_merges(target: str) -> tuple[list, list]:
    """The merged events as (document, position) groups and as records without their surrogate ids."""
    with open_store(target, readonly=True) as store:
        groups, records = [], []
        for merged in store.iter_events():
            detail = store.get_event(merged.id)
            reports = sorted(
                (document_doc_id(detail, r.document_id), r.event.event_id) for r in detail.reports
            )
            groups.append(reports)
            records.append((reports, merged.num_sources, merged.event.model_dump_json(exclude={"event_id"})))
    return sorted(groups), sorted(records)


def document_doc_id(detail, document_id: int) -> str:
    return next(doc.doc_id for doc in detail.documents if doc.id == document_id)


def canonical_groups(articles: list[tuple]) -> list:
    """The groups `cluster` gives for the latest version of every article."""
    latest = {doc.url: (doc, events) for doc, events in articles}
    keys, names = [], []
    for doc, events in latest.values():
        for position, event in enumerate(events, 1):
            keys.append(merge_key(event, document_key(doc)))
            names.append((doc.id, event.event_id, position))
    groups: dict[int, list] = {}
    for name, label in zip(names, cluster(keys), strict=True):
        groups.setdefault(label, []).append(name[:2])
    return sorted(sorted(group) for group in groups.values())


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_the_store_merges_the_same_whatever_the_order_of_arrival(kind, tmp_path, request):
    def new_database(name: str) -> str:
        if kind == "sqlite":
            return str(tmp_path / f"{name}.db")
        return request.getfixturevalue("postgres_server").new_database()

    for seed in range(6 if kind == "sqlite" else 2):  # a PostgreSQL database takes a second to create
        articles = random_articles(seed, 24)
        latest = list({doc.url: (doc, events) for doc, events in articles}.values())
        shuffled = list(latest)
        random.Random(seed).shuffle(shuffled)
        results = []
        for name, order in (
            ("as-written", articles),
            ("latest-reversed", latest[::-1]),
            ("shuffled", shuffled),
        ):
            target = new_database(f"{name}-{seed}")
            with open_store(target) as store:
                # One transaction for speed: each article is still merged in as it comes.
                store.add_documents(order, per_transaction=len(order))
                assert store.check() == []
            results.append(stored_merges(target))
        assert results[0] == results[1] == results[2], seed
        assert results[0][0] == canonical_groups(articles), seed


def test_a_database_merged_by_arrival_is_merged_again_when_opened_for_writing(tmp_path):
    articles = random_articles(1, 24)
    target = str(tmp_path / "events.db")
    with open_store(target) as store:
        for doc, events in articles:
            store.add_document(doc, events)
    expected = stored_merges(target)
    with sqlite3.connect(target) as conn:  # one report split from its cluster, as arrival order could
        report_id, event_id = conn.execute(
            "SELECT r.id, r.event_id FROM reports r WHERE (SELECT count(*) FROM reports s"
            " WHERE s.event_id = r.event_id) > 1 ORDER BY r.id DESC LIMIT 1"
        ).fetchone()
        columns = "num_sources, search_text, payload, updated_at, block_kind, block_country, block_admin1,"
        columns += " block_day, representative"
        conn.execute(f"INSERT INTO events ({columns}) SELECT {columns} FROM events WHERE id = ?", [event_id])
        conn.execute("UPDATE reports SET event_id = last_insert_rowid() WHERE id = ?", [report_id])
        conn.execute("DELETE FROM meta WHERE key = 'merge_order'")
    assert stored_merges(target) != expected
    open_store(target).close()
    assert stored_merges(target) == expected
    with open_store(target, readonly=True) as store:
        assert store.check() == []


keys_strategy = st.lists(
    st.builds(
        MergeKey,
        kind=st.sampled_from(["Battles", "Riots"]),
        country=st.just("SY"),
        admin1=st.sampled_from(["idlib", ""]),
        day=st.integers(738_000, 738_006),
        lat=st.floats(36.0, 36.3),
        lon=st.just(36.7),
        precision=st.sampled_from([1, 2, None]),
        place=st.sampled_from(["", "sarmada", "ariha"]),
        actors=st.frozensets(st.sampled_from(["a", "b", "c"]), max_size=2),
        doc=st.sampled_from(["d1", "d2", "d3", "d4", "d5"]),
    ),
    max_size=40,
)


@pytest.mark.slow
@given(keys_strategy)
@settings(max_examples=200, deadline=None)
def test_every_cluster_is_one_report_per_article_within_a_day_of_its_first(keys):
    labels = cluster(keys)
    groups: dict[int, list[MergeKey]] = {}
    for key, label in zip(keys, labels, strict=True):
        groups.setdefault(label, []).append(key)
    for label, members in groups.items():
        first = keys[label]
        assert first in members and order_key(first) == min(order_key(member) for member in members)
        assert len({member.doc for member in members}) == len(members)
        assert all(abs(member.day - first.day) <= 1 for member in members)
        assert len({member.block for member in members}) == 1


def partition(keys: list[MergeKey]) -> list[list[MergeKey]]:
    """The clusters as sorted lists of keys: what `cluster` means, whatever the input positions."""
    labels = cluster(keys)
    groups: dict[int, list[MergeKey]] = {}
    for key, label in zip(keys, labels, strict=True):
        groups.setdefault(label, []).append(key)
    ordered = [sorted(group, key=order_key) for group in groups.values()]
    return sorted(ordered, key=lambda group: [order_key(key) for key in group])


@pytest.mark.slow
@given(keys_strategy, st.randoms(use_true_random=False))
@settings(max_examples=300, deadline=None)
def test_the_clusters_do_not_depend_on_the_order_of_the_reports(keys, rng):
    shuffled = list(keys)
    rng.shuffle(shuffled)
    assert partition(shuffled) == partition(keys)


def synthetic_keys(count: int, seed: int = 11) -> list[MergeKey]:
    """`count` reports of count/3 events, each told three times with a jittered day and position."""
    rng = random.Random(seed)
    kinds = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots"]
    start = dt.date(2022, 1, 1).toordinal()
    keys = []
    for story in range(count // 3):
        kind, country, admin1 = rng.choice(kinds), f"C{rng.randrange(60)}", f"a{rng.randrange(15)}"
        day, lat, lon = start + rng.randrange(1095), rng.uniform(-30, 50), rng.uniform(-20, 80)
        actors = frozenset({f"x{rng.randrange(40)}", f"y{rng.randrange(40)}"})
        for telling in range(3):
            keys.append(
                MergeKey(
                    kind,
                    country,
                    admin1,
                    day + (telling == 2 and rng.random() < 0.3),
                    lat + rng.uniform(-0.02, 0.02),
                    lon,
                    1,
                    f"p{story}",
                    actors,
                    f"d{story}-{telling}",
                )
            )
    rng.shuffle(keys)
    return keys


@pytest.mark.slow
def test_a_million_reports_merge_in_under_a_minute():
    keys = synthetic_keys(1_000_000)
    started = time.perf_counter()
    labels = cluster(keys)
    elapsed = time.perf_counter() - started
    assert elapsed < 60, f"{elapsed:.1f} s"
    assert len(set(labels)) <= 340_000
