"""The REST API over real databases filled by the real pipeline: every filter, paging, aggregates,
downloads, validation, injection attempts and size limits, on SQLite and on a real PostgreSQL server;
then the `serve` command."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pycountry
import pytest
from click.testing import CliRunner

from conftest import make_document, make_event
from eventwire.api import create_app
from eventwire.api.server import example_database, running
from eventwire.cli import main
from eventwire.errors import StoreError
from eventwire.examples import example_path
from eventwire.export import ACLED_COLUMNS, country_fields
from eventwire.ingest import read_file
from eventwire.model import Document
from eventwire.pipeline import extract_documents
from eventwire.store import open_store
from eventwire.store.loader import ingest_documents
from test_bad_input import make_read_only, make_writable

GOLDEN = Path(__file__).parent / "golden"
ARTICLES = [
    (example_path(), dt.date(2024, 12, 2), "https://wire.test/northwest", "Example Wire"),
    (GOLDEN / "kenya-protest.txt", dt.date(2024, 6, 19), "https://news.test/kenya", "Nairobi Daily"),
    (GOLDEN / "sahel-ambush.txt", dt.date(2024, 3, 4), None, None),
]
INJECTIONS = [
    "' OR 1=1 --",
    "1); DROP TABLE events; --",
    '"; DELETE FROM events; --',
    "Idlib' UNION SELECT payload FROM events --",
    "x' OR 'x'='x",
]
FILTER_PARAMETERS = [
    "since",
    "until",
    "country",
    "admin1",
    "event_type",
    "sub_event_type",
    "actor",
    "bbox",
    "q",
    "min_fatalities",
    "limit",
    "offset",
]
# Parameters compared as plain text: an injection there is only a value that matches nothing.
TEXT_PARAMETERS = {"admin1", "actor", "q"}


def articles() -> list[Document]:
    return [
        read_file(path, published=published).model_copy(update={"url": url, "source": source})
        for path, published, url, source in ARTICLES
    ]


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database of each kind holding the three articles, ingested through the real pipeline."""
    if request.param == "sqlite":
        target = str(tmp_path_factory.mktemp("api") / "events.db")
    else:
        target = request.getfixturevalue("postgres_server").new_database()
    with open_store(target) as store:
        counts = ingest_documents(store, articles(), extract_documents)
    assert counts.added == len(ARTICLES) and counts.events >= 8
    return target


@pytest.fixture(scope="module")
def api(database: str) -> Iterator[httpx.Client]:
    """A client of a real uvicorn server on a loopback port over `database`."""
    with running(create_app(database)) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def everything(api: httpx.Client) -> list[dict]:
    page = ok(api.get("/api/events", params={"limit": 1000}))
    assert page["total"] == len(page["items"])
    return page["items"]


def ok(response: httpx.Response) -> dict:
    assert response.status_code == 200, response.text
    return response.json()


def refused(response: httpx.Response, parameter: str) -> None:
    assert response.status_code == 422, response.text
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]
    assert body["errors"][0]["parameter"] == parameter


def ids(items: list[dict]) -> list[int]:
    return [item["id"] for item in items]


# ---- what each filter should select, computed from the unfiltered events


def actor_names(event: dict) -> set[str]:
    actors = [event["actor1"], event["actor2"], *event["assoc_actor_1"], *event["assoc_actor_2"]]
    return {actor["name"] for actor in actors if actor}


def search_words(event: dict) -> set[str]:
    """The words full-text search looks in (the store indexes notes, types, actors, place, sources)."""
    actors = [event["actor1"], event["actor2"], *event["assoc_actor_1"], *event["assoc_actor_2"]]
    place = event["location"] or {}
    parts = [
        event["notes"],
        event["event_type"],
        event["sub_event_type"],
        event["plover"],
        event["reported_by"],
    ]
    parts += [value for actor in actors if actor for value in (actor["name"], actor["mention"])]
    parts += [place.get(key) for key in ("name", "admin1", "admin2", "mention")]
    parts += [source["publisher"] for source in event["sources"]]
    return set(re.findall(r"\w+", " ".join(part for part in parts if part).lower()))


