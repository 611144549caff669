"""Place names the small model misses, place phrases ("X (Y, Z)", "X, Y", "X - Y", "X in Y"), country
coherence and the event's place, on the real gazetteer. Sentences are made up for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventwire import extract
from eventwire.geo import event_location, find_places
from eventwire.geo.resolve import Place
from eventwire.model import Location
from eventwire.nlp import get_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return get_nlp()


def places_of(nlp: Language, text: str) -> list[Place]:
    return find_places(nlp(text))


def locate(nlp: Language, text: str) -> Location:
    doc = nlp(text)
    found = event_location(find_places(doc), 0, len(text), doc)
    assert found is not None
    return found[0]


def test_small_town_after_a_locative_is_found(nlp: Language) -> None:
    location = locate(nlp, "About fifty farmers demonstrated in Neustrelitz on Saturday against fuel taxes.")
    assert (location.country, location.geo_precision) == ("DE", 1)


def test_name_without_diacritics_is_found(nlp: Language) -> None:
    location = locate(nlp, "Opposition supporters rallied in Balti to demand early elections.")
    assert location.country == "MD"


def test_province_in_parentheses_picks_the_homonym(nlp: Language) -> None:
    spain = locate(nlp, "Dozens of teachers marched in Cordoba (Andalucia) over pay.")
    assert (spain.country, spain.admin1) == ("ES", "Andalucía")
    mexico = locate(nlp, "Dozens of teachers marched in Cordoba, Veracruz over pay.")
    assert mexico.country == "MX"


def test_unknown_village_stands_at_its_district(nlp: Language) -> None:
    location = locate(nlp, "Gunmen burned houses in Zxolumbaville village (Oyam district, Northern).")
    assert (location.country, location.admin1, location.geo_precision) == ("UG", "Northern", 2)


def test_unknown_village_in_a_province(nlp: Language) -> None:
    location = locate(nlp, "Artillery shelled the outskirts of Zxolumbaville in Idlib on Tuesday.")
    assert (location.country, location.admin1, location.geo_precision) == ("SY", "Idlib", 2)


def test_district_after_a_city_stays_in_the_city(nlp: Language) -> None:
    location = locate(nlp, "Students held a sit-in outside a ministry in Seoul - Mapo, demanding lower fees.")
    assert (location.country, location.admin1) == ("KR", "Seoul")
    assert abs(location.lat - 37.55) < 0.1 and abs(location.lon - 126.95) < 0.1


def test_topic_country_does_not_become_the_place(nlp: Language) -> None:
    location = locate(nlp, "Hundreds rallied in Lyon against the Russian invasion of Ukraine.")
    assert location.country == "FR"


def test_bare_country_in_the_event_sentence_defers_to_the_article_place(nlp: Language) -> None:
    text = "Soldiers detained a smuggler in Tijuana, Baja California. He was wanted by US prosecutors."
    doc = nlp(text)
    second = text.index("He was")
    found = event_location(find_places(doc), second, len(text), doc)
    assert found is not None and found[0].country == "MX"


def test_demonym_of_the_attacker_does_not_move_the_place(nlp: Language) -> None:
    location = locate(nlp, "Russian forces shelled a school in Kharkiv, wounding three teachers.")
    assert location.country == "UA"


def test_coded_as_names_the_place(nlp: Language) -> None:
    text = "Militants clashed with troops near several hamlets (coded as Gao) in the north of the country."
    location = locate(nlp, text)
    assert location.country == "ML"


def test_qualified_place_beats_a_place_people_came_from(nlp: Language) -> None:
    text = "Farmers from Pune staged a sit-in at Nashik town (Nashik district, Maharashtra) on Monday."
    location = locate(nlp, text)
    assert location.name == "Nashik"


def test_institution_words_are_not_places(nlp: Language) -> None:
    assert places_of(nlp, "The bill was debated in Parliament and later in Congress.") == []


def test_country_name_that_is_also_a_state_follows_the_article(nlp: Language) -> None:
    text = "Schools in Atlanta reopened. The governor of Georgia said teachers in Macon agreed."
    georgia = next(p for p in places_of(nlp, text) if p.text == "Georgia").candidate
    assert (georgia.country, georgia.kind) == ("US", "admin1")


def test_famous_city_is_not_pulled_to_a_tiny_namesake(nlp: Language) -> None:
    text = "American senators met in Washington on Monday; the pope later received them in Rome."
    rome = next(p for p in places_of(nlp, text) if p.text == "Rome").candidate
    assert rome.country == "IT"


def test_a_town_the_model_mistakes_for_a_date_is_still_a_place():
    events = extract(
        "In Gaibandha, a bus was torched in the district town on Monday.", published="2015-02-06"
    )
    assert events and events[0].location is not None
    assert (events[0].location.name, events[0].location.country) == ("Gaibandha", "BD")


def test_here_with_the_place_in_brackets_locates_the_event():
    events = extract(
        "Activists formed a human chain here (Rangpur) today protesting the blockade.", published="2015-02-06"
    )
    assert events and events[0].location is not None and events[0].location.country == "BD"


def test_a_city_and_its_quarter_written_as_one_word_is_the_city() -> None:
    doc = get_nlp()("Mothers of Srebrenica protested in Sarajevo-Stari Grad, commemorating the genocide.")
    found = event_location(find_places(doc), 0, len(doc.text), doc)
    assert found is not None and found[0].name.startswith("Sarajevo") and found[0].country == "BA"
    assert abs(found[0].lat - 43.86) < 0.1 and abs(found[0].lon - 18.40) < 0.1


def test_a_village_with_a_hyphen_is_no_town_of_its_first_word() -> None:
    doc = get_nlp()("Armed forces fired on positions near Orta-Karvend, assumed to be in Agdam.")
    assert all(p.candidate.country != "TR" for p in find_places(doc))


def test_two_names_side_by_side_do_not_pull_each_other() -> None:
    doc = get_nlp()("Forces built fortifications in the east of Hodeidah Red Sea port city on Friday.")
    assert "YE" in {p.candidate.country for p in find_places(doc) if p.text == "Hodeidah"}


def test_a_name_that_goes_on_with_a_particle_is_no_town_of_its_first_word() -> None:
    doc = get_nlp()(
        "In the Choro del Mono sector, Cedeno municipality, Bolivar state, soldiers seized boats."
    )
    assert {p.candidate.country for p in find_places(doc)} == {"VE"}


def test_a_name_prefix_is_no_town_of_its_own() -> None:
    """ "Abu" of "Abu Saida" (a village the gazetteer lacks) is not India's Abu, nor "Saida" Algeria's."""
    location = locate(get_nlp(), "Gunmen ambushed a patrol on the outskirts of Abu Saida in Diyala province.")
    assert (location.country, location.admin1) == ("IQ", "Diyālá")


def test_a_hyphenated_article_stays_with_its_name() -> None:
    doc = get_nlp()("Turkish forces and allied rebels shelled Abboush in al-Hasakeh using artillery fire.")
    assert [(p.text, p.candidate.country) for p in find_places(doc)] == [("al-Hasakeh", "SY")]


def test_a_parish_links_to_the_towns_after_it() -> None:
    """A Mexican "La Concordia" does not lie in Venezuela's San Cristobal, so the city places the event."""
    location = locate(get_nlp(), "In La Concordia parish, San Cristobal, Tachira state, residents protested.")
    assert (location.country, location.admin1) == ("VE", "Táchira")


