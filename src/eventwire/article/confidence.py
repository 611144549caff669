"""How likely an extracted event is right: a logistic model over what the event's record shows.

A user filters by `confidence`, so it should mean what it says: of the events at 0.8, about eight in ten
are real incidents of that type, place and day. The weights are fitted (`eventwire train confidence`) on
events extracted from coded development data and checked on data they were not fitted to; the shipped
weights are in `data/confidence.yaml`. A country-centroid place, an unnamed doer, a hedged report or a
mention deep in the article lower it; a town, a stated day, a toll, the article's main incident raise it.
"""

from __future__ import annotations

import math
from functools import lru_cache

from eventwire.detect.weigh import VIOLENT_TYPES
from eventwire.model import Event
from eventwire.nlp import load_yaml

# A sentence that starts this far into the text is past the article's opening.
OPENING_CHARS = 400


def confidence_features(event: Event, article_events: int = 1) -> dict[str, float]:
    """The named features of one event, each 0 or 1; `article_events` is how many ACLED-typed events its
    article yields (a one-event report is more often right than one of many)."""
    place = event.location
    precision = place.geo_precision if place is not None else None
    actor = event.actor1
    start = event.sentence.start if event.sentence is not None else 0
    return {
        "town": float(precision == 1),
        "district": float(precision == 2),
        "region_or_country": float(precision == 3),
        "no_place": float(place is None),
        "named_actor1": float(actor is not None and not actor.name.startswith("Unidentified")),
        "toll": float(event.fatalities is not None and bool(event.fatalities.best)),
        "day": float(event.date_precision == "day"),
        "main": float(event.main),
        "hedged": float(event.claim_status in {"unconfirmed", "claimed", "denied"}),
        "violence": float(event.event_type in VIOLENT_TYPES),
        "demonstration": float(event.event_type in {"Protests", "Riots"}),
        "strategic": float(event.event_type == "Strategic developments"),
        "opening": float(start < OPENING_CHARS),
        "only_event": float(article_events <= 1),
    }


@lru_cache(maxsize=1)
def _weights() -> tuple[float, dict[str, float]]:
    model = load_yaml("confidence.yaml")
    return float(model["intercept"]), {k: float(v) for k, v in model["weights"].items()}


def calibrated_confidence(event: Event, article_events: int = 1) -> float:
    """P(the event is right), from the fitted weights; two decimals."""
    intercept, weights = _weights()
    features = confidence_features(event, article_events)
    score = intercept + sum(weights.get(name, 0.0) * value for name, value in features.items())
    return round(1.0 / (1.0 + math.exp(-score)), 2)
