"""What decides a place's country besides its own name: province abbreviations, named actors, generic
qualifiers, strays matched under another spelling, nested "X, Y" pairs and the scene of "the embassy in
X". Sentences are made up for these tests; the gazetteer is the real one."""

from __future__ import annotations

from collections import Counter

import pytest
from spacy.language import Language

from eventwire.geo import event_location, find_places
from eventwire.geo.context import Context, dateline_country, scene_countries, stated_countries
from eventwire.geo.gazetteer import get_gazetteer
from eventwire.geo.spans import find_mentions, qualifies_noun
from eventwire.model import Location
from eventwire.nlp import get_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return get_nlp()


def locate(nlp: Language, text: str) -> Location:
    doc = nlp(text)
    found = event_location(find_places(doc), 0, len(text), doc)
    assert found is not None
    return found[0]


def stated(nlp: Language, text: str) -> dict[str, float]:
    doc = nlp(text)
    gazetteer = get_gazetteer()
    return dict(
        stated_countries(doc, find_mentions(doc, gazetteer), gazetteer, scene_countries(doc, gazetteer), None)
    )


def test_province_abbreviation_qualifies_the_town(nlp: Language) -> None:
    location = locate(nlp, "Traders shut their shops in Gorakhpur (UP) in protest.")
    assert (location.country, location.admin1) == ("IN", "Uttar Pradesh")


def test_al_quds_in_the_west_bank_is_palestine(nlp: Language) -> None:
    location = locate(nlp, "Israeli forces raided homes in Al Quds - Silwan (Al Quds, West Bank) at dawn.")
    assert location.country == "PS"


def test_local_armed_group_states_its_country(nlp: Language) -> None:
    assert stated(nlp, "Houthi fighters fired mortars overnight, witnesses said.").get("YE", 0) > 0


def test_a_mission_states_the_country_it_acts_in(nlp: Language) -> None:
    assert stated(nlp, "MONUSCO peacekeepers patrolled the road overnight.").get("CD", 0) > 0
    assert stated(nlp, "NATO aircraft patrolled the border overnight.") == {}


def test_the_backer_of_a_force_is_not_its_scene(nlp: Language) -> None:
    """ "Saudi-led" names who leads the coalition; the coalition acts in Yemen."""
    countries = stated(nlp, "Saudi-led coalition airstrikes targeted Al Yasbil areas overnight.")
    assert countries.get("YE", 0) > 0 and "SA" not in countries
    assert "IR" not in stated(nlp, "Iranian-backed militias fired rockets at the base.")


def test_repeated_name_nests_in_its_own_commune(nlp: Language) -> None:
    location = locate(nlp, "Armed men raided the weekly market of Oursi (Oursi, Oudalan) at noon.")
    assert location.country == "BF"


def test_generic_qualifier_yields_to_the_phrase_country(nlp: Language) -> None:
    text = "Soldiers burned homes in Ywathit (East) village, Kani township (Monywa district, Sagaing region)."
    assert locate(nlp, text).country == "MM"


def test_generic_qualifier_yields_to_the_named_town(nlp: Language) -> None:
    assert locate(nlp, "Youths protested in Sitra (Central) over the arrests.").country == "BH"


def test_village_under_another_spelling_yields_to_the_article(nlp: Language) -> None:
    text = "Dozens of pensioners picketed the akimat in the Almaly district of Almaty city."
    assert locate(nlp, text).country == "KZ"
    houthis = "Houthi fighters shelled homes in Battar village on Sunday, residents in Taizz said."
    assert locate(nlp, houthis).country == "YE"


def test_town_nested_in_the_next_name_is_a_place(nlp: Language) -> None:
    location = locate(nlp, "Missiles struck Derhachi, Kharkiv at night while people slept.")
    assert (location.country, location.geo_precision) == ("UA", 1)


def test_the_city_of_an_embassy_is_the_scene(nlp: Language) -> None:
    location = locate(nlp, "Students marched to the US Embassy in Lusaka against the visa rules.")
    assert location.country == "ZM"


def test_city_council_of_a_city_is_the_scene(nlp: Language) -> None:
    text = (
        "Nurses rallied in front of the city council of Marseille, demanding help for refugees from Ukraine."
    )
    assert locate(nlp, text).country == "FR"


def test_lower_case_initial_name_qualifies(nlp: Language) -> None:
    location = locate(nlp, "Protesters rallied in Umlazi (eThekwini, KwaZulu-Natal) over water cuts.")
    assert location.country == "ZA"


def test_area_in_a_province(nlp: Language) -> None:
    location = locate(nlp, "A roadside bomb hit a patrol in Karak area in Dar'a at dawn.")
    assert location.country == "SY"


