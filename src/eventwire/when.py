"""When an event happened: date expressions resolved against the publication date, with a precision.

News dates are mostly relative ("on Monday", "last week", "November 27"), so each expression is resolved
against the article's publication date here, by fixed rules rather than a parser's guess: a bare weekday
is the most recent such day on or before publication (dateparser would pick the previous week). Nothing
resolves to more than a day after publication. Without a publication date, absolute dates still resolve,
and relative ones come back unresolved with `anchor_missing` set so the caller can warn instead of guessing.

Coarse expressions resolve to the midpoint of their window (never after publication), with the window's
precision: "last week" is that week's Thursday at week precision, "March 2020" is 16 March at month precision.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from eventwire.lang import lexicon
from eventwire.model import DatePrecision

__all__ = ["DateMention", "find_date_mentions", "resolve_event_date"]

Kind = Literal["event", "since"]

MIN_YEAR, MAX_YEAR = 1800, 2100  # outside this a "year" is a misread number
# Dates before this are history ("the 1885 massacre"), never the date of a conflict event reported now.
EARLIEST_EVENT_YEAR = 1900
_DAY = dt.timedelta(days=1)
_RANK: dict[DatePrecision, int] = {"day": 0, "week": 1, "month": 2, "year": 3}
_MONTH_NAMES = lexicon("en").entries("month_names")
_MONTHS = {name[:length]: i for i, name in enumerate(_MONTH_NAMES, start=1) for length in (3, len(name))}
_MONTHS["sept"] = 9
_WEEKDAYS = lexicon("en").entries("weekday_names")
_SMALL_NUMBERS = lexicon("en").table("small_number_words")

_EN = lexicon("en")
_SINCE = lexicon("en").regex("since_before")
_HINT = lexicon("en").regex("date_hint")


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression: where it is, and the date it means (None when it needs an anchor it lacks)."""

    date: dt.date | None
    precision: DatePrecision | None
    start: int
    end: int
    text: str
    kind: Kind = "event"
    anchor_missing: bool = False
    relative: bool = False  # read against the publication date ("on Monday"), not written out


@dataclass(frozen=True, slots=True)
class _When:
    date: dt.date
    precision: DatePrecision


class _NeedsAnchor:
    """A relative expression with no publication date to resolve it against."""


_NEEDS_ANCHOR = _NeedsAnchor()
Resolution = _When | _NeedsAnchor | None
Resolver = Callable[[re.Match[str], dt.date | None], Resolution]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    """A real calendar date in the plausible range, else None (Feb 30, year 0, year 9999)."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _not_future(day: dt.date | None, published: dt.date | None) -> dt.date | None:
    """Events are reported after they happen; a day's slack allows for time zones."""
    if day is None or (published is not None and day > published + _DAY):
        return None
    return day


def _window(first: dt.date, last: dt.date, precision: DatePrecision, published: dt.date | None) -> Resolution:
    """The midpoint of [first, last], cut at publication; None when the window is wholly in the future."""
    if published is not None:
        if first > published + _DAY:
            return None
        last = max(first, min(last, published))
    return _When(first + (last - first) / 2, precision)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - _DAY


def _month_of(match: re.Match[str]) -> int:
    return _MONTHS[match["month"].lower().rstrip(".")]


def _year_for(month: int, day: int, published: dt.date) -> dt.date | None:
    """The year of a date written without one: the latest that is not after publication."""
    for year in (published.year, published.year - 1):
        candidate = _not_future(_safe_date(year, month, day), published)
        if candidate is not None:
            return candidate
    return None


def _full_date(match: re.Match[str], published: dt.date | None) -> Resolution:
    month = int(match["mon"]) if "mon" in match.re.groupindex else _month_of(match)
    day = _not_future(_safe_date(int(match["year"]), month, int(match["day"])), published)
    return None if day is None else _When(day, "day")


def _day_month(match: re.Match[str], published: dt.date | None) -> Resolution:
    if published is None:
        return _NEEDS_ANCHOR
    month = int(match["mon"]) if "mon" in match.re.groupindex else _month_of(match)
    if not 1 <= month <= 12:
        return None
    day = _year_for(month, int(match["day"]), published)
    return None if day is None else _When(day, "day")


def _month_year(match: re.Match[str], published: dt.date | None) -> Resolution:
    year, month = int(match["year"]), _month_of(match)
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    return _window(dt.date(year, month, 1), _month_end(year, month), "month", published)


