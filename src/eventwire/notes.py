"""A one-sentence ACLED-style summary of an event, built from its fields (never from free text)."""

from __future__ import annotations

from eventwire.model import Event

VERBS = {
    "ASSAULT": "attacked",
    "PROTEST": "protested",
    "COERCE": "acted against",
    "THREATEN": "threatened",
    "REQUEST": "called on",
    "CONSULT": "met",
    "AGREE": "agreed with",
    "ACCUSE": "accused",
    "AID": "aided",
    "SANCTION": "sanctioned",
    "MOBILIZE": "mobilised",
    "RETREAT": "withdrew",
    "SUPPORT": "supported",
    "CONCEDE": "conceded to",
    "COOPERATE": "cooperated with",
    "REJECT": "rejected",
}


def summarise(event: Event) -> str:
    """ "On 2 December 2024, Military Forces of Russia (with Military Forces of Syria) attacked Civilians
    (Syria) in Idlib (Air/drone strike). 25 fatalities, including 10 children." """
    parts = []
    if event.event_date:
        parts.append(f"On {event.event_date.day} {event.event_date:%B %Y},")
    who = event.actor1.name if event.actor1 else "an unidentified actor"
    if event.assoc_actor_1:
        who += " (with " + ", ".join(a.name for a in event.assoc_actor_1) + ")"
    parts.append(who)
    parts.append(VERBS.get(event.plover or "", "took part in an event"))
    if event.actor2:
        parts.append(event.actor2.name)
    if event.location:
        parts.append(
            f"in {event.location.name}" + (f" ({event.location.admin1})" if event.location.admin1 else "")
        )
    kind = event.sub_event_type or (event.plover.lower() if event.plover else None)
    sentence = " ".join(parts) + (f" [{kind}]." if kind else ".")
    toll = event.fatalities
    if toll and toll.best is not None:
        sentence += f" {toll.best} fatalities" + (
            f", including {toll.children} children" if toll.children else ""
        )
        sentence += " (cumulative)." if toll.cumulative else "."
    return sentence
