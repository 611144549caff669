"""What an article says about where it is: the countries it names or implies, and the places it has
already resolved. A country named as the scene ("in Syria", "X, Syria") counts far more than one named
as a topic ("the invasion of Ukraine", "an anti-France rally", "aid to Nepal")."""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from eventwire.actors.dictionary import lookup_actor, source_countries, whole_words
from eventwire.geo.gazetteer import Candidate, Gazetteer
from eventwire.geo.names import name_key
from eventwire.geo.spans import Mention, qualifies_noun
from eventwire.geo.words import DATELINE, LOCATIVES
from eventwire.lang import lexicon
from eventwire.nlp import doc_text, load_yaml

SCENE_WEIGHT = 2.0
TOPIC_WEIGHT = 0.5
HINT_WEIGHT = 3.0


def stated_countries(
    doc: Doc, mentions: list[Mention], gazetteer: Gazetteer, scene: list[str], country_hint: str | None
) -> Counter[str]:
    """Countries the article names or implies ("Syria", "Syrian", "Military Forces of Mexico"), weighted
    by how surely each is the scene rather than a topic; `scene` is `scene_countries` of the article."""
    countries: Counter[str] = Counter()
    for named in named_countries(mentions).values():
        countries.update(named)
    taken = {i for mention in mentions for i in range(mention.start, mention.end)}
    owners = {mention.start for mention in mentions if mention.owner}
    text = doc_text(doc)
    # Only capitalised words can name a country: they are picked from the offsets and the text, so the
    # other words of the article are never built as tokens.
    for i, start in enumerate(doc.to_array(IDX).tolist()):
        if start in taken or not text[start].isupper():
            continue
        token = doc[i]
        if is_backer(token):
            continue
        demonym = gazetteer.demonym_country(token.text.split("-")[0])
        if not demonym and names_owner_country(token, gazetteer):
            owners.add(token.idx)
        elif iso2 := demonym or named_country(token.text, gazetteer):
            countries[iso2] += TOPIC_WEIGHT
            taken.add(token.idx)
    for ent in doc.ents:
        if any(token.idx in taken or token.idx in owners for token in ent):
            continue  # an owner states nothing, nor does the force or office it names ("the U.S. military")
        if iso2 := actor_country(ent.text):
            countries[iso2] += TOPIC_WEIGHT
    for iso2 in scene:
        countries[iso2] += SCENE_WEIGHT
    if country_hint:
        countries[country_hint.upper()] += HINT_WEIGHT
    return countries


# "Saudi-led", "Iranian-backed": the country behind a force, not the one it acts in.
BACKING = lexicon("en").words("backing_participles")


def is_backer(token: Token) -> bool:
    doc = token.doc
    return token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and doc[token.i + 2].lower_ in BACKING


def scene_countries(doc: Doc, gazetteer: Gazetteer) -> list[str]:
    """Countries the article is surely in, whatever its place names say: the one a monitor of one
    country's war reports from, the one whose unit or currency words it uses, its dateline's."""
    text = doc_text(doc)
    found = source_countries(text) + word_countries(text)
    if iso2 := dateline_country(text, gazetteer):
        found.append(iso2)
    return found


@lru_cache(maxsize=1)
def _country_words() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """Patterns for the words of `country_words.yaml`: lower-case ones in any case, capitals as written."""
    words = {str(w): iso2 for w, iso2 in load_yaml("country_words.yaml")["words"].items()}
    lower = whole_words([w for w in words if w.islower()], re.IGNORECASE)
    upper = whole_words([w for w in words if not w.islower()])
    return lower, upper, {w.lower(): iso2 for w, iso2 in words.items()}


def word_countries(text: str) -> list[str]:
    """The countries whose own unit or currency words a text uses ("Kotalipara upazila" -> BD)."""
    lower, upper, words = _country_words()
    found = [m.group(0).lower() for m in (*lower.finditer(text), *upper.finditer(text))]
    return [words[w] for w in found]


def dateline_country(text: str, gazetteer: Gazetteer) -> str | None:
    """The country of the town a wire story is filed from: where the story most likely is."""
    match = DATELINE.match(text)
    town = dateline_town(match["place"], gazetteer) if match is not None else None
    return town.country if town is not None else None


def dateline_town(words: str, gazetteer: Gazetteer) -> Candidate | None:
    """The town a dateline names ("BONN", "SAN JOSE"): the most populous town of that name."""
    name = words.title() if words.isupper() else words
    towns = [c for c in gazetteer.lookup(name) if c.kind == "city"]
    return max(towns, key=lambda c: c.population) if towns else None


def implied_country(doc: Doc, gazetteer: Gazetteer) -> str | None:
    """The country an article with no place names implies by its demonyms, actors and sources
    ("Lebanese truck drivers", "Houthi forces", "the OSCE SMM observed")."""
    countries = stated_countries(doc, [], gazetteer, scene_countries(doc, gazetteer), None)
    return countries.most_common(1)[0][0] if countries else None


