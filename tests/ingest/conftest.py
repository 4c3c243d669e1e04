"""Fixtures for importer tests: a vault with one person."""

from __future__ import annotations

import pytest

from healthbook.vault import Person, Vault


@pytest.fixture
def person(vault: Vault) -> Person:
    """The one person in the test vault."""
    return vault.people.add("Alex Test")


def snapshot(vault: Vault) -> tuple:
    """Everything an import could change, to compare before and after."""
    return (
        vault.stats(),
        vault.db.query("SELECT id, name, birth_date, sex FROM person ORDER BY id"),
        vault.db.query("SELECT id, file_name FROM source ORDER BY id"),
        vault.db.scalar("SELECT count(*) FROM audit"),
        vault.db.scalar("SELECT count(*) FROM attachment"),
    )
