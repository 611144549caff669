"""Mentions of one incident become one event (ACLED: one event per incident, per day, per place).

A wire story names its incident in the headline, the lede, a recap and a closing toll ("In all, 13 were
killed"). Mentions fold into one incident when they tell the same kind of event and nothing they state
sets them apart: a day more than one apart, two places far from each other, two different named
perpetrators. Only stated dates and places count: a mention whose sentence names none has its date from
the publication and its place from the article, and those say nothing about which incident it is. The
incident's fields come from its most specific mentions, its toll from one of them, never a sum.
"""

from __future__ import annotations

import math

from eventwire.article.cues import phrase_pattern, status_cues
from eventwire.article.status import QUOTED
from eventwire.detect.weigh import VIOLENT_TYPES
from eventwire.draft import EventDraft
from eventwire.model import Location

# Two stated places farther apart than this are two incidents.
SAME_PLACE_KM = 30.0
# A headline is written short, and "the attack" points back to whatever violence was told: their type
# only has to be of the same family as the incident's.
_FAMILIES = (VIOLENT_TYPES, frozenset({"Protests", "Riots"}))
# Ground violence of one side at one place and day is one incident, coded by its gravest part ("killed one
# man and took eight hostage after taking over a village": one attack).
GROUND_VIOLENCE = frozenset({"Battles", "Violence against civilians"})


def group_incidents(drafts: list[EventDraft]) -> list[EventDraft]:
    """The article's incidents, each the first body mention that tells it with the others folded in;
    headline mentions only join incidents the body tells, or stand alone when the body tells none.

    Mentions that are not new (background, cumulative, ...) stay incidents of their own, but a mention
    that only points back to one ("his detention expired", after "police arrested him in May 2017")
    joins it and shares its status."""
    incidents: list[EventDraft] = []
    for draft in sorted(drafts, key=lambda d: (d.position == "headline", d.sentence_index)):
        target = _best_incident(incidents, draft) if draft.status == "new" else _quoted_part(incidents, draft)
        if target is None:
            draft.mentions = [draft]
            incidents.append(draft)
        else:
            absorb(target, draft)
            draft.status, draft.status_reason = target.status, target.status_reason
    return incidents


def _quoted_part(incidents: list[EventDraft], draft: EventDraft) -> EventDraft | None:
    """A quoted report ("Iraqi army heavily shelled the camp west of Arbil on Friday ...," the agency
    quoted the radio as saying) reports no incident of its own, but tells more of one the article
    reports: the latest reported incident it can be part of."""
    if draft.status_reason != QUOTED or draft.position == "headline":
        return None
    fitting = [i for i in incidents if i.status == "new" and same_incident(i, draft)]
    return fitting[-1] if fitting else None


def _best_incident(incidents: list[EventDraft], draft: EventDraft) -> EventDraft | None:
    """The incident the mention belongs to: one at the very place it states, else the latest one it fits.
    A mention that points back ("the attack", "in the blast") joins the latest incident of its PLOVER
    type whatever place it names (a victim's home town is no second blast), told as new or not; one
    that states nothing of its own joins the latest of its family. A headline that fits none of the
    body's incidents of its family joins the first one the body tells."""
    reported = [i for i in incidents if i.status == "new"]
    if draft.position != "headline" and draft.anaphoric:
        told = [i for i in incidents if i.plover == draft.plover and i.in_scope == draft.in_scope]
        told = [i for i in told if _days_fit(i, draft)]
        news = [i for i in told if i.status == "new"]
        if news or told:  # an incident this article reports before one it only recalls
            return (news or told)[-1]
    if draft.position != "headline" and _states_nothing(draft):
        family = [i for i in incidents if _same_family(i, draft) and _days_fit(i, draft)]
        family = [i for i in family if _places_fit(i, draft)]
        if family:
            return family[-1]
    if draft.position == "body" and _continues(draft):
        violent = [i for i in reported if i.in_scope and i.plover == draft.plover and _days_fit(i, draft)]
        if violent:
            return violent[-1]  # "Soldiers fired live bullets, killing two": the clash just told
    fitting = [i for i in reported if same_incident(i, draft)]
    if not fitting and draft.position == "headline" and draft.event_type is not None:
        fitting = [i for i in reported if i.event_type is not None and _places_fit(i, draft)][:1]
    if not fitting:
        return None
    if draft.position == "headline":  # a headline sums up the story's first incident of its kind
        same_type = [i for i in fitting if i.sub_event_type == draft.sub_event_type]
        return (same_type or fitting)[0]
    same_place = [i for i in fitting if _same_named_place(i, draft)]
    return (same_place or fitting)[-1]


