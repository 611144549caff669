"""The pipeline: text -> spaCy doc -> per-sentence event candidates -> events with actors, place, date,
counts and evidence -> events merged within the article and ordered by salience."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span

from eventwire.actors import find_mentions
from eventwire.article import (
    Article,
    ArticleInputs,
    Layout,
    article_context,
    group_into_incidents,
    order_incidents,
    read_layout,
    read_statuses,
)
from eventwire.article.confidence import calibrated_confidence
from eventwire.article.layout import is_subhead
from eventwire.article.parts import split_by_place
from eventwire.article.sides import settle_sides
from eventwire.assemble import BODY_START_KEY, build_draft
from eventwire.casing import in_original_text, recase_text
from eventwire.detect import detect_candidates
from eventwire.detect.learned import TypeModel, load_model
from eventwire.discourse import fill_from_neighbours
from eventwire.draft import EventDraft
from eventwire.geo import find_places
from eventwire.geo.context import implied_country
from eventwire.geo.gazetteer import get_gazetteer
from eventwire.geo.resolve import main_country
from eventwire.ingest.text import check_text, content_id, published_date
from eventwire.model import Document, Event, Source
from eventwire.nlp import doc_text, get_nlp, memoise_views
from eventwire.settings import DEFAULT_SETTINGS, Settings
from eventwire.steps import Step, Steps


def extract_text(
    text: str,
    published: dt.date | str | None = None,
    doc_id: str | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> list[Event]:
    """Events of one article's text, main event first.

    This is the library's door, so it checks what the command line checks: `text` must be a str (TypeError
    otherwise) and `published` a plausible date (see `published_date`)."""
    if not isinstance(text, str):
        hint = " (decode the bytes first)" if isinstance(text, bytes | bytearray) else ""
        raise TypeError(f"text must be a str, not {type(text).__name__}{hint}")
    published = published_date(published)
    check_text(text, doc_id or "text", settings.max_document_chars)
    document = Document(id=doc_id or content_id(text), text=text, published=published)
    return extract_document(document, settings)


def extract_document(document: Document, settings: Settings = DEFAULT_SETTINGS) -> list[Event]:
    """Events of one document."""
    return next(iter(extract_documents([document], settings)))


def extract_documents(
    documents: Iterable[Document], settings: Settings = DEFAULT_SETTINGS
) -> Iterator[list[Event]]:
    """Events of each document in a stream, batched through spaCy; one list per document, in order."""
    nlp = get_nlp()
    # Text in capitals is parsed from a recased copy of the same length; events_of quotes the original.
    pairs = ((recase_text(d.text) if settings.recase else d.text, d) for d in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=settings.batch_size):
        yield events_of(doc, document, settings)


def events_of(doc: Doc, document: Document, settings: Settings = DEFAULT_SETTINGS) -> list[Event]:
    """The events of a parsed document: its mentions read sentence by sentence, then coded as a whole
    article (status, incidents, salience, sides, confidence), step by step as `ARTICLE_STEPS` declares."""
    memoise_views(doc)
    return ARTICLE_STEPS.run(Article(), ArticleInputs(doc, document, settings)).events


def _read_layout(article: Article, inputs: ArticleInputs) -> None:
    """Headline, dateline, captions; the publication date, or the dateline's when none is given."""
    layout = read_layout(doc_text(inputs.doc), inputs.document.published, inputs.document.title)
    article.layout = layout
    article.published = inputs.document.published or (layout.dateline.date if layout.dateline else None)
    article.sentences = list(inputs.doc.sents)
    inputs.doc.user_data[BODY_START_KEY] = layout.body_start


def _find_places(article: Article, inputs: ArticleInputs) -> None:
    """The article's places and country. A caption's or a credit's places are not the story's; the
    dateline's city is where the story was filed: no sentence's own place, but the article's place when
    its sentences name none."""
    places = find_places(inputs.doc, country_hint=inputs.settings.country_hint)
    article.country = (
        main_country(places) or implied_country(inputs.doc, get_gazetteer()) or inputs.settings.country_hint
    )
    layout = article.layout
    article.event_places = [p for p in places if layout.kind_at(p.start) in {"body", "headline", "dateline"}]


