"""ACLED's typology, read once from `eventwire/data/typology.yaml`: event and sub-event types with their
PLOVER pairing, priority and flags, the actor kinds' inter codes, and ACLED's country names and regions.

Every module that lists types reads them here, so adding an event type is one row in the data file (and
its trigger phrases in triggers.yaml), not an edit of five modules."""

from __future__ import annotations

from typing import Any

from eventwire.lang import data_file

_TYPOLOGY: dict[str, Any] = data_file("typology.yaml")
_EVENT_ROWS: list[dict[str, Any]] = _TYPOLOGY["event_types"]
_SUB_ROWS: list[dict[str, Any]] = _TYPOLOGY["sub_event_types"]
_KIND_ROWS: list[dict[str, Any]] = _TYPOLOGY["actor_kinds"]

# ACLED's 6 event types and their 25 sub-event types, in the codebook's order.
ACLED_TYPES: dict[str, tuple[str, ...]] = {
    row["name"]: tuple(sub["name"] for sub in _SUB_ROWS if sub["event_type"] == row["name"])
    for row in _EVENT_ROWS
}
SUB_EVENT_TYPES: dict[str, str] = {sub["name"]: sub["event_type"] for sub in _SUB_ROWS}
# PLOVER type and mode that go with each sub-event type, for when the learned model changes the type.
SUB_PLOVER: dict[str, tuple[str | None, str | None]] = {
    sub["name"]: (sub["plover"], sub["plover_mode"]) for sub in _SUB_ROWS
}
# When several assault triggers share a sentence, the more specific kind of violence names the event.
SUB_PRIORITY: tuple[str, ...] = tuple(
    sub["name"] for sub in sorted((s for s in _SUB_ROWS if "priority" in s), key=lambda s: s["priority"])
)
VIOLENT_TYPES = frozenset(row["name"] for row in _EVENT_ROWS if row["violent"])
DISORDER_BY_TYPE: dict[str, str] = {row["name"]: row["disorder_type"] for row in _EVENT_ROWS}
DISORDER_BY_SUB_TYPE: dict[str, str] = {
    sub["name"]: sub["disorder_type"] for sub in _SUB_ROWS if "disorder_type" in sub
}
# How ACLED names a first actor it cannot identify, by event type, with the kind it has.
UNIDENTIFIED_ACTOR1: dict[str, tuple[str, str]] = {
    row["name"]: (row["unidentified_actor1"]["name"], row["unidentified_actor1"]["kind"])
    for row in _EVENT_ROWS
    if "unidentified_actor1" in row
}
ACTOR_KINDS: tuple[str, ...] = tuple(row["kind"] for row in _KIND_ROWS)
INTER_CODES: dict[str, int] = {row["kind"]: row["inter"] for row in _KIND_ROWS}
INTER_KINDS: dict[int, str] = {row["inter"]: row["kind"] for row in _KIND_ROWS}
# The actor kinds that carry arms (ACLED inter codes 1-4 and 8).
ARMED_KINDS = frozenset(row["kind"] for row in _KIND_ROWS if row["armed"])
# Old ACLED typology -> the event types it now corresponds to (a set when the old type was split).
OLD_TYPES: dict[str, tuple[set[str], str | None]] = {
    old: (set(row["event_types"]), row["sub_event_type"]) for old, row in _TYPOLOGY["old_event_types"].items()
}
# Where ACLED's country name differs from pycountry's common name.
ACLED_COUNTRY_NAMES: dict[str, str] = dict(_TYPOLOGY["acled_country_names"])
ACLED_REGIONS: dict[str, str] = dict(_TYPOLOGY["acled_regions"])


def flagged(flag: str) -> frozenset[str]:
    """The sub-event types that carry a flag of typology.yaml ("territory", "named_weapon", ...)."""
    return frozenset(sub["name"] for sub in _SUB_ROWS if flag in sub.get("flags", ()))
