"""The store on real databases: every test runs on a SQLite file and on a real PostgreSQL server."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from conftest import make_document, make_event
from eventwire.errors import InputError, StoreError
from eventwire.model import Evidence
from eventwire.store import EventFilter, open_store

REUTERS = make_document(
    "Russian jets struck Sarmada on Monday, killing five civilians.",
    "https://r.test/1",
    source="Reuters",
    published=dt.date(2024, 12, 2),
)
AFP = make_document("An air strike hit Sarmada, killing seven people.", "https://afp.test/1", source="AFP")
SANA = make_document("State media denied strikes on Sarmada.", "https://sana.test/1", source="SANA")


def test_reingesting_the_same_document_changes_nothing(store):
    assert store.add_document(REUTERS, [make_event()]) == "added"
    before = (store.stats(), store.list_events())
    assert store.add_document(REUTERS, [make_event(killed=99)]) == "skipped"
    assert (store.stats(), store.list_events()) == before


def test_the_same_text_under_another_url_is_skipped(store):
    store.add_document(REUTERS, [make_event()])
    mirror = REUTERS.model_copy(update={"url": "https://mirror.test/1"})
    assert store.document_status(mirror) == "skipped"
    assert store.add_document(mirror, [make_event()]) == "skipped"
    assert store.stats().documents == 1


def test_documents_without_url_are_known_by_their_text(store):
    plain = make_document("Clashes in Idlib killed two fighters.")
    assert store.add_document(plain, [make_event()]) == "added"
    assert store.add_document(plain.model_copy(update={"id": "renamed"}), []) == "skipped"


def test_a_changed_document_replaces_its_own_events(store):
    store.add_document(REUTERS, [make_event(killed=5), make_event(place="Idlib", lat=35.93, lon=36.63)])
    updated = REUTERS.model_copy(update={"text": REUTERS.text + " The toll rose to eight."})
    assert store.document_status(updated) == "replaced"
    assert store.add_document(updated, [make_event(killed=8)]) == "replaced"
    events = store.list_events()
    assert [(e.event.location.name, e.event.fatalities.best) for e in events] == [("Sarmada", 8)]
    assert store.stats().documents == 1 and store.stats().reports == 1


def test_articles_telling_one_event_merge_into_one_with_all_sources(store):
    store.add_document(REUTERS, [make_event(killed=5)])
    store.add_document(AFP, [make_event(killed=7, high=9, day="2024-12-03", lat=36.19, lon=36.73)])
    (merged,) = store.list_events()
    assert merged.num_sources == 2
    assert [source.publisher for source in merged.event.sources] == ["Reuters", "AFP"]
    toll = merged.event.fatalities
    assert (toll.best, toll.low, toll.high) == (5, 5, 9)


def test_a_replaced_source_leaves_the_merged_event_with_its_id(store):
    store.add_document(REUTERS, [make_event(killed=5)])
    store.add_document(AFP, [make_event(killed=7)])
    (before,) = store.list_events()
    store.add_document(REUTERS.model_copy(update={"text": "Corrected: no strike."}), [])
    (after,) = store.list_events()
    assert after.id == before.id
    assert after.num_sources == 1 and after.event.fatalities.best == 7


def test_a_merged_event_disappears_with_its_last_source(store):
    store.add_document(REUTERS, [make_event()])
    store.add_document(REUTERS.model_copy(update={"text": "Corrected: nothing happened."}), [])
    assert store.list_events() == [] and store.stats().events == 0
    assert store.list_events(EventFilter(actor="Civilians (Syria)")) == []


@pytest.mark.parametrize(
    "other",
    [
        {"day": "2024-12-05"},
        {"place": "Aleppo", "lat": 36.20, "lon": 37.16, "admin1": "Aleppo"},
        {"event_type": "Battles", "sub_event_type": "Armed clash"},
        {"actor1": "Hayat Tahrir al-Sham", "actor2": "Military Forces of Syria (2000-2024)"},
    ],
    ids=["other-day", "other-place", "other-type", "other-actors"],
)
def test_reports_of_different_days_places_types_or_actors_stay_apart(store, other):
    store.add_document(REUTERS, [make_event()])
    store.add_document(AFP, [make_event(**other)])
    assert store.stats().events == 2


def test_two_events_of_one_article_never_merge(store):
    store.add_document(REUTERS, [make_event(killed=5), make_event(killed=3, day="2024-12-03")])
    assert store.stats().events == 2


def test_a_failed_write_leaves_nothing_half_written(store):
    with pytest.raises(AttributeError):
        store.add_document(REUTERS, [make_event(), "not an event"])
    assert store.stats().documents == 0 and store.stats().events == 0
    assert store.add_document(REUTERS, [make_event()]) == "added"


def _fill(store):
    store.add_document(REUTERS, [make_event(killed=5, notes="Russian jets struck a market in Sarmada.")])
    store.add_document(
        AFP,
        [
            make_event(
                day="2024-11-20",
                place="Aleppo",
                lat=36.20,
                lon=37.16,
                admin1="Aleppo",
                event_type="Battles",
                sub_event_type="Armed clash",
                killed=20,
                actor1="Hayat Tahrir al-Sham",
                actor2="Military Forces of Syria (2000-2024)",
            )
        ],
    )
    store.add_document(
        SANA,
        [
            make_event(
                day="2024-10-01",
                place="Kharkiv",
                lat=49.99,
                lon=36.23,
                admin1="Kharkiv",
                country="UA",
                killed=None,
            )
        ],
    )


@pytest.mark.parametrize(
    ("filters", "places"),
    [
        ({}, ["Sarmada", "Aleppo", "Kharkiv"]),
        ({"since": "2024-11-01"}, ["Sarmada", "Aleppo"]),
        ({"until": "2024-11-20"}, ["Aleppo", "Kharkiv"]),
        ({"country": "Ukraine"}, ["Kharkiv"]),
        ({"country": "SY", "admin1": "Aleppo"}, ["Aleppo"]),
        ({"event_type": "Battles"}, ["Aleppo"]),
        ({"sub_event_type": "Air/drone strike"}, ["Sarmada", "Kharkiv"]),
        ({"actor": "Hayat Tahrir al-Sham"}, ["Aleppo"]),
        ({"bbox": (36.0, 35.0, 37.0, 37.0)}, ["Sarmada"]),
        ({"text": "market jets"}, ["Sarmada"]),
        ({"min_fatalities": 6}, ["Aleppo"]),
    ],
)
@pytest.mark.parametrize("rare", [2000, 0], ids=["rare-matches", "common-matches"])
def test_filters_select_merged_events(store, filters, places, rare, monkeypatch):
    monkeypatch.setattr("eventwire.store.store.RARE", rare)  # both ways a filter can be written
    _fill(store)
    found = store.list_events(EventFilter(**filters))
    assert [event.event.location.name for event in found] == places
    assert store.count_events(EventFilter(**filters)) == len(places)


def test_search_words_are_never_read_as_query_syntax(store):
    _fill(store)
    for words in ['market" OR "*', "Sarmada'; DROP TABLE events; --", "NEAR(", "%_"]:
        store.list_events(EventFilter(text=words))
    assert store.stats().events == 3


def test_pages_come_newest_first(store):
    _fill(store)
    first, second = store.list_events(limit=2), store.list_events(limit=2, offset=2)
    assert [e.event.event_date.isoformat() for e in first + second] == [
        "2024-12-02",
        "2024-11-20",
        "2024-10-01",
    ]


def test_aggregates_count_events_and_fatalities(store):
    _fill(store)
    assert [(b.key, b.events, b.fatalities) for b in store.aggregate("month")] == [
        ("2024-10", 1, 0),
        ("2024-11", 1, 20),
        ("2024-12", 1, 5),
    ]
    assert [b.key for b in store.aggregate("week")] == ["2024-09-30", "2024-11-18", "2024-12-02"]
    assert [(b.key, b.events) for b in store.aggregate("country")] == [("SY", 2), ("UA", 1)]
    assert [b.key for b in store.aggregate("admin1", EventFilter(country="SY"))] == ["Aleppo", "Idlib"]


def test_an_event_comes_with_its_reports_evidence_and_documents(store):
    evidence = [Evidence(field="location", start=20, end=27, text="Sarmada")]
    store.add_document(REUTERS, [make_event(evidence=evidence)])
    store.add_document(AFP, [make_event(killed=7)])
    (merged,) = store.list_events()
    detail = store.get_event(merged.id)
    assert [report.event.evidence for report in detail.reports] == [evidence, []]
    assert [doc.url for doc in detail.documents] == [REUTERS.url, AFP.url]
    document = store.get_document(detail.reports[0].document_id)
    span = document.reports[0].event.evidence[0]
    assert document.text[span.start : span.end] == "Sarmada"
    assert store.get_event(10_000) is None and store.get_document(10_000) is None


def test_documents_are_listed_with_their_report_counts(store):
    _fill(store)
    listed = store.list_documents()
    assert [(doc.source, doc.num_reports) for doc in listed] == [("SANA", 1), ("AFP", 1), ("Reuters", 1)]
    assert listed[-1].published == dt.date(2024, 12, 2)


def test_the_store_reopens_with_its_content(store_url):
    with open_store(store_url) as first:
        first.add_document(REUTERS, [make_event()])
    with open_store(store_url) as second:
        assert second.stats().events == 1
        assert second.add_document(REUTERS, [make_event()]) == "skipped"


def test_a_readonly_store_reads_but_refuses_writes(store_url):
    with open_store(store_url) as writable:
        writable.add_document(REUTERS, [make_event()])
    with open_store(store_url, readonly=True) as readonly:
        assert readonly.stats().events == 1
        with pytest.raises(StoreError):
            readonly.add_document(AFP, [make_event()])


def test_bad_filters_are_refused_with_a_reason():
    with pytest.raises(InputError, match="unknown country"):
        EventFilter(country="Atlantis")
    with pytest.raises(InputError, match="after"):
        EventFilter(since="2024-12-02", until="2024-01-01")


def test_a_missing_folder_is_a_one_line_store_error(tmp_path):
    with pytest.raises(StoreError, match="does not exist") as caught:
        open_store(str(tmp_path / "missing" / "events.db"))
    assert "\n" not in str(caught.value)


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database " * 100)
    with pytest.raises(StoreError, match="not a database"):
        open_store(str(path))
    assert path.read_text().startswith("these are my notes")


def test_a_missing_database_cannot_be_opened_for_reading(tmp_path):
    with pytest.raises(StoreError, match="no database"):
        open_store(str(tmp_path / "absent.db"), readonly=True)


def test_sqlite_files_use_wal(tmp_path):
    path = tmp_path / "events.db"
    open_store(str(path)).close()
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.postgres
def test_an_unreachable_postgresql_server_is_a_store_error(postgres_server):
    url = f"postgresql://postgres@/nosuchdb?host={postgres_server.root}&port={postgres_server.port}"
    with pytest.raises(StoreError, match="cannot open database"):
        open_store(url)


def test_text_search_pages_come_newest_first_with_undated_events_last(store):
    days = ["2024-11-20", "2024-12-02", "2024-11-20", "2024-10-01"]
    for number, day in enumerate(days):
        doc = make_document(f"Report {number} from Sarmada.", f"https://n.test/{number}")
        event = make_event(day=day, place=f"Town {number}", lat=30.0 + number, notes="Jets struck a market.")
        store.add_document(doc, [event])
    undated = make_event(day="2024-12-01", place="Town 4", notes="Jets struck a market.")
    store.add_document(
        make_document("Undated.", "https://n.test/4"), [undated.model_copy(update={"event_date": None})]
    )
    everything = [event.id for event in store.list_events(limit=10)]
    found = [event.id for event in store.list_events(EventFilter(text="market"), limit=2)]
    found += [event.id for event in store.list_events(EventFilter(text="market"), limit=10, offset=2)]
    assert found == everything and len(found) == 5
    assert store.list_events(EventFilter(text="market"))[-1].event.event_date is None


def test_counts_can_stop_at_a_cap(store):
    _fill(store)
    assert store.count_events(EventFilter(text="Russia")) == 2
    assert store.count_events(EventFilter(text="Russia"), cap=1) == 1
    assert [store.count_events(cap=cap) for cap in (1, 2, 3, 10)] == [1, 2, 3, 3]
    assert store.count_events(EventFilter(country="SY"), cap=1) == 1


def test_an_sqlite_database_with_the_older_search_index_is_upgraded_when_opened_for_writing(tmp_path):
    path = tmp_path / "events.db"
    with open_store(str(path)) as first:
        _fill(first)
    with sqlite3.connect(path) as conn:  # the search index as eventwire kept it before
        for trigger in ("events_added", "events_removed", "events_changed"):
            conn.execute(f"DROP TRIGGER {trigger}")
        conn.execute("DROP TABLE events_search")
        conn.execute("DELETE FROM meta WHERE key = 'search_index'")
        conn.execute(
            "CREATE VIRTUAL TABLE events_fts USING fts5(search_text, content='events', content_rowid='id')"
        )
        conn.execute("INSERT INTO events_fts(events_fts) VALUES ('rebuild')")
    with pytest.raises(StoreError, match="open it once for writing"):
        open_store(str(path), readonly=True)
    with open_store(str(path)) as upgraded:
        assert [e.event.location.name for e in upgraded.list_events(EventFilter(text="market jets"))] == [
            "Sarmada"
        ]
        upgraded.add_document(
            make_document("Later.", "https://n.test/later"), [make_event(notes="A market again.")]
        )
    with open_store(str(path), readonly=True) as reader:
        assert reader.count_events(EventFilter(text="market")) == 1
        assert reader.check() == []


def test_aggregates_follow_every_change_to_the_database(store_url):
    with open_store(store_url) as writer, open_store(store_url, readonly=True) as reader:
        writer.add_document(REUTERS, [make_event(killed=5)])
        assert [(b.events, b.fatalities) for b in reader.aggregate("country")] == [(1, 5)]
        assert [(b.events, b.fatalities) for b in writer.aggregate("country")] == [(1, 5)]
        writer.add_document(
            SANA, [make_event(killed=2, day="2024-10-01", place="Kharkiv", lat=49.99, lon=36.23)]
        )
        assert [(b.events, b.fatalities) for b in reader.aggregate("country")] == [(2, 7)]
        assert [(b.events, b.fatalities) for b in writer.aggregate("country")] == [(2, 7)]
