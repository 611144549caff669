"""The event store: documents, each article's reports, and the merged events, in SQLite or PostgreSQL.

Every document is written with its reports and the merge of those reports in one transaction, so a
process killed at any moment leaves either the whole document or nothing of it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from eventwire.dedup import (
    MergeKey,
    combine_events,
    key_from_json,
    key_to_json,
    merge_key,
    mergeable,
    order_key,
)
from eventwire.errors import StoreError
from eventwire.model import Document, Event, Source
from eventwire.store.dialect import Connection, Dialect
from eventwire.store.merging import Block, Moves, remerge_block, remerge_everything
from eventwire.store.records import (
    AddStatus,
    Bucket,
    DocumentDetail,
    DocumentInfo,
    EventDetail,
    EventFilter,
    Grouping,
    MergedEvent,
    Provenance,
    Report,
    StoreStats,
)
from eventwire.store.schema import SCHEMA_VERSION, statements

#: How the store's merged events are grouped (see eventwire.store.merging), recorded in its meta table.
MERGE_ORDER = "reading-order"
#: Aggregates kept per store for reuse while the database is unchanged (see Store._reused).
KEPT_AGGREGATES = 256
#: What a page of events may be sorted by, and the column each sorts on.
SORTS = {
    "event_date": "e.event_date",
    "fatalities": "e.fatalities",
    "id": "e.id",
    "country": "e.country",
    "admin1": "e.admin1",
    "location": "e.location",
    "event_type": "e.event_type",
    "sub_event_type": "e.sub_event_type",
    "plover": "e.plover",
    "num_sources": "e.num_sources",
}
#: Matches up to which a filter is rare enough to be looked up through its own index (see _rare).
RARE = 2000
_DOCUMENT_COLUMNS = (
    "d.id, d.doc_id, d.url, d.title, d.source, d.published, d.ingested_at,"
    " (SELECT count(*) FROM reports r WHERE r.document_id = d.id)"
)
_MERGED_COLUMNS = "e.id, e.num_sources, e.updated_at, e.payload"
# Filters through the reports of a merged event: by the article they came from, by their confidence (a
# merged event is as confident as its most confident report), and actor names holding some words.
_OF_DOCUMENT = (
    "e.id IN (SELECT r.event_id FROM reports r JOIN documents d ON d.id = r.document_id WHERE {match})"
)
_TYPOLOGY = {
    "acled": "e.event_type IS NOT NULL",
    "plover": "e.event_type IS NULL AND e.plover IS NOT NULL",
}
_CONFIDENT = "e.id IN (SELECT r.event_id FROM reports r WHERE r.confidence >= ?)"
_ACTOR_WORDS = "e.id IN (SELECT a.event_id FROM event_actors a WHERE lower(a.name) LIKE ? ESCAPE '\\')"
_EVENT_UPDATE = """UPDATE events SET
    event_date = ?, date_precision = ?, plover = ?, event_type = ?, sub_event_type = ?,
    actor1 = ?, actor2 = ?,
    country = ?, admin1 = ?, admin2 = ?, location = ?, lat = ?, lon = ?, geo_precision = ?,
    fatalities = ?, fatalities_low = ?, fatalities_high = ?, num_sources = ?, search_text = ?, payload = ?,
    updated_at = ?, block_kind = ?, block_country = ?, block_admin1 = ?, block_day = ?, representative = ?
    WHERE id = ?"""


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_key(doc: Document) -> str:
    """A document's identity: its URL, or the hash of its text when it has none."""
    return doc.url or f"sha256:{content_hash(doc.text)}"


