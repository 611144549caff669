"""Accuracy floors on the development sets: run the evaluation and fail if any score drops below its floor.

Two kinds of numbers live in benchmarks/floors.yaml: `floors`, the scores the extractor reaches today
(a regression below them fails CI), and `targets`, the scores it must reach to be called good (reported,
with the gap). Floors only ever go up. Run from the repository root: `python benchmarks/eval_floors.py`.

The shipped type models (word model and encoder heads) are trained on the files listed under
`type_model_training`. An ACLED file among them is never scored with them: the script trains both on the
other files and scores with those, so every number here is measured on a file the models have not seen (a
split by file, not by rows). The encoder's vectors of the training notes are kept in
~/.cache/eventwire-train (or $EVENTWIRE_TRAIN_CACHE), so only the first run encodes them (10-20 minutes).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import yaml

from eventwire.eval.acled import score_acled
from eventwire.eval.articles import combined_scores, evaluate_set
from eventwire.eval.geoparse import run_geoparse_eval
from eventwire.eval.muc4 import score_muc4
from eventwire.settings import Settings
from eventwire.train import coded_rows, train_encoder_heads, train_type_model, training_examples

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
LABELS = ROOT / "benchmarks" / "data" / "plover" / "plover_labels.yaml"
CACHE = Path(os.environ.get("EVENTWIRE_TRAIN_CACHE", Path.home() / ".cache" / "eventwire-train"))
# What a file without floors reports.
REPORTED = (
    "event_type_accuracy",
    "sub_event_type_accuracy",
    "fatalities_exact_clean_gold_pos",
    "fatalities_exact_clean_gold0",
    "country_accuracy",
    "admin1_accuracy",
    "within_25km",
    "date_exact",
    "actor1_kind_accuracy",
)


def run(spec: dict, training: list[str], scratch: Path) -> dict:
    if spec["kind"] == "articles":  # whole news articles: gold YAML + documents, sets pooled
        results = [evaluate_set(DATA / gold, DATA / docs) for gold, docs in spec["sets"]]
        return combined_scores(results)
    if spec["kind"] == "muc4":  # MUC-4 messages and answer keys, pooled over the test sets given
        keys = [DATA / key for key, _ in spec["sets"]]
        return score_muc4(keys, [DATA / text for _, text in spec["sets"]])
    path = DATA / spec["file"]
    if spec["kind"] == "acled":
        settings = Settings(type_model=held_out_model(spec["file"], training, scratch))
        return score_acled(str(path), limit=spec.get("limit"), settings=settings)
    return run_geoparse_eval(str(path), limit=spec.get("limit"))


def held_out_model(file: str, training: list[str], scratch: Path) -> str | None:
    """Type models trained without `file` (None: the shipped models never saw it)."""
    if file not in training:
        return None
    folder = scratch / Path(file).stem
    others = [DATA / f for f in training if f != file]
    rows = coded_rows(others)
    model = train_type_model([r.text for r in rows], [r.sub_event_type for r in rows], 2, 16.0)
    heads = train_encoder_heads(rows, training_examples(LABELS, DATA), cache=CACHE)
    replace(model, heads=heads).save(folder)
    print(f"(type models retrained without {file}: {len(rows)} rows of {len(others)} other files)")
    return str(folder)


def check(spec: dict, scores: dict) -> list[str]:
    """Print each metric against its floor and target; the floors missed. A file without floors is only
    reported, and a metric it cannot measure (dates in a file without publication dates) says so."""
    floors = spec.get("floors")
    failures = []
    for metric in floors or REPORTED:
        value = scores.get(metric)
        shown = "n/a" if value is None else str(round(value, 3))
        if floors is None:
            print(f"  {metric:36s} {shown:>6}")
            continue
        floor, target = floors[metric], spec.get("targets", {}).get(metric)
        ok = value is not None and value >= floor
        gap = "" if target is None else f"  target {target:.2f}{' met' if value and value >= target else ''}"
        print(f"  {metric:36s} {shown:>6}  floor {floor:.2f}{'' if ok else '  BELOW FLOOR'}{gap}")
        if not ok:
            failures.append(f"{spec['file']}: {metric} = {value} < {floor}")
    return failures


def main() -> int:
    if not DATA.exists():
        print(f"no development data at {DATA}; nothing to check")
        return 0
    config = yaml.safe_load((ROOT / "benchmarks" / "floors.yaml").read_text())
    failures = []
    scratch = Path(tempfile.mkdtemp(prefix="eventwire-folds-"))
    for spec in config["sets"]:
        scores = run(spec, config.get("type_model_training", []), scratch)
        print(f"\n{spec['file']} (first {spec.get('limit') or 'all'} rows)")
        scores = {k: v for k, v in scores.items() if k != "sets"}
        failures += check(spec, scores)
        (ROOT / "benchmarks" / "results").mkdir(exist_ok=True)
        name = Path(spec["file"]).stem
        (ROOT / "benchmarks" / "results" / f"{name}.json").write_text(json.dumps(scores, indent=2) + "\n")
    if failures:
        print("\naccuracy floors missed:\n  " + "\n  ".join(failures))
        return 1
    print("\nall accuracy floors held")
    return 0


if __name__ == "__main__":
    sys.exit(main())
