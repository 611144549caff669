"""Who an event's sides are, by ACLED's conventions: the crowd protests, civilians are the victims of an
attack on them, a state's forces abroad are external forces, violence by no one named is by an unidentified
armed group, and talks in a foreign capital are with its government."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span

from eventwire.actors import ActorMention, SentenceMentions
from eventwire.actors.countries import country_name, is_capital
from eventwire.actors.dictionary import ceasefire_monitors
from eventwire.actors.generic import group_name, group_noun
from eventwire.article.cues import phrase_pattern, scope_cues, status_cues
from eventwire.detect.weigh import VIOLENT_TYPES
from eventwire.draft import EventDraft
from eventwire.geo import country_location
from eventwire.lang import lexicon
from eventwire.model import ARMED_KINDS

DIPLOMATIC = {"CONSULT", "AGREE", "REQUEST", "AID", "COOPERATE"}
NON_STATE_ARMED = {"rebel group", "political militia", "identity militia"}


def crowd_sides(draft: EventDraft, mentions: SentenceMentions) -> None:
    """The crowd protests (ACLED's "Protesters (Country)"); police who disperse it are the other side."""
    crowd_kinds = {"protesters", "civilians", "rioters"}
    everyone = draft.side1 + draft.side2
    crowd = [m for m in everyone if m.kind in crowd_kinds]
    crowd = crowd or [m for m in mentions.actors if m.kind in {"protesters", "rioters"}]
    others = [m for m in everyone if m.kind not in crowd_kinds]
    if not crowd:  # "powerloom weavers staged a protest": the crowd is unnamed, its organisers associates
        code = draft.location.country if draft.location else None
        crowd = [ActorMention("", "civilians", code, -1, 0, 0, "")]
    # The state's forces face the crowd; a party or group named beside it organised it.
    facing = [m for m in others if m.kind in {"state forces", "external/other forces"}]
    draft.side1 = [_as_crowd(m, draft.sub_event_type) for m in crowd[:1]] + [
        m for m in crowd[1:] + others if m not in facing
    ]
    draft.side2 = facing


def _as_crowd(mention: ActorMention, sub_event_type: str) -> ActorMention:
    """People who demonstrate are protesters (rioters when violent), whatever noun names them."""
    if mention.kind not in {"civilians", "protesters", "rioters"}:
        return mention
    noun = group_noun(
        "rioter" if sub_event_type in {"Violent demonstration", "Mob violence"} else "protester"
    )
    code = mention.country
    return replace(
        mention, name=group_name(noun, country_name(code) if code else None), kind=noun.kind, generic=noun
    )


# Words that say the doers carried guns or bombs, and words of violence done with bare hands, sticks or stones.
WEAPON_WORDS = lexicon("en").phrases("weapon_words")
UNARMED_WORDS = lexicon("en").words("unarmed_violence_words") | lexicon("en").words("mob_cues")


def civilian_doers(draft: EventDraft, sent: Span) -> None:
    """Violence whose doers the text names as ordinary people ("residents", "two men"): with guns they are
    ACLED's unidentified armed group; with fists, sticks or stones a mob, coded as mob violence by rioters.
    A passive subject is a victim, not a doer ("a man was killed in a clash")."""
    doer = draft.side1[0] if draft.side1 else None
    if (
        draft.event_type not in VIOLENT_TYPES
        or doer is None
        or doer.kind != "civilians"
        or doer.generic is None
        or sent.doc[doer.head].dep_ == "nsubjpass"
        or any(is_armed(m) for m in draft.side1 + draft.side2)  # "beaten by police officers"
    ):
        return
    words = [t.lower_ for t in sent]
    if WEAPON_WORDS.occurs_in(words):
        noun = group_noun("gunman")
    elif UNARMED_WORDS.intersection(words) or draft.sub_event_type in {"Attack", "Armed clash"}:
        noun = group_noun("rioter")
        draft.sub_event_type = "Mob violence"
    else:
        return
    code = doer.country
    draft.side1[0] = replace(
        doer, name=group_name(noun, country_name(code) if code else None), kind=noun.kind, generic=noun
    )


def is_armed(mention: ActorMention) -> bool:
    """An actor that carries arms (a government as such does not)."""
    return mention.kind in ARMED_KINDS and not mention.name.startswith("Government of")


def detention_by_armed_group(draft: EventDraft) -> None:
    """Only a state arrests: people a rebel group or militia detains are abducted (ACLED's convention)."""
    if draft.sub_event_type == "Arrests" and draft.side1 and draft.side1[0].kind in NON_STATE_ARMED:
        draft.sub_event_type = "Abduction/forced disappearance"
        draft.plover, draft.mode = "ASSAULT", "abduct"


def opposing_sides(draft: EventDraft) -> None:
    """ "The army and the RSF clashed": two armed groups as joint subjects of a battle fight each other."""
    if draft.side2:
        return
    armed = [m for m in draft.side1 if m.kind in ARMED_KINDS]
    if len(armed) >= 2 and armed[0].name != armed[1].name:
        draft.side2 = [armed[1]]
        draft.side1 = [m for m in draft.side1 if m is not armed[1]]


def civilians(draft: EventDraft) -> ActorMention:
    code = draft.location.country if draft.location else None
    name = group_name(group_noun("civilian"), country_name(code) if code else None)
    toll = draft.fatalities
    mention = toll.mention if toll and toll.mention else ""
    return ActorMention(name, "civilians", code, -1, 0, 0, mention)


def foreign_forces(draft: EventDraft, country: str | None) -> None:
    """A state's forces acting in another country are ACLED's external forces (inter code 8)."""
    place = draft.location.country if draft.location else country
    for mention in draft.side1 + draft.side2:
        if mention.kind == "state forces" and mention.country and place and mention.country != place:
            mention.kind = "external/other forces"


def country_from_actors(draft: EventDraft, country: str | None) -> None:
    """An event no place word locates happens in its armed groups' country ("Houthi forces shelled the
    front"), else in the country whose state forces act, else in the one the article implies ("Lebanese
    truck drivers blocked the bridge"): ACLED codes it to the country (precision 3)."""
    if draft.location is not None or draft.event_type is None:
        return
    actors = draft.side1 + draft.side2
    homes = [m.country for m in actors if m.country and m.kind in NON_STATE_ARMED]
    homes += [m.country for m in actors if m.country and m.kind == "state forces"]
    homes.append(country)
    if home := next((code for code in homes if code), None):
        draft.location = country_location(home)


def monitored_fire(draft: EventDraft, mentions: SentenceMentions) -> None:
    """Fire a ceasefire monitor counted with no side named ("the OSCE SMM observed 15 explosions near
    Komsomolets"): ACLED codes it to one side of the line, by default the watched state's forces."""
    if draft.side1 or draft.event_type not in VIOLENT_TYPES:
        return
    watched = ceasefire_monitors()
    code = next((watched[name] for name, *_ in mentions.sources if name in watched), None)
    if code is not None:
        draft.side1 = [group_actor("soldier", code)]


def unknown_perpetrator(
    draft: EventDraft, mentions: SentenceMentions, country: str | None, sentence_doc=None
) -> None:
    """Violence with no doer in the subject: an armed group named elsewhere in the sentence ("killed by a
    Taliban sniper", "an IED planted by Taliban"), else "Unidentified Armed Group (Country)" as ACLED codes it."""
    if draft.side1 or draft.event_type not in VIOLENT_TYPES:
        return
    victims = {m.name for m in draft.side2}
    armed = [
        m
        for m in mentions.actors
        if m.kind in ARMED_KINDS and m.name not in victims and not is_speaker(m, sentence_doc)
    ]
    if armed:
        draft.side1 = armed[:1]
        return
    code = draft.location.country if draft.location else country
    draft.side1 = [group_actor("gunman", code)]


def is_speaker(mention: ActorMention, doc) -> bool:
    """Whether an actor is only the one who says ("..., police said"): a speaker, not a side."""
    if doc is None or mention.head < 0:
        return False
    head = doc[mention.head]
    verbs = status_cues()["reporting_verbs"]
    return head.dep_ == "nsubj" and head.head.lemma_.lower() in verbs


def group_actor(lemma: str, code: str | None) -> ActorMention:
    """An actor the text implies but does not name, by the group noun it would go by: "gunman" in Nigeria
    is "Unidentified Armed Group (Nigeria)"."""
    noun = group_noun(lemma)
    name = group_name(noun, country_name(code) if code else None)
    return ActorMention(name, noun.kind, code, -1, 0, 0, "", noun)


def host_government(draft: EventDraft) -> None:
    """A visit or talks in a foreign capital are with that country's government."""
    loc = draft.location
    if draft.plover not in DIPLOMATIC or draft.side2 or loc is None or not is_capital(loc.name, loc.country):
        return
    if any(m.country == loc.country for m in draft.side1):
        return
    name = f"Government of {country_name(loc.country)}"
    draft.side2 = [ActorMention(name, "state forces", loc.country, -1, 0, 0, "")]


def armed_agreement(draft: EventDraft, sentence_text: str) -> None:
    """A ceasefire, truce or peace deal between warring sides is ACLED's "Agreement" (a strategic
    development); other agreements (trade, legislation) stay diplomacy outside ACLED's scope."""
    if draft.plover != "AGREE" or draft.in_scope:
        return
    kinds = [m.kind for m in draft.side1 + draft.side2]
    armed = sum(kind in ARMED_KINDS for kind in kinds)
    if phrase_pattern(scope_cues()["armed_agreement_words"]).search(sentence_text) or armed >= 2:
        draft.in_scope, draft.sub_event_type = True, "Agreement"
