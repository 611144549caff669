"""Word lists that tell place names from other capitalised words and say how a place is referred to
("in X", "the outskirts of X", "X district", "Deir ez Zor"). English news usage, kept by hand."""

from __future__ import annotations

import re

from eventwire.geo.names import name_key
from eventwire.lang import lexicon

PLACE_LABELS = {"GPE", "LOC", "FAC"}
SKIP_LABELS = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}
# Capitalised words of dates, which are never place names here.
CALENDAR_WORDS = frozenset().union(
    *(lexicon("en").words(name) for name in ("month_names", "month_abbreviations", "weekday_names")),
    lexicon("en").words("calendar_other_words"),
)
# Prepositions after which a known name is a place ("in X", "near X").
LOCATIVES = lexicon("en").words("locative_prepositions")
# Weaker cues: a known name after these is a place unless the model calls it a person or organisation.
WEAK_LOCATIVES = lexicon("en").words("weak_locative_prepositions")
# Nouns that make "<noun> of X" locative ("the outskirts of X", "the town of X").
PLACE_NOUNS = lexicon("en").words("place_nouns_before_of")
# Words after a name that say what kind of unit it is ("Idlib province", "Oyam district").
UNIT_HINTS = lexicon("en").table("unit_kinds")
# Unit-like words after a name that qualify it without saying its kind ("Deir ez Zor countryside").
AREA_WORDS = lexicon("en").words("area_words")
# Words after a name that make it a place as surely as a unit word does ("the eastern Idlib front",
# "Socotra island", "the Aleppo countryside").
PLACE_AFTER = AREA_WORDS | lexicon("en").words("front_words")
# Facilities and institutions named after their town ("Donetsk Airport", "Dhaka University"): the town is
# the place. Not hospitals: they are named after people and causes as often, and are where the wounded
# were taken.
FACILITIES = lexicon("en").words("facilities_named_after_towns")
# Verbs whose object is often a town ("invaded Mandera"), read by the word itself where the small
# model's parse misses the object.
TARGET_VERBS = lexicon("en").words("verbs_with_town_objects")
# Businesses named after a brand, a founder or a word ("the Solvay factory", "the Mile mall"): the name
# before them is no town, unless more than the locative says so.
FIRMS = lexicon("en").words("firms")
# Adjectives between a locative and a name ("in rural Idlib", "in central Van").
DESCRIPTIVE = lexicon("en").words("place_adjectives")
# Lower-case particles inside place names ("Deir ez Zor", "Ciudad de Mexico", "Newcastle upon Tyne").
PARTICLES = lexicon("en").words("name_particles")
# Words that begin a place name and never stand for one alone ("Abu Saida", "Kafr Nabl", "Ban Nam"):
# a name the gazetteer lacks is not split after them into a town of the first word and one of the rest.
NAME_PREFIXES = lexicon("en").words("name_prefixes")
# Capitalised words that name institutions, titles, languages, feasts or ideas in news far more often
# than the small towns that share their spelling ("in Parliament", "in Police custody", "in Arabic").
NOT_PLACES = lexicon("en").words("capitalised_non_places")
DIRECTION = lexicon("en").regex("direction_word")
NOT_PLACE_KEYS = {name_key(word) for word in NOT_PLACES}
# A wire dateline: "BEIRUT (Reuters) -", "KABUL, May 8 (AP) —", "Sunamganj, Jan 2 (UNB)", "GAZA CITY —".
DATELINE = re.compile(
    r"\A\s*(?P<place>[A-Z][A-Za-z'.-]*(?: [A-Z][A-Za-z'.-]*){0,3})(?:,[^()\n—–]{1,30}?)?"
    r"\s*(?:\([A-Z][A-Za-z .]{1,25}\)|[—–]|\s-\s)"
)
