"""Provenance and one id in every export, ACLED's source, undated and actorless rows, country centroids;
the exports read back with the standard csv and json modules and pyarrow."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from conftest import make_document, make_event
from eventwire.cli import main
from eventwire.export import ACLED_COLUMNS, FLAT_COLUMNS
from eventwire.model import Evidence, Location, Span
from eventwire.store import open_store

BBC_TEXT = "Syrian jets struck Sarmada on Monday, killing 5 civilians, the White Helmets said."
REUTERS_TEXT = "An air strike hit Sarmada on Monday and killed 7 people."


def spans(text: str, **fields: str) -> list[Evidence]:
    return [
        Evidence(field=f, start=text.index(w), end=text.index(w) + len(w), text=w) for f, w in fields.items()
    ]


def fill(url: str) -> None:
    """Two articles of one strike (one names its source by domain, one only by url), an undated clash,
    an actorless strike, an actorless arrest, and a protest placed at its country's centroid."""
    with open_store(url) as store:
        store.add_document(
            make_document(BBC_TEXT, id="bbc-1", source="www.bbc.com", title="Jets strike Sarmada"),
            [
                make_event(
                    killed=5,
                    reported_by="White Helmets (Syria Civil Defence)",
                    claim_status="reported",
                    confidence=0.9,
                    evidence=spans(BBC_TEXT, location="Sarmada", fatalities="killing 5 civilians"),
                    sentence=Span(start=0, end=len(BBC_TEXT), text=BBC_TEXT),
                )
            ],
        )
        store.add_document(
            make_document(REUTERS_TEXT, "https://www.reuters.com/world/1", id="reuters-1", title="Strike"),
            [
                make_event(
                    killed=7,
                    confidence=0.6,
                    claim_status="reported",
                    evidence=spans(REUTERS_TEXT, location="Sarmada"),
                    sentence=Span(start=0, end=len(REUTERS_TEXT), text=REUTERS_TEXT),
                )
            ],
        )
        store.add_document(
            make_document("Clashes near Saraqib.", id="undated"),
            [
                make_event(
                    place="Saraqib", lat=35.86, lon=36.8, event_type="Battles", sub_event_type="Armed clash"
                )
            ],
        )
        store.add_document(
            make_document("A clash with no date.", id="no-date"),
            [
                make_event(place="Ariha", lat=35.81, lon=36.6, event_type="Battles").model_copy(
                    update={"event_date": None, "date_precision": None}
                )
            ],
        )
        store.add_document(
            make_document("A bomb went off in Atarib.", id="no-actor"),
            [make_event(place="Atarib", lat=36.14, lon=36.83, actor1=None, claim_status="unconfirmed")],
        )
        store.add_document(
            make_document("Arrests were made.", id="arrests"),
            [
                make_event(
                    place="Idlib",
                    lat=35.93,
                    lon=36.63,
                    actor1=None,
                    event_type="Strategic developments",
                    sub_event_type="Arrests",
                    killed=None,
                )
            ],
        )
        store.add_document(
            make_document("Protests across Turkey.", id="turkey"),
            [
                make_event(
                    event_type="Protests",
                    sub_event_type="Peaceful protest",
                    plover="PROTEST",
                    actor1="Protesters (Turkey)",
                    actor2=None,
                    killed=None,
                ).model_copy(
                    update={
                        "location": Location(name="Turkey", country="TR", lat=39.0, lon=35.0, geo_precision=3)
                    }
                )
            ],
        )


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = str(tmp_path_factory.mktemp("provenance") / "events.db")
    fill(url)
    return url


def run_export(url: str, *args: str):
    result = CliRunner().invoke(main, ["export", url, *args])
    assert result.exit_code == 0, result.output
    return result


def acled_rows(url: str, *args: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(run_export(url, "--format", "acled-csv", *args).stdout)))


def strike_of(records: list[dict], key: str = "location") -> dict:
    return next(r for r in records if r[key] == "Sarmada")


def test_jsonl_keeps_every_articles_doc_id_url_title_evidence_and_sentence(database):
    records = [json.loads(line) for line in run_export(database, "--format", "jsonl").stdout.splitlines()]
    strike = next(r for r in records if r["location"] and r["location"]["name"] == "Sarmada")
    assert strike["num_sources"] == 2
    assert strike["doc_id"] == "bbc-1" and strike["sentence"]["text"] == BBC_TEXT
    assert {span["text"] for span in strike["evidence"]} == {"Sarmada", "killing 5 civilians"}
    reports = {report["doc_id"]: report for report in strike["reports"]}
    assert set(reports) == {"bbc-1", "reuters-1"}
    assert reports["reuters-1"]["url"] == "https://www.reuters.com/world/1"
    assert reports["bbc-1"]["title"] == "Jets strike Sarmada"
    for doc_id, text in (("bbc-1", BBC_TEXT), ("reuters-1", REUTERS_TEXT)):
        assert reports[doc_id]["sentence"]["text"] == text
        for span in reports[doc_id]["evidence"]:
            assert text[span["start"] : span["end"]] == span["text"]


