"""Assembling one event from a sentence: the candidate's type, its actors, place, date and counts,
each with the words behind it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from eventwire.actors import ActorMention, SentenceMentions, assign_roles
from eventwire.actors.countries import country_name
from eventwire.actors.generic import group_name
from eventwire.claims import claim_status, reporter
from eventwire.counts import extract_tolls
from eventwire.detect import Candidate
from eventwire.detect.classify import (
    SUB_PLOVER,
    event_type_of,
    hits_civilian_place,
    most_specific,
    refine_protest,
    refine_violence,
    seizes_goods,
)
from eventwire.detect.learned import TypeModel
from eventwire.detect.weigh import CLASH_WORDS, weighed_sub
from eventwire.geo import event_location
from eventwire.model import ARMED_KINDS, Actor, Event, Evidence, Location, Source, Toll
from eventwire.model import Span as TextSpan
from eventwire.nlp import doc_text
from eventwire.notes import summarise
from eventwire.settings import Settings
from eventwire.sides import (
    civilian_doers,
    civilians,
    country_from_actors,
    crowd_sides,
    detention_by_armed_group,
    foreign_forces,
    host_government,
    monitored_fire,
    opposing_sides,
    unknown_perpetrator,
)
from eventwire.when import EARLIEST_EVENT_YEAR, resolve_event_date

VIOLENT = {"ASSAULT", "PROTEST", "COERCE"}
# "Troops repelled an attack by militants": ACLED's first actor is the side that attacked.
REPEL_VERBS = frozenset({"repel", "repulse", "thwart", "foil"})
# Words that make what follows the cause of a demonstration (see `_is_grievance`).
_GRIEVANCE_BEFORE = re.compile(
    r"\b(?:against|over|after|following|condemn\w*|denounc\w*|repudiat\w*|protest\w*|justice|demand\w*"
    r"|anger|mourn\w*|memorial|vigil|relatives|famil(?:y|ies)|friends|supporters|memory|burial|investigat\w*"
    r"|case|murdered|honou?r\w*)\b(?:(?!\b(?:leading to|resulting in|causing)\b)[^.;])*\Z",
    re.IGNORECASE,
)
# How far past its sentence the type model and the toll may read, within the paragraph.
CONTEXT_CHARS = 300
# Words that say the next sentence tells another incident, whose toll is not this event's.
_ANOTHER_INCIDENT = re.compile(
    r"\b(separate(ly)?|another|elsewhere|meanwhile|earlier|previous(ly)?|also|since|so far|in total|overall)\b",
    re.IGNORECASE,
)


@dataclass
class EventDraft:
    """An event under construction: mutable while the article is read, frozen into an `Event` at the end."""

    plover: str | None
    mode: str | None
    sub_event_type: str | None
    in_scope: bool
    sentence_index: int
    sentence: tuple[int, int, str]
    side1: list[ActorMention] = field(default_factory=list)
    side2: list[ActorMention] = field(default_factory=list)
    location: Location | None = None
    event_date: dt.date | None = None
    date_precision: str | None = None
    fatalities: Toll | None = None
    injured: Toll | None = None
    reported_by: str | None = None
    claim_status: str | None = None
    evidence: dict[str, Evidence] = field(default_factory=dict)
    background: bool = False
    # The rules' type is certain (an attack on a village with no armed side): the model does not weigh in.
    typed_by_rule: bool = False

    def cite(self, name: str, start: int, end: int, text: str) -> None:
        """Record the words behind a field; the first citation of a field stays."""
        self.evidence.setdefault(name, Evidence(field=name, start=start, end=end, text=text))

    @property
    def event_type(self) -> str | None:
        return event_type_of(self.sub_event_type) if self.in_scope else None

    def keep(self, settings: Settings) -> bool:
        if self.background:
            return False
        if (
            self.fatalities is not None
            and self.fatalities.cumulative
            and self.plover == "ASSAULT"
            and not (self.side1 or self.location)
        ):
            return False
        return settings.include_out_of_scope or self.event_type is not None

    def confidence(self) -> float:
        """A plain score of how complete the event is; not a calibrated probability."""
        score = 0.4
        score += 0.15 if self.side1 else 0
        score += 0.1 if self.side2 else 0
        score += 0.15 if self.location else 0
        score += 0.1 if self.event_date else 0
        score += 0.1 if self.fatalities is not None else 0
        return round(min(score, 1.0), 2)

    def to_event(self, doc_id: str, number: int, source: Source) -> Event:
        actor1, assoc1 = _split(self.side1)
        actor2, assoc2 = _split(self.side2)
        event = Event(
            event_id=f"{doc_id}-{number + 1}",
            doc_id=doc_id,
            event_date=self.event_date,
            date_precision=self.date_precision,
            plover=self.plover,
            plover_mode=self.mode,
            event_type=self.event_type,
            sub_event_type=self.sub_event_type if self.event_type else None,
            actor1=actor1,
            assoc_actor_1=assoc1,
            actor2=actor2,
            assoc_actor_2=assoc2,
            location=self.location,
            fatalities=self.fatalities,
            injured=self.injured,
            reported_by=self.reported_by,
            claim_status=self.claim_status,
            sources=[source] if (source.publisher or source.url or source.published) else [],
            evidence=sorted(self.evidence.values(), key=lambda e: (e.start, e.field)),
            confidence=self.confidence(),
            sentence=TextSpan(start=self.sentence[0], end=self.sentence[1], text=self.sentence[2]),
        )
        return event.model_copy(update={"notes": summarise(event)})


def _split(side: list[ActorMention]) -> tuple[Actor | None, list[Actor]]:
    actors = [Actor(name=m.name, mention=m.text, kind=m.kind, country=m.country) for m in side]
    return (actors[0] if actors else None), actors[1:]


def build_draft(
    candidate: Candidate,
    sent: Span,
    index: int,
    mentions: SentenceMentions,
    places,
    published: dt.date | None,
    country: str | None,
    model: TypeModel | None = None,
) -> EventDraft | None:
    """One event draft from a candidate, or None when the sentence only tells background."""
    text = doc_text(sent.doc)
    draft = EventDraft(
        candidate.plover,
        candidate.mode,
        candidate.sub_event_type,
        candidate.in_scope,
        index,
        (sent.start_char, sent.end_char, sent.text),
    )
    main = candidate.main
    last = sent.doc[main.end - 1]
    draft.cite("plover", sent.doc[main.start].idx, last.idx + len(last.text), main.text)
    trigger_token = sent.doc[main.root]
    draft.side1, draft.side2 = assign_roles(trigger_token, mentions, strategic=candidate.plover is None)
    if trigger_token.lemma_.lower() in REPEL_VERBS:
        _attackers_first(draft, mentions)
    elif candidate.mode == "explosives" and _struck(trigger_token):
        draft.side1, draft.side2 = [], draft.side1  # "an army vehicle struck an IED": the army is hit
    if draft.sub_event_type == "Armed clash" and not draft.side2 and hits_civilian_place(trigger_token):
        draft.sub_event_type, draft.typed_by_rule = "Attack", True
    elif candidate.mode == "seize" and seizes_goods(trigger_token):
        _as_looting(draft, candidate, sent)
    _attach_date(draft, text, sent, published)
    if draft.background:
        return None
    _attach_place(draft, places, sent)
    if candidate.plover in VIOLENT or candidate.sub_event_type:
        _attach_counts(draft, text, sent)
    _fill_countries(draft, country)
    _classify(draft, sent, mentions, model)
    country_from_actors(draft, country)
    monitored_fire(draft, mentions)
    unknown_perpetrator(draft, mentions, country)
    if draft.event_type is not None:
        foreign_forces(draft, country)
    host_government(draft)
    _attach_reporting(draft, mentions, sent)
    _cite_actors(draft)
    return draft


def _attach_date(draft: EventDraft, text: str, sent: Span, published: dt.date | None) -> None:
    mention = resolve_event_date(text, sent.start_char, sent.end_char, published)
    if mention is None:
        if published is not None:
            draft.event_date, draft.date_precision = published, "day"
        return
    old_year = (
        mention.precision == "year" and published is not None and mention.date.year < published.year - 1
    )
    if old_year or mention.date.year < EARLIEST_EVENT_YEAR:
        draft.background = True
        return
    draft.event_date, draft.date_precision = mention.date, mention.precision
    draft.cite("event_date", mention.start, mention.end, mention.text)


def _attach_place(draft: EventDraft, places, sent: Span) -> None:
    found = event_location(places, sent.start_char, sent.end_char, sent.doc)
    if found is None:
        return
    draft.location, (start, end) = found
    draft.cite("location", start, end, doc_text(sent.doc)[start:end])


def _struck(trigger: Token) -> bool:
    """Whether the bomb is what its victims ran into: "a vehicle struck / hit / stepped on a landmine"."""
    verb = trigger.head
    if trigger.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    return trigger.dep_ in {"dobj", "pobj"} and verb.lemma_.lower() in {"strike", "hit", "step", "run", "drive"}


def _attackers_first(draft: EventDraft, mentions: SentenceMentions) -> None:
    """ "Troops repelled an attack by militants": the armed side that attacked, named anywhere in the
    sentence, is the first actor; the defenders are the second."""
    defenders = {m.name for m in draft.side1}
    attackers = draft.side2 or [m for m in mentions.actors if m.kind in ARMED_KINDS and m.name not in defenders]
    if attackers:
        draft.side1, draft.side2 = attackers[:1], draft.side1


def _attach_counts(draft: EventDraft, text: str, sent: Span) -> None:
    """The toll in the event's sentence, else in the rest of its paragraph ("... exchanged fire with police.
    The trafficker was killed."), unless the paragraph moves on to another incident."""
    tolls = extract_tolls(text, sent.start_char, sent.end_char)
    if tolls.killed is None:
        start, end = _paragraph_after(sent)
        if end > start and not _ANOTHER_INCIDENT.search(text, start, end):
            later = extract_tolls(text, start, end)
            tolls = replace(tolls, killed=later.killed) if later.killed else tolls
    for name in ("fatalities", "injured"):
        toll = getattr(tolls, "killed" if name == "fatalities" else "injured")
        if toll is None or (draft.plover == "PROTEST" and _is_grievance(text, sent.start_char, toll.start)):
            continue
        setattr(draft, name, toll.to_toll())
        draft.cite(name, toll.start, toll.end, text[toll.start : toll.end])


