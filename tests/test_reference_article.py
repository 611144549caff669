"""The reference article in ../shared/examples yields every expected event and none of the forbidden ones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from eventwire import extract
from eventwire.eval.acled import haversine_km

EXAMPLES = Path(__file__).resolve().parents[2] / "shared" / "examples"
ARTICLE = EXAMPLES / "syria-northwest-2024-12-02.txt"

pytestmark = pytest.mark.skipif(
    not ARTICLE.exists(), reason="../shared/examples is not beside the repository"
)


@pytest.fixture(scope="module")
def events():
    return extract(ARTICLE.read_text(encoding="utf-8"), published=dt.date(2024, 12, 2))


@pytest.fixture(scope="module")
def expected():
    return yaml.safe_load(ARTICLE.with_suffix(".expected.yaml").read_text(encoding="utf-8"))


def _names(event) -> set[str]:
    actors = [event.actor1, *event.assoc_actor_1, event.actor2, *event.assoc_actor_2]
    return {a.name for a in actors if a is not None}


def _find(events, **want):
    for event in events:
        if all(getattr(event, key) == value for key, value in want.items()):
            return event
    raise AssertionError(f"no event with {want}: {[e.notes for e in events]}")


def test_reference_airstrikes_on_idlib(events):
    event = _find(events, sub_event_type="Air/drone strike")
    assert event.plover == "ASSAULT" and event.event_type == "Explosions/Remote violence"
    assert event.event_date == dt.date(2024, 12, 2)
    assert {"Military Forces of Russia", "Military Forces of Syria"} <= {
        n.split(" (")[0] for n in _names(event)
    }
    assert event.actor2 is not None and event.actor2.name == "Civilians (Syria)"
    assert haversine_km(event.location.lat, event.location.lon, 35.93, 36.63) <= 15
    assert event.location.country == "SY"
    assert (event.fatalities.best, event.fatalities.low, event.fatalities.children) == (25, 25, 10)
    assert not event.fatalities.cumulative
    assert event.reported_by == "White Helmets (Syria Civil Defence)"


def test_reference_rebel_takeover_of_aleppo(events):
    event = _find(events, sub_event_type="Non-state actor overtakes territory")
    assert event.event_type == "Battles"
    assert {"Hayat Tahrir al-Sham", "Turkey-backed opposition groups"} <= _names(event)
    assert haversine_km(event.location.lat, event.location.lon, 36.20, 37.16) <= 25
    assert event.date_precision in {"week", "month", "year"}


def test_reference_assad_threat(events):
    event = _find(events, plover="THREATEN")
    assert event.actor1.name.startswith("Government of Syria")
    assert event.actor2 is not None and event.actor2.kind == "rebel group"


def test_reference_joint_statement_is_a_request(events):
    event = _find(events, plover="REQUEST")
    names = {n.removeprefix("Government of ") for n in _names(event)}
    assert {"United States", "France", "Germany", "United Kingdom"} <= names


def test_reference_sdf_front_attacks(events):
    event = _find(events, sub_event_type="Armed clash")
    assert {"Syrian Democratic Forces", "Turkey-backed opposition groups"} <= _names(event)
    assert event.location.country == "SY"


def test_reference_iranian_visit(events):
    event = _find(events, plover="CONSULT")
    assert event.actor1.name == "Government of Iran"
    assert event.actor2 is not None and event.actor2.name.startswith("Government of Syria")
    assert haversine_km(event.location.lat, event.location.lon, 33.51, 36.29) <= 15
    assert abs((event.event_date - dt.date(2024, 12, 1)).days) <= 1


def test_reference_commander_dismissal_is_unconfirmed(events):
    event = _find(events, sub_event_type="Change to group/activity")
    assert event.event_type == "Strategic developments"
    assert event.actor1.name.startswith("Military Forces of Russia")
    assert event.claim_status == "unconfirmed"


def test_reference_nothing_forbidden(events):
    for event in events:
        toll = event.fatalities
        assert not (toll and toll.best == 56 and not toll.cumulative), "cumulative toll coded as an incident"
        assert not (toll and toll.best and toll.best >= 100_000), "the war's background toll"
        assert event.event_date is None or event.event_date.year >= 2024
        for actor in (event.actor1, event.actor2, *event.assoc_actor_1, *event.assoc_actor_2):
            assert actor is None or not any(
                s in actor.name for s in ("Reuters", "White Helmets", "state media")
            )
        assert "Tutenji" not in " ".join(e.text for e in event.evidence)


def test_reference_every_field_has_evidence(events):
    for event in events:
        cited = {e.field for e in event.evidence}
        assert "plover" in cited
        if event.location is not None:
            assert "location" in cited
        for evidence in event.evidence:
            assert ARTICLE.read_text(encoding="utf-8")[evidence.start : evidence.end] == evidence.text
