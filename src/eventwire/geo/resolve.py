"""Toponym resolution: which place each place name in an article refers to.

A name alone is ambiguous (Idlib, Alexandria, Georgia). The article disambiguates it: the countries it
names or implies ("Syrian forces"), the other places it mentions, ACLED-style qualifiers
("Sarmada (Idlib)", "Minakulu sub-county (Oyam, Northern)", "Alexandria, Louisiana") and unit words
("Idlib province"). Scores add these to a population prior; two passes let unambiguous co-mentions
pull ambiguous ones into their country and province, and a qualifier and the name it qualifies pull
each other toward the pair of places where one lies inside the other.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from eventwire.geo.context import TOPIC_WEIGHT, Context, named_countries, scene_countries, stated_countries
from eventwire.geo.gazetteer import Candidate, Gazetteer, get_gazetteer
from eventwire.geo.names import name_key
from eventwire.geo.phrases import best_chain, drop_misfits, phrases, settle_generic
from eventwire.geo.regions import direction_region
from eventwire.geo.spans import Mention, find_mentions
from eventwire.geo.words import DIRECTION, LOCATIVES, WEAK_LOCATIVES

# A name that is a country's names the country unless its context says otherwise ("Georgia" in the US).
COUNTRY_BONUS = 1.5


@dataclass(frozen=True, slots=True)
class Place:
    """A place name in the text (character offsets, words) and the place it was resolved to.

    `unit` is the kind of unit the text itself names ("province" -> admin1), or None. `head` is False
    for a qualifier ("Idlib" in "Sarmada (Idlib)"); `cue` is the locative before the phrase ("in",
    "near", "coded as"); `stands_for` is the unknown name a qualifier stands in for ("Kinyamahura" in
    "in Kinyamahura (Rutshuru)").
    """

    start: int
    end: int
    text: str
    candidate: Candidate
    unit: str | None = None
    head: bool = True
    cue: str | None = None
    stands_for: str | None = None
    qualified: bool = False


def find_places(doc: Doc, country_hint: str | None = None, gazetteer: Gazetteer | None = None) -> list[Place]:
    """Resolve every place name in `doc`; `country_hint` (ISO2) biases ambiguous names toward one country."""
    gazetteer = gazetteer or get_gazetteer()
    mentions = find_mentions(doc, gazetteer)
    scene = scene_countries(doc, gazetteer)
    countries = stated_countries(doc, mentions, gazetteer, scene, country_hint)
    known = [m for m in mentions if m.candidates]
    named = named_countries(mentions)
    resolve(known, countries, named, co_mentions=None)
    resolve(known, countries, named, co_mentions=known)
    settle_generic(known, countries, Counter(scene + ([country_hint.upper()] if country_hint else [])))
    for phrase in phrases(known):
        drop_misfits(phrase)
    places = [to_place(m, gazetteer) for m in known if m.choice]
    places += bare_regions(doc, places, gazetteer, main_country(places))
    return sorted(places, key=lambda p: p.start)


def resolve(
    mentions: list[Mention],
    countries: Counter[str],
    named: dict[str, Counter[str]],
    co_mentions: list[Mention] | None,
) -> None:
    """Choose each mention's candidate; with `co_mentions` the first pass's choices count as context;
    `named` says which of the stated countries each name states itself (see `Context.country_share`)."""
    context = Context(countries, named)
    for other in co_mentions or []:
        context.add(other, 1)
    for phrase in phrases(mentions):
        echoes = namesakes(phrase, co_mentions or mentions)
        for mention in phrase:
            context.add(mention, -1)
        for mention in echoes:
            context.add_local(mention, -1)
        chain = best_chain(phrase, lambda c, m: score(c, m, context))
        for mention, choice in zip(phrase, chain, strict=True):
            mention.choice = prefer_town(mention, choice)
            context.add(mention, 1)
        for mention in echoes:
            context.add_local(mention, 1)


def namesakes(phrase: list[Mention], mentions: list[Mention]) -> list[Mention]:
    """Other mentions of the phrase's names outside it: a name repeated is no evidence for itself (five
    "Boone" all chosen in Missouri would otherwise keep each other there against "Indiana")."""
    keys = {name_key(m.text) for m in phrase}
    return [m for m in mentions if m not in phrase and name_key(m.text) in keys]


def score(candidate: Candidate, mention: Mention, context: Context) -> float:
    """Population prior plus agreement with what the article says about where it is."""
    value = prior(candidate)
    if candidate.kind == "country":
        value += 0.0 if province_context(candidate, mention, context) else COUNTRY_BONUS
    elif candidate.kind in ("district", "region") or (candidate.kind == "admin1" and mention.contents):
        value += 0.3
    if is_abbreviation(mention.text) and candidate.kind != "country" and candidate.name != mention.text:
        value -= 1.0
    elif name_key(candidate.name) == name_key(mention.text):
        value += 0.5
    value += 1.5 * context.country_share(candidate, mention)
    if context.chosen[candidate.country] > 0:
        value += 0.8 * min(context.chosen[candidate.country], 3) / 3
    local = context.nearness(candidate) if candidate.kind != "country" else 0.0
    if candidate.admin1 and context.admin1s[(candidate.country, candidate.admin1)] > 0:
        local += 0.7 * context.province_weight(candidate)
    value += local + prominence(candidate, mention) * doubt(candidate, mention, context, local)
    if mention.unit and unit_matches(mention.unit, candidate.kind):
        value += 1.2
    return value


def doubt(candidate: Candidate, mention: Mention, context: Context, local: float) -> float:
    """How much a far better-known namesake still counts against a candidate: less the nearer the
    article's other places are ("Washington" stays the capital beside a "Freeland" misread in
    Pennsylvania), not at all inside a province the article names ("Ahmadabad district ... Paktia")
    unless the namesake is a country ("China" stays China in a Texan's comment on trade)."""
    named_province = bool(candidate.admin1) and context.provinces[(candidate.country, candidate.admin1)] > 0
    if named_province and not names_a_country(mention):
        return 0.0
    return 1 - local / 4


def names_a_country(mention: Mention) -> bool:
    key = name_key(mention.text)
    return any(c.kind == "country" and name_key(c.name) == key for c in mention.candidates)


def province_context(country: Candidate, mention: Mention, context: Context) -> bool:
    """Whether the article's places lie mostly in another country that has a province of the name:
    "Georgia" beside Atlanta and Macon is the US state, not the country."""
    key = name_key(mention.text)
    return any(
        c.kind == "admin1"
        and name_key(c.name) == key
        and context.chosen[c.country] > context.chosen[country.country]
        for c in mention.candidates
    )


def prominence(candidate: Candidate, mention: Mention) -> float:
    """Up to -0.9 for a place a thousand times smaller than the best-known place of exactly its name,
    weighed by `doubt`: "Rome" stays in Italy in an article on American politics, "Paris" is the
    Tennessee town in an article on Henry County."""
    key = name_key(mention.text)
    if name_key(candidate.name) != key:
        return 0.0
    largest = max(prior_population(c) for c in mention.candidates if name_key(c.name) == key)
    ratio = (prior_population(candidate) + 1) / (largest + 1)
    return max(-0.9, 0.3 * math.log10(ratio))


def is_abbreviation(text: str) -> bool:
    """A short all-capitals name ("US", "UK"): a country's abbreviation, not a town written out."""
    return len(text) <= 3 and text.isupper()


def prior_population(candidate: Candidate) -> float:
    return candidate.population / 10 if candidate.kind in ("admin1", "admin2") else candidate.population


def prior(candidate: Candidate) -> float:
    """Log population, up to about 1; a unit's population (the sum of its towns') counts a tenth, so a
    bare "Bari" is the Italian city rather than the Somali region."""
    return math.log10(prior_population(candidate) + 1) / 7


def unit_matches(unit: str, kind: str) -> bool:
    return unit == kind or (unit == "admin2" and kind == "district")


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
    """The chosen candidate as a place: a region of its country for "northwestern Syria"; a qualifier
    whose phrase starts with an unknown name stands in for that name."""
    candidate = mention.choice
    assert candidate is not None
    head = mention.head
    cue = head.cue
    if mention.direction and candidate.kind == "country":
        region = direction_region(gazetteer, candidate.country, mention.direction)
        if region:
            start = mention.start - len(mention.direction) - 1
            return Place(start, mention.end, f"{mention.direction} {mention.text}", region, "region", cue=cue)
    qualified = any(m.choice for m in qualifiers(mention))
    if head is mention:
        return Place(
            mention.start, mention.end, mention.text, candidate, mention.unit, cue=cue, qualified=qualified
        )
    stands_in = head.choice is None and first_known(mention) is mention
    return Place(
        mention.start,
        mention.end,
        mention.text,
        candidate,
        mention.unit,
        head=stands_in,
        cue=cue,
        stands_for=head.text if stands_in else None,
        qualified=qualified,
    )


def qualifiers(mention: Mention) -> list[Mention]:
    """The names qualifying a mention ("Idlib" and "Syria" for "Sarmada" in "Sarmada, Idlib, Syria")."""
    found = []
    current = mention.container
    while current is not None:
        found.append(current)
        current = current.container
    return found


def first_known(mention: Mention) -> Mention | None:
    """The first name of the mention's phrase that was resolved."""
    current: Mention | None = mention.head
    while current is not None and current.choice is None:
        current = current.container
    return current


def bare_regions(doc: Doc, places: list[Place], gazetteer: Gazetteer, country: str | None) -> list[Place]:
    """ "fronts in the northwest": a compass region of the article's main country."""
    if country is None:
        return []
    regions = []
    for token in doc[2:]:
        previous = doc[token.i - 1]
        if not (DIRECTION.match(token.lower_) and previous.lower_ == "the" and token.ent_type_ == ""):
            continue
        if token.i + 1 < len(doc) and (doc[token.i + 1].lower_ == "of" or doc[token.i + 1].text[:1].isupper()):
            continue  # "in the east of Hodeidah city", "the eastern Idlib front": a side of a place
        cue = doc[token.i - 2].lower_
        if cue in LOCATIVES | WEAK_LOCATIVES | {"on"} and (
            region := direction_region(gazetteer, country, token.lower_)
        ):
            end = token.idx + len(token)
            regions.append(Place(previous.idx, end, f"the {token.text}", region, "region", cue=cue))
    return regions


def place_weight(place: Place) -> float:
    """How much a place says about the article's country: a scene more than a topic."""
    if place.candidate.kind == "country" and not place.head:
        return 1.0
    if place.candidate.kind == "country" and place.cue is None:
        return TOPIC_WEIGHT
    return 2.0 if place.cue else 1.0


def main_country(places: list[Place]) -> str | None:
    """The country the article's places are in, counting scenes ("in X") over topics."""
    weights: Counter[str] = Counter()
    for place in places:
        weights[place.candidate.country] += place_weight(place)
    return weights.most_common(1)[0][0] if weights else None
