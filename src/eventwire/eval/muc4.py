"""`eventwire eval muc4`: score the extractor on MUC-4's terrorism messages against their answer keys.

Each message becomes a document (its id, its dateline's date as publication date, its upper-case text as
given) and runs through the pipeline. Predicted events count when their ACLED sub-event type has a MUC-4
counterpart (`data/muc4_scope.yaml`, which also states MUC-4's narrower scope: no army-guerrilla clashes).

- Relevance, per message: relevant when its key has a template that is not optional; predicted relevant
  when at least one counted event comes out.
- Templates: counted events and templates of a message are paired one-to-one (most pairs, then closest)
  when the incident types are compatible and the places agree: same country and, when the template names
  a place below the country and the prediction a town, the same name (accents and small spelling slips
  aside) or a namesake in the gazetteer within NEAR_KM, or a department the prediction lies in. Optional
  templates may be paired (the prediction is then right) but are never missed.
- On paired templates: deaths (the prediction's best count, none = 0, against the template's dead: for
  every non-optional HUM TGT effect DEATH, the HUM TGT NUMBER of the target it refers to, or 1 for a named
  person; a template with a plural, unnumbered or dummy dead target has no exact count and is left out);
  perpetrator (actor1's name or mention shares a word, stop words aside, with a PERP INDIVIDUAL or
  ORGANIZATION ID, over templates that name one); place (the predicted place is named as one of the
  template's places, or lies in its country when it names none).

MUC-4 text is upper case, which a parser trained on mixed case reads worse: report these figures apart
from mixed-case news.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

import pycountry

from eventwire.actors.countries import country_code
from eventwire.errors import EvalError
from eventwire.eval.acled import same_admin
from eventwire.eval.geoparse import distance_km
from eventwire.eval.muc4_data import (
    LocationOption,
    Message,
    MessageKey,
    Place,
    Template,
    read_key_files,
    read_message_files,
)
from eventwire.eval.pairing import assign
from eventwire.geo.gazetteer import get_gazetteer
from eventwire.geo.names import name_key
from eventwire.model import SUB_EVENT_TYPES, Document, Event
from eventwire.nlp import load_yaml
from eventwire.settings import DEFAULT_SETTINGS, Settings

NEAR_KM = 30.0
# Gazetteer kinds that are points; a province's centroid says nothing about nearness.
TOWN_KINDS = frozenset({"city", "district"})
TIE_WEIGHT = 0.001


@lru_cache(maxsize=1)
def muc_types() -> dict[str, frozenset[str]]:
    """ACLED sub-event type -> the MUC-4 incident types it can answer."""
    table = load_yaml("muc4_scope.yaml")["incident_types"]
    unknown = set(table) - set(SUB_EVENT_TYPES)
    if unknown:
        raise ValueError(f"muc4_scope.yaml names unknown sub-event types: {sorted(unknown)}")
    return {sub: frozenset(kinds) for sub, kinds in table.items()}


def muc_like(events: Iterable[Event]) -> list[Event]:
    """The events MUC-4 could template, in the pipeline's order."""
    return [e for e in events if e.event_type is not None and e.sub_event_type in muc_types()]


# ---- places


@lru_cache(maxsize=256)
def _country(name: str) -> str | None:
    """ISO2 of a key's country name, lenient on a slip ("GUATAMALA")."""
    code = country_code(name)
    if code is None:
        code = next(
            (c.alpha_2 for c in pycountry.countries if _close(name_key(name), name_key(c.name))), None
        )
    return code


def same_name(a: str | None, b: str | None) -> bool:
    """One place name under two spellings: accents, case, a letter slipped ("PERKIN", "Perquin")."""
    if not a or not b:
        return False
    key_a, key_b = name_key(a), name_key(b)
    return key_a == key_b or _close(key_a, key_b)


def _close(key_a: str, key_b: str) -> bool:
    """A slip, not another name: same start, long enough, nearly the same letters ("El Salvador" and
    "San Salvador" are two names)."""
    if min(len(key_a), len(key_b)) < 5 or key_a[:3] != key_b[:3]:
        return False
    return SequenceMatcher(None, key_a, key_b).ratio() >= 0.85


def _names_of(event: Event) -> list[str]:
    loc = event.location
    return [n for n in (loc.name, loc.mention, loc.admin1, loc.admin2) if n] if loc else []


def _place_near(place: Place, country: str, event: Event) -> bool:
    """The prediction is at the template's place: named alike, inside the department the template
    names, or (a town) within NEAR_KM of a town of that name in the country."""
    loc = event.location
    if any(same_name(place.name, name) for name in _names_of(event)):
        return True
    if loc.admin1 and same_admin(loc.admin1, place.name, country):
        return True
    if loc.lat is None or loc.lon is None or loc.geo_precision == 3:
        return False
    return any(
        c.country == country
        and c.kind in TOWN_KINDS
        and distance_km(c.lat, c.lon, loc.lat, loc.lon) <= NEAR_KM
        for c in get_gazetteer().lookup(place.name)
    )


