"""Place phrases resolved as a whole: "San Lorenzo (Santa Fe)", "Kutkai township (Muse district, Shan)".

Each name of a phrase is ambiguous alone; together they are far less so, because each qualifier contains
the name before it. The phrase takes the chain of candidates with the best sum of each name's own score
and of how well neighbours nest (a Viterbi pass over the chain), so an Argentine "San Lorenzo" wins
with the Argentine province "Santa Fe" even when a Mexican pair is more populous one name at a time.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable

from eventwire.geo.context import is_scene
from eventwire.geo.gazetteer import Candidate
from eventwire.geo.names import fold, name_key
from eventwire.geo.spans import Mention
from eventwire.geo.words import DIRECTION

SPECIFICITY = {"city": 0, "district": 1, "admin2": 2, "region": 3, "admin1": 3, "country": 4}
NESTING_WEIGHT = 3.0
# A name found in this many countries is generic ("Central", "Western"), not a reliable qualifier.
GENERIC_SPREAD = 5
# Province names that describe rather than name, whatever their spread ("Sanabis (Capital)").
GENERIC_WORDS = {"capital"}
# A town below this size matched under another spelling, or any place below the village size, yields to
# the countries the rest of the article supports.
STRAY_POPULATION = 20_000
VILLAGE_POPULATION = 5_000
# A town below this size yields to the other places the article resolves (not to its demonyms or topics).
TOWN_POPULATION = 25_000
# Candidates per name tried in a phrase, best first by their own score.
PHRASE_CANDIDATES = 100


def phrases(mentions: list[Mention]) -> list[list[Mention]]:
    """The mentions grouped into phrases, each in order from its head out to its widest qualifier;
    names the gazetteer lacks are left out."""
    groups: dict[int, list[Mention]] = {}
    for mention in mentions:
        groups.setdefault(id(mention.head), []).append(mention)
    return [sorted(group, key=lambda m: m.start) for group in groups.values()]


def best_chain(phrase: list[Mention], unary: Callable[[Candidate, Mention], float]) -> list[Candidate]:
    """The candidates, one per name, maximising own scores plus nesting of neighbours (a place nests in
    itself only weakly: "Hays (Hays, Al Hudaydah)" is a town in its district, and says so). A qualifier
    that a country's towns share counts less: one of Mexico's fifteen villages called "Buenos Aires" lies
    near almost any Mexican place, so "Loma Hermosa (Buenos Aires)" stays in Argentina's province."""
    options, own = [], []
    for mention in phrase:
        ranked = _ranked(mention, unary)
        options.append([candidate for candidate, _ in ranked])
        own.append([value for _, value in ranked])
    best = list(own[0])
    back: list[list[int]] = []
    for step in range(1, len(phrase)):
        previous, current = options[step - 1], options[step]
        by_country: dict[str, list[int]] = defaultdict(list)
        for i, candidate in enumerate(previous):
            by_country[candidate.country].append(i)
        top = max(range(len(previous)), key=best.__getitem__)
        towns = Counter(c.country for c in current if c.kind == "city")
        scores, pointers = [], []
        for j, candidate in enumerate(current):
            pick, value = top, best[top]
            rarity = 1 / math.sqrt(towns[candidate.country]) if candidate.kind == "city" else 1.0
            for i in by_country.get(candidate.country, ()):
                weight = NESTING_WEIGHT * self_nesting(previous[i], candidate) * rarity
                total = best[i] + weight * nested(previous[i], candidate)
                if total > value:
                    pick, value = i, total
            scores.append(value + own[step][j])
            pointers.append(pick)
        best, back = scores, [*back, pointers]
    index = max(range(len(best)), key=best.__getitem__)
    chain = [options[-1][index]]
    for step in range(len(phrase) - 2, -1, -1):
        index = back[step][index]
        chain.append(options[step][index])
    return chain[::-1]


