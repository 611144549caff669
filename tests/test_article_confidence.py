"""Confidence: named features of an event, weights fitted to how often such events are right."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import make_event
from eventwire.article.confidence import calibrated_confidence, confidence_features
from eventwire.eval.articles import reliability
from eventwire.model import Location
from eventwire.train import fit_confidence


def _town(event):
    return event.model_copy(update={"location": event.location.model_copy(update={"geo_precision": 1})})


def _country(event):
    centroid = Location(name="Syria", country="SY", lat=35.0, lon=38.0, geo_precision=3)
    return event.model_copy(update={"location": centroid})


def test_confidence_a_country_centroid_is_less_sure_than_a_town():
    event = make_event(day="2024-12-02").model_copy(update={"main": True, "date_precision": "day"})
    town, country = calibrated_confidence(_town(event)), calibrated_confidence(_country(event))
    assert 0.0 <= country < town <= 1.0


def test_confidence_features_name_what_the_record_shows():
    event = _country(make_event()).model_copy(update={"main": True, "claim_status": "unconfirmed"})
    features = confidence_features(event, article_events=3)
    assert features["region_or_country"] == 1.0 and features["town"] == 0.0
    assert features["hedged"] == 1.0 and features["main"] == 1.0 and features["only_event"] == 0.0
    assert confidence_features(event, article_events=1)["only_event"] == 1.0


@pytest.mark.slow
def test_confidence_fit_learns_which_features_go_with_right_events():
    right = _town(make_event()).model_copy(update={"event_date": dt.date(2024, 12, 2), "main": True})
    wrong = _country(make_event())
    samples = [(right, True, 1)] * 30 + [(wrong, False, 4)] * 30 + [(right, False, 1)] * 3
    model = fit_confidence(samples)
    assert model["weights"]["town"] > 0 > model["weights"]["region_or_country"]


def test_reliability_counts_events_at_each_confidence_and_how_many_are_right():
    outcomes = [(0.9, True), (0.85, False), (0.65, True), (0.3, False), (0.1, False)]
    table = reliability(outcomes)
    assert (table["events_confidence_0.8"], table["right_confidence_0.8"]) == (2, 0.5)
    assert (table["events_confidence_0.6"], table["right_confidence_0.6"]) == (3, round(2 / 3, 4))
    assert table["events_confidence_0.2"] == 4