def _is_grievance(text: str, sentence_start: int, toll_start: int) -> bool:
    """A toll a demonstration is about, not one it suffered: "protested against the killing of a man",
    "relatives of a woman who was killed", "marched after a student was shot dead"."""
    return bool(_GRIEVANCE_BEFORE.search(text[max(sentence_start, toll_start - 80) : toll_start]))


def _fill_countries(draft: EventDraft, country: str | None) -> None:
    """Role nouns without a country word take the event's country ("gunmen" in Kenya)."""
    place_country = draft.location.country if draft.location else None
    code = place_country or country
    if code is None:
        return
    for mention in draft.side1 + draft.side2:
        if mention.generic is not None and mention.country is None:
            mention.country = code
            mention.name = group_name(mention.generic, country_name(code))


def _as_looting(draft: EventDraft, candidate: Candidate, sent: Span) -> None:
    """A seizure of goods is looting, not territory: the candidate's other violence names the event if
    there is any ("abducted a group and seized 12 phones"), else the looting does, whatever the model.
    The doers ("gunmen seized a vehicle") are no other violence."""
    others = [
        t.type.sub_event_type
        for t in candidate.triggers
        if t.type.mode != "seize" and sent.doc[t.root].dep_ not in {"nsubj", "nsubjpass"}
    ]
    draft.sub_event_type = most_specific(others) or "Looting/property destruction"
    draft.typed_by_rule = not any(others)
    draft.plover, draft.mode = SUB_PLOVER[draft.sub_event_type]


