"""Training the sub-event type model from coded events (ACLED exports given on the command line).

Rows without a sub-event type (the pre-2019 typology) are skipped. The vocabulary keeps features seen in
at least `min_df` rows, so a feature learned from one odd note does not steer predictions. Evaluate by file:
train on some exports and score on another (`benchmarks/eval_floors.py` does so), never split one file by
rows, whose neighbouring notes share their wording.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from eventwire.detect.learned import TypeModel, features
from eventwire.errors import EvalError
from eventwire.eval.acled_data import read_acled
from eventwire.model import SUB_EVENT_TYPES, Event
from eventwire.settings import Settings


def labelled_notes(paths: Iterable[str | Path]) -> tuple[list[str], list[str]]:
    """(notes, sub-event types) of every row whose sub-event type is one of today's."""
    known = set(SUB_EVENT_TYPES)
    texts, labels = [], []
    for path in paths:
        for row in read_acled(path):
            if row.sub_event_type in known:
                texts.append(row.notes)
                labels.append(row.sub_event_type)
    if len(set(labels)) < 2:
        raise EvalError("training needs rows of at least two sub-event types (today's ACLED typology)")
    return texts, labels


def train_type_model(
    texts: list[str], labels: list[str], min_df: int = 2, strength: float = 4.0
) -> TypeModel:
    """Multinomial logistic regression over `features`; `strength` is the inverse L2 penalty."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    rows = [set(features(text)) for text in texts]
    counts = Counter(f for row in rows for f in row)
    vocabulary = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_df))}
    indices = [[vocabulary[f] for f in row if f in vocabulary] for row in rows]
    indptr = np.cumsum([0] + [len(r) for r in indices])
    matrix = csr_matrix(
        (
            np.ones(indptr[-1], dtype=np.float32),
            np.concatenate([np.array(r, dtype=np.int64) for r in indices]),
            indptr,
        ),
        shape=(len(rows), len(vocabulary)),
    )
    classifier = LogisticRegression(C=strength, max_iter=1000)
    classifier.fit(matrix, labels)
    return TypeModel(
        labels=tuple(classifier.classes_),
        vocabulary=vocabulary,
        weights=classifier.coef_.T.astype(np.float32),
        bias=classifier.intercept_.astype(np.float32),
    )


# Confidence is fitted on every event the pipeline finds, not only those today's weights let through.
EVERY_EVENT = Settings(min_confidence=0.0)


def confidence_samples_articles(
    gold_path: str | Path, docs_path: str | Path, part: str | None = None
) -> list[tuple[Event, bool, int]]:
    """(event, right?, how many events its article yields) for every ACLED-typed event extracted from a
    set of coded articles: right when it pairs with a gold event (same type, place, day; see
    `eventwire.eval.articles`)."""
    from eventwire.eval.articles import evaluate_set

    samples = []
    for result in evaluate_set(gold_path, docs_path, settings=EVERY_EVENT, part=part).articles:
        paired = {p for p, _ in result.pairs}
        samples += [
            (event, index in paired, len(result.predicted)) for index, event in enumerate(result.predicted)
        ]
    return samples


def confidence_samples_acled(path: str | Path, limit: int | None = None) -> list[tuple[Event, bool, int]]:
    """(event, right?, how many events its note yields) for the ACLED-typed events extracted from ACLED
    notes, each note's row its gold."""
    from eventwire.eval.articles import counted, pair_events
    from eventwire.eval.articles_data import GoldEvent
    from eventwire.model import Document
    from eventwire.pipeline import extract_documents

    rows = [r for r in read_acled(path) if r.sub_event_type in SUB_EVENT_TYPES][:limit]
    documents = [Document(id=str(r.row), text=r.notes, published=r.published) for r in rows]
    samples = []
    for row, events in zip(rows, extract_documents(documents, EVERY_EVENT), strict=True):
        gold = GoldEvent(
            event_type=SUB_EVENT_TYPES[row.sub_event_type],
            sub_event_type=row.sub_event_type,
            country=row.country,
            lat=row.lat,
            lon=row.lon,
            geo_precision=row.geo_precision,
            event_date=row.event_date,
            fatalities=row.fatalities or 0,
            main=True,
        )
        predicted = counted(events)
        paired = {p for p, _ in pair_events(predicted, [gold])}
        samples += [(event, index in paired, len(predicted)) for index, event in enumerate(predicted)]
    return samples


def fit_confidence(samples: list[tuple[Event, bool, int]], strength: float = 1.0) -> dict:
    """Logistic regression of right-or-wrong on `confidence_features`; the weights as a YAML-ready dict."""
    from sklearn.linear_model import LogisticRegression

    from eventwire.article.confidence import confidence_features

    if len({right for _, right, _ in samples}) < 2:
        raise EvalError("fitting confidence needs both right and wrong events")
    names = list(confidence_features(samples[0][0]))
    rows = [[confidence_features(event, count)[n] for n in names] for event, _, count in samples]
    labels = [int(right) for _, right, _ in samples]
    classifier = LogisticRegression(C=strength, max_iter=1000).fit(rows, labels)
    weights = {n: round(float(w), 4) for n, w in zip(names, classifier.coef_[0], strict=True)}
    return {"intercept": round(float(classifier.intercept_[0]), 4), "weights": weights}


def confidence_samples_muc4(key_path: str | Path, text_path: str | Path) -> list[tuple[Event, bool, int]]:
    """(event, right?, how many events its message yields) for the MUC-like events extracted from MUC-4
    messages: right when it pairs with a template. Only kinds MUC templates (`eventwire.eval.muc4`) count,
    so a battle is not counted wrong."""
    from eventwire.eval.articles import counted
    from eventwire.eval.muc4 import evaluate_muc4

    samples = []
    for result in evaluate_muc4([key_path], [text_path], settings=EVERY_EVENT):
        paired = {p for p, _ in result.pairs}
        typed = len(counted(result.events))
        samples += [(event, index in paired, typed) for index, event in enumerate(result.predicted)]
    return samples
