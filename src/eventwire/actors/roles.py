"""Who did what to whom: assigning actor mentions to the sides of one event trigger.

Side one is the doer (subject, "by" agent, the owner of a noun trigger: "Russian airstrikes"); side two
the target (object, "on"/"against"/"targeting" objects, the subject of a passive). Conjuncts join their side.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.actors.mentions import ActorMention, SentenceMentions
from eventwire.lang import lexicon

# Words after a generic group that introduce its named members ("comprising", "led by", "of").
MEMBERSHIP_WORDS = lexicon("en").words("membership_words")

TARGET_PREPS = lexicon("en").words("target_prepositions")
RECIPROCAL = lexicon("en").words("reciprocal_lemmas")
MODIFIER_DEPS = {"amod", "compound", "poss", "nmod"}


def assign_roles(
    trigger: Token, mentions: SentenceMentions, strategic: bool = False
) -> tuple[list[ActorMention], list[ActorMention]]:
    """The two sides of the event announced by `trigger`, each ordered by salience (first = actor).
    A `strategic` change (a dismissal, a merger) belongs to the group named inside its phrase."""
    verb = governing_verb(trigger)
    side1 = _modifier_actors(trigger, mentions) + _subject_actors(verb, mentions)
    side2 = _object_actors(verb, trigger, mentions)
    if strategic:
        side1 = _subtree_actors(trigger, mentions) or side1
    between = _between(trigger, mentions) or _between(verb, mentions)
    if between:
        side1, side2 = between[:1], between[1:]
    if not side1 and not side2:
        side1, side2 = _by_order(trigger, mentions)
    elif not side1 and trigger.lemma_ in RECIPROCAL:
        side1, side2 = side2, []  # "the army and AA clashed", misparsed: both fought; the battle splits them
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
    """The mentions at a token and its conjuncts; named members replace a generic group ("the insurgents,
    comprising X and Y"); a non-actor noun passes to its owner ("a rebel offensive" -> rebels)."""
    found: list[ActorMention] = []
    for word in [token, *token.conjuncts]:
        hits = [m for m in mentions.actors if word.i in m.tokens]
        if not hits or all(m.generic is not None for m in hits):
            hits = _members(word, mentions) or hits
        if not hits:
            hits = [
                m
                for child in word.children
                if child.dep_ in MODIFIER_DEPS and child.i < word.i
                for m in mentions.actors
                if child.i in m.tokens
            ]
        found.extend(hits)
    return found


def _members(token: Token, mentions: SentenceMentions) -> list[ActorMention]:
    """Named members of a generic group: "the insurgents, comprising A and B" -> A, B."""
    members: list[ActorMention] = []
    for child in token.children:
        if child.dep_ in {"acl", "appos", "prep"} and child.lemma_ in MEMBERSHIP_WORDS:
            for sub in child.subtree:
                hit = mentions.at(sub.i)
                if hit is not None and hit.generic is None and hit not in members:
                    members.append(hit)
        elif child.dep_ == "appos":
            members.extend(_expand(child, mentions))
    return members


def _subject_actors(verb: Token, mentions: SentenceMentions) -> list[ActorMention]:
    """The verb's subject (the nearest one with an actor, since parses of long leads attach several) or its
    "by" agent; a verb without one inherits the subject of the verb it depends on."""
    subjects = sorted(
        (c for c in verb.children if c.dep_ in {"nsubj", "csubj"}), key=lambda c: abs(verb.i - c.i)
    )
    for child in subjects:
        found = _expand(child, mentions)
        if found:
            return found
    for child in verb.children:
        if child.dep_ == "agent":
            return [m for obj in child.children for m in _expand(obj, mentions)]
    things = [c for c in subjects if c.pos_ == "NOUN"]
    if things:  # "a mine planted by PKK rebels exploded": the doer is the one who placed the thing
        return [m for child in things for m in _placed_by(child, mentions)]
    if verb.dep_ in {"xcomp", "advcl", "conj", "acl", "relcl"} and verb.head is not verb:
        if verb.dep_ == "acl" or verb.dep_ == "relcl":
            return _expand(verb.head, mentions)
        return _subject_actors(verb.head, mentions)
    return []


def _placed_by(subject: Token, mentions: SentenceMentions) -> list[ActorMention]:
    """The agent of a participle on a subject that is a thing ("a bomb planted by militants", "shells
    fired by the army"); a verb whose subject is a thing does not take the subject of the verb above it
    ("three people died when a mine exploded": the dead did not set it off)."""
    return [
        m for child in subject.children if child.dep_ in {"acl", "relcl"} for m in _agents_of(child, mentions)
    ]


def _agents_of(participle: Token, mentions: SentenceMentions) -> list[ActorMention]:
    """The actors of a participle's "by" agent ("planted by militants")."""
    return [
        m
        for agent in participle.children
        if agent.dep_ == "agent"
        for obj in agent.children
        for m in _expand(obj, mentions)
    ]


def _subtree_actors(trigger: Token, mentions: SentenceMentions) -> list[ActorMention]:
    found = []
    for token in trigger.subtree:
        hit = mentions.at(token.i)
        if hit is not None and hit not in found:
            found.append(hit)
    return found


def _object_actors(verb: Token, trigger: Token, mentions: SentenceMentions) -> list[ActorMention]:
    """Objects of the verb, of the trigger, and of a verb it governs ("vowed to crush the rebels")."""
    found: list[ActorMention] = []
    heads = [verb, trigger, *[c for c in verb.children if c.dep_ == "xcomp"]]
    for head in dict.fromkeys(heads):
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
        elif child.dep_ in {"acl", "relcl"}:  # "shells fired by LNA forces", "an IED planted by militants"
            found.extend(_agents_of(child, mentions))
    return found


def _between(token: Token, mentions: SentenceMentions) -> list[ActorMention]:
    """ "clashes between X and Y"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "between":
            return [m for obj in child.children for m in _expand(obj, mentions)]
    return []


def _by_order(trigger: Token, mentions: SentenceMentions) -> tuple[list[ActorMention], list[ActorMention]]:
    """When the parse gives nothing: the nearest mention before the trigger acts on the nearest after."""
    doc = trigger.doc
    victims = [m for m in mentions.actors if doc[m.head].dep_ == "nsubjpass"]  # "a man was killed in a clash"
    before = [m for m in mentions.actors if m.head < trigger.i and m not in victims]
    after = [m for m in mentions.actors if m.head > trigger.i and m not in victims]
    if victims and not before:
        return [], victims[:1]
    if not before:
        return [], after[:1]
    last = doc[before[-1].head]
    joint = {last.i, *(t.i for t in last.conjuncts)}  # "the Myanmar military and AA clashed"
    return [m for m in before if m.head in joint], after[:1]


def _unique(mentions: list[ActorMention]) -> list[ActorMention]:
    seen: set[str] = set()
    unique = []
    for mention in mentions:
        if mention.name not in seen:
            seen.add(mention.name)
            unique.append(mention)
    return unique
