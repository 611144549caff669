"""Assembling one event from a sentence: the candidate's type, its actors, place, date and counts,
each with the words behind it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from eventwire.actors import SentenceMentions, assign_roles, governing_verb
from eventwire.actors.countries import country_name
from eventwire.actors.generic import group_name
from eventwire.article.aspect import is_anaphoric, verb_aspect
from eventwire.article.cues import status_cues
from eventwire.claims import claim_status, reporter
from eventwire.counts import extract_tolls
from eventwire.detect import Candidate
from eventwire.detect.classify import (
    hits_civilian_place,
    most_specific,
    refine_protest,
    refine_violence,
    seizes_goods,
)
from eventwire.detect.learned import TypeModel
from eventwire.detect.weigh import CLASH_WORDS, weighed_sub
from eventwire.draft import EventDraft
from eventwire.geo import event_location
from eventwire.lang import lexicon
from eventwire.model import ARMED_KINDS
from eventwire.nlp import doc_text
from eventwire.sides import (
    armed_agreement,
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
from eventwire.steps import Step, Steps
from eventwire.typology import SUB_PLOVER
from eventwire.when import EARLIEST_EVENT_YEAR, resolve_event_date

# Verbs of running into a bomb: "a vehicle struck / hit / stepped on / drove over a landmine".
RUN_INTO_VERBS = lexicon("en").words("run_into_verbs")
# Nouns naming a demonstration, whose own clauses say what that demonstration was like.
DEMONSTRATION_NOUNS = lexicon("en").words("demonstration_words")

VIOLENT = {"ASSAULT", "PROTEST", "COERCE"}
# "Troops repelled an attack by militants": ACLED's first actor is the side that attacked.
REPEL_VERBS = lexicon("en").words("repel_verbs")
# Words that make what follows the cause of a demonstration (see `_is_grievance`).
_GRIEVANCE_BEFORE = lexicon("en").regex("grievance_before")
# Where the article's body starts (after its headline, byline and dateline), kept on the parsed document.
BODY_START_KEY = "eventwire.body_start"
# How far past its sentence the type model and the toll may read, within the paragraph.
CONTEXT_CHARS = 300
# Words that say the next sentence tells another incident, whose toll is not this event's.
_ANOTHER_INCIDENT = lexicon("en").regex("another_incident")


@dataclass(frozen=True)
class MentionInputs:
    """What the steps of a mention read besides the draft: the candidate, its sentence and what the
    article around it gave (mentions of actors, places, the publication date, the country)."""

    candidate: Candidate
    sent: Span
    mentions: SentenceMentions
    places: list
    published: dt.date | None
    country: str | None
    model: TypeModel | None
    text: str
    trigger: Token


def build_draft(
    candidate: Candidate,
    sent: Span,
    index: int,
    mentions: SentenceMentions,
    places,
    published: dt.date | None,
    country: str | None,
    model: TypeModel | None = None,
    position: str = "body",
) -> EventDraft:
    """One mention of an event: the candidate's type, its sides, date, place, counts and reporter, each
    with the words behind it (the steps of `MENTION_STEPS`). Whether the article reports it as new is
    decided for the whole article."""
    draft = EventDraft(
        candidate.plover,
        candidate.mode,
        candidate.sub_event_type,
        candidate.in_scope,
        index,
        (sent.start_char, sent.end_char, sent.text),
        position=position,
    )
    trigger = sent.doc[candidate.main.root]
    inputs = MentionInputs(
        candidate, sent, mentions, places, published, country, model, doc_text(sent.doc), trigger
    )
    return MENTION_STEPS.run(draft, inputs)


def _read_trigger(draft: EventDraft, inputs: MentionInputs) -> None:
    """The trigger's words as the type's evidence, its verb's aspect, and whether it refers back."""
    main, sent = inputs.candidate.main, inputs.sent
    last = sent.doc[main.end - 1]
    draft.cite("plover", sent.doc[main.start].idx, last.idx + len(last.text), main.text)
    draft.aspect = verb_aspect(inputs.trigger)
    draft.trigger_index = inputs.trigger.i
    draft.anaphoric = is_anaphoric(inputs.trigger)


def _read_sides(draft: EventDraft, inputs: MentionInputs) -> None:
    """Who acted on whom, from the parse; "repelled an attack by" and "struck an IED" turn the sides."""
    trigger, candidate = inputs.trigger, inputs.candidate
    draft.side1, draft.side2 = assign_roles(trigger, inputs.mentions, strategic=candidate.plover is None)
    if trigger.lemma_.lower() in REPEL_VERBS:
        _attackers_first(draft, inputs.mentions)
    elif candidate.mode == "explosives" and _struck(trigger):
        draft.side1, draft.side2 = [], draft.side1  # "an army vehicle struck an IED": the army is hit