_PARTS = {"early": (1, 10), "beginning": (1, 10), "start": (1, 10), "mid": (11, 20), "middle": (11, 20)}


def _part_of_month(match: re.Match[str], published: dt.date | None) -> Resolution:
    """ "early March" is 1-10 March, "mid" 11-20, "late"/"end" 21 to the month's end."""
    month = _month_of(match)
    if match["year"]:
        year = int(match["year"])
    elif published is None:
        return _NEEDS_ANCHOR
    else:
        year = published.year if month <= published.month else published.year - 1
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    first_day, last_day = _PARTS.get(match["part"].lower().split()[-1], (21, 31))
    last = min(dt.date(year, month, 1) + dt.timedelta(days=last_day - 1), _month_end(year, month))
    return _window(dt.date(year, month, first_day), last, "month", published)


def _bare_month(match: re.Match[str], published: dt.date | None) -> Resolution:
    """ "in March": the latest March not after publication."""
    if published is None:
        return _NEEDS_ANCHOR
    month = _month_of(match)
    year = published.year if month <= published.month else published.year - 1
    return _window(dt.date(year, month, 1), _month_end(year, month), "month", published)


def _year(match: re.Match[str], published: dt.date | None) -> Resolution:
    year = int(match["year"])
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    return _window(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", published)


_SAME_DAY = lexicon("en").entries("same_day_words")
_DAY_OFFSETS = {**dict.fromkeys(_SAME_DAY, 0), "yesterday": 1, "night": 1}


def _relative_day(match: re.Match[str], published: dt.date | None) -> Resolution:
    """today / this morning -> publication day; yesterday / last night -> the day before."""
    if published is None:
        return _NEEDS_ANCHOR
    words = match["when"].lower().split()
    back = 2 if "before" in words else _DAY_OFFSETS[words[-1]]
    return _When(published - dt.timedelta(days=back), "day")


def _weekday(match: re.Match[str], published: dt.date | None) -> Resolution:
    """The most recent such weekday on or before publication ("last Monday": strictly before)."""
    if published is None:
        return _NEEDS_ANCHOR
    back = (published.weekday() - _WEEKDAYS.index(match["weekday"].lower())) % 7
    if back == 0 and match["last"]:
        back = 7
    return _When(published - dt.timedelta(days=back), "day")


def _ago(match: re.Match[str], published: dt.date | None) -> Resolution:
    """ "2 days ago", "three weeks ago", "a few days ago" (a few days: week precision)."""
    if published is None:
        return _NEEDS_ANCHOR
    # A line break may fall inside the count ("a\nfew days ago" in text wrapped at a fixed width).
    count, unit = " ".join(match["count"].lower().split()), match["unit"].lower()
    if count in ("a few", "several", "few"):
        days = {"day": 4, "week": 21, "month": 100, "year": 1100}[unit]
        precision: DatePrecision = {"day": "week", "week": "month", "month": "year", "year": "year"}[unit]
    else:
        n = int(count) if count.isdigit() else _SMALL_NUMBERS[count]
        days = n * {"day": 1, "week": 7, "month": 30, "year": 365}[unit]
        precision = {"day": "day", "week": "week", "month": "month", "year": "year"}[unit]
    try:
        day = published - dt.timedelta(days=days)
    except OverflowError:
        return None
    return _When(day, precision) if day.year >= MIN_YEAR else None


def _relative_period(match: re.Match[str], published: dt.date | None) -> Resolution:
    """last/this week, month, year; "recently", "in recent days": the publication date at week precision."""
    if published is None:
        return _NEEDS_ANCHOR
    words = match["when"].lower().split()
    unit, pub = words[-1], published
    if unit in ("recently", "days"):
        return _When(pub, "week")
    precision: DatePrecision = "week" if unit == "weekend" else unit  # type: ignore[assignment]
    if "the" in words:  # "over the past week": a rolling window ending at publication
        return _window(pub - dt.timedelta(days=_ROLLING[unit]), pub, precision, pub)
    back = 1 if "last" in words else 0
    if unit in ("week", "weekend"):
        monday = pub - dt.timedelta(days=pub.weekday() + 7 * back)
        first = monday + 5 * _DAY if unit == "weekend" else monday
        return _window(first, monday + 6 * _DAY, precision, pub)
    if unit == "month":
        first = (pub.replace(day=1) - _DAY).replace(day=1) if back else pub.replace(day=1)
        return _window(first, _month_end(first.year, first.month), precision, pub)
    year = pub.year - back
    return _window(dt.date(year, 1, 1), dt.date(year, 12, 31), precision, pub)


_ROLLING = {"week": 7, "month": 30, "year": 365}
# Each date expression of the language pack with the resolver that reads it, in the order they are tried.
_PATTERNS: tuple[tuple[re.Pattern[str], Resolver], ...] = tuple(
    (_EN.regex(name), resolver)
    for name, resolver in (
        ("date_iso", _full_date),
        ("date_day_month_year", _full_date),
        ("date_month_day_year", _full_date),
        ("date_part_of_month", _part_of_month),
        ("date_month_year", _month_year),
        ("date_day_month", _day_month),
        # "on 07/02", "(24/02)": day first, as written outside North America; never "24/7".
        ("date_day_slash_month", _day_month),
        ("date_month_day", _day_month),
        ("date_bare_month", _bare_month),
        ("date_year", _year),
        ("date_relative_day", _relative_day),
        ("date_weekday", _weekday),
        ("date_ago", _ago),
        ("date_relative_period", _relative_period),
    )
)


_RELATIVE = frozenset({_relative_day, _weekday, _ago, _relative_period})


def _kind(text: str, start: int) -> Kind:
    return "since" if _SINCE.search(text, max(0, start - 12), start) else "event"


@lru_cache(maxsize=256)
def _scan(text: str, pos: int, endpos: int, published: dt.date | None) -> tuple[DateMention, ...]:
    """All date expressions in text[pos:endpos], earliest first; where two overlap the longer wins. Cached:
    every event of a sentence asks about the same stretch of text."""
    if not _HINT.search(text, pos, endpos):
        return ()
    found: list[tuple[int, int, Resolution]] = []
    for pattern, resolver in _PATTERNS:
        for match in pattern.finditer(text, pos, endpos):
            span = match.span("when") if "when" in pattern.groupindex else match.span()
            found.append((span[0], span[1], resolver, resolver(match, published)))
    found.sort(key=lambda item: (item[0], item[0] - item[1]))
    mentions: list[DateMention] = []
    covered_to = -1
    for start, end, resolver, resolution in found:
        if start < covered_to:
            continue
        covered_to = end
        if isinstance(resolution, _When):
            date, precision = resolution.date, resolution.precision
            relative = resolver in _RELATIVE
            mentions.append(
                DateMention(
                    date, precision, start, end, text[start:end], _kind(text, start), relative=relative
                )
            )
        elif resolution is _NEEDS_ANCHOR:
            mentions.append(DateMention(None, None, start, end, text[start:end], _kind(text, start), True))
    return tuple(mentions)


def find_date_mentions(text: str, published: dt.date | None) -> list[DateMention]:
    """Every date expression in `text`, resolved against `published`; impossible dates are left out."""
    return list(_scan(text, 0, len(text), published))


_PARAGRAPH_BREAK = re.compile(r"\n")  # extracted news text keeps one paragraph a line


def resolve_event_date(
    text: str,
    start: int,
    end: int,
    published: dt.date | None,
    skip: Callable[[DateMention], bool] | None = None,
) -> DateMention | None:
    """The date of the event told in text[start:end].

    The finest date in that sentence wins, a written-out one over a relative one; failing that, the nearest earlier date in the same paragraph that
    is finer than a year (a year before the sentence is background, "the war began in 2011", not this
    event's date). "since X" starts a span and is never the event's date. None means the text gives no
    date: the caller falls back to the publication date. `skip` leaves out dates of the sentence that are
    not the event's (the day a report was made: "police said on Wednesday").
    """
    breaks = [m.end() for m in _PARAGRAPH_BREAK.finditer(text, 0, start)]
    paragraph_start = breaks[-1] if breaks else 0
    usable = [
        m for m in _scan(text, paragraph_start, end, published) if m.date is not None and m.kind == "event"
    ]
    inside = [m for m in usable if m.start >= start and not (skip and skip(m))]
    if inside:
        # a date written out beats a weekday of the same precision: "on Monday [5 June]"
        return min(inside, key=lambda m: (_RANK[m.precision], m.relative, m.start))  # type: ignore[index]
    earlier = [m for m in usable if m.end <= start and m.precision != "year"]
    return earlier[-1] if earlier else None
