"""Hand-labelled PLOVER sentences: reading the labels, rebuilding their texts, scoring the extractor on them.

The labels file (`benchmarks/data/plover/plover_labels.yaml`, made as its README there says) holds
references to sentences of the development news (CoNLL-2003 training stories, `news/gwn_dev`,
`news/reuters96_dev`), a sha1 of each sentence and its PLOVER type (or NONE), mode and split. The texts are
third-party and are rebuilt here from the data folder; a sentence whose rebuilt text does not match its sha1
is an error, so a changed data folder cannot silently change the score.

Scoring reads each sentence alone, as a document: the prediction is the PLOVER type of its first event
(events ordered by salience), NONE when it yields none. The labels follow the labelling guide
(`GUIDE.md` beside them): a past event keeps its type and a campaign toll attributed to an actor is an
event, while negated, hypothetical and generic acts are NONE. So the events scored are those the article
stage calls new, background or cumulative; `accuracy_new_only` scores only the new ones, as `extract`
emits by default.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from eventwire.errors import EvalError
from eventwire.lang import lexicon

CONLL_TRAIN = "ner/conll2003/train.txt"
# Statuses whose events the labels code with their type: reported, recalled, campaign tolls.
CODED_STATUSES = {"new", "background", "cumulative"}
NEWS_DOCS = {"gwn_dev": "news/gwn_dev/docs.jsonl", "reuters96_dev": "news/reuters96_dev/docs.jsonl"}
NO_SPACE_BEFORE = {",", ".", ";", ":", "'", ")", "?", "!", "%", "'s", "n't"}
NO_SPACE_AFTER = {"(", "$"}
# The labels' sentence splitter for whole articles: a stop, optional closing quote or bracket, space, then a
# capital, digit or opening quote, unless the word before is an abbreviation or a single letter.
ABBREVIATIONS = lexicon("en").words("abbreviations_before_a_stop")
BOUNDARY = re.compile(r"([.!?][\"'\u201d\u2019)\]]*)\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")
NONE_LABEL = "NONE"


@dataclass(frozen=True)
class LabelledSentence:
    text: str
    plover: str  # a PLOVER type or NONE
    mode: str | None
    split: str  # train | test
    story: str  # corpus and document: sentences of one story share a split


def labelled_sentences(
    labels: str | Path, data: str | Path, split: str | None = None
) -> list[LabelledSentence]:
    """The labelled sentences of `split` (None: all), texts rebuilt from the data folder `data`."""
    try:
        items = yaml.safe_load(Path(labels).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise EvalError(f"{labels}: cannot read the PLOVER labels ({err})") from None
    texts = _corpora(Path(data))
    found = []
    for item in items:
        ref = item["ref"]
        try:
            text = texts[ref["corpus"]][ref["doc"]][ref["sent"]]
        except (KeyError, IndexError):
            raise EvalError(f"{labels}: no sentence {ref} in {data}") from None
        if hashlib.sha1(text.encode("utf-8")).hexdigest() != item["sha1"]:
            raise EvalError(f"{labels}: sentence {ref} differs from the one labelled (sha1 mismatch)")
        if split is None or item["split"] == split:
            story = f"{ref['corpus']}:{ref['doc']}"
            found.append(LabelledSentence(text, item["plover"], item.get("mode"), item["split"], story))
    return found


def score_plover(sentences: list[LabelledSentence], settings=None) -> dict:
    """Accuracy and per-type recall and precision of the extractor's PLOVER type on single sentences."""
    from eventwire.model import Document
    from eventwire.pipeline import extract_documents
    from eventwire.settings import DEFAULT_SETTINGS

    documents = [Document(id=f"s{i}", text=s.text) for i, s in enumerate(sentences)]
    every = replace(settings or DEFAULT_SETTINGS, emit_all=True)
    predicted, new_only = [], []
    for events in extract_documents(documents, every):
        predicted.append(_first_type(events, CODED_STATUSES))
        new_only.append(_first_type(events, {"new"}))
    gold = [s.plover for s in sentences]
    scores = plover_scores(gold, predicted)
    return {
        "accuracy": scores.pop("accuracy"),
        "accuracy_new_only": plover_scores(gold, new_only)["accuracy"],
    } | scores


