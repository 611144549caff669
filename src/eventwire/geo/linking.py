"""How the place names of a phrase qualify each other: "X (Y)", "X (Y, Z)", "X, Y", "X - Y", "X district
(Y province)" and "X in Y province" make Y the container of X."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from eventwire.geo.names import name_key
from eventwire.geo.words import NOT_PLACE_KEYS, PLACE_AFTER, UNIT_HINTS
from eventwire.lang import lexicon

if TYPE_CHECKING:
    from eventwire.geo.spans import Mention

SEPARATOR = re.compile(r"\s*(?:[(,]|\s[-–]\s)\s*")
PART_SEPARATOR = re.compile(r"\s[-–]\s")
# "the Haram district of Giza": after a unit word, "of" names the container.
OF_SEPARATOR = re.compile(r"\s*of\s+(?:the\s+)?")
IN_SEPARATOR = lexicon("en").regex("in_separator")
# What may stand between a name and its qualifier besides the separator: unit words ("Oyam district
# (Northern)", "Barh axis (Maqbanah, Taizz)"), a number ("Zone 2"), a compass word or an aside in
# brackets ("Lobacheve (west), Luhansk", "Tansamba [Diankabou] (Koro)").
# People named after their place ("Eastleigh residents (Kamukunji, Nairobi)") stand where a unit word may.
PEOPLE_WORDS = lexicon("en").words("local_people")
UNIT_WORDS = sorted({*UNIT_HINTS, *PLACE_AFTER, *PEOPLE_WORDS, "sector"}, key=len, reverse=True)
# Compass words in brackets after a name ("Lobacheve (west)"), in the order written.
COMPASS = "|".join(lexicon("en").entries("compass_words"))
UNIT_PHRASE = re.compile(
    rf"^\s*(?:(?:{'|'.join(map(re.escape, UNIT_WORDS))}|\d+)\b\s*|"
    rf"\(\s*(?:{COMPASS})\w*\s*\)\s*|\[[^\]]{{0,40}}\]\s*)+",
    re.IGNORECASE,
)


def is_located_name(mention: Mention) -> bool:
    """An unknown name after a locative that may be a village ("outskirts of Zxolumbaville"), not a
    building ("at Karim Square", "the US Embassy")."""
    return mention.cue is not None and name_key(mention.text.split()[-1]) not in NOT_PLACE_KEYS


def link_phrases(text: str, mentions: list[Mention]) -> None:
    """Mark "X (Y)", "X (Y, Z)", "X, Y", "X - Y", "X district (Y province)", "the X district of Y" and
    "X in Y province": Y
    qualifies X ("in" only when Y may be a province or country: "Bennsh in Idleb", not "Kabul in May"; and
    X a known place or a located village: in "the US Embassy in Cork" Y is the scene)."""
    for first, second in zip(mentions, mentions[1:], strict=False):
        if first.container is not None or second.contents or (first.listed and second.listed):
            continue
        raw = text[first.end : second.start]
        between = UNIT_PHRASE.sub("", raw)
        placed = first.candidates or is_located_name(first)
        unit_of = between != raw and OF_SEPARATOR.fullmatch(between) and placed
        within = unit_of or (
            IN_SEPARATOR.fullmatch(between)
            and placed
            and any(c.kind in ("admin1", "admin2", "country") for c in second.candidates)
        )
        if (within or SEPARATOR.fullmatch(between)) and ")" not in between and first.start != second.start:
            first.container = second
            second.contents.append(first)
            second.cue = None
            second.part = bool(PART_SEPARATOR.fullmatch(between))