def place_fit(event: Event, options: Sequence[LocationOption]) -> float | None:
    """How the prediction's place fits the template's LOCATION: 1 at a named place, 0.5 in the right
    country only (the template names none, or the prediction has no town), None when it does not."""
    loc = event.location
    if loc is None or loc.country is None:
        return None
    if not options:
        return 0.5
    coarse = loc.geo_precision == 3 or loc.lat is None
    best = None
    for option in options:
        if _country(option.country) != loc.country:
            continue
        if any(_place_near(place, loc.country, event) for place in option.places):
            return 1.0
        if not option.places or coarse:
            best = 0.5
    return best


def names_place(event: Event, options: Sequence[LocationOption]) -> bool:
    """The predicted location is one the template names, or lies in its country for a reading of the
    LOCATION slot that names no place below the country."""
    loc = event.location
    if loc is None:
        return False
    names = _names_of(event)
    for option in options:
        if not option.places and _country(option.country) == loc.country:
            return True
        if any(same_name(place.name, name) for place in option.places for name in names):
            return True
    return False


# ---- pairing


def types_compatible(event: Event, template: Template) -> bool:
    kinds = muc_types().get(event.sub_event_type or "", frozenset())
    return any(kind in kinds for kind in template.incident_types)


def pair_templates(predicted: Sequence[Event], templates: Sequence[Template]) -> list[tuple[int, int]]:
    """One-to-one pairs (index into `predicted`, index into `templates`) of one message. Among equally
    good assignments, non-optional templates, places named exactly and earlier predictions win."""
    table = []
    for p, event in enumerate(predicted):
        row = []
        for template in templates:
            fit = place_fit(event, template.locations) if types_compatible(event, template) else None
            if fit is None:
                row.append(None)
                continue
            score = (fit + (0.0 if template.optional else 1.0)) / 2
            row.append((1 - TIE_WEIGHT) * score + TIE_WEIGHT / (1 + p))
        table.append(row)
    return assign(table)


# ---- what a template says


def template_deaths(template: Template) -> int | None:
    """The template's dead (see the module docstring), or None when the key gives no exact count."""
    numbers = template.fillers("HUM TGT: NUMBER")
    names = {v for f in template.fillers("HUM TGT: NAME") for v in f.values}
    total = 0
    for effect in template.fillers("HUM TGT: EFFECT OF INCIDENT"):
        if effect.optional or effect.value != "DEATH":
            continue
        refs = set(effect.refs) - {"-"}
        if not refs:
            return None
        number = next((n for n in numbers if set(n.refs) & refs), None)
        count = _count(number.value) if number else (1 if refs & names else None)
        if count is None:
            return None
        total += count
    return total


def _count(value: str) -> int | None:
    """ "3" -> 3, "6-8" and "6-" -> 6 (the lowest), "~100" -> 100; PLURAL -> None."""
    match = re.fullmatch(r"~?\s*(\d+)\s*(?:-\s*\d*)?", value.strip())
    return int(match.group(1)) if match else None


def perpetrators(template: Template, include_optional: bool = True) -> list[str]:
    fillers = template.fillers("PERP: INDIVIDUAL ID") + template.fillers("PERP: ORGANIZATION ID")
    return [v for f in fillers if include_optional or not f.optional for v in f.values]


def perpetrator_matches(event: Event, template: Template) -> bool:
    """actor1's name or mention shares a content word with a perpetrator the template names."""
    actor = event.actor1
    if actor is None:
        return False
    mine = _words(re.sub(r"\([^)]*\)", " ", actor.name)) | _words(actor.mention or "")
    return any(mine & _words(text) for text in perpetrators(template))


def _words(text: str) -> set[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    words = (w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP_WORDS)
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words}


# ---- counting


@dataclass
class MucTally:
    """Counts behind the MUC-4 scores; tallies add up."""

    messages: int = 0
    relevant_messages: int = 0
    predicted_relevant: int = 0
    relevant_found: int = 0
    predicted_events: int = 0
    templates: int = 0
    optional_templates: int = 0
    paired_events: int = 0
    paired_templates: int = 0
    deaths_scored: int = 0
    deaths_exact: int = 0
    perpetrators_named: int = 0
    perpetrators_found: int = 0
    places_scored: int = 0
    places_named: int = 0

    def __add__(self, other: MucTally) -> MucTally:
        return MucTally(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})


def tally_message(key: MessageKey, events: Sequence[Event]) -> MucTally:
    """The counts of one message, given all its extracted events."""
    predicted = muc_like(events)
    return _tally(key, predicted, pair_templates(predicted, key.templates))


