"""The API's country names and codes, case-insensitive choices, actor word search, documents by doc_id,
the filters on PLOVER type, article, source, place precision, claim and confidence, sorting, flat rows and
two-way aggregates, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import httpx
import pytest

from eventwire.api import create_app
from eventwire.api.server import running
from eventwire.export import FLAT_COLUMNS
from eventwire.store import open_store
from test_provenance import fill


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    if request.param == "sqlite":
        target = str(tmp_path_factory.mktemp("queries") / "events.db")
    else:
        target = request.getfixturevalue("postgres_server").new_database()
    fill(target)
    with running(create_app(target)) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


def ok(response: httpx.Response) -> dict:
    assert response.status_code == 200, response.text
    return response.json()


def places(api: httpx.Client, **params) -> list[str]:
    items = ok(api.get("/api/events", params={"limit": 100, **params}))["items"]
    return sorted(item["event"]["location"]["name"] for item in items)


def test_every_country_name_the_tool_writes_and_both_iso_codes_are_accepted(api):
    expected = places(api, country="TR")
    assert expected == ["Turkey"]
    for name in ("Turkey", "turkey", "TUR", "tr", "Türkiye"):
        assert places(api, country=name) == expected, name
    assert "Sarmada" in places(api, country="Syria") == places(api, country="SYR")
    response = api.get("/api/events", params={"country": "Atlantis"})
    assert response.status_code == 422 and response.json()["errors"][0]["parameter"] == "country"


def test_choices_are_read_whatever_their_case(api):
    assert places(api, event_type="battles") == places(api, event_type="Battles") == ["Ariha", "Saraqib"]
    assert places(api, sub_event_type="PEACEFUL PROTEST") == ["Turkey"]
    assert places(api, plover="protest") == ["Turkey"]


def test_actor_words_find_a_name_by_part_of_it(api):
    exact = places(api, actor="Protesters (Turkey)")
    assert exact == ["Turkey"] and places(api, actor="protesters") == []
    assert places(api, actor_contains="protesters") == exact
    assert places(api, actor_contains="FORCES russia") == places(
        api, actor="Military Forces of Russia (2000-)"
    )
    assert places(api, actor_contains="100%") == []


def test_a_document_is_found_by_its_doc_id(api):
    detail = ok(api.get("/api/documents/bbc-1"))
    assert detail["info"]["doc_id"] == "bbc-1" and "Sarmada" in detail["text"]
    by_number = ok(api.get(f"/api/documents/{detail['info']['id']}"))
    assert by_number["info"]["doc_id"] == "bbc-1"
    assert api.get("/api/documents/no-such-article").status_code == 404


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"plover": "PROTEST"}, ["Turkey"]),
        ({"doc_id": "reuters-1"}, ["Sarmada"]),
        ({"source": "WWW.BBC.COM"}, ["Sarmada"]),
        ({"geo_precision": "3"}, ["Turkey"]),
        ({"claim_status": "unconfirmed"}, ["Atarib"]),
        ({"min_confidence": "0.8"}, ["Sarmada"]),
    ],
)
def test_each_new_filter_keeps_only_its_events(api, params, expected):
    assert places(api, **params) == expected
    assert len(places(api)) > len(expected)


def test_geo_precision_takes_a_list_and_refuses_other_values(api):
    assert "Turkey" not in places(api, geo_precision="1,2") and "Sarmada" in places(api, geo_precision="1,2")
    assert api.get("/api/events", params={"geo_precision": "4"}).status_code == 422


def test_events_are_sorted_as_asked(api):
    def tolls(sort: str) -> list:
        items = ok(api.get("/api/events", params={"sort": sort}))["items"]
        return [(item["event"]["fatalities"] or {}).get("best") for item in items]

    descending = tolls("-fatalities")
    known = [toll for toll in descending if toll is not None]
    assert known == sorted(known, reverse=True) and descending[: len(known)] == known
    ascending = [toll for toll in tolls("fatalities") if toll is not None]
    assert ascending == sorted(ascending)
    response = api.get("/api/events", params={"sort": "payload"})
    assert response.status_code == 422 and response.json()["errors"][0]["parameter"] == "sort"


def test_flat_rows_have_the_export_columns(api):
    nested = ok(api.get("/api/events", params={"limit": 100}))
    flat = ok(api.get("/api/events", params={"limit": 100, "flat": 1}))
    assert flat["total"] == nested["total"]
    assert all(tuple(row) == FLAT_COLUMNS for row in flat["items"])
    assert [row["id"] for row in flat["items"]] == [item["id"] for item in nested["items"]]
    strike = next(row for row in flat["items"] if row["location"] == "Sarmada")
    assert sorted(strike["doc_ids"]) == ["bbc-1", "reuters-1"] and strike["country"] == "SY"


def test_the_merged_record_keeps_its_articles_provenance(api):
    page = ok(api.get("/api/events", params={"doc_id": "bbc-1"}))
    (item,) = page["items"]
    assert item["event_id_cnty"] == f"SYR{item['id']}"
    assert item["event"]["doc_id"] == "bbc-1" and item["event"]["evidence"] and item["event"]["sentence"]
    assert {report["doc_id"] for report in item["reports"]} == {"bbc-1", "reuters-1"}
    detail = ok(api.get(f"/api/events/{item['id']}"))
    assert detail["merged"]["event"]["doc_id"] == "bbc-1" and len(detail["merged"]["reports"]) == 2


@pytest.mark.parametrize(
    ("by", "then"), [("month", "event_type"), ("admin1", "event_type"), ("week", "country")]
)
def test_two_way_aggregates_add_up_to_the_one_way_ones(api, by, then):
    pairs = ok(api.get(f"/api/aggregates/{by}/{then}"))
    assert pairs["by"] == by and pairs["then"] == then
    firsts, seconds = Counter(), Counter()
    for bucket in pairs["buckets"]:
        firsts[bucket["key"]] += bucket["events"]
        seconds[bucket["key2"]] += bucket["events"]
    assert firsts == Counter({b["key"]: b["events"] for b in ok(api.get(f"/api/aggregates/{by}"))["buckets"]})
    assert seconds == Counter(
        {b["key"]: b["events"] for b in ok(api.get(f"/api/aggregates/{then}"))["buckets"]}
    )
    filtered = ok(api.get(f"/api/aggregates/{by}/{then}", params={"country": "TR"}))["buckets"]
    assert sum(b["events"] for b in filtered) == 1
    assert api.get(f"/api/aggregates/{by}/{by}").status_code == 422


def test_the_store_is_left_unchanged(api):
    assert ok(api.get("/api/stats"))["documents"] == 7


def test_store_sorting_refuses_unknown_columns(tmp_path):
    url = str(tmp_path / "e.db")
    fill(url)
    with open_store(url, readonly=True) as store, pytest.raises(ValueError):
        store.list_events(sort="payload")


def test_typology_keeps_acled_typed_or_plover_only_events(api):
    acled = places(api, typology="acled")
    assert acled and "Sarmada" in acled
    assert places(api, typology="ACLED") == acled
    assert places(api, typology="all") == places(api)
    assert places(api, typology="plover") == []  # every event of this database has an ACLED type
    assert api.get("/api/events", params={"typology": "cameo"}).status_code == 422
