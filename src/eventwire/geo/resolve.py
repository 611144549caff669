"""Toponym resolution: which place each place name in an article refers to.

A name alone is ambiguous (Idlib, Alexandria, Georgia). The article disambiguates it: the countries it
names or implies ("Syrian forces"), the other places it mentions, ACLED-style qualifiers
("Sarmada (Idlib)", "Minakulu sub-county (Oyam, Northern)", "Alexandria, Louisiana") and unit words
("Idlib province"). Scores add these to a population prior; two passes let unambiguous co-mentions
pull ambiguous ones into their country and province.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from eventwire.geo.gazetteer import Candidate, Gazetteer, get_gazetteer
from eventwire.geo.names import name_key

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Labels the small model wrongly gives some towns; such names need a locative pattern to count.
WEAK_LABELS = {"", "PERSON", "ORG", "NORP"}
LOCATIVES = {
    "in",
    "at",
    "near",
    "outside",
    "into",
    "inside",
    "around",
    "across",
    "on",
    "from",
    "to",
    "within",
}
# Words after a name that say what kind of unit it is ("Idlib province", "Oyam district").
UNIT_HINTS = {
    "province": "admin1",
    "governorate": "admin1",
    "state": "admin1",
    "region": "admin1",
    "oblast": "admin1",
    "prefecture": "admin1",
    "district": "admin2",
    "county": "admin2",
    "sub-county": "admin2",
    "subcounty": "admin2",
    "parish": "admin2",
    "municipality": "admin2",
    "raion": "admin2",
    "city": "city",
    "town": "city",
    "village": "city",
    "camp": "city",
}
DIRECTION = re.compile(
    r"^(north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(ern)?$"
)
UNIT_BETWEEN = re.compile(r"^\s*[\w-]*(?:sub-county|district|county|province|governorate|town|village)")
SPECIFICITY = {"city": 0, "district": 1, "admin2": 2, "region": 3, "admin1": 3, "country": 4}


@dataclass(frozen=True, slots=True)
class Place:
    """A place name in the text (character offsets, words) and the place it was resolved to.

    `unit` is the kind of unit the text itself names ("province" -> admin1), or None.
    """

    start: int
    end: int
    text: str
    candidate: Candidate
    unit: str | None = None


@dataclass(slots=True)
class Mention:
    """A place name still being resolved: its candidates and the qualifier the text gives it."""

    start: int
    end: int
    text: str
    candidates: list[Candidate]
    unit: str | None = None
    direction: str | None = None
    container: Mention | None = None
    choice: Candidate | None = None


def find_places(doc: Doc, country_hint: str | None = None, gazetteer: Gazetteer | None = None) -> list[Place]:
    """Resolve every place name in `doc`; `country_hint` (ISO2) biases ambiguous names toward one country."""
    gazetteer = gazetteer or get_gazetteer()
    mentions = collect_mentions(doc, gazetteer)
    countries = stated_countries(doc, mentions, gazetteer, country_hint)
    mentions += locative_names(doc, mentions, gazetteer, countries)
    mentions.sort(key=lambda m: m.start)
    link_containers(doc, mentions)
    resolve(mentions, countries, co_mentions=None)
    resolve(mentions, countries, co_mentions=mentions)
    places = [to_place(m, gazetteer) for m in mentions if m.choice]
    places += bare_regions(doc, places, gazetteer)
    return sorted(places, key=lambda p: p.start)


def collect_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """GPE/LOC/FAC entities the gazetteer knows, with any unit word or compass word around them."""
    mentions = []
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS and (mention := make_mention(doc, ent, gazetteer)):
            mentions.append(mention)
    return mentions


def make_mention(doc: Doc, span: Span, gazetteer: Gazetteer) -> Mention | None:
    tokens = list(span)
    while tokens and tokens[0].lower_ in {"the", "'s", "’s"}:
        tokens.pop(0)
    while tokens and tokens[-1].lower_ in {"'s", "’s", "'", "’"}:
        tokens.pop()
    unit = None
    if len(tokens) > 1 and tokens[-1].lower_ in UNIT_HINTS:
        unit = UNIT_HINTS[tokens.pop().lower_]
    elif span.end < len(doc) and doc[span.end].lower_ in UNIT_HINTS:
        unit = UNIT_HINTS[doc[span.end].lower_]
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    text = doc[tokens[0].i : tokens[-1].i + 1].text
    candidates = gazetteer.lookup(text) or gazetteer.lookup(span.text)
    if not candidates:
        return None
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    direction = before if DIRECTION.match(before) else None
    return Mention(start, end, text, candidates, unit, direction)


def stated_countries(
    doc: Doc, mentions: list[Mention], gazetteer: Gazetteer, country_hint: str | None
) -> Counter[str]:
    """Countries the article names ("Syria") or implies ("Syrian", "Turkish-backed"), with counts."""
    countries: Counter[str] = Counter()
    for mention in mentions:
        exact = [c for c in mention.candidates if c.kind == "country"]
        if exact:
            countries[exact[0].country] += 1
    for token in doc:
        if token.text[:1].isupper() and (iso2 := gazetteer.demonym_country(token.text.split("-")[0])):
            countries[iso2] += 1
    if country_hint:
        countries[country_hint.upper()] += 3
    return countries


def locative_names(
    doc: Doc, mentions: list[Mention], gazetteer: Gazetteer, countries: Counter[str]
) -> list[Mention]:
    """Names the model missed or mislabelled (the small model tags "Aleppo" NORP), kept only in a clear
    pattern: "in X", "of X city", or the object of a verb ("struck Idlib", then a town of 20,000 or
    more), with X a town of a country the article is about, so "in Assad's words" never becomes a place."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    found = []
    for token in doc[:-1]:
        name = doc[token.i + 1]
        if name.pos_ != "PROPN" or name.idx in taken or name.ent_type_ not in WEAK_LABELS:
            continue
        struck = name.dep_ == "dobj" and name.ent_type_ != ""
        if token.lower_ not in LOCATIVES | {"of"} and not struck:
            continue
        end = name.i + 1
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].ent_iob_ != "B":
            end += 1
        mention = make_mention(doc, doc[name.i : end], gazetteer)
        if mention is None or gazetteer.demonym_country(mention.text):
            continue
        if token.lower_ == "of" and mention.unit is None:
            continue
        least = 20_000 if struck else 0
        mention.candidates = [
            c
            for c in mention.candidates
            if c.country in countries and c.kind in ("city", "district") and c.population >= least
        ]
        if mention.candidates:
            found.append(mention)
            taken.update(range(mention.start, mention.end))
    return found


