"""One event per place: a toll told place by place in one sentence is as many events as places.

Wire copy sums up a day of fighting in one sentence: "Eight of the rebels were killed in Van province,
five in Sirnak and four in Hakkari." ACLED codes one event per incident, per day and per place, each
with its own toll, so the sentence's mention is split into one part per place: the first keeps the
sentence's own toll and the place told with it, each gapped part (", five in Sirnak") gets its count
and its place. A mention whose toll is exactly the sum of later mentions told at two or more places
("17 rebels were killed in the southeast", before the list) is their total, not one more incident
(`mark_totals`).
"""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations

from spacy.tokens import Span

from eventwire.detect.weigh import VIOLENT_TYPES
from eventwire.draft import EventDraft
from eventwire.geo.locate import is_near, to_location
from eventwire.geo.resolve import Place
from eventwire.lang import lexicon
from eventwire.model import Location, Toll
from eventwire.nlp import doc_text
from eventwire.quantity import parse_quantity

# The most mentions a total is split into (the search is over their combinations).
MAX_PARTS = 6
# How far before a place its gapped count may start: ", and at least five more in the province of ".
GAP_CHARS = 60


def split_by_place(draft: EventDraft, sent: Span, places: list[Place]) -> list[EventDraft]:
    """The mention itself (moved to the place its own toll is told with) and one part per gapped
    "count in place" after it; the mention alone when the sentence tells no such list."""
    own_toll = draft.evidence.get("fatalities")
    if draft.event_type not in VIOLENT_TYPES or own_toll is None or not _deaths(draft):
        return [draft]
    text = doc_text(sent.doc)
    heads = sorted((p for p in places if sent.start_char <= p.start < sent.end_char and p.head), key=_start)
    gapped = [(p, part) for p in heads if (part := _gapped_count(text, p, own_toll.end)) is not None]
    if not gapped:
        return [draft]
    first_gap = gapped[0][1][1]
    told_with = [p for p in heads if own_toll.end <= p.end <= first_gap] or [
        p for p in heads if p.end <= first_gap
    ]
    if not told_with:
        return [draft]
    draft.location = _place_of(told_with[-1], draft)
    parts = [draft]
    for place, (toll, start) in gapped:
        part = replace(draft, evidence=dict(draft.evidence), mentions=[], location=_place_of(place, draft))
        part.fatalities = toll
        part.evidence.pop("fatalities", None)
        part.cite("fatalities", start, place.end, text[start : place.end])
        part.evidence.pop("location", None)
        part.cite("location", place.start, place.end, place.text)
        parts.append(part)
    draft.evidence.pop("location", None)
    draft.cite("location", told_with[-1].start, told_with[-1].end, told_with[-1].text)
    return parts


def mark_totals(drafts: list[EventDraft]) -> None:
    """A violent mention whose toll is exactly the sum of later mentions told at two or more places is
    their total ("Turkish troops killed 25 rebels in clashes in the east ... 10 were killed in Tunceli
    ... nine in Sirnak and six in Hakkari"): cumulative, never a further incident. Every mention told
    in the parts' sentences takes from the total what it was (clashes) and who fought, which words
    that only count the dead do not say."""
    for total in drafts:
        if total.status != "new" or total.event_type not in VIOLENT_TYPES or _deaths(total) < 2:
            continue
        later = [d for d in drafts if d.sentence_index > total.sentence_index and _may_be_part(d, total)]
        parts = _summing_to(later, _deaths(total))
        if parts:
            total.status, total.status_reason = "cumulative", "the sum of tolls told place by place"
            told = {p.sentence_index for p in parts}
            for part in later:
                if part.sentence_index in told:
                    _take_kind(part, total)


def _may_be_part(draft: EventDraft, total: EventDraft) -> bool:
    return (
        draft.status == "new"
        and draft.event_type in VIOLENT_TYPES
        and draft.place_stated
        and draft.location is not None
        and 0 < _deaths(draft) < _deaths(total)
    )


def _summing_to(drafts: list[EventDraft], total: int) -> list[EventDraft] | None:
    """Two or more of `drafts`, at two or more places, whose tolls add up to `total` (the fewest, then the
    earliest such set), or None."""
    for size in range(2, min(len(drafts), MAX_PARTS) + 1):
        for chosen in combinations(drafts, size):
            places = {(d.location.name, d.location.country) for d in chosen}
            if len(places) > 1 and sum(_deaths(d) for d in chosen) == total:
                return list(chosen)
    return None


def _take_kind(part: EventDraft, total: EventDraft) -> None:
    """The part's type and sides from its total, when the total says who did it."""
    if not total.side1:
        return
    part.sub_event_type, part.plover, part.mode = total.sub_event_type, total.plover, total.mode
    part.side1, part.side2 = total.side1, total.side2
    for name in ("actor1", "actor2"):
        part.evidence.pop(name, None)
        if name in total.evidence:
            part.evidence[name] = total.evidence[name]


def _gapped_count(text: str, place: Place, after: int) -> tuple[Toll, int] | None:
    """The count of a gapped part ending at `place` (", five in Sirnak") and where the part starts."""
    window_start = max(after, place.start - GAP_CHARS)
    if window_start >= place.start:
        return None
    found = lexicon("en").regex("toll_part_before_place").search(text, window_start, place.start)
    if found is None:
        return None
    quantity = parse_quantity(found.group("count"))
    if quantity is None or not quantity.best:
        return None
    start = found.start("count")
    toll = Toll(best=quantity.best, low=quantity.low, high=quantity.high, mention=text[start : place.end])
    return toll, start


def _place_of(place: Place, draft: EventDraft) -> Location:
    location = to_location(place, is_near(place))
    return location if draft.location is None or location.country else draft.location


def _deaths(draft: EventDraft) -> int:
    toll = draft.fatalities
    return toll.best if toll is not None and toll.best and not toll.cumulative else 0


def _start(place: Place) -> int:
    return place.start
