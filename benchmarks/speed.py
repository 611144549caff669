"""Extraction speed and memory on news-length articles, next to spaCy's own speed on the same texts.

Reports, on a corpus of ~600-word articles (benchmarks/corpus.py, seeded):
  - end-to-end throughput of eventwire.pipeline (articles/s, words/s) on one process;
  - spaCy's `nlp.pipe` throughput with the same model and its default pipes, and the ratio of the two;
  - peak RSS of the extraction process with the pipeline and gazetteer loaded;
  - cold start of `eventwire extract FILE` on one article, as a subprocess (median of several runs);
  - with --workers N: throughput of N worker processes, in-process and through the CLI (with start-up).
The two single-process measurements alternate over --repeat rounds and the median is kept, so a burst of
load on a shared machine hits both alike. The load average is printed beside the numbers.

    python benchmarks/speed.py --articles 200 --workers 2 --json speed.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from corpus import corpus

from eventwire.model import Document

TARGETS = {
    "ratio_to_spacy": 0.75,
    "parallel_articles_per_s": 15.0,
    "peak_rss_mb": 800.0,
    "cold_start_s": 2.5,
}


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size so far (Linux reports KiB)."""
    return resource.getrusage(who).ru_maxrss / 1024


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def eventwire_command() -> list[str]:
    script = Path(sys.executable).with_name("eventwire")
    return [str(script)] if script.exists() else [sys.executable, "-m", "eventwire"]


def cold_start(document: Document, runs: int) -> list[float]:
    """Wall-clock seconds of `eventwire extract FILE` on one article, each in a fresh process."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{document.id}.txt"
        path.write_text(document.text, encoding="utf-8")
        command = [*eventwire_command(), "extract", str(path), "--published", str(document.published)]
        return [
            timed(lambda: subprocess.run([*command, "--format", "jsonl"], check=True, capture_output=True))
            for _ in range(runs)
        ]


def cli_parallel(documents: list[Document], workers: int) -> float:
    """Wall-clock seconds of `eventwire extract --input corpus.jsonl --workers N`, start-up included."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "corpus.jsonl"
        source.write_text("".join(doc.model_dump_json() + "\n" for doc in documents), encoding="utf-8")
        command = [*eventwire_command(), "extract", "--input", str(source), "--workers", str(workers)]
        return timed(
            lambda: subprocess.run(
                [*command, "--output", str(Path(folder) / "events.jsonl")], check=True, capture_output=True
            )
        )


def single_process(documents: list[Document], repeat: int) -> dict:
    """eventwire and plain spaCy on one process, alternating; the RSS is taken before spaCy loads."""
    import spacy

    from eventwire.nlp import MODEL_NAME
    from eventwire.pipeline import extract_documents
    from eventwire.settings import DEFAULT_SETTINGS

    texts = [doc.text for doc in documents]
    load_s = timed(lambda: list(extract_documents(documents[:2])))
    pipeline_s = [timed(lambda: list(extract_documents(documents)))]
    rss_mb = peak_rss_mb()
    plain = spacy.load(MODEL_NAME)
    list(plain.pipe(texts[:2]))
    spacy_s = []
    for round_number in range(repeat):
        if round_number:
            pipeline_s.append(timed(lambda: list(extract_documents(documents))))
        spacy_s.append(timed(lambda: list(plain.pipe(texts, batch_size=DEFAULT_SETTINGS.batch_size))))
    words = sum(len(text.split()) for text in texts)
    pipeline, plain_s = statistics.median(pipeline_s), statistics.median(spacy_s)
    return {
        "articles": len(documents),
        "words": words,
        "words_per_article": round(words / len(documents), 1),
        "pipeline_load_s": round(load_s, 2),
        "articles_per_s": round(len(documents) / pipeline, 2),
        "words_per_s": round(words / pipeline),
        "spacy_articles_per_s": round(len(documents) / plain_s, 2),
        "spacy_words_per_s": round(words / plain_s),
        "ratio_to_spacy": round(plain_s / pipeline, 3),
        "peak_rss_mb": round(rss_mb),
        "rounds_pipeline_s": [round(s, 2) for s in pipeline_s],
        "rounds_spacy_s": [round(s, 2) for s in spacy_s],
    }