def same_incident(incident: EventDraft, draft: EventDraft) -> bool:
    """Whether a mention can tell the same incident: same kind, and no stated day, place or perpetrator
    that sets them apart."""
    return (
        _same_kind(incident, draft)
        and _days_fit(incident, draft)
        and _places_fit(incident, draft)
        and _perpetrators_fit(incident, draft)
        and not _tolls_differ(incident, draft)
    )


def _tolls_differ(incident: EventDraft, draft: EventDraft) -> bool:
    """Two body mentions that each count their own dead differently tell two incidents ("gunmen killed
    three villagers ... gunmen killed two farmers"); a headline or a running total never splits one."""
    one, other = incident.fatalities, draft.fatalities
    if draft.position == "headline" or one is None or other is None or one.cumulative or other.cumulative:
        return False
    return bool(one.best and other.best and one.best != other.best)


def _same_kind(incident: EventDraft, draft: EventDraft) -> bool:
    one, other = incident.event_type, draft.event_type
    if one is None or other is None:
        return _same_talk(incident, draft)
    if one == other:
        return True
    if draft.position == "headline":
        return _same_family(incident, draft)
    return one in GROUND_VIOLENCE and other in GROUND_VIOLENCE and _same_doers(incident, draft)


def _same_talk(incident: EventDraft, draft: EventDraft) -> bool:
    """Two mentions outside ACLED's types are one event when they have one PLOVER type."""
    both_talk = incident.event_type is None and draft.event_type is None
    return both_talk and incident.plover is not None and incident.plover == draft.plover


def _same_family(incident: EventDraft, draft: EventDraft) -> bool:
    one, other = incident.event_type, draft.event_type
    if one is None or other is None:
        return _same_talk(incident, draft)
    return one == other or any(one in f and other in f for f in _FAMILIES)


def _same_doers(incident: EventDraft, draft: EventDraft) -> bool:
    """Both name the same doer, or one names a group noun ("guerrillas") of the kind the other names."""
    if not incident.side1 or not draft.side1:
        return not draft.side1  # "the security forces opened fire": no doer of its own to tell apart
    one, other = incident.side1[0], draft.side1[0]
    if one.name == other.name:
        return True
    return (one.generic is not None or other.generic is not None) and one.kind == other.kind


def weak_mention(draft: EventDraft) -> bool:
    """A mention that points back or states nothing of its own: it can only go on telling an incident."""
    return draft.anaphoric or _states_nothing(draft)


def _continues(draft: EventDraft) -> bool:
    """A mention that names no place, day or named side of its own, only perhaps a toll, and no word of
    another incident ("separately", "elsewhere"): it goes on telling the one before."""
    named = any(m.generic is None for m in draft.side1 + draft.side2)
    other = phrase_pattern(status_cues()["another_incident_words"]).search(draft.sentence[2])
    return not (draft.place_stated or draft.date_stated or named or other)


def _states_nothing(draft: EventDraft) -> bool:
    """A mention whose sentence states no place, day, named side or toll of its own ("Several people were
    also wounded, it said."): it goes on telling the incident before it."""
    named = any(m.generic is None for m in draft.side1 + draft.side2)
    return not (draft.place_stated or draft.date_stated or named or draft.fatalities)


def _days_fit(incident: EventDraft, draft: EventDraft) -> bool:
    if not (incident.date_stated and draft.date_stated):
        return True
    if incident.event_date is None or draft.event_date is None:
        return True
    if incident.date_precision != "day" or draft.date_precision != "day":
        return True
    return abs((incident.event_date - draft.event_date).days) <= 1


def _places_fit(incident: EventDraft, draft: EventDraft) -> bool:
    one, other = incident.location, draft.location
    if not (incident.place_stated and draft.place_stated) or one is None or other is None:
        return True
    if _same_place(one, other):
        return True
    if one.country and other.country and one.country != other.country:
        return False
    if (one.geo_precision or 3) == 3 or (other.geo_precision or 3) == 3:
        return _region_holds(one, other) or _region_holds(other, one)
    return distance_km(one, other) <= SAME_PLACE_KM


def _same_place(one: Location, other: Location) -> bool:
    if one.geonameid is not None and one.geonameid == other.geonameid:
        return True
    return one.name == other.name and one.country == other.country


