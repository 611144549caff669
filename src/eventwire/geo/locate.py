"""The event's own location among the places a sentence mentions.

A sentence names places for many reasons: where the event happened ("strikes in Idlib"), what a place is
("Aleppo, a government stronghold"), where something else is ("near the Turkish border"), what it was
about ("a protest against the invasion of Ukraine"). The head of a place phrase after a locative wins
over qualifiers ("Idlib" in "Sarmada (Idlib)") and bare mentions, and a place in the article's own
country over a foreign one. Precision follows ACLED: 1 the town itself, 2 near a town or a part of a
district, 3 a province, region or country (its centroid).
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from eventwire.geo.gazetteer import Candidate, get_gazetteer
from eventwire.geo.phrases import SPECIFICITY
from eventwire.geo.resolve import Place, main_country
from eventwire.geo.spans import qualifies_noun
from eventwire.geo.words import LOCATIVES
from eventwire.lang import lexicon
from eventwire.model import Location
from eventwire.nlp import doc_text

AT = lexicon("en").words("at_prepositions")
# Cues that put the event beside the place rather than in it.
NEAR = lexicon("en").words("near_words")
# A quarter ("Gaza City - Shujaiyya", "Mogadishu - Hodan") is narrower than its city.
LOCAL_SPECIFICITY = {**SPECIFICITY, "district": -1}
NEAR_NOUNS = lexicon("en").words("near_nouns")


def event_location(
    places: list[Place], sentence_start: int, sentence_end: int, doc: Doc
) -> tuple[Location, tuple[int, int]] | None:
    """The event's location and the character span of the words it rests on, or None.

    Uses the sentence's places; a sentence without any falls back to the document's main place.
    """
    text = doc_text(doc)
    country = main_country(places)
    in_sentence = [p for p in places if sentence_start <= p.start < sentence_end]
    own = [p for p in in_sentence if not names_owner(p, doc)]
    place = max(own, key=lambda p: rank(p, text, country)) if own else None
    if place is None or is_topic(place, text):
        elsewhere = [p for p in places if not sentence_start <= p.start < sentence_end]
        where = own + [p for p in elsewhere if not names_owner(p, doc)]
        place = main_place(where, text, country) or place or main_place(places, text, country)
    if place is None:
        return None
    return to_location(place, is_near(place)), (place.start, place.end)


def names_owner(place: Place, doc: Doc) -> bool:
    """A country's name before a noun it qualifies ("the U.S. consulate in Surabaya", "a U.S.-brokered
    truce", "Turkish troops") says whose the thing is, not where the event was, whatever locative
    stands before the phrase ("hurled at U.S. consulate in Indonesia"); so does a place that begins a
    longer organisation's name ("fighting with Kurdistan Workers Party guerrillas"). A toponym still,
    but not the event's place."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    if place.cue is None and _opens_organisation(span):
        return True
    if place.candidate.kind != "country" or place.unit is not None:  # "Kosovo province" is the place
        return False
    return qualifies_noun(span)


def _opens_organisation(span) -> bool:
    """The name is the start of an organisation's name of three or more words that goes on past it in
    title case ("Kurdistan Workers Party"); "the Kabul Police" and "Fargo police" stay places."""
    doc, first = span.doc, span[0]
    if first.ent_iob_ != "B" or first.ent_type_ != "ORG" or span.end + 1 >= len(doc):
        return False
    return all(t.ent_iob_ == "I" for t in doc[span.start + 1 : span.end + 2]) and doc[span.end].is_title


def main_place(places: list[Place], text: str, country: str | None) -> Place | None:
    """The article's own place, for a sentence that names none: a located head ("in X") over a bare
    mention, then a qualified one ("X (Y)"), then the most-mentioned name."""
    if not places:
        return None
    counts = Counter(p.candidate.name for p in places)

    def order(place: Place) -> tuple[int, ...]:
        strength, head, qualified, *rest = rank(place, text, country)
        return (int(strength >= 2), head, qualified, counts[place.candidate.name], *rest)

    return max(places, key=order)


def is_topic(place: Place, text: str) -> bool:
    """A bare country ("wanted by US agencies") is what a sentence is about, not where it happened."""
    return place.candidate.kind == "country" and cue_strength(place, text) == 0


def preceding_words(place: Place, text: str, count: int = 3) -> list[str]:
    """The lower-cased words just before the mention, nearest last (skipping "the")."""
    words = [w.lower() for w in text[max(0, place.start - 40) : place.start].split()]
    words = [w for w in words if w != "the"]
    return words[-count:]


def is_near(place: Place) -> bool:
    """ "near X", "the outskirts of X", "north of X", or an unknown village placed at its district."""
    cue = place.cue or ""
    return cue in NEAR or cue.removesuffix(" of") in NEAR_NOUNS or place.stands_for is not None


def cue_strength(place: Place, text: str) -> int:
    """4 for ACLED's "coded as X", 3 for "in Aleppo's New Aleppo district", 2 for a locative ("in",
    "near", "town of"), 1 for a weak one ("from", "to"), 0 for none."""
    cue = place.cue
    if cue == "coded as":
        return 4
    if in_possessive(preceding_words(place, text, count=4)):
        return 3
    if cue in LOCATIVES or cue in NEAR or (cue and cue.endswith(" of")):
        return 2
    return 1 if cue else 0


def rank(place: Place, text: str, country: str | None) -> tuple[int, ...]:
    """Locative first, then the head of a phrase, a place its qualifiers pin down ("Marawi City (Lanao
    del Sur)" over "from Butig"), a place in the article's country, the more specific (a known quarter
    over its city), the earlier."""
    return (
        cue_strength(place, text),
        int(place.head),
        int(place.qualified),
        int(place.candidate.country == country),
        -LOCAL_SPECIFICITY.get(place.candidate.kind, 4),
        -place.start,
    )


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
    return _location(place.candidate, precision(place, near), place.text)


def country_location(iso2: str) -> Location | None:
    """A country as the place of an event nothing narrower locates (ACLED's geo_precision 3)."""
    candidate = get_gazetteer().country(iso2)
    return _location(candidate, 3, None) if candidate is not None else None


def _location(candidate: Candidate, geo_precision: int, mention: str | None) -> Location:
    return Location(
        name=candidate.name,
        admin1=candidate.admin1,
        admin2=candidate.admin2,
        country=candidate.country,
        lat=candidate.lat,
        lon=candidate.lon,
        geonameid=candidate.geonameid,
        geo_precision=geo_precision,
        mention=mention,
    )
