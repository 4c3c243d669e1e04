"""A large Apple Health export is parsed by a second process: same result, same errors,
nothing left running after cancel."""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from healthbook.ingest import import_file, parse_worker
from healthbook.ingest.apple_columns import apple_seconds, numbers
from healthbook.ingest.errors import ImportFailed, UnsafeFile
from healthbook.ingest.healthkit import ClinicalRef, RawRecords
from healthbook.ingest.items import Demographics, Ignored, Sample, SampleRows, Skipped
from healthbook.progress import Cancelled, CancelToken, Progress
from healthbook.timeparse import apple_time
from healthbook.vault import Person, Record, RecordKind, Vault
from tests.generate import apple_health_export
from tests.ingest.conftest import snapshot


def worker_pids() -> list[int]:
    """Running parse workers (any process whose command line has the worker flag)."""
    pids = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and b"--ingest-worker" in (entry / "cmdline").read_bytes():
                pids.append(int(entry.name))
        except OSError:
            continue
    return pids


@pytest.fixture
def always_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse_worker, "WORKER_MIN_BYTES", 0)


@pytest.fixture
def never_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse_worker, "WORKER_MIN_BYTES", 1 << 62)


def samples_of(vault: Vault, person: Person) -> list[tuple]:
    return vault.db.query(
        "SELECT m.name, s.start, s.duration, d.name, s.value FROM sample s "
        "JOIN metric m ON m.id = s.metric_id LEFT JOIN device d ON d.id = s.device_id "
        "WHERE s.person_id = ? ORDER BY 1, 2, 4, 5", (person.id,))


def hourly_of(vault: Vault, person: Person) -> list[tuple]:
    return vault.db.query(
        "SELECT metric_id, hour, n, total, lo, hi, seconds FROM sample_hourly "
        "WHERE person_id = ? ORDER BY 1, 2", (person.id,))


