"""The language pack's word lists are clean: lower case, no duplicates, and no bare adjective standing for
a phrase ("small" in a list meant as "small arms" matches "a small village")."""

from __future__ import annotations

from collections import Counter

import pytest

from eventwire.lang import lexicon
from eventwire.lang.lexicon import phrase_tokens
from eventwire.nlp import get_nlp

ADJECTIVE_TAGS = {"JJ", "JJR", "JJS"}


def list_problems(name: str, entries: list[str] | tuple[str, ...]) -> list[str]:
    """What is wrong with one word list: entries not in lower case, entries written twice."""
    problems = [f"{name}: {entry!r} is not lower case" for entry in entries if entry != entry.lower()]
    problems += [f"{name}: {entry!r} is listed {n} times" for entry, n in Counter(entries).items() if n > 1]
    return problems


def bare_adjectives(entries: list[str] | tuple[str, ...]) -> list[str]:
    """Single-word entries tagged as adjectives in a list that holds phrases: a list with "small arms" in
    it is matched phrase by phrase, and a lone "small" there is a fragment of a phrase, not a cue."""
    if not any(len(phrase_tokens(e)) > 1 for e in entries):
        return []
    nlp = get_nlp()
    singles = [e for e in entries if len(phrase_tokens(e)) == 1]
    return [word for word in singles if nlp(word)[0].tag_ in ADJECTIVE_TAGS]


def test_data_lint_finds_the_problems_it_looks_for():
    """Positive control: the checks catch a list with each fault."""
    problems = list_problems("sample", ["Rifles", "sniper", "sniper"])
    assert problems == ["sample: 'Rifles' is not lower case", "sample: 'sniper' is listed 2 times"]
    assert bare_adjectives(["small arms", "small", "rifles", "machine gun"]) == ["small"]
    assert bare_adjectives(["small", "rifles"]) == []  # a list of single words is read word by word


def test_data_lint_pack_lists_are_lower_case_without_duplicates():
    pack = lexicon("en")
    names = pack.names("lists")
    assert len(names) > 50
    problems = [p for name in names for p in list_problems(name, pack.entries(name))]
    assert problems == []


def test_data_lint_phrase_lists_hold_no_bare_adjectives():
    pack = lexicon("en")
    found = {name: bare_adjectives(pack.entries(name)) for name in pack.names("lists")}
    assert {name: words for name, words in found.items() if words} == {}


@pytest.mark.parametrize("name", lexicon("en").names("patterns"))
def test_data_lint_every_pattern_compiles_with_its_references(name):
    assert lexicon("en").regex(name).pattern
