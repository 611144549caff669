"""The event's own location among the places a sentence mentions.

A sentence names places for many reasons: where the event happened ("strikes in Idlib"), what a place is
("Aleppo, a government stronghold"), where something else is ("near the Turkish border"). The place
after a locative preposition wins; precision follows ACLED: 1 the town itself, 2 near a town or a part of
a district, 3 a province, region or country (its centroid).
"""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.geo.resolve import SPECIFICITY, Place, main_place
from eventwire.model import Location

AT = {"in", "at", "into", "inside", "on", "across", "within", "of", "from"}
NEAR = {"near", "outside", "around", "nearby"}
NEAR_PHRASES = ("outskirts of", "close to", "north of", "south of", "east of", "west of", "edge of")


def event_location(
    places: list[Place], sentence_start: int, sentence_end: int, doc: Doc
) -> tuple[Location, tuple[int, int]] | None:
    """The event's location and the character span of the words it rests on, or None.

    Uses the sentence's places; a sentence without any falls back to the document's main place.
    """
    text = doc.text
    in_sentence = [p for p in places if sentence_start <= p.start < sentence_end]
    place = max(in_sentence, key=lambda p: rank(p, text)) if in_sentence else main_place(places)
    if place is None:
        return None
    return to_location(place, is_near(place, text)), (place.start, place.end)


def preceding_words(place: Place, text: str, count: int = 3) -> list[str]:
    """The lower-cased words just before the mention, nearest last (skipping "the")."""
    words = [w.lower() for w in text[max(0, place.start - 40) : place.start].split()]
    words = [w for w in words if w != "the"]
    return words[-count:]


def is_near(place: Place, text: str) -> bool:
    words = preceding_words(place, text)
    return bool(words) and (words[-1] in NEAR or " ".join(words[-2:]) in NEAR_PHRASES)


def rank(place: Place, text: str) -> tuple[int, int, int]:
    """Locative first ("in X" beats a bare mention; "in X's Y district" names Y), then the more specific
    place, then the earlier one."""
    words = preceding_words(place, text, count=4)
    near = is_near(place, text)
    locative = 0
    if words and (words[-1] in AT or near):
        locative = 1 if words[-1] == "of" and not near else 2
    elif in_possessive(words):
        locative = 3
    return locative, -SPECIFICITY.get(place.candidate.kind, 4), -place.start


def in_possessive(words: list[str]) -> bool:
    """ "in Aleppo's affluent New Aleppo district": the part named after a located possessive is located."""
    for i, word in enumerate(words[1:], start=1):
        if word.endswith(("'s", "’s")) and words[i - 1] in AT | NEAR:
            return True
    return False


def precision(place: Place, near: bool) -> int:
    kind = place.candidate.kind
    if kind in ("admin1", "region", "country"):
        return 3
    if kind in ("admin2", "district") or near:
        return 2
    return 1


def to_location(place: Place, near: bool) -> Location:
    candidate = place.candidate
    return Location(
        name=candidate.name,
        admin1=candidate.admin1,
        admin2=candidate.admin2,
        country=candidate.country,
        lat=candidate.lat,
        lon=candidate.lon,
        geonameid=candidate.geonameid,
        geo_precision=precision(place, near),
        mention=place.text,
    )
