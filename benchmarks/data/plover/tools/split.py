"""Assign the train/test split of the labelled PLOVER sentences, by story.

All sentences of one story share a split. Stories that report the same incident are kept
together too: the groups below were set by reading the stories, and any two stories whose
labelled sentences are near copies of each other (word-set Jaccard >= 0.5) are joined
automatically. Groups are then assigned to `test` by a seeded random search that keeps about
40% of the sentences in test and about 40% of every category, with at least 30% of each
category in test. The result is written back into the labels file (`split:` of each item).

Usage: python tools/split.py [DATA_DIR] [LABELS_YAML]
Standard library only.
"""

from __future__ import annotations

import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import load_labels  # noqa: E402

TEST_SHARE = 0.40
MIN_CATEGORY_SHARE = 0.30
SEED = 1996
TRIALS = 40000
NEAR_COPY = 0.5

# Stories (CoNLL-2003 train index, or GeoWebNews article id) that report the same incident or
# its direct follow-up.
SAME_INCIDENT = [
    [474, 512, 609, 618, 620, 621, 732],  # Sudan Airways hijacking to Stansted
    [80, 83, 84, 87, 107, 185, 377, 451, 555, 565, 584],  # Chechnya truce, talks and pullout
    [193, 292, 475, 730, 731, 11],  # Iraqi Kurdish factions' fighting and ceasefires
    [458, 466, 568, 723],  # Dutch couple kidnapped in Costa Rica
    [103, 302, 914, 935],  # Algeria violence
    [301, 391, 562, 713],  # Dutroux case
    [191, 205, 385, 294],  # Jordan bread riots and the Iraqi diplomat
    [453, 845],  # Zastava workers' protest
    [386, 387, 389],  # Weizman-Arafat meeting
    [553, 708],  # missionaries held in southern Sudan
    [859, 867, 871],  # Dick Morris resignation
    [169, 712, 834],  # Commonwealth mission to Nigeria
    [631, 729, 753, 889, 894, 895],  # Palestinian strikes and Kabariti visit
    [0, 28],  # German advice on British lamb
    [2, 3],  # China-Taiwan talks
    [5, 23],  # Greek snap election
    [16, 17],  # Zhirinovsky in Baghdad
    [13, 14],  # Arafat flight ban and Peres meeting
    [476, 597, 935],  # Islamist conference in London
    [192, 756],  # Turkish army reports of rebels killed in clashes
    ["gwn-170", "gwn-172"],  # Brooklyn police shooting
    [876, 394],  # Salang highway
    [284, 181],  # Rwandan refugees expelled by Zaire
]


def story_key(ref: dict):
    """Story identity shared by a CoNLL story and its reuters96_dev copy."""
    if ref["corpus"] == "gwn_dev":
        return ref["doc"]
    if ref["corpus"] == "reuters96_dev":
        return int(ref["doc"].rsplit("-", 1)[1])
    return int(ref["doc"])


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


class Groups:
    """Union-find over story keys."""

    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, key):
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def join(self, a, b) -> None:
        self.parent[self.find(a)] = self.find(b)


def story_groups(items: list[dict]) -> dict:
    """Map each story key to its group representative."""
    groups = Groups()
    for item in items:
        groups.find(story_key(item["ref"]))
    for members in SAME_INCIDENT:
        for other in members[1:]:
            groups.join(members[0], other)
    bags = [(story_key(i["ref"]), words(i["text"])) for i in items]
    for n, (key_a, bag_a) in enumerate(bags):
        for key_b, bag_b in bags[n + 1 :]:
            if key_a == key_b or len(bag_a) < 4 or len(bag_b) < 4:
                continue
            if len(bag_a & bag_b) / len(bag_a | bag_b) >= NEAR_COPY:
                groups.join(key_a, key_b)
    return {key: groups.find(key) for key in groups.parent}


def score(counts_test: Counter, counts_all: Counter, n_test: int, n_all: int) -> float:
    """Lower is better; infinite when a category falls below its minimum test share."""
    total = (n_test / n_all - TEST_SHARE) ** 2 * 50
    for cat, n in counts_all.items():
        share = counts_test[cat] / n
        if share < MIN_CATEGORY_SHARE or share > 1 - MIN_CATEGORY_SHARE:
            return float("inf")
        total += (share - TEST_SHARE) ** 2
    return total


def assign(items: list[dict]) -> dict:
    """Choose the set of groups that go to test."""
    group_of = story_groups(items)
    per_group: dict = defaultdict(Counter)
    for item in items:
        per_group[group_of[story_key(item["ref"])]][item["plover"]] += 1
    counts_all = Counter(i["plover"] for i in items)
    keys = sorted(per_group, key=str)
    rng = random.Random(SEED)
    best, best_score = set(), float("inf")
    for _ in range(TRIALS):
        chosen = {k for k in keys if rng.random() < TEST_SHARE}
        counts_test = Counter()
        for k in chosen:
            counts_test.update(per_group[k])
        value = score(counts_test, counts_all, sum(counts_test.values()), len(items))
        if value < best_score:
            best, best_score = chosen, value
    if best_score == float("inf"):
        raise SystemExit("no split meets the per-category minimum; add stories or relax the minimum")
    return {k: ("test" if group_of[k] in best else "train") for k in group_of}


def main(argv: list[str]) -> None:
    data = Path(argv[1]) if len(argv) > 1 else HERE.parents[1] / "shared" / "data"
    path = Path(argv[2]) if len(argv) > 2 else HERE.parent / "plover_labels.yaml"
    items = load_labels.load(data, path)
    split_of = assign(items)
    for item in items:
        item["split"] = split_of[story_key(item["ref"])]
    load_labels.write_labels(items, path)
    counts = Counter((i["plover"], i["split"]) for i in items)
    n_test = sum(v for (_, s), v in counts.items() if s == "test")
    print(f"{len(items)} items, {n_test} test ({n_test / len(items):.0%})")


if __name__ == "__main__":
    main(sys.argv)
