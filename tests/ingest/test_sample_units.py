"""Samples whose unit differs from the one the vault stores for their metric are skipped."""

from __future__ import annotations

from healthbook.ingest import import_file
from healthbook.vault import Person, Vault
from tests.conftest import DATA


def test_samples_in_another_unit_than_the_stored_one_are_skipped_with_a_reason(
        vault: Vault, person: Person) -> None:
    with vault.transaction():
        vault.samples.metric("heart_rate", "count/s")  # stored earlier in another unit
    report = import_file(vault, person,
                         DATA / "apple-health" / "dogsheep-healthkit-to-sqlite" / "export.xml")
    reasons = {s.reason for s in report.skipped if s.kind == "sample"}
    assert "unit /min differs from the stored unit" in reasons
    assert "heart_rate" not in {m.name for m in vault.samples.metrics(person.id)}
    assert report.added["samples"] > 0  # the other metrics are imported
