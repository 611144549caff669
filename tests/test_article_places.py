"""An incident told at a region takes the narrower place the next sentence gives it, and a quoted report
tells more of an incident the article reports. Sentences are made up for these tests; the pipeline is the
real one."""

from __future__ import annotations

import datetime as dt

from eventwire.model import Document
from eventwire.pipeline import extract_documents
from eventwire.settings import Settings


def events(text: str, emit_all: bool = False):
    document = Document(id="t", text=text, published=dt.date(1996, 8, 23))
    return [e for e in next(iter(extract_documents([document], Settings(emit_all=emit_all))))]


def test_a_region_is_narrowed_by_the_next_sentence() -> None:
    found = events(
        "Three people died when a mine planted by rebels exploded on a road in the southeast of Turkey on "
        "Thursday, officials said. A taxi carrying the guards hit the mine in the province of Diyarbakir."
    )
    assert len(found) == 1
    assert found[0].location.admin1 == "Diyarbakır"
    assert found[0].location.mention == "Diyarbakir"
    assert [v.text for v in found[0].evidence if v.field == "location"] == ["Diyarbakir"]


def test_a_region_stays_when_nothing_narrower_follows() -> None:
    found = events(
        "Three people died when a mine planted by rebels exploded on a road in southeastern Turkey on "
        "Thursday, officials said. The guards were members of a state-paid militia."
    )
    assert len(found) == 1
    assert found[0].location.geo_precision == 3
    assert found[0].location.country == "TR"


def test_a_sentence_telling_its_own_incident_does_not_narrow_another() -> None:
    found = events(
        "Rebels killed two soldiers in an ambush in eastern Turkey on Thursday, officials said. "
        "Separately, gunmen shot dead a village guard in Sivas on Friday."
    )
    places = {e.location.name for e in found}
    assert "Sivas" in places
    ambush = [e for e in found if e.fatalities and e.fatalities.best == 2]
    assert len(ambush) == 1 and ambush[0].location.geo_precision == 3


def test_a_compass_region_does_not_take_a_place_far_from_it() -> None:
    found = events(
        "Kidnappers seized a Dutch couple who manage a farm in northern Costa Rica on Saturday, police "
        "said. The couple's family in San Jose was told of a ransom demand."
    )
    seized = [e for e in found if e.event_type is not None]
    assert len(seized) == 1
    assert seized[0].location.name != "San José"
    assert seized[0].location.country == "CR"


def test_a_quoted_report_tells_more_of_the_reported_incident() -> None:
    text = (
        "A Kurdish group on Saturday accused government forces of killing two civilians in shelling in "
        'northern Iraq, the agency reported. "The army heavily shelled the camp, west of Arbil, on '
        'Friday ... Two civilians were killed in the bombing," the agency quoted the radio as saying.'
    )
    found = events(text)
    shelling = [e for e in found if e.event_type == "Explosions/Remote violence"]
    assert len(shelling) == 1
    assert shelling[0].location.name == "Erbil"
    assert shelling[0].fatalities.best == 2
    # Without a reported incident to tell, a quotation stays a speaker's words, not an event.
    alone = events(
        'The commander spoke to reporters. "The army shelled the camp, west of Arbil, on Friday and '
        'then it shelled the town again," he said.'
    )
    assert [e for e in alone if e.event_type is not None] == []
    assert any(e.status_reason == "quoted" for e in events(text.split(". ", 1)[1], emit_all=True))


def test_an_unplaced_incident_is_not_moved_to_a_recalled_incidents_place() -> None:
    text = (
        "Activists in protest.\nBONN 1996-08-29\n"
        "About 200 anti-nuclear activists protested on Thursday against waste transports, police said.\n"
        "Last May dozens of demonstrators and police were injured in violent clashes around the Gorleben "
        "depot."
    )
    protests = [e for e in events(text) if e.event_type == "Protests"]
    assert len(protests) == 1
    assert protests[0].location.name == "Bonn"
    # A place the body gives the incident's own story is still the article's place.
    told = text.replace("police said.", "police said.\nThey marched through the streets of Cologne.")
    protests = [e for e in events(told) if e.event_type == "Protests"]
    assert protests and protests[0].location.name == "Köln"


def test_what_an_earlier_demonstration_turned_into_does_not_type_todays_protest() -> None:
    today = events(
        "About 200 German anti-nuclear activists protested on Thursday against nuclear waste transports "
        "by re-enacting scenes from a demonstration they staged in May that turned into a violent clash "
        "with police."
    )
    assert [e.sub_event_type for e in today if e.plover == "PROTEST"] == ["Peaceful protest"]
    itself = events(
        "Students staged a march in Nairobi on Monday that turned into a violent clash with police."
    )
    assert "Violent demonstration" in {e.sub_event_type for e in itself}
