"""Toponym resolution with document context, and the event's own location, on the real gazetteer."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from eventwire.geo import event_location, find_places
from eventwire.geo.resolve import Place
from eventwire.nlp import get_nlp

EXAMPLE = Path(__file__).resolve().parents[2] / "shared" / "examples" / "syria-northwest-2024-12-02.txt"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return get_nlp()


def places_of(nlp: Language, text: str, country_hint: str | None = None) -> list[Place]:
    return find_places(nlp(text), country_hint=country_hint)


def first(places: list[Place], text: str) -> Place:
    return next(p for p in places if p.text == text)


def test_ambiguous_name_follows_the_article_country(nlp: Language) -> None:
    syria = places_of(nlp, "Syrian government forces shelled Damascus suburbs on Monday.")
    assert first(syria, "Damascus").candidate.country == "SY"
    us = places_of(nlp, "The fair in Damascus, Maryland, drew crowds from Frederick and Rockville.")
    assert first(us, "Damascus").candidate.country == "US"


def test_country_hint_biases_resolution(nlp: Language) -> None:
    places = places_of(nlp, "Fighting was reported in Alexandria overnight.", country_hint="US")
    assert first(places, "Alexandria").candidate.country == "US"


def test_parenthetical_admin_pattern(nlp: Language) -> None:
    places = places_of(nlp, "On 3 May, rebels attacked civilians in Minakulu sub-county (Oyam, Northern).")
    minakulu = first(places, "Minakulu").candidate
    assert (minakulu.country, minakulu.admin1) == ("UG", "Northern")


def test_province_word_selects_the_admin_unit(nlp: Language) -> None:
    places = places_of(nlp, "Rebels seized control of Idlib province from Syrian forces.")
    assert first(places, "Idlib").candidate.kind == "admin1"


def test_supplement_place_is_found(nlp: Language) -> None:
    text = "Airstrikes hit a market in Sarmada, near the Turkish border, Syrian rescuers said."
    places = places_of(nlp, text)
    sarmada = first(places, "Sarmada").candidate
    assert (sarmada.country, sarmada.admin1) == ("SY", "Idlib")


def test_person_names_are_not_places(nlp: Language) -> None:
    places = places_of(nlp, "Syrian President Bashar al-Assad met Abbas Araqchi in Damascus.")
    assert [p.text for p in places] == ["Damascus"]


def locate(nlp: Language, text: str) -> tuple:
    doc = nlp(text)
    result = event_location(find_places(doc), 0, len(text), doc)
    assert result is not None
    return result


def test_precision_town_near_town_and_province(nlp: Language) -> None:
    town, span = locate(nlp, "Syrian warplanes struck Idlib on Monday, killing five people.")
    assert (town.name, town.geo_precision) == ("Idlib", 1)
    assert span[1] - span[0] == len("Idlib")
    near, _ = locate(nlp, "Two Syrian soldiers were killed near Saraqib on Monday.")
    assert near.geo_precision == 2
    province, _ = locate(nlp, "Syrian troops shelled villages in Idlib province.")
    assert province.geo_precision == 3 and province.admin1 == "Idlib"
    region, _ = locate(nlp, "Warplanes bombed towns across northwestern Syria.")
    assert (region.country, region.geo_precision) == ("SY", 3)


def test_locative_place_beats_a_mentioned_one(nlp: Language) -> None:
    text = "Clashes erupted in Afrin, a Syrian town under Turkish control since 2018, and near Azaz."
    location, _ = locate(nlp, text)
    assert location.name.endswith("Afrīn") or location.name == "Afrin"


@pytest.mark.skipif(not EXAMPLE.exists(), reason="shared example absent")
def test_reference_article(nlp: Language) -> None:
    places = find_places(nlp(EXAMPLE.read_text(encoding="utf-8")))
    expected = {"Idlib": (35.93, 36.63), "Aleppo": (36.20, 37.16), "Damascus": (33.51, 36.29)}
    for name, (lat, lon) in expected.items():
        candidate = first(places, name).candidate
        assert candidate.country == "SY"
        assert abs(candidate.lat - lat) < 0.1 and abs(candidate.lon - lon) < 0.1, name


def test_state_named_like_a_country_follows_the_article(nlp: Language) -> None:
    places = places_of(
        nlp,
        "Georgia lawmakers want to limit the rules Georgia communities set. "
        "A builder from Harrisburg, Pa., sells homes in Georgia.",
    )
    assert {(p.candidate.country, p.candidate.kind) for p in places if p.text == "Georgia"} == {
        ("US", "admin1")
    }


def test_repeated_name_is_no_evidence_for_itself(nlp: Language) -> None:
    text = (
        "Unemployment rose in Boone County. Boone County officials blamed layoffs in Zionsville and "
        "Lebanon, Indiana. Boone County leaders expect more."
    )
    boone = [p for p in places_of(nlp, text) if p.text == "Boone County"]
    assert boone and {p.candidate.admin1 for p in boone} == {"Indiana"}


def test_local_town_beats_its_famous_namesake(nlp: Language) -> None:
    paris = places_of(
        nlp,
        "Paris police said the Paris man was arrested. Paris officials thanked the Henry County "
        "Sheriff's office and Tennessee troopers.",
    )
    assert first(paris, "Paris").candidate.admin1 == "Tennessee"


def test_country_name_of_a_local_town(nlp: Language) -> None:
    places = places_of(
        nlp,
        "Palestine police arrested a Palestine woman on Monday. "
        "The Palestine council meets in Anderson County, Texas.",
    )
    assert {p.candidate.admin1 for p in places if p.text == "Palestine"} == {"Texas"}


def test_country_stays_a_country_beside_a_state_with_its_namesake(nlp: Language) -> None:
    places = places_of(
        nlp,
        "Farmers near Houston, Texas, fear tariffs on imports from China. "
        "China has vowed to retaliate, said a professor in Texas.",
    )
    assert {p.candidate.kind for p in places if p.text == "China"} == {"country"}
