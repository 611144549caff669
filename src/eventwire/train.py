"""Training the type models from coded events (ACLED exports given on the command line).

Two models are trained together and saved in one folder:
- the word n-gram sub-event type model (`TypeModel`): the vocabulary keeps features seen in at least
  `min_df` rows, so a feature learned from one odd note does not steer predictions;
- linear heads on the sentence encoder's vectors (`EncoderHeads`): ACLED's 25 sub-event types, PLOVER's 16
  types or none, and PLOVER modes. The encoder itself is frozen: its vectors of the training texts are
  computed once (minutes per 10,000 notes) and can be kept in a cache folder between trainings.

Rows without a sub-event type (the pre-2019 typology) are skipped, except old rows whose type names a
territory change or a new base outright (rare in today's exports). Rows are weighted so that no country
and no sub-event type dominates (the public mix is 40% United States protests). Evaluate by file or by
country: train on some exports and score on another (`benchmarks/eval_floors.py`, `benchmarks/held_out.py`),
never split one file by rows, whose neighbouring notes share their wording.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from eventwire.detect.encoder import MAX_TOKENS, SentenceEncoder, get_encoder
from eventwire.detect.heads import NO_EVENT, EncoderHeads, LinearHead
from eventwire.detect.learned import TypeModel, features
from eventwire.errors import EvalError
from eventwire.eval.acled_data import read_acled
from eventwire.model import SUB_EVENT_TYPES, Event
from eventwire.nlp import load_yaml
from eventwire.settings import Settings
from eventwire.typology import SUB_PLOVER

# Old-typology rows kept for training: their old type names today's sub-event type outright.
OLD_TYPOLOGY_KEPT = frozenset(
    {
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Non-violent transfer of territory",
        "Headquarters or base established",
    }
)
# Rows kept per country and sub-event type: beyond a few hundred, more notes of one kind from one country
# (United States peaceful protests: 21,000) add encoder time and little else.
ROWS_PER_CELL = 300
# Weight of a row: count(sub-event type) ** -CLASS_POWER * count(country) ** -COUNTRY_POWER.
CLASS_POWER = 0.3
COUNTRY_POWER = 0.3
# ACLED notes per PLOVER type used for the PLOVER head, beside the written examples and labelled sentences.
NOTES_PER_PLOVER = 400
SEED = 1996


@dataclass(frozen=True)
class CodedRow:
    """One coded event used for training: its note, sub-event type and country."""

    text: str
    sub_event_type: str
    country: str | None


def coded_rows(
    paths: Iterable[str | Path], per_cell: int | None = ROWS_PER_CELL, without_country: str | None = None
) -> list[CodedRow]:
    """Rows of today's typology (and old rows that name a rare type outright), at most `per_cell` per
    file, country and sub-event type (a seeded sample, the same at every run); none of `without_country`."""
    cells: dict[tuple, list[CodedRow]] = {}
    for path in paths:
        for row in read_acled(path):
            sub = row.sub_event_type
            if sub not in SUB_EVENT_TYPES or (row.old_typology and sub not in OLD_TYPOLOGY_KEPT):
                continue
            if without_country is not None and row.country == without_country:
                continue
            cells.setdefault((str(path), row.country, sub), []).append(CodedRow(row.notes, sub, row.country))
    rows: list[CodedRow] = []
    for key in sorted(cells, key=str):
        cell = cells[key]
        if per_cell is not None and len(cell) > per_cell:
            cell = random.Random(f"{SEED}{key}").sample(cell, per_cell)
        rows.extend(cell)
    if len({r.sub_event_type for r in rows}) < 2:
        raise EvalError("training needs rows of at least two sub-event types (today's ACLED typology)")
    return rows


def row_weights(rows: list[CodedRow]) -> np.ndarray:
    """Weights that keep any one country or sub-event type from dominating, mean 1."""
    by_type = Counter(r.sub_event_type for r in rows)
    by_country = Counter(r.country for r in rows)
    weights = np.array(
        [by_type[r.sub_event_type] ** -CLASS_POWER * by_country[r.country] ** -COUNTRY_POWER for r in rows]
    )
    return weights / weights.mean()


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


def train_linear_head(
    vectors: np.ndarray, labels: list[str], weights: np.ndarray, l2: float = 1e-4, iterations: int = 400
) -> LinearHead:
    """Weighted multinomial logistic regression on encoder vectors, fitted by L-BFGS in float32: the same
    model as scikit-learn's, minutes faster on 75,000 rows, and deterministic (starts from zeros)."""
    from scipy.optimize import minimize

    classes = sorted(set(labels))
    index = {c: i for i, c in enumerate(classes)}
    target = np.array([index[c] for c in labels])
    rows, dims, k = len(target), vectors.shape[1], len(classes)
    x = np.ascontiguousarray(vectors, dtype=np.float32)
    share = (np.asarray(weights, dtype=np.float64) / np.sum(weights)).astype(np.float32)
    onehot = np.zeros((rows, k), dtype=np.float32)
    onehot[np.arange(rows), target] = 1.0

    def loss_and_gradient(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w = theta[: dims * k].reshape(dims, k).astype(np.float32)
        b = theta[dims * k :].astype(np.float32)
        scores = x @ w + b
        scores -= scores.max(axis=1, keepdims=True)
        p = np.exp(scores)
        p /= p.sum(axis=1, keepdims=True)
        loss = -float(share @ np.log(p[np.arange(rows), target] + 1e-12)) + 0.5 * l2 * float((w * w).sum())
        g = (p - onehot) * share[:, None]
        gradient = np.concatenate([(x.T @ g + l2 * w).ravel(), g.sum(axis=0)])
        return loss, gradient.astype(np.float64)

    start = np.zeros(dims * k + k)
    fitted = minimize(loss_and_gradient, start, jac=True, method="L-BFGS-B", options={"maxiter": iterations})
    theta = fitted.x.astype(np.float32)
    return LinearHead(tuple(classes), theta[: dims * k].reshape(dims, k), theta[dims * k :])


def encode_cached(encoder: SentenceEncoder, texts: list[str], cache: Path | None) -> np.ndarray:
    """The encoder's vectors of `texts`. With a cache folder, vectors of texts the same encoder file read
    before are taken from it (keyed by each text's hash) and the new ones added, so trainings on other
    subsets of the same files (held-out folds) encode nothing twice."""
    if cache is None:
        return encoder.encode(texts)
    store = Path(cache) / f"encoder-{_file_digest(encoder.model_path)}-{MAX_TOKENS}"
    keys_path, vectors_path = store / "keys.txt", store / "vectors.npy"
    known: dict[str, int] = {}
    stored = np.zeros((0, encoder.encode([]).shape[1]), dtype=np.float16)
    if keys_path.exists() and vectors_path.exists():
        known = {key: i for i, key in enumerate(keys_path.read_text().split())}
        stored = np.load(vectors_path)
    keys = [hashlib.sha1(t.encode("utf-8", "replace")).hexdigest() for t in texts]
    missing = list(dict.fromkeys(k for k in keys if k not in known))
    if missing:
        first = {k: t for k, t in zip(keys, texts, strict=True)}
        fresh = encoder.encode([first[k] for k in missing]).astype(np.float16)
        for key in missing:
            known[key] = len(known)
        stored = np.concatenate([stored, fresh])
        store.mkdir(parents=True, exist_ok=True)
        np.save(vectors_path, stored)
        keys_path.write_text("\n".join(sorted(known, key=known.__getitem__)) + "\n")
    return stored[[known[k] for k in keys]].astype(np.float32)


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


@dataclass(frozen=True)
class PloverExample:
    text: str
    plover: str  # a PLOVER type or NO_EVENT
    mode: str | None
    source: str  # "examples", "labels" or "acled"


def written_examples() -> list[PloverExample]:
    """The example sentences of data/plover_examples.yaml ("mode | sentence")."""
    data = load_yaml("plover_examples.yaml")
    found = []
    for plover, lines in data["types"].items():
        for line in lines:
            mode, _, text = line.partition(" | ")
            found.append(
                PloverExample(text.strip(), plover, None if mode.strip() == "-" else mode.strip(), "examples")
            )
    found += [PloverExample(text, NO_EVENT, None, "examples") for text in data["NONE"]]
    return found


def training_examples(labels: str | Path | None, data: str | Path | None) -> list[PloverExample]:
    """The written examples and, given a labels file, its train split (never its test split)."""
    from eventwire.eval.plover import labelled_sentences

    examples = written_examples()
    if labels is not None and data is not None:
        examples += [
            PloverExample(s.text, s.plover, s.mode, "labels")
            for s in labelled_sentences(labels, data, "train")
        ]
    return examples


def acled_plover_examples(rows: list[CodedRow]) -> list[PloverExample]:
    """Notes of the training rows under the PLOVER type and mode their sub-event type implies, at most
    `NOTES_PER_PLOVER` per type (a seeded sample)."""
    by_type: dict[str, list[PloverExample]] = {}
    for row in rows:
        plover, mode = SUB_PLOVER.get(row.sub_event_type, (None, None))
        if plover is not None:
            by_type.setdefault(plover, []).append(PloverExample(row.text, plover, mode, "acled"))
    chosen = []
    for plover in sorted(by_type):
        examples = by_type[plover]
        if len(examples) > NOTES_PER_PLOVER:
            examples = random.Random(f"{SEED}{plover}").sample(examples, NOTES_PER_PLOVER)
        chosen.extend(examples)
    return chosen


# How much one example of each source counts in the PLOVER heads, before balancing the types: labelled news
# sentences are the text the heads will read; written examples are clean but few; notes are many.
SOURCE_WEIGHT = {"labels": 3.0, "examples": 2.0, "acled": 1.0}


def plover_weights(examples: list[PloverExample], key) -> np.ndarray:
    counts = Counter(key(e) for e in examples)
    weights = np.array([SOURCE_WEIGHT[e.source] / counts[key(e)] ** 0.5 for e in examples])
    return weights / weights.mean()


def train_encoder_heads(
    rows: list[CodedRow],
    plover_examples: list[PloverExample],
    encoder: SentenceEncoder | None = None,
    cache: Path | None = None,
) -> EncoderHeads:
    """The three heads, on the encoder's vectors of the notes and the PLOVER examples."""
    encoder = encoder or get_encoder()
    notes = encode_cached(encoder, [r.text for r in rows], cache)
    sub_event = train_linear_head(notes, [r.sub_event_type for r in rows], row_weights(rows))
    examples = plover_examples + acled_plover_examples(rows)
    vectors = encode_cached(encoder, [e.text for e in examples], cache)
    plover = train_linear_head(
        vectors, [e.plover for e in examples], plover_weights(examples, lambda e: e.plover)
    )
    moded = [i for i, e in enumerate(examples) if e.mode and e.plover != NO_EVENT]
    mode_examples = [examples[i] for i in moded]
    mode = train_linear_head(
        vectors[moded],
        [f"{e.plover}:{e.mode}" for e in mode_examples],
        plover_weights(mode_examples, lambda e: f"{e.plover}:{e.mode}"),
    )
    return EncoderHeads(sub_event=sub_event, plover=plover, mode=mode)
