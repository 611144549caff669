"""Event dates resolved against the publication date, with a precision."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventwire.when import DateMention, find_date_mentions, resolve_event_date

MONDAY = dt.date(2024, 12, 2)
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def only(text: str, published: dt.date | None = MONDAY) -> DateMention:
    mentions = find_date_mentions(text, published)
    assert len(mentions) == 1, mentions
    return mentions[0]


def resolved(text: str, published: dt.date | None = MONDAY) -> tuple[dt.date | None, str | None]:
    mention = only(text, published)
    return mention.date, mention.precision


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 23 February 2022 troops crossed", dt.date(2022, 2, 23)),
        ("on 9 May 2020", dt.date(2020, 5, 9)),
        ("On December 31 2019", dt.date(2019, 12, 31)),
        ("Dec. 1, 2024", dt.date(2024, 12, 1)),
        ("2024-11-30", dt.date(2024, 11, 30)),
        ("at 2024-11-30T10:00:00Z", dt.date(2024, 11, 30)),
    ],
)
def test_when_absolute_dates_resolve_to_the_day(text: str, expected: dt.date) -> None:
    assert resolved(text) == (expected, "day")
    assert resolved(text, None) == (expected, "day")


def test_when_day_without_year_takes_the_publication_year() -> None:
    assert resolved("On November 27 the offensive began") == (dt.date(2024, 11, 27), "day")
    assert resolved("on 27 November") == (dt.date(2024, 11, 27), "day")


def test_when_day_without_year_is_never_in_the_future() -> None:
    second_of_january = dt.date(2025, 1, 2)
    assert resolved("December 30", second_of_january) == (dt.date(2024, 12, 30), "day")
    assert resolved("in December", second_of_january)[0] == dt.date(2024, 12, 16)


def test_when_since_marks_the_start_of_a_span() -> None:
    mention = only("Fighting since November 27 has killed 56.")
    assert (mention.date, mention.kind) == (dt.date(2024, 11, 27), "since")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("reported Monday", MONDAY),
        ("on Sunday", dt.date(2024, 12, 1)),
        ("Thursday night", dt.date(2024, 11, 28)),
        ("on Tuesday", dt.date(2024, 11, 26)),
        ("last Monday", dt.date(2024, 11, 25)),
    ],
)
def test_when_weekday_is_the_most_recent_on_or_before_publication(text: str, expected: dt.date) -> None:
    assert resolved(text) == (expected, "day")


def test_when_future_weekday_is_not_an_event_date() -> None:
    assert find_date_mentions("Talks resume next Monday.", MONDAY) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday", dt.date(2024, 12, 1)),
        ("today", MONDAY),
        ("earlier today", MONDAY),
        ("last night", dt.date(2024, 12, 1)),
        ("2 days ago", dt.date(2024, 11, 30)),
        ("the day before yesterday", dt.date(2024, 11, 30)),
    ],
)
def test_when_relative_days(text: str, expected: dt.date) -> None:
    assert resolved(text) == (expected, "day")


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("last week", "week"),
        ("recently", "week"),
        ("in recent days", "week"),
        ("three weeks ago", "week"),
        ("earlier this month", "month"),
        ("this month", "month"),
        ("last month", "month"),
        ("early March", "month"),
        ("late March 2020", "month"),
        ("March 2020", "month"),
        ("last year", "year"),
    ],
)
def test_when_coarse_expressions_carry_their_precision(text: str, precision: str) -> None:
    date, got = resolved(text)
    assert got == precision
    assert date is not None and date <= MONDAY


def test_when_last_week_is_the_previous_calendar_week() -> None:
    assert resolved("last week") == (dt.date(2024, 11, 28), "week")


def test_when_recently_is_the_publication_date_at_week_precision() -> None:
    assert resolved("in recent days") == (MONDAY, "week")


def test_when_part_of_month_is_inside_that_part() -> None:
    assert resolved("early March")[0] == dt.date(2024, 3, 5)
    assert resolved("mid-March")[0] == dt.date(2024, 3, 15)
    assert resolved("late March 2020")[0] == dt.date(2020, 3, 26)


def test_when_background_year_has_year_precision() -> None:
    mention = only("The war began in 2011.")
    assert (mention.date.year, mention.precision, mention.text) == (2011, "year", "2011")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    [
        "0000-01-01",
        "9999-01-01",
        "on 30 February 2020",
        "in 9999",
        "on 5 December 2024",
        "3000 years ago",
        "this weekend",
    ],
)
def test_when_absurd_or_future_dates_are_rejected(text: str) -> None:
    assert find_date_mentions(text, MONDAY) == []


@pytest.mark.parametrize("text", ["on Monday", "November 27", "last week", "early March", "yesterday"])
def test_when_relative_dates_without_anchor_are_flagged_not_guessed(text: str) -> None:
    mention = only(text, None)
    assert (mention.date, mention.precision, mention.anchor_missing) == (None, None, True)


def test_when_absolute_dates_without_anchor_still_resolve() -> None:
    mention = only("On 23 February 2022", None)
    assert (mention.date, mention.anchor_missing) == (dt.date(2022, 2, 23), False)


def test_when_march_23_movement_is_not_a_date() -> None:
    assert find_date_mentions("the March 23 Movement advanced", MONDAY) == []


DOC = (
    "The war began in 2011.\n\n"
    "On Sunday, rebels entered Aleppo. They seized the airport.\n\n"
    "Since November 27, fighting has killed 56. Government forces retreated in 2011 and on Friday."
)


def sentence(text: str) -> tuple[int, int]:
    start = DOC.index(text)
    return start, start + len(text)


def test_when_event_date_prefers_the_date_in_the_sentence() -> None:
    mention = resolve_event_date(DOC, *sentence("On Sunday, rebels entered Aleppo."), MONDAY)
    assert mention is not None and mention.date == dt.date(2024, 12, 1)


def test_when_event_date_falls_back_to_the_paragraph() -> None:
    mention = resolve_event_date(DOC, *sentence("They seized the airport."), MONDAY)
    assert mention is not None and mention.text == "Sunday"


def test_when_event_date_ignores_since_and_other_paragraphs() -> None:
    assert resolve_event_date(DOC, *sentence("Since November 27, fighting has killed 56."), MONDAY) is None


def test_when_event_date_prefers_the_finest_precision() -> None:
    mention = resolve_event_date(DOC, *sentence("Government forces retreated in 2011 and on Friday."), MONDAY)
    assert mention is not None and (mention.date, mention.precision) == (dt.date(2024, 11, 29), "day")


def test_when_event_date_none_when_text_gives_no_date() -> None:
    text = "Rebels advanced. They took the town."
    assert resolve_event_date(text, 17, len(text), MONDAY) is None


# properties

_PUBLISHED = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31))
_TOKENS = st.sampled_from(
    [
        "on",
        "since",
        "last",
        "early",
        "in",
        "ago",
        "days",
        "2",
        "27",
        "November",
        "Monday",
        "Sunday",
        "night",
        "yesterday",
        "week",
        "month",
        "year",
        "2011",
        "9999",
        "0000",
        "2024-02-30",
        "30 February",
        "March",
        "-",
        ",",
        "recently",
        "this",
        "today",
        "the",
        "of",
        "1e9",
    ]
)
_DATEISH = st.lists(_TOKENS, max_size=30).map(" ".join)


@given(st.one_of(st.text(), _DATEISH), _PUBLISHED)
def test_when_property_dates_never_after_publication_and_never_raise(text: str, published: dt.date) -> None:
    for mention in find_date_mentions(text, published):
        assert mention.date is not None and mention.date <= published + dt.timedelta(days=1)
        assert text[mention.start : mention.end] == mention.text


@given(st.one_of(st.text(), _DATEISH), st.integers(-5, 300), st.integers(-5, 300), st.none() | _PUBLISHED)
def test_when_property_resolve_never_raises(
    text: str, start: int, end: int, published: dt.date | None
) -> None:
    mention = resolve_event_date(text, start, end, published)
    if mention is not None and published is not None:
        assert mention.date is not None and mention.date <= published + dt.timedelta(days=1)


@given(st.sampled_from(range(7)), _PUBLISHED, st.sampled_from(["on {}", "{}", "reported {}", "{} night"]))
def test_when_property_weekday_lands_within_the_week_before(
    weekday: int, published: dt.date, form: str
) -> None:
    date, precision = resolved(form.format(WEEKDAYS[weekday]), published)
    assert date is not None and precision == "day"
    assert 0 <= (published - date).days <= 6
    assert date.weekday() == weekday


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_when_property_absolute_dates_round_trip(day: dt.date) -> None:
    month = MONTHS[day.month - 1]
    assert resolved(f"on {day.day} {month} {day.year}", None) == (day, "day")
    assert resolved(f"On {month} {day.day}, {day.year}", None) == (day, "day")
    assert resolved(day.isoformat(), None) == (day, "day")


@given(
    st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.sampled_from(range(12)),
    st.integers(1, 31),
)
def test_when_property_day_without_year_is_within_the_year_before(
    published: dt.date, month: int, day: int
) -> None:
    for mention in find_date_mentions(f"on {day} {MONTHS[month]}", published):
        assert mention.date is not None
        assert -1 <= (published - mention.date).days <= 366


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Residents of Witu protested on 09/02 and 11/02 against the appointment.", dt.date(2018, 2, 9)),
        ("A bus was set on fire in the capital (31/01).", dt.date(2018, 1, 31)),
        ("Supporters burnt campaign materials in Kisii on Monday [5 June].", dt.date(2018, 6, 5)),
    ],
)
def test_when_written_dates_beat_weekdays_and_read_day_first(text: str, expected: dt.date) -> None:
    found = resolve_event_date(text, 0, len(text), dt.date(2018, 12, 31))
    assert found is not None and found.date == expected


def test_when_round_the_clock_is_no_date() -> None:
    text = "The clinic runs on 24/7 shifts, and its wards are full (13/13)."
    assert find_date_mentions(text, dt.date(2018, 12, 31)) == []


@pytest.mark.parametrize("text", ["a few days ago", "a\nfew days ago", "two\n  weeks ago"])
def test_when_ago_reads_a_count_broken_across_lines(text):
    published = dt.date(1990, 3, 12)
    [mention] = find_date_mentions(f"Rebels attacked the town {text}.", published)
    expected = {
        "a few days ago": (dt.date(1990, 3, 8), "week"),
        "two weeks ago": (dt.date(1990, 2, 26), "week"),
    }
    assert (mention.date, mention.precision) == expected[" ".join(text.split())]


def test_when_the_day_of_an_intended_act_does_not_date_the_agreement() -> None:
    from eventwire import extract

    published = dt.date(1996, 8, 23)
    text = "The two Kurdish leaders had agreed to meet the U.S. envoy in September, the spokesman said."
    agreed = [e for e in extract(text, published=published) if e.plover == "AGREE"]
    assert agreed and all(e.event_date == published for e in agreed)
    # A date the agreement itself states still dates it.
    stated = "The two Kurdish leaders agreed on Tuesday to meet the U.S. envoy, the spokesman said."
    agreed = [e for e in extract(stated, published=published) if e.plover == "AGREE"]
    assert agreed and all(e.event_date == dt.date(1996, 8, 20) for e in agreed)


def test_when_a_year_after_the_word_the_is_a_date() -> None:
    published = dt.date(1996, 8, 29)
    found = find_date_mentions("Israel captured the city in the 1967 Middle East war.", published)
    assert [(m.date.year, m.precision) for m in found] == [(1967, "year")]
    # A decade is no year, and a bare number is no date.
    assert find_date_mentions("Violence rose in the 1990s.", published) == []
    assert find_date_mentions("Police counted the 1967 votes.", published) == []