class Store:
    """Documents, reports and merged events in one database. Use one Store per thread."""

    def __init__(self, dialect: Dialect, conn: Connection, target: str, readonly: bool = False) -> None:
        self.dialect = dialect
        self.target = target
        self.readonly = readonly
        self._conn = conn
        # Aggregates already computed, by (grouping, filters), with the data version they were read at.
        self._aggregates: dict[tuple[str, EventFilter], tuple[int, list[Bucket]]] = {}
        if readonly:
            with self._guard("reading the schema"):
                dialect.check_readable(conn)
        else:
            self._create_schema()

    def close(self) -> None:
        if not self.readonly:
            with self._guard("updating the planner's statistics"):
                self.dialect.optimize(self._conn)
        self._conn.close()

    def connection_lost(self) -> bool:
        """Whether the database server dropped this store's connection: a new store is needed."""
        return self.dialect.connection_lost(self._conn)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ---- plumbing

    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        """Driver errors become one-line StoreErrors naming what failed."""
        try:
            yield
        except self.dialect.errors as err:
            reason = (str(err).strip().splitlines() or [type(err).__name__])[0]
            raise StoreError(
                f"{action} failed on {self.dialect.name} database {self._shown_target()}: {reason}",
                public=f"{action} failed: {reason}",
            ) from None

    def _shown_target(self) -> str:
        return self.target.split("@")[-1] if "://" in self.target else self.target

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self._conn.execute(self.dialect.sql(sql), list(params)).fetchall()

    def _one(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        return self._conn.execute(self.dialect.sql(sql), list(params)).fetchone()

    def _run(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._conn.execute(self.dialect.sql(sql), list(params))

    def _create_schema(self) -> None:
        with self._guard("creating the schema"), self.dialect.transaction(self._conn):
            for statement in statements(self.dialect.types, self.dialect.extra_schema()):
                self._run(statement)
            found = self._one("SELECT value FROM meta WHERE key = 'schema_version'")
            if found is None:
                self._run("INSERT INTO meta (key, value) VALUES ('schema_version', ?)", [SCHEMA_VERSION])
            elif found[0] != SCHEMA_VERSION:
                raise StoreError(
                    f"database {self.target} has schema {found[0]}, this eventwire needs {SCHEMA_VERSION}"
                )
            if self._one("SELECT value FROM meta WHERE key = 'merge_order'") is None:
                # Merged in order of arrival by an earlier eventwire: merged again once, in reading order.
                remerge_everything(self._rows, self._move)
                self._run("INSERT INTO meta (key, value) VALUES ('merge_order', ?)", [MERGE_ORDER])

    # ---- writing

    def document_status(self, doc: Document) -> AddStatus:
        """What `add_document` would do with this document: lets callers skip extraction of known ones."""
        with self._guard("reading documents"):
            return self._status(doc)[0]

    def _status(self, doc: Document) -> tuple[AddStatus, int | None]:
        if self._one("SELECT 1 FROM documents WHERE content_hash = ?", [content_hash(doc.text)]):
            return "skipped", None
        found = self._one("SELECT id FROM documents WHERE doc_key = ?", [document_key(doc)])
        return ("replaced", found[0]) if found else ("added", None)

    def add_document(self, doc: Document, events: Sequence[Event]) -> AddStatus:
        """Store a document and its events, merging them into the events other articles reported.

        A document seen before (same URL or same text) is skipped; one whose URL is known with another
        text replaces that version and its events. All of it happens in one transaction.
        """
        return self.add_documents([(doc, events)])[0]

    def add_documents(
        self, items: Iterable[tuple[Document, Sequence[Event]]], per_transaction: int = 1
    ) -> list[AddStatus]:
        """`add_document` for each of many documents, `per_transaction` of them to a transaction.

        A bulk load commits (and syncs the disk) hundreds of times less often with a few hundred per
        transaction; each transaction still holds whole documents, never part of one.
        """
        if self.readonly:
            raise StoreError(f"database {self.target} is open read-only")
        statuses: list[AddStatus] = []
        iterator = iter(items)
        while chunk := list(itertools.islice(iterator, per_transaction)):
            with self._guard("storing documents"), self.dialect.transaction(self._conn):
                statuses.extend(self._add(doc, events) for doc, events in chunk)
            self._aggregates.clear()  # this connection's own commits leave the data version as it was
        return statuses

    def _add(self, doc: Document, events: Sequence[Event]) -> AddStatus:
        """Store the document's reports, each first as a merged event of its own, then merge again the
        days of every block they (and the reports of a version they replace) fall on."""
        status, old_id = self._status(doc)
        if status == "skipped":
            return status
        affected: dict[Block, set[int]] = {}
        touched = self._remove_document(old_id, affected) if old_id is not None else set()
        touched |= self._insert_document(doc, events, affected)
        # The merged events the removal touched are refreshed only after merging again: until then they
        # must say which day they started on before (see remerge_block).
        for block in sorted(affected):
            remerge_block(self._rows, block, affected[block], self._move)
        for event_id in sorted(touched):
            self._refresh_event(event_id)
        return status

    def _remove_document(self, document_id: int, affected: dict[Block, set[int]]) -> set[int]:
        rows = self._rows("SELECT event_id, merge_key FROM reports WHERE document_id = ?", [document_id])
        for _event_id, stored_key in rows:
            _note(affected, key_from_json(json.loads(stored_key)))
        self._run("DELETE FROM reports WHERE document_id = ?", [document_id])
        self._run("DELETE FROM documents WHERE id = ?", [document_id])
        return {row[0] for row in rows}

    def _move(self, moves: Moves) -> None:
        """Write the regrouped reports: new clusters get merged events, and every merged event that lost or
        gained a report is computed again (or dropped when empty)."""
        events: dict[object, int] = {}
        touched: set[int] = set()
        for report_id, (member, label) in sorted(moves.items()):
            if label not in events:
                events[label] = label if isinstance(label, int) else self._new_event(member.key)
            self._run("UPDATE reports SET event_id = ? WHERE id = ?", [events[label], report_id])
            touched |= {member.event_id, events[label]}
        for event_id in sorted(touched):
            self._refresh_event(event_id)

    def _insert_document(
        self, doc: Document, events: Sequence[Event], affected: dict[Block, set[int]]
    ) -> set[int]:
        key = document_key(doc)
        document_id = self._one(
            "INSERT INTO documents"
            " (doc_key, content_hash, doc_id, url, title, source, published, text, ingested_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [
                key,
                content_hash(doc.text),
                doc.id,
                doc.url,
                doc.title,
                doc.source,
                _iso(doc.published),
                doc.text,
                _now(),
            ],
        )[0]
        touched = set()
        for position, event in enumerate(events):
            report = _as_report(event, doc)
            mkey = merge_key(report, key)
            event_id = self._new_event(mkey)
            _note(affected, mkey)
            self._run(
                "INSERT INTO reports (document_id, position, event_id, merge_key, confidence, payload)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [
                    document_id,
                    position,
                    event_id,
                    json.dumps(key_to_json(mkey)),
                    report.confidence,
                    report.model_dump_json(),
                ],
            )
            touched.add(event_id)
        return touched

    def _new_event(self, key: MergeKey) -> int:
        """A merged event for a report of `key` alone; `_refresh_event` fills it in."""
        return self._one(
            "INSERT INTO events (num_sources, search_text, payload, updated_at, block_kind, block_country,"
            " block_admin1, block_day, representative) VALUES (0, '', '{}', ?, ?, ?, ?, ?, ?) RETURNING id",
            [
                _now(),
                key.kind,
                key.country,
                key.admin1,
                key.day if mergeable(key) else None,
                json.dumps(key_to_json(key)),
            ],
        )[0]

    def _refresh_event(self, event_id: int) -> None:
        """Recompute a merged event from its reports; drop it when none is left."""
        rows = self._rows(
            "SELECT payload, merge_key, document_id, position FROM reports WHERE event_id = ?", [event_id]
        )
        self._run("DELETE FROM event_actors WHERE event_id = ?", [event_id])
        if not rows:
            self._run("DELETE FROM events WHERE id = ?", [event_id])
            return
        # The reports in the merge's reading order, not in order of arrival: the first is the cluster's
        # representative, and ties in combining them (sources, the lead account) do not depend on arrival.
        keyed = sorted(
            ((key_from_json(json.loads(row[1])), row) for row in rows),
            key=lambda pair: (order_key(pair[0]), pair[1][3]),
        )
        rows = [row for _key, row in keyed]
        merged = combine_events([Event.model_validate_json(row[0]) for row in rows], str(event_id))
        representative = keyed[0][0]
        self._run(
            _EVENT_UPDATE,
            [
                *_event_columns(merged),
                len({row[2] for row in rows}),
                _search_text(merged),
                merged.model_dump_json(),
                _now(),
                representative.kind,
                representative.country,
                representative.admin1,
                representative.day if mergeable(representative) else None,
                json.dumps(key_to_json(representative)),
                event_id,
            ],
        )
        for name in sorted(_actor_names(merged)):
            self._run("INSERT INTO event_actors (name, event_id) VALUES (?, ?)", [name, event_id])

    # ---- reading

    def _where(self, filters: EventFilter, text: bool = True) -> tuple[str, list[Any]]:
        """The WHERE clause on `events e` for the filters (without the text one when `text` is false)."""
        clauses: list[str] = []
        params: list[Any] = []
        simple = [
            ("e.event_date >= ?", _iso(filters.since)),
            ("e.event_date <= ?", _iso(filters.until)),
            ("e.country = ?", filters.country),
            ("e.admin1 = ?", filters.admin1),
            ("e.event_type = ?", filters.event_type),
            ("e.sub_event_type = ?", filters.sub_event_type),
            (self._actor_clause(filters.actor), filters.actor),
            (self._toll_clause(filters.min_fatalities), filters.min_fatalities),
            ("e.plover = ?", filters.plover),
            (f"{self.dialect.json_text('e.payload', 'claim_status')} = ?", filters.claim_status),
            (_ACTOR_WORDS, _like(filters.actor_contains)),
            (_OF_DOCUMENT.format(match="d.doc_id = ?"), filters.doc_id),
            (_OF_DOCUMENT.format(match="lower(d.source) = lower(?)"), filters.source),
            (_CONFIDENT, filters.min_confidence),
        ]
        for clause, value in simple:
            if value is not None:
                clauses.append(clause)
                params.append(value)
        if filters.typology is not None:
            clauses.append(_TYPOLOGY[filters.typology])
        if filters.geo_precisions is not None:
            clauses.append(f"e.geo_precision IN ({', '.join('?' * len(filters.geo_precisions))})")
            params.extend(filters.geo_precisions)
        matches = []
        if filters.bbox:
            rare = self._rare(*self.dialect.bbox_candidates(filters.bbox))
            matches.append(self.dialect.bbox_match(filters.bbox, rare))
        if text and _has_text(filters):
            matches.append(self.dialect.text_match(filters.text))
        for fragment, values in matches:
            clauses.append(fragment)
            params.extend(values)
        return " AND ".join(clauses) or "1 = 1", params

    # A filter's SQL depends on how many events it matches. A rare actor or a high toll is best found
    # through its own index and the few matches sorted; a common one is best tested row by row while the
    # date index is walked newest first, which fills a page long before the end. The planner cannot tell
    # the two apart (its statistics do not cover ranges or subqueries), so a bounded count decides.

    def _actor_clause(self, actor: str | None) -> str:
        if actor is None or self._rare("SELECT 1 FROM event_actors WHERE name = ?", [actor]):
            return "e.id IN (SELECT a.event_id FROM event_actors a WHERE a.name = ?)"
        return "EXISTS (SELECT 1 FROM event_actors a WHERE a.name = ? AND a.event_id = e.id)"

    def _toll_clause(self, least: int | None) -> str:
        if least is None or self._rare("SELECT 1 FROM events WHERE fatalities >= ?", [least]):
            return "e.id IN (SELECT t.id FROM events t WHERE t.fatalities >= ?)"
        return "e.fatalities >= ?"

    def _rare(self, matches: str, params: list[Any]) -> bool:
        """Whether the query `matches` finds at most RARE rows; reads at most RARE + 1 of them."""
        with self._guard("reading events"):
            found = self._one(f"SELECT count(*) FROM ({matches} LIMIT ?) probe", [*params, RARE + 1])[0]
        return found <= RARE

    def list_events(
        self,
        filters: EventFilter | None = None,
        limit: int = 50,
        offset: int = 0,
        provenance: bool = True,
        sort: str | None = None,
    ) -> list[MergedEvent]:
        """A page of merged events, newest first or in the `sort` order (a column of `SORTS`, with `-`
        before it for descending), each with its articles' provenance unless told not."""
        if sort:
            where, params = self._where(filters or EventFilter())
            source, order = "events e", _sort_order(sort)
        else:
            source, where, params, order = self._newest_first(filters or EventFilter())
        with self._guard("listing events"):
            rows = self._rows(
                f"SELECT {_MERGED_COLUMNS} FROM {source} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
                [*params, limit, offset],
            )
        return self._with_provenance(rows) if provenance else [_merged(row) for row in rows]

    def _with_provenance(self, rows: list[tuple]) -> list[MergedEvent]:
        """Merged events from their rows, each with every article's report of it: doc id, url, title,
        publication, and the sentence and evidence it was read from (one query for all of them)."""
        if not rows:
            return []
        ids = [row[0] for row in rows]
        found: dict[int, list[Provenance]] = {}
        with self._guard("reading reports"):
            reports = self._rows(
                "SELECT r.event_id, r.payload, d.doc_id, d.url, d.title, d.source, d.published"
                " FROM reports r JOIN documents d ON d.id = r.document_id"
                f" WHERE r.event_id IN ({', '.join('?' * len(ids))}) ORDER BY r.event_id, r.confidence DESC, r.id",
                ids,
            )
        for event_id, payload, doc_id, url, title, source, published in reports:
            report = json.loads(payload)
            found.setdefault(event_id, []).append(
                Provenance(
                    doc_id=doc_id,
                    url=url,
                    title=title,
                    source=source,
                    published=published or None,
                    sentence=report.get("sentence"),
                    evidence=report.get("evidence") or [],
                )
            )
        return [_merged(row, found.get(row[0], [])) for row in rows]

    def count_events(self, filters: EventFilter | None = None, cap: int | None = None) -> int:
        """How many events match; with `cap`, counting stops there (a page's "10,000+" costs no more than
        reading that many index entries, where an exact count of a common word reads every match)."""
        source, where, params, _order = self._newest_first(filters or EventFilter(), columns=False)
        with self._guard("counting events"):
            if cap is None:
                return self._one(f"SELECT count(*) FROM {source} WHERE {where}", params)[0]
            return self._one(
                f"SELECT count(*) FROM (SELECT 1 FROM {source} WHERE {where} LIMIT ?) capped", [*params, cap]
            )[0]

    def _newest_first(self, filters: EventFilter, columns: bool = True) -> tuple[str, str, list[Any], str]:
        """FROM clause, WHERE clause, parameters and ORDER BY that read matching events newest first;
        a text search walks the text index in that order where the database allows (see TextWalk).
        Without `columns`, the events' columns are not read unless a filter needs them."""
        walk = self.dialect.text_walk(filters.text) if _has_text(filters) else None
        if walk is None:
            where, params = self._where(filters)
            return "events e", where, params, "e.event_date DESC NULLS LAST, e.id DESC"
        where, params = self._where(filters, text=False)
        if not columns and not params:  # the text is the only filter
            return walk.alone, walk.fragment, walk.params, walk.order
        return walk.source, f"{walk.fragment} AND {where}", [*walk.params, *params], walk.order

    def iter_events(self, filters: EventFilter | None = None, batch: int = 2000) -> Iterator[MergedEvent]:
        """Every matching merged event in id order, read page by page so memory stays flat."""
        where, params = self._where(filters or EventFilter())
        last = 0
        while True:
            with self._guard("reading events"):
                rows = self._rows(
                    f"SELECT {_MERGED_COLUMNS} FROM events e WHERE {where} AND e.id > ?"
                    " ORDER BY e.id LIMIT ?",
                    [*params, last, batch],
                )
            yield from self._with_provenance(rows)
            if len(rows) < batch:
                return
            last = rows[-1][0]

    def get_event(self, event_id: int) -> EventDetail | None:
        """A merged event with each article's report (and its evidence) and those articles."""
        with self._guard("reading an event"):
            row = self._one(f"SELECT {_MERGED_COLUMNS} FROM events e WHERE e.id = ?", [event_id])
            if row is None:
                return None
            reports = self._reports("r.event_id = ?", event_id)
            documents = self._rows(
                f"SELECT {_DOCUMENT_COLUMNS} FROM documents d WHERE d.id IN"
                " (SELECT document_id FROM reports WHERE event_id = ?) ORDER BY d.id",
                [event_id],
            )
        return EventDetail(
            merged=self._with_provenance([row])[0],
            reports=reports,
            documents=[_document(doc) for doc in documents],
        )

    def _reports(self, condition: str, value: int) -> list[Report]:
        rows = self._rows(
            "SELECT r.id, r.document_id, r.event_id, r.payload FROM reports r"
            f" WHERE {condition} ORDER BY r.id",
            [value],
        )
        return [
            Report(id=row[0], document_id=row[1], merged_id=row[2], event=Event.model_validate_json(row[3]))
            for row in rows
        ]

    def list_documents(self, limit: int = 50, offset: int = 0) -> list[DocumentInfo]:
        """A page of documents, most recently ingested first."""
        with self._guard("listing documents"):
            rows = self._rows(
                f"SELECT {_DOCUMENT_COLUMNS} FROM documents d ORDER BY d.id DESC LIMIT ? OFFSET ?",
                [limit, offset],
            )
        return [_document(row) for row in rows]

    def find_document(self, doc_id: str) -> int | None:
        """The stored id of the document a user knows by its doc_id (the last ingested, should two
        inputs have shared one)."""
        with self._guard("reading a document"):
            row = self._one("SELECT max(id) FROM documents WHERE doc_id = ?", [doc_id])
        return row[0] if row else None

    def get_document(self, document_id: int) -> DocumentDetail | None:
        """A document's text with its reports, whose evidence offsets point into that text."""
        with self._guard("reading a document"):
            row = self._one(
                f"SELECT {_DOCUMENT_COLUMNS}, d.text FROM documents d WHERE d.id = ?", [document_id]
            )
            if row is None:
                return None
            reports = self._reports("r.document_id = ?", document_id)
        return DocumentDetail(info=_document(row[:-1]), text=row[-1], reports=reports)

    def aggregate(self, by: Grouping, filters: EventFilter | None = None) -> list[Bucket]:
        """Event counts and fatalities per day, week (its Monday), month, year, country, admin1 or type."""
        filters = filters or EventFilter()
        return self._reused((by, filters), lambda: self._aggregate(by, filters))

    def _aggregate(self, by: Grouping, filters: EventFilter) -> list[Bucket]:
        periods = {
            "week": self.dialect.week_start("d.day"),
            "month": "substr(d.day, 1, 7)",
            "year": "substr(d.day, 1, 4)",
        }
        columns = {
            "day": "e.event_date",
            "country": "e.country",
            "admin1": "e.admin1",
            "event_type": "e.event_type",
            "sub_event_type": "e.sub_event_type",
            "plover": "e.plover",
        }
        if by not in periods and by not in columns:
            raise ValueError(f"cannot group by {by!r}; one of {', '.join([*columns, *periods])}")
        where, params = self._where(filters)
        totals = "count(*) AS events, coalesce(sum(e.fatalities), 0) AS toll"
        if by in columns:
            sql = f"SELECT {columns[by]} AS bucket, {totals} FROM events e WHERE {where} GROUP BY bucket"
        else:
            # Weeks, months and years are summed from day totals, which come in date-index order; grouping
            # every event by an expression would sort them all (half a second over a million events).
            days = f"SELECT e.event_date AS day, {totals} FROM events e WHERE {where} GROUP BY e.event_date"
            sql = (
                f"SELECT {periods[by]} AS bucket, CAST(sum(d.events) AS BIGINT), CAST(sum(d.toll) AS BIGINT)"
                f" FROM ({days}) d GROUP BY bucket"
            )
        with self._guard("aggregating events"):
            rows = self._rows(f"{sql} ORDER BY bucket NULLS LAST", params)
        return [Bucket(key=row[0], events=row[1], fatalities=row[2]) for row in rows]

    def aggregate_by_two(
        self, by: Grouping, then: Grouping, filters: EventFilter | None = None
    ) -> list[Bucket]:
        """Event counts and fatalities per pair of groupings (month x event_type, admin1 x event_type...):
        each bucket's `key` is the first grouping's value and `key2` the second's."""
        filters = filters or EventFilter()
        return self._reused((f"{by}/{then}", filters), lambda: self._aggregate_two(by, then, filters))

    def _aggregate_two(self, by: Grouping, then: Grouping, filters: EventFilter) -> list[Bucket]:
        if by == then:
            raise ValueError(f"cannot group by {by!r} twice")
        where, params = self._where(filters)
        totals = "count(*) AS events, coalesce(sum(e.fatalities), 0) AS toll"
        first, second = self._grouping_sql(by, "d.day"), self._grouping_sql(then, "d.day")
        sql = (
            f"SELECT {first} AS bucket, {second} AS bucket2, CAST(sum(d.events) AS BIGINT),"
            f" CAST(sum(d.toll) AS BIGINT) FROM (SELECT e.event_date AS day, {_columns_of(by, then)}, {totals}"
            f" FROM events e WHERE {where} GROUP BY e.event_date{_grouped(by, then)}) d"
            " GROUP BY bucket, bucket2"
        )
        with self._guard("aggregating events"):
            rows = self._rows(f"{sql} ORDER BY bucket NULLS LAST, bucket2 NULLS LAST", params)
        return [Bucket(key=row[0], key2=row[1], events=row[2], fatalities=row[3]) for row in rows]

    def _grouping_sql(self, by: Grouping, day: str) -> str:
        """The SQL of one grouping over the day-and-columns subquery `d` of `_aggregate_two`."""
        periods = {
            "day": day,
            "week": self.dialect.week_start(day),
            "month": f"substr({day}, 1, 7)",
            "year": f"substr({day}, 1, 4)",
        }
        if by in periods:
            return periods[by]
        if by in _GROUP_COLUMNS:
            return f"d.{by}"
        raise ValueError(f"cannot group by {by!r}; one of {', '.join([*periods, *_GROUP_COLUMNS])}")

    def _reused(self, key: tuple[str, EventFilter], compute: Callable[[], list[Bucket]]) -> list[Bucket]:
        """A dashboard asks for the same totals over and over, and over a million events a full-store total
        reads a million index entries (about 0.1 s): the answer is kept until the database changes."""
        with self._guard("reading the data version"):
            version = self.dialect.data_version(self._conn)
        kept = self._aggregates.get(key)
        if version is not None and kept is not None and kept[0] == version:
            return list(kept[1])
        buckets = compute()
        if version is not None:
            if len(self._aggregates) >= KEPT_AGGREGATES:
                self._aggregates.pop(next(iter(self._aggregates)))
            self._aggregates[key] = (version, buckets)
        return list(buckets)

    def actor_counts(self, filters: EventFilter | None = None, limit: int = 100) -> list[Bucket]:
        """The actors of matching events (any role) with their event counts, most active first.

        Lets a reader offer the actor filter's canonical names instead of asking for them by heart.
        """
        where, params = self._where(filters or EventFilter())
        with self._guard("counting actors"):
            rows = self._rows(
                "SELECT a.name, count(*), coalesce(sum(e.fatalities), 0)"
                f" FROM event_actors a JOIN events e ON e.id = a.event_id WHERE {where}"
                " GROUP BY a.name ORDER BY count(*) DESC, a.name LIMIT ?",
                [*params, limit],
            )
        return [Bucket(key=row[0], events=row[1], fatalities=row[2]) for row in rows]

    def check(self) -> list[str]:
        """Broken links between documents, reports and merged events; empty when the store is consistent."""
        checks = {
            "reports of missing documents": "SELECT count(*) FROM reports r"
            " WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = r.document_id)",
            "reports of missing merged events": "SELECT count(*) FROM reports r"
            " WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = r.event_id)",
            "merged events without reports": "SELECT count(*) FROM events e"
            " WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.event_id = e.id)",
            "merged events with a wrong num_sources": "SELECT count(*) FROM events e WHERE e.num_sources <>"
            " (SELECT count(DISTINCT r.document_id) FROM reports r WHERE r.event_id = e.id)",
            "documents stored twice": "SELECT count(*) - count(DISTINCT content_hash) FROM documents",
        }
        with self._guard("checking the database"):
            found = {problem: self._one(sql)[0] for problem, sql in checks.items()}
        return [f"{count} {problem}" for problem, count in found.items() if count]

    def stats(self) -> StoreStats:
        with self._guard("counting rows"):
            counts = [
                self._one(f"SELECT count(*) FROM {table}")[0] for table in ("documents", "reports", "events")
            ]
        return StoreStats(documents=counts[0], reports=counts[1], events=counts[2])


