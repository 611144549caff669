"""Rebuild the place table derived from ACLED exports (src/eventwire/data/acled_places.csv.gz).

    .venv/bin/python scripts/derive_acled_places.py                  # the shipped table
    .venv/bin/python scripts/derive_acled_places.py --exclude UA --out /tmp/places-no-ua.csv.gz

Reads the location columns of the exports in ../shared/data/acled (see SHIPPED_FILES); South Asia 2015 is
left out so that its scores stay a test of places the table never saw there. `--exclude` leaves
countries out (ISO2), for scores held out by country.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from eventwire.geo.derive import derive_places, write_table

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "acled"
SHIPPED_FILES = (
    "acledr_sample_2022.csv",
    "global_2020-04-27_2020-05-09.csv",
    "kenya_2004_2019.csv",
    "afghanistan_2020-03.csv",
    "public_mix_1997_2024.csv.gz",
    "public_mix_old_typology.csv.gz",
)
SHIPPED_TABLE = ROOT / "src" / "eventwire" / "data" / "acled_places.csv.gz"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("files", nargs="*", type=Path, help="ACLED exports (default: SHIPPED_FILES)")
    parser.add_argument("--exclude", default="", help="countries to leave out, ISO2, comma-separated")
    parser.add_argument("--out", type=Path, default=SHIPPED_TABLE)
    args = parser.parse_args()
    files = args.files or [DATA / name for name in SHIPPED_FILES]
    exclude = frozenset(c.strip().upper() for c in args.exclude.split(",") if c.strip())
    places = derive_places(files, exclude)
    write_table(places, args.out)
    towns = sum(p.kind == "town" for p in places)
    quarters = sum(p.kind == "quarter" for p in places)
    print(f"{args.out}: {len(places)} places ({towns} towns, {quarters} quarters) from {len(files)} files")


if __name__ == "__main__":
    main()