def parallel(documents: list[Document], workers: int) -> dict:
    """Worker processes fed from this (warm) process, then the CLI from cold."""
    from eventwire.parallel import extract_on_processes

    pool_s = timed(lambda: list(extract_on_processes(documents, workers)))
    return {
        "workers": workers,
        "parallel_articles_per_s": round(len(documents) / pool_s, 2),
        "parallel_worker_peak_rss_mb": round(peak_rss_mb(resource.RUSAGE_CHILDREN)),
        "parallel_cli_articles_per_s": round(len(documents) / cli_parallel(documents, workers), 2),
    }


def measure(args: argparse.Namespace) -> dict:
    documents = [
        Document(id=doc["id"], text=doc["text"], published=dt.date.fromisoformat(doc["published"]))
        for doc in corpus(args.articles, args.seed, args.words, args.with_acled_notes)
    ]
    results = {"load_average_before": [round(x, 2) for x in os.getloadavg()], "cpus": os.cpu_count()}
    results |= single_process(documents, args.repeat)
    if args.workers > 1:
        results |= parallel(documents, args.workers)
    cold = cold_start(documents[0], args.cold_runs)
    results["cold_start_s"] = round(statistics.median(cold), 2)
    results["cold_start_runs_s"] = [round(s, 2) for s in cold]
    results["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    return results


def table(results: dict) -> str:
    rows = [
        ("articles x words/article", f"{results['articles']} x {results['words_per_article']}", ""),
        ("pipeline load + warm-up", f"{results['pipeline_load_s']} s", ""),
        (
            "eventwire, 1 process",
            f"{results['articles_per_s']} articles/s, {results['words_per_s']} words/s",
            "",
        ),
        (
            "spaCy nlp.pipe, same model",
            f"{results['spacy_articles_per_s']} articles/s, {results['spacy_words_per_s']} words/s",
            "",
        ),
        ("eventwire / spaCy", f"{results['ratio_to_spacy']:.2f}", _target(results, "ratio_to_spacy")),
        ("peak RSS, 1 process", f"{results['peak_rss_mb']} MB", _target(results, "peak_rss_mb", lower=True)),
    ]
    if "workers" in results:
        rows += [
            (
                f"eventwire, {results['workers']} processes",
                f"{results['parallel_articles_per_s']} articles/s",
                _target(results, "parallel_articles_per_s"),
            ),
            (
                f"  `extract --workers {results['workers']}`, start-up incl.",
                f"{results['parallel_cli_articles_per_s']} articles/s",
                "",
            ),
            ("  peak RSS of a worker", f"{results['parallel_worker_peak_rss_mb']} MB", ""),
        ]
    rows += [
        (
            "cold start, one article",
            f"{results['cold_start_s']} s",
            _target(results, "cold_start_s", lower=True),
        ),
        (
            "load average before / after",
            f"{results['load_average_before']} / {results['load_average_after']}",
            "",
        ),
    ]
    width = max(len(row[0]) for row in rows)
    value_width = max(len(row[1]) for row in rows)
    return "\n".join(f"{name:<{width}}  {value:<{value_width}}  {target}" for name, value, target in rows)


def _target(results: dict, key: str, lower: bool = False) -> str:
    goal = TARGETS[key]
    met = results[key] <= goal if lower else results[key] >= goal
    return f"target {'<=' if lower else '>='} {goal:g}: {'met' if met else 'NOT met'}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--words", type=int, default=600, help="Words per article (about).")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=1, help="Also measure this many worker processes.")
    parser.add_argument("--repeat", type=int, default=2, help="Rounds of the single-process measurements.")
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--with-acled-notes", action="store_true", help="Mix ACLED notes in, when present.")
    parser.add_argument("--json", type=Path, help="Also write the numbers here.")
    args = parser.parse_args()
    results = measure(args)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