def _tally(key: MessageKey, predicted: Sequence[Event], pairs: list[tuple[int, int]]) -> MucTally:
    tally = MucTally(
        messages=1,
        relevant_messages=int(key.relevant),
        predicted_relevant=int(bool(predicted)),
        relevant_found=int(key.relevant and bool(predicted)),
        predicted_events=len(predicted),
        templates=sum(not t.optional for t in key.templates),
        optional_templates=sum(t.optional for t in key.templates),
        paired_events=len(pairs),
        paired_templates=sum(not key.templates[t].optional for _, t in pairs),
    )
    for p, t in pairs:
        event, template = predicted[p], key.templates[t]
        dead = template_deaths(template)
        if dead is not None:
            tally.deaths_scored += 1
            best = event.fatalities.best if event.fatalities else None
            tally.deaths_exact += int((best or 0) == dead)
        if perpetrators(template, include_optional=False):
            tally.perpetrators_named += 1
            tally.perpetrators_found += int(perpetrator_matches(event, template))
        tally.places_scored += 1
        tally.places_named += int(names_place(event, template.locations))
    return tally


def muc_scores(tally: MucTally) -> dict:
    """Rates from counts; a rate with nothing to count is None."""
    return {
        "messages": tally.messages,
        "relevant_messages": tally.relevant_messages,
        "predicted_relevant": tally.predicted_relevant,
        "relevance_precision": _ratio(tally.relevant_found, tally.predicted_relevant),
        "relevance_recall": _ratio(tally.relevant_found, tally.relevant_messages),
        "relevance_f1": _f1(tally.relevant_found, tally.predicted_relevant, tally.relevant_messages),
        "predicted_events": tally.predicted_events,
        "templates": tally.templates,
        "optional_templates": tally.optional_templates,
        "paired_templates": tally.paired_templates,
        "template_precision": _ratio(tally.paired_events, tally.predicted_events),
        "template_recall": _ratio(tally.paired_templates, tally.templates),
        "template_f1": _f1_rates(
            _ratio(tally.paired_events, tally.predicted_events),
            _ratio(tally.paired_templates, tally.templates),
        ),
        "deaths_scored": tally.deaths_scored,
        "deaths_exact": _ratio(tally.deaths_exact, tally.deaths_scored),
        "perpetrators_named": tally.perpetrators_named,
        "perpetrator_match": _ratio(tally.perpetrators_found, tally.perpetrators_named),
        "places_scored": tally.places_scored,
        "place_named": _ratio(tally.places_named, tally.places_scored),
    }


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _f1(hits: int, predicted: int, gold: int) -> float | None:
    return round(2 * hits / (predicted + gold), 4) if predicted + gold else None


def _f1_rates(precision: float | None, recall: float | None) -> float | None:
    """F1 of template precision and recall, whose numerators differ (paired optional templates count for
    precision only)."""
    if precision is None or recall is None:
        return None
    return round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0


# ---- running


@dataclass(frozen=True)
class MessageResult:
    """One message's key, its counted predicted events and their pairs: what `--details` shows."""

    key: MessageKey
    document: Document
    predicted: list[Event]
    pairs: list[tuple[int, int]]
    tally: MucTally
    events: list[Event] = field(default_factory=list)  # all the message's events, MUC-like or not


def documents_of(messages: Iterable[Message]) -> list[Document]:
    return [Document(id=m.message_id, text=m.text, published=m.published) for m in messages]


def evaluate_muc4(
    key_paths: Sequence[str | Path],
    text_paths: Sequence[str | Path],
    limit: int | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> list[MessageResult]:
    """Run the pipeline on the messages and pair their events with the key's templates."""
    from eventwire.pipeline import extract_documents

    keys = read_key_files(key_paths)
    messages = read_message_files(text_paths)[:limit]
    missing = [m.message_id for m in messages if m.message_id not in keys]
    if missing:
        raise EvalError(f"no key for message(s) {', '.join(missing[:5])}")
    if limit is None:
        unread = sorted(set(keys) - {m.message_id for m in messages})
        if unread:
            raise EvalError(f"no message for key(s) {', '.join(unread[:5])}")
    documents = documents_of(messages)
    results = []
    for document, events in zip(documents, extract_documents(documents, settings), strict=True):
        key = keys[document.id]
        predicted = muc_like(events)
        pairs = pair_templates(predicted, key.templates)
        tally = _tally(key, predicted, pairs)
        results.append(MessageResult(key, document, predicted, pairs, tally, events))
    return results


def score_muc4(
    key_paths: Sequence[str | Path],
    text_paths: Sequence[str | Path],
    limit: int | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> dict:
    """All MUC-4 scores, as a flat dict of name -> value (and counts)."""
    results = evaluate_muc4(key_paths, text_paths, limit, settings)
    return muc_scores(sum((r.tally for r in results), MucTally()))
