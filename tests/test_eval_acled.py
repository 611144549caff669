"""Scoring against ACLED exports: reading gold rows, and how predicted and gold places are compared."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.eval.acled import same_admin, score_acled
from eventwire.eval.acled_data import read_acled


@pytest.mark.parametrize(
    ("predicted", "gold", "country"),
    [
        ("Idlib", "Idleb", "SY"),
        ("Al Hasakah", "Al-Hasakeh", "SY"),
        ("Shan", "Shan-North", "MM"),
        ("Seoul", "Seoul Special City", "KR"),
        ("Far North", "Extreme-Nord", "CM"),
        ("Idlib", "Idlib Governorate", "SY"),
    ],
)
def test_one_unit_under_two_spellings_is_the_same(predicted, gold, country):
    assert same_admin(predicted, gold, country)


@pytest.mark.parametrize(
    ("predicted", "gold", "country"),
    [
        ("Aleppo", "Idlib", "SY"),
        ("Kano", "Kogi", "NG"),
        ("North Kivu", "South Kivu", "CD"),
        ("East Java", "West Java", "ID"),
        ("Osun", "Ogun", "NG"),
    ],
)
def test_neighbouring_units_are_not_the_same(predicted, gold, country):
    assert not same_admin(predicted, gold, country)


def _gold_csv(tmp_path, rows: list[dict]) -> str:
    path = tmp_path / "gold.csv"
    columns = list(rows[0])
    lines = [",".join(columns)] + [",".join(f'"{row[c]}"' for c in columns) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_gold_rows_read_any_schema_and_date_spelling(tmp_path):
    path = _gold_csv(
        tmp_path,
        [
            {
                "EVENT_DATE": "9-May-20",
                "EVENT_TYPE": "Riots/Protests",
                "NOTES": "Traders protested.",
                "YEAR": "2020",
            },
            {"EVENT_DATE": "2022-02-23", "EVENT_TYPE": "Battles", "NOTES": "", "YEAR": "2022"},
        ],
    )
    (row,) = read_acled(path)
    assert row.event_date == dt.date(2020, 5, 9)
    assert row.event_types == {"Protests", "Riots"}


def test_a_row_edited_years_later_keeps_its_event_year_as_publication(tmp_path):
    edited_2019 = str(int(dt.datetime(2019, 11, 18, tzinfo=dt.UTC).timestamp()))
    entered_2018 = str(int(dt.datetime(2018, 9, 14, tzinfo=dt.UTC).timestamp()))
    path = _gold_csv(
        tmp_path,
        [
            {
                "event_date": "2018-09-10",
                "event_type": "Battles",
                "notes": "A.",
                "year": "2018",
                "timestamp": edited_2019,
            },
            {
                "event_date": "2018-09-10",
                "event_type": "Battles",
                "notes": "B.",
                "year": "2018",
                "timestamp": entered_2018,
            },
        ],
    )
    late, prompt = read_acled(path)
    assert late.published == dt.date(2018, 12, 31)
    assert prompt.published == dt.date(2018, 9, 14)


def test_rows_without_a_publication_date_are_not_scored_for_dates(tmp_path):
    dated = str(int(dt.datetime(2020, 5, 10, tzinfo=dt.UTC).timestamp()))
    row = {"event_date": "2020-05-09", "event_type": "Strategic developments", "year": "2020"}
    notes = "On 9 May 2020, police arrested two traders in Dhaka."
    path = _gold_csv(
        tmp_path, [{**row, "notes": notes, "timestamp": dated}, {**row, "notes": notes, "timestamp": ""}]
    )
    scores = score_acled(path)
    assert scores["dated_rows"] == 1
    assert scores["date_exact"] == 1.0
