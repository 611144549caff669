"""The gazetteer index: names, countries, demonyms, admin units, and a build that never leaves half a file."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventwire.geo.gazetteer import Gazetteer, get_gazetteer, index_path
from eventwire.geo.names import name_key


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return get_gazetteer()


def test_spellings_share_one_key() -> None:
    assert name_key("Ma‘arrat an Nu‘mān") == name_key("Maarat al-Numan")
    assert name_key("Ar Raqqah") == name_key("Raqqa")
    assert name_key("Tall Rif‘at") == name_key("Tal Rifaat")
    assert name_key("IDLIB") == name_key("Idlib")


def test_lookup_returns_candidates_with_admin_names(gazetteer: Gazetteer) -> None:
    idlib = [c for c in gazetteer.lookup("Idlib") if c.kind == "city"][0]
    assert (idlib.country, idlib.admin1) == ("SY", "Idlib")
    assert abs(idlib.lat - 35.93) < 0.05 and abs(idlib.lon - 36.63) < 0.05
    oyam = [c for c in gazetteer.lookup("Oyam") if c.kind == "admin2"][0]
    assert (oyam.country, oyam.admin1) == ("UG", "Northern")


def test_ambiguous_name_has_candidates_in_several_countries(gazetteer: Gazetteer) -> None:
    assert {"SY", "US"} <= {c.country for c in gazetteer.lookup("Damascus")}


def test_supplement_places_are_indexed(gazetteer: Gazetteer) -> None:
    for name, country in [("Sarmada", "SY"), ("Latamneh", "SY"), ("Jobar", "SY"), ("Eastern Ghouta", "SY")]:
        assert any(c.country == country for c in gazetteer.lookup(name)), name


def test_countries_and_demonyms(gazetteer: Gazetteer) -> None:
    assert gazetteer.country_code("Syrian") == "SY"
    assert gazetteer.country_code("Turkish") == "TR"
    assert gazetteer.country_code("Russian") == "RU"
    assert gazetteer.country_code("U.S.") == "US"
    assert gazetteer.country_code("Britain") == "GB"
    assert gazetteer.demonym_country("Syria") is None
    syria = gazetteer.country("SY")
    assert syria is not None and syria.kind == "country"


def test_admin1_centroid(gazetteer: Gazetteer) -> None:
    idlib = gazetteer.admin1("Idlib province".removesuffix(" province"), "SY")
    assert idlib is not None and idlib.kind == "admin1"
    assert 35.3 < idlib.lat < 36.4 and 36.2 < idlib.lon < 37.0


def test_open_is_fast() -> None:
    get_gazetteer()  # make sure the index exists
    started = time.perf_counter()
    Gazetteer().lookup("Aleppo")
    assert time.perf_counter() - started < 0.5


@pytest.mark.slow
def test_killed_build_leaves_no_index(tmp_path: Path) -> None:
    """The build writes a temporary file and renames it: killing it mid-way leaves no index file."""
    target = index_path(tmp_path)
    env = {**os.environ, "EVENTWIRE_CACHE": str(tmp_path)}
    child = subprocess.Popen([sys.executable, "-m", "eventwire.geo.build", str(target)], env=env)
    time.sleep(2.0)
    child.kill()
    child.wait()
    assert not target.exists()


@pytest.mark.slow
def test_build_writes_a_versioned_index(tmp_path: Path) -> None:
    target = index_path(tmp_path)
    subprocess.run([sys.executable, "-m", "eventwire.geo.build", str(target)], check=True)
    assert target.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    with sqlite3.connect(target) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()[0].isdigit()
    assert Gazetteer(target).lookup("Sarmada")


def test_places_in_a_grouping_region_are_in_the_unit_inside_it(gazetteer: Gazetteer) -> None:
    erbil = [c for c in gazetteer.lookup("Erbil") if c.kind == "city"][0]
    assert erbil.admin1 == gazetteer.admin1("Erbil", "IQ").name != "Iqlīm Kūrdistān"
    leskovac = [c for c in gazetteer.lookup("Leskovac") if c.country == "RS"][0]
    assert leskovac.admin1 == gazetteer.admin1("Jablanica", "RS").name


def test_former_and_english_names_of_first_level_units(gazetteer: Gazetteer) -> None:
    assert gazetteer.admin1("Distrito Federal", "MX").name == gazetteer.admin1("Mexico City", "MX").name
    assert gazetteer.admin1("North Jeolla", "KR").name == gazetteer.admin1("Jeollabuk-do", "KR").name