def test_a_qualifier_many_villages_share_keeps_its_province() -> None:
    """Mexico has a dozen villages called Buenos Aires; one near a Mexican Loma Hermosa is no evidence."""
    location = locate(get_nlp(), "In Loma Hermosa district (Buenos Aires), students staged a protest.")
    assert (location.country, location.admin1) == ("AR", "Buenos Aires")


def test_a_small_namesake_abroad_yields_to_the_places_around_it() -> None:
    location = locate(
        get_nlp(), "Traders demonstrated in the Nima community of Accra (Accra, Greater Accra)."
    )
    assert location.country == "GH"


def test_a_small_town_keeps_its_country_against_a_demonym() -> None:
    location = locate(get_nlp(), "Citizens gathered in Cetinje in a support rally for the Ukrainian people.")
    assert location.country == "ME"


def test_a_name_alone_in_its_country_leaves_the_phrase() -> None:
    location = locate(get_nlp(), "Farmers held a sit-in in Tubas - Al Aqaba village (Tubas, West Bank).")
    assert location.country == "PS"


def test_facility_of_a_town_locates_the_event() -> None:
    location = locate(
        get_nlp(), "Students protested against police presence in the university of Thessaloniki."
    )
    assert (location.country, location.geo_precision) == ("GR", 1)


