"""What each event mention is to the article: an incident it reports, or something else.

News recalls earlier attacks for context ("It was the fifth attack on police this month"), sums campaigns
("More than 20,000 people have died in the PKK's 12-year fight"), generalises ("gunmen have killed with
impunity for years"), retells a trial, and reports accidents, disasters and ordinary crime that ACLED
leaves out. Only mentions that report an incident of their own are `new`. The cue words are in
`data/article.yaml`; the order of the checks is the order in which one cue overrides another.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from eventwire.article.cues import phrase_pattern, status_cues
from eventwire.article.scope import CATEGORIES, NEVER_POLITICAL, ScopeReader
from eventwire.draft import EventDraft
from eventwire.lang import lexicon
from eventwire.model import ARMED_KINDS, MentionStatus

# Endings of ordinal numbers written as words ("ninth", "fourth", "second", "third", "1st").
ORDINAL_SUFFIXES = lexicon("en").entries("ordinal_suffixes")
# Prepositions after a verb of talk that make its object the topic ("complained about the raids").
TALK_PREPOSITIONS = lexicon("en").words("talk_prepositions")

# Clause heads: walking up from a trigger stops at the verb that heads its clause.
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "acl", "conj", "parataxis", "xcomp", "pcomp"})


@dataclass(frozen=True)
class ArticleContext:
    """What the whole article says that a mention's status depends on."""

    reference_date: dt.date | None  # the story's own date: publication or dateline
    has_relative_dates: bool  # "on Wednesday", "yesterday": the story's now is relative
    court_story: bool  # a trial or inquiry story: the violence it retells is its subject
    scope: ScopeReader
    quotes: tuple[tuple[int, int], ...] = ()  # direct quotations, across sentences


@dataclass(frozen=True)
class Verdict:
    status: MentionStatus
    reason: str | None = None


NEW = Verdict("new")
# The reason given for words inside a quotation: they may still tell more of a reported incident.
QUOTED = "quoted"


def assign_status(draft: EventDraft, doc: Doc, context: ArticleContext) -> None:
    verdict = mention_status(draft, doc, context)
    draft.status, draft.status_reason = verdict.status, verdict.reason


def mention_status(draft: EventDraft, doc: Doc, context: ArticleContext) -> Verdict:
    """The status of one mention, with the words that gave it."""
    trigger = doc[draft.trigger_index] if draft.trigger_index is not None else None
    sentence = doc.char_span(draft.sentence[0], draft.sentence[1], alignment_mode="expand")
    clause = clause_of(trigger) if trigger is not None else sentence
    for check in (
        _not_an_event,
        _quoted,
        _out_of_scope,
        _denied,
        _hypothetical,
        _running_toll,
        _background,
        _cumulative,
        _generic,
    ):
        verdict = check(draft, trigger, sentence, clause, context)
        if verdict is not None:
            return verdict
    return NEW


def clause_of(trigger: Token) -> Span:
    """The clause a trigger stands in: the subtree of the verb that heads it."""
    current = trigger
    for _ in range(6):
        if current.dep_ in _CLAUSE_DEPS and current.pos_ in {"VERB", "AUX"} or current.head is current:
            break
        current = current.head
    left, right = current.left_edge.i, current.right_edge.i + 1
    return trigger.doc[left:right]


def own_clause_text(trigger: Token, clause: Span) -> str:
    """The clause's text without the clauses joined to it that do not hold the trigger: in "a bomb was
    thrown into the grounds but no one was hurt", "no one was hurt" says nothing of the throwing."""
    joined = [
        child
        for token in clause
        for child in token.children
        if child.dep_ == "conj"
        and child.pos_ in {"VERB", "AUX"}
        and not child.left_edge.i <= trigger.i <= child.right_edge.i
    ]
    dropped = {t.i for child in joined for t in child.subtree}
    return "".join(t.text_with_ws for t in clause if t.i not in dropped)


# Entity labels whose words are names, not events ("police spokesman Umar Shelling", "the Air Force").
_NAME_LABELS = frozenset({"PERSON", "ORG", "FAC", "WORK_OF_ART", "LAW", "PRODUCT", "EVENT"})


def _not_an_event(draft, trigger, sentence, clause, context) -> Verdict | None:
    """A trigger word that is part of a name or of a compound naming a tool or a unit ("riot police",
    "attack helicopter", "war crimes")."""
    if trigger is None:
        return None
    if trigger.ent_type_ in _NAME_LABELS and trigger.text[:1].isupper() and not trigger.text.isupper():
        return Verdict("generic", f"name: {trigger.text}")
    compounds = status_cues()["not_event_compounds"].get(trigger.lemma_.lower())
    if compounds:
        following = trigger.doc[trigger.i + 1 : trigger.i + 3].text.lower()
        if any(following == c or following.startswith(c + " ") for c in compounds):
            return Verdict("generic", f"{trigger.text} {following.split()[0]}")
    return None


