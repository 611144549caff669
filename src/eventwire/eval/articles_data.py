"""Reading whole-article event gold: a YAML list of articles, each with its hand-coded ACLED events.

One record an article: `doc_id`, `relevant` (true when the article reports a codable event),
`published`?, `title` or `headline`?, `category`?, and `events`, each with `event_type`,
`sub_event_type`, `actor1`, `actor2`, `location`, `country` (ISO2), `latitude`, `longitude`,
`geo_precision` (1 town, 2 near a town or a district, 3 a region or the country), `event_date` (null when
the article cannot date it), `fatalities` (null counts as 0), `evidence` (a quote) and `main` (the
article's principal incident). The documents are a JSONL file (`{"id", "text", "published"?}`), paired
with the records by id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from eventwire.actors.countries import country_code
from eventwire.errors import EvalError
from eventwire.ingest.jsonl import iter_jsonl
from eventwire.model import ACLED_TYPES, Document


@dataclass(frozen=True)
class GoldEvent:
    event_type: str
    sub_event_type: str | None
    country: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    event_date: dt.date | None
    fatalities: int
    main: bool
    location: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    evidence: str | None = None


@dataclass(frozen=True)
class GoldArticle:
    doc_id: str
    relevant: bool
    events: tuple[GoldEvent, ...]
    published: dt.date | None = None
    title: str | None = None
    category: str | None = None


def read_gold(path: str | Path) -> list[GoldArticle]:
    """The gold articles of a YAML file, in file order; a malformed record is an EvalError naming it."""
    try:
        with open(path, encoding="utf-8") as handle:
            records = yaml.safe_load(handle)
    except OSError as err:
        raise EvalError(f"{path}: cannot read ({err.strerror})") from None
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise EvalError(f"{path}: not readable as YAML ({reason})") from None
    if not isinstance(records, list):
        raise EvalError(f"{path}: expected a YAML list of article records")
    articles = [_article(record, f"{path} record {n}") for n, record in enumerate(records, 1)]
    _refuse_repeats((a.doc_id for a in articles), f"{path}: doc_id")
    return articles


def read_documents(path: str | Path, articles: list[GoldArticle], limit: int | None = None) -> list[Document]:
    """The documents of a JSONL file (the first `limit`), each dated by its line or else its gold record.

    Every document needs a gold record and, without a limit, every record a document: an unmatched id
    would silently change the scores."""
    by_id = {article.doc_id: article for article in articles}
    documents = []
    for document in iter_jsonl(Path(path)):
        if limit is not None and len(documents) >= limit:
            break
        article = by_id.get(document.id)
        if article is None:
            raise EvalError(f"{path}: document {document.id!r} has no gold record")
        if document.published is None and article.published is not None:
            document = document.model_copy(update={"published": article.published})
        documents.append(document)
    _refuse_repeats((d.id for d in documents), f"{path}: document id")
    if limit is None:
        missing = sorted(set(by_id) - {d.id for d in documents})
        if missing:
            raise EvalError(f"{path}: no document for gold record(s) {', '.join(missing[:5])}")
    return documents


def _refuse_repeats(ids: Iterable[str], what: str) -> None:
    seen: set[str] = set()
    for value in ids:
        if value in seen:
            raise EvalError(f"{what} {value!r} appears twice")
        seen.add(value)


def _article(record: object, where: str) -> GoldArticle:
    if not isinstance(record, dict):
        raise EvalError(f"{where}: expected a mapping, got {type(record).__name__}")
    doc_id = record.get("doc_id")
    if doc_id in (None, ""):
        raise EvalError(f"{where}: missing a doc_id")
    where = f"{where} ({doc_id})"
    raw_events = record.get("events") or []
    if not isinstance(raw_events, list):
        raise EvalError(f"{where}: events must be a list")
    events = tuple(_event(item, f"{where} event {n}") for n, item in enumerate(raw_events, 1))
    relevant = record.get("relevant", bool(events))
    if not isinstance(relevant, bool):
        raise EvalError(f"{where}: relevant must be true or false, got {relevant!r}")
    return GoldArticle(
        doc_id=str(doc_id),
        relevant=relevant,
        events=events,
        published=_date(record.get("published"), f"{where} published"),
        title=record.get("title") or record.get("headline"),
        category=record.get("category"),
    )


def _event(item: object, where: str) -> GoldEvent:
    if not isinstance(item, dict):
        raise EvalError(f"{where}: expected a mapping, got {type(item).__name__}")
    event_type, sub_event_type = item.get("event_type"), item.get("sub_event_type")
    if event_type not in ACLED_TYPES:
        raise EvalError(f"{where}: event_type {event_type!r} is not one of ACLED's six")
    if sub_event_type is not None and sub_event_type not in ACLED_TYPES[event_type]:
        raise EvalError(f"{where}: sub_event_type {sub_event_type!r} is not a kind of {event_type}")
    lat, lon = (
        _number(item.get("latitude"), f"{where} latitude"),
        _number(item.get("longitude"), f"{where} longitude"),
    )
    if (lat is None) != (lon is None) or (lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180)):
        raise EvalError(f"{where}: latitude {lat!r} and longitude {lon!r} are not a point")
    return GoldEvent(
        event_type=event_type,
        sub_event_type=sub_event_type,
        country=_country(item.get("country"), where),
        lat=lat,
        lon=lon,
        geo_precision=_precision(item.get("geo_precision"), where),
        event_date=_date(item.get("event_date"), f"{where} event_date"),
        fatalities=_fatalities(item.get("fatalities"), where),
        main=bool(item.get("main", False)),
        location=_text(item.get("location")),
        actor1=_text(item.get("actor1")),
        actor2=_text(item.get("actor2")),
        evidence=_text(item.get("evidence")),
    )


def _text(value: object) -> str | None:
    return None if value in (None, "") else str(value)


def _number(value: object, where: str) -> float | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise EvalError(f"{where}: {value!r} is not a number")
    return float(value)


def _date(value: object, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise EvalError(f"{where}: {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _country(value: object, where: str) -> str | None:
    if value in (None, ""):
        return None
    text = str(value).strip()
    if len(text) == 2 and text.isalpha():
        return text.upper()
    code = country_code(text)
    if code is None:
        raise EvalError(f"{where}: country {value!r} is neither an ISO2 code nor a country name")
    return code


def _precision(value: object, where: str) -> int | None:
    if value in (None, ""):
        return None
    if value not in (1, 2, 3) or isinstance(value, bool):
        raise EvalError(f"{where}: geo_precision {value!r} is not 1, 2 or 3")
    return int(value)


def _fatalities(value: object, where: str) -> int:
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise EvalError(f"{where}: fatalities {value!r} is not a count")
    return value