def _region_holds(region: Location, place: Location) -> bool:
    """Whether a coarse place (a province, a region, a country) can hold another."""
    if (region.geo_precision or 3) != 3:
        return False
    if region.admin1 is None or place.admin1 is None:
        return True  # a country or a compass region ("northern Iraq") holds any place of its country
    return region.admin1 == place.admin1 or region.name in {place.admin1, place.admin2}


def _same_named_place(incident: EventDraft, draft: EventDraft) -> bool:
    return bool(
        incident.place_stated
        and draft.place_stated
        and incident.location
        and draft.location
        and _same_place(incident.location, draft.location)
    )


def _perpetrators_fit(incident: EventDraft, draft: EventDraft) -> bool:
    """Two named perpetrators that share no name are two incidents; a group noun fits anyone."""
    names1 = {m.name for m in incident.side1 if m.generic is None}
    names2 = {m.name for m in draft.side1 if m.generic is None}
    names2_other = {m.name for m in draft.side2 if m.generic is None}
    if not (names1 and names2):
        return True
    return bool(names1 & names2) or bool(names1 & names2_other)


def distance_km(one: Location, other: Location) -> float:
    if None in (one.lat, one.lon, other.lat, other.lon):
        return math.inf
    lat1, lon1, lat2, lon2 = map(math.radians, (one.lat, one.lon, other.lat, other.lon))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def absorb(incident: EventDraft, mention: EventDraft) -> None:
    """Fold a mention into its incident: a stated date or place where the incident has none, a more
    specific place, the first body toll, named sides where the incident has only group nouns."""
    incident.mentions.append(mention)
    headline = mention.position == "headline"
    if mention.place_stated and mention.location and _better_place(incident, mention, headline):
        incident.location, incident.place_stated = mention.location, True
        _take_evidence(incident, mention, "location")
    if mention.date_stated and not incident.date_stated and mention.event_date is not None:
        incident.event_date, incident.date_precision, incident.date_stated = (
            mention.event_date,
            mention.date_precision,
            True,
        )
        _take_evidence(incident, mention, "event_date")
    for name in ("fatalities", "injured"):
        _take_toll(incident, mention, name)
    if _named(mention.side1) and not _named(incident.side1):
        incident.side1 = mention.side1
        _take_evidence(incident, mention, "actor1")
    if _named(mention.side2) and not _named(incident.side2) and not _shares(mention.side2, incident.side1):
        incident.side2 = mention.side2
        _take_evidence(incident, mention, "actor2")
    incident.side1 = incident.side1 or mention.side1
    incident.side2 = incident.side2 or [m for m in mention.side2 if not _shares([m], incident.side1)]
    if incident.reported_by is None and mention.reported_by:
        incident.reported_by = mention.reported_by
        _take_evidence(incident, mention, "reported_by")
    for name, evidence in mention.evidence.items():
        incident.evidence.setdefault(name, evidence)


def _better_place(incident: EventDraft, mention: EventDraft, headline: bool) -> bool:
    if not incident.place_stated or incident.location is None:
        return True
    if headline:
        return False
    return narrows(incident.location, mention.location)


def narrows(place: Location, other: Location) -> bool:
    """Whether `other` is a more precise place for an event told at `place`: a town for a province, or
    a province inside a region or country told as a whole ("in the southeast", then "in the province
    of Diyarbakir")."""
    precision, other_precision = place.geo_precision or 3, other.geo_precision or 3
    if other_precision < precision:
        return True
    return (
        precision == other_precision == 3
        and place.admin1 is None
        and other.admin1 is not None
        and place.country == other.country
    )


def _take_toll(incident: EventDraft, mention: EventDraft, name: str) -> None:
    """The incident's toll is one mention's figure, never a sum: the first body mention's, which a headline's
    never replaces; a cumulative figure never replaces an incident's own."""
    own, other = getattr(incident, name), getattr(mention, name)
    if other is None or other.cumulative:
        return
    if own is None or own.cumulative:
        setattr(incident, name, other)
        _take_evidence(incident, mention, name)


def _take_evidence(incident: EventDraft, mention: EventDraft, name: str) -> None:
    if name in mention.evidence:
        incident.evidence[name] = mention.evidence[name]


def _named(side) -> bool:
    return any(m.generic is None for m in side)


def _shares(side, other) -> bool:
    return bool({m.name for m in side} & {m.name for m in other})
