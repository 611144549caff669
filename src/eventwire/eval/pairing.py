"""One-to-one pairing of predicted with gold events, shared by the whole-article evaluators.

Scores of an event extractor on whole articles hinge on which prediction answers which gold event. A
greedy first-come pairing lets an early, loosely fitting prediction take a gold event that a later one
fits exactly, and so under-counts; an optimal assignment does not. Pairs are chosen to be as many as
possible first and, among the assignments with that many, as close as possible.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

# closeness[row][column]: how well a prediction (row) fits a gold event (column), from 0 to 1, or None
# when the two may not be paired at all.
Closeness = Sequence[Sequence[float | None]]


def assign(closeness: Closeness) -> list[tuple[int, int]]:
    """The optimal one-to-one pairs (row, column), sorted by row: the most pairs, then the closest.

    Every allowed pair weighs more than the closeness of all pairs together can add, so no assignment
    trades a pair away for closeness."""
    rows = len(closeness)
    columns = len(closeness[0]) if rows else 0
    if not rows or not columns:
        return []
    bonus = min(rows, columns) + 1.0
    weights = np.zeros((rows, columns))
    for row, line in enumerate(closeness):
        if len(line) != columns:
            raise ValueError("closeness rows differ in length")
        for column, value in enumerate(line):
            if value is not None:
                weights[row, column] = bonus + min(1.0, max(0.0, value))
    chosen = zip(*linear_sum_assignment(weights, maximize=True), strict=True)
    return sorted((int(r), int(c)) for r, c in chosen if closeness[r][c] is not None)
