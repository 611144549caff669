"""How news words casualty counts: the English phrasing `eventwire.counts` reads numbers against.

Kept apart from the counting rules so the phrasing can grow without touching them. Verbs and nouns that
say someone died or was hurt, where the number sits relative to them (after the verb: "killing 3"; before
it: "3 people were killed"), the words that make a number a subset, a rival report, an addition, a zero or
a running total.
"""

from __future__ import annotations

import re
from typing import Literal

Role = Literal["killed", "injured"]

_KILLED_WORDS = (
    r"killed|dead|died|die|slain|murdered|executed|beheaded|massacred|perished|lynched|fatalities|fatality|deaths"
    r"|death(?!\s+(?:threats?|sentences?|penalty|squads?|toll|row|march|warrants?))|bodies|body|corpses|corpse"
    r"|lost\s+(?:their|his|her)\s+lives?|shot\s+dead|shot\s+and\s+killed|fatally\s+(?:shot|stabbed|wounded|injured)"
    r"|(?:shot|stabbed|beaten|hacked|burned|burnt|clubbed|stoned|tortured)\s+to\s+death"
)
_INJURED_WORDS = r"wounded|injured|hurt|maimed|injuries|(?:sustained|suffered)\s+injuries"
_AUX = (
    r"were|was|have|has|had|are|is|been|being|be|got|reportedly|also|allegedly|reported|confirmed|later|all"
    r"|both|subsequently|believed|feared|to|now|already|initially|apparently|mostly|who|each|presumed|found"
    r"|seriously|critically|severely|slightly|gravely|badly|fatally"
)
_FUNCTION = (
    r"and|or|but|which|that|in|on|at|near|during|after|before|by|as|with|when|while|from|for|since|into"
)
_STOP = rf"(?:{_KILLED_WORDS}|{_INJURED_WORDS}|{_AUX}|{_FUNCTION}|killing|wounding|injuring|including)\b"
_NP = rf"(?:\s+(?:of\s+)?(?!{_STOP})(?:[A-Za-z]|\d+-[A-Za-z])[\w'’-]*){{0,6}}"
_PLACE = r"(?:\s+(?:in|at|near|from)\s+(?:the\s+)?(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*){0,3})?"
_ASIDE = r"(?:\s*,[^,;.]{1,60},)?"  # "25 people, including 10 children, were killed"
_FLAGS = re.IGNORECASE

