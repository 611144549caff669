"""Word lists that tell place names from other capitalised words and say how a place is referred to
("in X", "the outskirts of X", "X district", "Deir ez Zor"). English news usage, kept by hand."""

from __future__ import annotations

import re

from eventwire.geo.names import name_key

PLACE_LABELS = {"GPE", "LOC", "FAC"}
SKIP_LABELS = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}
# Capitalised words of dates, which are never place names here.
CALENDAR_WORDS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
        "morning",
        "evening",
        "night",
        "week",
        "weekend",
        "month",
        "year",
        "christmas",
        "easter",
        "ramadan",
        "eid",
        "new",
        "day",
        "days",
        "weeks",
        "months",
        "years",
        "last",
        "next",
        "this",
        "early",
        "late",
        "mid",
    ]
)
# Prepositions after which a known name is a place ("in X", "near X").
LOCATIVES = {
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "into",
    "across",
    "around",
    "throughout",
    "within",
    "towards",
    "toward",
    "through",
    "along",
    "nearby",
    "off",
}
# Weaker cues: a known name after these is a place unless the model calls it a person or organisation.
WEAK_LOCATIVES = {"from", "to", "between", "via", "and"}
# Nouns that make "<noun> of X" locative ("the outskirts of X", "the town of X").
PLACE_NOUNS = {
    "mayor",
    "governor",
    "outskirts",
    "suburb",
    "suburbs",
    "town",
    "village",
    "villages",
    "city",
    "district",
    "province",
    "region",
    "area",
    "municipality",
    "countryside",
    "state",
    "county",
    "governorate",
    "territory",
    "capital",
    "centre",
    "center",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "part",
    "parts",
    "vicinity",
    "environs",
    "heart",
    "residents",
    "inhabitants",
    "streets",
    "outskirt",
    "localities",
    "locality",
    "neighbourhood",
    "neighborhood",
    "commune",
    "department",
    "council",
    "island",
    "zone",
    "sector",
    "coast",
    "beach",
    "shore",
    "shores",
}
# Words after a name that say what kind of unit it is ("Idlib province", "Oyam district").
UNIT_HINTS = {
    "province": "admin1",
    "governorate": "admin1",
    "state": "admin1",
    "region": "admin1",
    "oblast": "admin1",
    "prefecture": "admin1",
    "department": "admin1",
    "district": "admin2",
    "county": "admin2",
    "sub-county": "admin2",
    "subcounty": "admin2",
    "parish": "admin2",
    "municipality": "admin2",
    "raion": "admin2",
    "township": "admin2",
    "lga": "admin2",
    "city": "city",
    "town": "city",
    "village": "city",
    "camp": "city",
}
# Unit-like words after a name that qualify it without saying its kind ("Deir ez Zor countryside").
AREA_WORDS = {"countryside", "area", "outskirts", "suburbs", "locality", "neighborhood", "neighbourhood"}
# Words after a name that make it a place as surely as a unit word does ("the eastern Idlib front",
# "Socotra island", "the Aleppo countryside").
PLACE_AFTER = AREA_WORDS | {"front", "frontline", "axis", "island"}
# Facilities and institutions named after their town ("Donetsk Airport", "Dhaka University"): the town is
# the place. Not hospitals: they are named after people and causes as often, and are where the wounded
# were taken.
FACILITIES = {
    "airport",
    "station",
    "mine",
    "airbase",
    "base",
    "prison",
    "port",
    "dam",
    "bridge",
    "camp",
    "university",
    "college",
    "stadium",
}
# Verbs whose object is often a town ("invaded Mandera"), read by the word itself where the small
# model's parse misses the object.
TARGET_VERBS = {
    "attacked", "invaded", "raided", "stormed", "shelled", "struck", "bombed", "hit", "targeted",
    "besieged", "captured", "seized", "overran", "entered", "ambushed", "looted", "recaptured",
}  # fmt: skip
# Businesses named after a brand, a founder or a word ("the Solvay factory", "the Mile mall"): the name
# before them is no town, unless more than the locative says so.
FIRMS = {"mall", "factory", "company", "hotel", "supermarket", "restaurant", "store", "shop", "firm"}
# Adjectives between a locative and a name ("in rural Idlib", "in central Van").
DESCRIPTIVE = {
    "rural",
    "central",
    "urban",
    "downtown",
    "greater",
    "eastern",
    "western",
    "northern",
    "southern",
}
# Lower-case particles inside place names ("Deir ez Zor", "Ciudad de Mexico", "Newcastle upon Tyne").
PARTICLES = {
    "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "las", "los", "le", "les",
    "el", "al", "ad", "an", "ar", "as", "ash", "at", "az", "ez", "es", "ed", "ech", "bin", "ibn", "wa",
    "y", "e", "i", "en", "sur", "sous", "am", "im", "der", "den", "van", "von", "upon", "op", "aan",
}  # fmt: skip
# Words that begin a place name and never stand for one alone ("Abu Saida", "Kafr Nabl", "Ban Nam"):
# a name the gazetteer lacks is not split after them into a town of the first word and one of the rest.
NAME_PREFIXES = {
    "abu", "umm", "bani", "beni", "bir", "ain", "ayn", "kafr", "deir", "dayr", "tall", "tal", "tel",
    "ras", "beit", "bayt", "khirbet", "khirbat", "wadi", "jabal", "jebel", "qasr", "sidi", "ban",
    "san", "santa", "santo", "saint", "st", "port", "fort", "mount", "lake", "new", "el", "al",
}  # fmt: skip
# Capitalised words that name institutions, titles, languages, feasts or ideas in news far more often
# than the small towns that share their spelling ("in Parliament", "in Police custody", "in Arabic").
NOT_PLACES = {
    "parliament", "congress", "senate", "court", "council", "ministry", "office", "palace", "prison",
    "police", "army", "military", "forces", "guard", "university", "college", "school", "hospital",
    "national", "assembly", "center", "centre", "street", "square", "mosque", "church", "station",
    "union", "front", "party", "president", "government", "coast", "market", "road", "highway",
    "airport", "bridge", "stadium", "park", "hall", "republic", "kingdom", "federal", "central",
    "northern", "southern", "eastern", "western", "north", "south", "east", "west", "ramadan", "eid",
    "christmas", "easter", "english", "arabic", "god", "islam", "christ", "justice", "peace", "freedom",
    "liberty", "independence", "unity", "victory", "hope", "change", "democracy", "labour", "green",
    "king", "prince", "sultan", "sheikh", "general", "captain", "colonel", "mayor", "governor",
    "minister", "chief", "media", "press", "news", "times", "post", "state", "city", "town", "village",
    "zone", "sector", "area", "camp",
}  # fmt: skip
DIRECTION = re.compile(
    r"^(north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(ern)?$"
)
NOT_PLACE_KEYS = {name_key(word) for word in NOT_PLACES}
# A wire dateline: "BEIRUT (Reuters) -", "KABUL, May 8 (AP) —", "Sunamganj, Jan 2 (UNB)", "GAZA CITY —".
DATELINE = re.compile(
    r"\A\s*(?P<place>[A-Z][A-Za-z'.-]*(?: [A-Z][A-Za-z'.-]*){0,3})(?:,[^()\n—–]{1,30}?)?"
    r"\s*(?:\([A-Z][A-Za-z .]{1,25}\)|[—–]|\s-\s)"
)
