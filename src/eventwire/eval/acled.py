"""`eventwire eval acled`: score the extractor against an ACLED export, reading each row's `notes`.

The prediction for a row is the article's main in-scope event (ACLED codes one event per row). Scores:
event and sub-event type (accuracy, macro-F1), fatalities (exact, MAE; all rows, caveat-free rows, gold 0
and gold > 0 apart), country and admin1, distance on geo_precision 1 rows, date, actor kinds and names.
"""

from __future__ import annotations

import math
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from eventwire.actors.countries import country_code
from eventwire.eval.acled_data import GoldRow, read_acled
from eventwire.geo.gazetteer import get_gazetteer
from eventwire.lang import lexicon
from eventwire.model import Document, Event
from eventwire.pipeline import extract_documents
from eventwire.settings import DEFAULT_SETTINGS, Settings

_ADMIN_WORDS = lexicon("en").regex("admin_filler_words")


@dataclass
class Scored:
    gold: GoldRow
    event: Event | None


def predict(rows: Iterable[GoldRow], settings: Settings = DEFAULT_SETTINGS) -> list[Scored]:
    """Run the pipeline on every row's notes, keeping the main in-scope event of each."""
    rows = list(rows)
    documents = (Document(id=str(r.row), text=r.notes, published=r.published) for r in rows)
    scored = []
    for row, events in zip(rows, extract_documents(documents, settings), strict=True):
        in_scope = [e for e in events if e.event_type is not None]
        scored.append(Scored(row, in_scope[0] if in_scope else None))
    return scored


def score_acled(path: str, limit: int | None = None, settings: Settings = DEFAULT_SETTINGS) -> dict:
    """All metrics for one ACLED file, as a flat dict of name -> value (and counts)."""
    rows = list(read_acled(path))
    if limit:
        rows = rows[:limit]
    return metrics(predict(rows, settings))


def metrics(scored: list[Scored]) -> dict:
    result: dict[str, float | int | None] = {"rows": len(scored)}
    result.update(_type_metrics(scored))
    result.update(_fatality_metrics(scored))
    result.update(_place_metrics(scored))
    result.update(_date_and_actor_metrics(scored))
    return result


def _gold_type(scored: Scored) -> str:
    """The gold event type; an old "Riots/Protests" row accepts either of today's types."""
    if scored.event is not None and scored.event.event_type in scored.gold.event_types:
        return scored.event.event_type
    return min(scored.gold.event_types)


def _type_metrics(scored: list[Scored]) -> dict:
    event_pairs = [(_gold_type(s), s.event.event_type if s.event else None) for s in scored]
    typed = [
        (s.gold.sub_event_type, s.event.sub_event_type if s.event else None)
        for s in scored
        if s.gold.sub_event_type
    ]
    return {
        "event_type_accuracy": _share(g == p for g, p in event_pairs),
        "event_type_macro_f1": macro_f1(event_pairs),
        "sub_event_type_accuracy": _share(g == p for g, p in typed) if typed else None,
        "sub_event_type_macro_f1": macro_f1(typed) if typed else None,
    }


def _predicted_toll(scored: Scored) -> int:
    toll = scored.event.fatalities if scored.event else None
    return toll.best if toll and toll.best is not None else 0


def _fatality_metrics(scored: list[Scored]) -> dict:
    with_gold = [s for s in scored if s.gold.fatalities is not None]
    subsets = {
        "all": with_gold,
        "clean": [s for s in with_gold if not s.gold.caveat],
        "clean_gold0": [s for s in with_gold if not s.gold.caveat and s.gold.fatalities == 0],
        "clean_gold_pos": [s for s in with_gold if not s.gold.caveat and s.gold.fatalities > 0],
    }
    result = {}
    for name, rows in subsets.items():
        result[f"fatalities_exact_{name}"] = _share(_predicted_toll(s) == s.gold.fatalities for s in rows)
        result[f"fatalities_mae_{name}"] = (
            statistics.fmean(abs(_predicted_toll(s) - s.gold.fatalities) for s in rows) if rows else None
        )
        result[f"fatalities_rows_{name}"] = len(rows)
    return result


