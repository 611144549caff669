"""Actors: normalisation to ACLED-style names and kinds, roles, and sources kept apart."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire import extract
from eventwire.actors import find_mentions
from eventwire.actors.countries import country_code
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


def test_actors_an_organisations_official_is_not_a_government():
    found = mentions("PUK leader Jalal Talabani met the envoy in London.", "GB").actors
    assert not any(m.name.startswith("Government") for m in found)
    # A title with a country word, or none, is still the government's.
    names = [m.name for m in mentions("Turkish Prime Minister Tansu Ciller met the envoy in London.").actors]
    assert names[0] == "Government of Turkey"


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


def test_actors_a_protest_by_a_named_trade_is_by_protesters_of_the_country():
    events = extract(
        "Textile weavers staged a protest in Coimbatore, India, on Monday over wages.", published=PUBLISHED
    )
    protest = next(e for e in events if e.event_type == "Protests")
    assert protest.actor1 is not None and protest.actor1.kind == "protesters"
    assert protest.actor1.name == "Protesters (India)" and not protest.actor1.mention


def test_actors_a_states_forces_abroad_are_external_forces():
    events = extract(
        "Turkish warplanes bombed villages near Zakho in northern Iraq on Sunday.", published=PUBLISHED
    )
    strike = events[0]
    assert strike.location is not None and strike.location.country == "IQ"
    assert strike.actor1 is not None and strike.actor1.name.startswith("Military Forces of Turkey")
    assert strike.actor1.kind == "external/other forces"


def test_actors_unnamed_gangs_are_unidentified_gangs():
    events = extract("A gang shot dead two shopkeepers in Acapulco, Mexico, on Friday.", published=PUBLISHED)
    attack = next(e for e in events if e.event_type == "Violence against civilians")
    assert attack.actor1 is not None and attack.actor1.name == "Unidentified Gang (Mexico)"
    assert attack.actor1.kind == "political militia"


def test_actors_a_country_word_before_a_state_weapon_names_its_military():
    events = extract("Russian shelling killed two civilians in Kharkiv on Monday.", published=PUBLISHED)
    assert events and events[0].actor1 is not None
    assert events[0].actor1.name.startswith("Military Forces of Russia")
    assert events[0].event_type == "Explosions/Remote violence"  # whoever the shells hit


def test_actors_violence_by_no_one_named_is_an_unidentified_armed_group():
    events = extract("Two farmers were shot dead in Zamfara, Nigeria, on Sunday.", published=PUBLISHED)
    assert events and events[0].actor1 is not None
    assert events[0].actor1.name == "Unidentified Armed Group (Nigeria)"
    assert events[0].actor1.kind == "political militia"


def test_actors_the_dead_of_a_blast_did_not_set_it_off():
    text = (
        "Three villagers died when a mine planted by rebels of the PKK exploded near Lice, Turkey, on Sunday."
    )
    blast = extract(text, published=PUBLISHED)[0]
    assert blast.actor1 is not None and blast.actor1.name.startswith("PKK")
    # A verb with no subject of its own still takes the subject of the verb it hangs on.
    raid = extract(
        "Soldiers stormed the village of Kafr Nabl in Syria on Sunday and arrested ten men.",
        published=PUBLISHED,
    )
    assert raid[0].actor1 is not None and raid[0].actor1.name == "Military Forces of Syria"


def test_actors_joint_subjects_of_a_clash_fight_each_other():
    events = extract("The Sudanese army and the RSF clashed in Khartoum on Friday.", published=PUBLISHED)
    clash = events[0]
    assert clash.sub_event_type == "Armed clash"
    assert clash.actor1 is not None and clash.actor1.name == "Military Forces of Sudan"
    assert clash.actor2 is not None and clash.actor2.name.startswith("RSF")


def test_actors_armed_men_are_an_unidentified_armed_group():
    (event,) = extract("Two armed men shot and killed a taxi driver in Culiacan, Mexico on Monday.")
    assert (event.actor1.name, event.actor1.kind) == (
        "Unidentified Armed Group (Mexico)",
        "political militia",
    )


def test_actors_ordinary_people_with_guns_are_an_armed_group():
    (event,) = extract("In Manaus, Brazil, two men opened fire on a bar, killing three people.")
    assert event.actor1.kind == "political militia"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("In Nairobi, Kenya, two men attacked a trader after the fire spread to the market.", "rioters"),
        ("In Nairobi, Kenya, two men attacked a trader at a machine shop.", "rioters"),
        ("In Nairobi, Kenya, two men opened fire on a trader in the market.", "political militia"),
        ("In Nairobi, Kenya, two men attacked a trader with a machine gun.", "political militia"),
    ],
)
def test_actors_weapons_are_named_by_whole_phrases(text, kind):
    """Alone, "fire" and "machine" name no weapon ("the fire spread", "a machine shop"): "opened fire" and
    "machine gun" do."""
    (event,) = [e for e in extract(text) if e.plover == "ASSAULT"]
    assert event.actor1.kind == kind


def test_actors_ordinary_people_with_sticks_are_a_mob():
    (event,) = extract(
        "In Nairobi, Kenya, residents beat a suspected thief with sticks until police arrived."
    )
    assert (event.sub_event_type, event.actor1.name) == ("Mob violence", "Rioters (Kenya)")


def test_actors_police_forces_are_police():
    (event,) = extract("Police forces arrested three opposition activists in Bujumbura, Burundi on Monday.")
    assert event.actor1.name == "Police Forces of Burundi"


def test_actors_people_a_militia_detains_are_abducted_not_arrested():
    (event,) = extract("Al Shabaab militants detained two teachers in Bardera, Somalia on Monday.")
    assert event.sub_event_type == "Abduction/forced disappearance"


def test_actors_soldiers_killing_a_named_civilian_is_an_attack_not_a_clash():
    (event,) = extract("A shepherd was killed by Afghan forces in Laghman, Afghanistan on Monday.")
    assert (event.sub_event_type, event.actor2.kind) == ("Attack", "civilians")


def test_actors_a_man_beaten_by_police_is_not_mob_violence():
    (event,) = [
        e
        for e in extract(
            "In Puebla, Mexico, a man died after he was severely beaten by municipal police officers."
        )
        if e.plover == "ASSAULT"
    ]
    assert event.actor1.kind == "state forces"


def test_actors_houthi_forces_are_the_sanaa_government_forces():
    (event,) = extract("Houthi forces shelled government positions in Marib, Yemen on Monday.")
    assert (event.actor1.name, event.actor1.kind) == (
        "Military Forces of Yemen - Supreme Political Council",
        "state forces",
    )


def test_actors_armed_men_named_by_their_people_or_clan_are_an_identity_militia():
    (event,) = extract(
        "Suspected armed Fulani herdsmen invaded a village in Benue, Nigeria, killing two farmers."
    )
    assert (event.actor1.name, event.actor1.kind) == ("Fulani Ethnic Militia (Nigeria)", "identity militia")
    (event,) = extract("Two clan militias clashed in Kassala, Sudan on Monday.")
    assert (event.actor1.name, event.actor1.kind) == ("Unidentified Clan Militia (Sudan)", "identity militia")


def test_actors_a_longer_group_name_is_no_people():
    (event,) = extract("Black Axe militiamen clashed with rival cultists in Benin City, Nigeria on Monday.")
    assert "Ethnic" not in event.actor1.name


def test_actors_country_after_a_town_places_it_and_does_not_act():
    (event,) = extract("Gunmen attacked a camp in Jonglei, South Sudan, killing two herders.")
    assert event.actor2 is None or not event.actor2.name.startswith("Government")


def test_actors_an_attack_on_a_village_with_no_armed_side_is_violence_against_civilians():
    (event,) = extract("Suspected militiamen attacked the village of Tieba in Mopti, Mali on Saturday.")
    assert event.sub_event_type == "Attack"


@pytest.mark.parametrize(
    ("name", "iso2"),
    [
        ("Ivory Coast", "CI"),
        ("Kosovo", "XK"),
        ("Curacao", "CW"),
        ("Curaçao", "CW"),
        ("Republic of Congo", "CG"),
    ],
)
def test_actors_acled_country_names_and_unaccented_spellings_resolve(name, iso2):
    assert country_code(name) == iso2


@pytest.mark.parametrize(
    "text",
    [
        "Afghan forces repelled an attack by Taliban militants in Wardak, Afghanistan on Monday.",
        "Nine Taliban militants were killed when Afghan forces repulsed their attack in Urozgan, Afghanistan.",
    ],
)
def test_actors_the_side_whose_attack_was_repelled_comes_first(text):
    (event,) = [e for e in extract(text) if e.plover == "ASSAULT"]
    assert (event.actor1.name, event.actor2.name) == ("Taliban", "Military Forces of Afghanistan")


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "Shells fired by LNA forces fell on a village near Tripoli, Libya on Monday.",
            "Military Forces of Libya - Haftar Faction",
        ),
        (
            "A landmine planted by regime forces exploded near Hama, Syria, injuring a child.",
            "Military Forces of Syria",
        ),
    ],
)
def test_actors_the_agent_of_a_weapon_is_its_user(text, actor1):
    (event,) = [e for e in extract(text) if e.plover == "ASSAULT"]
    assert event.actor1.name == actor1


def test_actors_ordinary_people_attacking_without_weapons_are_a_mob():
    (event,) = [
        e
        for e in extract("Refugees attacked a group of traders in Kakuma camp, Kenya on Monday.")
        if e.plover == "ASSAULT"
    ]
    assert (event.sub_event_type, event.actor1.kind) == ("Mob violence", "rioters")


def test_actors_those_whose_vehicle_struck_a_bomb_are_its_victims():
    (event,) = [
        e
        for e in extract("An army vehicle struck an IED near Banh, Burkina Faso on Monday.")
        if e.plover == "ASSAULT"
    ]
    assert event.actor2.name == "Military Forces of Burkina Faso"
    assert event.actor1.name.startswith("Unidentified Armed Group")


def test_actors_a_withdrawal_is_never_violence():
    events = extract("The army withdrew from Kidal, Mali without firing a shot on Monday.")
    assert all(e.event_type not in {"Battles", "Violence against civilians"} for e in events)


def test_actors_a_man_killed_in_a_clash_is_no_mob():
    events = extract(
        "A man was killed in a clash between two rival groups in Gaibandha, Bangladesh on Sunday."
    )
    assert all(
        e.actor1 is None or e.actor1.name != "Rioters (Bangladesh)" or e.sub_event_type != "Mob violence"
        for e in events
    )


def test_actors_fire_a_monitor_counted_is_the_watched_states_forces():
    (event,) = extract("The OSCE SMM observed 15 explosions near Zolote-5.", published=PUBLISHED)
    assert event.event_type in {"Battles", "Explosions/Remote violence"}
    assert event.actor1.name == "Military Forces of Ukraine"
    assert event.reported_by == "OSCE Special Monitoring Mission to Ukraine"


def test_actors_fire_a_monitor_counted_keeps_a_named_side():
    (event,) = extract(
        "The OSCE SMM observed 20 explosions after Donetsk People's Republic fighters fired mortars.",
        published=PUBLISHED,
    )
    assert event.actor1.name != "Military Forces of Ukraine"


def test_actors_an_event_no_place_locates_takes_the_country_its_people_imply():
    (event,) = extract("Lebanese truck drivers blocked the bridge in both directions.", published=PUBLISHED)
    assert event.event_type == "Protests"
    assert (event.location.country, event.location.geo_precision) == ("LB", 3)


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Gunmen on motorbikes seized a vehicle of the NGO near the town.", "Looting/property destruction"),
        (
            "Militants abducted three traders and seized their phones near the town.",
            "Abduction/forced disappearance",
        ),
        (
            "Al-Shabaab militants seized control of the town after government troops left.",
            "Non-state actor overtakes territory",
        ),
    ],
)
def test_actors_a_seizure_of_goods_is_looting_not_territory(text, sub):
    events = extract(text, published=PUBLISHED)
    assert events[0].sub_event_type == sub
