"""Event detection: which sentences report events, of what PLOVER and ACLED type.

A sentence's triggers are filtered (quoted, negated, hypothetical, asides) and grouped: triggers of one
PLOVER type in one sentence tell one event ("bombing raids ... killing 25"), other types are other events.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from eventwire.detect.classify import most_specific
from eventwire.detect.encoded import VECTORS_KEY, encode_sentences, encoder_candidate, plan_encoding, retyped
from eventwire.detect.filters import (
    in_quote,
    is_aside,
    is_crowd_control,
    is_grievance_clause,
    is_hypothetical,
    is_negated,
    is_topic,
    quote_spans,
)
from eventwire.detect.learned import load_model
from eventwire.detect.lexicon import Trigger, find_triggers
from eventwire.detect.weigh import CLASH_WORDS
from eventwire.lang import lexicon

CANDIDATES_KEY = "eventwire.candidates"

# Weapons of a ground fight: with small arms or a clash word beside them the fight is an armed clash
# (ACLED's coding), not shelling or a grenade attack.
GROUND_FIGHT_WEAPONS = frozenset({"Shelling/artillery/missile attack", "Grenade"})
SMALL_ARMS = lexicon("en").phrases("small_arms")
# Phrases of journalism, not events: "requested comment", "asked for comment".
AERIAL_MODES = {"aerial", "drone", "heavy-weapons"}
WEAPON_MODES = AERIAL_MODES | {"explosives"}
# Verbs that disrupt a weapon's use only when the weapon is what they find.
FIND_VERBS = lexicon("en").words("finding_verbs")
JOURNALISM_OBJECTS = lexicon("en").words("journalism_objects")


@dataclass
class Candidate:
    """A possible event in one sentence, before actors, place, date and counts are attached."""

    plover: str | None
    mode: str | None
    sub_event_type: str | None
    triggers: list[Trigger]
    main: Trigger  # the trigger whose type names the event (the most specific one)
    in_scope: bool


def detect_candidates(sent: Span) -> list[Candidate]:
    """Event candidates of one sentence, in order of first trigger. The whole document is read at the
    first call, so its sentences are encoded in one batch."""
    doc = sent.doc
    found = doc.user_data.get(CANDIDATES_KEY)
    if found is None:
        found = doc.user_data[CANDIDATES_KEY] = detect_document(doc)
    key = (sent.start, sent.end)
    return found[key] if key in found else _encoder_typed(doc, {key: (sent, lexicon_candidates(sent))})[key]


def detect_document(doc: Doc) -> dict[tuple[int, int], list[Candidate]]:
    """Candidates of every sentence of the document, keyed by the sentence's token range."""
    lexical = {(s.start, s.end): (s, lexicon_candidates(s)) for s in doc.sents}
    return _encoder_typed(doc, lexical)


def _encoder_typed(
    doc: Doc, lexical: dict[tuple[int, int], tuple[Span, list[Candidate]]]
) -> dict[tuple[int, int], list[Candidate]]:
    """The lexicon's candidates, with the encoder's PLOVER reading (see `eventwire.detect.encoded`)."""
    model = load_model(None)
    heads = model.heads if model is not None else None
    if heads is None:
        return {key: found for key, (_, found) in lexical.items()}
    encode_sentences(doc, plan_encoding(doc, list(lexical.values())))
    vectors = doc.user_data.get(VECTORS_KEY, {})
    typed = {}
    for key, (sent, found) in lexical.items():
        vector = vectors.get(key)
        if vector is None:
            typed[key] = found
        elif found:
            typed[key] = retyped(found, heads, vector)
        else:
            new = encoder_candidate(sent, heads, vector)
            typed[key] = [new] if new is not None else []
    return typed


def lexicon_candidates(sent: Span) -> list[Candidate]:
    """Candidates the trigger lexicon finds, after its filters."""
    quotes = quote_spans(sent)
    kept = [t for t in find_triggers(sent) if _is_real(sent, t, quotes)]
    strong_plovers = {t.type.plover for t in kept if not t.type.weak}
    kept = [t for t in kept if not t.type.weak or t.type.plover in strong_plovers]
    kept = [t for t in kept if not _labour_strike(t, kept)]
    kept = [t for t in kept if not is_grievance(sent, t, kept)]
    kept = [t for t in kept if not is_disrupted(sent, t, kept)]
    kept = [t for t in kept if not is_crowd_damage(t, kept)]
    kept = [t for t in kept if not is_crowd_force(sent, t, kept)]
    groups: dict[str, list[Trigger]] = {}
    for trigger in kept:
        key = (
            trigger.type.plover
            if trigger.type.plover is not None
            else f"strategic:{trigger.type.sub_event_type}"
        )
        groups.setdefault(key, []).append(trigger)
    words = [t.lower_ for t in sent]
    candidates = [_candidate(triggers, words) for triggers in groups.values()]
    return sorted(candidates, key=lambda c: c.triggers[0].start)


