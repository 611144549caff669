"""The named-actor dictionary (data/actors.yaml): well formed, unambiguous, in step with the generic
actor names, and resolving press names to ACLED-style actors through the whole pipeline."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import get_args

import pycountry
import pytest
from spacy.lang.en.stop_words import STOP_WORDS

from eventwire import extract
from eventwire.actors.countries import country_code, country_name
from eventwire.actors.dictionary import lookup_actor, normalise, source_index
from eventwire.model import ActorKind
from eventwire.nlp import get_nlp, load_yaml, ruler_patterns

PUBLISHED = dt.date(2024, 3, 4)
ENTRY_KEYS = {"name", "aliases", "kind", "country", "label", "ruler"}
# State forces of a region that governs itself; every other state force is named after its country.
SUBNATIONAL_FORCES = {
    "Military Forces of Puntland",
    "Military Forces of Somaliland",
    "Military Forces of Jubaland",
}
# Words that head ordinary noun phrases: an alias equal to one would turn "the fact" into an armed group.
COMMON_WORDS = {
    "fact", "far", "plan", "bra", "bras", "sac", "cobra", "rangers", "levies", "giants", "mend",
    "army", "police", "forces", "military", "militia", "rebels", "settlers", "resistance", "junta",
}  # fmt: skip


def entries() -> list[dict]:
    return load_yaml("actors.yaml")["actors"]


def aliases(entry: dict) -> list[str]:
    return [entry["name"], *entry.get("aliases", [])]


def test_dictionary_entries_are_well_formed():
    table = entries()
    assert len({e["name"] for e in table}) >= 250
    valid_kinds = set(get_args(ActorKind))
    for entry in table:
        assert set(entry) <= ENTRY_KEYS, entry["name"]
        assert isinstance(entry["name"], str) and entry["name"].strip() == entry["name"]
        assert entry["kind"] in valid_kinds, entry["name"]
        assert all(isinstance(a, str) and a.strip() for a in entry.get("aliases", [])), entry["name"]
        if "country" in entry:
            code = entry["country"]
            assert pycountry.countries.get(alpha_2=code) is not None, (entry["name"], code)
        assert entry.get("ruler", True) in {True, False}


def test_dictionary_no_alias_names_two_actors():
    owner: dict[str, str] = {}
    clashes = []
    for entry in entries():
        for alias in aliases(entry):
            key = normalise(alias)
            if owner.setdefault(key, entry["name"]) != entry["name"]:
                clashes.append((alias, owner[key], entry["name"]))
    assert not clashes


def test_dictionary_entries_sharing_a_name_agree():
    seen: dict[str, tuple] = {}
    for entry in entries():
        facts = (entry["kind"], entry.get("country"))
        assert seen.setdefault(entry["name"], facts) == facts, entry["name"]


def test_dictionary_state_forces_match_the_generic_names():
    """A named unit ("FARDC") and a role noun ("Congolese soldiers") must give one actor, so a state
    force is named as the role-noun rules name it ("Military Forces of Democratic Republic of Congo")."""
    for entry in entries():
        if entry["kind"] != "state forces" or entry["name"] in SUBNATIONAL_FORCES:
            continue
        country = country_name(entry["country"])
        base = entry["name"].split(" - ")[0]
        assert base in {f"Military Forces of {country}", f"Police Forces of {country}"}, entry["name"]


def test_dictionary_aliases_are_not_everyday_words_sources_or_countries():
    sources = source_index()
    for entry in entries():
        for alias in aliases(entry):
            key = normalise(alias)
            if len(key) > 2:
                assert key not in STOP_WORDS and key not in COMMON_WORDS, alias
            assert key not in sources, alias
            assert country_code(alias) is None, alias


def test_dictionary_ambiguous_acronyms_stay_out_of_the_ruler():
    patterns = {p["pattern"] for p in ruler_patterns() if p["label"] == "ORG"}
    for entry in entries():
        listed = [a for a in aliases(entry) if len(a) > 2]
        if entry.get("ruler", True):
            assert set(listed) <= patterns, entry["name"]
        else:
            assert not set(entry.get("aliases", [])) & patterns, entry["name"]
    assert {"KIA", "CPC", "EMC", "NRF"}.isdisjoint(patterns)
    assert {"FARDC", "Tatmadaw", "CRPF", "ISWAP", "CJNG"} <= patterns
    # Shared by several countries' forces: left to the role noun and the article's country.
    assert lookup_actor("FDS") is None
    assert lookup_actor("Ana") is None  # a given name before it is the Afghan National Army


def test_dictionary_pipeline_builds_with_the_ruler():
    nlp = get_nlp()
    assert "entity_ruler" in nlp.pipe_names
    doc = nlp("FARDC and MONUSCO troops pushed CODECO fighters out of Djugu on Monday.")
    orgs = {ent.text for ent in doc.ents if ent.label_ == "ORG"}
    assert {"FARDC", "MONUSCO", "CODECO"} <= orgs


@pytest.mark.parametrize(
    ("mention", "name", "kind", "country"),
    [
        ("the Tatmadaw", "Military Forces of Myanmar", "state forces", "MM"),
        ("Hashd al-Shaabi", "Military Forces of Iraq - Popular Mobilization Forces", "state forces", "IQ"),
        ("Libyan National Army", "Military Forces of Libya - Haftar Faction", "state forces", "LY"),
        ("Central Reserve Police Force", "Police Forces of India", "state forces", "IN"),
        ("Assam Rifles", "Military Forces of India", "state forces", "IN"),
        ("Civilian JTF", "Civilian JTF", "political militia", "NG"),
        ("Islamic State Mozambique Province", "Islamic State (Mozambique)", "rebel group", "MZ"),
        ("Gulf Clan", "AGC: Gaitanista Self-Defense Forces of Colombia", "political militia", "CO"),
        ("Kata\u2019ib Hezbollah", "Kataib Hezbollah", "political militia", "IQ"),
        ("Arakan Army", "Arakan Army", "rebel group", "MM"),
        (
            "MINUSCA",
            "MINUSCA: United Nations Multidimensional Integrated Stabilization Mission in the "
            "Central African Republic",
            "external/other forces",
            "CF",
        ),
    ],
)
def test_dictionary_lookup_press_names(mention, name, kind, country):
    entry = lookup_actor(mention)
    assert entry is not None and (entry.name, entry.kind, entry.country) == (name, kind, country)


def _actors(text: str) -> set[tuple[str, str | None]]:
    found = set()
    for event in extract(text, published=PUBLISHED):
        for actor in [event.actor1, *event.assoc_actor_1, event.actor2, *event.assoc_actor_2]:
            if actor is not None:
                found.add((actor.name, actor.kind))
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "FARDC soldiers clashed with ADF fighters near Beni on Monday.",
            {
                ("Military Forces of Democratic Republic of Congo", "state forces"),
                ("ADF: Allied Democratic Forces", "rebel group"),
            },
        ),
        (
            "KDF troops repulsed an Al-Shabaab attack on a base in Lamu county on Sunday.",
            {("Military Forces of Kenya", "state forces"), ("Al Shabaab", "rebel group")},
        ),
        (
            "Suspected Lashkar-e-Taiba militants attacked a CRPF camp in Pulwama on Sunday.",
            {("Lashkar-e-Taiba", "rebel group"), ("Police Forces of India", "state forces")},
        ),
        (
            "Clan del Golfo gunmen killed three soldiers in Antioquia, Colombia, on Saturday.",
            {("AGC: Gaitanista Self-Defense Forces of Colombia", "political militia")},
        ),
        (
            "Haftar's forces shelled GNA positions south of Tripoli on Sunday.",
            {
                ("Military Forces of Libya - Haftar Faction", "state forces"),
                ("Military Forces of Libya - Government of National Accord", "state forces"),
            },
        ),
        (
            "SPLA-IO fighters attacked an SSPDF base in Upper Nile state on Friday, killing four soldiers.",
            {
                ("SPLM/A-IO: Sudan People's Liberation Movement/Army (In Opposition)", "rebel group"),
                ("Military Forces of South Sudan", "state forces"),
            },
        ),
        (
            "Fulani militia attacked Yelwata village in Benue state on Sunday, killing 12 people.",
            {("Fulani Ethnic Militia (Nigeria)", "identity militia")},
        ),
        (
            "FAMa and Wagner forces attacked JNIM positions near Mopti on Sunday.",
            {
                ("Military Forces of Mali", "state forces"),
                ("Wagner Group", "external/other forces"),
                ("JNIM: Group for Support of Islam and Muslims", "rebel group"),
            },
        ),
        (
            "The Rashtriya Rifles killed two Hizbul Mujahideen militants in an encounter in Shopian on Sunday.",
            {("Military Forces of India", "state forces"), ("Hizbul Mujahideen", "rebel group")},
        ),
        (
            "Peshmerga forces clashed with Islamic State militants near Makhmour on Sunday.",
            {
                ("Military Forces of Iraq - Kurdistan Regional Government Peshmerga", "state forces"),
                ("Islamic State", "rebel group"),
            },
        ),
        (
            "Jaish al-Adl militants killed five IRGC members in Sistan-Baluchestan on Sunday.",
            {("Jaish al-Adl", "rebel group"), ("Military Forces of Iran", "state forces")},
        ),
        (
            "G9 gang members attacked a police station in Port-au-Prince, Haiti, on Sunday.",
            {("G9 an Fanmi e Alye", "political militia"), ("Police Forces of Haiti", "state forces")},
        ),
        (
            "CJNG gunmen killed five police officers in Michoacan, Mexico, on Saturday.",
            {("CJNG: Jalisco New Generation Cartel", "political militia")},
        ),
        (
            # A state's named forces abroad are external forces, as with role nouns.
            "The UPDF killed 20 ADF rebels in an airstrike in Ituri province on Sunday.",
            {("Military Forces of Uganda", "external/other forces")},
        ),
    ],
)
def test_dictionary_press_names_resolve_in_extraction(text, expected):
    assert expected <= _actors(text)


def test_dictionary_groups_are_counted_per_canonical_name():
    """Two entries under one name (one kept out of the ruler) are one actor."""
    by_name: dict[str, list[dict]] = defaultdict(list)
    for entry in entries():
        by_name[entry["name"]].append(entry)
    split = {name for name, group in by_name.items() if len(group) > 1}
    assert split and all(any(e.get("ruler", True) is False for e in by_name[name]) for name in split)
