"""The name shown for an administrative unit, and the unit words stripped from lookup keys."""

from __future__ import annotations

from eventwire.geo.gazetteer import BUILD_INPUTS, get_gazetteer, index_path
from eventwire.geo.unit_names import display_name, strip_unit_word


def test_native_unit_word_gives_way_to_the_english_name() -> None:
    assert display_name("Donetska oblast", ["Donetsk", "Donetsk Oblast"]) == "Donetsk"
    assert display_name("Henan Sheng", ["Henan", "Henan Province"]) == "Henan"


def test_exonym_replaces_a_transliteration() -> None:
    assert display_name("Ḩalab", ["Aleppo", "Aleppo Governorate"]) == "Aleppo"


def test_close_transliteration_keeps_the_native_name() -> None:
    assert display_name("Andalucía", ["Andalusia", "Andalucia"]) == "Andalucía"
    assert display_name("Oyam", ["Oyam District"]) == "Oyam"


def test_unit_words_are_stripped_from_keys() -> None:
    assert strip_unit_word("idlib governorate") == "idlib"
    assert strip_unit_word("kharkivska oblast") == "kharkivska"
    assert strip_unit_word("yeongwol gun") == "yeongwol"


def test_admin_names_in_the_index_are_english() -> None:
    gazetteer = get_gazetteer()
    donetsk = gazetteer.admin1("Donetsk", "UA")
    assert donetsk is not None and donetsk.name == "Donetsk"
    town = next(c for c in gazetteer.lookup("Kramatorsk") if c.kind == "city")
    assert town.admin1 == "Donetsk"


def test_towns_get_a_province_even_when_the_codes_disagree() -> None:
    gazetteer = get_gazetteer()
    for name, country in [("Ennis", "IE"), ("Dahuk", "IQ")]:
        town = next(c for c in gazetteer.lookup(name) if c.kind == "city" and c.country == country)
        assert town.admin1, name


def test_index_name_follows_every_build_input() -> None:
    assert ("eventwire.geo", "build.py") in BUILD_INPUTS
    assert ("eventwire.data", "gazetteer_names.yaml") in BUILD_INPUTS
    assert index_path().name.startswith("gazetteer-v")
