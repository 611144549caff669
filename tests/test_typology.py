"""ACLED's typology is read from one data file, and the files that name types agree with it."""

from __future__ import annotations

import typing

from eventwire import typology
from eventwire.lang import data_file
from eventwire.model import ActorKind, Plover


def test_typology_has_acleds_six_types_and_25_sub_types():
    assert list(typology.ACLED_TYPES) == [
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Protests",
        "Riots",
        "Strategic developments",
    ]
    assert len(typology.SUB_EVENT_TYPES) == 25
    assert typology.SUB_EVENT_TYPES["Grenade"] == "Explosions/Remote violence"
    assert typology.ACLED_TYPES["Riots"] == ("Violent demonstration", "Mob violence")


def test_typology_actor_kinds_match_the_record_and_inter_codes_run_one_to_eight():
    assert typing.get_args(ActorKind) == typology.ACTOR_KINDS
    assert sorted(typology.INTER_CODES.values()) == list(range(1, 9))
    assert typology.INTER_KINDS[typology.INTER_CODES["civilians"]] == "civilians"
    assert "protesters" not in typology.ARMED_KINDS and "rebel group" in typology.ARMED_KINDS


def test_typology_plover_pairs_are_plover_types():
    plovers = set(typing.get_args(Plover))
    paired = {plover for plover, _ in typology.SUB_PLOVER.values() if plover is not None}
    assert paired <= plovers
    assert typology.SUB_PLOVER["Air/drone strike"] == ("ASSAULT", "aerial")


def test_typology_priorities_are_distinct_and_name_violent_types():
    rows = data_file("typology.yaml")["sub_event_types"]
    priorities = [row["priority"] for row in rows if "priority" in row]
    assert len(priorities) == len(set(priorities)) == len(typology.SUB_PRIORITY)
    assert typology.SUB_PRIORITY[0] == "Chemical weapon"
    assert typology.SUB_PRIORITY.index("Air/drone strike") < typology.SUB_PRIORITY.index("Armed clash")


def test_typology_flags_name_known_sub_types():
    rows = data_file("typology.yaml")["sub_event_types"]
    flags = {flag for row in rows for flag in row.get("flags", ())}
    assert flags == {"territory", "named_weapon", "not_violence", "crowd_violence"}
    assert typology.flagged("territory") == {
        "Government regains territory",
        "Non-state actor overtakes territory",
    }
    assert typology.flagged("no such flag") == frozenset()


def test_typology_every_trigger_names_a_known_sub_type():
    triggers = data_file("triggers.yaml")["triggers"]
    named = {entry["sub"] for entry in triggers if entry.get("sub")}
    assert named, "the trigger lexicon names sub-event types"
    assert named <= set(typology.SUB_EVENT_TYPES)


def test_typology_acled_country_names_and_regions():
    assert typology.ACLED_COUNTRY_NAMES["TR"] == "Turkey"
    region_of = {code: r for r, codes in typology.ACLED_REGIONS.items() for code in codes.split()}
    assert region_of["SY"] == "Middle East" and region_of["XK"] == "Europe"
    assert len(region_of) == sum(len(codes.split()) for codes in typology.ACLED_REGIONS.values())
