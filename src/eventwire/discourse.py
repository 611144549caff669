"""Reading across sentences: the sentence before or after an incident's mention often names the side its
own sentence leaves out ("... thwarted by Turkish-backed armed groups"), or hedges the report."""

from __future__ import annotations

from spacy.tokens import Span

from eventwire.actors import ActorMention, find_mentions
from eventwire.claims import claim_status
from eventwire.detect.weigh import VIOLENT_TYPES
from eventwire.draft import EventDraft
from eventwire.model import ARMED_KINDS
from eventwire.nlp import doc_text


def fill_from_neighbours(incidents: list[EventDraft], sentences: list[Span]) -> None:
    """Let the sentences around an incident's first mention name a missing side or hedge the report."""
    armed = _ArmedMentions()
    for draft in incidents:
        following = sentences[draft.sentence_index + 1] if draft.sentence_index + 1 < len(sentences) else None
        _fill_from_next(draft, following, armed)
        if draft.sentence_index > 0:
            previous, sentence = sentences[draft.sentence_index - 1], sentences[draft.sentence_index]
            _doer_from_previous(draft, previous, sentence, armed)
        if following is not None and draft.claim_status == "reported":
            draft.claim_status = claim_status(
                sentences[draft.sentence_index], draft.reported_by, following.text
            )


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
