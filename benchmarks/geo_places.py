"""Place accuracy on the development data: ACLED files, countries held out, and geoparsing corpora.

    cd benchmarks && ../.venv/bin/python geo_places.py --dev --heldout --geoparse --json geo.json

- `--dev`: each ACLED development file (first 1,500 rows): share within 25 km on geo_precision 1 rows,
  country and admin1 accuracy. With `--hold-out-file` each file is scored with a gazetteer whose derived
  place table was rebuilt without that file (the shipped table includes it).
- `--heldout`: the public mix's largest countries, one at a time: their geo_precision 1 rows (first
  `--country-limit`) scored with a gazetteer whose derived table leaves the country out and resolver
  weights fitted without it (when `--weights-folds` names a folder of per-country weight files).
- `--named`: only rows whose notes name their location (ACLED's `location`, either part of "City -
  Quarter"); old rows that say only "village torched" cannot be placed from their words.
- `--news`: events placed in a country the article never implies (by name, demonym or its gold
  events) on gwn_dev and reuters96_dev.
- `--geoparse`: LGL and GeoWebNews, all articles: toponym recall and accuracy within 161 km.

Folds are built in `--scratch` (one gazetteer index each, about 50 s). Every score is computed by the
`eventwire eval` command in a child process, so this script measures exactly what a user would run.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
DEV_FILES = (
    "acledr_sample_2022.csv",
    "global_2020-04-27_2020-05-09.csv",
    "kenya_2004_2019.csv",
    "afghanistan_2020-03.csv",
)
PUBLIC_MIX = DATA / "acled" / "public_mix_1997_2024.csv.gz"
# The public mix's eight largest countries, by rows.
HELD_OUT = {
    "United States": "US",
    "Ukraine": "UA",
    "Indonesia": "ID",
    "Sri Lanka": "LK",
    "Bangladesh": "BD",
    "Cameroon": "CM",
    "Burkina Faso": "BF",
    "Myanmar": "MM",
}
GEOPARSE = ("geoparsing/lgl.xml", "geoparsing/GWN.xml")
PLACE_METRICS = ("within_25km", "country_accuracy", "admin1_accuracy", "geo_precision1_rows", "rows")


def run_eval(args: list[str], out: Path, env: dict[str, str]) -> dict:
    """One `eventwire eval` run in a child process; its JSON scores."""
    command = [sys.executable, "-m", "eventwire", "eval", *args, "--json", str(out)]
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    return json.loads(out.read_text())


def fold_env(scratch: Path, name: str, exclude: str = "", files: list[Path] | None = None) -> dict[str, str]:
    """The environment of a fold: a gazetteer index built from a derived table without `exclude` (ISO2)
    or from `files` only, and the fold's resolver weights when a folder of them is given."""
    table = scratch / f"places-{name}.csv.gz"
    index = scratch / f"gazetteer-{name}.sqlite"
    if not index.exists():
        derive = [sys.executable, str(ROOT / "scripts" / "derive_acled_places.py"), "--out", str(table)]
        derive += ["--exclude", exclude] if exclude else []
        derive += [str(f) for f in files or []]
        subprocess.run(derive, check=True, stdout=subprocess.DEVNULL)
        build = [sys.executable, "-m", "eventwire.geo.build", str(index), "--places", str(table)]
        subprocess.run(build, check=True)
    return {**os.environ, "EVENTWIRE_GAZETTEER": str(index)}


def with_weights(env: dict[str, str], folder: Path | None, name: str) -> dict[str, str]:
    weights = folder / f"place_weights-{name}.json" if folder else None
    return {**env, "EVENTWIRE_PLACE_WEIGHTS": str(weights)} if weights and weights.exists() else env


def names_its_place(row: dict[str, str]) -> bool:
    """Whether a row's notes name its location ("Kyiv - Podilskyi": either part): many old rows say only
    "village torched", which no geocoder can place."""
    notes = row.get("notes", "").lower()
    parts = [p.strip().lower() for p in row.get("location", "").split(" - ")]
    return any(p and p in notes for p in parts)


def write_rows(rows: list[dict[str, str]], fields: list[str], out: Path) -> Path:
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields)
        writer.writeheader()
        writer.writerows(rows)
    return out


