"""Held-out type scores: every number from type models that never saw the text scored.

- Each development ACLED file, and each of the public mix's 8 largest countries, scored with type models
  (word model and encoder heads) trained on all the other training data (the country's rows are left out of
  every file). Scored rows: the first --limit of a file; for a country, --limit rows spread evenly over it.
- South Asia 2015 (old typology, article-like notes; event type only) with the shipped models, which never
  saw it.
- The sentences of the gold events of news/gwn_dev and news/reuters96_dev (each sentence read alone), with
  the shipped models (trained on ACLED notes and labelled sentences only, none of these events).
- PLOVER types on the test split of the labelled sentences (benchmarks/data/plover), with the shipped
  models (trained on the train split).

Run from the repository root (about an hour on 2 cores; the encoder's vectors of the training notes are kept
in --cache and reused by every fold):

    python benchmarks/held_out.py --cache ~/.cache/eventwire-train --json benchmarks/results/held_out.json

Each fold is scored twice: with the word model alone (the type model before the encoder, trained on the
same rows) and with the word model and the encoder heads. --words-only skips the encoder heads.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

import yaml

from eventwire.eval.acled import macro_f1, metrics, predict
from eventwire.eval.acled_data import read_acled
from eventwire.eval.plover import labelled_sentences, score_plover, split_sentences
from eventwire.model import Document
from eventwire.pipeline import extract_documents
from eventwire.settings import Settings
from eventwire.train import coded_rows, train_encoder_heads, train_type_model, training_examples

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
LABELS = ROOT / "benchmarks" / "data" / "plover" / "plover_labels.yaml"
FILES = (
    "acled/acledr_sample_2022.csv",
    "acled/global_2020-04-27_2020-05-09.csv",
    "acled/kenya_2004_2019.csv",
    "acled/afghanistan_2020-03.csv",
)
PUBLIC_MIX = "acled/public_mix_1997_2024.csv.gz"
OLD_TYPOLOGY = "acled/public_mix_old_typology.csv.gz"
TRAINING = (*FILES, PUBLIC_MIX, OLD_TYPOLOGY)  # never South Asia 2015: it is a reported held-out file
SOUTH_ASIA = "acled/south_asia_2015_old_typology.csv"
NEWS_GOLD = ("news/gwn_dev", "news/reuters96_dev")
TYPE_KEYS = (
    "sub_event_type_accuracy",
    "sub_event_type_macro_f1",
    "event_type_accuracy",
    "event_type_macro_f1",
)


def fold_models(training: list[str], without_country: str | None, args, scratch: Path) -> dict[str, str]:
    """Type models trained on `training` (less one country's rows), saved in scratch folders: the word
    model alone ("words") and with the encoder heads ("encoder")."""
    rows = coded_rows([DATA / f for f in training], without_country=without_country)
    model = train_type_model([r.text for r in rows], [r.sub_event_type for r in rows], 2, 16.0)
    number = len(list(scratch.iterdir()))
    folders = {"words": scratch / f"fold{number}-words"}
    model.save(folders["words"])
    if not args.words_only:
        examples = training_examples(LABELS, DATA)
        folders["encoder"] = scratch / f"fold{number}-encoder"
        replace(model, heads=train_encoder_heads(rows, examples, cache=args.cache)).save(folders["encoder"])
    return {name: str(folder) for name, folder in folders.items()}


def type_scores(rows, settings: Settings) -> dict:
    found = metrics(predict(rows, settings))
    return {key: found.get(key) for key in ("rows", *TYPE_KEYS)}


def fold_scores(rows, folders: dict[str, str]) -> dict:
    return {name: type_scores(rows, Settings(type_model=folder)) for name, folder in folders.items()}


def by_file(args, scratch: Path) -> dict:
    results = {}
    for file in FILES:
        folders = fold_models([f for f in TRAINING if f != file], None, args, scratch)
        rows = list(read_acled(DATA / file))[: args.limit]
        results[Path(file).stem] = fold_scores(rows, folders)
        print(file, results[Path(file).stem], flush=True)
    return results


def by_country(args, scratch: Path) -> dict:
    rows = list(read_acled(DATA / PUBLIC_MIX))
    largest = [c for c, _ in Counter(r.country for r in rows).most_common(8)]
    results = {}
    for country in largest:
        folders = fold_models(list(TRAINING), country, args, scratch)
        mine = [r for r in rows if r.country == country and r.sub_event_type]
        step = max(1, len(mine) // args.country_limit)
        results[country] = fold_scores(mine[::step][: args.country_limit], folders)
        print(country, results[country], flush=True)
    for name in ("words", "encoder"):
        for key in TYPE_KEYS[:2]:
            values = [results[c][name][key] for c in largest if name in results[c]]
            if values:
                results[f"mean {name} {key}"] = round(statistics.mean(values), 3)
    return results


def news_gold_sentences(folder: str) -> list[tuple[str, str]]:
    """(sentence, gold sub-event type) for every gold event whose evidence lies in one sentence."""
    gold = yaml.safe_load((DATA / folder / "gold.yaml").read_text(encoding="utf-8"))
    texts = {}
    for line in (DATA / folder / "docs.jsonl").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        texts[doc["id"]] = doc["text"]
    pairs = []
    for article in gold:
        for event in article.get("events") or []:
            evidence, text = event.get("evidence"), texts.get(article["doc_id"], "")
            sentence = next((s for s in split_sentences(text) if evidence and evidence in s), evidence)
            if sentence and event.get("sub_event_type"):
                pairs.append((sentence, event["sub_event_type"]))
    return pairs


def news_gold(settings: Settings) -> dict:
    results = {}
    for folder in NEWS_GOLD:
        pairs = news_gold_sentences(folder)
        documents = [Document(id=f"g{i}", text=s) for i, (s, _) in enumerate(pairs)]
        predicted = []
        for events in extract_documents(documents, settings):
            in_scope = [e for e in events if e.event_type is not None]
            predicted.append(in_scope[0].sub_event_type if in_scope else None)
        gold = [g for _, g in pairs]
        results[Path(folder).name] = {
            "events": len(pairs),
            "sub_event_type_accuracy": round(
                sum(p == g for p, g in zip(predicted, gold, strict=True)) / len(gold), 3
            ),
            "sub_event_type_macro_f1": round(macro_f1(list(zip(gold, predicted, strict=True))) or 0.0, 3),
        }
        print(folder, results[Path(folder).name], flush=True)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=600, help="Rows scored per file.")
    parser.add_argument("--country-limit", type=int, default=300, help="Rows scored per country.")
    parser.add_argument("--cache", type=Path, help="Folder for the encoder's vectors of training texts.")
    parser.add_argument("--words-only", action="store_true", help="Word model alone, no encoder heads.")
    parser.add_argument(
        "--only",
        choices=["files", "countries", "shipped"],
        help="Run one part (shipped: South Asia, news, PLOVER).",
    )
    parser.add_argument("--json", type=Path, help="Also write the scores here.")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"no development data at {DATA}; nothing to score")
        return 0
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="eventwire-folds-") as scratch:
        if args.only in (None, "files"):
            results["files"] = by_file(args, Path(scratch))
        if args.only in (None, "countries"):
            results["countries"] = by_country(args, Path(scratch))
    if args.only in (None, "shipped"):
        shipped = Settings()
        results["south_asia_2015"] = type_scores(list(read_acled(DATA / SOUTH_ASIA))[:1500], shipped)
        print("south asia", results["south_asia_2015"], flush=True)
        results["news_gold_sentences"] = news_gold(shipped)
        plover = score_plover(labelled_sentences(LABELS, DATA, "test"), shipped)
        results["plover_test"] = plover
        print("plover", {k: plover[k] for k in ("sentences", "accuracy", "macro_f1")}, flush=True)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