def test_a_business_name_is_no_town() -> None:
    doc = get_nlp()("Striking workers gathered for a picket outside the Solvay factory on Monday.")
    assert find_places(doc) == []


def test_the_coast_of_a_town_locates_the_event() -> None:
    location = locate(
        get_nlp(), "Migrants who tried to cross to Greece were detained off the coast of Datca."
    )
    assert location.country == "TR"


def test_a_front_links_to_its_qualifiers() -> None:
    """India's Barh is no place in Yemen's Taizz: the qualifiers place the event."""
    location = locate(get_nlp(), "Houthi forces opened fire at positions in Barh axis (Maqbanah, Taizz).")
    assert location.country == "YE"


def test_a_name_before_a_front_or_island_is_a_place() -> None:
    front = locate(get_nlp(), "Government forces captured two rebels on the eastern Idleb front.")
    assert front.country == "SY"
    island = locate(get_nlp(), "Government forces were deployed to Suqutra island on Thursday.")
    assert island.country == "YE"


def test_the_mayor_of_a_town_places_it() -> None:
    location = locate(
        get_nlp(), "At midnight, the house of the Mayor of Tyr was shot at by an unknown gunman."
    )
    assert location.country == "LB"


def test_the_people_of_a_town_place_the_event() -> None:
    location = locate(get_nlp(), "21 January: Eldoret farmers protested over unpaid maize deliveries.")
    assert (location.country, location.admin1) == ("KE", "Uasin Gishu")


def test_a_month_beside_a_number_is_no_town() -> None:
    """ "Jul" is an old name of Germany's Suhl, but "Jul 24th" is a date."""
    doc = get_nlp()("Around Jul 24th 2019 residents of Gatundu protested against the police.")
    assert [(p.text, p.candidate.country) for p in find_places(doc)] == [("Gatundu", "KE")]


def test_the_object_of_an_attack_is_a_place_when_the_parse_misses_it() -> None:
    location = locate(get_nlp(), "24 May. Al Shabaab invaded Mandera, looted shops and left.")
    assert location.country == "KE"


def test_a_village_abroad_yields_to_the_country_around_it() -> None:
    """India's town of Jaynagar is no "village" in a Bangladeshi upazila."""
    doc = get_nlp()("Two groups clashed at Joynagar village in Jagannathpur upazila of Sylhet district.")
    assert {p.candidate.country for p in find_places(doc)} == {"BD"}


def test_people_named_after_a_place_keep_its_qualifiers() -> None:
    location = locate(
        get_nlp(), "Hundreds of Eastleigh residents (Kamukunji, Nairobi) demonstrated on Friday."
    )
    assert (location.country, location.admin1) == ("KE", "Nairobi")
    assert abs(location.lat + 1.28) < 0.1 and abs(location.lon - 36.85) < 0.1


def test_the_named_town_wins_over_the_district_named_after_it() -> None:
    location = locate(
        get_nlp(), "On 5 March, militants attacked Jalalaqsi town (Jalalaqsi, Hiraan), killing 2."
    )
    assert (location.country, location.geo_precision) == ("SO", 1)
    assert abs(location.lat - 3.38) < 0.05


def test_an_unknown_village_stands_at_the_district_it_names() -> None:
    text = "On 5 March, militants attacked Zxolumbaville village (Jalalaqsi, Hiraan), killing 2."
    location = locate(get_nlp(), text)
    assert (location.country, location.geo_precision) == ("SO", 2)
    assert abs(location.lat - 3.38) > 0.3  # the district's centre, not the town it is named after


def test_a_known_quarter_is_narrower_than_its_city() -> None:
    location = locate(get_nlp(), "Police dispersed a rally in Kyiv - Obolonskyi on Sunday.")
    assert location.country == "UA" and location.name.startswith("Obolonskyi")
    assert location.lat > 50.5  # the quarter's point, north of the city's
    city = locate(get_nlp(), "Police dispersed a rally in Kyiv - Zxolumbivskyi on Sunday.")
    assert (city.country, city.name) == ("UA", "Kyiv")


def test_a_district_of_a_city_is_in_that_city() -> None:
    location = locate(get_nlp(), "Protesters gathered in the Haram district of Giza on Friday, police said.")
    assert (location.country, location.geo_precision) == ("EG", 2)


def test_a_surname_is_no_place() -> None:
    text = "Police said Pablo Escobar had fled. Guards later drove Escobar to a farm near Medellin."
    places = find_places(get_nlp()(text))
    assert "Escobar" not in [p.text for p in places]
    assert "Medellin" in [p.text for p in places]


