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
from eventwire.model import SUB_EVENT_TYPES


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
