"""The mention's assembly and the article stage are declared lists of steps whose order is checked when
the list is built."""

from __future__ import annotations

import pytest

from eventwire.assemble import DRAFT_GIVEN, MENTION_STEPS
from eventwire.pipeline import ARTICLE_STEPS
from eventwire.steps import Step, StepOrderError, Steps, check_order


def noop(record, inputs) -> None:
    return None


def test_steps_the_mention_assembly_runs_in_its_declared_order():
    names = MENTION_STEPS.names
    assert names[0] == "trigger"
    assert names.index("counts") < names.index("type") < names.index("actor_evidence")
    assert len(names) == len(set(names))


def test_steps_a_misordered_assembly_is_refused():
    steps = list(MENTION_STEPS.steps)
    counts = next(s for s in steps if s.name == "counts")
    steps.remove(counts)
    steps.append(counts)  # the toll now comes after the step that types by it
    with pytest.raises(StepOrderError, match="step 'type' requires fatalities"):
        Steps.of(steps, DRAFT_GIVEN)
    assert Steps.of(MENTION_STEPS.steps, DRAFT_GIVEN).names == MENTION_STEPS.names


def test_steps_the_article_stage_runs_in_its_declared_order():
    names = ARTICLE_STEPS.names
    assert names[0] == "layout"
    assert (
        names.index("mentions") < names.index("status") < names.index("incidents") < names.index("salience")
    )
    assert names.index("sides") < names.index("events") < names.index("confidence")


def test_steps_a_misordered_article_stage_is_refused():
    steps = list(ARTICLE_STEPS.steps)
    scope = next(s for s in steps if s.name == "scope")
    steps.remove(scope)
    steps.append(scope)  # the article's scope now comes after the statuses that read it
    with pytest.raises(StepOrderError, match="step 'status' requires context"):
        Steps.of(steps, ARTICLE_STEPS.given)
    assert Steps.of(ARTICLE_STEPS.steps, ARTICLE_STEPS.given).names == ARTICLE_STEPS.names


def test_steps_a_requirement_is_met_by_the_given_fields_or_an_earlier_step():
    check_order([Step("a", noop, ("x",), ("y",)), Step("b", noop, ("x", "y"))], given=["x"])
    with pytest.raises(StepOrderError, match="step 'b' requires z"):
        check_order([Step("a", noop, ("x",), ("y",)), Step("b", noop, ("z",))], given=["x"])


def test_steps_two_steps_of_one_name_are_refused():
    with pytest.raises(StepOrderError, match="two steps are named 'a'"):
        check_order([Step("a", noop), Step("a", noop)], given=[])


def test_steps_run_each_step_on_the_record_in_order():
    calls: list[str] = []
    steps = Steps.of(
        [
            Step("first", lambda record, inputs: record.append(inputs), (), ("items",)),
            Step("second", lambda record, inputs: calls.append(str(len(record))), ("items",)),
        ],
        given=[],
    )
    assert steps.run([], "x") == ["x"]
    assert calls == ["1"]
