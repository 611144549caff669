"""Weighing the rules' sub-event type against the learned model's.

The rules know who acts on whom in this very sentence and which weapon a trigger names; the model knows how
coders type similar wording. The model decides, with the rules' choice given a head start, except where a
trigger names the type outright or ACLED's conventions fix it whatever the wording.
"""

from __future__ import annotations

import numpy as np
from spacy.tokens import Span

from eventwire.detect.classify import REMOTE, event_type_of
from eventwire.detect.learned import TypeModel
from eventwire.lang import lexicon
from eventwire.typology import VIOLENT_TYPES, flagged

# How much more probable than the rules' sub-event type the learned model's must be to replace it.
RULE_WEIGHT = 0.3
# How sure the word model must be for the sentence encoder not to be asked.
WORDS_SURE = 0.9
# Words that name a change of territory outright ("seized control of", "overran", "recaptured"): the model,
# trained on coders' notes where "captured" is as often said of people, does not overrule them.
TERRITORY_WORDS = lexicon("en").entries("territory_stems")
TERRITORY_SUBS = flagged("territory")
# Weapons a trigger names ("warplanes", "suicide bomber", "sarin"): the violence is remote whoever it hits.
NAMED_WEAPONS = flagged("named_weapon")
# Words that say both sides fought ("clashed", "exchange of fire"): an armed clash stays one, however
# one-sided the toll reads.
CLASH_WORDS = lexicon("en").entries("clash_stems")
# Destruction a crowd's own words show ("burned tyres", "pelted stones"): the demonstration was violent.
RIOT_WORDS = lexicon("en").regex("riot_mention")
# A crowd is violent only when its words say so: the model's prior alone does not make a riot.
CROWD_VIOLENCE = flagged("crowd_violence")
CROWD_VIOLENCE_WORDS = lexicon("en").regex("crowd_violence_words")
# People a clash can be mob violence between ("supporters of the two parties clashed").
CROWD_WORDS = lexicon("en").regex("crowd_people")
# Bombs thrown by hand are a crowd's weapon: with them a riot reading stands although no crowd is named.
STREET_BOMB_WORDS = lexicon("en").regex("street_bomb_words")
# Violence becomes a demonstration only where the words tell one ("police shot protesters").
DEMONSTRATION_WORDS = lexicon("en").regex("demonstration_mention")
# Strategic developments the rules name outright, which the model's reading of violent words around them
# does not turn into violence.
NOT_VIOLENCE = flagged("not_violence")
# What a withdrawal, a flight or an evacuation can be in ACLED's typology, and what a movement of forces
# ("reinforcements arrived", "established fortifications") can be: never violence; the fighting that may
# follow is an event of its own words.
NOT_VIOLENT_MOVES = {
    "RETREAT": frozenset({"Change to group/activity", "Other", "Non-violent transfer of territory"}),
    "MOBILIZE": frozenset({"Change to group/activity", "Other", "Headquarters or base established"}),
}
# Candidates the rules leave untyped that ACLED may still code (troop movements, curfews, withdrawals):
# the learned model types them. Talk, appeals and accusations stay outside ACLED's scope.
MODEL_TYPES_TOO = frozenset({"MOBILIZE", "COERCE", "RETREAT", "CONCEDE"})


