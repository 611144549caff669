"""Actors: normalisation to ACLED-style names and kinds, roles, and sources kept apart."""

from __future__ import annotations

import datetime as dt

from eventwire import extract
from eventwire.actors import find_mentions
from eventwire.actors.dictionary import lookup_actor, lookup_source
from eventwire.nlp import get_nlp

PUBLISHED = dt.date(2024, 3, 4)


def mentions(text: str, country: str | None = None):
    doc = get_nlp()(text)
    return find_mentions(next(iter(doc.sents)), country)


def test_actors_conjoined_demonyms_give_two_state_forces():
    names = [m.name for m in mentions("Russian and Syrian warplanes bombed the town.").actors]
    assert names[:2] == ["Military Forces of Russia", "Military Forces of Syria"]


def test_actors_alias_and_full_name_are_one_actor():
    assert lookup_actor("HTS").name == lookup_actor("Hayat Tahrir al-Sham").name == "Hayat Tahrir al-Sham"


def test_actors_named_group_absorbs_its_role_noun():
    names = [m.name for m in mentions("Al-Shabaab fighters attacked a military base.", "SO").actors]
    assert "Al Shabaab" in names
    assert not any(n.startswith("Unidentified Armed Group") for n in names)


def test_actors_sources_are_not_actors():
    found = mentions("Gunmen killed two farmers, the Syrian Observatory for Human Rights said.", "SY")
    assert [s[0] for s in found.sources] == ["Syrian Observatory for Human Rights"]
    assert all("Observatory" not in m.name for m in found.actors)
    assert (
        lookup_source("the opposition-run White Helmets rescue service")
        == "White Helmets (Syria Civil Defence)"
    )


def test_actors_official_stands_for_government():
    names = [m.name for m in mentions("Iranian Foreign Minister Abbas Araqchi visited Damascus.").actors]
    assert names[0] == "Government of Iran"


def test_actors_attack_on_civilians_names_victims_and_doer():
    (event,) = [
        e
        for e in extract("Gunmen shot dead five villagers in Zamfara state on Sunday.", published=PUBLISHED)
        if e.plover == "ASSAULT"
    ]
    assert event.actor1.kind == "political militia"
    assert event.actor2.name == "Civilians (Nigeria)"
    assert event.sub_event_type == "Attack"


def test_actors_protesters_are_protesters_even_when_called_residents():
    (event,) = extract(
        "Hundreds of residents protested in Nairobi on Monday against fuel prices.", published=PUBLISHED
    )
    assert event.plover == "PROTEST" and event.actor1.kind == "protesters"
    assert event.actor1.name == "Protesters (Kenya)"