def _first_type(events: list, statuses: set[str]) -> str:
    """The PLOVER type of the first event with one of these statuses, NONE when there is none."""
    return next((e.plover for e in events if e.status in statuses and e.plover), NONE_LABEL)


def plover_scores(gold: list[str], predicted: list[str]) -> dict:
    """Accuracy, macro-F1 over the gold types, and recall per gold type (with its count)."""
    right = Counter(g for g, p in zip(gold, predicted, strict=True) if g == p)
    gold_counts, predicted_counts = Counter(gold), Counter(predicted)
    f1 = []
    for label in gold_counts:
        precision = right[label] / predicted_counts[label] if predicted_counts[label] else 0.0
        recall = right[label] / gold_counts[label]
        f1.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return {
        "sentences": len(gold),
        "accuracy": sum(right.values()) / len(gold) if gold else None,
        "macro_f1": sum(f1) / len(f1) if f1 else None,
        "recall_by_type": {
            label: {"recall": round(right[label] / n, 3), "n": n} for label, n in sorted(gold_counts.items())
        },
        "confusions": [
            [g, p, n]
            for (g, p), n in Counter(
                (g, p) for g, p in zip(gold, predicted, strict=True) if g != p
            ).most_common(15)
        ],
    }


def _corpora(data: Path) -> dict[str, dict]:
    try:
        return {
            "conll2003-train": dict(enumerate(_conll_stories(data / CONLL_TRAIN))),
            "gwn_dev": _news(data / NEWS_DOCS["gwn_dev"], one_per_line=False),
            "reuters96_dev": _news(data / NEWS_DOCS["reuters96_dev"], one_per_line=True),
        }
    except OSError as err:
        raise EvalError(
            f"{data}: the development news is not there ({err.strerror}: {err.filename})"
        ) from None


def _conll_stories(path: Path) -> list[list[str]]:
    """Sentences (as text) of each story of a CoNLL-2003 file, in file order."""
    stories: list[list[str]] = []
    tokens: list[str] = []

    def flush() -> None:
        if tokens and stories:
            stories[-1].append(_detokenize(tokens))
        tokens.clear()

    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                flush()
                stories.append([])
            elif not line.strip():
                flush()
            else:
                tokens.append(line.split(" ")[0])
    flush()
    return stories


def _detokenize(tokens: list[str]) -> str:
    """CoNLL tokens as running text; double quotes open and close in turn within a sentence."""
    out: list[str] = []
    quote_open = glue_next = False
    for token in tokens:
        space = bool(out) and not glue_next
        glue_next = False
        if token in NO_SPACE_BEFORE:
            space = False
        elif token == '"':
            if quote_open:
                space = False
            else:
                glue_next = True
            quote_open = not quote_open
        if token in NO_SPACE_AFTER:
            glue_next = True
        out.append((" " if space else "") + token)
    return "".join(out)


def split_sentences(text: str) -> list[str]:
    """An article's sentences as the labels count them: lines first, then sentence stops."""
    sentences: list[str] = []
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        start = 0
        for match in BOUNDARY.finditer(paragraph):
            words = paragraph[start : match.start()].split()
            last = words[-1].lower().rstrip(".") if words else ""
            if last in ABBREVIATIONS or re.fullmatch(r"[a-z]", last):
                continue
            sentences.append(paragraph[start : match.end(1)].strip())
            start = match.end()
        if paragraph[start:].strip():
            sentences.append(paragraph[start:].strip())
    return sentences


def _news(path: Path, one_per_line: bool) -> dict[str, list[str]]:
    stories = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            if one_per_line:
                stories[doc["id"]] = [s for s in doc["text"].split("\n") if s.strip()]
            else:
                stories[doc["id"]] = split_sentences(doc["text"])
    return stories
