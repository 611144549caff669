"""The labelled PLOVER sentences: rebuilding texts from references, refusing changed texts, scoring."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.errors import EvalError
from eventwire.eval.plover import (
    LabelledSentence,
    labelled_sentences,
    plover_scores,
    score_plover,
    split_sentences,
)

LABELS = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "plover" / "plover_labels.yaml"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"

# A tiny data folder written for these tests, in the layout of the development data.
CONLL = "-DOCSTART- -X- -X- O\n\nRebels O\nfreed O\n12 O\nhostages O\n. O\n\nShares O\nrose O\n. O\n\n"
ARTICLE = "Troops shelled the town on Monday. Talks resumed in Geneva.\nMr. Smith said nothing."


def _data(tmp_path: Path) -> Path:
    (tmp_path / "ner" / "conll2003").mkdir(parents=True)
    (tmp_path / "ner" / "conll2003" / "train.txt").write_text(CONLL)
    for name in ("gwn_dev", "reuters96_dev"):
        (tmp_path / "news" / name).mkdir(parents=True)
        (tmp_path / "news" / name / "docs.jsonl").write_text(
            json.dumps({"id": "a-1", "text": ARTICLE}) + "\n"
        )
    return tmp_path


def _labels(path: Path, items: list[tuple[dict, str, str, str]]) -> Path:
    lines = []
    for ref, text, plover, split in items:
        sha1 = hashlib.sha1(text.encode()).hexdigest()
        lines += [
            f"- ref: {json.dumps(ref)}",
            f"  sha1: {sha1}",
            f"  plover: {plover}",
            "  mode: null",
            f"  split: {split}",
        ]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_labelled_sentences_are_rebuilt_from_references(tmp_path):
    data = _data(tmp_path / "data")
    labels = _labels(
        tmp_path / "labels.yaml",
        [
            (
                {"corpus": "conll2003-train", "doc": 0, "sent": 0},
                "Rebels freed 12 hostages.",
                "RETREAT",
                "train",
            ),
            ({"corpus": "gwn_dev", "doc": "a-1", "sent": 1}, "Talks resumed in Geneva.", "CONSULT", "test"),
            ({"corpus": "gwn_dev", "doc": "a-1", "sent": 2}, "Mr. Smith said nothing.", "NONE", "test"),
        ],
    )
    test = labelled_sentences(labels, data, "test")
    assert [(s.text, s.plover) for s in test] == [
        ("Talks resumed in Geneva.", "CONSULT"),
        ("Mr. Smith said nothing.", "NONE"),
    ]
    assert [s.text for s in labelled_sentences(labels, data, "train")] == ["Rebels freed 12 hostages."]


def test_a_changed_sentence_is_refused(tmp_path):
    data = _data(tmp_path / "data")
    ref = {"corpus": "conll2003-train", "doc": 0, "sent": 1}
    labels = _labels(tmp_path / "labels.yaml", [(ref, "Shares fell.", "NONE", "test")])
    with pytest.raises(EvalError, match="sha1 mismatch"):
        labelled_sentences(labels, data)


def test_abbreviations_do_not_end_a_sentence():
    assert split_sentences("Mr. Smith met Gen. Jones. They talked.") == [
        "Mr. Smith met Gen. Jones.",
        "They talked.",
    ]


def test_plover_scores_count_recall_per_type():
    scores = plover_scores(["CONSULT", "CONSULT", "NONE", "ASSAULT"], ["CONSULT", "NONE", "NONE", "ASSAULT"])
    assert scores["accuracy"] == 0.75
    assert scores["recall_by_type"]["CONSULT"] == {"recall": 0.5, "n": 2}
    assert ["CONSULT", "NONE", 1] in scores["confusions"]


@pytest.mark.slow
@pytest.mark.skipif(not SHARED.exists(), reason="development data not present")
def test_eval_plover_command_scores_the_labelled_test_split(tmp_path):
    out = tmp_path / "scores.json"
    result = CliRunner().invoke(
        main, ["eval", "plover", str(LABELS), "--data", str(SHARED), "--split", "test", "--json", str(out)]
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(out.read_text())
    assert scores["sentences"] >= 300 and 0.0 < scores["accuracy"] <= 1.0


def test_a_campaign_toll_keeps_its_type_as_the_labelling_guide_codes_it():
    """The guide codes "ETA has killed about 800 people" as ASSAULT (a cumulative toll attributed to an
    actor), although `extract` emits no new event for it; a denial stays NONE under both readings."""
    toll = LabelledSentence(
        "ETA has killed more than 800 people over four decades of violence.", "ASSAULT", None, "test", "a"
    )
    denial = LabelledSentence(
        "The rebels denied that they had attacked the convoy.", "NONE", None, "test", "b"
    )
    scores = score_plover([toll, denial])
    assert scores["accuracy"] == 1.0
    assert scores["accuracy_new_only"] == 0.5
