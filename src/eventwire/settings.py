"""One settings object with documented defaults, instead of flags threaded through every call."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    """How extraction behaves. Every field has a default a newcomer can rely on."""

    #: Sentences this close (in sentences) that tell the same kind of event with compatible actors and place
    #: are one event: news leads summarise, later sentences add the place or the toll.
    merge_window: int = 2
    #: Events below this confidence (the fitted probability that an event is right: its type, place
    #: and day) are dropped. None by default: an unlocated or unnamed event is still reported, with a
    #: low confidence a user can filter on.
    min_confidence: float = 0.0
    #: Keep statements and diplomacy (PLOVER types outside ACLED's scope) as events.
    include_out_of_scope: bool = True
    #: Emit every mention the article makes, marked with its status (background, cumulative, generic,
    #: hypothetical, denied, out_of_scope), beside the new incidents it reports.
    emit_all: bool = False
    #: Country (ISO2) to prefer when the article does not make its country clear.
    country_hint: str | None = None
    #: Folder holding a sub-event type model trained by `eventwire train types` (None: the shipped one).
    type_model: str | None = None
    #: Longest document text accepted, in characters. News articles are rarely over 20,000; extraction
    #: time grows faster than length (a 100,000-character text takes minutes), so longer texts are refused.
    max_document_chars: int = 100_000
    #: Parse a document (or a paragraph-long stretch of one) written all in capitals from a copy given each
    #: word's usual casing; events still quote the original text.
    recase: bool = True
    #: spaCy batch size for streams of documents.
    batch_size: int = 32


DEFAULT_SETTINGS = Settings()