def _note(affected: dict[Block, set[int]], key: MergeKey) -> None:
    """Mark the day of a mergeable report's block as one to merge again."""
    if mergeable(key):
        affected.setdefault(key.block, set()).add(key.day)


_GROUP_COLUMNS = ("country", "admin1", "event_type", "sub_event_type", "plover")


def _columns_of(*groupings: str) -> str:
    """The event columns the groupings read, for the inner query of `_aggregate_two` ("e.country AS country")."""
    columns = [g for g in dict.fromkeys(groupings) if g in _GROUP_COLUMNS]
    return ", ".join(f"e.{column} AS {column}" for column in columns) or "NULL AS nothing"


def _grouped(*groupings: str) -> str:
    return "".join(f", e.{g}" for g in dict.fromkeys(groupings) if g in _GROUP_COLUMNS)


def _sort_order(sort: str) -> str:
    """ORDER BY for a sort key such as "-fatalities"; unknown keys are refused before reaching SQL."""
    column = sort.removeprefix("-")
    if column not in SORTS:
        raise ValueError(f"cannot sort by {sort!r}; one of {', '.join(SORTS)}")
    direction = "DESC" if sort.startswith("-") else "ASC"
    return f"{SORTS[column]} {direction} NULLS LAST, e.id {direction}"


