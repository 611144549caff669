"""Who reported an event and how sure the report is: reported, claimed, unconfirmed or denied."""

from __future__ import annotations

import re

from spacy.tokens import Span

from eventwire.actors import SentenceMentions

UNCONFIRMED_SOURCES = {"social media", "witnesses"}
_CLAIMED = re.compile(r"\bclaim(?:ed|s|ing)? (?:of )?responsibility\b|\bclaimed (?:to have|that it)\b", re.I)
_DENIED = re.compile(
    r"\b(?:denied|denies|deny|rejected the claim|dismissed (?:the )?(?:claims|reports))\b", re.I
)
_HEDGED = re.compile(
    r"\b(?:unconfirmed|unverified|could not be (?:independently )?verified|allegedly|reportedly|"
    r"rumou?rs?|these claims|the claims?|not independently confirmed)\b",
    re.I,
)


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
