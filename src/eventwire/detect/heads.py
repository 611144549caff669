"""Linear heads on the sentence encoder's vectors: ACLED sub-event type, PLOVER type (or none), PLOVER mode.

The encoder stays frozen; each head is a multinomial logistic regression over its 384-dimensional vectors,
trained by `eventwire train types` (see `eventwire.train`). A head is a weight matrix and a bias: inference
is one matrix product in numpy. Weights ship as float16 (`encoder_heads.npz`), labels as JSON.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from eventwire.errors import InputError

HEADS_NAME = "encoder_heads"
# The PLOVER head's label for a sentence that reports no event.
NO_EVENT = "NONE"
HEAD_NAMES = ("sub_event", "plover", "mode")


@dataclass(frozen=True)
class LinearHead:
    labels: tuple[str, ...]
    weights: np.ndarray  # (dimensions, labels)
    bias: np.ndarray  # (labels,)

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        """Softmax over the labels, one row per vector."""
        scores = np.atleast_2d(vectors) @ self.weights + self.bias
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        return scores / scores.sum(axis=1, keepdims=True)

    def ranked(self, vector: np.ndarray) -> dict[str, float]:
        """P(label | one vector) for every label."""
        return dict(zip(self.labels, self.probabilities(vector)[0].tolist(), strict=True))


@dataclass(frozen=True)
class EncoderHeads:
    """The heads trained together on one encoder; `mode` labels are "TYPE:mode"."""

    sub_event: LinearHead
    plover: LinearHead
    mode: LinearHead

    def mode_of(self, plover: str, vector: np.ndarray) -> str | None:
        """The most probable mode among those of `plover`, or None when the head knows none for it."""
        prefix = f"{plover}:"
        scores = {k[len(prefix) :]: p for k, p in self.mode.ranked(vector).items() if k.startswith(prefix)}
        return max(scores, key=scores.get) if scores else None

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        meta = {name: list(getattr(self, name).labels) for name in HEAD_NAMES}
        (folder / f"{HEADS_NAME}.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
        arrays = {}
        for name in HEAD_NAMES:
            head = getattr(self, name)
            arrays[f"{name}_weights"] = head.weights.astype(np.float16)
            arrays[f"{name}_bias"] = head.bias.astype(np.float32)
        np.savez_compressed(folder / f"{HEADS_NAME}.npz", **arrays)


def load_heads(folder: Path) -> EncoderHeads | None:
    """The heads saved in `folder`, or None when the folder holds none; InputError when they are damaged."""
    meta_path, weights_path = folder / f"{HEADS_NAME}.json", folder / f"{HEADS_NAME}.npz"
    if not meta_path.exists() and not weights_path.exists():
        return None
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        with np.load(weights_path) as arrays:
            heads = {
                name: LinearHead(
                    tuple(meta[name]),
                    arrays[f"{name}_weights"].astype(np.float32),
                    arrays[f"{name}_bias"].astype(np.float32),
                )
                for name in HEAD_NAMES
            }
    except (OSError, ValueError, KeyError) as err:
        raise InputError(f"{folder}: encoder heads cannot be read ({err}); retrain or reinstall") from None
    for name, head in heads.items():
        if head.weights.shape != (head.weights.shape[0], len(head.labels)) or head.bias.shape != (
            len(head.labels),
        ):
            raise InputError(f"{folder}: encoder head {name} does not match its labels; retrain or reinstall")
    return EncoderHeads(**heads)
