"""The pipeline: text -> spaCy doc -> per-sentence event candidates -> events with actors, place, date,
counts and evidence -> events merged within the article and ordered by salience."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span

from eventwire.actors import find_mentions
from eventwire.article import Layout, article_context, code_article, read_layout
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
    article (status, incidents, salience)."""
    memoise_views(doc)
    text = doc_text(doc)
    layout = read_layout(text, document.published, document.title)
    published = document.published or (layout.dateline.date if layout.dateline else None)
    places = find_places(doc, country_hint=settings.country_hint)
    country = main_country(places) or implied_country(doc, get_gazetteer()) or settings.country_hint
    # A caption's or a credit's places are not the story's; the dateline's city is where the story was
    # filed: no sentence's own place, but the article's place when its sentences name none.
    event_places = [p for p in places if layout.kind_at(p.start) in {"body", "headline", "dateline"}]
    doc.user_data[BODY_START_KEY] = layout.body_start
    sentences = list(doc.sents)
    model = load_model(settings.type_model)
    drafts: list[EventDraft] = []
    body_rank = 0
    for index, sent in enumerate(sentences):
        if not _is_event_text(sent, layout):
            continue
        position = (
            "headline" if body_rank and is_subhead(sent) else layout.position(sent.start_char, body_rank)
        )
        body_rank += position != "headline"
        drafts.extend(_sentence_drafts(sent, index, published, event_places, country, model, position))
    context = article_context(doc, layout, published)
    incidents = code_article(drafts, doc, context)
    reported = [i for i in incidents if i.status == "new"]
    fill_from_neighbours(reported, sentences)
    settle_sides(reported, sentences, doc)
    kept = [d for d in incidents if d.keep(settings)]
    source = Source(publisher=document.source, url=document.url, published=document.published)
    events = [d.to_event(document.id, n, source) for n, d in enumerate(kept)]
    typed = sum(e.event_type is not None and e.status == "new" for e in events)
    events = [e.model_copy(update={"confidence": calibrated_confidence(e, typed)}) for e in events]
    kept = [e for e in events if e.confidence >= settings.min_confidence]
    return in_original_text(kept, text, document.text)


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