def link_containers(doc: Doc, mentions: list[Mention]) -> None:
    """Mark "X (Y)", "X (Y, Z)", "X, Y" and "X district, Y province": Y is a unit that contains X."""
    text = doc.text
    for first, second in zip(mentions, mentions[1:], strict=False):
        between = text[first.end : second.start]
        between = UNIT_BETWEEN.sub("", between)
        if re.fullmatch(r"\s*(?:\(|,)\s*", between):
            first.container = second
    for mention in mentions:
        container = mention.container
        if container and container.container and text[container.end : container.end + 1] == ",":
            container.container = None


def resolve(mentions: list[Mention], countries: Counter[str], co_mentions: list[Mention] | None) -> None:
    """Choose each mention's candidate; with `co_mentions` the first pass's choices count as context."""
    context = Context(countries)
    for other in co_mentions or []:
        context.add(other, 1)
    for mention in mentions:
        context.add(mention, -1)
        choice = max(mention.candidates, key=lambda c: score(c, mention, context))
        mention.choice = prefer_town(mention, choice)
        context.add(mention, 1)


class Context:
    """What the rest of the article says about where it is: countries, provinces, nearby towns."""

    def __init__(self, countries: Counter[str]) -> None:
        self.countries = countries
        self.stated = sum(countries.values())
        self.chosen: Counter[str] = Counter()
        self.admin1s: Counter[tuple[str, str | None]] = Counter()
        self.points: Counter[tuple[float, float]] = Counter()

    def add(self, mention: Mention, sign: int) -> None:
        """Count (sign 1) or discount (sign -1) a mention's current choice."""
        choice = mention.choice
        if choice is None:
            return
        self.chosen[choice.country] += sign
        self.admin1s[(choice.country, choice.admin1)] += sign
        if choice.kind in ("city", "district", "admin2"):
            self.points[(choice.lat, choice.lon)] += sign

    def nearness(self, candidate: Candidate) -> float:
        """1 near another place the article names (< 50 km), fading to 0 at 400 km."""
        best = math.inf
        cos_lat = math.cos(math.radians(candidate.lat))
        for (lat, lon), count in self.points.items():
            if count > 0:
                dx = (lon - candidate.lon) * cos_lat
                best = min(best, 111.2 * math.hypot(lat - candidate.lat, dx))
        return 1.0 if best < 50 else 0.6 if best < 150 else 0.3 if best < 400 else 0.0


