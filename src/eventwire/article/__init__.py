"""Whole-article coding: from the mentions of events in an article's sentences to the incidents it reports.

Three passes, each in its own module and each a declared step over an `Article` (see eventwire.steps; the
pipeline lists them with the steps before and after): the status of every mention (`status`, `scope`:
new, background, cumulative, generic, hypothetical, denied, out of scope), the grouping of new mentions
into incidents (`incidents`), and the order of the incidents by salience, main one first (`salience`).
The article's layout (`layout`: headline, dateline, captions) decides which sentences are event text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from eventwire.article.cues import phrase_pattern, status_cues
from eventwire.article.incidents import group_incidents, weak_mention
from eventwire.article.layout import Layout, read_layout
from eventwire.article.parts import mark_totals
from eventwire.article.places import narrow_coarse_places, place_unplaced
from eventwire.article.salience import order_by_salience
from eventwire.article.scope import ScopeReader
from eventwire.article.status import ArticleContext, assign_status
from eventwire.draft import EventDraft
from eventwire.model import Document, Event
from eventwire.nlp import doc_text
from eventwire.settings import Settings
from eventwire.when import find_date_mentions

__all__ = [
    "Article",
    "ArticleInputs",
    "Layout",
    "article_context",
    "group_into_incidents",
    "order_incidents",
    "read_layout",
    "read_statuses",
]


@dataclass(frozen=True)
class ArticleInputs:
    """What every step of an article reads and none changes: the parsed text, the document, the settings."""

    doc: Doc
    document: Document
    settings: Settings


@dataclass
class Article:
    """An article as its steps fill it in: each field is set by the step that declares it (see the
    pipeline's `ARTICLE_STEPS`), from the layout to the events with their confidence."""

    sentences: list[Span] = field(default_factory=list)
    layout: Layout | None = None
    published: dt.date | None = None
    country: str | None = None
    event_places: list = field(default_factory=list)
    drafts: list[EventDraft] = field(default_factory=list)
    context: ArticleContext | None = None
    incidents: list[EventDraft] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def reported(self) -> list[EventDraft]:
        """The incidents reported as new."""
        return [i for i in self.incidents if i.status == "new"]


def article_context(doc: Doc, layout: Layout, published: dt.date | None) -> ArticleContext:
    """What the article as a whole says about its mentions: its date, whether it dates things relative
    to an unstated now, whether it is a trial story, whether it is about an accident."""
    text = doc_text(doc)
    reference = published or (layout.dateline.date if layout.dateline else None)
    relative = reference is None and any(m.anchor_missing for m in find_date_mentions(text, None))
    opening = text[: _opening_end(doc, layout)]
    court = phrase_pattern(status_cues()["court_words"]).findall(opening)
    return ArticleContext(reference, relative, len(court) >= 1, ScopeReader(opening, text), quotations(text))


# A quotation: curly quotes over any text, straight ones within a paragraph.
_QUOTATION = re.compile(r"\u201c[^\u201d]{1,1500}\u201d|\"(?:[^\"\n]|\n(?!\s*\n)){1,1500}\"")


def quotations(text: str) -> tuple[tuple[int, int], ...]:
    """Where direct quotations stand in the text, across sentence ends."""
    return tuple(m.span() for m in _QUOTATION.finditer(text))


def _opening_end(doc: Doc, layout: Layout) -> int:
    """The end of the headline and the lede: the first body sentence after the dateline."""
    for sent in doc.sents:
        if sent.end_char > layout.body_start and sent.text.strip():
            return sent.end_char
    return len(doc_text(doc))


def read_statuses(article: Article, inputs: ArticleInputs) -> None:
    """Every mention's status (new, background, generic ...); a raid told with its arrests is no event,
    nor a toll that sums tolls told place by place after it."""
    for draft in article.drafts:
        assign_status(draft, inputs.doc, article.context)
    _raids_are_arrests(article.drafts)
    mark_totals(article.drafts)


def group_into_incidents(article: Article, inputs: ArticleInputs) -> None:
    """The new mentions grouped into incidents; one told only in the headline, or only pointed back to,
    is not reported among others; what is not reported keeps only the date and place it states."""
    incidents = group_incidents(article.drafts)
    body_places = [p for p in article.event_places if article.layout.kind_at(p.start) == "body"]
    narrow_coarse_places(incidents, article.drafts, body_places, article.sentences, inputs.doc)
    place_unplaced(
        incidents,
        article.drafts,
        article.event_places,
        article.sentences,
        inputs.doc,
        article.layout.dateline,
    )
    reported = [i for i in incidents if i.status == "new"]
    for incident in reported:
        if all(m.position == "headline" for m in incident.mentions) and len(reported) > 1:
            incident.status, incident.status_reason = "generic", "told only in the headline"
        elif _refers_back_only(incident, inputs.doc) and len(reported) > 1:
            incident.status, incident.status_reason = "background", "refers to an incident not told here"
    for other in incidents:
        if other.status != "new":
            _keep_only_stated(other)
    article.incidents = incidents


def order_incidents(article: Article, inputs: ArticleInputs) -> None:
    """The reported incidents, main first; then, marked, the mentions that are not new incidents."""
    others = [i for i in article.incidents if i.status != "new"]
    article.incidents = order_by_salience(article.reported) + others


def _refers_back_only(incident: EventDraft, doc: Doc) -> bool:
    """An incident of body mentions that only point back ("the attack", "his detention") to something the
    article does not tell: known from earlier reports, not reported here."""
    mentions = incident.mentions or [incident]
    return any(m.anaphoric for m in mentions) and all(
        m.position == "body" and weak_mention(m) and _nominal(m, doc) for m in mentions
    )


def _keep_only_stated(draft: EventDraft) -> None:
    """What is not a new incident keeps only the date and place its own sentence states: "the war began
    in 2011" is not moved to the article's town, nor dated to the day of publication."""
    if not draft.place_stated:
        draft.location = None
        draft.evidence.pop("location", None)
    if not draft.date_stated:
        draft.event_date = draft.date_precision = None
        draft.evidence.pop("event_date", None)


def _nominal(draft: EventDraft, doc: Doc) -> bool:
    """Whether a mention's trigger is a noun or an adjective ("the blast", "pronounced dead"): such a
    mention names an incident; a verb ("a bomb exploded") asserts one."""
    return draft.trigger_index is None or doc[draft.trigger_index].pos_ in {"NOUN", "PROPN", "ADJ"}


def _raids_are_arrests(drafts: list[EventDraft]) -> None:
    """ "Police raided the university, arresting 30": the raid is how the arrest was made, not a battle
    of its own, unless someone was killed or hurt in it."""
    arrests = {d.sentence_index for d in drafts if d.sub_event_type == "Arrests" and d.status == "new"}
    raids = phrase_pattern(status_cues()["raid_words"])
    for draft in drafts:
        trigger = draft.evidence.get("plover")
        if (
            draft.sentence_index in arrests
            and draft.plover == "ASSAULT"
            and trigger is not None
            and raids.fullmatch(trigger.text.lower())
            and not (draft.fatalities or draft.injured)
        ):
            draft.status, draft.status_reason = "generic", "a raid to arrest"
