"""Finding who is mentioned in a sentence: named actors, role nouns, officials, countries and sources."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from eventwire.actors.countries import country_code, country_name
from eventwire.actors.dictionary import lookup_actor, lookup_source
from eventwire.actors.generic import (
    REBEL_MODIFIERS,
    TITLES,
    GroupNoun,
    group_name,
    group_noun,
    identity_militia,
)
from eventwire.lang import lexicon
from eventwire.nlp import doc_text, sentence_entities, sentence_noun_chunks

ACTOR_LABELS = {"ORG", "NORP", "PERSON", "GPE"}
ROLE_POS = {"NOUN", "PROPN", "ADJ"}
# A country named in these positions acts ("France issued", "talks with Iran"); "in Syria" is a place.
GPE_ACTOR_DEPS = {"nsubj", "nsubjpass", "dobj", "conj", "appos"}
PLACE_ENTITY_LABELS = {"GPE", "LOC", "FAC"}
GPE_ACTOR_PREPS = lexicon("en").words("country_actor_prepositions")


@dataclass
class ActorMention:
    """An actor as the sentence names it; `head` is the token index that carries its syntactic role."""

    name: str
    kind: str | None
    country: str | None
    head: int
    start: int  # character offsets into the document
    end: int
    text: str
    generic: GroupNoun | None = None
    tokens: set[int] = field(default_factory=set)


@dataclass
class SentenceMentions:
    actors: list[ActorMention]
    sources: list[tuple[str, int, int, str]]  # canonical name, start, end, words

    def at(self, token_i: int) -> ActorMention | None:
        return next((m for m in self.actors if token_i in m.tokens), None)


def find_mentions(sent: Span, default_country: str | None) -> SentenceMentions:
    """Actors and sources in one sentence. Entities come first, then role nouns not inside an entity."""
    actors: list[ActorMention] = []
    sources: list[tuple[str, int, int, str]] = []
    taken: set[int] = set()
    for ent in sentence_entities(sent):
        if ent.label_ not in ACTOR_LABELS:
            continue
        phrase = _phrase(ent)
        source = lookup_source(phrase.text) or lookup_source(ent.text)
        if source is not None:
            sources.append((source, phrase.start_char, phrase.end_char, phrase.text))
            taken.update(range(phrase.start, phrase.end))
            continue
        mention = _entity_actor(ent, phrase, default_country)
        if mention is not None:
            actors.append(mention)
            taken.update(mention.tokens)
    actors.extend(_chunk_actors(sent, taken))
    for token in sent:
        if token.i in taken or token.pos_ not in ROLE_POS:
            continue
        if token.dep_ in {"compound", "amod"} and group_noun(token.head.lemma_) is not None:
            continue  # "government" in "government warplanes" is part of the head's phrase
        named = _named_modifier(token, actors)
        if named is not None:
            named.tokens.add(token.i)  # "HTS fighters" are HTS
            taken.add(token.i)
            continue
        actors.extend(_role_noun_actors(token, default_country, taken))
    actors.sort(key=lambda m: m.start)
    return SentenceMentions(actors, sources)


def _phrase(ent: Span) -> Span:
    """The entity widened to its noun phrase, so "the White Helmets rescue service" is seen whole."""
    head = ent.root
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head
    left = min(ent.start, head.left_edge.i if head.left_edge.i >= ent.sent.start else ent.start)
    return ent.doc[max(left, ent.sent.start) : max(ent.end, head.i + 1)]


def _chunk_actors(sent: Span, taken: set[int]) -> list[ActorMention]:
    """Dictionary actors that the model does not tag as entities: "Turkey-backed secular groups"."""
    found = []
    for chunk in sentence_noun_chunks(sent):
        if any(t.i in taken for t in chunk):
            continue
        entry = lookup_actor(chunk.text)
        if entry is not None:
            tokens = set(range(chunk.start, chunk.end))
            found.append(
                ActorMention(
                    entry.name,
                    entry.kind,
                    entry.country,
                    chunk.root.i,
                    chunk.start_char,
                    chunk.end_char,
                    chunk.text,
                    tokens=tokens,
                )
            )
            taken.update(tokens)
    return found


def _named_modifier(token: Token, actors: list[ActorMention]) -> ActorMention | None:
    if group_noun(token.lemma_) is None:
        return None
    for child in token.children:
        if child.dep_ in {"compound", "amod", "nmod"}:
            hit = next((m for m in actors if child.i in m.tokens and m.generic is None), None)
            if hit is not None:
                return hit
    return None


def _acting_country(ent: Span) -> bool:
    root = ent.root
    if root.dep_ == "appos" and root.head.ent_type_ in PLACE_ENTITY_LABELS:
        return False  # "a camp in Jonglei, South Sudan": the country places the town
    if root.dep_ in GPE_ACTOR_DEPS:
        return root.dep_ != "conj" or root.head.dep_ in GPE_ACTOR_DEPS
    return root.dep_ == "pobj" and root.head.lower_ in GPE_ACTOR_PREPS


def _entity_actor(ent: Span, phrase: Span, default_country: str | None) -> ActorMention | None:
    tokens = set(range(ent.start, ent.end))
    entry = lookup_actor(ent.text) or lookup_actor(phrase.text)
    if entry is not None:
        return ActorMention(
            entry.name,
            entry.kind,
            entry.country,
            ent.root.i,
            ent.start_char,
            ent.end_char,
            ent.text,
            tokens=tokens,
        )
    if ent.label_ == "PERSON":
        return _official(ent, default_country)
    if ent.label_ == "GPE":
        code = country_code(ent.text)
        if code is not None and _acting_country(ent):
            return ActorMention(
                f"Government of {country_name(code)}",
                "state forces",
                code,
                ent.root.i,
                ent.start_char,
                ent.end_char,
                ent.text,
                tokens=tokens,
            )
    return None


def _official(person: Span, default_country: str | None) -> ActorMention | None:
    """A named official stands for their government: "Iranian Foreign Minister Abbas Araqchi"."""
    doc = person.doc
    left = person.start
    while left > person.sent.start and doc[left - 1].dep_ in {"compound", "amod"}:
        left -= 1
    words = doc[left : person.start]
    if not any(t.lower_ in TITLES for t in words) or _names_organisation(words):
        return None
    code = next((country_code(t.text) for t in words if country_code(t.text)), default_country)
    name = f"Government of {country_name(code)}" if code else "Government"
    return ActorMention(
        name,
        "state forces",
        code,
        person.root.i,
        doc[left].idx,
        person.end_char,
        doc[left : person.end].text,
        tokens=set(range(left, person.end)),
    )


def _names_organisation(words: Span) -> bool:
    """A title after an organisation's name is that organisation's ("PUK leader Jalal Talabani", "Hamas
    spokesman"), not a government's."""
    return any(
        t.ent_type_ in {"ORG", "NORP"} and country_code(t.text) is None
        for t in words
        if t.is_title or t.is_upper
    )


# Weapons only states field, so a country word before them names its military.
STATE_WEAPONS = lexicon("en").words("state_weapons")


def _role_noun_actors(token: Token, default_country: str | None, taken: set[int]) -> list[ActorMention]:
    """Role nouns with their country words: "Russian and Syrian warplanes" gives two actors."""
    noun = group_noun(token.lemma_) or group_noun(token.text)
    modifiers = [
        t for t in token.children if t.dep_ in {"amod", "compound", "nmod", "poss"} and t.i < token.i
    ]
    if noun is None and token.lemma_.lower() in STATE_WEAPONS and _country_words(modifiers):
        noun = group_noun("military")  # "Turkish airstrikes", "Russian shelling": a state's armed forces
    if noun is None:
        return []
    words = {t.lower_ for t in modifiers}
    if noun.kind == "state forces" and words & REBEL_MODIFIERS:
        noun = group_noun("rebel")
    elif noun.template.startswith("Military") and token.lower_.startswith("force") and "police" in words:
        noun = group_noun("police")  # "police forces"
    elif noun.kind == "civilians" and words & {"armed", "masked", "hooded"}:
        noun = group_noun("gunman")  # "armed men", "masked persons"
    if not _country_words(modifiers):
        noun = identity_militia(noun, _bare_modifiers(token, modifiers)) or noun
    codes: list[str | None] = _country_words(modifiers) or _of_country(token) or [default_country]
    left = min([token.i, *[m.left_edge.i for m in modifiers]])
    start, end = token.doc[left].idx, token.idx + len(token.text)
    span_tokens = set(range(left, token.i + 1))
    taken.update(span_tokens)
    mentions = []
    for code in codes:
        name = group_name(noun, country_name(code) if code else None)
        mentions.append(
            ActorMention(
                name,
                noun.kind,
                code,
                token.i,
                start,
                end,
                doc_text(token.doc)[start:end],
                generic=noun,
                tokens=span_tokens,
            )
        )
    return mentions


def _bare_modifiers(token: Token, modifiers: list[Token]) -> list[str]:
    """Modifiers written right before the noun and not inside a longer name ("Fulani gunmen", not "Black
    Axe militiamen" or "in Cosoleacaque, Veracruz, armed men")."""
    doc = token.doc
    words = []
    for modifier in modifiers:
        between = doc[modifier.i + 1 : token.i]
        if any(t not in modifiers and t.lower_ not in {"armed", "suspected"} for t in between):
            continue
        before = doc[modifier.i - 1] if modifier.i > 0 else None
        if before is not None and before.text[:1].isupper() and not (before.is_sent_start and before.is_stop):
            continue
        words.append(modifier.text)
    return words


def _country_words(modifiers: list[Token]) -> list[str]:
    codes: list[str] = []
    for modifier in modifiers:
        for word in [modifier, *modifier.conjuncts]:
            code = country_code(word.text)
            if code and code not in codes:
                codes.append(code)
    return codes


def _of_country(token: Token) -> list[str]:
    """ "forces of Syria", "police in Kenya"."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in {"of", "in", "from"}:
            for obj in prep.children:
                code = country_code(obj.text)
                if code:
                    return [code]
    return []