def _retype_by_target(draft: EventDraft, inputs: MentionInputs) -> None:
    """An armed clash on a village with no armed side is an attack; a seizure of goods is looting."""
    trigger, candidate = inputs.trigger, inputs.candidate
    if draft.sub_event_type == "Armed clash" and not draft.side2 and hits_civilian_place(trigger):
        draft.sub_event_type, draft.typed_by_rule = "Attack", True
    elif candidate.mode == "seize" and seizes_goods(trigger):
        _as_looting(draft, candidate, inputs.sent)


def _date_step(draft: EventDraft, inputs: MentionInputs) -> None:
    _attach_date(draft, inputs.text, inputs.sent, inputs.published, inputs.trigger)


def _place_step(draft: EventDraft, inputs: MentionInputs) -> None:
    _attach_place(draft, inputs.places, inputs.sent)


def _counts_step(draft: EventDraft, inputs: MentionInputs) -> None:
    """Tolls of violence and of typed events only: a statement's numbers are no casualties."""
    if inputs.candidate.plover in VIOLENT or inputs.candidate.sub_event_type:
        _attach_counts(draft, inputs.text, inputs.sent)


def _type_step(draft: EventDraft, inputs: MentionInputs) -> None:
    _classify(draft, inputs.sent, inputs.mentions, inputs.model)


def _foreign_forces_step(draft: EventDraft, inputs: MentionInputs) -> None:
    if draft.event_type is not None:
        foreign_forces(draft, inputs.country)


def _reporting_step(draft: EventDraft, inputs: MentionInputs) -> None:
    _attach_reporting(draft, inputs.mentions, inputs.sent)


SIDES = ("side1", "side2")
# Set by EventDraft's constructor from the candidate and the sentence.
DRAFT_GIVEN = ("plover", "mode", "sub_event_type", "in_scope", "sentence_index", "sentence", "position")
MENTION_STEPS: Steps[EventDraft, MentionInputs] = Steps.of(
    [
        Step("trigger", _read_trigger, ("plover",), ("evidence", "aspect", "trigger_index", "anaphoric")),
        Step("sides", _read_sides, ("mode",), SIDES),
        Step(
            "retype_by_target",
            _retype_by_target,
            ("sub_event_type", *SIDES),
            ("sub_event_type", "typed_by_rule", "plover", "mode"),
        ),
        Step("date", _date_step, (), ("event_date", "date_precision", "date_stated", "background")),
        Step("place", _place_step, (), ("location", "place_stated")),
        Step("counts", _counts_step, ("plover",), ("fatalities", "injured")),
        Step("side_countries", lambda d, i: _fill_countries(d, i.country), (*SIDES, "location"), SIDES),
        Step(
            "type",
            _type_step,
            (
                "plover",
                "mode",
                "sub_event_type",
                "typed_by_rule",
                "in_scope",
                "fatalities",
                "evidence",
                *SIDES,
            ),
            ("sub_event_type", "plover", "mode", *SIDES),
        ),
        Step(
            "country_from_actors",
            lambda d, i: country_from_actors(d, i.country),
            (*SIDES, "location"),
            ("location",),
        ),
        Step("monitored_fire", lambda d, i: monitored_fire(d, i.mentions), ("sub_event_type", *SIDES), SIDES),
        Step(
            "unknown_perpetrator",
            lambda d, i: unknown_perpetrator(d, i.mentions, i.country, i.sent.doc),
            ("sub_event_type", *SIDES),
            SIDES,
        ),
        Step("foreign_forces", _foreign_forces_step, ("sub_event_type", "location", *SIDES), SIDES),
        Step("host_government", lambda d, i: host_government(d), ("plover", "location", *SIDES), SIDES),
        Step(
            "armed_agreement",
            lambda d, i: armed_agreement(d, i.sent.text),
            ("plover", "in_scope", *SIDES),
            ("sub_event_type", "in_scope"),
        ),
        Step("reporting", _reporting_step, (), ("reported_by", "claim_status", "evidence")),
        Step("actor_evidence", lambda d, i: _cite_actors(d), (*SIDES, "evidence"), ("evidence",)),
    ],
    given=DRAFT_GIVEN,
)


def _attach_date(draft: EventDraft, text: str, sent: Span, published: dt.date | None, trigger: Token) -> None:
    """The event's date: the sentence's own date for the event, not the day its report was made ("said on
    Wednesday") nor a date of another clause ("relatives of a man found dead on 13 January protested");
    failing that, a date earlier in the paragraph or the report's day; failing that, the publication
    date. Only a date the sentence states for the event tells this incident from another."""
    mention = resolve_event_date(
        text, sent.start_char, sent.end_char, published, skip=_other_clause_date_test(trigger)
    )
    stated = mention is not None and mention.start >= sent.start_char
    if mention is None:  # the day of the report, but not the day of an intended act
        mention = resolve_event_date(
            text, sent.start_char, sent.end_char, published, skip=_intended_date_test(trigger)
        )
    if mention is None:
        if published is not None:
            draft.event_date, draft.date_precision = published, "day"
        return
    old_year = (
        mention.precision == "year" and published is not None and mention.date.year < published.year - 1
    )
    draft.background = old_year or mention.date.year < EARLIEST_EVENT_YEAR
    draft.event_date, draft.date_precision = mention.date, mention.precision
    draft.date_stated = stated  # not a date the paragraph gave earlier, nor the day of the report
    draft.cite("event_date", mention.start, mention.end, mention.text)


