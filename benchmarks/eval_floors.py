"""Accuracy floors on the development sets: run the evaluation and fail if any score drops below its floor.

Two kinds of numbers live in benchmarks/floors.yaml: `floors`, the scores the extractor reaches today
(a regression below them fails CI), and `targets`, the scores it must reach to be called good (reported,
with the gap). Floors only ever go up. Run from the repository root: `python benchmarks/eval_floors.py`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

from eventwire.eval.acled import score_acled
from eventwire.eval.geoparse import run_geoparse_eval

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def run(spec: dict) -> dict:
    path = DATA / spec["file"]
    if spec["kind"] == "acled":
        return score_acled(str(path), limit=spec.get("limit"))
    return run_geoparse_eval(str(path), limit=spec.get("limit"))


def main() -> int:
    if not DATA.exists():
        print(f"no development data at {DATA}; nothing to check")
        return 0
    config = yaml.safe_load((ROOT / "benchmarks" / "floors.yaml").read_text())
    failures = []
    for spec in config["sets"]:
        scores = run(spec)
        print(f"\n{spec['file']} (first {spec.get('limit') or 'all'} rows)")
        for metric, floor in spec.get("floors", {}).items():
            value = scores.get(metric)
            target = spec.get("targets", {}).get(metric)
            ok = value is not None and value >= floor
            gap = (
                ""
                if target is None
                else f"  target {target:.2f}{' met' if value and value >= target else ''}"
            )
            print(
                f"  {metric:36s} {value if value is None else round(value, 3)!s:>6}  floor {floor:.2f}"
                f"{'' if ok else '  BELOW FLOOR'}{gap}"
            )
            if not ok:
                failures.append(f"{spec['file']}: {metric} = {value} < {floor}")
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
