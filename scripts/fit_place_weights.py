"""Fit the resolver's feature weights (src/eventwire/data/place_weights.json) on LGL, GeoWebNews and ACLED.

    .venv/bin/python scripts/fit_place_weights.py --scratch /tmp/eventwire-place-fit
    .venv/bin/python scripts/fit_place_weights.py --folds /tmp/eventwire-place-fit/folds   # per country

Training rows: every place name whose gold point lies near one of its candidates (within 161 km on LGL
and GeoWebNews, 25 km on ACLED rows at geo_precision 1 or 2), with the features of all its candidates
(`eventwire.geo.resolve.mention_features`). ACLED rows come from the development exports and the public
mix (up to `--per-country` rows of each country whose notes name their place), never South Asia 2015.
An ACLED row's features are computed with a gazetteer whose derived place table leaves out the row's own
file (built in --scratch), so the count of events at a place never comes from the row itself.

Each name is tagged with the country of its right place. The report gives, for each of the public mix's
eight largest countries, the share of its names ranked right by weights fitted without it, against the
hand-set weights; `--folds DIR` also writes those weights (place_weights-ISO2.json) for
`benchmarks/geo_places.py --weights-folds DIR`. The shipped file is fitted on all names.
"""

from __future__ import annotations

import argparse
import csv
import math
import pickle
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

from eventwire.actors.countries import country_code
from eventwire.eval.geoparse import read_corpus
from eventwire.geo.derive import open_text, precision_of
from eventwire.geo.gazetteer import Gazetteer
from eventwire.geo.names import name_key
from eventwire.geo.ranker import (
    FEATURES,
    HAND_WEIGHTS,
    WEIGHTS_FILE,
    Weights,
    fit_weights,
    top_one,
    write_weights,
)
from eventwire.geo.resolve import mention_features
from eventwire.nlp import get_nlp

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "scripts"))

from derive_acled_places import SHIPPED_FILES  # noqa: E402

ACLED_FILES = (
    "acledr_sample_2022.csv",
    "global_2020-04-27_2020-05-09.csv",
    "kenya_2004_2019.csv",
    "afghanistan_2020-03.csv",
    "public_mix_1997_2024.csv.gz",
)
GEOPARSING = (("geoparsing/lgl.xml", 161.0), ("geoparsing/GWN.xml", 161.0))
ACLED_KM = 25.0
HELD_OUT = ("US", "UA", "ID", "LK", "BD", "CM", "BF", "MM")

Group = tuple[np.ndarray, int, str]  # candidates' features, index of the right one, its country


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dx = (lon1 - lon2) * math.cos(math.radians((lat1 + lat2) / 2))
    return 111.2 * math.hypot(lat1 - lat2, dx)


def label(mention, features, lat: float, lon: float, within: float) -> Group | None:
    """The group of a name whose gold point is known: None when no candidate lies within `within` km
    of it or the name has one candidate (nothing to rank)."""
    if len(mention.candidates) < 2:
        return None
    far = [distance_km(c.lat, c.lon, lat, lon) for c in mention.candidates]
    right = min(range(len(far)), key=far.__getitem__)
    if far[right] > within:
        return None
    return np.array(features), right, mention.candidates[right].country


def geoparsing_groups(path: Path, within: float, gazetteer: Gazetteer) -> list[Group]:
    documents = read_corpus(path)
    groups = []
    for gold, doc in zip(documents, get_nlp().pipe(d.text for d in documents), strict=True):
        points = [t for t in gold.toponyms if t.scored and t.lat is not None and t.lon is not None]
        for mention, features in mention_features(doc, gazetteer):
            hit = next((t for t in points if t.start < mention.end and mention.start < t.end), None)
            if hit is not None and (group := label(mention, features, hit.lat, hit.lon, within)):
                groups.append(group)
    return groups


def open_rows(path: Path) -> list[dict[str, str]]:
    with open_text(path) as handle:
        return [{k.lower(): v for k, v in row.items() if k} for row in csv.DictReader(handle)]


def acled_rows(path: Path, per_country: int) -> list[dict[str, str]]:
    """Rows at geo_precision 1 or 2 whose notes name their place, at most `per_country` per country."""
    taken: dict[str, int] = defaultdict(int)
    rows = []
    for row in open_rows(path):
        place = row.get("location", "").split(" - ")[-1].strip()
        if (
            precision_of(row.get("geo_precision", "")) not in {1, 2}
            or not place
            or place.lower() not in row["notes"].lower()
        ):
            continue
        if taken[row["country"]] < per_country:
            taken[row["country"]] += 1
            rows.append(row)
    return rows


