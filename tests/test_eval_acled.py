"""Scoring against ACLED exports: how predicted and gold places are compared."""

from __future__ import annotations

import pytest

from eventwire.eval.acled import same_admin


@pytest.mark.parametrize(
    ("predicted", "gold", "country"),
    [
        ("Idlib", "Idleb", "SY"),
        ("Al Hasakah", "Al-Hasakeh", "SY"),
        ("Shan", "Shan-North", "MM"),
        ("Seoul", "Seoul Special City", "KR"),
        ("Far North", "Extreme-Nord", "CM"),
        ("Idlib", "Idlib Governorate", "SY"),
    ],
)
def test_one_unit_under_two_spellings_is_the_same(predicted, gold, country):
    assert same_admin(predicted, gold, country)


@pytest.mark.parametrize(
    ("predicted", "gold", "country"),
    [
        ("Aleppo", "Idlib", "SY"),
        ("Kano", "Kogi", "NG"),
        ("North Kivu", "South Kivu", "CD"),
        ("East Java", "West Java", "ID"),
        ("Osun", "Ogun", "NG"),
    ],
)
def test_neighbouring_units_are_not_the_same(predicted, gold, country):
    assert not same_admin(predicted, gold, country)