def _quoted(draft, trigger, sentence, clause, context: ArticleContext) -> Verdict | None:
    """Words inside a quotation that runs over several sentences ("... I don't know if he is alive or
    dead."): a speaker's words, not the article's report."""
    if trigger is None:
        return None
    inside = any(start < trigger.idx < end for start, end in context.quotes)
    return Verdict("generic", QUOTED) if inside else None


def _out_of_scope(draft, trigger, sentence, clause, context: ArticleContext) -> Verdict | None:
    """Accidents, disasters, ordinary crime, police work, sport; but never violence by an armed group the
    text names ("G9 gang members attacked a police station": G9 is a political militia)."""
    if draft.position == "headline" and not draft.in_scope:
        return None
    if any(m.generic is None and m.kind in ARMED_KINDS - {"state forces"} for m in draft.side1 + draft.side2):
        return None
    if draft.sub_event_type in status_cues()["vague_strategic_types"] and not _armed_doer(draft):
        return Verdict("out_of_scope", "no armed actor")
    crowd = draft.sub_event_type == "Mob violence"  # mob justice on a thief is ACLED's; a flood is not
    if draft.plover != "ASSAULT" and not crowd:
        return None  # a protest over domestic violence is a protest
    found = context.scope.outside(sentence.text, NEVER_POLITICAL if crowd else CATEGORIES)
    return Verdict("out_of_scope", found) if found else None


def _armed_doer(draft: EventDraft) -> bool:
    """An armed group, a state's forces or a government among the sides, named or described."""
    return any(m.kind in ARMED_KINDS for m in draft.side1 + draft.side2)


def _denied(draft, trigger, sentence, clause, context) -> Verdict | None:
    """ "The army denied that guerrillas attacked the farm", "dismissed reports of clashes", "No one was
    hurt"."""
    if trigger is None:
        return None
    negation = phrase_pattern(status_cues()["negation_words"]).search(own_clause_text(trigger, clause))
    if negation and draft.plover == "ASSAULT" and not (draft.fatalities and draft.fatalities.best):
        return Verdict("denied", negation.group(0))
    verbs = set(status_cues()["denial_verbs"])
    for ancestor in _ancestors(trigger, 4):
        if ancestor.lower_ in verbs or ancestor.lemma_.lower() in verbs:
            return Verdict("denied", ancestor.text)
    return None


def _hypothetical(draft, trigger, sentence, clause, context) -> Verdict | None:
    """A mention under a modal ("could attack", "rallies would be held"), an infinitive of intent
    ("working to seize", "Palestinians to strike") or a noun that is what someone pushes or calls for
    ("pushes for a quick military withdrawal"). A protest's purpose ("gathered to protest") is real."""
    if trigger is None:
        return None
    if draft.aspect == "modal":
        modal = next((c.text for v in (trigger, trigger.head) for c in v.children if c.tag_ == "MD"), "modal")
        return Verdict("hypothetical", modal)
    intent = phrase_pattern(status_cues()["intent_words"])
    purpose = draft.plover != "PROTEST" or draft.position == "headline"  # "gathered to protest" is real
    done = trigger.head.lemma_.lower() in status_cues()["done_infinitive_heads"]  # "forced to flee"
    if draft.aspect == "infinitive" and purpose and not done:
        return Verdict("hypothetical", "to " + trigger.text)
    prevented = _prevented_by(trigger)
    if prevented is not None:
        return Verdict("hypothetical", prevented)
    if trigger.pos_ == "NOUN" and trigger.dep_ in {"dobj", "pobj"}:
        verb = trigger.head.head if trigger.dep_ == "pobj" else trigger.head
        words = f"{verb.lower_} {trigger.head.lower_}" if trigger.dep_ == "pobj" else verb.lower_
        if intent.fullmatch(words) or intent.fullmatch(verb.lower_):
            return Verdict("hypothetical", words)
    return None


def _prevented_by(trigger: Token) -> str | None:
    """The words that keep an act from happening: "to stop the kidnappers from fleeing", "barred
    them from marching"; None when nothing does."""
    if trigger.dep_ not in {"pcomp", "pobj"} or trigger.tag_ != "VBG" or trigger.head.lower_ != "from":
        return None
    verb = trigger.head.head
    if verb.lemma_.lower() in status_cues()["prevention_verbs"]:
        return f"{verb.text} ... from {trigger.text}"
    return None


