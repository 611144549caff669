"""Actors named by what they are rather than who: "Syrian warplanes", "gunmen", "protesters", "civilians".

ACLED names such actors by role and country: "Military Forces of Syria", "Police Forces of Kenya",
"Unidentified Armed Group (Nigeria)", "Protesters (India)", "Rioters (Mexico)", "Civilians (Syria)".
"""

from __future__ import annotations

from dataclasses import dataclass

from eventwire.lang import lexicon
from eventwire.nlp import load_yaml


@dataclass(frozen=True)
class GroupNoun:
    template: str  # "{country}" is replaced by the country's short name
    kind: str


def _load() -> dict[str, GroupNoun]:
    table = load_yaml("group_nouns.yaml")
    nouns: dict[str, GroupNoun] = {}
    for group in table["groups"]:
        for lemma in group["lemmas"]:
            nouns[lemma] = GroupNoun(group["template"], group["kind"])
    return nouns


GROUP_NOUNS = _load()
GOVERNMENT_MODIFIERS = lexicon("en").words("government_modifiers")
REBEL_MODIFIERS = lexicon("en").words("rebel_modifiers")
TITLES = lexicon("en").words("official_titles")


def group_noun(lemma: str) -> GroupNoun | None:
    return GROUP_NOUNS.get(lemma.lower())


def group_name(noun: GroupNoun, country_name: str | None) -> str:
    """The ACLED-style name; without a country the parenthesis is left out rather than guessed."""
    if country_name is None:
        return noun.template.replace(" ({country})", "").replace(" of {country}", "")
    return noun.template.format(country=country_name)


# Words that make armed men a communal, clan or tribal militia (ACLED's identity militias, inter code 4).
IDENTITY_MODIFIERS = lexicon("en").table("identity_militia_modifiers")
# Capitalised words before "militants" that name a faith or doctrine, not a people.
NOT_PEOPLES = lexicon("en").words("faiths_and_doctrines")


def identity_militia(noun: GroupNoun, modifiers: list[str]) -> GroupNoun | None:
    """Armed men named by their clan, community or people ("clan militias", "cattle raiders", "Fulani
    gunmen", "Zamfara militia"): ACLED's identity militia, "<People> Ethnic Militia (Country)"."""
    if noun.kind != "political militia" or noun.template.startswith("Unidentified Gang"):
        return None
    for word in modifiers:
        template = IDENTITY_MODIFIERS.get(word.lower())
        if template:
            return GroupNoun(template, "identity militia")
    for word in modifiers:
        if word[:1].isupper() and word[1:].islower() and word.isalpha() and word.lower() not in NOT_PEOPLES:
            return GroupNoun(f"{word} Ethnic Militia ({{country}})", "identity militia")
    return None
