"""Who reported an event and how sure the report is: reported, claimed, unconfirmed or denied."""

from __future__ import annotations

from spacy.tokens import Span

from eventwire.actors import SentenceMentions
from eventwire.lang import lexicon

UNCONFIRMED_SOURCES = lexicon("en").words("unconfirmed_sources")
_CLAIMED = lexicon("en").regex("claimed")
_DENIED = lexicon("en").regex("denied")
_HEDGED = lexicon("en").regex("hedged")


def reporter(mentions: SentenceMentions) -> tuple[str, int, int, str] | None:
    """The source the sentence cites, if any (the first one named)."""
    return mentions.sources[0] if mentions.sources else None


def claim_status(sent: Span, reported_by: str | None, following: str = "") -> str:
    """How the text frames the event; `following` is the next sentence, which often hedges the last."""
    text = sent.text
    if _DENIED.search(text):
        return "denied"
    if _CLAIMED.search(text):
        return "claimed"
    if reported_by in UNCONFIRMED_SOURCES or _HEDGED.search(text) or _HEDGED.search(following):
        return "unconfirmed"
    return "reported"
