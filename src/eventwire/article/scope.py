"""ACLED's scope: accidents, natural disasters, ordinary crime, standard police enforcement and sports
violence are not political violence, however violent their words ("a gas explosion killed five", "fought
two apartment fires", "charged with assault after a bus incident").

A sentence is out of scope when it holds such words and none that give the violence a political actor or
motive (rebels, soldiers, a protest, a bomb). An article whose headline and lede are an accident or a
disaster, and that has no political word anywhere, is out of scope as a whole: its later sentences
("the blast killed five") need not repeat the gas.
"""

from __future__ import annotations

from functools import cache

from eventwire.article.cues import phrase_pattern, scope_cues

CATEGORIES = ("accident_words", "disaster_words", "crime_words", "police_words", "sport_words")
# Mob justice on a thief and a crowd's clash with the police are ACLED's; a flood, a crash or a match
# never makes a crowd's violence political.
NEVER_POLITICAL = ("accident_words", "disaster_words", "sport_words")


class ScopeReader:
    """Reads one article's scope once, then each sentence's."""

    def __init__(self, opening: str, article: str) -> None:
        political = _political(article)
        # The whole article's reason, per set of categories: read once, not at every mention.
        self.article_reasons = {
            categories: None if political else _outside_words(opening, categories)
            for categories in (CATEGORIES, NEVER_POLITICAL)
        }

    def outside(self, sentence: str, categories: tuple[str, ...] = CATEGORIES) -> str | None:
        """The words of these categories that put a sentence outside ACLED's scope, or None."""
        if found := self.article_reasons[categories]:
            return found
        found = _outside_words(sentence, categories)
        return found if found and not _political(sentence) else None


def _outside_words(text: str, categories: tuple[str, ...]) -> str | None:
    for category in categories:
        match = _pattern(category).search(text)
        if match:
            return match.group(0)
    return None


def _political(text: str) -> bool:
    return _pattern("political_words").search(text) is not None


@cache
def _pattern(category: str):
    return phrase_pattern(scope_cues()[category])
