"""eventwire: conflict news to structured, geocoded, de-duplicated event data."""

from eventwire.model import Actor, Document, Event, Location, Toll

__version__ = "0.1.0"
__all__ = ["Actor", "Document", "Event", "Location", "Toll", "extract", "__version__"]


def extract(text: str, published=None, **options) -> list[Event]:
    """Extract events from one article's text; `published` (a date, a datetime or a "YYYY-MM-DD" string)
    anchors relative dates. Raises TypeError when `text` is not a str or `published` not a date, and
    InputError (eventwire.errors) for an empty, non-English or over-long text or an implausible date."""
    from eventwire.pipeline import extract_text

    return extract_text(text, published=published, **options)
