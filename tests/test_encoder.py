"""The sentence encoder and its heads: loading from the package, fixed predictions, damaged files."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from eventwire import extract
from eventwire.detect.encoder import ENCODER_FILE, VOCAB_FILE, SentenceEncoder, data_folder, get_encoder
from eventwire.detect.heads import NO_EVENT, EncoderHeads, LinearHead, load_heads
from eventwire.detect.learned import load_model
from eventwire.errors import InputError
from eventwire.train import CodedRow, PloverExample, train_encoder_heads

# Sentences written for these tests (none is from a training or evaluation set).
SHELLING = "Army artillery pounded rebel positions outside the town overnight, killing four fighters."
MORTARS = "Government guns fired mortar rounds at insurgent trenches near the village."
MARKET = "Share prices closed higher on the stock exchange after the central bank's decision."


def test_encoder_loads_from_the_package_and_gives_unit_vectors():
    vectors = get_encoder().encode([SHELLING, MORTARS, MARKET])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    # two shellings told in different words are closer than a shelling and a market report
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


def test_encoder_reads_a_sentence_nearly_alike_in_any_batch():
    # activations are quantized per batch, so batch mates move a vector a little, never its meaning
    encoder = get_encoder()
    alone = encoder.encode([MARKET])
    mixed = encoder.encode([SHELLING, "Talks.", MARKET])
    assert float(alone[0] @ mixed[2]) > 0.97
    assert float(alone[0] @ mixed[0]) < 0.5
    assert encoder.encode([]).shape == (0, 384)


def test_encoder_missing_weights_is_a_clear_error(tmp_path):
    shutil.copyfile(data_folder() / VOCAB_FILE, tmp_path / VOCAB_FILE)
    with pytest.raises(InputError, match="encoder.onnx is missing"):
        SentenceEncoder(tmp_path / ENCODER_FILE, tmp_path / VOCAB_FILE)


def test_encoder_corrupt_weights_is_a_clear_error(tmp_path):
    shutil.copyfile(data_folder() / VOCAB_FILE, tmp_path / VOCAB_FILE)
    (tmp_path / ENCODER_FILE).write_bytes((data_folder() / ENCODER_FILE).read_bytes()[:5000])
    with pytest.raises(InputError, match="cannot be loaded"):
        SentenceEncoder(tmp_path / ENCODER_FILE, tmp_path / VOCAB_FILE)


def test_shipped_heads_load_with_the_word_model():
    model = load_model(None)
    assert model is not None and model.heads is not None
    assert len(model.heads.sub_event.labels) >= 20
    assert NO_EVENT in model.heads.plover.labels and "ASSAULT" in model.heads.plover.labels
    assert model.heads.sub_event.weights.shape == (384, len(model.heads.sub_event.labels))


def test_damaged_heads_are_a_clear_error(tmp_path):
    model = load_model(None)
    model.heads.save(tmp_path)
    assert load_heads(tmp_path).plover.labels == model.heads.plover.labels
    (tmp_path / "encoder_heads.npz").write_bytes(b"not a numpy archive")
    with pytest.raises(InputError, match="encoder heads cannot be read"):
        load_heads(tmp_path)
    assert load_heads(tmp_path / "absent") is None


def test_shipped_heads_read_fixed_sentences():
    heads = load_model(None).heads
    texts = [
        "Government forces shelled the town with heavy artillery and mortars.",
        "A roadside bomb exploded under a police vehicle on the highway.",
        "The foreign ministers of the two countries held talks in Geneva on Monday.",
        "Thousands of workers marched through the city demanding higher wages.",
        MARKET,
    ]
    vectors = get_encoder().encode(texts)

    def best(head, vector):
        return max(head.ranked(vector).items(), key=lambda kv: kv[1])[0]

    assert best(heads.sub_event, vectors[0]) == "Shelling/artillery/missile attack"
    assert best(heads.sub_event, vectors[1]) == "Remote explosive/landmine/IED"
    assert [best(heads.plover, v) for v in vectors[2:]] == ["CONSULT", "PROTEST", NO_EVENT]


def test_verbal_events_the_lexicon_has_no_trigger_for_are_typed_by_the_encoder():
    (freed,) = extract("The government freed 300 political prisoners on Monday.")
    assert (freed.plover, freed.event_type) == ("RETREAT", None)  # a PLOVER event outside ACLED's scope
    (sent,) = extract("The coalition sent two thousand tonnes of wheat to the famine-hit province.")
    assert sent.plover == "AID"
    assert extract("Share prices closed higher on Tuesday.") == []


def test_heads_train_on_encoder_vectors_and_tell_apart_what_they_were_shown():
    rows = [
        CodedRow(text, sub, "Testland")
        for sub, texts in {
            "Peaceful protest": [
                "Teachers staged a sit-in outside the ministry demanding unpaid salaries.",
                "Students marched peacefully to parliament against tuition fees.",
            ],
            "Shelling/artillery/missile attack": [
                "Troops shelled rebel positions near the border with heavy artillery.",
                "Rockets and mortar rounds hit the district, fired by government forces.",
            ],
        }.items()
        for text in texts
    ]
    examples = [
        PloverExample("The ministers met in Geneva for talks.", "CONSULT", "third-party", "examples"),
        PloverExample("The envoy held talks with the president in the capital.", "CONSULT", None, "examples"),
        PloverExample("Oil prices fell on Monday.", NO_EVENT, None, "examples"),
        PloverExample("The team won the final.", NO_EVENT, None, "examples"),
    ]
    heads = train_encoder_heads(rows, examples, get_encoder())
    assert isinstance(heads, EncoderHeads) and isinstance(heads.mode, LinearHead)
    vectors = get_encoder().encode(
        ["Nurses held a peaceful sit-in demanding their unpaid salaries.", "Foreign ministers met for talks."]
    )
    assert max(heads.sub_event.ranked(vectors[0]).items(), key=lambda kv: kv[1])[0] == "Peaceful protest"
    assert max(heads.plover.ranked(vectors[1]).items(), key=lambda kv: kv[1])[0] == "CONSULT"
    assert heads.mode_of("CONSULT", vectors[1]) == "third-party"
    assert heads.mode_of("REJECT", vectors[1]) is None
