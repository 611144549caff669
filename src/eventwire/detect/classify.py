"""ACLED types for a group of triggers: the sub-event type the lexicon proposes, refined by who acts on whom
and by cues in the sentence (ACLED Codebook 2023 definitions)."""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.lang import lexicon
from eventwire.typology import ACLED_TYPES, ARMED_KINDS, SUB_EVENT_TYPES, SUB_PRIORITY

# Words that show who killed at a protest was killed by force against the crowd.
FORCE_ON_CROWD_CUES = lexicon("en").words("force_on_crowd_cues")

REMOTE = frozenset(ACLED_TYPES["Explosions/Remote violence"])
INTERVENTION_CUES = lexicon("en").words("protest_intervention_cues")
# A crowd's violence: its destruction and its fighting ("burned tyres", "clashed with police").
VIOLENT_CUES = lexicon("en").words("riot_words") | lexicon("en").words("crowd_fighting_words")
MOB_CUES = lexicon("en").words("mob_cues")


# What an attack on no armed side hits when it is an attack on civilians: "attacked the village of Tieba".
CIVILIAN_TARGETS = lexicon("en").words("civilian_targets")


def hits_civilian_place(trigger: Token) -> bool:
    """Whether the violence's object is a settlement or gathering of civilians ("attacked a village",
    "opened fire on a bus") rather than a force."""
    objects = [c for c in trigger.children if c.dep_ in {"dobj", "nsubjpass"}]
    objects += [
        g for c in trigger.children if c.dep_ == "prep" and c.lower_ in {"on", "at"} for g in c.children
    ]
    return any(o.lower_ in CIVILIAN_TARGETS for o in objects)


# What is taken when a seizure takes goods, not ground ("seized a vehicle", "seized 1 ton of marijuana").
GOODS = lexicon("en").words("goods")


def seizes_goods(trigger: Token) -> bool:
    """Whether a seizure's object is property rather than a place or control of one: ACLED's looting."""
    objects = [c for c in trigger.children if c.dep_ in {"dobj", "nsubjpass"}]
    words = {t.lemma_.lower() for o in objects for t in o.subtree}
    return bool(words & GOODS) and "control" not in words


def most_specific(subs: list[str | None]) -> str | None:
    ranked = [s for s in subs if s in SUB_PRIORITY]
    if ranked:
        return min(ranked, key=SUB_PRIORITY.index)
    return next((s for s in subs if s), None)


def refine_violence(
    sub: str | None, actor1_kind: str | None, actor2_kind: str | None, victims_named: bool
) -> str | None:
    """Armed clash when both sides are armed; an attack on civilians is violence against civilians;
    territory changes hands by the kind of the taker; remote violence keeps its weapon type."""
    if sub in REMOTE or sub is None:
        return sub
    if actor1_kind in {"rioters"} or (actor1_kind == "civilians" and sub in {"Attack", "Armed clash"}):
        return "Mob violence"
    if sub in {"Non-state actor overtakes territory", "Government regains territory"}:
        if actor1_kind == "state forces":
            return "Government regains territory"
        if actor1_kind in ARMED_KINDS:
            return "Non-state actor overtakes territory"
        return sub
    if sub == "Armed clash" and (actor2_kind == "civilians" or (actor2_kind is None and victims_named)):
        return "Attack"
    if sub == "Attack" and actor2_kind in ARMED_KINDS and actor1_kind in ARMED_KINDS | {None}:
        return "Armed clash"
    return sub


def refine_protest(words: set[str], killed: bool, mode: str | None) -> str:
    """Peaceful unless the sentence shows force against the crowd, violence by it, or a mob."""
    if words & MOB_CUES and (killed or words & VIOLENT_CUES):
        return "Mob violence"
    if killed and words & FORCE_ON_CROWD_CUES:
        return "Excessive force against protesters"
    if mode == "riot" or words & VIOLENT_CUES:
        return "Violent demonstration"
    if words & INTERVENTION_CUES:
        return "Protest with intervention"
    return "Peaceful protest"


def event_type_of(sub: str | None) -> str | None:
    return SUB_EVENT_TYPES.get(sub) if sub else None
