"""Golden files: whole articles written for the project (tests/golden/*.txt) and the events they must
yield (the .yaml beside each). Each expected event must be matched by one extracted event."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from eventwire import extract
from eventwire.pipeline import extract_text
from eventwire.settings import Settings

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(GOLDEN.glob("*.txt"))


def _value(event, key: str):
    getters = {
        "actor1_kind": lambda e: e.actor1.kind if e.actor1 else None,
        "country": lambda e: e.location.country if e.location else None,
        "location": lambda e: e.location.name if e.location else None,
        "fatalities": lambda e: e.fatalities.best if e.fatalities else None,
        "status": lambda e: e.status,
        "children": lambda e: e.fatalities.children if e.fatalities else None,
        "injured": lambda e: e.injured.best if e.injured else None,
    }
    return getters[key](event) if key in getters else getattr(event, key)


def _matches(event, want: dict) -> bool:
    return all(_value(event, key) == value for key, value in want.items())


@pytest.mark.parametrize("article", CASES, ids=[p.stem for p in CASES])
def test_golden_article(article: Path):
    """The expected events are there; nothing `absent` is emitted by default; with `emit_all`, what is
    not a new incident is there, `marked` with its status."""
    expected = yaml.safe_load(article.with_suffix(".yaml").read_text(encoding="utf-8"))
    published = dt.date.fromisoformat(str(expected["published"]))
    text = article.read_text(encoding="utf-8")
    events = extract(text, published=published)
    for want in expected["events"]:
        assert any(_matches(e, want) for e in events), f"missing {want}: {[e.notes for e in events]}"
    for unwanted in expected["absent"]:
        assert not any(_matches(e, unwanted) for e in events), f"should be absent: {unwanted}"
    assert all(e.status == "new" for e in events)
    everything = extract_text(text, published, settings=Settings(emit_all=True))
    for marked in expected.get("marked", []):
        assert any(_matches(e, marked) for e in everything), f"not marked {marked}: {_statuses(everything)}"


def _statuses(events) -> list[tuple[str, str | None, str | None]]:
    return [(e.status, e.status_reason, e.notes) for e in events]


def test_a_demonstration_over_a_killing_has_no_deaths_of_its_own():
    events = extract(
        "Residents of Beni, Congo, blocked streets on Friday to protest against the killing of a trader."
    )
    protest = next(e for e in events if e.event_type == "Protests")
    assert protest.fatalities is None


def test_violence_with_no_doer_in_its_sentence_takes_the_armed_subject_of_the_one_before():
    text = (
        "On Monday the Military Police carried out an operation in Sao Goncalo, Brazil. "
        "A shoot-out broke out and two suspects died."
    )
    (event,) = [e for e in extract(text) if e.plover == "ASSAULT"]
    assert event.actor1.name == "Police Forces of Brazil"


def test_two_killings_with_different_tolls_in_one_paragraph_stay_two_events():
    text = (
        "Gunmen killed three villagers near the market in Zinder, Niger on Sunday. "
        "Separately, gunmen killed two farmers near Tanout on Sunday."
    )
    tolls = sorted(e.fatalities.best for e in extract(text) if e.plover == "ASSAULT" and e.fatalities)
    assert tolls == [2, 3]
