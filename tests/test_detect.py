"""Event detection: triggers, and mentions that are not events."""

from __future__ import annotations

import pytest

from eventwire.detect import detect_candidates
from eventwire.nlp import get_nlp


def candidates(text: str):
    doc = get_nlp()(text)
    return [c for sent in doc.sents for c in detect_candidates(sent)]


def plovers(text: str) -> list[str | None]:
    return [c.plover for c in candidates(text)]


def test_detect_airstrike_is_aerial_assault():
    (found,) = candidates("Israeli warplanes carried out airstrikes on the town on Tuesday.")
    assert (found.plover, found.mode, found.sub_event_type) == ("ASSAULT", "aerial", "Air/drone strike")


def test_detect_negated_attack_is_not_an_event():
    assert "ASSAULT" not in plovers("The army did not attack the village.")


def test_detect_hypothetical_attack_is_not_an_event():
    assert "ASSAULT" not in plovers("Officials said the militants could attack the capital.")


def test_detect_threat_is_kept_but_the_threatened_violence_is_not():
    found = plovers("The president vowed to crush the rebel offensive.")
    assert found == ["THREATEN"]


def test_detect_quoted_words_are_not_events():
    assert plovers('"They fled and abandoned us," a merchant said.') == []


def test_detect_topic_of_talks_is_not_fighting():
    assert plovers("The ministers met in Geneva to discuss the fighting.") == ["CONSULT"]


def test_detect_request_for_comment_is_journalism():
    assert "REQUEST" not in plovers("Reuters has requested comment from the defence ministry.")


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("A roadside bomb exploded near a police patrol.", "Remote explosive/landmine/IED"),
        ("Rebels shelled government positions with artillery.", "Shelling/artillery/missile attack"),
        ("A suicide bomber blew himself up at a checkpoint.", "Suicide bomb"),
        ("Police arrested twelve opposition activists.", "Arrests"),
        ("The militants seized control of the town.", "Non-state actor overtakes territory"),
        ("Gunmen abducted three aid workers.", "Abduction/forced disappearance"),
    ],
)
def test_detect_sub_event_type_from_trigger(text, sub):
    assert sub in {c.sub_event_type for c in candidates(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds of nurses gathered in the capital against pension cuts.",
        "Farmers blocked the highway near the town with tractors on Monday.",
    ],
)
def test_detect_ordinary_verbs_tell_a_protest_with_their_cause_or_road(text):
    assert plovers(text)[0] == "PROTEST"


@pytest.mark.parametrize(
    "text",
    [
        "Families gathered at the stadium for the cup final on Sunday.",
        "The senate blocked the budget bill on Tuesday.",
    ],
)
def test_detect_ordinary_verbs_without_a_cause_are_not_protests(text):
    assert "PROTEST" not in plovers(text)
