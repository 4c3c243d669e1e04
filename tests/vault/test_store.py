"""People, records, samples and sources in a real SQLCipher vault."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from healthbook.vault import (
    Attachment,
    DuplicatePerson,
    PersonNotFound,
    Record,
    RecordKind,
    Vault,
)
from tests.conftest import DATA, PASSPHRASE
from tests.helpers import add_source

GLUCOSE = Record(RecordKind.OBSERVATION, "http://loinc.org", "15074-8",
                 "Glucose [Moles/volume] in Blood",
                 value_num=6.3, unit="mmol/L", ref_low=3.1, ref_high=6.2, interpretation="H",
                 status="final", category="laboratory", effective="2013-04-02T09:30:10Z")


def test_people_add_rename_remove(vault: Vault) -> None:
    mum = vault.people.add("  Maria   Lopez ")
    child = vault.people.add("Leo")
    assert mum.name == "Maria Lopez"
    with pytest.raises(DuplicatePerson):
        vault.people.add("maria lopez")
    renamed = vault.people.rename(child, "Leo Lopez")
    assert vault.people.get("leo lopez").id == renamed.id == child.id
    assert [p.name for p in vault.people.list()] == ["Leo Lopez", "Maria Lopez"]
    vault.people.remove(renamed)
    with pytest.raises(PersonNotFound):
        vault.people.get("Leo Lopez")
    with pytest.raises(ValueError, match="needs a name"):
        vault.people.add("   ")


def test_removing_a_person_deletes_only_their_records(vault: Vault) -> None:
    a, b = vault.people.add("A"), vault.people.add("B")
    for who in (a, b):
        src = add_source(vault, who.id, f"{who.name}.json")
        vault.records.insert(who.id, src, [GLUCOSE])
        hr = vault.samples.metric("heart_rate", "/min")
        vault.samples.insert(who.id, src, [(hr.id, 1_700_000_000, 0, 0, 61.0)])
    vault.people.remove(a)
    assert vault.stats(b.id)["observation"] == 1
    assert vault.stats(b.id)["samples"] == 1
    assert vault.stats() == {"observation": 1, "samples": 1, "people": 1}
    assert vault.db.scalar("SELECT count(*) FROM source") == 1


def test_records_round_trip_losslessly_and_dedupe(vault: Vault) -> None:
    person = vault.people.add("Pat")
    original = (DATA / "fhir-r4" / "observation-example-f001-glucose.json").read_text("utf-8")
    record = Record(**{**_fields(GLUCOSE), "original": original, "original_format": "fhir-r4",
                       "details": {"note": "fasting", "components": []}})
    src = add_source(vault, person.id)
    first = vault.records.insert(person.id, src, [record])
    again = vault.records.insert(person.id, add_source(vault, person.id, "again.json"), [record])
    assert (first.added, first.duplicates) == (1, 0)
    assert (again.added, again.duplicates) == (0, 1)
    [stored] = vault.records.list(person.id, RecordKind.OBSERVATION)
    assert stored.record == record
    assert stored.record.original == original  # byte-for-byte the resource JSON
    assert json.loads(stored.record.original)["id"] == "f001"
    assert vault.records.get(stored.id).record.value_num == 6.3


def test_dedupe_key_is_deterministic_and_content_based() -> None:
    same = Record(**_fields(GLUCOSE))
    assert same.dedupe_key() == GLUCOSE.dedupe_key()
    later = Record(**{**_fields(GLUCOSE), "effective": "2013-05-02T09:30:10Z"})
    assert later.dedupe_key() != GLUCOSE.dedupe_key()
    other_value = Record(**{**_fields(GLUCOSE), "value_num": 6.4})
    assert other_value.dedupe_key() != GLUCOSE.dedupe_key()


def test_the_same_record_for_two_people_is_kept_for_each(vault: Vault) -> None:
    a, b = vault.people.add("A"), vault.people.add("B")
    assert vault.records.insert(a.id, add_source(vault, a.id), [GLUCOSE]).added == 1
    assert vault.records.insert(b.id, add_source(vault, b.id), [GLUCOSE]).added == 1


def test_attachments_are_stored_in_the_vault(vault: Vault) -> None:
    person = vault.people.add("Doc")
    note = Record(RecordKind.DOCUMENT, display="Discharge summary", effective="2024-03-01",
                  attachment=Attachment("text/plain", b"Discharged home.", "summary"))
    counts = vault.records.insert(person.id, add_source(vault, person.id), [note, note])
    assert (counts.added, counts.duplicates) == (1, 1)
    [stored] = vault.records.list(person.id, RecordKind.DOCUMENT)
    assert vault.records.attachment(stored.id) == note.attachment


def test_samples_bulk_insert_dedupe_and_range(vault: Vault) -> None:
    person = vault.people.add("Runner")
    src = add_source(vault, person.id)
    hr = vault.samples.metric("heart_rate", "/min")
    steps = vault.samples.metric("steps", "count")
    watch = vault.samples.device("Apple Watch")
    t0 = 1_700_000_000
    rows = [(hr.id, t0 + 60 * i, 0, watch, 60.0 + i % 7) for i in range(10_000)]
    rows += [(steps.id, t0 + 600 * i, 600, watch, float(i)) for i in range(100)]
    assert vault.samples.insert(person.id, src, rows) == 10_100
    assert vault.samples.insert(person.id, src, rows[:500]) == 0
    window = vault.samples.range(person.id, hr.id, t0 + 60 * 100, t0 + 60 * 200)
    assert len(window) == 100
    assert window[0] == (t0 + 6000, 60.0 + 100 % 7)
    assert [s for s, _ in window] == sorted(s for s, _ in window)
    assert [m.name for m in vault.samples.metrics(person.id)] == ["heart_rate", "steps"]
    assert vault.samples.metric("heart_rate", "ignored").unit == "/min"


def test_sources_hold_shared_records_and_delete_only_what_no_other_holds(vault: Vault) -> None:
    person = vault.people.add("Sam")
    first = add_source(vault, person.id, "first.json")
    second = add_source(vault, person.id, "second.json")
    vault.records.insert(person.id, first, [GLUCOSE])
    later = Record(**{**_fields(GLUCOSE), "effective": "2014-01-01"})
    vault.records.insert(person.id, second, [GLUCOSE, later])  # GLUCOSE is a duplicate here
    hr = vault.samples.metric("heart_rate", "/min")
    vault.samples.insert(person.id, second, [(hr.id, 1, 0, 0, 70.0), (hr.id, 2, 0, 0, 71.0)])
    listed = {s.file_name: (s.records, s.samples) for s in vault.sources.list(person.id)}
    assert listed == {"first.json": (1, 0), "second.json": (2, 2)}  # both hold GLUCOSE
    removed = vault.sources.delete(second)
    assert (removed.records_removed, removed.records_kept, removed.samples_removed) == (1, 1, 2)
    assert [r.record.effective for r in vault.records.list(person.id)] == [GLUCOSE.effective]
    assert vault.samples.count(person.id) == 0


def test_backup_and_restore(vault_path: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backups" / "copy.vault"
    backup.parent.mkdir()
    with Vault.open(vault_path, PASSPHRASE) as vault:
        person = vault.people.add("Backed Up")
        vault.records.insert(person.id, add_source(vault, person.id), [GLUCOSE])
        updates = []
        vault.backup(backup, progress=updates.append)
        assert updates
        assert updates[-1].done == updates[-1].total
        vault.people.add("After backup")
    assert backup.stat().st_mode & 0o777 == 0o600
    assert not backup.with_name("copy.vault.partial").exists()
    with Vault.open(backup, PASSPHRASE) as copy:
        assert [p.name for p in copy.people.list()] == ["Backed Up"]
        assert copy.integrity_ok()
        assert copy.audit.verify().ok
    Vault.restore(backup, vault_path, PASSPHRASE)
    with Vault.open(vault_path, PASSPHRASE) as restored:
        assert [p.name for p in restored.people.list()] == ["Backed Up"]
        assert restored.stats()["observation"] == 1
        assert restored.audit.entries()[-1].action in {"restore", "unlock"}


def test_backup_cannot_overwrite_its_own_vault(vault: Vault, vault_path: Path) -> None:
    from healthbook.vault import VaultError

    with pytest.raises(VaultError, match="cannot overwrite"):
        vault.backup(vault_path)


def _fields(record: Record) -> dict:
    return {name: getattr(record, name) for name in record.__dataclass_fields__}


def _rollup_from_scratch(vault: Vault) -> list:
    return vault.db.query(
        "SELECT person_id, metric_id, start / 3600, count(*), sum(value), min(value), "
        "max(value), sum(duration) FROM sample GROUP BY 1, 2, 3 ORDER BY 1, 2, 3")


def _rollup(vault: Vault) -> list:
    return vault.db.query("SELECT * FROM sample_hourly ORDER BY 1, 2, 3")


def test_hourly_rollup_follows_inserts_and_deletions(vault: Vault) -> None:
    a, b = vault.people.add("A"), vault.people.add("B")
    first, second = add_source(vault, a.id, "one"), add_source(vault, a.id, "two")
    hr = vault.samples.metric("heart_rate", "/min").id
    steps = vault.samples.metric("steps", "count").id
    t0 = 1_700_000_000
    vault.samples.insert(a.id, first, [(hr, t0 + 60 * i, 0, 1, 60.0 + i % 9)
                                       for i in range(2000)])
    vault.samples.insert(a.id, second, [(hr, t0 + 30 + 60 * i, 0, 1, 70.0) for i in range(500)]
                         + [(steps, t0 + 600 * i, 600, 1, 100.0) for i in range(50)])
    vault.samples.insert(b.id, add_source(vault, b.id), [(hr, t0, 0, 1, 55.0)])
    assert _rollup(vault) == _rollup_from_scratch(vault)
    hour = vault.samples.hourly(a.id, hr)[0]
    # hour (t0 // 3600) holds the samples of minutes 0.. until the hour ends; check by hand
    in_first_hour = [60.0 + i % 9 for i in range(2000) if (t0 + 60 * i) // 3600 == t0 // 3600]
    in_first_hour += [70.0 for i in range(500) if (t0 + 30 + 60 * i) // 3600 == t0 // 3600]
    assert hour[:5] == (t0 // 3600, len(in_first_hour), sum(in_first_hour),
                        min(in_first_hour), max(in_first_hour))
    vault.sources.delete(second)
    assert _rollup(vault) == _rollup_from_scratch(vault)
    vault.people.remove(a)
    assert _rollup(vault) == _rollup_from_scratch(vault)
    assert [m.name for m in vault.samples.metrics(b.id)] == ["heart_rate"]


def test_hourly_rollup_of_a_long_span_is_done_in_windows(vault: Vault) -> None:
    from healthbook.vault.samples import ROLLUP_WINDOW_HOURS

    a = vault.people.add("A")
    hr = vault.samples.metric("heart_rate", "/min").id
    t0 = 1_700_000_123
    hours = ROLLUP_WINDOW_HOURS * 3 + 17  # more than three windows, not a whole number
    vault.samples.insert(a.id, add_source(vault, a.id), [
        (hr, t0 + 1800 * i, 0, 1, 50.0 + i % 40) for i in range(hours * 2)])
    expected = _rollup_from_scratch(vault)
    assert len(expected) == hours
    assert _rollup(vault) == expected
    vault.db.execute("DELETE FROM sample_hourly")
    vault.samples.refresh_rollup(a.id, hr, t0, t0 + 1800 * (hours * 2 - 1))
    assert _rollup(vault) == expected


def test_hourly_rollup_of_absurdly_distant_samples_is_quick(vault: Vault) -> None:
    a = vault.people.add("A")
    hr = vault.samples.metric("heart_rate", "/min").id
    far = [(hr, 0, 0, 1, 60.0), (hr, 2**50, 0, 1, 61.0)]  # 1970 and 35 million years on
    started = time.monotonic()
    vault.samples.insert(a.id, add_source(vault, a.id), far)
    assert time.monotonic() - started < 5
    assert _rollup(vault) == _rollup_from_scratch(vault)