def score(candidate: Candidate, mention: Mention, context: Context) -> float:
    """Population prior plus agreement with what the article says about where it is."""
    value = math.log10(candidate.population + 1) / 7
    if candidate.kind == "country":
        value += 1.5
    elif candidate.kind in ("admin1", "district", "region"):
        value += 0.3
    if name_key(candidate.name) == name_key(mention.text):
        value += 0.5
    if context.stated:
        value += 1.5 * context.countries[candidate.country] / context.stated
    if context.chosen[candidate.country] > 0:
        value += 0.8 * min(context.chosen[candidate.country], 3) / 3
    if candidate.admin1 and context.admin1s[(candidate.country, candidate.admin1)] > 0:
        value += 0.7
    if candidate.kind != "country":
        value += context.nearness(candidate)
    if mention.unit and unit_matches(mention.unit, candidate.kind):
        value += 1.2
    if mention.container and mention.container.choice:
        value += 3.0 * contained(candidate, mention.container.choice)
    return value


def unit_matches(unit: str, kind: str) -> bool:
    return unit == kind or (unit == "admin2" and kind == "district") or (unit == "city" and kind == "city")


def contained(candidate: Candidate, container: Candidate) -> float:
    """1 when `container` (a unit or country) holds `candidate`, 0 otherwise."""
    if candidate.country != container.country:
        return 0.0
    if container.kind == "country":
        return 1.0
    if container.kind == "admin1":
        return float(candidate.admin1 == container.admin1)
    if container.kind == "admin2":
        return float(candidate.admin2 == container.admin2 or candidate.admin1 == container.admin1)
    return 0.5


def prefer_town(mention: Mention, choice: Candidate) -> Candidate:
    """A bare "Idlib" or "Aleppo" names the city, not the province of the same name, unless the text
    says "province" (news and ACLED coders read it that way)."""
    if mention.unit or choice.kind not in ("admin1", "admin2"):
        return choice
    towns = [
        c
        for c in mention.candidates
        if c.kind == "city"
        and c.country == choice.country
        and c.admin1 == choice.admin1
        and c.population >= choice.population / 20
    ]
    return towns[0] if towns else choice


def to_place(mention: Mention, gazetteer: Gazetteer) -> Place:
    """The chosen candidate, turned into a region of its country for "northwestern Syria"."""
    candidate = mention.choice
    assert candidate is not None
    if mention.direction and candidate.kind == "country":
        region = direction_region(gazetteer, candidate.country, mention.direction)
        if region:
            start = mention.start - len(mention.direction) - 1
            return Place(start, mention.end, f"{mention.direction} {mention.text}", region, "region")
    return Place(mention.start, mention.end, mention.text, candidate, mention.unit)


def direction_region(gazetteer: Gazetteer, iso2: str, direction: str) -> Candidate | None:
    """A point for "northwestern Syria": the centre of that ninth of the span of the country's towns."""
    frame = gazetteer.frame(iso2)
    if frame is None:
        return None
    word = direction.replace("-", "").removesuffix("ern")
    lat_share = 5 / 6 if word.startswith("north") else 1 / 6 if word.startswith("south") else 1 / 2
    lon_share = 5 / 6 if word.endswith("east") else 1 / 6 if word.endswith("west") else 1 / 2
    return Candidate(
        None,
        f"{direction.capitalize()} {frame.name}",
        round(frame.south + lat_share * (frame.north - frame.south), 4),
        round(frame.west + lon_share * (frame.east - frame.west), 4),
        iso2,
        None,
        None,
        0,
        "region",
    )


def bare_regions(doc: Doc, places: list[Place], gazetteer: Gazetteer) -> list[Place]:
    """ "fronts in the northwest": a compass region of the article's main country."""
    country = main_country(places)
    if country is None:
        return []
    regions = []
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if not (DIRECTION.match(token.lower_) and previous.lower_ == "the" and token.ent_type_ == ""):
            continue
        if token.i >= 2 and doc[token.i - 2].lower_ in LOCATIVES:
            region = direction_region(gazetteer, country, token.lower_)
            if region:
                end = token.idx + len(token)
                regions.append(Place(previous.idx, end, f"the {token.text}", region, "region"))
    return regions


def main_country(places: list[Place]) -> str | None:
    """The country most of the article's places are in."""
    counts = Counter(p.candidate.country for p in places)
    return counts.most_common(1)[0][0] if counts else None


def main_place(places: list[Place]) -> Place | None:
    """The document's main place: the most-mentioned name (the lead's first town counts double), the
    more specific place, the earlier mention."""
    if not places:
        return None
    counts = Counter(p.candidate.name for p in places)
    towns = [p for p in places if p.candidate.kind in ("city", "district")]
    if towns:
        counts[towns[0].candidate.name] += 1

    def rank(place: Place) -> tuple[int, int, int]:
        return counts[place.candidate.name], -SPECIFICITY.get(place.candidate.kind, 4), -place.start

    return max(places, key=rank)
