"""Event detection: triggers, and mentions that are not events."""

from __future__ import annotations

import pytest

from eventwire.detect import detect_candidates
from eventwire.nlp import get_nlp


def candidates(text: str):
    doc = get_nlp()(text)
    return [c for sent in doc.sents for c in detect_candidates(sent)]


def plovers(text: str) -> list[str | None]:
    return [c.plover for c in candidates(text)]


def test_detect_airstrike_is_aerial_assault():
    (found,) = candidates("Israeli warplanes carried out airstrikes on the town on Tuesday.")
    assert (found.plover, found.mode, found.sub_event_type) == ("ASSAULT", "aerial", "Air/drone strike")


def test_detect_negated_attack_is_not_an_event():
    assert "ASSAULT" not in plovers("The army did not attack the village.")


def test_detect_hypothetical_attack_is_not_an_event():
    assert "ASSAULT" not in plovers("Officials said the militants could attack the capital.")


def test_detect_threat_is_kept_but_the_threatened_violence_is_not():
    found = plovers("The president vowed to crush the rebel offensive.")
    assert found == ["THREATEN"]


def test_detect_quoted_words_are_not_events():
    assert plovers('"They fled and abandoned us," a merchant said.') == []


def test_detect_topic_of_talks_is_not_fighting():
    assert plovers("The ministers met in Geneva to discuss the fighting.") == ["CONSULT"]


def test_detect_request_for_comment_is_journalism():
    assert "REQUEST" not in plovers("Reuters has requested comment from the defence ministry.")


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("A roadside bomb exploded near a police patrol.", "Remote explosive/landmine/IED"),
        ("Rebels shelled government positions with artillery.", "Shelling/artillery/missile attack"),
        ("A suicide bomber blew himself up at a checkpoint.", "Suicide bomb"),
        ("Police arrested twelve opposition activists.", "Arrests"),
        ("The militants seized control of the town.", "Non-state actor overtakes territory"),
        ("Gunmen abducted three aid workers.", "Abduction/forced disappearance"),
    ],
)
def test_detect_sub_event_type_from_trigger(text, sub):
    assert sub in {c.sub_event_type for c in candidates(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds of nurses gathered in the capital against pension cuts.",
        "Farmers blocked the highway near the town with tractors on Monday.",
    ],
)
def test_detect_ordinary_verbs_tell_a_protest_with_their_cause_or_road(text):
    assert plovers(text)[0] == "PROTEST"


@pytest.mark.parametrize(
    "text",
    [
        "Families gathered at the stadium for the cup final on Sunday.",
        "The senate blocked the budget bill on Tuesday.",
    ],
)
def test_detect_ordinary_verbs_without_a_cause_are_not_protests(text):
    assert "PROTEST" not in plovers(text)


@pytest.mark.parametrize(
    "text",
    [
        "On 8 March 2022, residents gathered in the square to protest against a dam.",
        "On March 8, residents gathered in the square to protest against a dam.",
    ],
)
def test_detect_month_name_is_not_a_march(text):
    (found,) = candidates(text)
    assert "March" not in [t.text for t in found.triggers]


def test_detect_lowercase_march_is_still_a_protest():
    assert plovers("Thousands of people joined a march through the capital on Monday.") == ["PROTEST"]


def test_detect_hyphenated_trigger_matches_split_tokens():
    (found,) = candidates("Dozens of farm workers organized a sit-in outside the ministry.")
    assert (found.plover, found.main.text) == ("PROTEST", "sit-in")


def test_detect_regular_form_the_lemmatiser_misses():
    # The small model lemmatises "raped" as "rap".
    (found,) = candidates("A soldier raped a woman in the village on Tuesday.")
    assert found.sub_event_type == "Sexual violence"


def test_detect_setting_houses_on_fire_is_property_destruction():
    (found,) = candidates("Soldiers set several houses on fire in the village.")
    assert found.sub_event_type == "Looting/property destruction"


@pytest.mark.parametrize(
    "text",
    [
        "Locals staged a protest in the town over the murder of a tailor by two men.",
        "People marched in the city to call for justice for a man killed by the police two weeks ago.",
        "Residents held a demonstration in the capital after a man was shot by a police officer.",
    ],
)
def test_detect_violence_a_protest_is_about_is_not_an_event(text):
    found = plovers(text)
    assert "PROTEST" in found and "ASSAULT" not in found


def test_detect_violence_against_protesters_is_kept():
    assert "ASSAULT" in plovers("Police shot dead two protesters during a rally in the capital.")


def test_detect_banners_and_placards_tell_a_demonstration():
    (found,) = candidates("Members of a civic group held a press conference with a banner outside city hall.")
    assert found.plover == "PROTEST"


@pytest.mark.parametrize(
    "text",
    [
        "Rebels fired mortars, heavy machine guns and small arms at army positions near the town.",
        "A clash between the two forces, involving heavy artillery fire, was reported in the district.",
    ],
)
def test_detect_heavy_weapons_in_a_ground_fight_are_an_armed_clash(text):
    (found,) = candidates(text)
    assert found.sub_event_type == "Armed clash"