def _read_mentions(article: Article, inputs: ArticleInputs) -> None:
    """A draft for every mention of an event in the sentences that may report events."""
    model = load_model(inputs.settings.type_model)
    body_rank = 0
    for index, sent in enumerate(article.sentences):
        if not _is_event_text(sent, article.layout):
            continue
        position = (
            "headline"
            if body_rank and is_subhead(sent)
            else article.layout.position(sent.start_char, body_rank)
        )
        body_rank += position != "headline"
        article.drafts.extend(
            _sentence_drafts(
                sent, index, article.published, article.event_places, article.country, model, position
            )
        )


def _read_scope(article: Article, inputs: ArticleInputs) -> None:
    """What the article as a whole says about its mentions (see `article_context`)."""
    article.context = article_context(inputs.doc, article.layout, article.published)


def _to_events(article: Article, inputs: ArticleInputs) -> None:
    """The incidents the settings keep, as events numbered in order."""
    document = inputs.document
    kept = [d for d in article.incidents if d.keep(inputs.settings)]
    source = Source(publisher=document.source, url=document.url, published=document.published)
    article.events = [d.to_event(document.id, n, source) for n, d in enumerate(kept)]


def _weigh_confidence(article: Article, inputs: ArticleInputs) -> None:
    """Each event's calibrated confidence; those below the settings' floor are dropped."""
    typed = sum(e.event_type is not None and e.status == "new" for e in article.events)
    events = [e.model_copy(update={"confidence": calibrated_confidence(e, typed)}) for e in article.events]
    article.events = [e for e in events if e.confidence >= inputs.settings.min_confidence]


def _quote_original(article: Article, inputs: ArticleInputs) -> None:
    """Quotes in the characters of the document as given, when it was parsed from a recased copy."""
    article.events = in_original_text(article.events, doc_text(inputs.doc), inputs.document.text)


# The article stage, in order; each step names the fields of the `Article` it reads and sets, and the
# order is checked when the list is built.
ARTICLE_STEPS: Steps[Article, ArticleInputs] = Steps.of(
    [
        Step("layout", _read_layout, (), ("layout", "published", "sentences")),
        Step("places", _find_places, ("layout",), ("country", "event_places")),
        Step("mentions", _read_mentions, ("layout", "published", "country", "event_places"), ("drafts",)),
        Step("scope", _read_scope, ("layout", "published"), ("context",)),
        Step("status", read_statuses, ("drafts", "context"), ("status",)),
        Step(
            "incidents",
            group_into_incidents,
            ("drafts", "status", "layout", "event_places", "sentences"),
            ("incidents",),
        ),
        Step("salience", order_incidents, ("incidents",), ("main",)),
        Step(
            "neighbours",
            lambda a, i: fill_from_neighbours(a.reported, a.sentences),
            ("incidents", "sentences"),
            ("sides", "claim_status"),
        ),
        Step(
            "sides",
            lambda a, i: settle_sides(a.reported, a.sentences, i.doc),
            ("incidents", "sentences"),
            ("sides",),
        ),
        Step("events", _to_events, ("incidents", "status", "main", "sides"), ("events",)),
        Step("confidence", _weigh_confidence, ("events",), ("confidence",)),
        Step("original_text", _quote_original, ("events",), ()),
    ],
    given=(),
)


def _is_event_text(sent: Span, layout: Layout) -> bool:
    """Whether a sentence may report events: not empty, not a dateline, byline, caption or credit."""
    text = sent.text.strip()
    return bool(text) and layout.is_event_text(sent.start_char, sent.end_char) and not layout.is_caption(text)


def _sentence_drafts(
    sent: Span,
    index: int,
    published: dt.date | None,
    places,
    country: str | None,
    model: TypeModel | None,
    position: str,
) -> list[EventDraft]:
    candidates = detect_candidates(sent)
    if not candidates:
        return []
    mentions = find_mentions(sent, country)
    drafts = []
    for candidate in candidates:
        # The learned model reads the whole sentence, so it types only the sentence's first event: the
        # others ("..., as Assad vowed to crush a rebel offensive") keep the type their own words give.
        typer = model if not drafts else None
        draft = build_draft(candidate, sent, index, mentions, places, published, country, typer, position)
        drafts.extend(split_by_place(draft, sent, places))
    return drafts
