"""Reading across sentences: one event told in several sentences becomes one, and events are ordered by
salience (the article's main event first)."""

from __future__ import annotations

from spacy.tokens import Span

from eventwire.actors import ActorMention, find_mentions
from eventwire.assemble import EventDraft
from eventwire.claims import claim_status
from eventwire.detect.weigh import VIOLENT_TYPES
from eventwire.model import ARMED_KINDS
from eventwire.nlp import doc_text
from eventwire.settings import Settings

PLOVER_WEIGHT = {"ASSAULT": 3.0, "PROTEST": 2.5, "COERCE": 2.0, None: 1.5}


def merge_drafts(drafts: list[EventDraft], sentences: list[Span], settings: Settings) -> list[EventDraft]:
    """Fold each draft into an earlier one that tells the same event; then let a following sentence
    name a missing side or hedge the report."""
    merged: list[EventDraft] = []
    for draft in drafts:
        target = next((m for m in reversed(merged) if _same_event(m, draft, settings)), None)
        if target is None:
            merged.append(draft)
        else:
            _absorb(target, draft)
    armed = _ArmedMentions()
    for draft in merged:
        following = sentences[draft.sentence_index + 1] if draft.sentence_index + 1 < len(sentences) else None
        _fill_from_next(draft, following, armed)
        if draft.sentence_index > 0:
            previous, sentence = sentences[draft.sentence_index - 1], sentences[draft.sentence_index]
            _doer_from_previous(draft, previous, sentence, armed)
        if following is not None and draft.claim_status == "reported":
            draft.claim_status = claim_status(
                sentences[draft.sentence_index], draft.reported_by, following.text
            )
    return merged


def _same_event(first: EventDraft, second: EventDraft, settings: Settings) -> bool:
    if first.plover != second.plover or first.plover is None:
        return False
    if second.sentence_index - first.sentence_index > settings.merge_window:
        return False
    if first.sub_event_type != second.sub_event_type and first.mode != second.mode:
        return False
    if first.event_type != second.event_type:  # an attack on villagers and a clash are two events
        return False
    if first.location and second.location and first.location.country != second.location.country:
        return False
    if _tolls_differ(first, second):  # "killed three villagers ... gunmen killed two farmers": two attacks
        return False
    names1 = {m.name for m in first.side1 if m.generic is None}
    names2 = {m.name for m in second.side1 if m.generic is None}
    return not (names1 and names2 and not names1 & names2)


def _tolls_differ(first: EventDraft, second: EventDraft) -> bool:
    one, other = first.fatalities, second.fatalities
    if one is None or other is None or one.cumulative or other.cumulative:
        return False
    return bool(one.best and other.best and one.best != other.best)


def _absorb(target: EventDraft, other: EventDraft) -> None:
    """Fill the earlier draft's gaps from the later one; a more precise place replaces a vaguer one."""
    target.side1 = target.side1 or other.side1
    target.side2 = target.side2 or other.side2
    if other.location and (target.location is None or _precision(other) < _precision(target)):
        target.location = other.location
        if "location" in other.evidence:
            target.evidence["location"] = other.evidence["location"]
    if target.fatalities is None and other.fatalities is not None and not other.fatalities.cumulative:
        target.fatalities = other.fatalities
    target.reported_by = target.reported_by or other.reported_by
    for name, evidence in other.evidence.items():
        target.evidence.setdefault(name, evidence)


def _precision(draft: EventDraft) -> int:
    return draft.location.geo_precision or 3 if draft.location else 9


class _ArmedMentions:
    """The armed actors a neighbouring sentence names, read once per sentence however many events ask."""

    def __init__(self) -> None:
        self._read: dict[tuple[int, str | None], list[ActorMention]] = {}

    def __call__(self, sent: Span, draft: EventDraft) -> list[ActorMention]:
        country = draft.location.country if draft.location else None
        key = (sent.start, country)
        if key not in self._read:
            self._read[key] = [m for m in find_mentions(sent, country).actors if m.kind in ARMED_KINDS]
        return self._read[key]


def _fill_from_next(draft: EventDraft, following: Span | None, armed: _ArmedMentions) -> None:
    """ "X reported intense attacks ... " followed by "... thwarted by Y": Y is the other side."""
    if following is None or draft.plover != "ASSAULT" or (draft.side1 and draft.side2):
        return
    known = {m.name for m in draft.side1 + draft.side2}
    others = [m for m in armed(following, draft) if m.name not in known]
    if not others:
        return
    if draft.side1:
        draft.side2 = others[:1]
    else:
        draft.side1 = others[:1]


def _doer_from_previous(draft: EventDraft, previous: Span, sentence: Span, armed: _ArmedMentions) -> None:
    """ "The police carried out an operation in X. A shoot-out broke out ...": violence whose doer its own
    sentence leaves unnamed is by the armed actor the sentence before, in the same paragraph, is about."""
    doer = draft.side1[0] if draft.side1 else None
    if doer is None or doer.text or draft.event_type not in VIOLENT_TYPES:
        return
    if "\n" in doc_text(sentence.doc)[previous.end_char : sentence.start_char]:
        return
    victims = {m.name for m in draft.side2}
    subjects = [
        m
        for m in armed(previous, draft)
        if m.name not in victims and previous.doc[m.head].dep_ in {"nsubj", "nsubjpass"}
    ]
    if subjects:
        draft.side1 = [subjects[0], *draft.side1[1:]]


def order_by_salience(drafts: list[EventDraft]) -> list[EventDraft]:
    """The main event first: violence over statements, tolls and early position raise salience."""

    def score(draft: EventDraft) -> float:
        weight = PLOVER_WEIGHT.get(draft.plover, 1.0)
        if draft.fatalities and draft.fatalities.best:
            weight += 1.0
        return weight + 1.0 / (1 + draft.sentence_index)

    return sorted(drafts, key=score, reverse=True)