def named_countries(mentions: list[Mention]) -> dict[str, Counter[str]]:
    """The countries each place name states, by name: what a name says of the article apart from itself.
    A country named as the owner of a noun ("the U.S. embassy said") states nothing of where the article
    is: a foreign embassy, envoy or army is news wherever it is."""
    named: dict[str, Counter[str]] = {}
    for mention in mentions:
        if mention.owner:
            continue
        exact = [c for c in mention.candidates if c.kind == "country"]
        if exact and not names_a_province(mention):
            weight = SCENE_WEIGHT if is_scene(mention) else TOPIC_WEIGHT
            named.setdefault(name_key(mention.text), Counter())[exact[0].country] += weight
    return named


def actor_country(name: str) -> str | None:
    """The country a named actor acts in ("Houthis" -> YE, "PDF" -> MM, "MONUSCO" -> CD): where the
    article likely is, as weakly as a demonym. For foreign and international forces the dictionary gives
    a country only when they act in one (a UN mission, the Saudi-led coalition in Yemen)."""
    actor = lookup_actor(name)
    return actor.country if actor is not None else None


def is_scene(mention: Mention) -> bool:
    """A name after a place preposition or qualifying another place names where things happen."""
    return mention.cue in LOCATIVES or bool(mention.contents)


def names_a_province(mention: Mention) -> bool:
    """A country name that is also a province's ("Georgia", "Niger") is no evidence of either."""
    return any(c.kind == "admin1" and name_key(c.name) == name_key(mention.text) for c in mention.candidates)


def names_owner_country(token: Token, gazetteer: Gazetteer) -> bool:
    """A country's name before a noun it qualifies ("the U.S. military"): see `named_countries`. Its
    demonym ("Afghan forces") still states the country, as a topic."""
    return qualifies_noun(token.doc[token.i : token.i + 1]) and any(
        c.kind == "country" for c in gazetteer.lookup(token.text)
    )


def named_country(word: str, gazetteer: Gazetteer) -> str | None:
    """ISO2 of a one-word country name outside any place phrase ("Forces of Mexico")."""
    key = name_key(word)
    for candidate in gazetteer.lookup(word):
        if candidate.kind == "country" and name_key(candidate.name) == key:
            return candidate.country
    return None


class Context:
    """The countries, provinces and points an article's other mentions resolved to."""

    def __init__(
        self,
        countries: Counter[str],
        named: dict[str, Counter[str]] | None = None,
        scene: Counter[str] | None = None,
    ) -> None:
        self.countries = countries
        self.scene = scene or Counter()
        self.stated = sum(countries.values())
        self.named = named or {}
        self.chosen: Counter[str] = Counter()
        self.admin1s: Counter[tuple[str, str | None]] = Counter()
        self.points: Counter[tuple[float, float]] = Counter()
        self.provinces: Counter[tuple[str, str | None]] = Counter()
        # Per mention (by id, the mentions outlive the pass): the population of its best-known namesake.
        self.namesakes: dict[int, float] = {}

    def add(self, mention: Mention, sign: int) -> None:
        """Count (sign 1) or discount (sign -1) a mention's current choice."""
        choice = mention.choice
        if choice is None or (choice.kind == "country" and not is_scene(mention)):
            return
        self.chosen[choice.country] += sign
        self.add_local(mention, sign)

    def add_local(self, mention: Mention, sign: int) -> None:
        """Count or discount only where in its country a mention's choice lies (its province and point)."""
        choice = mention.choice
        if choice is None or choice.kind == "country":
            return
        self.admin1s[(choice.country, choice.admin1)] += sign
        if choice.kind == "admin1":
            self.provinces[(choice.country, choice.admin1)] += sign
        if choice.kind in ("city", "district", "admin2"):
            self.points[(choice.lat, choice.lon)] += sign

    def country_share(self, candidate: Candidate, mention: Mention) -> float:
        """The candidate's country's share of the countries the article states, scaled down while the only
        evidence is weak ("Russian forces" alone says less about where than "in Ukraine"). The mention's
        own name is no evidence for its own country ("Lebanon" said five times in an Indiana paper), but
        still weighs against the others ("China" beside a Houston, Texas, in an article on trade)."""
        if not self.stated:
            return 0.0
        own = self.named.get(name_key(mention.text), Counter())
        share = (self.countries[candidate.country] - own[candidate.country]) / self.stated
        return share * min(1.0, self.stated / SCENE_WEIGHT)

    def province_weight(self, candidate: Candidate) -> float:
        """1 for the province most of the article's places lie in, down to 0.5 for one named in passing
        (Boone County beside five "Indiana" and one "Kentucky" is Indiana's)."""
        most = max(self.admin1s.values(), default=0)
        count = self.admin1s[(candidate.country, candidate.admin1)]
        return 0.5 + 0.5 * count / most if most > 0 else 0.0

    def nearness(self, candidate: Candidate) -> float:
        """1 near another place the article names (< 50 km), fading to 0 at 400 km."""
        best = math.inf
        cos_lat = math.cos(math.radians(candidate.lat))
        for (lat, lon), count in self.points.items():
            if count > 0:
                dx = (lon - candidate.lon) * cos_lat
                best = min(best, 111.2 * math.hypot(lat - candidate.lat, dx))
        return 1.0 if best < 50 else 0.6 if best < 150 else 0.3 if best < 400 else 0.0
