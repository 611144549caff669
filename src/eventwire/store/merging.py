"""Keeping the store's merged events equal to what the merge rule gives for all its reports, whatever
order the articles came in.

The rule (eventwire.dedup) reads reports in one order, by day first, so a report can change the clusters
of its own day and of later days only. When an article adds or removes reports, the days they fall on are
read again, each with the clusters still open from the day before; reading goes on to the next day while
a day gained, lost or regrouped reports, and stops after a day that comes out as it was, since every later
day then reads exactly what it read before. A cluster whose first report starts a cluster again keeps its id,
so the ids of merged events stay put unless their reports really regroup.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from eventwire.dedup import Candidate, MergeKey, choose, key_from_json, order_key

Block = tuple[str, str, str]
Rows = Callable[[str, Sequence[Any]], list[tuple]]

_REPORTS_OF_BLOCK = (
    "SELECT r.id, r.event_id, r.merge_key, r.position, e.block_day FROM reports r JOIN events e"
    " ON e.id = r.event_id WHERE e.block_kind = ? AND e.block_country = ? AND e.block_admin1 = ?"
)
_BLOCK_REPORTS = _REPORTS_OF_BLOCK + " AND e.block_day BETWEEN ? AND ?"
_ALL_BLOCK_REPORTS = _REPORTS_OF_BLOCK + " AND e.block_day IS NOT NULL"


@dataclass(frozen=True)
class Member:
    """A report as the merge reads it, with the merged event it belongs to now."""

    report_id: int
    event_id: int
    key: MergeKey
    position: int

    @property
    def order(self) -> tuple:
        """Its place in the reading order; the position in its article orders two identical reports."""
        return (order_key(self.key), self.position)


@dataclass
class Cluster:
    representative: Member
    docs: set[str] = field(default_factory=set)

    def candidate(self, label: object) -> Candidate:
        rep = self.representative
        return Candidate(label, rep.key, self.docs, rep.order)


class NewCluster:
    """The label of a cluster no merged event stands for yet."""


@dataclass
class Day:
    """What the store holds around one day of one block: the reports of the day, and the clusters whose
    first report is on the day before (with the articles among their reports of that day)."""

    members: list[Member]
    open_clusters: dict[object, Cluster]
    firsts: dict[int, int]  # merged event id -> report id of its first report, as stored
    starting: set[int]  # merged events stored as starting on the day (their `block_day`)


def read_day(rows: Rows, block: Block, day: int) -> Day:
    """The stored reports of `day` and the clusters open from `day - 1`, in one query: a report of a day
    belongs to a cluster that starts on that day or the day before."""
    grouped: dict[int, list[Member]] = {}
    starts: dict[int, int] = {}
    for report_id, event_id, merge_key, position, block_day in rows(_BLOCK_REPORTS, [*block, day - 1, day]):
        member = Member(report_id, event_id, key_from_json(json.loads(merge_key)), position)
        grouped.setdefault(event_id, []).append(member)
        starts[event_id] = block_day
    firsts = {event_id: min(members, key=_by_order).report_id for event_id, members in grouped.items()}
    today = sorted((m for members in grouped.values() for m in members if m.key.day == day), key=_by_order)
    open_clusters = {}
    for event_id, members in grouped.items():
        if starts[event_id] == day - 1:
            first = min(members, key=_by_order)
            open_clusters[event_id] = Cluster(first, {m.key.doc for m in members if m.key.day == day - 1})
    starting = {event_id for event_id, start in starts.items() if start == day}
    return Day(today, open_clusters, firsts, starting)


def _by_order(member: Member) -> tuple:
    return member.order


def regroup(
    day: Day, open_clusters: dict[object, Cluster]
) -> tuple[dict[int, object], dict[object, Cluster]]:
    """Run the merge rule over one day's reports in reading order, given the clusters still open from the
    day before. Returns each report's new label (a merged event id, or a `NewCluster`) and the clusters
    the day started. A report that starts a cluster keeps its merged event's id when it was that event's
    first report."""
    labels: dict[int, object] = {}
    started: dict[object, Cluster] = {}
    for member in day.members:
        candidates = [c.candidate(label) for label, c in (*open_clusters.items(), *started.items())]
        label = choose(member.key, candidates)
        if label is None:
            first = day.firsts.get(member.event_id) == member.report_id
            label = member.event_id if first else NewCluster()
            started[label] = Cluster(member)
        (open_clusters.get(label) or started[label]).docs.add(member.key.doc)
        labels[member.report_id] = label
    return labels, started


Moves = dict[int, tuple[Member, object]]


def moves_of(day: Day, labels: dict[int, object]) -> Moves:
    """The reports whose cluster changed: report id -> (the report as stored, its new label)."""
    return {m.report_id: (m, labels[m.report_id]) for m in day.members if labels[m.report_id] != m.event_id}


def remerge_block(rows: Rows, block: Block, days: Iterable[int], apply: Callable[[Moves], None]) -> None:
    """Bring the clusters of one block back to what the rule gives, after reports of `days` were added or
    removed. The merged events must still say which day they started on before the change (`block_day`):
    that is what a day is compared with to know whether the next one needs reading again. `apply(moves)`
    writes the moves and refreshes the merged events they touch; it is called once a stretch of days has
    settled, before anything after it is read."""
    affected = set(days)
    pending = sorted(affected)
    while pending:
        day_number = pending[0]
        day = read_day(rows, block, day_number)
        open_clusters = day.open_clusters
        moves: Moves = {}
        while True:
            labels, started = regroup(day, open_clusters)
            changed = moves_of(day, labels)
            moves.update(changed)
            pending = [d for d in pending if d > day_number]
            # The next day was read against the clusters starting on this day as they were: it must be
            # read again when they may differ, which is when a report of this day was added, removed or
            # regrouped, or a cluster now starts on another day (its first report was removed).
            same = not changed and set(started) == day.starting
            if same and day_number not in affected and day_number + 1 not in affected:
                break
            day_number += 1
            day = read_day(rows, block, day_number)
            open_clusters = started
        if moves:
            apply(moves)


def remerge_everything(rows: Rows, apply: Callable[[Moves], None]) -> None:
    """Merge every block again from scratch, whatever its merged events hold now: for a database merged
    by an earlier rule (in order of arrival), once, when it is first opened for writing."""
    blocks = rows(
        "SELECT DISTINCT block_kind, block_country, block_admin1 FROM events WHERE block_day IS NOT NULL", []
    )
    for block in sorted(tuple(row) for row in blocks):
        members = [
            Member(report_id, event_id, key_from_json(json.loads(merge_key)), position)
            for report_id, event_id, merge_key, position, _day in rows(_ALL_BLOCK_REPORTS, list(block))
        ]
        apply(_regroup_all(members))


def _regroup_all(members: list[Member]) -> Moves:
    """The moves that bring one block's reports to the rule's clusters, read day by day."""
    firsts: dict[int, Member] = {}
    by_day: dict[int, list[Member]] = {}
    for member in members:
        by_day.setdefault(member.key.day, []).append(member)
        first = firsts.get(member.event_id)
        if first is None or member.order < first.order:
            firsts[member.event_id] = member
    first_ids = {event_id: member.report_id for event_id, member in firsts.items()}
    moves: Moves = {}
    open_clusters: dict[object, Cluster] = {}
    previous = None
    for day_number in sorted(by_day):
        day = Day(sorted(by_day[day_number], key=_by_order), {}, first_ids, set())
        labels, started = regroup(day, open_clusters if previous == day_number - 1 else {})
        moves.update(moves_of(day, labels))
        open_clusters, previous = started, day_number
    return moves
