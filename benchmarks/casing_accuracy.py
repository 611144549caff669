"""How well the recaser restores casing: mixed-case news articles are written in capitals, recased, and
compared word by word with what was written.

    .venv/bin/python benchmarks/casing_accuracy.py ../shared/data/news/gwn_dev/docs.jsonl \
        ../shared/data/news/reuters96_dev/docs.jsonl [--table FILE] [--unknown title|lower]

Words: runs of letters as the recaser cuts them. "accuracy" counts a word right when its casing is exactly
the original's; "names" is the share of words written with a capital (not at a sentence start) that come
back with the original casing; "lower" the share of lower-case words that stay lower case. The words of
documents written in capitals in the original (datelines, headlines) are scored like any other.
Score only documents the table was not learned from (the shipped table holds out reuters96_dev's).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from eventwire.casing.recase import WORD, CasingTable, is_sentence_start, read_table, recase_text


def upper_case(text: str) -> str:
    """`text` in capitals, letter for letter (a letter whose capital is longer, like 'ß', stays)."""
    return "".join(ch.upper() if len(ch.upper()) == 1 else ch for ch in text)


def score_text(original: str, table: CasingTable, tally: dict[str, int]) -> None:
    recased = recase_text(upper_case(original), table)
    for match in WORD.finditer(original):
        word = match.group()
        got = recased[match.start() : match.end()]
        right = got == word
        tally["words"] += 1
        tally["right"] += right
        if word == word.lower():
            tally["lower"] += 1
            tally["lower_right"] += right
        elif not is_sentence_start(original, match.start()):
            tally["names"] += 1
            tally["names_right"] += right


def score_files(paths: list[Path], table: CasingTable) -> dict[str, float]:
    tally = dict.fromkeys(["words", "right", "lower", "lower_right", "names", "names_right"], 0)
    chars = 0
    started = time.perf_counter()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            text = json.loads(line)["text"]
            chars += len(text)
            score_text(text, table, tally)
    seconds = time.perf_counter() - started
    return {
        "words": tally["words"],
        "accuracy": round(tally["right"] / tally["words"], 4),
        "names": round(tally["names_right"] / max(tally["names"], 1), 4),
        "lower": round(tally["lower_right"] / max(tally["lower"], 1), 4),
        "words_per_second": round(tally["words"] / seconds),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("docs", nargs="+", type=Path, help="JSON Lines files of mixed-case documents")
    parser.add_argument("--table", type=Path, help="casing table (default: the shipped one)")
    parser.add_argument("--unknown", choices=["title", "lower"], default=None)
    args = parser.parse_args()
    table = read_table(args.table)
    if args.unknown:
        table = CasingTable(table.forms, unknown=args.unknown)
    for path in args.docs:
        print(path.parent.name, score_files([path], table))


if __name__ == "__main__":
    main()