def country_rows(country: str, limit: int, named: bool, out: Path) -> Path:
    """The first `limit` geo_precision 1 rows of one country of the public mix (with `named`, only rows
    whose notes name their place), as a CSV of their own."""
    with gzip.open(PUBLIC_MIX, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = [
            r
            for r in reader
            if r["country"] == country
            and r["geo_precision"] in {"1", "1.0"}
            and (not named or names_its_place(r))
        ]
        fields = list(reader.fieldnames or [])
    return write_rows(rows[:limit], fields, out)


def named_rows(path: Path, limit: int, out: Path) -> Path:
    """The rows among a file's first `limit` whose notes name their place."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = [{k.lower(): v for k, v in r.items()} for _, r in zip(range(limit), reader, strict=False)]
        fields = [f.lower() for f in reader.fieldnames or []]
    return write_rows([r for r in rows if names_its_place(r)], fields, out)


def dev_scores(args: argparse.Namespace) -> dict:
    results = {}
    for name in DEV_FILES:
        path = DATA / "acled" / name
        env = dict(os.environ)
        if args.hold_out_file:
            sys.path.insert(0, str(ROOT / "scripts"))
            from derive_acled_places import SHIPPED_FILES

            others = [DATA / "acled" / f for f in SHIPPED_FILES if f != name]
            env = fold_env(args.scratch, f"without-{path.stem}", files=others)
        if args.named:
            path = named_rows(path, args.limit, args.scratch / f"named-{name}")
        scores = run_eval(
            ["acled", str(path), "--limit", str(args.limit)], args.scratch / f"{name}.json", env
        )
        results[name] = {k: scores.get(k) for k in PLACE_METRICS}
        print(name, results[name], flush=True)
    return results


def heldout_scores(args: argparse.Namespace) -> dict:
    results = {}
    for country, iso2 in HELD_OUT.items():
        rows = country_rows(country, args.country_limit, args.named, args.scratch / f"rows-{iso2}.csv")
        env = dict(os.environ) if args.shipped else fold_env(args.scratch, f"without-{iso2}", exclude=iso2)
        env = with_weights(env, args.weights_folds, iso2)
        scores = run_eval(["acled", str(rows)], args.scratch / f"heldout-{iso2}.json", env)
        results[country] = {k: scores.get(k) for k in PLACE_METRICS}
        print(country, results[country], flush=True)
    return results


def geoparse_scores(args: argparse.Namespace) -> dict:
    results = {}
    for name in GEOPARSE:
        path = DATA / name
        scores = run_eval(["geoparse", str(path)], args.scratch / f"{path.stem}.json", dict(os.environ))
        keys = ("documents", "gold_toponyms", "recall", "precision", "accuracy_161km", "median_error_km")
        results[path.name] = {k: scores.get(k) for k in keys}
        print(path.name, results[path.name], flush=True)
    return results


NEWS = ("news/gwn_dev", "news/reuters96_dev")


def implied_countries(text: str, gold: dict) -> set[str]:
    """Countries an article implies: its gold events' countries and every country its words name or
    describe ("Syria", "Syrian", "the Russians"), or whose province ("California") or city of half a
    million or more ("London") they name, read word by word and in pairs and threes ("Sri Lanka")."""
    from eventwire.actors.countries import country_code
    from eventwire.geo.gazetteer import get_gazetteer
    from eventwire.geo.names import name_key

    gazetteer = get_gazetteer()
    words = [w.strip(".,;:()\"'") for w in text.split()]
    found = {e["country"] for e in gold.get("events") or [] if e.get("country")}
    for size in (1, 2, 3):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i : i + size])
            if not phrase[:1].isupper():
                continue
            if code := country_code(phrase):
                found.add(code)
            exact = [c for c in gazetteer.lookup(phrase) if name_key(c.name) == name_key(phrase)]
            found |= {c.country for c in exact if c.kind == "admin1" or c.population >= 500_000}
    return found


def news_scores(args: argparse.Namespace) -> dict:
    """Events placed in a country the article never implies, on whole news articles."""
    import yaml

    results = {}
    for name in NEWS:
        folder = DATA / name
        out = args.scratch / f"{folder.name}-events.jsonl"
        command = [sys.executable, "-m", "eventwire", "extract", "--input", str(folder / "docs.jsonl")]
        subprocess.run(
            [*command, "--format", "jsonl", "--output", str(out)], check=True, env=dict(os.environ)
        )
        texts = {d["id"]: d["text"] for d in map(json.loads, (folder / "docs.jsonl").open(encoding="utf-8"))}
        gold = {g["doc_id"]: g for g in yaml.safe_load((folder / "gold.yaml").read_text("utf-8"))}
        events = [json.loads(line) for line in out.open(encoding="utf-8") if line.strip()]
        stray = [
            (e["doc_id"], (e.get("location") or {}).get("name"), (e.get("location") or {}).get("country"))
            for e in events
            if (e.get("location") or {}).get("country")
            and e["location"]["country"]
            not in implied_countries(texts[e["doc_id"]], gold.get(e["doc_id"], {}))
        ]
        results[folder.name] = {"events": len(events), "in_unimplied_country": len(stray), "which": stray}
        print(folder.name, results[folder.name], flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dev", action="store_true")
    parser.add_argument("--heldout", action="store_true")
    parser.add_argument("--geoparse", action="store_true")
    parser.add_argument("--news", action="store_true", help="events in countries the article never implies")
    parser.add_argument(
        "--hold-out-file", action="store_true", help="dev files scored without their own places"
    )
    parser.add_argument(
        "--shipped", action="store_true", help="held-out countries scored with the shipped index"
    )
    parser.add_argument(
        "--weights-folds", type=Path, help="folder of place_weights-ISO2.json fitted per fold"
    )
    parser.add_argument("--named", action="store_true", help="only rows whose notes name their place")
    parser.add_argument("--limit", type=int, default=1500)
    parser.add_argument("--country-limit", type=int, default=600)
    parser.add_argument("--scratch", type=Path, default=Path("/tmp/eventwire-geo-folds"))
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    args.scratch.mkdir(parents=True, exist_ok=True)
    results = {}
    if args.dev:
        results["dev"] = dev_scores(args)
    if args.heldout:
        results["heldout"] = heldout_scores(args)
    if args.geoparse:
        results["geoparse"] = geoparse_scores(args)
    if args.news:
        results["news"] = news_scores(args)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
