"""Sides read from the whole article, not one sentence.

The perpetrator of an attack is often named sentences away from it ("No group has claimed the bombing
... Police blamed it on the PKK", "The Shining Path claimed responsibility"); a victim is never also the
attacker; and an attack on police or soldiers is a battle (or remote violence), not violence against
civilians, whatever the sentence's wording.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from eventwire.actors import ActorMention, find_mentions
from eventwire.article.cues import phrase_pattern, status_cues
from eventwire.detect.weigh import VIOLENT_TYPES
from eventwire.draft import EventDraft
from eventwire.model import ARMED_KINDS

NON_STATE = ARMED_KINDS - {"state forces"}
# Victim kinds that make "violence against civilians" a fight: armed men were attacked.
FORCES = frozenset({"state forces", "external/other forces"})
# Victims who fought: a party's activists or members killed are civilians to ACLED, their party an
# associate ("a Jubo League man was shot dead by unidentified assailants").
ARMED_VICTIMS = ARMED_KINDS - {"political militia"}
CIVILIAN_VIOLENCE = frozenset({"Attack", "Abduction/forced disappearance"})


def settle_sides(incidents: list[EventDraft], sentences: list[Span], doc: Doc) -> None:
    """Incident-wide sides: claimed or blamed perpetrators, no victim among the doers, attacks on forces."""
    claims = _claims(sentences, doc)
    for incident in incidents:
        if incident.event_type in VIOLENT_TYPES and _unnamed_doer(incident):
            claimant = _claim_for(incident, claims)
            if claimant is not None:
                incident.side1 = [claimant, *[m for m in incident.side1[1:] if m.name != claimant.name]]
                incident.evidence.pop("actor1", None)
                incident.cite("actor1", claimant.start, claimant.end, claimant.text)
        doers = {m.name for m in incident.side1}
        incident.side2 = [m for m in incident.side2 if m.name not in doers]
        if _armed_on_armed(incident):
            incident.sub_event_type = "Armed clash"


def _armed_on_armed(incident: EventDraft) -> bool:
    """Violence "against civilians" whose victims are armed: soldiers or police attacked (an abduction of
    them too), or armed men of any side shot dead ("security forces shot dead three guerrillas")."""
    if not (incident.side1 and incident.side2) or incident.side1[0].kind not in ARMED_KINDS:
        return False
    victim = incident.side2[0].kind
    if incident.sub_event_type == "Attack":
        return victim in ARMED_VICTIMS
    return incident.sub_event_type in CIVILIAN_VIOLENCE and victim in FORCES


def _unnamed_doer(incident: EventDraft) -> bool:
    return not incident.side1 or incident.side1[0].generic is not None


def _claims(sentences: list[Span], doc: Doc) -> list[tuple[int, ActorMention]]:
    """(sentence index, named armed group) for each sentence that claims or lays the blame for violence."""
    claim_words = phrase_pattern(status_cues()["responsibility_words"])
    negation = phrase_pattern(status_cues()["negation_words"])
    found = []
    for index, sent in enumerate(sentences):
        text = sent.text
        if not claim_words.search(text) or negation.search(text):
            continue
        armed = [m for m in find_mentions(sent, None).actors if m.kind in NON_STATE and m.generic is None]
        if armed:
            found.append((index, armed[0]))
    return found


def _claim_for(incident: EventDraft, claims: list[tuple[int, ActorMention]]) -> ActorMention | None:
    """The claim nearest after the incident's first mention, else the last one before it."""
    first = min(m.sentence_index for m in incident.mentions or [incident])
    after = [actor for index, actor in claims if index >= first]
    before = [actor for index, actor in claims if index < first]
    if after:
        return after[0]
    return before[-1] if before else None
