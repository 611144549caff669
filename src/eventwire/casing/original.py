"""Giving events the user's own characters back after the parser read a recased copy of the text.

The recased text differs from the original only in the case of letters, so an offset into one is an
offset into the other: evidence and sentence spans take the original's characters at their offsets, and
the words quoted without offsets (actor, place and toll mentions, a status's reason) are found in the
recased text, near the event's sentence first, and read from the original at the same place.
"""

from __future__ import annotations

from eventwire.model import Actor, Event, Span


def in_original_text(events: list[Event], parsed: str, original: str) -> list[Event]:
    """`events` read from `parsed` (a recased copy of `original`), with every quoted word in `original`'s
    characters. Events read from the original itself come back as they are."""
    if parsed is original or parsed == original or len(parsed) != len(original):
        return events
    return [_event_in(event, _Text(parsed, original)) for event in events]


class _Text:
    """The recased and original texts side by side."""

    def __init__(self, parsed: str, original: str) -> None:
        self.parsed = parsed
        self.original = original

    def span(self, span: Span | None) -> Span | None:
        if span is None:
            return None
        return span.model_copy(update={"text": self.original[span.start : span.end]})

    def words(self, words: str | None, near: int = 0) -> str | None:
        """`words` as the original writes them: found in the recased text at or after `near`, else
        anywhere; words not found (rewritten by a stage) are left as they are."""
        if not words:
            return words
        start = self.parsed.find(words, near)
        if start < 0:
            start = self.parsed.find(words)
        return self.original[start : start + len(words)] if start >= 0 else words


def _event_in(event: Event, text: _Text) -> Event:
    near = event.sentence.start if event.sentence else 0

    def actor(value: Actor | None) -> Actor | None:
        if value is None or not value.mention:
            return value
        return value.model_copy(update={"mention": text.words(value.mention, near)})

    def mentioned(record):
        if record is None or not record.mention:
            return record
        return record.model_copy(update={"mention": text.words(record.mention, near)})

    return event.model_copy(
        update={
            "evidence": [text.span(e) for e in event.evidence],
            "sentence": text.span(event.sentence),
            "actor1": actor(event.actor1),
            "actor2": actor(event.actor2),
            "assoc_actor_1": [actor(a) for a in event.assoc_actor_1],
            "assoc_actor_2": [actor(a) for a in event.assoc_actor_2],
            "location": mentioned(event.location),
            "fatalities": mentioned(event.fatalities),
            "injured": mentioned(event.injured),
            "status_reason": text.words(event.status_reason, near),
        }
    )
