"""Who did what to whom: assigning actor mentions to the sides of one event trigger.

Side one is the doer (subject, "by" agent, the owner of a noun trigger: "Russian airstrikes"); side two
the target (object, "on"/"against"/"targeting" objects, the subject of a passive). Conjuncts join their side.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.actors.mentions import ActorMention, SentenceMentions

TARGET_PREPS = {"on", "against", "at", "targeting", "with", "into", "toward", "towards", "in"}
MODIFIER_DEPS = {"amod", "compound", "poss", "nmod"}


def assign_roles(trigger: Token, mentions: SentenceMentions) -> tuple[list[ActorMention], list[ActorMention]]:
    """The two sides of the event announced by `trigger`, each ordered by salience (first = actor)."""
    verb = governing_verb(trigger)
    side1 = _modifier_actors(trigger, mentions) + _subject_actors(verb, mentions)
    side2 = _object_actors(verb, trigger, mentions)
    between = _between(trigger, mentions) or _between(verb, mentions)
    if between:
        side1, side2 = between[:1], between[1:]
    if not side1 and not side2:
        side1, side2 = _by_order(trigger, mentions)
    side2 = [m for m in side2 if m not in side1]
    return _unique(side1), _unique(side2)


def governing_verb(token: Token) -> Token:
    """The verb a noun trigger hangs from ("intensified" for "bombing raids"); a verb is its own."""
    current = token
    for _ in range(4):
        if current.pos_ in {"VERB", "AUX"} or current.dep_ == "ROOT":
            return current
        current = current.head
    return current


def _expand(token: Token, mentions: SentenceMentions) -> list[ActorMention]:
    """The mentions at a token and its conjuncts, and those inside its phrase ("comprising X and Y")."""
    found: list[ActorMention] = []
    for word in [token, *token.conjuncts]:
        hits = [m for m in mentions.actors if word.i in m.tokens]
        found.extend(hits)
        if not hits or all(m.generic is not None for m in hits):
            found.extend(_members(word, mentions))
    return found


def _members(token: Token, mentions: SentenceMentions) -> list[ActorMention]:
    """Named members of a generic group: "the insurgents, comprising A and B" -> A, B."""
    members: list[ActorMention] = []
    for child in token.children:
        if child.dep_ in {"acl", "appos", "prep"} and child.lemma_ in {"comprise", "include", "led", "lead", "of"}:
            for sub in child.subtree:
                hit = mentions.at(sub.i)
                if hit is not None and hit.generic is None and hit not in members:
                    members.append(hit)
        elif child.dep_ == "appos":
            members.extend(_expand(child, mentions))
    return members


def _subject_actors(verb: Token, mentions: SentenceMentions) -> list[ActorMention]:
    for child in verb.children:
        if child.dep_ in {"nsubj", "csubj"}:
            return _expand(child, mentions)
        if child.dep_ == "agent":
            return [m for obj in child.children for m in _expand(obj, mentions)]
    if verb.dep_ in {"xcomp", "advcl", "conj", "acl", "relcl"} and verb.head is not verb:
        if verb.dep_ == "acl" or verb.dep_ == "relcl":
            return _expand(verb.head, mentions)
        return _subject_actors(verb.head, mentions)
    return []


def _object_actors(verb: Token, trigger: Token, mentions: SentenceMentions) -> list[ActorMention]:
    found: list[ActorMention] = []
    for head in {verb, trigger}:
        for child in head.children:
            if child.dep_ in {"dobj", "nsubjpass", "attr", "dative"}:
                found.extend(_expand(child, mentions))
            elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
                found.extend(m for obj in child.children for m in _expand(obj, mentions))
    return found


def _modifier_actors(trigger: Token, mentions: SentenceMentions) -> list[ActorMention]:
    """The owner of a noun trigger: "Russian airstrikes", "rebel advance", "SDF attacks", "X's offensive"."""
    if trigger.pos_ not in {"NOUN", "PROPN"}:
        return []
    found: list[ActorMention] = []
    for child in trigger.children:
        if child.dep_ in MODIFIER_DEPS and child.i < trigger.i:
            found.extend(_expand(child, mentions))
        elif child.dep_ == "prep" and child.lower_ == "by":
            found.extend(m for obj in child.children for m in _expand(obj, mentions))
    return found


def _between(token: Token, mentions: SentenceMentions) -> list[ActorMention]:
    """ "clashes between X and Y"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "between":
            return [m for obj in child.children for m in _expand(obj, mentions)]
    return []


def _by_order(trigger: Token, mentions: SentenceMentions) -> tuple[list[ActorMention], list[ActorMention]]:
    """When the parse gives nothing: the nearest mention before the trigger acts on the nearest after."""
    before = [m for m in mentions.actors if m.head < trigger.i]
    after = [m for m in mentions.actors if m.head > trigger.i]
    return before[-1:], after[:1]


def _unique(mentions: list[ActorMention]) -> list[ActorMention]:
    seen: set[str] = set()
    unique = []
    for mention in mentions:
        if mention.name not in seen:
            seen.add(mention.name)
            unique.append(mention)
    return unique
