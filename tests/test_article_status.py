"""Each mention's status, from the YAML case table in tests/cases/article_status.yaml."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from eventwire.pipeline import extract_text
from eventwire.settings import Settings

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "article_status.yaml").read_text(encoding="utf-8"))


def _status_of(events, words: str) -> list[str]:
    """Statuses of the mentions told in the sentence that holds `words`."""
    return [e.status for e in events if e.sentence is not None and words in e.sentence.text]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_article_status_case(case):
    published = dt.date.fromisoformat(str(case["published"]))
    events = extract_text(case["text"], published, settings=Settings(emit_all=True, min_confidence=0.0))
    for mention in case["mentions"]:
        statuses = _status_of(events, mention["trigger"])
        assert mention["status"] in statuses, (
            f"{mention}: {[(e.status, e.status_reason, e.notes) for e in events]}"
        )
