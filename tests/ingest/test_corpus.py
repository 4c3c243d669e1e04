"""Every corpus file either imports with counts that match the file, or is refused clearly."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from healthbook.ingest import ImportFailed, import_file
from healthbook.vault import Person, RecordKind, Vault
from tests.conftest import DATA
from tests.ingest.conftest import snapshot

CORPUS = sorted(p for p in DATA.rglob("*") if p.is_file() and p.suffix.lower() != ".md")
REFUSED = {  # file -> words the one-sentence reason must contain
    "route_2019-06-11_3.00pm.gpx": "does not recognise",
    "release-2026-11-schema2.hbvault": "not text, a zip or a database",  # an encrypted vault
    "ref_range.json": "no resourceType",
    "cyclic.xml": "does not recognise",
    "dtd.xml": "does not recognise",
    "external.xml": "does not recognise",
    "quadratic.xml": "does not recognise",
    "xmlbomb.xml": "does not recognise",
    "bad-json-close-1.json": "not valid JSON",
    "json-comma-bad-1.json": "not valid JSON",
    "json-comments-1.json": "not valid JSON",
    "json-no-quotes-1.json": "not valid JSON",
    "ccda-example-bad.xml": "FHIR XML",
    "japanese-utf8.xml": "FHIR XML",
    "list-xhtml-xxe1.xml": "FHIR XML",
    "aes_archive.zip": "not an Apple Health",
    "comment_garbage.zip": "empty zip",
    "invalid_offset.zip": "damaged",
    "non_utf8.zip": "not an Apple Health",
    "symlink.zip": "not an Apple Health",
}
MAPPED = {"Condition": "condition", "MedicationRequest": "medication",
          "MedicationStatement": "medication", "AllergyIntolerance": "allergy",
          "Immunization": "immunization", "Procedure": "procedure", "Encounter": "encounter",
          "DiagnosticReport": "report", "DocumentReference": "document"}


def test_the_corpus_is_complete() -> None:
    assert len(CORPUS) >= 75
    assert set(REFUSED) <= {p.name for p in CORPUS}


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(p.relative_to(DATA)))
def test_each_file_imports_or_is_refused_clearly(vault: Vault, person: Person,
                                                 path: Path) -> None:
    before = snapshot(vault)
    if path.name in REFUSED:
        with pytest.raises(ImportFailed) as info:
            import_file(vault, person, path)
        message = str(info.value)
        assert REFUSED[path.name] in message
        assert "Traceback" not in message
        assert message.endswith(".")
        assert snapshot(vault) == before  # a failed import changes nothing
        return
    report = import_file(vault, person, path)
    assert report.format
    assert sum(report.added.values()) + sum(report.duplicates.values()) + sum(
        report.skipped_count.values()) + sum(report.ignored.values()) > 0 or \
        path.name == "patient-example.json"
    assert vault.integrity_ok()


def _expected_fhir_counts(path: Path) -> Counter[str]:
    bundle = json.loads(path.read_text(encoding="utf-8"))
    resources = [e["resource"] for e in bundle.get("entry", [])] \
        if bundle["resourceType"] == "Bundle" else [bundle]
    expected: Counter[str] = Counter()
    for res in resources:
        rtype = res["resourceType"]
        if rtype == "Observation":
            expected["observation"] += 1 + len(res.get("component", []))
        elif rtype in MAPPED:
            expected[MAPPED[rtype]] += 1
    return expected


@pytest.mark.parametrize("path", sorted((DATA / "synthea").glob("*.json")) + [
    DATA / "fhir-r4" / "diagnosticreport-example.json",
    DATA / "fhir-r4" / "diagnosticreport-example-lipids.json",
    DATA / "fhir-r4" / "observation-example-bloodpressure.json",
], ids=lambda p: p.name)
def test_fhir_counts_match_the_file(vault: Vault, person: Person, path: Path) -> None:
    report = import_file(vault, person, path)
    seen = report.added + report.duplicates + report.skipped_count
    expected = _expected_fhir_counts(path)
    assert {k: seen[k] for k in expected} == dict(expected)
    assert not report.skipped  # all of these are valid R4
    stats = vault.stats(person.id)
    assert {k: stats.get(k, 0) for k in report.added} == {
        k: v for k, v in report.added.items() if k != "samples"} | (
        {"samples": report.added["samples"]} if "samples" in report.added else {})


def test_reimport_adds_nothing_and_keeps_no_empty_source(vault: Vault, person: Person) -> None:
    path = DATA / "synthea" / "Fletcher_Hyatt_fe0562b5-f517-4951-8366-32fdab088930.json"
    first = import_file(vault, person, path)
    stats = vault.stats(person.id)
    again = import_file(vault, person, path)
    assert again.total_added == 0
    assert again.total_duplicates == first.total_added + first.total_duplicates
    assert again.source_id is None
    assert vault.stats(person.id) == stats
    assert len(vault.sources.list(person.id)) == 1


def test_deleting_a_source_removes_exactly_its_records(vault: Vault, person: Person) -> None:
    a = import_file(vault, person, DATA / "synthea" /
                    "Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json")
    after_a = vault.stats(person.id)
    b = import_file(vault, person, DATA / "ccda" / "hl7-c-cda-examples" / "CCD_1_CCD.XML",
                    force_person=True)  # another patient: this test is about deletion
    assert b.source_id is not None
    vault.sources.delete(b.source_id)
    assert vault.stats(person.id) == after_a
    assert a.source_id in {s.id for s in vault.sources.list(person.id)}


def test_imported_records_keep_their_source_and_original(vault: Vault, person: Person) -> None:
    path = DATA / "fhir-r4" / "observation-example-f001-glucose.json"
    report = import_file(vault, person, path)
    [record] = vault.records.list(person.id, RecordKind.OBSERVATION)
    assert record.source_id == report.source_id
    source = vault.sources.get(record.source_id)
    assert source.file_name == path.name
    assert source.format == "fhir-json"
    assert len(source.sha256) == 64
    r = record.record
    assert (r.code_system, r.code, r.value_num, r.unit) == ("http://loinc.org", "15074-8", 6.3,
                                                            "mmol/L")
    assert (r.ref_low, r.ref_high, r.interpretation) == (3.1, 6.2, "H")
    assert json.loads(r.original) == json.loads(path.read_text(encoding="utf-8"))
    audit = vault.audit.entries()[-1]
    assert audit.action == "import"
    assert audit.detail["file"] == path.name