def test_province_named_most_weighs_most(nlp: Language) -> None:
    gazetteer = get_gazetteer()
    doc = nlp("Indiana lost jobs, Indiana officials said, and Indiana expects layoffs while Kentucky gained.")
    mentions = find_mentions(doc, gazetteer)
    context = Context(Counter())
    for mention in mentions:
        mention.choice = gazetteer.admin1(mention.text, "US")
        context.add(mention, 1)
    boone = {c.admin1: c for c in gazetteer.lookup("Boone County")}
    assert context.province_weight(boone["Indiana"]) == 1.0
    assert 0.5 < context.province_weight(boone["Kentucky"]) < 1.0


def test_a_one_country_monitor_states_its_country(nlp: Language) -> None:
    assert stated(nlp, "The OSCE SMM observed 12 explosions near a mine overnight.").get("UA", 0) >= 2


def test_an_agency_that_reports_everywhere_states_no_country(nlp: Language) -> None:
    assert stated(nlp, "Reuters reported 12 explosions near a mine overnight.") == {}


def test_a_unit_word_of_one_country_states_it(nlp: Language) -> None:
    assert (
        stated(nlp, "Two groups clashed at Kandi village under Kotalipara upazila on Tuesday.").get("BD", 0)
        >= 2
    )
    assert stated(nlp, "Gunmen attacked a bus in Ikeja LGA on Tuesday.").get("NG", 0) >= 2
    assert "NG" not in stated(nlp, "The lga of the lizard is long.")


def test_a_university_is_in_the_town_it_is_named_after(nlp: Language) -> None:
    location = locate(nlp, "Two students were injured in a crude bomb blast at Dhaka University on Monday.")
    assert (location.country, location.admin1) == ("BD", "Dhaka")
    assert abs(location.lat - 23.73) < 0.1 and abs(location.lon - 90.39) < 0.1


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("BEIRUT (Reuters) - Protesters gathered outside the Seray in Tripoli on Friday.", "LB"),
        ("KABUL, May 8 (AP) — A roadside bomb killed three soldiers.", "AF"),
        ("Sunamganj, Jan 2 (UNB) Over 50 people were injured in a clash.", "BD"),
        ("GAZA CITY — Israeli aircraft struck a building overnight.", "PS"),
        ("Hundreds of protesters (size=100) - marched in the capital.", None),
    ],
)
def test_a_wire_dateline_states_the_country(text: str, country: str | None) -> None:
    assert dateline_country(text, get_gazetteer()) == country


def test_a_dateline_decides_a_homonym(nlp: Language) -> None:
    location = locate(nlp, "BEIRUT (Reuters) - Protesters gathered outside the Seray in Tripoli on Friday.")
    assert (location.name, location.country) == ("Tripoli", "LB")


def test_a_small_namesake_abroad_yields_to_the_scene(nlp: Language) -> None:
    """A one-country monitor's report puts "Mine" in its country, not in Japan."""
    places = find_places(nlp("The OSCE SMM recorded six explosions near Mine 6/7 overnight."))
    assert all(p.candidate.country != "JP" for p in places)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Fire bomb hurled at U.S. consulate in Indonesia.", "ID"),
        ("Rebels shelled a Turkish army post in Syria on Monday.", "SY"),
        # A country in a unit phrase is the place itself; a country alone is kept.
        ("A policeman has been shot dead in Serbia's troubled Kosovo province.", "XK"),
        ("Gunmen attacked the U.S. embassy on Tuesday.", "US"),
        ("Gunmen attacked a convoy near the U.S. border on Tuesday.", "US"),
    ],
)
def test_a_country_qualifying_a_noun_names_its_owner(nlp: Language, text: str, country: str) -> None:
    assert locate(nlp, text).country == country


def test_an_owner_country_is_not_the_article_place_either(nlp: Language) -> None:
    text = "A bomb exploded at the U.S. embassy on Tuesday. Officials in Nangarhar province said two guards were hurt."
    doc = nlp(text)
    first = next(iter(doc.sents))
    found = event_location(find_places(doc), first.start_char, first.end_char, doc)
    assert found is not None and found[0].country == "AF"
    # With no other place in the article, the owner's country is all there is.
    alone = "A bomb exploded at the U.S. embassy on Tuesday."
    assert locate(nlp, alone).country == "US"


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("Talks were held with U.S. Assistant Secretary Robert Pelletreau.", True),
        ("Russian President Boris Yeltsin met the envoy.", True),
        ("Talks were held in the U.S. Capitol on Monday.", False),
        ("He flew to the U.S. on Monday.", False),
    ],
)
def test_an_officials_country_is_whose_official_not_where(nlp: Language, text: str, owner: bool) -> None:
    doc = nlp(text)
    (first,) = [t for t in doc if t.text in {"U.S.", "Russian"}]
    assert qualifies_noun(doc[first.i : first.i + 1]) is owner