def acled_groups(path: Path, per_country: int, gazetteer: Gazetteer) -> list[Group]:
    rows = acled_rows(path, per_country)
    groups = []
    for row, doc in zip(rows, get_nlp().pipe(r["notes"] for r in rows), strict=True):
        key = name_key(row["location"].split(" - ")[-1])
        lat, lon = float(row["latitude"]), float(row["longitude"])
        for mention, features in mention_features(doc, gazetteer):
            if name_key(mention.text) == key and (group := label(mention, features, lat, lon, ACLED_KM)):
                iso2 = country_code(row["country"]) or group[2]
                groups.append((group[0], group[1], iso2))
                break
    return groups


def gazetteer_without(name: str, scratch: Path) -> Gazetteer:
    """An index whose derived table leaves out one ACLED file (built once in `scratch`)."""
    stem = name.split(".")[0]
    index = scratch / f"gazetteer-without-{stem}.sqlite"
    if not index.exists():
        table = scratch / f"places-without-{stem}.csv.gz"
        files = [str(DATA / "acled" / f) for f in SHIPPED_FILES if f != name]
        derive = [
            sys.executable,
            str(ROOT / "scripts" / "derive_acled_places.py"),
            "--out",
            str(table),
            *files,
        ]
        subprocess.run(derive, check=True, stdout=subprocess.DEVNULL)
        subprocess.run(
            [sys.executable, "-m", "eventwire.geo.build", str(index), "--places", str(table)], check=True
        )
    return Gazetteer(index)


def cached(path: Path, refresh: bool, compute) -> list[Group]:
    """One source's training groups, kept in `path` (the parse and lookups take minutes)."""
    if path.exists() and not refresh:
        return pickle.loads(path.read_bytes())
    groups = compute()
    path.write_bytes(pickle.dumps(groups))
    return groups


def collect(args: argparse.Namespace, sources: tuple[str, ...]) -> list[Group]:
    """The training groups of the chosen sources ("lgl", "gwn", "acled")."""
    groups: list[Group] = []
    for name, within in GEOPARSING:
        stem = Path(name).stem
        if stem.lower() in sources:
            found = cached(
                args.scratch / f"groups-{stem}.pickle",
                args.refresh,
                lambda name=name, within=within: geoparsing_groups(DATA / name, within, Gazetteer()),
            )
            print(f"{name}: {len(found)} names", flush=True)
            groups += found
    for name in ACLED_FILES if "acled" in sources else ():
        found = cached(
            args.scratch / f"groups-{name.split('.')[0]}.pickle",
            args.refresh,
            lambda name=name: acled_groups(
                DATA / "acled" / name, args.per_country, gazetteer_without(name, args.scratch)
            ),
        )
        print(f"{name}: {len(found)} names", flush=True)
        groups += found
    return groups


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scratch", type=Path, default=Path("/tmp/eventwire-place-fit"))
    parser.add_argument("--per-country", type=int, default=300)
    parser.add_argument("--folds", type=Path, help="write weights fitted without each held-out country here")
    parser.add_argument("--sources", default="lgl,gwn,acled", help="which training sources to use")
    parser.add_argument("--pull", type=float, default=0.01, help="pull toward the hand-set weights")
    parser.add_argument("--refresh", action="store_true", help="recompute the cached training rows")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "eventwire" / "data" / WEIGHTS_FILE)
    args = parser.parse_args()
    args.scratch.mkdir(parents=True, exist_ok=True)
    groups = collect(args, tuple(args.sources.split(",")))
    hand = Weights.from_mapping(HAND_WEIGHTS)
    print(f"{len(groups)} names, {len({g[2] for g in groups})} countries")
    for iso2 in HELD_OUT:
        train = [(m, r) for m, r, c in groups if c != iso2]
        test = [(m, r) for m, r, c in groups if c == iso2]
        fitted = fit_weights(train, pull=args.pull)
        print(
            f"{iso2}: {len(test)} names held out, right {top_one(test, fitted):.3f} (hand-set {top_one(test, hand):.3f})"
        )
        if args.folds:
            args.folds.mkdir(parents=True, exist_ok=True)
            write_weights(fitted, args.folds / f"place_weights-{iso2}.json", f"fitted without {iso2}")
    everything = [(m, r) for m, r, _ in groups]
    fitted = fit_weights(everything, pull=args.pull)
    print(f"all: right {top_one(everything, fitted):.3f} (hand-set {top_one(everything, hand):.3f})")
    print({name: round(value, 3) for name, value in zip(FEATURES, fitted.values, strict=True)})
    note = (
        "Fitted by scripts/fit_place_weights.py: a conditional logit over each place name's candidates on "
        f"LGL, GeoWebNews and ACLED place columns ({len(groups)} names), pulled toward the hand-set weights."
    )
    write_weights(fitted, args.out, note)


if __name__ == "__main__":
    main()
