"""What an operation touched, so each view re-reads only what it shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """The parts of the vault an operation changed."""

    people: bool = False
    records: bool = False
    samples: bool = False
    sources: bool = False
    settings: bool = False
    person_ids: frozenset[int] = field(default_factory=frozenset)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.people or other.people, self.records or other.records,
                       self.samples or other.samples, self.sources or other.sources,
                       self.settings or other.settings, self.person_ids | other.person_ids)

    @property
    def any(self) -> bool:
        """True when anything changed."""
        return self.people or self.records or self.samples or self.sources or self.settings


@dataclass(frozen=True)
class Result(Generic[T]):
    """An operation's value and what it changed."""

    value: T
    changes: Changes