def _candidate(triggers: list[Trigger], words: list[str]) -> Candidate:
    sub = most_specific([t.type.sub_event_type for t in triggers])
    if sub in GROUND_FIGHT_WEAPONS and (
        SMALL_ARMS.occurs_in(words)  # whole phrases: "small arms", not "a small village"
        or any(
            t.type.sub_event_type == "Armed clash" and t.text.lower().startswith(CLASH_WORDS)
            for t in triggers
        )
    ):
        sub = "Armed clash"  # mortars with machine guns and small arms, "a clash involving artillery fire"
    main = next((t for t in triggers if t.type.sub_event_type == sub), triggers[0])
    return Candidate(main.type.plover, main.type.mode, sub, triggers, main, main.type.in_scope)


def _is_real(sent: Span, trigger: Trigger, quotes: list[tuple[int, int]]) -> bool:
    token = sent.doc[trigger.root]
    if (
        in_quote(token, quotes)
        or is_negated(token)
        or is_hypothetical(token)
        or is_aside(token)
        or is_topic(token)
    ):
        return False
    if trigger.type.needs and not any(t.lower_ in trigger.type.needs for t in sent):
        return False
    if token.lemma_ in FIND_VERBS and not _finds(token, trigger.type.needs):
        return False
    return not (trigger.type.plover == "REQUEST" and _asks_for_comment(token))


def _finds(verb, weapons: frozenset[str]) -> bool:
    """Whether what was found is a weapon ("found an IED", "discovered and defused two bombs"), not a body
    near a bomb site."""
    verbs = [verb, *verb.conjuncts]
    objects = [c for v in verbs for c in v.children if c.dep_ in {"dobj", "nsubjpass"}]
    nouns = [n for o in objects for n in (o, *o.conjuncts)]
    nouns += [c for n in nouns for c in n.children if c.dep_ in {"compound", "amod"}]
    return any(n.lower_ in weapons for n in nouns)


def _labour_strike(trigger: Trigger, triggers: list[Trigger]) -> bool:
    """A lone "strike" is an air strike only beside other aerial or missile words; beside a protest, or
    alone, it is a walkout (kept as the protest) or too vague to code."""
    if trigger.text.lower() not in {"strike", "strikes"}:
        return False
    return not any(t is not trigger and t.type.mode in AERIAL_MODES for t in triggers)


def is_grievance(sent: Span, trigger: Trigger, triggers: list[Trigger]) -> bool:
    """Violence a demonstration is about, not a new event: "locals protested in Dungarpur over the murder
    of a tailor", "people marched to call for justice for a man killed by police two weeks ago"."""
    if trigger.type.plover != "ASSAULT" or not _tells_protest(triggers):
        return False
    return is_grievance_clause(sent.doc[trigger.root])


def _tells_protest(triggers: list[Trigger]) -> bool:
    return any(t.type.plover == "PROTEST" for t in triggers)


def is_crowd_damage(trigger: Trigger, triggers: list[Trigger]) -> bool:
    """Damage done at a demonstration is how it was violent, not another event: "blocked the road with
    burning tyres", "threw stones and set the ticket office ablaze during a demonstration"."""
    return trigger.type.mode == "property" and _tells_protest(triggers)


def is_crowd_force(sent: Span, trigger: Trigger, triggers: list[Trigger]) -> bool:
    """Force by anyone against the demonstration the sentence tells (see `is_crowd_control`); weapons
    named as such (a grenade, a shelling) stay events of their own, but tear gas shells are no shelling."""
    if trigger.type.plover != "ASSAULT":
        return False
    if trigger.start > 0 and sent.doc[trigger.start - 1].lower_ in {"gas", "teargas", "smoke"}:
        return True
    if trigger.type.mode not in {"firearms", "abduct"}:
        return False
    return _tells_protest(triggers) and is_crowd_control(sent, sent.doc[trigger.root])


def is_disrupted(sent: Span, trigger: Trigger, triggers: list[Trigger]) -> bool:
    """A weapon that was found, defused or shot down, not used: "soldiers defused two IEDs", "discovered and
    destroyed an explosive device", "shot down a drone"."""
    doc = sent.doc
    verbs = {doc[t.root].i for t in triggers if t.type.sub_event_type == "Disrupted weapons use"}
    token = doc[trigger.root]
    if trigger.type.mode == "property" and any(c.i in verbs for c in token.conjuncts):
        return True  # "found and destroyed a bomb"
    if trigger.type.plover != "ASSAULT" or trigger.type.mode not in WEAPON_MODES:
        return False
    for _ in range(3):
        if token.head is token or token.dep_ not in {"dobj", "conj", "pobj", "prep", "compound", "nsubjpass"}:
            return False
        token = token.head
        if token.i in verbs or any(c.i in verbs for c in token.conjuncts):
            return True
    return False


def _asks_for_comment(token) -> bool:
    return any(t.lower_ in JOURNALISM_OBJECTS for t in token.subtree) or any(
        t.lower_ in JOURNALISM_OBJECTS for t in token.head.subtree if t.i > token.i
    )