def _place_metrics(scored: list[Scored]) -> dict:
    countries, admins, distances = [], [], []
    for s in scored:
        loc = s.event.location if s.event else None
        gold_code = country_code(s.gold.country) if s.gold.country else None
        if gold_code:
            countries.append(bool(loc) and loc.country == gold_code)
        if s.gold.admin1:
            admins.append(bool(loc and loc.admin1) and same_admin(loc.admin1, s.gold.admin1, gold_code))
        if s.gold.geo_precision == 1 and s.gold.lat is not None and s.gold.lon is not None:
            has_point = loc is not None and loc.lat is not None and loc.lon is not None
            distances.append(
                haversine_km(loc.lat, loc.lon, s.gold.lat, s.gold.lon) if has_point else math.inf
            )
    return {
        "country_accuracy": _share(countries),
        "admin1_accuracy": _share(admins),
        "distance_median_km": statistics.median(distances) if distances else None,
        "within_25km": _share(d <= 25 for d in distances),
        "geo_precision1_rows": len(distances),
    }


def _date_and_actor_metrics(scored: list[Scored]) -> dict:
    # A weekday ("on Friday") has no date without the report's own, so rows whose file gives no
    # publication date (South Asia 2015) are not scored for dates.
    dated = [s for s in scored if s.gold.event_date and s.gold.published]
    kinds1 = [s for s in scored if s.gold.actor1_kind]
    kinds2 = [s for s in scored if s.gold.actor2_kind]
    named = [s for s in scored if s.gold.actor1]
    return {
        "date_exact": _share(bool(s.event) and s.event.event_date == s.gold.event_date for s in dated),
        "dated_rows": len(dated),
        "actor1_kind_accuracy": _share(_kind(s.event, 1) == s.gold.actor1_kind for s in kinds1),
        "actor2_kind_accuracy": _share(_kind(s.event, 2) == s.gold.actor2_kind for s in kinds2),
        "actor1_name_match": _share(
            bool(s.event and s.event.actor1) and s.event.actor1.name.lower() == s.gold.actor1.lower()
            for s in named
        ),
    }


def _kind(event: Event | None, side: int) -> str | None:
    actor = (event.actor1 if side == 1 else event.actor2) if event else None
    return actor.kind if actor else None


def same_admin(predicted: str, gold: str, country: str | None = None) -> bool:
    """One unit under two spellings: "Idleb" and "Idlib", "Al-Hasakeh" and "Al Hasakah", "Shan-North"
    and "Shan", "Extreme-Nord" and "Far North" (an alias the gazetteer knows, in the gold country)."""
    mine, theirs = admin_key(predicted), admin_key(gold)
    if mine == theirs:
        return True
    shorter, longer = sorted((mine, theirs), key=len)
    if len(shorter) >= 4 and longer.startswith(shorter):
        return True
    if mine[:3] == theirs[:3] and SequenceMatcher(None, mine, theirs).ratio() >= 0.8:
        return True  # a vowel apart, not "East Java" and "West Java"
    unit = get_gazetteer().admin1(gold, country) if country else None
    return unit is not None and admin_key(unit.name) == mine


def admin_key(name: str) -> str:
    """ "Idlib Governorate" and "Idlib", "Khyber Pakhtunkhwa" and "Khyber-Pakhtunkhwa" compare equal."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    folded = _ADMIN_WORDS.sub(" ", folded.replace("-", " "))
    return re.sub(r"[^a-z]", "", folded)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def macro_f1(pairs: list[tuple[str | None, str | None]]) -> float | None:
    """Macro-averaged F1 over the gold labels (a missing prediction counts as wrong)."""
    labels = {g for g, _ in pairs if g}
    if not labels:
        return None
    tp, fp, fn = Counter(), Counter(), Counter()
    for gold, pred in pairs:
        if gold == pred:
            tp[gold] += 1
        else:
            fn[gold] += 1
            if pred:
                fp[pred] += 1
    scores = []
    for label in labels:
        precision = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 0.0
        recall = tp[label] / (tp[label] + fn[label]) if tp[label] + fn[label] else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores)


def _share(values: Iterable[bool]) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None