def test_one_id_joins_the_csv_geojson_parquet_and_jsonl(database, tmp_path):
    csv_ids = {row["event_id_cnty"] for row in acled_rows(database)}
    geojson = json.loads(run_export(database, "--format", "geojson").stdout)
    geo_ids = {feature["properties"]["event_id_cnty"] for feature in geojson["features"]}
    run_export(database, "--format", "parquet", "--output", str(tmp_path / "events.parquet"))
    table = pq.read_table(tmp_path / "events.parquet").to_pylist()
    parquet_ids = {row["event_id_cnty"] for row in table}
    jsonl_ids = {
        json.loads(line)["event_id_cnty"]
        for line in run_export(database, "--format", "jsonl").stdout.splitlines()
    }
    assert csv_ids and csv_ids < geo_ids == parquet_ids == jsonl_ids  # the CSV leaves some events out
    assert all(
        len(row["event_id_cnty"]) > 3 and row["event_id_cnty"].endswith(str(row["id"])) for row in table
    )


def test_parquet_and_geojson_carry_the_provenance_columns(database, tmp_path):
    run_export(database, "--format", "parquet", "--output", str(tmp_path / "events.parquet"))
    rows = pq.read_table(tmp_path / "events.parquet").to_pylist()
    assert tuple(rows[0]) == FLAT_COLUMNS
    strike = strike_of(rows)
    assert strike["doc_id"] == "bbc-1" and sorted(strike["doc_ids"]) == ["bbc-1", "reuters-1"]
    assert strike["sentence"] == BBC_TEXT and strike["iso3"] == "SYR" and strike["country"] == "SY"
    assert {(span["doc_id"], span["text"]) for span in strike["evidence"]} == {
        ("bbc-1", "Sarmada"),
        ("bbc-1", "killing 5 civilians"),
        ("reuters-1", "Sarmada"),
    }
    assert sorted(strike["titles"]) == ["Jets strike Sarmada", "Strike"]
    features = json.loads(run_export(database, "--format", "geojson").stdout)["features"]
    properties = strike_of([feature["properties"] for feature in features])
    assert sorted(properties["doc_ids"]) == ["bbc-1", "reuters-1"] and properties["sentence"] == BBC_TEXT


def test_acled_source_names_the_publications_and_who_reported_with_a_scale(database):
    rows = acled_rows(database)
    assert tuple(rows[0]) == ACLED_COLUMNS and ACLED_COLUMNS[-1] == "iso3"
    strike = strike_of(rows)
    names = strike["source"].split("; ")
    assert sorted(names[:2]) == ["BBC News", "Reuters"] and names[2:] == [
        "White Helmets (Syria Civil Defence)"
    ]
    assert strike["source_scale"] == "National-International"
    assert (strike["country"], strike["iso3"], strike["iso"]) == ("Syria", "SYR", "760")


def test_undated_and_unnamable_events_are_left_out_of_the_acled_csv_with_a_warning(database):
    result = run_export(database, "--format", "acled-csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert all(row["event_date"] and row["time_precision"] in ("1", "2", "3") for row in rows)
    assert {row["location"] for row in rows} >= {"Sarmada", "Saraqib", "Atarib"}
    assert "Ariha" not in {row["location"] for row in rows} and "Idlib" not in {
        row["location"] for row in rows
    }
    assert "2 event(s) left out" in result.stderr
    assert "1 with no date" in result.stderr and "1 with no first actor" in result.stderr
    assert all(row["actor1"] for row in rows)
    atarib = next(row for row in rows if row["location"] == "Atarib")
    assert atarib["actor1"] == "Unidentified Armed Group (Syria)" and atarib["inter1"] == "3"
    # the event itself keeps no invented actor
    records = [json.loads(line) for line in run_export(database, "--format", "jsonl").stdout.splitlines()]
    assert next(r for r in records if r["location"]["name"] == "Atarib")["actor1"] is None


def test_country_centroids_are_flagged_and_filtered_by_min_geo_precision(database, tmp_path):
    run_export(database, "--format", "parquet", "--output", str(tmp_path / "all.parquet"))
    rows = pq.read_table(tmp_path / "all.parquet").to_pylist()
    centroid = next(row for row in rows if row["location"] == "Turkey")
    assert centroid["country_centroid"] is True and centroid["geo_precision"] == 3
    assert strike_of(rows)["country_centroid"] is False
    kept = acled_rows(database, "--min-geo-precision", "2")
    assert "Turkey" not in {row["location"] for row in kept} and "Sarmada" in {
        row["location"] for row in kept
    }
    assert "Turkey" in {row["location"] for row in acled_rows(database, "--min-geo-precision", "3")}


def test_the_country_written_in_the_csv_filters_the_export(database):
    rows = acled_rows(database, "--country", "Turkey")
    assert [row["country"] for row in rows] == ["Turkey"]
    assert acled_rows(database, "--country", "TUR") == rows


def test_undated_events_never_claim_a_date_precision(database, tmp_path):
    run_export(database, "--format", "parquet", "--output", str(tmp_path / "events.parquet"))
    undated = next(
        row for row in pq.read_table(tmp_path / "events.parquet").to_pylist() if row["location"] == "Ariha"
    )
    assert undated["event_date"] is None and undated["date_precision"] is None


def test_export_writes_to_a_file_named_by_the_readme(database, tmp_path: Path):
    target = tmp_path / "events.csv"
    result = CliRunner().invoke(main, ["export", database, "--output", str(target)])
    assert result.exit_code == 0 and target.read_text().startswith("event_id_cnty,")
