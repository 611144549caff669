"""Sides read from the whole incident (eventwire.article.sides): who fought whom decides the event type."""

from __future__ import annotations

import datetime as dt

from eventwire import extract

PUBLISHED = dt.date(2015, 3, 2)


def test_armed_men_shot_dead_by_armed_men_is_a_battle():
    (event,) = extract(
        "Algerian security forces shot dead three Moslem guerrillas near Blida on Sunday, the army said.",
        published=PUBLISHED,
    )
    assert event.sub_event_type == "Armed clash"
    assert (event.actor1.kind, event.actor2.kind) == ("state forces", "rebel group")


def test_a_party_activist_shot_dead_is_a_civilian_victim():
    """ACLED codes a party's members killed by assailants as civilians, their party an associate."""
    (event,) = extract(
        "Unidentified assailants shot dead an activist of the Awami Jubo League at Baghdanga village in "
        "Jessore on Sunday night.",
        published=PUBLISHED,
    )
    assert event.event_type == "Violence against civilians"
    assert event.sub_event_type == "Attack"
