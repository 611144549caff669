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
from eventwire.geo.phrases import best_chain, distance_km, drop_misfits, phrases, settle_generic
from eventwire.geo.ranker import place_weights
from eventwire.geo.regions import direction_region
from eventwire.geo.spans import Mention, find_mentions, is_placed
from eventwire.geo.words import DIRECTION, LOCATIVES, WEAK_LOCATIVES

# A name that is a country's names the country unless its context says otherwise ("Georgia" in the US).
COUNTRY_BONUS = 1.5
# A quarter lies this near its city's point at most.
QUARTER_KM = 30.0
# Towns below this size in a country the article gives no sign of need a sign in the text (see
# `drop_unsupported`); bigger ones are named bare in any news.
FOREIGN_TOWN = 200_000


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
    sure = Counter(scene + ([country_hint.upper()] if country_hint else []))
    resolve(known, countries, named, co_mentions=None, scene=sure)
    resolve(known, countries, named, co_mentions=known, scene=sure)
    settle_generic(known, countries, sure)
    drop_unsupported(known, countries)
    for phrase in phrases(known):
        drop_misfits(phrase)
    places = [to_place(m, gazetteer) for m in known if m.choice]
    places += bare_regions(doc, places, gazetteer, main_country(places))
    return sorted(places, key=lambda p: p.start)


def mention_features(doc: Doc, gazetteer: Gazetteer) -> list[tuple[Mention, list[tuple[float, ...]]]]:
    """Each known place name of `doc` with its candidates' features as the second pass sees them: the
    rows the ranker's weights are fitted on (`scripts/fit_place_weights.py`)."""
    mentions = find_mentions(doc, gazetteer)
    scene = scene_countries(doc, gazetteer)
    countries = stated_countries(doc, mentions, gazetteer, scene, None)
    known = [m for m in mentions if m.candidates]
    named = named_countries(mentions)
    sure = Counter(scene)
    resolve(known, countries, named, co_mentions=None, scene=sure)
    record: list[tuple[Mention, list[tuple[float, ...]]]] = []
    resolve(known, countries, named, co_mentions=known, scene=sure, record=record)
    return record


def resolve(
    mentions: list[Mention],
    countries: Counter[str],
    named: dict[str, Counter[str]],
    co_mentions: list[Mention] | None,
    scene: Counter[str] | None = None,
    record: list[tuple[Mention, list[tuple[float, ...]]]] | None = None,
) -> None:
    """Choose each mention's candidate; with `co_mentions` the first pass's choices count as context;
    `named` says which of the stated countries each name states itself (see `Context.country_share`);
    `scene` the countries the article is surely in (monitor, dateline, one-country words, the hint);
    `record`, when given, receives each mention's candidate features before its phrase is chosen."""
    context = Context(countries, named, scene)
    for other in co_mentions or []:
        context.add(other, 1)
    for phrase in phrases(mentions):
        echoes = namesakes(phrase, co_mentions or mentions)
        for mention in phrase:
            context.add(mention, -1)
        for mention in echoes:
            context.add_local(mention, -1)
        if record is not None:
            record.extend((m, [candidate_features(c, m, context) for c in m.candidates]) for m in phrase)
        chain = best_chain(phrase, lambda c, m: score(c, m, context))
        for mention, choice in zip(phrase, chain, strict=True):
            mention.choice = prefer_town(mention, choice)
            context.add(mention, 1)
        for mention in echoes:
            context.add_local(mention, 1)


def drop_unsupported(mentions: list[Mention], countries: Counter[str]) -> None:
    """A town in a country the article gives no other sign of needs a sign in the text itself: a
    locative, a unit word, a qualifier. A bare name the model tagged ("Eta" claimed the bombing) in an
    article plainly about another country is a group or a person, not Etah in India."""
    for mention in mentions:
        choice = mention.choice
        if choice is None or choice.kind not in ("city", "district", "admin2"):
            continue
        if prior_population(choice) >= FOREIGN_TOWN:
            continue
        others = Counter(
            m.choice.country for m in mentions if m.choice and name_key(m.text) != name_key(mention.text)
        )
        support = countries + others
        if support[choice.country] > 0 or max(support.values(), default=0) < 1:
            continue
        if not (is_placed(mention) or mention.container or mention.contents):
            mention.choice = None


def namesakes(phrase: list[Mention], mentions: list[Mention]) -> list[Mention]:
    """Other mentions of the phrase's names outside it: a name repeated is no evidence for itself (five
    "Boone" all chosen in Missouri would otherwise keep each other there against "Indiana")."""
    keys = {name_key(m.text) for m in phrase}
    return [m for m in mentions if m not in phrase and name_key(m.text) in keys]


def score(candidate: Candidate, mention: Mention, context: Context) -> float:
    """The fitted weights' sum of the candidate's features (see `eventwire.geo.ranker`)."""
    return place_weights().score(candidate_features(candidate, mention, context))


