"""One loader of everything shown for a person: one read of their records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from healthbook.clinical.facts import PersonFacts, compute_facts
from healthbook.clinical.timeline import Entry, timeline
from healthbook.vault import Person, Source, StoredRecord, Vault


@dataclass(frozen=True)
class PersonData:
    """A snapshot of what the app, the sheet and the CLI show for one person."""

    person: Person
    facts: PersonFacts
    records: list[StoredRecord]
    timeline: list[Entry]
    sources: list[Source]


def load_person(vault: Vault, person: Person, today: date | None = None) -> PersonData:
    """The person as stored now (demographics an import filled in), with their records read
    once and the facts, timeline and imports computed from them."""
    fresh = vault.people.get(person.id)
    records = vault.records.list(fresh.id)
    return PersonData(fresh, compute_facts(vault, fresh, today, records), records,
                      timeline(records), vault.sources.list(fresh.id))