def weighed_sub(
    rule_sub: str | None,
    plover: str | None,
    trigger: str,
    context: str,
    model: TypeModel | None,
    sent: Span | None = None,
) -> str | None:
    """The sub-event type of an in-scope candidate, from the rules' type and the model's reading of
    `context` (the sentence and the rest of its paragraph) and, with encoder heads, of the sentence."""
    if model is None or not _model_may_type(rule_sub, plover, trigger.lower()):
        return rule_sub
    probabilities = model_probabilities(model, context, sent)
    if plover in NOT_VIOLENT_MOVES:  # "withdrew without firing a shot", "reinforcements arrived"
        probabilities = {k: p for k, p in probabilities.items() if k in NOT_VIOLENT_MOVES[plover]}
    chosen = choose_sub(rule_sub, probabilities, RULE_WEIGHT)
    if (
        rule_sub == "Armed clash"
        and chosen in {"Attack", *REMOTE}
        and trigger.lower().startswith(CLASH_WORDS)
    ):
        return rule_sub
    if (
        plover == "ASSAULT"
        and event_type_of(chosen) == "Protests"
        and not DEMONSTRATION_WORDS.search(context)
    ):
        return rule_sub  # "a shoot-out took place", whatever the model reads into the rest
    if (
        chosen == "Mob violence"
        and trigger.lower().startswith(CLASH_WORDS)
        and not CROWD_WORDS.search(context)
    ):
        return "Armed clash"  # "a clash between two rival groups": two sides fought, no crowd is named
    if (
        rule_sub in REMOTE
        and chosen in CROWD_VIOLENCE
        and not CROWD_WORDS.search(context)
        and not STREET_BOMB_WORDS.search(context)
    ):
        return rule_sub  # "saboteurs blew up a church", "a bomb exploded": no crowd, no riot
    if event_type_of(chosen) == "Protests" and shows_riot(context):
        return "Violent demonstration"
    if (
        rule_sub == "Peaceful protest"
        and chosen in CROWD_VIOLENCE
        and not CROWD_VIOLENCE_WORDS.search(context)
    ):
        return rule_sub  # a riot needs violence or destruction in the words, not only the model's prior
    return _within_conventions(rule_sub, chosen)


def model_probabilities(model: TypeModel, context: str, sent: Span | None) -> dict[str, float]:
    """The word model's P(sub-event type | context), multiplied by the encoder head's P(type | sentence)
    when the model has heads and the word model is unsure: each alone is surer than right on notes unlike
    its training notes, and their product held best on files and countries left out of training (see
    BENCHMARKS.md). Where the word model is sure, the product rarely differs; the encoder's time is kept
    for the sentences where it does (see `detect.encoded`)."""
    words = model.probabilities(context)
    if model.heads is None or sent is None or max(words.values(), default=1.0) >= WORDS_SURE:
        return words
    from eventwire.detect.encoded import sentence_vector

    vector = sentence_vector(sent)
    if vector is None:
        return words
    encoded = model.heads.sub_event.ranked(vector)
    labels = [k for k in words if k in encoded]
    scores = np.array([words[k] * encoded[k] for k in labels]) + 1e-12
    return dict(zip(labels, (scores / scores.sum()).tolist(), strict=True))


def choose_sub(rule_sub: str | None, probabilities: dict[str, float], rule_weight: float) -> str | None:
    """The most probable sub-event type once the rules' choice gets `rule_weight` added."""
    if not probabilities:
        return rule_sub
    scores = dict(probabilities)
    if rule_sub in scores:
        scores[rule_sub] += rule_weight
    return max(scores, key=scores.get)


def _model_may_type(rule_sub: str | None, plover: str | None, trigger: str) -> bool:
    if rule_sub in TERRITORY_SUBS and any(word in trigger for word in TERRITORY_WORDS):
        return False
    return rule_sub is not None or plover in MODEL_TYPES_TOO


def _within_conventions(rule_sub: str | None, chosen: str | None) -> str | None:
    """The model's choice, unless ACLED's conventions or the trigger's own words say otherwise."""
    if rule_sub in NAMED_WEAPONS and chosen not in REMOTE:
        return rule_sub
    if rule_sub in REMOTE and event_type_of(chosen) == "Violence against civilians":
        return rule_sub  # remote violence is typed by its weapon, whoever it hits
    if rule_sub in NOT_VIOLENCE and event_type_of(chosen) in VIOLENT_TYPES:
        return rule_sub  # "was arrested for inciting insurrection", "shot down a drone": not violence
    if rule_sub == "Arrests" and event_type_of(chosen) == "Protests":
        return rule_sub  # "officers arrested 30 protesters": the arrest; the demonstration is its own event
    return chosen


def shows_riot(text: str) -> bool:
    """Whether the words show destruction by the crowd: whole lower-case words ("tires", not "retired" or
    the town of Tire)."""
    return RIOT_WORDS.search(text) is not None