def _classify(draft: EventDraft, sent: Span, mentions: SentenceMentions, model: TypeModel | None) -> None:
    """The rules' sub-event type, weighed against the learned model's; then the sides that type implies."""
    kind1 = draft.side1[0].kind if draft.side1 else None
    kind2 = draft.side2[0].kind if draft.side2 else None
    killed = bool(draft.fatalities and draft.fatalities.best)
    victims = bool(draft.fatalities and (draft.fatalities.civilians or draft.fatalities.children))
    if draft.plover == "PROTEST":
        draft.sub_event_type = refine_protest({t.lower_ for t in sent}, killed, draft.mode)
    elif draft.plover == "ASSAULT":
        draft.sub_event_type = refine_violence(draft.sub_event_type, kind1, kind2, victims or killed)
    trigger = draft.evidence["plover"].text if "plover" in draft.evidence else ""
    if draft.in_scope and not draft.typed_by_rule:
        chosen = weighed_sub(draft.sub_event_type, draft.plover, trigger, _context(sent), model, sent)
        if chosen != draft.sub_event_type:
            draft.sub_event_type = chosen
            draft.plover, draft.mode = SUB_PLOVER.get(chosen, (draft.plover, draft.mode))
    if is_one_sided(draft, trigger):
        draft.sub_event_type = "Attack"  # one side is unarmed: however the wording reads, not a battle
    civilian_doers(draft, sent)
    detention_by_armed_group(draft)
    if draft.event_type in {"Protests", "Riots"}:
        crowd_sides(draft, mentions)
    elif victims and not draft.side2 and draft.sub_event_type in {"Attack", "Air/drone strike"}:
        draft.side2 = [civilians(draft)]
    elif draft.event_type == "Battles":
        opposing_sides(draft)