def _ranked(mention: Mention, unary: Callable[[Candidate, Mention], float]) -> list[tuple[Candidate, float]]:
    """The mention's best candidates with their own scores, best first (ties in the gazetteer's order);
    each candidate is scored once, as the scores feed both the order and the chain."""
    scored = [(candidate, unary(candidate, mention)) for candidate in mention.candidates]
    return sorted(scored, key=lambda pair: pair[1], reverse=True)[:PHRASE_CANDIDATES]


def self_nesting(a: Candidate, b: Candidate) -> float:
    """A place repeated as its own qualifier nests half as well as a town in its unit: "Oursi (Oursi,
    Oudalan)" names a town and its commune, one of which the gazetteer may lack."""
    return 0.5 if a == b else 1.0


def nested(a: Candidate, b: Candidate) -> float:
    """1 when one place lies in the other ("Sarmada" in "Idlib"; "Yongsan" in "Seoul"), 0.5 in the same
    province, 0.1 in the same country only, 0 across countries."""
    if a.country != b.country:
        return 0.0
    outer, inner = (a, b) if SPECIFICITY.get(a.kind, 4) > SPECIFICITY.get(b.kind, 4) else (b, a)
    if outer.kind == "country":
        return 1.0
    if outer.kind == "admin1":
        return float(inner.admin1 == outer.admin1)
    if outer.kind == "admin2" and inner.admin2 == outer.admin2:
        return 1.0
    if outer.kind in ("city", "district") and distance_km(inner, outer) < 30:
        return 1.0
    return 0.5 if inner.admin1 and inner.admin1 == outer.admin1 else 0.1


