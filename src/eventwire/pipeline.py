"""The pipeline: text -> spaCy doc -> per-sentence event candidates -> events with actors, place, date,
counts and evidence -> events merged within the article and ordered by salience."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span

from eventwire.actors import find_mentions
from eventwire.assemble import EventDraft, build_draft
from eventwire.detect import detect_candidates
from eventwire.detect.learned import TypeModel, load_model
from eventwire.discourse import merge_drafts, order_by_salience
from eventwire.geo import find_places
from eventwire.geo.context import implied_country
from eventwire.geo.gazetteer import get_gazetteer
from eventwire.geo.resolve import main_country
from eventwire.ingest.text import check_text, content_id, published_date
from eventwire.model import Document, Event, Source
from eventwire.nlp import get_nlp, memoise_views
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
    pairs = ((document.text, document) for document in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=settings.batch_size):
        yield events_of(doc, document, settings)


def events_of(doc: Doc, document: Document, settings: Settings = DEFAULT_SETTINGS) -> list[Event]:
    """The events of a parsed document."""
    memoise_views(doc)
    places = find_places(doc, country_hint=settings.country_hint)
    country = main_country(places) or implied_country(doc, get_gazetteer()) or settings.country_hint
    sentences = list(doc.sents)
    model = load_model(settings.type_model)
    drafts: list[EventDraft] = []
    for index, sent in enumerate(sentences):
        drafts.extend(_sentence_drafts(sent, index, document, places, country, model))
    drafts = merge_drafts(drafts, sentences, settings)
    drafts = [d for d in drafts if d.keep(settings)]
    source = Source(publisher=document.source, url=document.url, published=document.published)
    events = [d.to_event(document.id, n, source) for n, d in enumerate(order_by_salience(drafts))]
    return [e for e in events if e.confidence >= settings.min_confidence]


def _sentence_drafts(
    sent: Span, index: int, document: Document, places, country: str | None, model: TypeModel | None
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
        draft = build_draft(candidate, sent, index, mentions, places, document.published, country, typer)
        if draft is not None:
            drafts.append(draft)
    return drafts
