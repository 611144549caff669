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

With --real-news, the articles are real news read at run time from ../shared/data (news_corpus.py), and the
measure is whole processes, side by side: `eventwire extract --input articles.jsonl` against a process that
loads the same spaCy model and runs `nlp.pipe` on the same texts, alternating over --repeat rounds; both
include start-up. The ratio is eventwire's wall time over spaCy's (lower is better). With --workers N the same
is done for `extract --workers N`, and the speed-up over one worker is reported.

    python benchmarks/speed.py --real-news 118 --workers 2 --repeat 3 --json speed-news.json
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
from news_corpus import news_articles

from eventwire.model import Document

TARGETS = {
    "ratio_to_spacy": 0.75,
    "peak_rss_mb": 800.0,
    "cold_start_s": 2.5,
}
# Whole-process wall time on real news: eventwire over spaCy's own nlp.pipe, and two workers over one.
NEWS_TARGETS = {
    "wall_ratio_to_spacy": 1.3,
    "peak_rss_mb": 800.0,
    "two_worker_speedup": 1.7,
    "cold_start_s": 3.0,
}
SPACY_SCRIPT = """
import json, sys, spacy
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = spacy.load(sys.argv[2])
for _ in nlp.pipe(texts, batch_size=int(sys.argv[3])):
    pass
"""


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
        command = [*eventwire_command(), "extract", str(path)]
        if document.published:
            command += ["--published", str(document.published)]
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


def measure_news(args: argparse.Namespace) -> dict:
    """Whole processes on real news: eventwire extract against spaCy's nlp.pipe, alternating rounds."""
    from eventwire.nlp import MODEL_NAME
    from eventwire.settings import DEFAULT_SETTINGS

    articles = news_articles(args.real_news)
    if not articles:
        raise SystemExit("no real news under ../shared/data; nothing to measure")
    results = {"load_average_before": [round(x, 2) for x in os.getloadavg()], "cpus": os.cpu_count()}
    words = sum(len(a["text"].split()) for a in articles)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "articles.jsonl"
        source.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
        extract = [*eventwire_command(), "extract", "--input", str(source), "--format", "jsonl"]
        plain = [
            sys.executable,
            "-c",
            SPACY_SCRIPT,
            str(source),
            MODEL_NAME,
            str(DEFAULT_SETTINGS.batch_size),
        ]
        rounds: dict[str, list[float]] = {"eventwire": [], "spacy": [], "workers": []}
        rss: dict[str, float] = {}
        for _ in range(args.repeat):
            rounds["eventwire"].append(timed(lambda: _run_measured(extract, rss, "eventwire")))
            rounds["spacy"].append(timed(lambda: _run_measured(plain, rss, "spacy")))
            if args.workers > 1:
                command = [*extract, "--workers", str(args.workers)]
                rounds["workers"].append(timed(lambda c=command: _run_measured(c, rss, "workers")))
    one, base = statistics.median(rounds["eventwire"]), statistics.median(rounds["spacy"])
    results |= {
        "articles": len(articles),
        "words": words,
        "words_per_article": round(words / len(articles), 1),
        "eventwire_wall_s": round(one, 2),
        "spacy_wall_s": round(base, 2),
        "wall_ratio_to_spacy": round(one / base, 3),
        "peak_rss_mb": round(rss["eventwire"]),
        "spacy_peak_rss_mb": round(rss["spacy"]),
        "rounds_eventwire_s": [round(s, 2) for s in rounds["eventwire"]],
        "rounds_spacy_s": [round(s, 2) for s in rounds["spacy"]],
    }
    if rounds["workers"]:
        many = statistics.median(rounds["workers"])
        results |= {
            "workers": args.workers,
            "workers_wall_s": round(many, 2),
            "two_worker_speedup": round(one / many, 3),
            "rounds_workers_s": [round(s, 2) for s in rounds["workers"]],
        }
    cold = cold_start(
        _document(next((a for a in articles if a.get("published")), articles[0])), args.cold_runs
    )
    results["cold_start_s"] = round(statistics.median(cold), 2)
    results["cold_start_runs_s"] = [round(s, 2) for s in cold]
    results["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    return results


def _run_measured(command: list[str], rss: dict[str, float], name: str) -> None:
    """Run a process to its end; keep its peak RSS (with its workers', Linux reports KiB), largest of the
    rounds. Its messages go to a file, so a chatty process cannot fill a pipe and stall."""
    with tempfile.TemporaryFile() as messages:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=messages)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            messages.seek(0)
            raise SystemExit(f"{' '.join(command[:3])} failed: {messages.read().decode()[-500:]}")
    rss[name] = max(rss.get(name, 0.0), usage.ru_maxrss / 1024)


def _document(article: dict) -> Document:
    published = dt.date.fromisoformat(article["published"]) if article.get("published") else None
    return Document(id=article["id"], text=article["text"], published=published)


def news_table(results: dict) -> str:
    rows = [
        ("real news articles x words/article", f"{results['articles']} x {results['words_per_article']}", ""),
        ("`eventwire extract`, whole process", f"{results['eventwire_wall_s']} s", ""),
        ("spaCy nlp.pipe, whole process", f"{results['spacy_wall_s']} s", ""),
        (
            "eventwire / spaCy wall time",
            f"{results['wall_ratio_to_spacy']:.2f}",
            _news_target(results, "wall_ratio_to_spacy", lower=True),
        ),
        ("peak RSS", f"{results['peak_rss_mb']} MB", _news_target(results, "peak_rss_mb", lower=True)),
    ]
    if "workers" in results:
        rows += [
            (f"`extract --workers {results['workers']}`", f"{results['workers_wall_s']} s", ""),
            (
                "  speed-up over one worker",
                f"{results['two_worker_speedup']:.2f}",
                _news_target(results, "two_worker_speedup"),
            ),
        ]
    rows += [
        (
            "cold start, one article",
            f"{results['cold_start_s']} s",
            _news_target(results, "cold_start_s", True),
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


def _news_target(results: dict, key: str, lower: bool = False) -> str:
    goal = NEWS_TARGETS[key]
    met = results[key] <= goal if lower else results[key] >= goal
    return f"target {'<=' if lower else '>='} {goal:g}: {'met' if met else 'NOT met'}"


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
                "",
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
    parser.add_argument(
        "--real-news", type=int, metavar="N", help="Measure whole processes on N real news articles instead."
    )
    parser.add_argument("--json", type=Path, help="Also write the numbers here.")
    args = parser.parse_args()
    if args.real_news:
        results = measure_news(args)
        print(news_table(results))
    else:
        results = measure(args)
        print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