def test_worker_import_equals_in_process_import(vault: Vault, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    export = apple_health_export(tmp_path / "export.zip", 30_000)
    here, there = vault.people.add("In process"), vault.people.add("In a worker")
    monkeypatch.setattr(parse_worker, "WORKER_MIN_BYTES", 1 << 62)
    in_process = import_file(vault, here, export)
    monkeypatch.setattr(parse_worker, "WORKER_MIN_BYTES", 0)
    seen: list[Progress] = []
    in_worker = import_file(vault, there, export, progress=seen.append)
    assert in_worker.added == in_process.added
    assert in_worker.skipped == in_process.skipped
    assert in_worker.added["samples"] > 29_000
    assert samples_of(vault, there) == samples_of(vault, here)
    assert len(hourly_of(vault, there)) == len(hourly_of(vault, here)) > 100
    assert [r[1:] for r in hourly_of(vault, there)] == [r[1:] for r in hourly_of(vault, here)]
    assert vault.people.get(there.id).birth_date == "1972-04-02"  # the Me element came through
    assert any(0 < p.done < p.total for p in seen)  # the worker reports how far it has read
    again = import_file(vault, there, export)  # the same export twice adds nothing
    assert again.added["samples"] == 0
    assert again.duplicates["samples"] == in_worker.added["samples"]
    assert not worker_pids()


@pytest.mark.usefixtures("always_worker")
@pytest.mark.parametrize("damage", ["truncated", "entities"])
def test_worker_errors_are_one_sentence_and_change_nothing(
        vault: Vault, person: Person, tmp_path: Path, damage: str) -> None:
    export = apple_health_export(tmp_path / "export.zip", 5_000)
    xml = zipfile.ZipFile(export).read("apple_health_export/export.xml")
    if damage == "truncated":
        xml = xml[: len(xml) * 2 // 3]
    else:
        xml = xml.replace(b"<!ELEMENT HealthData",
                          b'<!ENTITY a "aaaaaaaaaa"><!ELEMENT HealthData', 1)
    bare = tmp_path / "export.xml"
    bare.write_bytes(xml)
    before = snapshot(vault)
    expected = UnsafeFile if damage == "entities" else ImportFailed
    with pytest.raises(expected) as caught:
        import_file(vault, person, bare)
    message = str(caught.value)
    assert "Traceback" not in message
    assert message.count("\n") == 0
    assert ("unsafe" in message) if damage == "entities" else ("not well-formed" in message)
    assert snapshot(vault) == before
    assert not worker_pids()


@pytest.mark.usefixtures("always_worker")
def test_cancel_stops_the_worker_at_once(vault: Vault, person: Person, tmp_path: Path) -> None:
    export = apple_health_export(tmp_path / "export.zip", 60_000)
    before = snapshot(vault)
    token = CancelToken()
    running: list[list[int]] = []

    def on_progress(update: Progress) -> None:
        if update.records > 5_000 and not token.cancelled:
            running.append(worker_pids())
            token.cancel()

    with pytest.raises(Cancelled):
        import_file(vault, person, export, progress=on_progress, cancel=token)
    assert running
    assert running[0], "the import did not run in a worker"
    assert not worker_pids()
    assert snapshot(vault) == before


def test_a_worker_that_dies_is_a_clear_error(vault: Vault, person: Person, tmp_path: Path,
                                             always_worker: None) -> None:
    export = apple_health_export(tmp_path / "export.zip", 60_000)
    before = snapshot(vault)
    killed: list[int] = []

    def on_progress(update: Progress) -> None:
        if update.records > 5_000 and not killed:
            for pid in worker_pids():
                os.kill(pid, 9)
                killed.append(pid)

    with pytest.raises(ImportFailed, match="stopped unexpectedly"):
        import_file(vault, person, export, progress=on_progress)
    assert killed
    assert snapshot(vault) == before
    deadline = time.monotonic() + 5
    while worker_pids() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not worker_pids()


@pytest.mark.parametrize("item", [
    RawRecords("HKQuantityTypeIdentifierHeartRate", "count/min", "Watch",
               ["2020-01-01 10:00:00 +0100", "2020-01-01 10:01:00 +0100", "61"]),
    SampleRows("heart_rate", "/min", "Watch", [(1, 60, 61.0), (2, 0, 62.5)]),
    Sample("steps", "1", 5, 60, 120.0, "Phone"),
    Skipped("Record", "2020-01-01", "missing or unreadable date"),
    Ignored("Claim"),
    Demographics("1972-04-02", "female", None),
    ClinicalRef("/clinical-records/a.json", "a", "4.0.1"),
    Record(RecordKind.WORKOUT, "apple-healthkit", "HKWorkoutActivityTypeWalking", "Walking",
           value_num=41.5, unit="min", effective="2020-01-01T10:00:00Z",
           details={"sourceName": "Watch", "totalDistance": "3.2"}),
])
def test_items_cross_the_pipe_unchanged(item: object) -> None:
    assert parse_worker.decode(parse_worker.encode(item)) == item  # type: ignore[arg-type]


APPLE_TIMES = st.builds(
    "{:04d}-{:02d}-{:02d} {:02d}:{:02d}:{:02d} {}{:02d}{:02d}".format,
    st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32), st.integers(0, 25),
    st.integers(0, 61), st.integers(0, 61), st.sampled_from("+-x"), st.integers(0, 15),
    st.sampled_from([0, 30, 45, 99]))


@given(st.lists(APPLE_TIMES | st.text(max_size=30), min_size=1, max_size=40))
def test_column_times_agree_with_apple_time(texts: list[str]) -> None:
    seconds, ok = apple_seconds(texts)
    for text, value, good in zip(texts, seconds.tolist(), ok.tolist(), strict=True):
        if good:  # rows not marked good go through apple_time itself
            assert value == apple_time(text)


@given(st.lists(st.from_regex(r"\s*[+-]?\d{0,6}(\.\d{0,4})?([eE][+-]?\d{1,3})?\s*")
                | st.sampled_from(["nan", "inf", "1_000", "", "x", "٣"]), max_size=30))
def test_column_numbers_agree_with_float(texts: list[str]) -> None:
    values, ok = numbers(texts)
    for text, value, good in zip(texts, values.tolist(), ok.tolist(), strict=True):
        try:
            expected = float(text)
        except ValueError:
            assert not good
        else:
            assert good
            assert (value == expected or value != value)


def test_usual_times_take_the_column_path() -> None:
    texts = ["2019-01-01 00:01:37 +0100", "2024-02-29 23:59:60 -0700", "1999-12-31 12:00:00 +0545"]
    seconds, ok = apple_seconds(texts)
    assert ok.all()
    assert seconds.tolist() == [apple_time(t) for t in texts]
