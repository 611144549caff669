"""Declared steps: each step of an assembly says which fields of the record it reads and which it sets,
and a list of steps is checked once, when it is built, so that no step runs before the fields it needs
exist (spaCy's `requires`/`assigns` habit for pipeline components)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

Record = TypeVar("Record")
Inputs = TypeVar("Inputs")


class StepOrderError(ValueError):
    """A list of steps in which a step needs a field that no earlier step sets, or two steps share a name."""


@dataclass(frozen=True)
class Step(Generic[Record, Inputs]):
    """One step: `run(record, inputs)` reads the fields in `requires` and sets those in `assigns`."""

    name: str
    run: Callable[[Record, Inputs], None]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Steps(Generic[Record, Inputs]):
    """An ordered list of steps, checked at construction against the fields the record starts with."""

    steps: tuple[Step[Record, Inputs], ...]
    given: frozenset[str]

    def __post_init__(self) -> None:
        check_order(self.steps, self.given)

    @classmethod
    def of(cls, steps: Iterable[Step[Record, Inputs]], given: Iterable[str]) -> Steps[Record, Inputs]:
        return cls(tuple(steps), frozenset(given))

    def run(self, record: Record, inputs: Inputs) -> Record:
        for step in self.steps:
            step.run(record, inputs)
        return record

    @property
    def names(self) -> list[str]:
        return [step.name for step in self.steps]


def check_order(steps: Iterable[Step], given: Iterable[str]) -> None:
    """Raise StepOrderError unless every step's required fields are given or set by an earlier step."""
    available = set(given)
    seen: set[str] = set()
    for step in steps:
        if step.name in seen:
            raise StepOrderError(f"two steps are named {step.name!r}")
        seen.add(step.name)
        missing = [field for field in step.requires if field not in available]
        if missing:
            raise StepOrderError(
                f"step {step.name!r} requires {', '.join(missing)}, which no earlier step assigns"
            )
        available.update(step.assigns)