def candidate_features(candidate: Candidate, mention: Mention, context: Context) -> tuple[float, ...]:
    """The candidate's features in `ranker.FEATURES` order: population prior plus agreement with what the
    article says about where it is."""
    is_country = candidate.kind == "country"
    country_name = is_country and not province_context(candidate, mention, context)
    unit_kind = not is_country and (
        candidate.kind in ("district", "region") or (candidate.kind == "admin1" and bool(mention.contents))
    )
    abbreviation = is_abbreviation(mention.text) and not is_country and candidate.name != mention.text
    name_match = not abbreviation and name_key(candidate.name) == name_key(mention.text)
    chosen = context.chosen[candidate.country]
    nearby = context.nearness(candidate) if not is_country else 0.0
    admin_cue = 0.0
    if candidate.admin1 and context.admin1s[(candidate.country, candidate.admin1)] > 0:
        admin_cue = context.province_weight(candidate)
    local = nearby + 0.7 * admin_cue
    return (
        prior(candidate),
        float(country_name),
        float(unit_kind),
        float(abbreviation),
        float(name_match),
        context.country_share(candidate, mention),
        min(chosen, 3) / 3 if chosen > 0 else 0.0,
        nearby,
        admin_cue,
        prominence(candidate, mention, context) * doubt(candidate, mention, context, local),
        float(bool(mention.unit) and unit_matches(mention.unit or "", candidate.kind)),
        math.log10(candidate.events + 1) / 3,
        float(context.scene[candidate.country] > 0),
    )


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


def prominence(candidate: Candidate, mention: Mention, context: Context | None = None) -> float:
    """Up to -0.9 for a place a thousand times smaller than the best-known place of exactly the name
    written, weighed by `doubt`: "Rome" stays in Italy in an article on American politics, "Paris" is
    the Tennessee town in an article on Henry County. A place known by the name only as another
    spelling is weighed so against a big city of exactly the name written ("Kabul" is not Cabool,
    Missouri, beside a few "American"s), not against a village ("Meme County" is Cameroon's Meme
    Division, whose size is unknown, not the hamlet of Meeme)."""
    largest = largest_namesake(mention, context)
    respelt = name_key(candidate.name) != name_key(mention.text)
    if largest <= 0 or (respelt and largest < FOREIGN_TOWN):
        return 0.0
    ratio = (prior_population(candidate) + 1) / (largest + 1)
    return max(-0.9, min(0.0, 0.3 * math.log10(ratio)))


def largest_namesake(mention: Mention, context: Context | None = None) -> float:
    """The prior population of the best-known place of exactly the mention's name (0 when none is
    written so); kept in `context` for the pass, as every candidate of the mention asks for it."""
    found = context.namesakes.get(id(mention)) if context is not None else None
    if found is None:
        key = name_key(mention.text)
        found = max((prior_population(c) for c in mention.candidates if name_key(c.name) == key), default=0.0)
        if context is not None:
            context.namesakes[id(mention)] = found
    return found


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
    says "province" (news and ACLED coders read it that way); the head of a qualified phrase ("Ceel Buur
    town (Ceel Buur, Galgaduud)") names its town whatever the town's size. A qualifier standing in for an
    unknown name ("Xalfooley village (Jalalaqsi, Hiraan)") names its unit, as ACLED codes it: the
    district's centre at precision 2, not the town the district is named after."""
    if stands_in(mention) and (unit := unit_namesake(mention, choice)):
        return unit
    if mention.unit not in (None, "city") or choice.kind not in ("admin1", "admin2"):
        return choice
    named_town = mention.unit == "city" or (mention.head is mention and mention.container is not None)
    towns = [
        c
        for c in mention.candidates
        if c.kind == "city"
        and c.country == choice.country
        and c.admin1 == choice.admin1
        and (named_town or c.population >= choice.population / 20)
    ]
    return towns[0] if towns else choice


def stands_in(mention: Mention) -> bool:
    """The first qualifier of a phrase whose head the gazetteer lacks ("Jalalaqsi" in "Xalfooley village
    (Jalalaqsi, Hiraan)")."""
    head = mention.head
    return head is not mention and not head.candidates and head.container is mention


def unit_namesake(mention: Mention, choice: Candidate) -> Candidate | None:
    """The district of the same name as a chosen town, in its country and province. Not a province: "the
    outskirts of X in Idlib" stays near Idlib city, as ACLED codes it, not at the province's centre."""
    if choice.kind != "city":
        return None
    key = name_key(mention.text)
    units = [
        c
        for c in mention.candidates
        if c.kind == "admin2"
        and c.country == choice.country
        and name_key(c.name) == key
        and (c.admin1 == choice.admin1 or choice.admin1 is None)
    ]
    return units[0] if units else None


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
    if is_known_quarter(mention):  # "Kyiv - Obolonskyi": the quarter is the place, its city qualifies it
        return Place(
            mention.start, mention.end, mention.text, candidate, mention.unit, cue=cue, qualified=True
        )
    if head is mention:
        has_quarter = mention.container is not None and is_known_quarter(mention.container)
        return Place(
            mention.start,
            mention.end,
            mention.text,
            candidate,
            mention.unit,
            head=not has_quarter,
            cue=cue,
            qualified=qualified,
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


def is_known_quarter(mention: Mention) -> bool:
    """A part written after its city ("Kyiv - Obolonskyi", "Gaza City - Shujaiyya") that resolved to a
    place inside that city: a quarter the gazetteer knows."""
    city = mention.contents[0].choice if mention.part and mention.contents else None
    choice = mention.choice
    return (
        city is not None
        and choice is not None
        and choice.kind in ("city", "district", "admin2")
        and choice.country == city.country
        and distance_km(choice, city) < QUARTER_KM
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
        if token.i + 1 < len(doc) and (
            doc[token.i + 1].lower_ == "of" or doc[token.i + 1].text[:1].isupper()
        ):
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
