"""A toll told place by place in one sentence is one event per place, and the sentence that sums them
is their total, not one more event. Sentences are made up for these tests; the pipeline is the real one."""

from __future__ import annotations

import datetime as dt

from eventwire.model import Document
from eventwire.pipeline import extract_documents
from eventwire.settings import Settings


def events(text: str, emit_all: bool = False):
    document = Document(id="t", text=text, published=dt.date(2024, 3, 8))
    return next(iter(extract_documents([document], Settings(emit_all=emit_all))))


def test_each_place_of_a_toll_list_is_an_event_with_its_own_toll() -> None:
    found = events(
        "Soldiers killed nine guerrillas in Sirnak province and six in Hakkari on Monday, officials said."
    )
    by_place = {e.location.mention: e.fatalities.best for e in found}
    assert by_place == {"Sirnak": 9, "Hakkari": 6}
    assert all(e.event_type == "Battles" for e in found)


def test_the_sum_of_the_parts_is_their_total_not_another_event() -> None:
    text = (
        "Turkish troops have killed 17 Kurdish rebels in recent clashes in the southeast of the country, "
        "officials said on Friday. Eight of the rebels were killed in Van province, five in Sirnak and "
        "four in Hakkari."
    )
    found = events(text)
    assert sorted(e.fatalities.best for e in found) == [4, 5, 8]
    assert sum(e.fatalities.best for e in found) == 17
    # The parts take who fought from the total.
    assert all(e.actor1 is not None and "Turkey" in e.actor1.name for e in found)
    total = [e for e in events(text, emit_all=True) if e.status == "cumulative"]
    assert [e.fatalities.best for e in total] == [17]


def test_a_list_of_places_without_counts_is_not_split() -> None:
    found = events("Police fired tear gas at protesters in Nairobi and in Kisumu on Monday.")
    assert len([e for e in found if e.event_type is not None]) >= 1
    assert all(e.fatalities is None or not e.fatalities.best for e in found)
    single = events("Gunmen killed five villagers in Kaduna on Monday and fled, police said.")
    assert [e.fatalities.best for e in single if e.event_type is not None] == [5]


def test_a_total_told_before_parts_in_several_sentences() -> None:
    text = (
        "Turkish troops killed 25 Kurdish rebels in recent clashes in the east of the country, officials "
        "said on Wednesday. The governor's office said that 10 rebels from the Kurdistan Workers Party "
        "(PKK) were killed in fighting in Tunceli province. Soldiers killed nine more PKK guerrillas in "
        "Sirnak province and six in Hakkari."
    )
    found = [e for e in events(text) if e.event_type is not None]
    assert sorted(e.fatalities.best for e in found) == [6, 9, 10]
    # Tolls that do not add up to it leave a mention as its own event.
    apart = "Gunmen killed 12 people in Kaduna on Monday. Bandits killed five in Zamfara and four in Sokoto."
    tolls = sorted(e.fatalities.best for e in events(apart) if e.event_type is not None)
    assert tolls == [4, 5, 12]
