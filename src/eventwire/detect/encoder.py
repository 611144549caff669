"""A transformer sentence encoder run offline with onnxruntime: all-MiniLM-L6-v2, int8.

Word n-grams fit the coders' notes they were trained on; a sentence encoder reads "shelled the village" and
"fired mortar rounds at the town" alike, which is what holds on text unlike the training notes. The model file
is derived from all-MiniLM-L6-v2 (Apache-2.0; see data/encoder.md) by `scripts/build_encoder.py`, its
matrix products quantized to int8 for onnxruntime's integer kernels (activations are quantized per batch,
so a sentence's vector moves slightly, cosine above 0.97, with its batch mates). Only onnxruntime,
`tokenizers` and numpy run at extraction time; the session is loaded once per process, on first use, with one
thread (parallel extraction runs in processes, one per core).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from eventwire.errors import InputError

ENCODER_FILE = "encoder.onnx"
VOCAB_FILE = "encoder_vocab.txt"
# Word pieces read per text, [CLS] and [SEP] included: a news sentence is about 35; longer ones keep their
# start, where the event is told. Time grows with this number.
MAX_TOKENS = 64
DIMENSIONS = 384
BATCH = 32
_TAG = re.compile(r"\[[^\]]*\]")  # coders' tags such as "[size=no report]": not in news text


def clean(text: str) -> str:
    """The words the encoder reads: coders' bracketed tags dropped, spaces collapsed."""
    return " ".join(_TAG.sub(" ", text).split())


class SentenceEncoder:
    """Unit-length, mean-pooled sentence vectors."""

    def __init__(self, model_path: Path, vocab_path: Path) -> None:
        for path in (model_path, vocab_path):
            if not path.is_file():
                raise InputError(f"sentence encoder: {path} is missing; reinstall eventwire")
        self.model_path = model_path
        self.tokenizer = _tokenizer(vocab_path)
        self.session = _session(model_path)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of `texts`, shape (len(texts), 384). Texts are batched by length, so little padding is
        computed."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch([clean(t) for t in texts])
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), BATCH):
            rows = order[start : start + BATCH]
            out[rows] = self._run([encodings[i].ids for i in rows])
        return out

    def _run(self, pieces: list[list[int]]) -> np.ndarray:
        width = max(len(p) for p in pieces)
        ids = np.zeros((len(pieces), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, p in enumerate(pieces):
            ids[row, : len(p)] = p
            mask[row, : len(p)] = 1
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        try:
            hidden = self.session.run(None, feed)[0]
        except Exception as err:  # onnxruntime raises its own exception types, not importable stably
            raise InputError(f"sentence encoder {self.model_path} failed to run: {err}") from None
        return mean_pool(hidden, mask)


def mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The mean of the real tokens' vectors, scaled to unit length (how all-MiniLM-L6-v2 was trained)."""
    weights = mask[..., None].astype(np.float32)
    pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
    return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9)


def _tokenizer(vocab_path: Path):
    from tokenizers import BertWordPieceTokenizer

    tokenizer = BertWordPieceTokenizer(str(vocab_path), lowercase=True)
    tokenizer.enable_truncation(MAX_TOKENS)
    return tokenizer


def _session(model_path: Path):
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    try:
        return onnxruntime.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])
    except Exception as err:  # a truncated or foreign file: onnxruntime's own error types
        raise InputError(
            f"sentence encoder {model_path} cannot be loaded ({err}); reinstall eventwire"
        ) from None


def data_folder() -> Path:
    return Path(str(resources.files("eventwire") / "data"))


@lru_cache(maxsize=2)
def get_encoder(folder: str | None = None) -> SentenceEncoder:
    """The encoder in `folder` (None: the one shipped with the package), loaded once per process."""
    base = Path(folder) if folder else data_folder()
    return SentenceEncoder(base / ENCODER_FILE, base / VOCAB_FILE)
