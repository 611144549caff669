"""Quantity phrases ("at least 25", "dozens", "two dozen", "10 to 15") as a low / best / high range.

Numbers in news come hedged; ACLED keeps the most conservative stated figure, so a phrase is read into the
range it asserts rather than a single guess. The vague words and hedges live in data/quantities.yaml with
their source, so the convention can be checked and changed without touching code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Literal

from text_to_num import text2num

from eventwire import lang

MAX_QUANTITY = 10**9  # past this a "number" is an identifier, a sum of money or noise, not a count

Hedge = Literal["floor", "ceiling", "approx"]

# Numbers in words: "a hundred", "two hundred and fifty", "twenty-five", "two dozen"; "and" only after a
# power word.
_WORD_NUMBER = lang.lexicon("en").pattern_text("number_in_words")
# Scale words are read in full ("a billion", "2.5 trillion") so that an absurd figure is refused whole
# rather than misread as its first word ("a" = 1, "2.5").
_SCALE = lang.lexicon("en").pattern_text("scale_word")
_DIGIT_NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+\.\d+(?=\s+{_SCALE})|\d+)(?:\s+{_SCALE})?"
# Not part of a longer token: "1e9", "10^9", "25-year-old", "3.5%", "$20" and "12:30" are not counts.
_BEFORE = r"(?<![\w$£€.,/:^*-])"
_AFTER = r"(?![\w%/:^*]|[.,]\d|-[A-Za-z])"


@dataclass(frozen=True, slots=True)
class Quantity:
    """The range a phrase asserts: `best` is ACLED's conservative single figure, `low`/`high` its bounds."""

    best: int
    low: int | None
    high: int | None
    vague: bool = False


@dataclass(frozen=True, slots=True)
class Lexicon:
    """data/quantities.yaml: vague counts, hedges, and the noun classes that decide what a number counts."""

    vague: dict[str, int]
    hedges: dict[str, Hedge]
    nouns: dict[str, frozenset[str]]


@cache
def lexicon() -> Lexicon:
    raw = lang.data_file("quantities.yaml")
    nouns = {name: frozenset(words) for name, words in raw["nouns"].items()}
    return Lexicon(vague=dict(raw["vague"]), hedges=dict(raw["modifiers"]), nouns=nouns)


def _alternation(phrases: list[str]) -> str:
    """Longest first, so "hundreds of thousands" is tried before "hundreds"."""
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))


@cache
def quantity_pattern() -> re.Pattern[str]:
    """One regex for every quantity phrase: an optional `hedge`, then a range (`low*`/`high*`) or `one`."""
    lex = lexicon()
    core = rf"(?:{_alternation(list(lex.vague))}|{_DIGIT_NUMBER}|{_WORD_NUMBER})"
    return re.compile(
        rf"{_BEFORE}(?:(?P<hedge>{_alternation(list(lex.hedges))})\s+)?"
        rf"(?:between\s+(?P<low>{core})\s+and\s+(?P<high>{core})"
        rf"|(?P<low2>{_DIGIT_NUMBER})\s*[-–—]\s*(?P<high2>{_DIGIT_NUMBER})"
        rf"|(?P<low3>{core})\s+(?:to|or)\s+(?P<high3>{core})"
        rf"|(?P<one>{core})){_AFTER}",
        re.IGNORECASE,
    )


def _squash(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").split())


def _word_value(words: str) -> int | None:
    """Number words to an int; "two dozen" = 24 and "a hundred" = 100 are handled before text2num."""
    tokens = words.split()
    if tokens[0] in ("a", "an"):
        tokens[0] = "one"
    multiplier = 1
    if tokens[-1] == "dozen":
        multiplier, tokens = 12, tokens[:-1] or ["one"]
    try:
        return text2num(" ".join(tokens), "en") * multiplier
    except ValueError:
        return None


def _core_value(piece: str) -> tuple[int, bool] | None:
    """The value of one number or vague word, and whether it was vague."""
    key = _squash(piece)
    vague = lexicon().vague.get(key)
    if vague is not None:
        return vague, True
    if key[0].isdigit():
        number, _, scale = key.partition(" ")
        factor = {"": 1, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}[scale]
        # Decimal, not float: a 309-digit "number" is infinite as a float and cannot be rounded, where
        # it must simply read as too large (see MAX_QUANTITY).
        return round(Decimal(number.replace(",", "")) * factor), False
    value = _word_value(key)
    return None if value is None else (value, False)


def quantity_from_match(match: re.Match[str]) -> Quantity | None:
    """Read a match of `quantity_pattern()` into a Quantity; None when the words do not form a number."""
    low_text = match["low"] or match["low2"] or match["low3"]
    if low_text:
        low, high = _core_value(low_text), _core_value(match["high"] or match["high2"] or match["high3"])
        if low is None or high is None:
            return None
        lo, hi = sorted((low[0], high[0]))
        quantity = Quantity(best=lo, low=lo, high=hi, vague=low[1] or high[1])
    else:
        value = _core_value(match["one"])
        if value is None:
            return None
        quantity = _hedged(value[0], value[1], _hedge_of(match["hedge"]))
    return quantity if quantity.best <= MAX_QUANTITY and (quantity.high or 0) <= MAX_QUANTITY else None


def _hedge_of(text: str | None) -> Hedge | None:
    return None if text is None else lexicon().hedges[_squash(text)]


def _hedged(value: int, vague: bool, hedge: Hedge | None) -> Quantity:
    """Apply the hedge: a vague count is a floor (ACLED codes its smallest reading)."""
    if hedge == "floor" or (vague and hedge is None):
        return Quantity(best=value, low=value, high=None, vague=vague)
    if hedge == "ceiling":
        return Quantity(best=value, low=None, high=value, vague=vague)
    if hedge == "approx":
        return Quantity(best=value, low=None, high=None, vague=vague)
    return Quantity(best=value, low=value, high=value)


def parse_quantity(text: str) -> Quantity | None:
    """The Quantity for a whole phrase such as "at least 25" or "hundreds of thousands"; None otherwise."""
    match = quantity_pattern().fullmatch(text.strip())
    return None if match is None else quantity_from_match(match)