NOUN_PHRASE = re.compile(_NP, _FLAGS)
PASSIVE = re.compile(
    rf"(?P<np>{_NP}){_PLACE}{_ASIDE}(?P<aux>(?:\s+(?:{_AUX})\b)*)"
    rf"\s+(?:(?P<killed>{_KILLED_WORDS})(?!\s+or\s+(?:{_INJURED_WORDS}))|(?P<injured>{_INJURED_WORDS}))\b",
    _FLAGS,
)
TRANSITIVE = frozenset(
    {
        "killed",
        "murdered",
        "executed",
        "beheaded",
        "massacred",
        "wounded",
        "injured",
        "lynched",
        "shot",
        "stabbed",
    }
)
# The victims after a bare verb ("3 gunmen killed 5 people"); a number with its own verb
# ("1 killed 3 injured") is not one.
OBJECT_FOLLOWS = re.compile(
    rf"\s+(?:a|an|the|his|her|their|its|\d[\d,]*(?![\d,]|\s+(?:{_KILLED_WORDS}|{_INJURED_WORDS})\b)"
    r"|at\s+least|more\s+than|dozens|scores)\b",
    _FLAGS,
)
# A count with its own casualty verb ("1 killed 3 injured"): not the object of the verb before it.
OWN_VERB = re.compile(rf"\s+(?:{_KILLED_WORDS}|{_INJURED_WORDS})\b", _FLAGS)
KILL_BEFORE = re.compile(
    r"\b(?:killing|killed|kills|kill|murdering|murdered|executing|executed|beheading|beheaded|massacring"
    r"|massacred|slaughtering|slaughtered|lynching|lynched|shot\s+dead|shooting\s+dead|shot\s+and\s+killed"
    r"|fatally\s+(?:shot|shooting|stabbed|stabbing|wounded|wounding|injured|injuring)"
    r"|(?:claimed|claiming|took|taking)\s+the\s+lives\s+of|bodies\s+of|remains\s+of"
    r"|toll\s+(?:\w+\s+){0,4}?(?:of|at|to|was|is|reaching|reached|hit|hitting|topping|topped|passing|passed)"
    r"|(?:killing|killings|death|deaths|murder|murders)\s+of)"
    r"(?:\s+(?:between|some|approximately|about|around|roughly))?\s+\Z",
    _FLAGS,
)
INJURE_BEFORE = re.compile(r"\b(?:wounding|wounded|injuring|injured|hurting|maiming|maimed)\s+\Z", _FLAGS)
SUBSET_BEFORE = re.compile(
    r"\b(?:including|among\s+them|among\s+whom|among\s+the\s+dead|among\s+those\s+killed|of\s+whom|of\s+them)"
    r"\s+\Z",
    _FLAGS,
)
SUBSET_AFTER = re.compile(r"\s+of\s+(?:them|whom)(?:\s+were)?(?=\s)", _FLAGS)
RIVAL_BEFORE = re.compile(
    r"\b(?:said|says|say|reported|estimated|put\s+(?:the\s+(?:death\s+)?toll|the\s+number|the\s+figure|it)\s+at"
    r"|gave\s+a\s+(?:death\s+)?toll\s+of)\s+\Z",
    _FLAGS,
)
ADDITIVE_BEFORE = re.compile(r"\b(?:another|a\s+further|further|an\s+additional|additional)\s+\Z", _FLAGS)
ADDITIVE_NOUNS = frozenset({"more", "other", "others", "additional"})
GENERIC_NOUNS = frozenset({"", "people", "person", "individual", "victim", "dead", "bodie", "body", "other"})
RIVAL_AFTER = re.compile(r"\s*(?:[.,;)]|\Z)")
LINK = re.compile(rf"{_NP}\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)", _FLAGS)
ARTICLE = re.compile(r"\b(?:a|an)(?=\s+\w)", _FLAGS)
# "The police commander was killed": one victim named by his post.
THE_DEAD = re.compile(
    r"(?<!\bof\s)(?<!\bto\s)\b(?P<the>the)\s+(?:[\w-]+\s+){1,5}?(?:was|has\s+been|had\s+been)\s+(?:later\s+)?"
    r"(?:killed|shot\s+dead|murdered|assassinated|beheaded|executed|lynched|stabbed\s+to\s+death)\b",
    _FLAGS,
)
# "killing the driver", "shot and killed the head of the council": one named victim.
THE_VICTIM = re.compile(
    r"\b(?:killing|killed|murdering|murdered|executing|executed|assassinating|assassinated|beheading|beheaded"
    r"|lynching|lynched|shot\s+dead|shot\s+and\s+killed|stabbed\s+to\s+death)\s+(?P<the>the)(?=\s+[a-z])",
    _FLAGS,
)
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
DATE_BEFORE = re.compile(rf"\b{_MONTH}\.?\s+\Z")
DATE_AFTER = re.compile(rf"\s+(?:of\s+)?{_MONTH}\b")
YEAR_CONTEXT = re.compile(r"\b(?:in|since|of|by|until|from|year|during)\s+\Z", _FLAGS)
ZERO = re.compile(
    r"\b(?:no|zero)\s+(?:(?:immediate|reported|known|further|other|human|civilian|serious)\s+)*"
    r"(?:(?P<noun>fatalities|deaths|casualties|injuries|loss\s+of\s+life|lives\s+(?:were\s+)?lost)\b"
    r"|(?:one|body|people|person|persons)\s+(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:\w+ly\s+)?"
    r"(?P<verb>killed|hurt|harmed|injured|wounded|died)\b)"
    r"|\bnobody\s+(?:was|were|has\s+been|had\s+been)\s+(?:\w+ly\s+)?(?P<verb2>killed|hurt|harmed|injured|wounded)\b"
    r"|\bwithout\s+(?:any\s+)?(?P<noun2>casualties|injuries|fatalities|loss\s+of\s+life)\b",
    _FLAGS,
)
ZERO_ROLES: dict[str, tuple[Role, ...]] = {
    **dict.fromkeys(("fatalities", "deaths", "loss", "lives", "killed", "died"), ("killed",)),
    **dict.fromkeys(("injuries", "injured", "wounded"), ("injured",)),
    **dict.fromkeys(("casualties", "hurt", "harmed"), ("killed", "injured")),  # "no one was hurt": neither
}
CLAUSE_BREAK = re.compile(
    r"[;:]|\.(?=\s|\Z)|,\s+(?=(?:bringing|raising|taking|pushing|lifting|while|but)\b)", _FLAGS
)
CUMULATIVE_CUE = re.compile(
    r"\b(?:since|so\s+far|to\s+date|in\s+total|this\s+year|(?:over|in)\s+the\s+(?:past|last)"
    r"|(?:which|that)\s+(?:has|have|had)\s+(?:\w+\s+)?killed"
    r"|toll\s+(?:\w+\s+){0,4}?(?:rose|risen|climbed|reached|reaching|rising|increased|jumped|hit|surpassed|to))\b",
    _FLAGS,
)
PERFECT_KILLED = re.compile(r"\b(?:has|have|had)\s+(?:\w+\s+)?killed\b", _FLAGS)
ANY_CUE = re.compile(
    r"kill|dead|die|death|fatal|casualt|wound|injur|hurt|harm|slain|murder|execut|behead|massacr|perish|lives"
    r"|bod(?:y|ies)|corpse|toll|lynch",
    _FLAGS,
)