def located_in(event: dict, west: float, south: float, east: float, north: float) -> bool:
    place = event["location"] or {}
    if place.get("lat") is None or place.get("lon") is None:
        return False
    return west <= place["lon"] <= east and south <= place["lat"] <= north


def killed(event: dict) -> int | None:
    return (event["fatalities"] or {}).get("best")


def place_of(event: dict, key: str) -> str | None:
    return (event["location"] or {}).get(key)


def most_common(events: list[dict], value_of: Callable[[dict], object]) -> object:
    """The commonest value among the events: a filter on it selects some of them. The extractor's output
    evolves, so the tests read the values to filter on from what it produced."""
    counts = Counter(value for event in events if (value := value_of(event)) is not None)
    return counts.most_common(1)[0][0]


def middle_date(events: list[dict]) -> str:
    dates = sorted({event["event_date"] for event in events if event["event_date"]})
    return dates[len(dates) // 2]


Case = tuple[dict, Callable[[dict], bool]]


def since_case(events: list[dict]) -> Case:
    day = middle_date(events)
    return {"since": day}, lambda e: bool(e["event_date"]) and e["event_date"] >= day


def until_case(events: list[dict]) -> Case:
    day = middle_date(events)
    return {"until": day}, lambda e: bool(e["event_date"]) and e["event_date"] <= day


def country_case(events: list[dict], name: bool = False) -> Case:
    code = most_common(events, lambda e: place_of(e, "country"))
    value = pycountry.countries.get(alpha_2=code).name if name else code.lower()
    return {"country": value}, lambda e: place_of(e, "country") == code


def admin1_case(events: list[dict]) -> Case:
    admin1 = most_common(events, lambda e: place_of(e, "admin1"))
    return {"admin1": admin1}, lambda e: place_of(e, "admin1") == admin1


def type_case(events: list[dict], key: str = "event_type") -> Case:
    value = most_common(events, lambda e: e[key])
    return {key: value}, lambda e: e[key] == value


def actor_case(events: list[dict]) -> Case:
    actor = most_common(events, lambda e: e["actor1"] and e["actor1"]["name"])
    return {"actor": actor}, lambda e: actor in actor_names(e)


def bbox_case(events: list[dict]) -> Case:
    lon, lat = most_common(events, lambda e: e["location"] and (e["location"]["lon"], e["location"]["lat"]))
    box = (lon - 1, lat - 1, lon + 1, lat + 1)
    return {"bbox": ",".join(map(str, box))}, lambda e: located_in(e, *box)


def text_case(events: list[dict], words: int = 1) -> Case:
    """A word of an event's place name and, for two words, the longest word of its first actor's name."""
    event = next(e for e in events if e["location"] and e["actor1"])
    place = re.findall(r"\w+", event["location"]["name"].lower())[0]
    actor = max(re.findall(r"\w+", event["actor1"]["name"].lower()), key=len)
    query = [place, actor][:words]
    return {"q": " ".join(query)}, lambda e: set(query) <= search_words(e)


def fatalities_case(events: list[dict]) -> Case:
    least = max(killed(event) or 0 for event in events)
    return {"min_fatalities": least}, lambda e: (killed(e) or 0) >= least


def combined_case(events: list[dict]) -> Case:
    (country, in_country), (since, after) = country_case(events), since_case(events)
    return {**country, **since}, lambda e: in_country(e) and after(e)


FILTERS: dict[str, Callable[[list[dict]], Case]] = {
    "since": since_case,
    "until": until_case,
    "country-code": country_case,
    "country-name": lambda events: country_case(events, name=True),
    "admin1": admin1_case,
    "event_type": type_case,
    "sub_event_type": lambda events: type_case(events, "sub_event_type"),
    "actor": actor_case,
    "bbox": bbox_case,
    "q-one-word": text_case,
    "q-two-words": lambda events: text_case(events, words=2),
    "min_fatalities": fatalities_case,
    "combined": combined_case,
}


@pytest.mark.parametrize("case", FILTERS)
def test_each_filter_selects_exactly_the_matching_events(api, everything, case):
    params, expected = FILTERS[case]([item["event"] for item in everything])
    wanted = [item["id"] for item in everything if expected(item["event"])]
    assert 0 < len(wanted) < len(everything), f"{params} should select some events, not all"
    page = ok(api.get("/api/events", params={**params, "limit": 1000}))
    assert ids(page["items"]) == wanted
    assert page["total"] == len(wanted)


def test_events_come_newest_first_and_blank_filters_count_as_absent(api, everything):
    dates = [item["event"]["event_date"] or "" for item in everything]
    assert dates == sorted(dates, reverse=True)
    blank = {name: "" for name in FILTER_PARAMETERS if name not in ("limit", "offset")}
    assert ids(ok(api.get("/api/events", params={**blank, "limit": 1000}))["items"]) == ids(everything)


def test_paging_walks_every_event_once_with_the_total(api, everything):
    seen, offset = [], 0
    while offset is not None:
        page = ok(api.get("/api/events", params={"limit": 3, "offset": offset}))
        assert page["total"] == len(everything) and page["limit"] == 3
        seen += ids(page["items"])
        offset = page["next_offset"]
    assert seen == ids(everything)
    beyond = ok(api.get("/api/events", params={"offset": len(everything) + 5}))
    assert beyond["items"] == [] and beyond["total"] == len(everything) and beyond["next_offset"] is None


def test_every_event_comes_with_its_reports_evidence_and_sources(api, everything):
    publishers = {url: source for _, _, url, source in ARTICLES}
    cited = Counter()
    for item in everything:
        detail = ok(api.get(f"/api/events/{item['id']}"))
        assert detail["merged"] == item
        urls = [doc["url"] for doc in detail["documents"]]
        named = {source["publisher"] for source in item["event"]["sources"]} - {None}
        assert named == {publishers[url] for url in urls} - {None}
        texts = {doc["id"]: ok(api.get(f"/api/documents/{doc['id']}"))["text"] for doc in detail["documents"]}
        for report in detail["reports"]:
            assert report["merged_id"] == item["id"]
            for span in report["event"]["evidence"]:
                assert texts[report["document_id"]][span["start"] : span["end"]] == span["text"]
                cited[span["field"]] += 1
    assert {"actor1", "location", "event_date"} <= set(cited)


def test_documents_list_and_carry_their_text_and_events(api, everything):
    page = ok(api.get("/api/documents"))
    assert page["total"] == len(ARTICLES) and len(page["items"]) == len(ARTICLES)
    texts = {doc.id: doc.text for doc in articles()}
    merged_ids = set(ids(everything))
    for info in page["items"]:
        detail = ok(api.get(f"/api/documents/{info['id']}"))
        assert detail["text"] == texts[info["doc_id"]]
        assert len(detail["reports"]) == info["num_reports"] > 0
        assert {report["merged_id"] for report in detail["reports"]} <= merged_ids
    assert ids(ok(api.get("/api/documents", params={"limit": 1, "offset": 1}))["items"]) == [
        page["items"][1]["id"]
    ]


def test_unknown_ids_are_404(api):
    for path in ("/api/events/999999", "/api/documents/999999"):
        response = api.get(path)
        assert response.status_code == 404 and "999999" in response.json()["detail"]


def monday(day: str) -> str:
    date = dt.date.fromisoformat(day)
    return (date - dt.timedelta(days=date.weekday())).isoformat()


GROUPINGS: dict[str, Callable[[dict], str | None]] = {
    "day": lambda e: e["event_date"],
    "week": lambda e: e["event_date"] and monday(e["event_date"]),
    "month": lambda e: e["event_date"] and e["event_date"][:7],
    "country": lambda e: place_of(e, "country"),
    "admin1": lambda e: place_of(e, "admin1"),
    "event_type": lambda e: e["event_type"],
    "sub_event_type": lambda e: e["sub_event_type"],
}


@pytest.mark.parametrize("by", GROUPINGS)
@pytest.mark.parametrize("params", [{}, {"country": "SY"}], ids=["all", "SY"])
def test_aggregates_count_events_and_fatalities(api, everything, by, params):
    chosen = [
        item["event"] for item in everything if not params or place_of(item["event"], "country") == "SY"
    ]
    events, deaths = Counter(), Counter()
    for event in chosen:
        events[GROUPINGS[by](event)] += 1
        deaths[GROUPINGS[by](event)] += killed(event) or 0
    answer = ok(api.get(f"/api/aggregates/{by}", params=params))
    assert answer["by"] == by
    got = {bucket["key"]: (bucket["events"], bucket["fatalities"]) for bucket in answer["buckets"]}
    assert got == {key: (events[key], deaths[key]) for key in events}
    keys = [bucket["key"] for bucket in answer["buckets"] if bucket["key"] is not None]
    assert keys == sorted(keys)


def test_type_is_another_name_for_the_event_type_grouping(api):
    by_type = ok(api.get("/api/aggregates/type"))
    assert by_type == ok(api.get("/api/aggregates/event_type")) and by_type["by"] == "event_type"
    assert any(bucket["key"] == "Battles" for bucket in by_type["buckets"])
    pairs = ok(api.get("/api/aggregates/month/type"))
    assert pairs == ok(api.get("/api/aggregates/month/event_type")) and pairs["then"] == "event_type"
    assert api.get("/api/aggregates/types").status_code == 422


def test_actors_are_counted_over_the_filtered_events(api, everything):
    expected = Counter(name for item in everything for name in actor_names(item["event"]))
    answer = ok(api.get("/api/actors"))["actors"]
    assert {bucket["key"]: bucket["events"] for bucket in answer} == dict(expected)
    assert [bucket["events"] for bucket in answer] == sorted((b["events"] for b in answer), reverse=True)
    kenyan = ok(api.get("/api/actors", params={"country": "KE", "limit": 2}))["actors"]
    assert len(kenyan) == 2 and all("Kenya" in bucket["key"] for bucket in kenyan)


def test_points_are_the_located_events_with_their_coordinates(api, everything):
    located = {
        item["id"]: item["event"]["location"]
        for item in everything
        if located_in(item["event"], -180, -90, 180, 90)
    }
    answer = ok(api.get("/api/points"))
    assert answer["total"] == len(located) and not answer["truncated"]
    assert {point["id"]: (point["lon"], point["lat"]) for point in answer["points"]} == {
        key: (place["lon"], place["lat"]) for key, place in located.items()
    }
    battles = ok(api.get("/api/points", params={"event_type": "Battles"}))["points"]
    assert {point["event_type"] for point in battles} == {"Battles"}


def test_csv_download_is_acled_columns_for_the_filtered_events(api, everything):
    code = most_common([item["event"] for item in everything], lambda e: place_of(e, "country"))
    response = api.get("/api/events.csv", params={"country": code})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert 'filename="events.csv"' in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert tuple(rows[0]) == ACLED_COLUMNS
    # ACLED's CSV holds only events with an ACLED type, as `eventwire export` writes it.
    expected = [
        e["event"] for e in everything if place_of(e["event"], "country") == code and e["event"]["event_type"]
    ]
    assert sorted(row["sub_event_type"] for row in rows) == sorted(e["sub_event_type"] for e in expected)
    assert {row["country"] for row in rows} == {country_fields(code)[0]}


def test_geojson_download_holds_every_filtered_event(api, everything):
    response = api.get("/api/events.geojson", params={"min_fatalities": 1})
    assert response.status_code == 200 and response.headers["content-type"] == "application/geo+json"
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    assert sorted(feature["id"] for feature in collection["features"]) == sorted(
        item["id"] for item in everything if (killed(item["event"]) or 0) >= 1
    )
    feature = collection["features"][0]
    assert feature["geometry"]["type"] == "Point" and len(feature["geometry"]["coordinates"]) == 2


BAD_REQUESTS = [
    ("/api/events?since=2024-13-01", "since"),
    ("/api/events?since=yesterday", "since"),
    ("/api/events?until=20241201", "until"),
    ("/api/events?since=2024-12-05&until=2024-12-01", "until"),
    ("/api/events?bbox=1,2,3", "bbox"),
    ("/api/events?bbox=-200,0,10,10", "bbox"),
    ("/api/events?bbox=0,-95,10,10", "bbox"),
    ("/api/events?bbox=10,0,0,10", "bbox"),
    ("/api/events?bbox=nan,0,1,1", "bbox"),
    ("/api/events?limit=1001", "limit"),
    ("/api/events?limit=0", "limit"),
    ("/api/events?limit=ten", "limit"),
    ("/api/events?offset=-1", "offset"),
    ("/api/events?event_type=Battle", "event_type"),
    ("/api/events?sub_event_type=Bombing", "sub_event_type"),
    ("/api/events?country=Atlantis", "country"),
    ("/api/events?country=ZZ", "country"),
    ("/api/events?min_fatalities=-1", "min_fatalities"),
    ("/api/events?min_fatalities=many", "min_fatalities"),
    ("/api/events?admin1=" + "x" * 201, "admin1"),
    ("/api/events?evnt_type=Battles", "evnt_type"),
    ("/api/points?limit=5", "limit"),
    ("/api/events.csv?since=2024-02-30", "since"),
    ("/api/aggregates/hour", "by"),
    ("/api/actors?limit=5000", "limit"),
    ("/api/events/0", "event_id"),
    ("/api/events/abc", "event_id"),
    ("/api/events?q=Sarmada%00", "q"),
    ("/api/events?admin1=Idlib%00x", "admin1"),
    ("/api/events?actor=%00", "actor"),
    ("/api/aggregates/day?q=a%01b", "q"),
]


@pytest.mark.parametrize(("url", "parameter"), BAD_REQUESTS, ids=[url for url, _ in BAD_REQUESTS])
def test_bad_parameters_are_a_422_naming_the_parameter(api, url, parameter):
    refused(api.get(url), parameter)


def test_injection_attempts_in_every_parameter_are_refused_or_harmless(api, database, everything):
    with open_store(database, readonly=True) as store:
        before = store.stats()
    for parameter in FILTER_PARAMETERS:
        for attempt in INJECTIONS:
            response = api.get("/api/events", params={parameter: attempt})
            if parameter in TEXT_PARAMETERS:
                assert ok(response) == {
                    "total": 0,
                    "limit": 50,
                    "offset": 0,
                    "next_offset": None,
                    "items": [],
                }
            else:
                refused(response, parameter)
    for attempt in INJECTIONS:
        for path in (f"/api/events/{attempt}", f"/api/documents/{attempt}", f"/api/aggregates/{attempt}"):
            assert api.get(path).status_code in (404, 422)
        assert ok(api.get("/api/aggregates/day", params={"q": attempt}))["buckets"] == []
        assert ok(api.get("/api/points", params={"actor": attempt}))["points"] == []
    with open_store(database, readonly=True) as store:
        assert store.stats() == before and store.check() == []
    assert ids(ok(api.get("/api/events", params={"limit": 1000}))["items"]) == ids(everything)


def test_oversized_requests_are_refused_before_routing(api):
    response = api.get("/api/events", params={"q": "word " * 1000})
    assert response.status_code == 414 and "limit" in response.json()["detail"]
    assert api.request("GET", "/api/events", content=b"x" * 20_000).status_code == 413
    chunked = api.request("GET", "/api/events", content=iter([b"x" * 100]))
    assert chunked.status_code == 411
    assert api.request("GET", "/api/events", content=b"x" * 100).status_code == 200


def test_the_api_only_reads(api):
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        assert api.request(method, "/api/events").status_code == 405


def test_every_answer_forbids_loading_anything_from_elsewhere(api):
    for path in ("/", "/docs", "/api/stats", "/api/events?limit=nope", "/static/app.js"):
        policy = api.get(path).headers["content-security-policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        assert "http" not in policy


def test_openapi_and_the_reference_page_work_offline(api):
    spec = ok(api.get("/openapi.json"))
    assert {
        "/api/events",
        "/api/events/{event_id}",
        "/api/events.csv",
        "/api/events.geojson",
        "/api/points",
        "/api/aggregates/{by}",
        "/api/actors",
        "/api/stats",
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/aggregates/{by}/{then}",
    } <= set(spec["paths"])
    filters = {param["name"] for param in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert set(FILTER_PARAMETERS) <= filters
    for page in ("/docs", "/"):
        html = api.get(page).text
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), page
        for asset in re.findall(r"""(?:src|href)="(/static/[^"]+)\"""", html):
            assert api.get(asset).status_code == 200, asset


def test_stats_count_documents_reports_and_events(api, everything):
    stats = ok(api.get("/api/stats"))
    assert stats["documents"] == len(ARTICLES) and stats["events"] == len(everything)
    assert stats["reports"] >= stats["events"]


# ---- SQLite only: empty databases, broken databases


def test_an_empty_database_answers_with_empty_results(tmp_path):
    target = str(tmp_path / "empty.db")
    open_store(target).close()
    with running(create_app(target)) as url, httpx.Client(base_url=url) as client:
        assert ok(client.get("/api/stats")) == {"documents": 0, "reports": 0, "events": 0}
        assert ok(client.get("/api/events"))["total"] == 0
        assert ok(client.get("/api/points")) == {"total": 0, "truncated": False, "points": []}
        assert ok(client.get("/api/aggregates/week"))["buckets"] == []
        assert client.get("/api/events.csv").text.strip() == ",".join(ACLED_COLUMNS)


def test_a_database_that_breaks_while_served_gives_a_503_in_json(tmp_path):
    target = str(tmp_path / "events.db")
    open_store(target).close()
    with running(create_app(target)) as url, httpx.Client(base_url=url) as client:
        with sqlite3.connect(target) as conn:
            conn.execute("DROP TABLE event_actors")
        response = client.get("/api/actors")
        assert response.status_code == 503
        assert "event_actors" in response.json()["detail"]
        assert str(tmp_path) not in response.text and "events.db" not in response.text


def test_an_unreadable_database_fails_when_the_app_is_made(tmp_path):
    with pytest.raises(StoreError, match="no database"):
        create_app(str(tmp_path / "missing.db"))
    (tmp_path / "notes.db").write_text("not a database")
    with pytest.raises(StoreError, match="not a database"):
        create_app(str(tmp_path / "notes.db"))


def stored_one_document(target: str, number: int = 1) -> None:
    with open_store(target) as store:
        store.add_document(
            make_document(f"Strike number {number}.", f"https://r.test/{number}"), [make_event(killed=number)]
        )


def test_a_database_in_a_read_only_folder_is_served(tmp_path):
    """No -shm file can be made there, which a WAL reader needs: it is read as immutable."""
    folder = tmp_path / "archive"
    folder.mkdir()
    target = str(folder / "events.db")
    stored_one_document(target)
    make_read_only(folder)
    try:
        with running(create_app(target)) as url, httpx.Client(base_url=url) as client:
            assert ok(client.get("/api/stats")) == {"documents": 1, "reports": 1, "events": 1}
            assert ok(client.get("/api/events"))["items"][0]["event"]["fatalities"]["best"] == 1
        assert CliRunner().invoke(main, ["export", "--db", target, "--format", "jsonl"]).exit_code == 0
    finally:
        make_writable(folder)
    assert sorted(path.name for path in folder.iterdir()) == ["events.db"]


def test_serving_sees_new_writes_and_leaves_nothing_beside_the_database(tmp_path):
    target = str(tmp_path / "events.db")
    stored_one_document(target)
    with running(create_app(target)) as url, httpx.Client(base_url=url) as client:
        assert ok(client.get("/api/stats"))["documents"] == 1
        stored_one_document(target, 2)  # an ingest while the server runs
        assert ok(client.get("/api/stats"))["documents"] == 2
        with (
            open_store(target, readonly=True) as store,
            pytest.raises(StoreError, match="read-only|readonly"),
        ):
            store.add_document(make_document("A third.", "https://r.test/3"), [make_event()])
    assert CliRunner().invoke(main, ["export", "--db", target, "--format", "jsonl"]).exit_code == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == ["events.db"]


# ---- the serve command


def test_serve_with_a_bad_database_is_one_line_and_a_non_zero_exit(tmp_path):
    (tmp_path / "notes.db").write_text("not a database")
    for path in (tmp_path / "missing.db", tmp_path / "notes.db", tmp_path):
        result = CliRunner().invoke(main, ["serve", str(path)])
        assert result.exit_code == StoreError.exit_code, result.output
        assert result.output.count("\n") == 1 and result.output.startswith("eventwire: error: ")
        assert "Traceback" not in result.output


def test_serve_refuses_a_busy_port_and_a_database_with_example(tmp_path):
    target = str(tmp_path / "events.db")
    open_store(target).close()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        result = CliRunner().invoke(main, ["serve", target, "--port", str(busy.getsockname()[1])])
    assert result.exit_code == 1 and "cannot listen on 127.0.0.1" in result.output
    result = CliRunner().invoke(main, ["serve", target, "--example"])
    assert result.exit_code == 2 and "not both" in result.output


def test_example_database_holds_the_example_articles_events(tmp_path):
    with open_store(str(example_database(tmp_path)), readonly=True) as store:
        stats = store.stats()
        (document,) = store.list_documents()
    assert stats.documents == 1 and stats.events >= 3
    assert document.published == dt.date(2024, 12, 2)


@pytest.mark.slow
def test_serve_example_serves_the_example_until_interrupted():
    process = subprocess.Popen(
        [sys.executable, "-m", "eventwire", "serve", "--example", "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = []
        while not any("serving" in line for line in lines):
            line = process.stderr.readline()
            assert line, f"serve ended early: {''.join(lines)}"
            lines.append(line)
        url = re.search(r"at (http://\S+/) ", lines[-1]).group(1)
        stats = httpx.get(url + "api/stats", timeout=30).json()
        assert stats["documents"] == 1 and stats["events"] >= 3
        assert "eventwire" in httpx.get(url, timeout=30).text
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


# ---- load and the database server going away


def answers_to_simultaneous_requests(url: str, count: int, path: str) -> Counter:
    """Status codes of `count` requests sent at once, each on its own connection."""
    import asyncio

    async def send_all() -> list[int]:
        limits = httpx.Limits(max_connections=None, max_keepalive_connections=0)
        async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
            responses = await asyncio.gather(*(client.get(path) for _ in range(count)))
        return [response.status_code for response in responses]

    return Counter(asyncio.run(send_all()))


@pytest.mark.slow
def test_200_simultaneous_requests_are_all_answered(database):
    with running(create_app(database)) as url:
        assert answers_to_simultaneous_requests(url, 200, "/api/events?limit=1000") == {200: 200}


def busy(response: httpx.Response) -> bool:
    """A 503 that says, in JSON, to come back later."""
    return (
        response.status_code == 503
        and response.headers["retry-after"] == "1"
        and "try again" in response.json()["detail"]
    )


@pytest.mark.slow
def test_overload_is_answered_in_json_with_retry_after(tmp_path, monkeypatch):
    import eventwire.api.connections
    import eventwire.api.pool

    target = str(tmp_path / "events.db")
    stored_one_document(target)
    monkeypatch.setattr(eventwire.api.pool, "MAX_WAITING", 0)  # every request finds the queue full
    with running(create_app(target)) as url:
        assert busy(httpx.get(url + "api/stats"))
    monkeypatch.undo()
    monkeypatch.setattr(eventwire.api.connections.GuardedH11Protocol, "max_connections", 3)
    with running(create_app(target)) as url:
        host, port = url.removeprefix("http://").strip("/").split(":")
        idle = [socket.create_connection((host, int(port))) for _ in range(3)]
        try:
            assert busy(httpx.get(url + "api/stats"))
        finally:
            for sock in idle:
                sock.close()
        answers = [httpx.get(url + "api/stats") for _ in range(3)]
        assert [response.status_code for response in answers] == [200] * 3


@pytest.mark.postgres
def test_a_postgresql_restart_costs_no_request_an_error(restartable_postgres):
    target = restartable_postgres.new_database()
    stored_one_document(target)
    with running(create_app(target)) as url:
        assert answers_to_simultaneous_requests(url, 16, "/api/stats") == {200: 16}  # every worker connects
        restartable_postgres.halt("fast")
        restartable_postgres.resume()
        assert answers_to_simultaneous_requests(url, 16, "/api/stats") == {200: 16}
        assert ok(httpx.get(url + "api/events"))["total"] == 1


def closed_by_server(sock: socket.socket) -> bool:
    """Whether the server has closed the connection (within two seconds)."""
    sock.settimeout(2)
    try:
        while sock.recv(4096):
            pass
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False
    return True


@pytest.mark.slow
def test_clients_sending_headers_slowly_are_cut_off_and_lock_no_one_out(tmp_path, monkeypatch):
    import eventwire.api.connections

    monkeypatch.setattr(eventwire.api.connections.GuardedH11Protocol, "header_timeout", 1.0, raising=False)
    target = str(tmp_path / "events.db")
    stored_one_document(target)
    with running(create_app(target)) as url:
        host, port = url.removeprefix("http://").strip("/").split(":")
        slow = [socket.create_connection((host, int(port))) for _ in range(250)]
        keep_alive = slow[0]  # one first sends a whole request, then trickles the next
        keep_alive.sendall(b"GET /api/stats HTTP/1.1\r\nHost: " + host.encode() + b"\r\n\r\n")
        for sock in slow:
            sock.sendall(b"GET /api/stats HTTP/1.1\r\n")
        assert ok(httpx.get(url + "api/stats", timeout=5))["documents"] == 1
        for _ in range(8):  # a header byte each 0.25 s: 2 s in all, twice the deadline
            for sock in slow:
                with contextlib.suppress(OSError):
                    sock.sendall(b"X")
            time.sleep(0.25)
        try:
            assert all(closed_by_server(sock) for sock in slow)
        finally:
            for sock in slow:
                sock.close()
        assert ok(httpx.get(url + "api/stats", timeout=5))["documents"] == 1


def test_only_requests_naming_this_server_are_answered(api):
    """A page elsewhere can point its own name at 127.0.0.1 (DNS rebinding); its Host gives it away."""
    port = api.base_url.port
    for host in ("evil.example", f"evil.example:{port}", "127.0.0.1.evil.example", "localhost.evil.example"):
        response = api.get("/api/stats", headers={"Host": host})
        assert response.status_code == 400, host
        assert "does not answer to the host name" in response.json()["detail"]
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost", "LOCALHOST."):
        assert api.get("/api/stats", headers={"Host": host}).status_code == 200, host


def test_a_server_answers_to_the_names_it_is_given(tmp_path):
    target = str(tmp_path / "events.db")
    stored_one_document(target)
    with running(create_app(target, allowed_hosts=["events.example.org"])) as url:
        assert httpx.get(url + "api/stats", headers={"Host": "events.example.org:80"}).status_code == 200
        assert httpx.get(url + "api/stats", headers={"Host": "other.example.org"}).status_code == 400


def test_head_is_answered_like_get_without_a_body(api):
    for path in ("/", "/docs", "/api/stats", "/api/events?limit=2", "/api/events.csv", "/static/app.js"):
        got, head = api.get(path), api.head(path)
        assert got.status_code == head.status_code == 200, path
        assert head.content == b"" and got.content
        assert head.headers["content-type"] == got.headers["content-type"]
        if "content-length" in got.headers:
            assert head.headers["content-length"] == got.headers["content-length"]


def test_every_dashboard_file_is_package_data():
    """A non-editable install serves the dashboard only from package data: every file under web/,
    vendored libraries and region outlines included, must match one of pyproject's patterns (a `*` stays
    within one folder, as setuptools reads it)."""
    import tomllib
    from fnmatch import fnmatchcase

    root = Path(__file__).resolve().parent.parent
    patterns = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    package = root / "src" / "eventwire"

    def packaged(relative: str) -> bool:
        parts = relative.split("/")
        return any(
            len(pattern.split("/")) == len(parts)
            and all(fnmatchcase(part, glob) for part, glob in zip(parts, pattern.split("/"), strict=True))
            for pattern in patterns["eventwire"]
        )

    files = [path.relative_to(package).as_posix() for path in (package / "web").rglob("*") if path.is_file()]
    assert "web/vendor/leaflet-1.9.4/leaflet.js" in files and len(files) > 250
    assert [name for name in files if not packaged(name)] == []
    assert not packaged("web/vendor/leaflet-1.9.4/more/deeper.js")
