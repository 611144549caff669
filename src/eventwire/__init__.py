"""eventwire: conflict news to structured, geocoded, de-duplicated event data."""

from eventwire.model import Actor, Document, Event, Location, Toll

__version__ = "0.1.0"
__all__ = ["Actor", "Document", "Event", "Location", "Toll", "extract", "__version__"]


def extract(text: str, published=None, **options) -> list[Event]:
    """Extract events from one article's text; `published` (date or ISO string) anchors relative dates."""
    from eventwire.pipeline import extract_text

    return extract_text(text, published=published, **options)
