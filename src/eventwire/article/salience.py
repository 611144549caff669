"""Which incident is the article's main one: the one its headline and lede tell, most often, with the
largest toll. The main incident comes first and carries `main`."""

from __future__ import annotations

from eventwire.draft import EventDraft

PLOVER_WEIGHT = {"ASSAULT": 3.0, "PROTEST": 2.5, "COERCE": 2.0, None: 1.5}
POSITION_WEIGHT = {"headline": 3.0, "lede": 2.0, "body": 0.0}
# Each further mention of an incident adds this much, up to `MENTIONS_CAP` mentions.
MENTION_WEIGHT, MENTIONS_CAP = 0.5, 4


def salience(incident: EventDraft) -> float:
    mentions = incident.mentions or [incident]
    weight = PLOVER_WEIGHT.get(incident.plover, 1.0)
    weight += 1.0 if incident.event_type is not None else 0.0
    weight += max(POSITION_WEIGHT.get(m.position, 0.0) for m in mentions)
    weight += MENTION_WEIGHT * min(len(mentions) - 1, MENTIONS_CAP)
    if incident.fatalities and incident.fatalities.best:
        weight += 1.0
    return weight + 1.0 / (1 + incident.sentence_index)


def order_by_salience(incidents: list[EventDraft]) -> list[EventDraft]:
    """The main incident first; it and any other incident the headline tells are marked `main`."""
    ordered = sorted(incidents, key=salience, reverse=True)
    reported = [i for i in ordered if i.status == "new"]
    for rank, incident in enumerate(reported):
        incident.main = rank == 0 or any(m.position == "headline" for m in incident.mentions)
    return sorted(ordered, key=lambda i: i.status != "new")