def distance_km(a: Candidate, b: Candidate) -> float:
    dx = (a.lon - b.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
    return 111.2 * math.hypot(a.lat - b.lat, dx)


def drop_misfits(phrase: list[Mention]) -> None:
    """Names of a phrase that do not lie in the place qualifying them. Across countries, a province or
    country qualifier wins ("Pirque (Cochabamba)" with only a Chilean Pirque known), unless its name is
    generic ("Lilongwe (Central)": a dozen countries have a "Central", Malawi's is missing); otherwise
    the smaller place loses ("Baghdad - Mansour" with only an Algerian Mansourah known). A name alone in its
    country against the rest of its phrase loses first ("Tubas - Al Aqaba village (Tubas, West Bank)"
    with only Jordan's Aqaba known), unless it is the unit that qualifies the rest. Within a country a unit qualifier wins ("Chervonyi Yar, Luhansk"
    with only the Odesa village known)."""
    resolved = [m for m in phrase if m.choice is not None]
    countries = Counter(m.choice.country for m in resolved if m.choice)
    for first, second in zip(resolved, resolved[1:], strict=False):
        inner, outer = (second, first) if second.part else (first, second)
        if inner.choice is None or outer.choice is None:
            continue
        if inner.choice.country != outer.choice.country:
            loser = min(inner, outer, key=lambda m: countries[m.choice.country] if m.choice else 0)
            if countries[inner.choice.country] != countries[outer.choice.country] and (
                loser is inner or as_unit(outer) is None
            ):
                loser.choice = None
            elif as_unit(outer) is not None and not is_generic(outer) or size(outer) >= size(inner):
                inner.choice = None
            else:
                outer.choice = None
            continue
        unit = as_unit(outer)
        if unit is not None and nested(inner.choice, unit) < 1:
            inner.choice = None


def settle_generic(mentions: list[Mention], countries: Counter[str], scene: Counter[str]) -> None:
    """Generic names yield to the country the units of their phrase, or the article, support: "Thea Sar
    (East) village, Taze township (Shwebo district, Sagaing region)" is not in Cameroon's East. A town name
    many countries share yields only to its own phrase ("Heidelberg" stays German beside "Ukrainians").
    Strays (see `is_stray`) yield to the article like generic province names, small towns (see
    `is_small_town`) only to its other places and the countries it is surely in (`scene`)."""
    for phrase in phrases(mentions):
        units = [m.choice for m in phrase if m.choice is not None and not is_generic(m)]
        support = Counter(c.country for c in units if SPECIFICITY.get(c.kind, 4) >= SPECIFICITY["admin2"])
        yield_to(support, [m for m in phrase if is_generic(m)])
    weak = [m for m in mentions if generic_unit(m) or is_stray(m)]
    places = Counter(m.choice.country for m in mentions if m not in weak and is_evidence(m))
    yield_to(countries + places, weak)
    for town in [m for m in mentions if is_small_town(m)]:
        others = [m for m in mentions if name_key(m.text) != name_key(town.text)]
        support = scene + Counter(m.choice.country for m in others if is_evidence(m))
        yield_to(support, [town], least=max(support.values(), default=0) - 1)


def is_evidence(mention: Mention) -> bool:
    """A resolved name that can outweigh a stray: a place, or a country named as the scene; a country
    named as a topic ("Coast Guard of the United States") is already among the stated countries."""
    return mention.choice is not None and (mention.choice.kind != "country" or is_scene(mention))


def yield_to(support: Counter[str], generic: list[Mention], least: float = 0.0) -> None:
    """Move each generic name chosen in a country with no more than `least` support to its place in the
    best supported one, or leave it unresolved; a single demonym ("Russian forces") is too little support
    to move it."""
    for mention in generic:
        choice = mention.choice
        if choice is None or support[choice.country] > least or max(support.values(), default=0) < 1:
            continue
        supported = [c for c in mention.candidates if support[c.country] > least]
        mention.choice = max(supported, key=lambda c: support[c.country]) if supported else None


def is_stray(mention: Mention) -> bool:
    """A small town matched under another spelling ("Battar" for Romania's "Batăr"), or a village: weak
    evidence, outweighed by any the article states (a Houthi attack, other places in Yemen)."""
    choice = mention.choice
    return (
        choice is not None
        and choice.kind == "city"
        and choice.population < STRAY_POPULATION
        and (fold(choice.name) != fold(mention.text) or choice.population < VILLAGE_POPULATION)
    )


def is_small_town(mention: Mention) -> bool:
    """A town the size of many namesakes ("Nima", "Bank", "Mile"), or any town the text calls a village
    ("Joynagar village" is not India's Jaynagar): weaker evidence than the places around it ("the Nima
    community of Accra"), though not than a demonym ("a rally in Cetinje for the Ukrainian people")."""
    choice = mention.choice
    return (
        choice is not None
        and choice.kind == "city"
        and (choice.population < TOWN_POPULATION or mention.village)
    )


def is_generic(mention: Mention) -> bool:
    """A name of places in many countries, or a descriptive one ("East"): no evidence of a country."""
    return spread(mention) >= GENERIC_SPREAD or is_descriptive(mention)


def generic_unit(mention: Mention) -> bool:
    """A name many countries give a province or district ("Western", "Santa Cruz", "Capital"); a town
    name many countries share ("Heidelberg") is a homonym, left to the resolver."""
    units = {c.country for c in mention.candidates if c.kind in ("admin1", "admin2", "region")}
    return len(units) >= GENERIC_SPREAD or is_descriptive(mention)


def is_descriptive(mention: Mention) -> bool:
    key = name_key(mention.text)
    return bool(DIRECTION.match(key)) or key in GENERIC_WORDS


def size(mention: Mention) -> float:
    """A resolved name's population, a unit's counting a tenth (see `resolve.prior`)."""
    choice = mention.choice
    assert choice is not None
    return choice.population / 10 if choice.kind in ("admin1", "admin2") else choice.population


def spread(mention: Mention) -> int:
    """How many countries have a place of this name."""
    return len({c.country for c in mention.candidates})


def as_unit(mention: Mention) -> Candidate | None:
    """The administrative unit a qualifier names, even when resolved to its town ("Luhansk")."""
    choice = mention.choice
    assert choice is not None
    if choice.kind in ("admin1", "admin2", "country"):
        return choice
    units = [
        c
        for c in mention.candidates
        if c.kind in ("admin1", "admin2") and c.country == choice.country and nested(choice, c) == 1
    ]
    return units[0] if units else None