def _like(words: str | None) -> str | None:
    """A LIKE pattern finding the words in this order anywhere in a name, any case; % and _ are literal."""
    if not words or not words.strip():
        return None
    escaped = words.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return "%" + "%".join(escaped.split()) + "%"


def _has_text(filters: EventFilter) -> bool:
    return bool(filters.text and filters.text.strip())


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _as_report(event: Event, doc: Document) -> Event:
    """An event as one document's report: tied to the document and, when it names none, to its source."""
    update: dict[str, Any] = {}
    if event.doc_id is None:
        update["doc_id"] = doc.id
    if not event.sources and (doc.source or doc.url or doc.published):
        update["sources"] = [Source(publisher=doc.source, url=doc.url, published=doc.published)]
    return event.model_copy(update=update) if update else event


def _event_columns(event: Event) -> list[Any]:
    """The merged event's filterable columns, in `_EVENT_UPDATE` order."""
    place, toll = event.location, event.fatalities
    return [
        _iso(event.event_date),
        event.date_precision,
        event.plover,
        event.event_type,
        event.sub_event_type,
        event.actor1.name if event.actor1 else None,
        event.actor2.name if event.actor2 else None,
        place.country if place else None,
        place.admin1 if place else None,
        place.admin2 if place else None,
        place.name if place else None,
        place.lat if place else None,
        place.lon if place else None,
        place.geo_precision if place else None,
        toll.best if toll else None,
        toll.low if toll else None,
        toll.high if toll else None,
    ]


