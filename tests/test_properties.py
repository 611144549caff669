"""Properties that must hold for any input, checked on inputs hypothesis makes up: the date and number
parsers never raise and never give impossible values, events survive JSON unchanged, and extraction
finishes on any text."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eventwire
from conftest import in_words
from eventwire.counts import MAX_INCIDENT_TOLL, MAX_RUNNING_TOLL, extract_tolls
from eventwire.errors import InputError
from eventwire.model import Actor, Event, Evidence, Location, Source, Span, Toll
from eventwire.output import render
from eventwire.quantity import MAX_QUANTITY, parse_quantity
from eventwire.when import MIN_YEAR, find_date_mentions, resolve_event_date

DAY = dt.timedelta(days=1)
MODERN = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31))
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September"]
MONTHS += ["October", "November", "December"]

# ---- dates

_DATE_WORDS = [
    *("on", "in", "since", "last", "this", "next", "early", "mid", "late", "the", "end", "of", "year"),
    *("ago", "days", "weeks", "months", "years", "a", "few", "several", "yesterday", "today", "night"),
    *("Monday", "Sunday", "week", "weekend", "month", "recently", ",", "-", "/", "."),
    *MONTHS,
    *("31 February", "February 30", "in the year 9999", "0000-00-00", "9999-12-31", "2024-02-30", "1e9"),
]
_NUMBERS = st.one_of(st.integers(0, 40), st.integers(1066, 3000), st.integers(0, 10**12)).map(str)
DATEISH = st.lists(st.one_of(st.sampled_from(_DATE_WORDS), _NUMBERS), max_size=25).map(" ".join)
_OLD_YEAR = re.compile(r"(?<!\d)1[0-8]\d\d(?!\d)")


@given(st.one_of(st.text(), DATEISH), MODERN)
def test_dates_are_never_after_publication_nor_invented_history(text: str, published: dt.date) -> None:
    """Before 1900 only when the words say so ("in 1885", "150 years ago"): the event stage then treats
    such a sentence as background. Never before MIN_YEAR, never more than a day after publication."""
    for mention in find_date_mentions(text, published):
        assert mention.date is not None
        assert dt.date(MIN_YEAR, 1, 1) <= mention.date <= published + DAY
        if mention.date.year < 1900:
            assert _OLD_YEAR.search(mention.text) or "ago" in mention.text, mention


@pytest.mark.slow
@given(st.one_of(st.text(), DATEISH), st.integers(-10, 400), st.integers(-10, 400), st.none() | MODERN)
def test_event_date_resolution_never_raises(
    text: str, start: int, end: int, published: dt.date | None
) -> None:
    mention = resolve_event_date(text, start, end, published)
    if mention is not None and published is not None:
        assert mention.date is not None and mention.date <= published + DAY


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_written_dates_read_back_as_themselves(day: dt.date) -> None:
    for text in (f"on {day.day} {MONTHS[day.month - 1]} {day.year}", day.isoformat()):
        (mention,) = find_date_mentions(text, None)
        assert (mention.date, mention.precision) == (day, "day")


# ---- numbers

_NUMBER_WORDS = [
    *(
        "at least",
        "about",
        "up to",
        "more than",
        "nearly",
        "between",
        "and",
        "to",
        "or",
        "dozens",
        "hundreds",
    ),
    *("thousands", "of", "a", "billion", "trillion", "million", "-", ",", ".", "1e9", "10^9", "%", "$"),
]
NUMBERISH = st.lists(
    st.one_of(
        st.sampled_from(_NUMBER_WORDS), st.integers(-5, 10**15).map(str), st.integers(0, 999).map(in_words)
    ),
    max_size=12,
).map(" ".join)


def _ordered(best: int, low: int | None, high: int | None) -> bool:
    return (low is None or low <= best) and (high is None or best <= high)


@given(st.one_of(st.text(), NUMBERISH))
def test_quantities_never_raise_and_are_never_negative_or_disordered(text: str) -> None:
    quantity = parse_quantity(text)
    if quantity is not None:
        assert 0 <= quantity.best <= MAX_QUANTITY
        assert all(bound is None or bound >= 0 for bound in (quantity.low, quantity.high))
        assert _ordered(quantity.best, quantity.low, quantity.high)


@given(st.integers(0, 10**9))
def test_numbers_in_digits_read_back_as_themselves(n: int) -> None:
    for written in (str(n), f"{n:,}"):
        quantity = parse_quantity(written)
        assert quantity is not None and (quantity.best, quantity.low, quantity.high) == (n, n, n)


@given(st.integers(0, 999_999))
def test_numbers_in_words_read_back_as_themselves(n: int) -> None:
    quantity = parse_quantity(in_words(n))
    assert quantity is not None and (quantity.best, quantity.low, quantity.high) == (n, n, n)


_TOLL_WORDS = ["killed", "killing", "wounded", "injured", "died", "dead", "people", "civilians", "children"]
_TOLL_WORDS += ["were", "including", "toll", "rose", "to", "since", "so", "far", "soldiers", "and"]
TOLLISH = st.lists(st.one_of(st.sampled_from(_TOLL_WORDS), NUMBERISH), max_size=20).map(" ".join)


@pytest.mark.slow
@given(st.one_of(st.text(), TOLLISH))
def test_tolls_are_plausible_for_any_text(text: str) -> None:
    tolls = extract_tolls(text)
    for figure in (tolls.killed, tolls.injured):
        if figure is None:
            continue
        assert 0 <= figure.best <= (MAX_RUNNING_TOLL if figure.cumulative else MAX_INCIDENT_TOLL)
        assert _ordered(figure.best, figure.low, figure.high)
        for part in (figure.civilians, figure.children):
            assert part is None or 0 <= part <= figure.best
        assert text[figure.start : figure.end] == figure.mention


# ---- the event record

_TEXT = st.text(max_size=40)
_MAYBE_TEXT = st.none() | _TEXT
_COUNT = st.none() | st.integers(0, 10**6)
_ISO2 = st.none() | st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=2)


def _literal(field: str, model: type = Event) -> st.SearchStrategy:
    return st.from_type(model.model_fields[field].annotation)


ACTORS = st.builds(Actor, name=_TEXT, mention=_MAYBE_TEXT, kind=_literal("kind", Actor), country=_ISO2)
LOCATIONS = st.builds(
    Location,
    name=_TEXT,
    admin1=_MAYBE_TEXT,
    admin2=_MAYBE_TEXT,
    country=_ISO2,
    lat=st.none() | st.floats(-90, 90, allow_nan=False),
    lon=st.none() | st.floats(-180, 180, allow_nan=False),
    geonameid=st.none() | st.integers(1, 2**31),
    geo_precision=_literal("geo_precision", Location),
    mention=_MAYBE_TEXT,
)
TOLLS = st.builds(
    Toll,
    best=_COUNT,
    low=_COUNT,
    high=_COUNT,
    civilians=_COUNT,
    children=_COUNT,
    mention=_MAYBE_TEXT,
    cumulative=st.booleans(),
)
SOURCES = st.builds(Source, publisher=_MAYBE_TEXT, url=_MAYBE_TEXT, published=st.none() | st.dates())
_OFFSETS = st.integers(0, 10**6)
EVIDENCE = st.builds(Evidence, start=_OFFSETS, end=_OFFSETS, text=_TEXT, field=_TEXT)
EVENTS = st.builds(
    Event,
    event_id=st.text(min_size=1, max_size=20),
    doc_id=_MAYBE_TEXT,
    event_date=st.none() | st.dates(),
    date_precision=_literal("date_precision"),
    plover=_literal("plover"),
    plover_mode=_MAYBE_TEXT,
    event_type=_MAYBE_TEXT,
    sub_event_type=_MAYBE_TEXT,
    actor1=st.none() | ACTORS,
    assoc_actor_1=st.lists(ACTORS, max_size=2),
    actor2=st.none() | ACTORS,
    assoc_actor_2=st.lists(ACTORS, max_size=2),
    location=st.none() | LOCATIONS,
    fatalities=st.none() | TOLLS,
    injured=st.none() | TOLLS,
    reported_by=_MAYBE_TEXT,
    claim_status=_literal("claim_status"),
    sources=st.lists(SOURCES, max_size=2),
    evidence=st.lists(EVIDENCE, max_size=3),
    confidence=st.floats(0, 1, allow_nan=False),
    notes=_MAYBE_TEXT,
    sentence=st.none() | st.builds(Span, start=_OFFSETS, end=_OFFSETS, text=_TEXT),
)


@pytest.mark.slow
@given(EVENTS)
def test_an_event_survives_json_unchanged(event: Event) -> None:
    assert Event.model_validate_json(event.model_dump_json()) == event


@pytest.mark.slow
@given(st.lists(EVENTS, max_size=4))
def test_events_survive_the_jsonl_output_unchanged(events: list[Event]) -> None:
    lines = render(events, "jsonl").splitlines()
    assert [Event.model_validate_json(line) for line in lines] == events


# ---- extraction on any text

_CONFLICT = [
    *("killed", "wounded", "attack", "airstrike", "shelling", "protesters", "police", "rebels", "army"),
    *("gunmen", "clashes", "bomb", "village", "civilians", "arrested", "troops", "militants", "Idlib"),
    *("Kharkiv", "Mogadishu", "Syrian", "Russian", "forces", "said", "on", "Monday"),
    # English function words, so that most texts pass the language check and reach extraction
    *("the", "of", "and", "in", "was", "were", "by", "to", "a", "that", "the", "of", "and", "in", "the"),
    *("at least", "dozens", "a billion", "1e9", "999999999999", "31 February", "in the year 9999", "2999"),
]
_PUNCTUATION = st.sampled_from(list(".,;:!?\"'()[]-–—…\n\t") + ["\u201c", "\u201d", "\u00a0", "\u200b"])
_WORDS = st.from_regex(r"[A-Za-z]{1,12}", fullmatch=True)
NEWSISH = st.lists(
    st.one_of(st.sampled_from(_CONFLICT), _WORDS, _NUMBERS, _PUNCTUATION, st.text(min_size=1, max_size=6)),
    min_size=1,
    max_size=60,
).map(" ".join)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NEWSISH, st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31)))
def test_extraction_finishes_on_any_text_with_plausible_events(text: str, published: dt.date) -> None:
    try:
        found = eventwire.extract(text, published=published)
    except InputError:  # empty or not English: refused with a reason, which is the contract
        return
    for event in found:
        assert event.event_date is None or dt.date(1900, 1, 1) <= event.event_date <= published + DAY
        toll = event.fatalities
        if toll is not None and toll.best is not None:
            assert 0 <= toll.best <= (MAX_RUNNING_TOLL if toll.cumulative else MAX_INCIDENT_TOLL)
        for evidence in event.evidence:
            assert text[evidence.start : evidence.end] == evidence.text
        assert Event.model_validate_json(event.model_dump_json()) == event
