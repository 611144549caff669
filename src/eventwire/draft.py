"""An event under construction: one mention of an event in one sentence, then one incident of the article.

Stages read and write its fields while the article is read (see `assemble.build_draft` for a mention's
fields, `article` for its status and its incident); `to_event` freezes it into the `Event` record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from eventwire.actors import ActorMention
from eventwire.detect.classify import event_type_of
from eventwire.model import Actor, Event, Evidence, Location, MentionStatus, Source, Toll
from eventwire.model import Span as TextSpan
from eventwire.notes import summarise
from eventwire.settings import Settings


@dataclass
class EventDraft:
    """An event under construction: mutable while the article is read, frozen into an `Event` at the end."""

    plover: str | None
    mode: str | None
    sub_event_type: str | None
    in_scope: bool
    sentence_index: int
    sentence: tuple[int, int, str]
    side1: list[ActorMention] = field(default_factory=list)
    side2: list[ActorMention] = field(default_factory=list)
    location: Location | None = None
    event_date: dt.date | None = None
    date_precision: str | None = None
    fatalities: Toll | None = None
    injured: Toll | None = None
    reported_by: str | None = None
    claim_status: str | None = None
    evidence: dict[str, Evidence] = field(default_factory=dict)
    background: bool = False
    # The rules' type is certain (an attack on a village with no armed side): the model does not weigh in.
    typed_by_rule: bool = False
    # Where the mention stands in the article: the headline, the lede (first body sentence) or the body.
    position: str = "body"
    # Whether the date and the place come from the mention's own sentence, not from the publication date
    # or the article's main place: only stated ones can tell two incidents apart.
    date_stated: bool = False
    place_stated: bool = False
    # How the trigger's verb is inflected ("pluperfect", "perfect", "present", "past", "nominal", ...).
    aspect: str | None = None
    # The token the trigger rests on (its index in the parsed document).
    trigger_index: int | None = None
    # A noun trigger that points back to an incident already told ("the attack", "Monday's blast").
    anaphoric: bool = False
    status: MentionStatus = "new"
    status_reason: str | None = None
    main: bool = False
    # The other mentions of the same incident, folded into this one.
    mentions: list[EventDraft] = field(default_factory=list)

    def cite(self, name: str, start: int, end: int, text: str) -> None:
        """Record the words behind a field; the first citation of a field stays."""
        self.evidence.setdefault(name, Evidence(field=name, start=start, end=end, text=text))

    @property
    def event_type(self) -> str | None:
        return event_type_of(self.sub_event_type) if self.in_scope else None

    def keep(self, settings: Settings) -> bool:
        """Whether the incident is emitted: new ones in ACLED's scope (or with a PLOVER type when
        out-of-scope types are wanted); with `emit_all`, every mention's status is shown instead."""
        if self.status != "new" and not settings.emit_all:
            return False
        return settings.include_out_of_scope or self.event_type is not None

    def to_event(self, doc_id: str, number: int, source: Source) -> Event:
        actor1, assoc1 = _split(self.side1)
        actor2, assoc2 = _split(self.side2)
        event = Event(
            event_id=f"{doc_id}-{number + 1}",
            doc_id=doc_id,
            event_date=self.event_date,
            date_precision=self.date_precision,
            plover=self.plover,
            plover_mode=self.mode,
            event_type=self.event_type,
            sub_event_type=self.sub_event_type if self.event_type else None,
            actor1=actor1,
            assoc_actor_1=assoc1,
            actor2=actor2,
            assoc_actor_2=assoc2,
            location=self.location,
            fatalities=self.fatalities,
            injured=self.injured,
            reported_by=self.reported_by,
            claim_status=self.claim_status,
            sources=[source] if (source.publisher or source.url or source.published) else [],
            evidence=sorted(self.evidence.values(), key=lambda e: (e.start, e.field)),
            sentence=TextSpan(start=self.sentence[0], end=self.sentence[1], text=self.sentence[2]),
            main=self.main,
            status=self.status,
            status_reason=self.status_reason,
        )
        return event.model_copy(update={"notes": summarise(event)})


def _split(side: list[ActorMention]) -> tuple[Actor | None, list[Actor]]:
    actors = [Actor(name=m.name, mention=m.text, kind=m.kind, country=m.country) for m in side]
    return (actors[0] if actors else None), actors[1:]
