"""`eventwire eval articles`: score the extractor on whole news articles against hand-coded ACLED events.

Every article is run through the pipeline; its predicted events with an ACLED `event_type` count
(statements and diplomacy with only a PLOVER type are outside ACLED's gold). Within each article,
predicted and gold events are paired one-to-one (the most pairs, then the closest; see `pairing`). A
pair is allowed when the two have the same event type; lie within PAIR_KM of each other, or in the same
country when the gold point is coarse (geo_precision 3) or either side has no point; and, when both are
dated, lie within PAIR_DAYS of each other.

Scores come from counts (`Tally`), so sets are pooled by adding their tallies: event precision, recall
and F1; the same with sub-event types required to agree ("strict"); deaths predicted against gold in
all; the share of pairs with the exact death toll; false events per article that has none; and how often
the article's first predicted event (the pipeline orders events main-first) is a gold main event.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Literal

from eventwire.eval.articles_data import GoldArticle, GoldEvent, read_documents, read_gold
from eventwire.eval.geoparse import distance_km
from eventwire.eval.pairing import assign
from eventwire.model import Document, Event
from eventwire.settings import DEFAULT_SETTINGS, Settings

PAIR_KM = 50.0
PAIR_DAYS = 2
# The share of a pair's closeness given to the prediction's rank: it only breaks ties.
TIE_WEIGHT = 0.001


def pair_problem(event: Event, gold: GoldEvent, strict: bool = False) -> str | None:
    """Why a predicted event may not answer a gold event, or None when it may."""
    if event.event_type != gold.event_type:
        return f"type {event.event_type} is not {gold.event_type}"
    if strict and event.sub_event_type != gold.sub_event_type:
        return f"sub-type {event.sub_event_type} is not {gold.sub_event_type}"
    place = _place_problem(event, gold)
    if place:
        return place
    if event.event_date and gold.event_date:
        days = abs((event.event_date - gold.event_date).days)
        if days > PAIR_DAYS:
            return f"{days} days apart"
    return None


def _place_problem(event: Event, gold: GoldEvent) -> str | None:
    loc = event.location
    km = event_distance_km(event, gold)
    if km is not None and gold.geo_precision != 3:
        return f"{km:.0f} km apart" if km > PAIR_KM else None
    country = loc.country if loc else None
    if country != gold.country:
        return f"country {country or '?'} is not {gold.country or '?'}"
    return None


def event_distance_km(event: Event, gold: GoldEvent) -> float | None:
    loc = event.location
    if loc is None or loc.lat is None or loc.lon is None or gold.lat is None or gold.lon is None:
        return None
    return distance_km(loc.lat, loc.lon, gold.lat, gold.lon)


def closeness(event: Event, gold: GoldEvent) -> float:
    """How well an allowed pair fits, 0 to 1: nearness in space and time, and the same sub-type. It only
    chooses between assignments with as many pairs."""
    km = event_distance_km(event, gold)
    place = 0.5 if km is None else 1 - min(km, PAIR_KM) / PAIR_KM
    if event.event_date and gold.event_date:
        days = abs((event.event_date - gold.event_date).days)
        when = 1 - min(days, PAIR_DAYS + 1) / (PAIR_DAYS + 1)
    else:
        when = 0.5
    same_sub_type = float(event.sub_event_type == gold.sub_event_type)
    return (place + when + same_sub_type) / 3


def pair_events(
    predicted: Sequence[Event], gold: Sequence[GoldEvent], strict: bool = False
) -> list[tuple[int, int]]:
    """One-to-one pairs (index into `predicted`, index into `gold`) of one article's events.

    Callers holding already-extracted events score with this (and `tally_article`) without re-running
    the pipeline. `strict` also requires the sub-event types to agree. Between equally close
    predictions the earlier wins: the pipeline puts an article's main event first."""
    table = [
        [
            None if pair_problem(e, g, strict) else (1 - TIE_WEIGHT) * closeness(e, g) + TIE_WEIGHT / (1 + p)
            for g in gold
        ]
        for p, e in enumerate(predicted)
    ]
    return assign(table)


def counted(events: Iterable[Event]) -> list[Event]:
    """The events ACLED gold can answer: those with an ACLED event type, in the pipeline's order."""
    return [e for e in events if e.event_type is not None]


@dataclass
class Tally:
    """Counts behind the scores; tallies of several articles or sets add up."""

    documents: int = 0
    predicted_events: int = 0
    gold_events: int = 0
    paired_events: int = 0
    strict_paired_events: int = 0
    deaths_predicted: int = 0
    deaths_gold: int = 0
    pairs_exact_deaths: int = 0
    articles_without_events: int = 0
    events_in_articles_without: int = 0
    articles_with_events: int = 0
    main_event_hits: int = 0
    # (confidence, paired) of every counted event: how often events of a given confidence are right.
    outcomes: tuple[tuple[float, bool], ...] = ()

    def __add__(self, other: Tally) -> Tally:
        return Tally(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})


def deaths(event: Event) -> int:
    toll = event.fatalities
    return toll.best if toll is not None and toll.best is not None else 0


def tally_article(article: GoldArticle, events: Sequence[Event]) -> Tally:
    """The counts of one article, given all its extracted events (uncounted ones are dropped here)."""
    predicted = counted(events)
    return _tally(article, predicted, pair_events(predicted, article.events))


