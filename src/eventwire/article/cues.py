"""The article stage's words, read once from `data/article.yaml`."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from eventwire.actors.dictionary import whole_words
from eventwire.nlp import load_yaml


@lru_cache(maxsize=1)
def article_cues() -> dict[str, Any]:
    return load_yaml("article.yaml")


def layout_cues() -> dict[str, Any]:
    return article_cues()["layout"]


def status_cues() -> dict[str, Any]:
    return article_cues()["status"]


def scope_cues() -> dict[str, Any]:
    return article_cues()["scope"]


@lru_cache(maxsize=256)
def _compiled(words: tuple[str, ...]) -> re.Pattern[str]:
    return whole_words(list(words), re.IGNORECASE)


def phrase_pattern(words: list[str]) -> re.Pattern[str]:
    """One case-blind pattern for a list of words and phrases, matched whole, built once per list."""
    return _compiled(tuple(words))