def test_a_bare_name_abroad_needs_a_sign_in_the_text() -> None:
    spain = find_places(get_nlp()("Spanish police blamed Eta for the bombing in Madrid on Monday."))
    assert [p.candidate.country for p in spain] == ["ES"]
    india = find_places(get_nlp()("Police in Etah arrested two men after the bombing in Madrid."))
    assert "IN" in [p.candidate.country for p in india]


def test_a_demonym_is_no_town() -> None:
    places = find_places(get_nlp()("Canadian soldiers patrolled the streets of Kandahar on Monday."))
    assert [p.candidate.country for p in places] == ["AF"]


def test_a_name_before_a_noun_of_its_people_or_institutions_is_a_place() -> None:
    text = "Fargo police said an Alexandria woman was hurt near Moorhead, Minnesota."
    places = find_places(get_nlp()(text))
    assert {"Fargo", "Alexandria"} <= {p.text for p in places}
    assert "Trump" not in {p.text for p in find_places(get_nlp()("Trump supporters rallied outside."))}


def test_a_list_before_a_plural_unit_word_is_a_list_of_units() -> None:
    places = find_places(get_nlp()("Floods closed roads in Becker, Clay and Wilkin counties on Friday."))
    assert [(p.text, p.candidate.kind, p.candidate.country) for p in places] == [
        ("Becker", "admin2", "US"),
        ("Clay", "admin2", "US"),
        ("Wilkin", "admin2", "US"),
    ]


def test_a_dateline_town_is_a_place() -> None:
    places = find_places(get_nlp()("BEIRUT (AP) - A Kurdish militia said on Monday it had withdrawn."))
    assert [(p.text, p.candidate.country) for p in places] == [("BEIRUT", "LB")]
    assert find_places(get_nlp()("A Kurdish militia said on Monday it had withdrawn.")) == []


def test_a_province_name_of_two_words_is_a_place_without_a_locative() -> None:
    places = find_places(get_nlp()("Tamil Nadu said it had written to the water board."))
    assert [(p.text, p.candidate.kind) for p in places] == [("Tamil Nadu", "admin1")]


def test_a_month_with_a_full_stop_is_no_part_of_the_next_name() -> None:
    places = find_places(get_nlp()("09 Sep. Muranga residents held a demonstration against the arrest."))
    assert [(p.text, p.candidate.country) for p in places] == [("Muranga", "KE")]


def test_a_town_before_its_university_is_a_place() -> None:
    places = find_places(get_nlp()("On 30 October, Embu University Students staged a protest over fees."))
    assert [(p.text, p.candidate.country) for p in places] == [("Embu", "KE")]
    assert find_places(get_nlp()("On 30 October, University Students staged a protest over fees.")) == []


def test_an_unknown_quarter_in_a_city_stands_at_the_city() -> None:
    location = locate(get_nlp(), "Police arrested protesters in Zxolumbiyya in Cairo on Friday.")
    assert (location.country, location.geo_precision) == ("EG", 2)


def test_best_chain_scores_each_candidate_once_and_nesting_wins() -> None:
    """The own scores rank the candidates and feed the chain: one call each; the town inside the named
    province beats its slightly larger namesake abroad."""
    from collections import Counter

    from eventwire.geo.gazetteer import Candidate
    from eventwire.geo.phrases import best_chain
    from eventwire.geo.spans import Mention

    town = Candidate(1, "Sarmada", 36.18, 36.72, "SY", "Idlib", None, 10_000, "city")
    namesake = Candidate(2, "Sarmada", 33.3, 43.1, "IQ", "Anbar", None, 20_000, "city")
    province = Candidate(3, "Idlib", 35.9, 36.6, "SY", "Idlib", None, 1_000_000, "admin1")
    head = Mention(0, 1, "Sarmada", [town, namesake])
    container = Mention(2, 3, "Idlib", [province])
    calls: Counter[tuple[int | None, str]] = Counter()

    def own_score(candidate: Candidate, mention: Mention) -> float:
        calls[(candidate.geonameid, mention.text)] += 1
        return candidate.population / 1_000_000

    assert best_chain([head, container], own_score) == [town, province]
    assert calls == Counter({(1, "Sarmada"): 1, (2, "Sarmada"): 1, (3, "Idlib"): 1})