def _background(draft, trigger, sentence, clause, context: ArticleContext) -> Verdict | None:
    """An earlier incident: dated before the story's days, in a clause that recalls an earlier time, or
    retold in a trial story."""
    if draft.position == "headline":
        return None
    date_words = draft.evidence.get("event_date")
    if draft.background:
        return Verdict("background", date_words.text if date_words else None)
    if draft.date_stated and draft.position == "body" and _dated_before(draft, context):
        # the lede's date is the story's, however late the report ("On 21 March, soldiers killed ...")
        return Verdict("background", date_words.text if date_words else None)
    if draft.position != "body":
        return None  # the lede tells the story's incident, whatever it recalls around it
    found = phrase_pattern(status_cues()["background_words"]).search(clause.text)
    if found and not draft.anaphoric:  # "Monday night's attack was the third in the past week"
        return Verdict("background", found.group(0))
    if trigger is not None and (earlier := _time_before(trigger)):
        return Verdict("background", earlier)
    if draft.aspect == "pluperfect" and not draft.date_stated and not _reported(trigger):
        return Verdict("background", "had")  # "had been shelling", said someone: the report's tense
    if draft.plover == "ASSAULT":  # the violence a trial is about, retold; an arrest is news
        court = phrase_pattern(status_cues()["court_words"]).search(sentence.text)
        if court or context.court_story:
            return Verdict("background", court.group(0) if court else "trial")
    return None


def _reported(trigger: Token | None) -> bool:
    """Whether the mention stands in what someone said ("X said troops had been shelling")."""
    if trigger is None:
        return False
    verbs = set(status_cues()["reporting_verbs"])
    return any(a.lemma_.lower() in verbs for a in _ancestors(trigger, 5))


def _time_before(trigger: Token) -> str | None:
    """A mention placed a span of time before another event: "came a week after 44 people were killed",
    "two days after the bombing"."""
    for ancestor in [trigger, *_ancestors(trigger, 3)]:
        if ancestor.lower_ in {"after", "following"} and _time_span(ancestor):
            return f"{_time_span(ancestor)} {ancestor.text}"
        marker = next((c for c in ancestor.children if c.dep_ == "mark" and c.lower_ == "after"), None)
        if marker is not None and (span := _time_span(ancestor) or _time_span(marker)):
            return f"{span} {marker.text}"
    return None


def _time_span(token: Token) -> str | None:
    """The span of time a word is measured by ("a week", "two days"), from its npadvmod child."""
    span = next((c for c in token.children if c.dep_ == "npadvmod"), None)
    return token.doc[span.left_edge.i : span.i + 1].text if span is not None else None


def _dated_before(draft: EventDraft, context: ArticleContext) -> bool:
    """Whether the mention's own date lies before the days the story reports."""
    date, precision, reference = draft.event_date, draft.date_precision, context.reference_date
    if date is None:
        return False
    if reference is None:
        words = draft.evidence.get("event_date")
        explicit_year = bool(words and re.search(r"\b(1[89]|20)\d\d\b", words.text))
        return explicit_year and context.has_relative_dates
    if precision == "day":
        return (reference - date).days > status_cues()["background_after_days"]
    if precision == "week":
        return (reference - date).days > status_cues()["background_after_days"]
    if precision == "month":
        return (date.year, date.month) < (reference.year, reference.month)
    return date.year < reference.year


def _running_toll(draft, trigger, sentence, clause, context) -> Verdict | None:
    """A mention whose only toll is a running total ("the war ... has killed more than 350,000") sums a
    campaign, whenever the campaign began."""
    if draft.fatalities is not None and draft.fatalities.cumulative:
        return Verdict("cumulative", draft.fatalities.mention)
    return None


def _cumulative(draft, trigger, sentence, clause, context) -> Verdict | None:
    """A running or campaign total, or the campaign itself: "the death toll reaching 56", "has killed
    more than 800 people over four decades", "in the PKK's 12-year-old fight"."""
    if draft.position == "headline":
        return None
    text = clause.text
    for pattern in _cumulative_patterns():
        found = pattern.search(text)
        if found:
            return Verdict("cumulative", found.group(0))
    found = phrase_pattern(status_cues()["cumulative_words"]).search(text)
    if (
        found
        and draft.position == "body"
        and (draft.aspect == "perfect" or draft.fatalities is not None or draft.injured is not None)
    ):
        return Verdict("cumulative", found.group(0))
    if trigger is not None and draft.aspect == "perfect":
        campaign = _campaign_subject(trigger)
        if campaign is None and trigger.lemma_.lower() in status_cues()["campaign_nouns"]:
            campaign = trigger.text  # "300 people have died in political unrest"
        if campaign:
            return Verdict("cumulative", campaign)
    return None