@pytest.mark.parametrize(
    "text",
    [
        "Government forces shelled a small village near the border on Monday.",
        "Army artillery shelled the machine shop in the village on Monday.",
    ],
)
def test_detect_small_arms_words_count_only_as_whole_phrases(text):
    (found,) = candidates(text)
    assert found.sub_event_type == "Shelling/artillery/missile attack"


@pytest.mark.parametrize(
    "text",
    [
        "Militants fired mortars and machine-gun fire at the base on Monday.",
        "Rebels shelled the base with mortars and small arms on Monday.",
    ],
)
def test_detect_small_arms_phrases_make_shelling_a_clash(text):
    (found,) = candidates(text)
    assert found.sub_event_type == "Armed clash"


def test_detect_shelling_alone_stays_shelling():
    (found,) = candidates("Government forces shelled the village with mortars on Monday.")
    assert found.sub_event_type == "Shelling/artillery/missile attack"


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers discovered and defused two IEDs planted by militants near the town.",
        "Security forces found and destroyed a suspected bomb placed near a shelter.",
        "Air defences shot down a drone over the city.",
    ],
)
def test_detect_a_weapon_found_or_stopped_is_disrupted_not_used(text):
    assert [c.sub_event_type for c in candidates(text)] == ["Disrupted weapons use"]


def test_detect_finding_a_body_near_a_bomb_site_is_no_disruption():
    found = [c.sub_event_type for c in candidates("Police found the body of a man near the bomb site.")]
    assert "Disrupted weapons use" not in found


def test_detect_a_body_found_with_a_bullet_is_a_killing():
    (found,) = candidates("Police found the body of a young man with a bullet in his head near the market.")
    assert (found.plover, found.sub_event_type) == ("ASSAULT", "Attack")


def test_detect_a_body_found_after_a_flood_is_no_killing():
    assert candidates("Rescuers found the body of a boy swept away by the flood.") == []


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("The district entered a two-week coronavirus lockdown on Monday.", "COERCE"),
        ("A US military patrol took place near the town.", "MOBILIZE"),
    ],
)
def test_detect_restrictions_and_troop_movements(text, plover):
    assert plover in plovers(text)


def test_detect_shelling_without_casualties_is_still_shelling():
    assert "ASSAULT" in plovers("Houthi forces shelled the area of Jabal Yusuf without causing any injuries.")


def test_detect_withdrawing_without_firing_a_shot_is_no_attack():
    assert "ASSAULT" not in plovers("The army withdrew from the town without firing a shot.")


def test_detect_a_vehicle_that_struck_a_bomb_is_a_bombing_not_a_strike():
    (found,) = candidates("An army vehicle struck an IED near the village, injuring several soldiers.")
    assert found.sub_event_type == "Remote explosive/landmine/IED"


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("A joint patrol by Turkish and Russian forces took place on the highway.", "MOBILIZE"),
        ("Palestinians hurled Molotov cocktails at a police vehicle near the town.", "PROTEST"),
        ("Two human heads were found along with a threatening message.", "ASSAULT"),
        ("Gym owners did a motorcade to demand the re-opening of gyms.", "PROTEST"),
    ],
)
def test_detect_movements_riots_remains_and_motorcades(text, plover):
    assert plover in plovers(text)


def test_detect_damage_at_a_demonstration_is_the_demonstration():
    found = plovers("Hundreds of residents blocked the highway with burning tyres to demand water.")
    assert "PROTEST" in found
    assert "ASSAULT" not in found


def test_detect_a_march_with_torches_burns_nothing():
    assert "ASSAULT" not in plovers(
        "Around 100 people staged a protest march with torches against the lockdown."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Protesting residents were beaten up by dozens of police during their protest in the square.",
        "Police fired rubber bullets and tear gas to disperse the weekly march.",
        "Stone-pelting youths clashed with police, who lobbed tear gas shells, during a demonstration.",
    ],
)
def test_detect_force_against_a_demonstration_is_the_demonstration(text):
    assert plovers(text) == ["PROTEST"]


def test_detect_an_execution_a_demonstration_remembers_is_no_event():
    text = "A demonstration was held in Ankara in remembrance of student activists who had been executed."
    assert "ASSAULT" not in plovers(text)


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("About 3,600 refugees from Ukraine arrived in the country and were registered.", "Other"),
        (
            "Settlers uprooted 450 vine seedlings belonging to Palestinian farmers.",
            "Looting/property destruction",
        ),
        ("Soldiers sealed off the house of a lawmaker in the village.", "Looting/property destruction"),
        ("Neighbours surrounded the theatre to demand its reopening.", "Peaceful protest"),
        (
            "Residents blocked the entrance to the village with stones to keep outsiders away.",
            "Peaceful protest",
        ),
    ],
)
def test_detect_displacement_land_seizure_and_crowds(text, sub):
    assert sub in [c.sub_event_type for c in candidates(text)]


def test_detect_refugees_are_no_event_by_themselves():
    assert candidates("The camp shelters thousands of refugees.") == []
