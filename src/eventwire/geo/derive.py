"""A place table derived from ACLED exports' location columns: villages and city quarters with points.

GeoNames cities500 lacks most villages of conflict zones and the quarters of cities ("Gaza City -
Shujaiyya", "Mogadishu - Hodan"). ACLED's coders name them in every row (location, admin1-3, latitude,
longitude, geo_precision), so the places of many exports together make a supplement of tens of thousands
of places. Only rows at geo_precision 1 or 2 give a place's own point (3 is a province's centroid).

The table holds, per place: kind (town | quarter | admin2 | admin3), name, the city a quarter lies in,
country (ISO2), admin1, admin2, admin3, the median point of its rows, and how many rows name it
(`events`: how often conflict has been reported there). Second- and third-level units get the centre of
their places' points, so "X (A, B)" with X unknown still lands in A. Rebuild it with
`python scripts/derive_acled_places.py` (see that script for the files it reads).

Data: ACLED (https://acleddata.com), Armed Conflict Location & Event Data; its terms ask for attribution
and non-commercial use.
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.actors.countries import country_code
from eventwire.geo.names import name_key

COLUMNS = ("kind", "name", "city", "country", "admin1", "admin2", "admin3", "lat", "lon", "events")
# A city and its quarter in ACLED's location column: "Gaza City - Shujaiyya", "Kyiv - Podilskyi".
QUARTER_SEPARATOR = " - "
# Rows of one place whose points lie further apart than this are different places of one name.
SAME_PLACE_KM = 10.0


@dataclass(slots=True)
class DerivedPlace:
    """One place of the table (see the module docstring for the columns)."""

    kind: str
    name: str
    city: str
    country: str
    admin1: str
    admin2: str
    admin3: str
    lat: float
    lon: float
    events: int

    def as_row(self) -> list[str]:
        return [
            self.kind,
            self.name,
            self.city,
            self.country,
            self.admin1,
            self.admin2,
            self.admin3,
            f"{self.lat:.4f}",
            f"{self.lon:.4f}",
            str(self.events),
        ]


@dataclass(slots=True)
class _Group:
    name: str
    city: str
    country: str
    admin1: str
    admin2: str
    admin3: str
    points: list[tuple[float, float]] = field(default_factory=list)


def open_text(path: Path) -> io.TextIOBase:
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path), encoding="utf-8-sig", errors="replace", newline="")
    return path.open(encoding="utf-8-sig", errors="replace", newline="")


def read_location_rows(path: Path) -> Iterator[dict[str, str]]:
    """The location columns of each row of an ACLED export (any schema; column names in any case)."""
    with open_text(path) as handle:
        reader = csv.DictReader(handle)
        columns = {name.lower().strip(): name for name in reader.fieldnames or []}
        wanted = (
            "country",
            "admin1",
            "admin2",
            "admin3",
            "location",
            "latitude",
            "longitude",
            "geo_precision",
        )
        if not {"location", "latitude", "longitude", "country"} <= columns.keys():
            return
        for raw in reader:
            yield {key: (raw.get(columns[key]) or "").strip() for key in wanted if key in columns}


def point_of(row: dict[str, str]) -> tuple[float, float] | None:
    """The row's point when it is a place's own (geo_precision 1 or 2), else None."""
    if precision_of(row.get("geo_precision", "")) not in {1, 2}:
        return None
    try:
        lat, lon = float(row["latitude"]), float(row["longitude"])
    except ValueError:
        return None
    return (lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None


def precision_of(value: str) -> int | None:
    """ACLED's geo_precision, written "1" or "1.0" depending on the export."""
    try:
        return int(float(value))
    except ValueError:
        return None


def split_location(location: str) -> tuple[str, str]:
    """ "Gaza City - Shujaiyya" -> ("Shujaiyya", "Gaza City"); "Xalfooley" -> ("Xalfooley", "")."""
    if QUARTER_SEPARATOR in location:
        city, _, quarter = location.partition(QUARTER_SEPARATOR)
        if city.strip() and quarter.strip():
            return quarter.strip(), city.strip()
    return location, ""


def derive_places(paths: Iterable[Path], exclude: frozenset[str] = frozenset()) -> list[DerivedPlace]:
    """The places of the given exports, countries in `exclude` (ISO2) left out."""
    groups: dict[tuple[str, ...], _Group] = {}
    for path in paths:
        for row in read_location_rows(path):
            iso2 = country_code(row.get("country", ""))
            point = point_of(row)
            if iso2 is None or iso2 in exclude or point is None or not row.get("location"):
                continue
            name, city = split_location(row["location"])
            admins = (row.get("admin1", ""), row.get("admin2", ""), row.get("admin3", ""))
            key = (iso2, name_key(city), name_key(name), *(name_key(a) for a in admins))
            group = groups.get(key) or groups.setdefault(key, _Group(name, city, iso2, *admins))
            group.points.append(point)
    places = [place for group in groups.values() for place in split_group(group)]
    return places + unit_centres(places)


def split_group(group: _Group) -> list[DerivedPlace]:
    """One place per cluster of a name's points: ACLED's points for one village agree to the metre,
    two villages of one name in one district do not."""
    clusters: list[list[tuple[float, float]]] = []
    for point in sorted(group.points):
        home = next((c for c in clusters if distance_km(c[0], point) < SAME_PLACE_KM), None)
        if home is None:
            clusters.append([point])
        else:
            home.append(point)
    kind = "quarter" if group.city else "town"
    return [
        DerivedPlace(
            kind,
            group.name,
            group.city,
            group.country,
            group.admin1,
            group.admin2,
            group.admin3,
            statistics.median(p[0] for p in points),
            statistics.median(p[1] for p in points),
            len(points),
        )
        for points in clusters
    ]


def unit_centres(places: list[DerivedPlace]) -> list[DerivedPlace]:
    """Second- and third-level units at the median point of the places ACLED puts in them."""
    members: dict[tuple[str, ...], list[DerivedPlace]] = defaultdict(list)
    for place in places:
        if place.admin2:
            members[("admin2", place.country, place.admin1, place.admin2, "")].append(place)
        if place.admin2 and place.admin3:
            members[("admin3", place.country, place.admin1, place.admin2, place.admin3)].append(place)
    units = []
    for (kind, country, admin1, admin2, admin3), inside in members.items():
        units.append(
            DerivedPlace(
                kind,
                admin3 or admin2,
                "",
                country,
                admin1,
                admin2,
                admin3,
                statistics.median(p.lat for p in inside),
                statistics.median(p.lon for p in inside),
                sum(p.events for p in inside),
            )
        )
    return units


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Equirectangular distance, exact enough below a few hundred kilometres."""
    dx = (a[1] - b[1]) * math.cos(math.radians((a[0] + b[0]) / 2))
    return 111.2 * math.hypot(a[0] - b[0], dx)


def write_table(places: list[DerivedPlace], path: Path) -> None:
    """A gzip CSV, sorted so that a rebuild from the same files gives the same bytes."""
    rows = sorted(place.as_row() for place in places)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(path, "wb", mtime=0) as handle:
        handle.write(buffer.getvalue().encode("utf-8"))


def read_table(path: Path) -> Iterator[DerivedPlace]:
    with open_text(path) as handle:
        for row in csv.DictReader(handle):
            yield DerivedPlace(
                row["kind"],
                row["name"],
                row["city"],
                row["country"],
                row["admin1"],
                row["admin2"],
                row["admin3"],
                float(row["lat"]),
                float(row["lon"]),
                int(row["events"]),
            )