@lru_cache(maxsize=1)
def _cumulative_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in status_cues()["cumulative_patterns"])


def _campaign_subject(trigger: Token) -> str | None:
    """The war or campaign that a perfect-tense verb's subject names ("the conflict ... has killed")."""
    verb = trigger if trigger.pos_ in {"VERB", "AUX"} else trigger.head
    campaign = set(status_cues()["campaign_nouns"])
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and child.lemma_.lower() in campaign:
            return child.text
    if verb.dep_ == "relcl" and verb.head.lemma_.lower() in campaign:
        return verb.head.text
    return None


def _generic(draft, trigger, sentence, clause, context) -> Verdict | None:
    """Habitual or general talk of violence, a series rather than one incident, or a bare noun that
    nothing dates, places, names or counts ("A high-stakes fight.")."""
    found = phrase_pattern(status_cues()["generic_words"]).search(clause.text)
    if found and draft.position == "body":
        return Verdict("generic", found.group(0))
    if trigger is not None and _in_series(trigger):
        return Verdict("generic", trigger.head.head.text)
    if trigger is not None and _topic_of_talk(trigger):
        return Verdict("generic", trigger.head.text)
    if trigger is not None and (target := _abstract_target(trigger)):
        return Verdict("generic", f"against {target}")
    if draft.position != "body":
        return None
    if draft.aspect == "nominal" and trigger is not None and trigger.pos_ == "NOUN" and _unanchored(draft):
        return Verdict("generic", trigger.text if trigger is not None else None)
    if draft.aspect == "present" and not draft.date_stated and _describes(trigger):
        return Verdict("generic", trigger.text)  # "a militia which fights the PKK"
    return None


def _describes(trigger: Token | None) -> bool:
    """A verb in a clause that describes someone ("a militia which fights the PKK"), not one that
    reports."""
    return trigger is not None and trigger.dep_ in {"relcl", "acl"}


def _in_series(trigger: Token) -> bool:
    """ "a spate of attacks", "six days of fighting", "the number of killings": the trigger names a series
    or a span; but "the latest in a wave of attacks" and "the ninth day of their protest" are today's."""
    head = trigger.head
    if not (trigger.dep_ == "pobj" and head.lower_ == "of"):
        return False
    series = head.head
    if series.lemma_.lower() not in set(status_cues()["series_nouns"]):
        return False
    return not any(_today(c) for c in series.children)


def _today(modifier: Token) -> bool:
    """ "latest", "ninth", "fourth straight", "another": the series' member of today."""
    word = modifier.lower_
    return word in set(status_cues()["today_words"]) or (
        modifier.tag_ == "JJ" and word.endswith(ORDINAL_SUFFIXES)
    )


def _topic_of_talk(trigger: Token) -> bool:
    """ "plays down the attack", "investigating the shooting", "accuses the government of killing",
    "complained about the raids": the event is what is talked about."""
    verb, via = trigger.head, None
    if trigger.dep_ in {"pobj", "pcomp"} and verb.lower_ in TALK_PREPOSITIONS:
        via, verb = verb.lower_, verb.head
    elif trigger.dep_ != "dobj":
        return False
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    pattern = phrase_pattern(status_cues()["topic_verbs"])
    words = " ".join([verb.lower_, *particles])
    return bool(pattern.fullmatch(words) or (via and pattern.fullmatch(f"{words} {via}")))


def _abstract_target(trigger: Token) -> str | None:
    """ "the fight against terrorism", "war on drugs": a policy, not an armed event."""
    for prep in trigger.children:
        if prep.dep_ == "prep" and prep.lower_ in {"against", "on"}:
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            for obj in objects:
                words = trigger.doc[obj.left_edge.i : obj.i + 1].text
                if phrase_pattern(status_cues()["abstract_targets"]).search(words):
                    return obj.text
    return None


def _unanchored(draft: EventDraft) -> bool:
    named = any(m.generic is None for m in draft.side1 + draft.side2)
    return not (named or draft.place_stated or draft.date_stated or draft.fatalities or draft.injured)


def _ancestors(token: Token, steps: int) -> list[Token]:
    found, current = [], token
    for _ in range(steps):
        if current.head is current:
            break
        current = current.head
        found.append(current)
    return found
