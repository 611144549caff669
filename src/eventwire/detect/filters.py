"""Mentions that are not events: negated, hypothetical or planned, quoted, or asides about a speaker."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from eventwire.lang import lexicon

# Prepositions that make a noun the topic of a verb or a protest ("protest against the killing").
TOPIC_PREPOSITIONS = lexicon("en").words("topic_prepositions")

INTENT_VERBS = lexicon("en").words("intent_verbs")
HEDGE_AUX = lexicon("en").words("hedge_auxiliaries")
TOPIC_VERBS = lexicon("en").words("topic_verbs")
# A demonstration and the people in it ("protest", "rally", "protesters", "crowd"), as lemmas.
DEMONSTRATION_WORDS = lexicon("en").words("demonstration_words")
# What links a demonstration to the violence it is about: "over the killing", "justice for a man killed",
# "after a man was shot", "denouncing the murder".
GRIEVANCE_WORDS = lexicon("en").words("grievance_words")
ASIDE_VERBS = lexicon("en").words("aside_verbs")
CONDITIONAL_MARKS = lexicon("en").words("conditional_marks")
_QUOTE = re.compile(r"[\"\u201c](.+?)[\"\u201d]", re.S)


def quote_spans(sent: Span) -> list[tuple[int, int]]:
    """Character ranges of direct quotations in a sentence."""
    return [(sent.start_char + m.start(), sent.start_char + m.end()) for m in _QUOTE.finditer(sent.text)]


def in_quote(token: Token, quotes: list[tuple[int, int]]) -> bool:
    return any(start <= token.idx < end for start, end in quotes)


def is_negated(token: Token) -> bool:
    """ "did not attack", "no clashes were reported", "without firing a shot"."""
    for word in (token, token.head):
        if any(child.dep_ == "neg" for child in word.children):
            return True
        if any(child.lower_ == "no" and child.dep_ == "det" for child in word.children):
            return True
    # "without a shot", "without firing a shot"; "shelled X without causing injuries" is real
    return token.head.lower_ == "without" or (token.dep_ == "dobj" and token.head.head.lower_ == "without")


def is_hypothetical(token: Token) -> bool:
    """A trigger that is only intended, feared or conditional: "vowed to crush", "could attack", "if ..."."""
    current = token
    for _ in range(3):
        if any(child.lower_ in HEDGE_AUX and child.dep_ == "aux" for child in current.children):
            return True
        if any(child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS for child in current.children):
            return True
        if current.dep_ in {"xcomp", "pobj", "dobj", "pcomp", "prep"} and current.head.lemma_ in INTENT_VERBS:
            return True
        if current.dep_ not in {"xcomp", "pobj", "dobj", "compound", "pcomp", "prep"}:
            return False
        current = current.head
    return False


def is_aside(token: Token) -> bool:
    """Words in a clause that describes a speaker's remark ("describing the unexpected withdrawal"); the
    climb stops at a subject, so the speaker's own acts still count ("Araqchi, visiting Damascus, said")."""
    current = token
    for _ in range(4):
        if current.lemma_ in ASIDE_VERBS:
            return True
        if current.head is current or current.dep_ in {"nsubj", "nsubjpass"}:
            return False
        current = current.head
    return False


def is_topic(token: Token) -> bool:
    """The subject matter of talk or protest, not an event: "met to discuss the fighting", "protested
    against the murder of a girl"."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in TOPIC_PREPOSITIONS:
        head = head.head
    protest = head.lemma_ in DEMONSTRATION_WORDS and not (head.lemma_ == "strike" and head.pos_ == "VERB")
    return token.dep_ in {"dobj", "pobj"} and (head.lemma_ in TOPIC_VERBS or protest)  # not "struck an IED"


# Weapons only used on crowds: force used with them is the crowd's dispersal, not another event.
CROWD_WEAPONS = lexicon("en").regex("crowd_control_weapons")


def is_crowd_control(sent: Span, trigger: Token) -> bool:
    """Force against a demonstration in the sentence that tells it is how the demonstration ended, not a
    second event: "protesting residents were beaten up by police", "police fired rubber bullets at the
    march" (ACLED's protest with intervention, or excessive force when people are killed)."""
    if CROWD_WEAPONS.search(sent.text):
        return True
    objects = [c for c in trigger.children if c.dep_ in {"dobj", "nsubjpass"}]
    objects += [g for c in trigger.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    words = {t.lemma_.lower() for o in objects for t in (o, *o.children)}  # "protesting residents"
    return bool(words & DEMONSTRATION_WORDS)  # "beat up protesters", "dispersed the rally"


def is_grievance_clause(token: Token) -> bool:
    """Whether the word hangs, within a few steps, from a word that links a demonstration to its cause
    (a preposition, subordinator or verb of `GRIEVANCE_WORDS`), below the sentence's main verb."""
    current = token
    for _ in range(5):
        if current.head is current:
            return False
        marks = {c.lower_ for c in current.children if c.dep_ == "mark"}
        if marks & GRIEVANCE_WORDS:
            return True
        current = current.head
        if current.lemma_.lower() in GRIEVANCE_WORDS or current.lower_ in GRIEVANCE_WORDS:
            return current.head is not current or current.pos_ != "VERB"
    return False