def _other_clause_date_test(trigger: Token):
    """A test for dates of a sentence that are not its event's: those hanging from a verb of reporting
    ("police said on Wednesday"), or from another verb than the event's own, one the event's words do not
    hang from ("relatives of a man who was found dead on 13 January protested")."""
    doc = trigger.doc
    reporting = frozenset(status_cues()["reporting_verbs"])
    own = governing_verb(trigger)
    path = {own.i, *(t.i for t in own.ancestors)}

    def is_other(mention) -> bool:
        verb = _date_verb(doc, mention)
        if verb is None:
            return False
        if verb.lemma_.lower() in reporting and verb.i != trigger.i:
            return True
        return verb.pos_ in {"VERB", "AUX"} and verb.i not in path

    return is_other


def _date_verb(doc, mention) -> Token | None:
    """The verb a date expression hangs from (the date itself when it heads the sentence)."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return None
    return governing_verb(span.root.head) if span.root.head is not span.root else span.root


def _intended_date_test(trigger: Token):
    """A test for dates of an act the event's verb intends: "the leaders agreed to meet in September",
    "vowed to attack on Friday". The infinitive tells a later act, not the day of the agreement."""
    doc = trigger.doc
    own = governing_verb(trigger)

    def is_intended(mention) -> bool:
        verb = _date_verb(doc, mention)
        return (
            verb is not None
            and verb.i != own.i
            and verb.dep_ == "xcomp"
            and any(t.i == own.i for t in verb.ancestors)
            and any(child.tag_ == "TO" for child in verb.children)
        )

    return is_intended


def _attach_place(draft: EventDraft, places, sent: Span) -> None:
    """The sentence's own place for the event, else the article's; a dateline that opens the sentence
    ("BEIRUT (AP) - A spokesman says ...") is not the sentence's."""
    start = max(sent.start_char, sent.doc.user_data.get(BODY_START_KEY, 0))
    found = event_location(places, start, sent.end_char, sent.doc)
    if found is None:
        return
    draft.location, (start, end) = found
    draft.place_stated = sent.start_char <= start < sent.end_char
    draft.cite("location", start, end, doc_text(sent.doc)[start:end])


def _struck(trigger: Token) -> bool:
    """Whether the bomb is what its victims ran into: "a vehicle struck / hit / stepped on a landmine"."""
    verb = trigger.head
    if trigger.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    return trigger.dep_ in {"dobj", "pobj"} and verb.lemma_.lower() in RUN_INTO_VERBS


def _attackers_first(draft: EventDraft, mentions: SentenceMentions) -> None:
    """ "Troops repelled an attack by militants": the armed side that attacked, named anywhere in the
    sentence, is the first actor; the defenders are the second."""
    defenders = {m.name for m in draft.side1}
    attackers = draft.side2 or [
        m for m in mentions.actors if m.kind in ARMED_KINDS and m.name not in defenders
    ]
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
    other = _earlier_demonstrations(sent, draft.trigger_index) if draft.plover == "PROTEST" else set()
    if draft.plover == "PROTEST":
        draft.sub_event_type = refine_protest(
            {t.lower_ for t in sent if t.i not in other}, killed, draft.mode
        )
    elif draft.plover == "ASSAULT":
        draft.sub_event_type = refine_violence(draft.sub_event_type, kind1, kind2, victims or killed)
    trigger = draft.evidence["plover"].text if "plover" in draft.evidence else ""
    if draft.in_scope and not draft.typed_by_rule:
        context = _without(_context(sent), sent, other)
        chosen = weighed_sub(draft.sub_event_type, draft.plover, trigger, context, model, sent)
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


def _earlier_demonstrations(sent: Span, trigger_index: int | None) -> set[int]:
    """Tokens of a clause telling what another demonstration was like: "activists protested by re-enacting
    scenes from a demonstration they staged in May that turned into a violent clash with police" is no
    riot. A clause on the protest itself ("a march that turned violent") or on its crowd stays."""
    dropped: set[int] = set()
    for token in sent:
        head = token.head
        if (
            token.dep_ == "relcl"
            and head.i != trigger_index
            and head.pos_ == "NOUN"
            and head.lemma_.lower() in DEMONSTRATION_NOUNS
        ):
            dropped |= {t.i for t in token.subtree}
    return dropped


def _without(context: str, sent: Span, tokens: set[int]) -> str:
    """The context with the sentence's given tokens left out."""
    if not tokens:
        return context
    kept = "".join(t.text_with_ws for t in sent if t.i not in tokens)
    return kept + context[len(sent.text) :]


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
