"""A learned sub-event type model: word and word-pair features, a linear layer, softmax.

The lexicon finds that a sentence reports an event and who acts; which of ACLED's 25 sub-event types it is
depends on many small cues ("exchanged fire" vs "opened fire on villagers", "sit-in" vs "blocked the road
and burned tyres") that a linear model learns better from coded events than rules do. Inference is numpy
only; the model file is trained by `eventwire train types` (see `eventwire.train`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from eventwire.detect.heads import EncoderHeads, load_heads
from eventwire.errors import InputError

MODEL_NAME = "type_model"
_TAG = re.compile(r"\[[^\]]*\]")  # coders' tags such as "[size=no report]": not in news text
_WORD = re.compile(r"[a-z]+(?:['-][a-z]+)*|\d+(?:[.,]\d+)*")


def features(text: str) -> list[str]:
    """Lower-case words (numbers folded to one token) and adjacent word pairs."""
    words = ["<num>" if w[0].isdigit() else w for w in _WORD.findall(_TAG.sub(" ", text).lower())]
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


@dataclass(frozen=True)
class TypeModel:
    labels: tuple[str, ...]
    vocabulary: dict[str, int]
    weights: np.ndarray  # (features, labels)
    bias: np.ndarray  # (labels,)
    # Heads on the sentence encoder trained with it (None: the word features decide alone).
    heads: EncoderHeads | None = field(default=None, compare=False)

    def probabilities(self, text: str) -> dict[str, float]:
        """P(sub-event type | text) for every label the model knows."""
        rows = sorted({self.vocabulary[f] for f in features(text) if f in self.vocabulary})
        scores = self.bias + self.weights[rows].sum(axis=0) if rows else self.bias.copy()
        scores = np.exp(scores - scores.max())
        scores /= scores.sum()
        return dict(zip(self.labels, scores.tolist(), strict=True))

    def save(self, folder: Path) -> None:
        """Vocabulary and labels as readable JSON, weights as compressed float16."""
        folder.mkdir(parents=True, exist_ok=True)
        vocabulary = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        meta = {"labels": list(self.labels), "vocabulary": vocabulary}
        (folder / f"{MODEL_NAME}.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        np.savez_compressed(
            folder / f"{MODEL_NAME}.npz", weights=self.weights.astype(np.float16), bias=self.bias
        )
        if self.heads is not None:
            self.heads.save(folder)


@lru_cache(maxsize=4)
def load_model(folder: str | None = None) -> TypeModel | None:
    """The model in `folder` (None: the one shipped with the package, or None when it is absent), with
    the encoder heads saved beside it, if any."""
    base = Path(folder) if folder else Path(str(resources.files("eventwire") / "data"))
    meta_path, weights_path = base / f"{MODEL_NAME}.json", base / f"{MODEL_NAME}.npz"
    if not meta_path.exists() or not weights_path.exists():
        if folder:
            raise InputError(f"{folder}: no {MODEL_NAME}.json and {MODEL_NAME}.npz here")
        return None
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    with np.load(weights_path) as arrays:
        weights, bias = arrays["weights"].astype(np.float32), arrays["bias"].astype(np.float32)
    vocabulary = {feature: i for i, feature in enumerate(meta["vocabulary"])}
    return TypeModel(tuple(meta["labels"]), vocabulary, weights, bias, load_heads(base))
