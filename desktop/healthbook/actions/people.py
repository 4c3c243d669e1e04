"""Add, rename and remove people: one transaction and one audit entry each."""

from __future__ import annotations

from healthbook.actions.changes import Changes, Result
from healthbook.vault import Person, Vault


def add_person(vault: Vault, name: str) -> Result[Person]:
    """Add a person (names are unique in a vault, ignoring case)."""
    with vault.transaction():
        added = vault.people.add(name)
        vault.audit.append("person-add", {"person": added.id})
    return Result(added, Changes(people=True, person_ids=frozenset({added.id})))


def rename_person(vault: Vault, person: Person, new_name: str) -> Result[Person]:
    """Give a person a new name."""
    with vault.transaction():
        renamed = vault.people.rename(person, new_name)
        vault.audit.append("person-rename", {"person": renamed.id})
    return Result(renamed, Changes(people=True, person_ids=frozenset({renamed.id})))


def remove_person(vault: Vault, person: Person) -> Result[Person]:
    """Remove a person and every record, sample and import of theirs."""
    with vault.transaction():
        vault.people.remove(person)
        vault.audit.append("person-remove", {"person": person.id})
    return Result(person, Changes(people=True, records=True, samples=True, sources=True,
                                  person_ids=frozenset({person.id})))
