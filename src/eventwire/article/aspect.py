"""How a trigger's verb is inflected: a feature of whether the article reports the event or recalls it.

"had been killed" (pluperfect) usually recalls what came before the story; "has killed more than 800"
(perfect) often sums a campaign; a bare past ("killed") or a present headline ("kill") reports.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.lang import lexicon

Aspect = str  # "pluperfect", "perfect", "past", "present", "progressive", "modal", "infinitive", "nominal"
_VERB_TAGS = {"VBD": "past", "VBN": "past", "VBZ": "present", "VBP": "present", "VBG": "progressive"}


def verb_aspect(trigger: Token) -> Aspect:
    """The aspect of the verb a trigger is, or of the verb whose clause it names ("the attack killed",
    "killed in an attack"): the auxiliaries decide, then the verb's own tag."""
    verb = _governing_verb(trigger)
    if verb is None:
        return "nominal"
    auxiliaries = [c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if "had" in auxiliaries or "'d" in auxiliaries:
        return "pluperfect"
    if any(a in {"has", "have", "'ve", "'s"} for a in auxiliaries) and verb.tag_ == "VBN":
        return "perfect"
    if any(c.tag_ == "MD" for c in verb.children if c.dep_ == "aux"):
        return "modal"
    if any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children):
        return "infinitive"
    if any(a in {"was", "were"} for a in auxiliaries):
        return "past"
    if any(a in {"is", "are", "am"} for a in auxiliaries):
        return "present" if verb.tag_ == "VBN" else "progressive"
    return _VERB_TAGS.get(verb.tag_, "present" if verb.tag_ == "VB" else "nominal")


def _governing_verb(trigger: Token) -> Token | None:
    """The trigger itself when it is a verb; for a noun or adjective, the verb it is the subject, object
    or complement of, within two steps."""
    if trigger.pos_ in {"VERB", "AUX"}:
        return trigger
    current = trigger
    for _ in range(2):
        if current.head is current:
            return None
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            return current
    return None


_DEFINITE = lexicon("en").words("definite_determiners")
# Prepositions that introduce what a definite noun is about, so that it is a first mention.
_INTRODUCING = lexicon("en").words("introducing_prepositions")


def is_anaphoric(trigger: Token) -> bool:
    """A noun trigger with a definite determiner or a possessive ("the attack", "Monday's shooting",
    "the latest bombing"): it refers to an incident the article has already told or takes as known."""
    if trigger.pos_ not in {"NOUN", "PROPN"}:
        return False
    if any(c.dep_ == "prep" and c.lower_ in _INTRODUCING for c in trigger.children):
        return False  # "the dismissal of General Kisel", "the attack by PUK fighters": told here first
    return any((c.dep_ == "det" and c.lower_ in _DEFINITE) or c.dep_ == "poss" for c in trigger.children)