def _actors(event: Event) -> list:
    return [
        actor for actor in (event.actor1, event.actor2, *event.assoc_actor_1, *event.assoc_actor_2) if actor
    ]


def _actor_names(event: Event) -> set[str]:
    return {actor.name for actor in _actors(event)}


def _search_text(event: Event) -> str:
    """The words full-text search looks in: notes, actors, place, type and sources."""
    words = [event.notes, event.event_type, event.sub_event_type, event.plover, event.reported_by]
    words += [part for actor in _actors(event) for part in (actor.name, actor.mention)]
    if event.location:
        words += [event.location.name, event.location.admin1, event.location.admin2, event.location.mention]
    words += [source.publisher for source in event.sources]
    return " ".join(word for word in words if word)


def _merged(row: tuple, reports: Sequence[Provenance] = ()) -> MergedEvent:
    return MergedEvent(
        id=row[0],
        num_sources=row[1],
        updated_at=row[2],
        event=Event.model_validate_json(row[3]),
        reports=list(reports),
    )


def _document(row: tuple) -> DocumentInfo:
    return DocumentInfo(
        id=row[0],
        doc_id=row[1],
        url=row[2],
        title=row[3],
        source=row[4],
        published=dt.date.fromisoformat(row[5]) if row[5] else None,
        ingested_at=row[6],
        num_reports=row[7],
    )
