"""The actor dictionary and the list of sources, loaded once from package data."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from eventwire.nlp import load_yaml

T = TypeVar("T")


@dataclass(frozen=True)
class ActorEntry:
    name: str
    kind: str | None
    country: str | None


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, single spaces, no leading "the": how aliases are compared."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").lower()
    text = re.sub(r"\s+", " ", text).strip(" .,;:")
    return text[4:] if text.startswith("the ") else text


@lru_cache(maxsize=1)
def actor_index() -> dict[str, ActorEntry]:
    index: dict[str, ActorEntry] = {}
    for item in load_yaml("actors.yaml")["actors"]:
        entry = ActorEntry(item["name"], item.get("kind"), item.get("country"))
        for alias in [item["name"], *item.get("aliases", [])]:
            index.setdefault(normalise(alias), entry)
    return index


@lru_cache(maxsize=1)
def sources() -> list[dict]:
    """The entries of sources.yaml, read once."""
    return load_yaml("sources.yaml")["sources"]


@lru_cache(maxsize=1)
def source_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for item in sources():
        for alias in [item["name"], *item.get("aliases", [])]:
            index[normalise(alias)] = item["name"]
    return index


@lru_cache(maxsize=1)
def _source_country_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """One case-sensitive pattern for the names of sources that report from one country."""
    countries: dict[str, str] = {}
    for item in sources():
        if item.get("country"):
            for alias in [item["name"], *item.get("aliases", [])]:
                countries[alias.removeprefix("the ")] = item["country"]
    return whole_words(list(countries)), countries


def whole_words(words: list[str], flags: int = 0) -> re.Pattern[str]:
    """One pattern matching any of `words` as whole words, the longest first ("OSCE SMM" before "SMM")."""
    longest_first = sorted(words, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, longest_first)) + r")\b", flags)


def source_countries(text: str) -> list[str]:
    """The countries of the one-country sources a text cites ("the OSCE SMM observed" -> UA), in order."""
    pattern, countries = _source_country_pattern()
    return [countries[match.group(0)] for match in pattern.finditer(text)]


@lru_cache(maxsize=1)
def ceasefire_monitors() -> dict[str, str]:
    """Canonical names of the sources that count fire across a front line, with the country they watch."""
    return {item["name"]: item["country"] for item in sources() if item.get("ceasefire_monitor")}


def lookup_actor(text: str) -> ActorEntry | None:
    """A named actor for a mention, also when the mention carries extra words ("the U.S.-designated
    terrorist organization Hayat Tahrir al-Sham"): the longest known alias inside it wins."""
    key = normalise(text)
    index = actor_index()
    if key in index:
        return index[key]
    return _longest_alias(key, index, lambda alias: " " in alias or len(alias) > 3)


def lookup_source(text: str) -> str | None:
    """The canonical source name for a mention such as "the opposition-run White Helmets rescue service"."""
    key = normalise(text)
    index = source_index()
    if key in index:
        return index[key]
    return _longest_alias(key, index, lambda alias: len(alias) > 3)


def _longest_alias(key: str, index: dict[str, T], long_enough: Callable[[str], bool]) -> T | None:
    """The entry of the longest alias made of the key's words, among those `long_enough` to trust."""
    words = key.split()
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            alias = " ".join(words[start : start + size])
            if alias in index and long_enough(alias):
                return index[alias]
    return None