def test_a_place_opening_an_organisation_name_is_not_the_event_place(nlp: Language) -> None:
    text = (
        "Troops clashed with rebels near Sirnak on Monday. Two guards were killed in the fighting with "
        "Kurdistan Workers Party guerrillas."
    )
    doc = nlp(text)
    second = list(doc.sents)[1]
    found = event_location(find_places(doc), second.start_char, second.end_char, doc)
    assert found is not None and found[0].country == "TR"
    # A police force named after its city is still placed there.
    assert locate(nlp, "The Kabul Police said two men were arrested in a raid.").country == "AF"


OWNER_TEXT = (
    "The U.S. embassy said on Monday it would close. U.S. officials said the U.S. military was not "
    "involved. Kabul police said three were killed."
)


def test_an_owner_country_states_nothing_of_the_scene(nlp: Language) -> None:
    """A foreign embassy, officials or army are news wherever they are: "U.S." before them is no sign
    that the article is in the United States."""
    assert stated(nlp, OWNER_TEXT).get("US", 0) == 0
    # A country named as the scene, or as the subject of its forces, still states itself.
    assert stated(nlp, "Three soldiers were killed in the United States on Monday.")["US"] > 0
    assert stated(nlp, "Military Forces of Mexico clashed with gunmen.")["MX"] > 0


def test_a_capital_is_not_its_small_namesake_beside_an_owner(nlp: Language) -> None:
    kabul = first_place(nlp, OWNER_TEXT, "Kabul")
    assert (kabul.candidate.name, kabul.candidate.country) == ("Kabul", "AF")
    # The small town itself, named so, is still found where its state places it.
    cabool = first_place(
        nlp, "Cabool police said two men were arrested after a fight in Cabool, Missouri.", "Cabool"
    )
    assert (cabool.candidate.country, cabool.candidate.admin1) == ("US", "Missouri")


def test_a_capital_does_not_lose_to_a_respelt_namesake_on_demonyms(nlp: Language) -> None:
    """A few "American"s say little of where: Cabool, Missouri, is only another spelling of Kabul, a
    city two thousand times its size."""
    text = (
        "American officials said on Monday the talks would resume. Americans were told to leave. The "
        "American envoy met them. Kabul police said three were killed."
    )
    assert first_place(nlp, text, "Kabul").candidate.country == "AF"
    # A town that is only another spelling of the name still wins where the text places it.
    assert locate(nlp, "A tornado hit Cabool, Missouri, on Sunday.").name == "Cabool"


def first_place(nlp: Language, text: str, name: str):
    return next(p for p in find_places(nlp(text)) if p.text == name)


def test_a_common_word_opening_a_sentence_is_no_place(nlp: Language) -> None:
    """ "Police" (a town in Poland) and "Mine" (in Japan) only open a sentence; the place after "in"
    keeps its locative."""
    places = find_places(nlp("Police in Kabul said two men were arrested. Mine clearance resumed."))
    assert [(p.text, p.candidate.country, p.cue) for p in places] == [("Kabul", "AF", "in")]
    # Where a qualifier places the word, it is a place; a name the casing table capitalises is one anyway.
    reading = find_places(nlp("Reading, Pennsylvania, was hit by floods on Monday."))
    assert ("Reading", "US") in [(p.text, p.candidate.country) for p in reading]
    paris = find_places(nlp("Paris police said two men were arrested."))
    assert [(p.text, p.candidate.country) for p in paris] == [("Paris", "FR")]


def test_a_common_word_written_in_lower_case_elsewhere_is_no_place(nlp: Language) -> None:
    """ "Bath" is usually capitalised (the English city), but an article that also writes "bath" uses
    the word; mid-sentence after a locative the town is still read."""
    assert not find_places(nlp("Bath water was cut off. Residents said the bath house was closed."))
    placed = find_places(nlp("Floods hit Bath on Monday, closing the bath house."))
    assert [(p.text, p.candidate.country) for p in placed] == [("Bath", "GB")]


def test_a_common_word_with_a_unit_word_is_a_place(nlp: Language) -> None:
    places = find_places(nlp("Police district officials said the road was closed. Police said two died."))
    assert [(p.start, p.candidate.country) for p in places] == [(0, "PL")]


def test_a_common_word_the_article_places_elsewhere_is_a_place(nlp: Language) -> None:
    """The town the article places mid-sentence ("in Sycamore") is the town in its headline too."""
    text = "Sycamore family serves as ambassador. The march starts in Sycamore on Sunday."
    assert [p.start for p in find_places(nlp(text)) if p.text == "Sycamore"] == [0, text.rindex("Sycamore")]
    assert not find_places(nlp("Sycamore leaves fell early this year."))


def test_a_respelt_village_does_not_weigh_against_a_unit(nlp: Language) -> None:
    """Only a big city of exactly the name written counts against a place spelt otherwise: the hamlet
    of Meeme does not take "Meme County" from Cameroon's Meme Division."""
    places = find_places(nlp("Cameroonian forces attacked a health unit in Mbonge, Meme County."))
    meme = next(p for p in places if p.text == "Meme")
    assert (meme.candidate.country, meme.candidate.kind) == ("CM", "admin2")