def _tally(article: GoldArticle, predicted: Sequence[Event], pairs: list[tuple[int, int]]) -> Tally:
    gold = article.events
    first_is_main = any(p == 0 and gold[g].main for p, g in pairs)
    return Tally(
        documents=1,
        predicted_events=len(predicted),
        gold_events=len(gold),
        paired_events=len(pairs),
        strict_paired_events=len(pair_events(predicted, gold, strict=True)),
        deaths_predicted=sum(deaths(e) for e in predicted),
        deaths_gold=sum(g.fatalities for g in gold),
        pairs_exact_deaths=sum(deaths(predicted[p]) == gold[g].fatalities for p, g in pairs),
        articles_without_events=int(not article.relevant),
        events_in_articles_without=0 if article.relevant else len(predicted),
        articles_with_events=int(bool(gold)),
        main_event_hits=int(bool(gold) and first_is_main),
        outcomes=tuple((e.confidence, any(p == i for p, _ in pairs)) for i, e in enumerate(predicted)),
    )


def pool(tallies: Iterable[Tally]) -> Tally:
    """The tally of several articles or sets together."""
    return sum(tallies, Tally())


def scores(tally: Tally) -> dict:
    """Rates from counts; a rate with nothing to count is None."""
    precision = _ratio(tally.paired_events, tally.predicted_events)
    recall = _ratio(tally.paired_events, tally.gold_events)
    strict_precision = _ratio(tally.strict_paired_events, tally.predicted_events)
    strict_recall = _ratio(tally.strict_paired_events, tally.gold_events)
    return {
        "documents": tally.documents,
        "predicted_events": tally.predicted_events,
        "gold_events": tally.gold_events,
        "paired_events": tally.paired_events,
        "event_precision": precision,
        "event_recall": recall,
        "event_f1": _f1(tally.paired_events, tally.predicted_events, tally.gold_events),
        "strict_paired_events": tally.strict_paired_events,
        "strict_precision": strict_precision,
        "strict_recall": strict_recall,
        "strict_f1": _f1(tally.strict_paired_events, tally.predicted_events, tally.gold_events),
        "deaths_predicted": tally.deaths_predicted,
        "deaths_gold": tally.deaths_gold,
        "deaths_exact_on_pairs": _ratio(tally.pairs_exact_deaths, tally.paired_events),
        "articles_without_events": tally.articles_without_events,
        "false_events_per_article_without": _ratio(
            tally.events_in_articles_without, tally.articles_without_events
        ),
        "articles_with_events": tally.articles_with_events,
        "main_event_accuracy": _ratio(tally.main_event_hits, tally.articles_with_events),
        **reliability(tally.outcomes),
    }


# Confidence levels at which `reliability` says how often events are right.
RELIABILITY_LEVELS = (0.8, 0.6, 0.4, 0.2)


def reliability(outcomes: Sequence[tuple[float, bool]]) -> dict:
    """For each level, how many events have at least that confidence and the share of them that pair
    with a gold event: the check that `confidence` means what it says."""
    found: dict = {}
    for level in RELIABILITY_LEVELS:
        chosen = [right for confidence, right in outcomes if confidence >= level]
        found[f"events_confidence_{level}"] = len(chosen)
        found[f"right_confidence_{level}"] = _ratio(sum(chosen), len(chosen))
    return found


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _f1(paired: int, predicted: int, gold: int) -> float | None:
    """F1 from counts (2 pairs over predicted plus gold), not from rounded rates."""
    if not predicted + gold:
        return None
    return round(2 * paired / (predicted + gold), 4)


@dataclass(frozen=True)
class ArticleResult:
    """One article's gold, its counted predicted events and their pairs: what `--details` shows."""

    article: GoldArticle
    document: Document
    predicted: list[Event]
    pairs: list[tuple[int, int]]
    tally: Tally


@dataclass(frozen=True)
class SetResult:
    name: str
    articles: list[ArticleResult]

    @property
    def tally(self) -> Tally:
        return pool(a.tally for a in self.articles)


def evaluate_set(
    gold_path: str | Path,
    docs_path: str | Path,
    limit: int | None = None,
    settings: Settings = DEFAULT_SETTINGS,
    name: str | None = None,
    part: Part | None = None,
) -> SetResult:
    """Run the pipeline on a set's documents and pair its events with the gold, article by article;
    with `part`, only the held-out third of the documents or the two thirds rules are fitted on."""
    from eventwire.pipeline import extract_documents

    gold = read_gold(gold_path)
    documents = read_documents(docs_path, gold, limit)
    if part is not None:
        documents = [d for d in documents if in_part(d.id, part)]
    by_id = {article.doc_id: article for article in gold}
    results = []
    for document, events in zip(documents, extract_documents(documents, settings), strict=True):
        article = by_id[document.id]
        predicted = counted(events)
        pairs = pair_events(predicted, article.events)
        results.append(ArticleResult(article, document, predicted, pairs, _tally(article, predicted, pairs)))
    return SetResult(name or set_name(gold_path), results)


Part = Literal["held", "fit"]


def in_part(doc_id: str, part: Part) -> bool:
    """A fixed split of a set's documents by their ids: a third held out ("held"), the rest to fit and
    tune on ("fit"). A document's part never changes, whatever else the set holds."""
    held = int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % 3 == 0
    return held if part == "held" else not held


def set_name(gold_path: str | Path) -> str:
    """A set is named by its folder ("gwn_dev/gold.yaml" -> "gwn_dev"), else by its file."""
    path = Path(gold_path)
    return path.parent.name if path.stem == "gold" and path.parent.name else path.stem


def score_articles(
    gold_path: str | Path,
    docs_path: str | Path,
    limit: int | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> dict:
    """All scores of one set, as a flat dict of name -> value (and counts)."""
    return scores(evaluate_set(gold_path, docs_path, limit, settings).tally)


def combined_scores(results: Sequence[SetResult]) -> dict:
    """The scores of the sets pooled; with several sets, each set's own under "sets"."""
    combined = scores(pool(r.tally for r in results))
    if len(results) > 1:
        combined["sets"] = {r.name: scores(r.tally) for r in results}
    return combined
