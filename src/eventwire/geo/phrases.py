"""Place phrases resolved as a whole: "San Lorenzo (Santa Fe)", "Kutkai township (Muse district, Shan)".

Each name of a phrase is ambiguous alone; together they are far less so, because each qualifier contains
the name before it. The phrase takes the chain of candidates with the best sum of each name's own score
and of how well neighbours nest (a Viterbi pass over the chain), so an Argentine "San Lorenzo" wins
with the Argentine province "Santa Fe" even when a Mexican pair is more populous one name at a time.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable

from eventwire.geo.gazetteer import Candidate
from eventwire.geo.spans import Mention

SPECIFICITY = {"city": 0, "district": 1, "admin2": 2, "region": 3, "admin1": 3, "country": 4}
NESTING_WEIGHT = 3.0
# A name found in this many countries is generic ("Central", "Western"), not a reliable qualifier.
GENERIC_SPREAD = 5
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
    """The candidates, one per name, maximising own scores plus nesting of neighbours (a place does not
    nest in itself: "Hays (Hays, Al Hudaydah)" is a town in its district, and says so)."""
    options = [
        sorted(m.candidates, key=lambda c, m=m: unary(c, m), reverse=True)[:PHRASE_CANDIDATES] for m in phrase
    ]
    own = [[unary(c, m) for c in cands] for m, cands in zip(phrase, options, strict=True)]
    best = list(own[0])
    back: list[list[int]] = []
    for step in range(1, len(phrase)):
        previous, current = options[step - 1], options[step]
        by_country: dict[str, list[int]] = defaultdict(list)
        for i, candidate in enumerate(previous):
            by_country[candidate.country].append(i)
        top = max(range(len(previous)), key=best.__getitem__)
        scores, pointers = [], []
        for j, candidate in enumerate(current):
            pick, value = top, best[top]
            for i in by_country.get(candidate.country, ()):
                total = best[i] + NESTING_WEIGHT * nested(previous[i], candidate) * (previous[i] != candidate)
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
    the smaller place loses ("Baghdad - Mansour" with only an Algerian Mansourah known). Within a country a unit qualifier wins ("Chervonyi Yar, Luhansk"
    with only the Odesa village known)."""
    resolved = [m for m in phrase if m.choice is not None]
    for first, second in zip(resolved, resolved[1:], strict=False):
        inner, outer = (second, first) if second.part else (first, second)
        if inner.choice is None or outer.choice is None:
            continue
        if inner.choice.country != outer.choice.country:
            if as_unit(outer) is not None and spread(outer) < GENERIC_SPREAD or size(outer) >= size(inner):
                inner.choice = None
            else:
                outer.choice = None
            continue
        unit = as_unit(outer)
        if unit is not None and nested(inner.choice, unit) < 1:
            inner.choice = None


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