def is_one_sided(draft: EventDraft, trigger: str) -> bool:
    """An "armed clash" whose other side the text names as civilians and whose words do not say both
    sides fought ("soldiers killed a shepherd", not "two families exchanged fire")."""
    return (
        draft.sub_event_type == "Armed clash"
        and bool(draft.side2)
        and draft.side2[0].kind == "civilians"
        and not trigger.lower().startswith(CLASH_WORDS)
    )


def _paragraph_after(sent: Span) -> tuple[int, int]:
    """Offsets of what follows the sentence in its paragraph, up to `CONTEXT_CHARS`."""
    text = doc_text(sent.doc)
    body_end = sent.start_char + len(sent.text.rstrip())  # a sentence may end with the line break
    limit = min(len(text), body_end + CONTEXT_CHARS)
    paragraph_end = text.find("\n", body_end, limit)
    return body_end, paragraph_end if paragraph_end != -1 else limit


def _context(sent: Span) -> str:
    """The sentence and what follows it in its paragraph: the type often shows in the next words
    ("... fired on the crowd. Two protesters died.")."""
    return doc_text(sent.doc)[sent.start_char : _paragraph_after(sent)[1]]


def _attach_reporting(draft: EventDraft, mentions: SentenceMentions, sent: Span) -> None:
    found = reporter(mentions)
    if found is not None:
        name, start, end, words = found
        draft.reported_by = name
        draft.cite("reported_by", start, end, words)
    draft.claim_status = claim_status(sent, draft.reported_by)


def _cite_actors(draft: EventDraft) -> None:
    for name, side in (("actor1", draft.side1[:1]), ("actor2", draft.side2[:1])):
        for mention in side:
            if mention.end > mention.start:
                draft.cite(name, mention.start, mention.end, mention.text)
