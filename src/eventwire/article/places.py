"""An incident is placed where the article's own words for it say.

A lede is written wide ("a mine exploded on a road in the southeast") and the next sentence narrows it
("a taxi carrying the guards hit the mine in the province of Diyarbakir"). ACLED codes the most precise
place the report gives, so an incident whose own place is a province, a region or a country takes a
narrower place inside it from the sentence right after one of its mentions, when that sentence tells no
other incident. An incident whose sentences name no place takes the article's place, but never one
named only where the article recalls something earlier ("Last May dozens were injured at the Gorleben
depot"): that is where the earlier incident was.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from eventwire.article.incidents import distance_km, narrows
from eventwire.article.layout import Dateline
from eventwire.draft import EventDraft
from eventwire.geo.context import dateline_town
from eventwire.geo.gazetteer import get_gazetteer
from eventwire.geo.locate import is_near, main_place, names_owner, to_location
from eventwire.geo.resolve import Place
from eventwire.model import Location
from eventwire.nlp import doc_text

# How far from a compass region's middle ("eastern Turkey", "northern Iraq") a place may lie in it.
REGION_REACH_KM = 200.0
# Statuses of mentions that tell an incident of their own (a generic or hypothetical one tells none).
_TELLING = frozenset({"new", "background", "cumulative"})


def narrow_coarse_places(
    incidents: list[EventDraft],
    drafts: list[EventDraft],
    places: list[Place],
    sentences: list[Span],
    doc: Doc,
) -> None:
    """Give each reported incident told at a coarse place the narrower place its next sentence names."""
    for incident in incidents:
        if incident.status != "new" or not incident.place_stated or incident.location is None:
            continue
        if (incident.location.geo_precision or 3) != 3:
            continue
        found = _narrower_place(incident, drafts, places, sentences, doc)
        if found is not None:
            location, place = found
            incident.location = location
            incident.evidence.pop("location", None)
            incident.cite("location", place.start, place.end, place.text)


def _narrower_place(
    incident: EventDraft, drafts: list[EventDraft], places: list[Place], sentences: list[Span], doc: Doc
) -> tuple[Location, Place] | None:
    mentions = incident.mentions or [incident]
    for index in sorted({m.sentence_index + 1 for m in mentions if m.position != "headline"}):
        if index >= len(sentences) or _tells_another(index, mentions, drafts):
            continue
        sentence = sentences[index]
        for place in places:
            if not sentence.start_char <= place.start < sentence.end_char or names_owner(place, doc):
                continue
            location = to_location(place, is_near(place))
            if narrows(incident.location, location) and _inside(incident.location, location):
                return location, place
    return None


def _tells_another(index: int, mentions: list[EventDraft], drafts: list[EventDraft]) -> bool:
    own = {id(m) for m in mentions}
    return any(d.sentence_index == index and d.status in _TELLING and id(d) not in own for d in drafts)


def _inside(region: Location, place: Location) -> bool:
    """Whether a coarse place holds another: the same country, the same province when it is one, and
    not far from the middle of a part of a country ("northern Costa Rica" holds no capital in its
    centre)."""
    if region.country != place.country:
        return False
    if region.admin1 is not None:
        return region.admin1 == place.admin1
    country = get_gazetteer().country(region.country) if region.country else None
    whole_country = country is not None and country.name == region.name
    return whole_country or distance_km(region, place) <= REGION_REACH_KM


def place_unplaced(
    incidents: list[EventDraft],
    drafts: list[EventDraft],
    places: list[Place],
    sentences: list[Span],
    doc: Doc,
    dateline: Dateline | None = None,
) -> None:
    """Give each reported incident whose sentences name no place the article's place among those not
    named only in sentences that recall other incidents; failing any, the town the story was filed
    from."""
    unplaced = [i for i in incidents if i.status == "new" and not i.place_stated and i.location is not None]
    if not unplaced:
        return
    recalled = _recalling_sentences(drafts)
    bounds = [(s.start_char, s.end_char) for s in sentences]
    usable = [
        p
        for p in places
        if not names_owner(p, doc) and not any(start <= p.start < end for start, end in _at(bounds, recalled))
    ]
    if len(usable) == len(places):
        return
    chosen = main_place(usable, doc_text(doc), None) or dateline_place(dateline)
    if chosen is None:
        return
    for incident in unplaced:
        incident.location = to_location(chosen, is_near(chosen))
        incident.evidence.pop("location", None)
        incident.cite("location", chosen.start, chosen.end, chosen.text)


def dateline_place(dateline: Dateline | None) -> Place | None:
    """The town of a dateline ("BONN 1996-08-29"), its most populous namesake."""
    if dateline is None or not dateline.place.strip():
        return None
    town = dateline_town(dateline.place, get_gazetteer())
    return Place(dateline.start, dateline.end, dateline.place, town) if town is not None else None


def _recalling_sentences(drafts: list[EventDraft]) -> set[int]:
    """Sentences whose mentions all recall something earlier or tell a running toll."""
    statuses: dict[int, set[str]] = {}
    for draft in drafts:
        statuses.setdefault(draft.sentence_index, set()).add(draft.status)
    return {i for i, found in statuses.items() if found <= {"background", "cumulative"}}


def _at(bounds: list[tuple[int, int]], indices: set[int]) -> list[tuple[int, int]]:
    return [bounds[i] for i in sorted(indices) if i < len(bounds)]
