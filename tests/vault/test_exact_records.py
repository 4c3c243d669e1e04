"""Records stay exact (issue 19): distinct results never merge, deleting an import keeps what
another import holds, the user's corrections survive re-imports, and old vaults migrate."""

from __future__ import annotations

import copy
import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from healthbook.actions.records import Entry, add_record, edit_record, undo_last
from healthbook.ingest import import_file
from healthbook.vault import Person, RecordKind, Vault
from tests.conftest import DATA
from tests.generate import write_export_xml

MICRO = DATA / "fhir-r4" / "bundle-micro1.json"
RELEASE_VAULT = DATA / "vaults" / "release-2026-11-schema2.hbvault"
RELEASE_PASSPHRASE = "release schema 2"


def _observations(vault: Vault, person: Person) -> list:
    return vault.records.list(person.id, RecordKind.OBSERVATION)


def test_microbiology_report_imports_every_observation_once(vault: Vault) -> None:
    person = vault.people.add("Pat")
    first = import_file(vault, person, MICRO, force_person=True)
    assert (first.added["observation"], first.duplicates["observation"]) == (25, 0)
    again = import_file(vault, person, MICRO, force_person=True)
    assert again.total_added == 0
    ampicillin = next(s for s in _observations(vault, person) if s.record.display == "Ampicillin")
    assert ampicillin.record.details["context"]["group"] == [
        "Staphylococcus aureus Panel", "Susceptibility - Automated broth dilution (Billed)"]
    # the contained form of the same report (another file, same results): nothing new
    contained = import_file(vault, person, DATA / "fhir-r4" / "diagnosticreport-micro1.json",
                            force_person=True)
    assert contained.total_added == 0
    assert len(_observations(vault, person)) == 25


def _two_organisms(tmp_path: Path) -> Path:
    """The micro report with a second organism whose susceptibilities have the same codes
    and values as the first's (what merged before: 'x already in the vault')."""
    bundle = json.loads(MICRO.read_text())
    extra = []
    renamed = {}
    for entry in bundle["entry"]:
        res = entry["resource"]
        if res["resourceType"] != "Observation":
            continue
        twin = copy.deepcopy(entry)
        twin["fullUrl"] = entry["fullUrl"] + "-2"
        renamed[entry["fullUrl"]] = twin["fullUrl"]
        extra.append(twin)
    for twin in extra:
        res = twin["resource"]
        res["id"] += "-2"
        for member in res.get("hasMember", []):
            member["reference"] = renamed[member["reference"]]
        if res["code"].get("text") == "Staphylococcus aureus Panel":
            res["code"] = {"coding": [{"system": "http://acme.org/lab/codes/organisms",
                                       "code": "Esccol"}], "text": "Escherichia coli Panel"}
    report = bundle["entry"][0]["resource"]
    org2 = next(t for t in extra if t["resource"]["code"].get("text") == "Escherichia coli Panel")
    report["result"].append({"reference": org2["fullUrl"]})
    bundle["entry"].extend(extra)
    out = tmp_path / "two-organisms.json"
    out.write_text(json.dumps(bundle))
    return out


def test_two_organisms_with_equal_susceptibilities_stay_distinct(vault: Vault,
                                                                 tmp_path: Path) -> None:
    person = vault.people.add("Pat")
    report = import_file(vault, person, _two_organisms(tmp_path), force_person=True)
    assert report.added["observation"] == 50
    assert report.duplicates["observation"] == 0
    assert import_file(vault, person, _two_organisms(tmp_path), force_person=True
                       ).total_added == 0
    groups = {s.record.details["context"]["group"][0] for s in _observations(vault, person)
              if s.record.display == "Cefazolin"}
    assert groups == {"Staphylococcus aureus Panel", "Escherichia coli Panel"}
    # read as organisms with their susceptibilities, not as a flat list of MIC numbers
    from healthbook.clinical import compute_facts
    from healthbook.clinical.timeline import describe

    lines = {describe(s) for s in _observations(vault, person)}
    assert "Staphylococcus aureus · Ampicillin: resistant" in lines
    assert "Escherichia coli · Ampicillin: resistant" in lines
    names = [a.name for a in compute_facts(vault, person).analytes]
    assert "Cefazolin (Escherichia coli)" in names
    assert "Cefazolin (Staphylococcus aureus)" in names


def test_identical_readings_of_two_resources_are_two_records(vault: Vault,
                                                             tmp_path: Path) -> None:
    reading = {"resourceType": "Observation", "status": "final",
               "code": {"coding": [{"system": "http://loinc.org", "code": "2345-7",
                                    "display": "Glucose"}]},
               "effectiveDateTime": "2026-01-05T08:00:00Z",
               "valueQuantity": {"value": 97, "unit": "mg/dL",
                                 "system": "http://unitsofmeasure.org", "code": "mg/dL"}}
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [
        {"fullUrl": f"urn:uuid:0000000{i}-0000-4000-8000-000000000000",
         "resource": {**reading, "id": f"g{i}"}} for i in (1, 2)]}
    path = tmp_path / "two.json"
    path.write_text(json.dumps(bundle))
    person = vault.people.add("Pat")
    assert import_file(vault, person, path, force_person=True).added["observation"] == 2
    assert import_file(vault, person, path, force_person=True).total_added == 0


def _export(lines: list[str], head: str, path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("apple_health_export/export.xml",
                         head + "".join(lines) + "</HealthData>\n")
    return path


def _overlapping_exports(tmp_path: Path) -> tuple[Path, Path]:
    """A '2024' and a '2025' export of one phone that share a third of their entries."""
    buf = io.StringIO()
    write_export_xml(buf, 3000, seed=11)
    text = buf.getvalue()
    start = text.index(" <Record ")
    head, body = text[:start], text[start:text.rindex("</HealthData>")]
    entries = [e for e in body.split("\n <") if e.strip()]
    entries = [(e if e.startswith(" <") else " <" + e.lstrip(" <")) + "\n" for e in entries]
    entries = [e.replace("\n\n", "\n") for e in entries]
    third = len(entries) // 3
    first = _export(entries[: 2 * third], head, tmp_path / "export-2024.zip")
    second = _export(entries[third:], head, tmp_path / "export-2025.zip")
    return first, second


def _content(vault: Vault, person: Person) -> tuple[list, list]:
    records = sorted((s.record.kind.value, s.record.effective, s.record.display, s.record.value_num)
                     for s in vault.records.list(person.id))
    samples = vault.db.query("SELECT metric_id, start, duration, device_id, value FROM sample "
                             "WHERE person_id = ? ORDER BY 1, 2, 3, 4, 5", (person.id,))
    return records, samples


def test_deleting_the_first_of_two_overlapping_exports_keeps_the_second(
        vault: Vault, tmp_path: Path) -> None:
    first, second = _overlapping_exports(tmp_path)
    person = vault.people.add("Pat")
    one = import_file(vault, person, first, force_person=True)
    two = import_file(vault, person, second, force_person=True)
    assert two.duplicates["samples"] > 0
    removal = vault.sources.delete(one.source_id)
    assert removal.samples_kept == two.duplicates["samples"]
    after = _content(vault, person)
    alone = vault.people.add("Alone")
    import_file(vault, alone, second, force_person=True)
    assert after == _content(vault, alone)
    assert vault.db.query("SELECT count(*) FROM sample_hourly WHERE person_id = ?",
                          (person.id,)) == vault.db.query(
        "SELECT count(*) FROM sample_hourly WHERE person_id = ?", (alone.id,))


def _odd_lab(path: Path, when: str, value: float) -> Path:
    """A lab file whose local code and name ('Pot.') the library does not know."""
    res = {"resourceType": "Observation", "id": f"pot-{when}", "status": "final",
           "code": {"coding": [{"system": "http://lab.example/codes", "code": "POT",
                                "display": "Pot."}]},
           "effectiveDateTime": when, "valueQuantity": {"value": value, "unit": "mmol/L"}}
    path.write_text(json.dumps({"resourceType": "Bundle", "type": "collection",
                                "entry": [{"resource": res}]}))
    return path


def test_a_test_name_edited_everywhere_survives_reimport(vault: Vault, tmp_path: Path) -> None:
    person = vault.people.add("Pat")
    march = _odd_lab(tmp_path / "march.json", "2026-03-01", 4.1)
    april = _odd_lab(tmp_path / "april.json", "2026-04-01", 4.4)
    import_file(vault, person, march, force_person=True)
    import_file(vault, person, april, force_person=True)
    target = _observations(vault, person)[0]
    edits = edit_record(vault, target.id, {"code_system": "http://loinc.org",
                                           "code": "2823-3", "display": "Potassium"},
                        by="Sam", everywhere=True).value
    assert len(edits) == 2
    assert {s.record.display for s in _observations(vault, person)} == {"Potassium"}
    assert import_file(vault, person, march, force_person=True).total_added == 0
    may = import_file(vault, person, _odd_lab(tmp_path / "may.json", "2026-05-01", 4.0),
                      force_person=True)
    assert may.added["observation"] == 1
    shown = _observations(vault, person)
    assert [s.record.code for s in shown] == ["2823-3"] * 3
    assert shown[-1].record.details["imported_as"] == "Pot."
    # undo puts the lab's own name back on the records the rule renamed
    undo_last(vault, target.id, by="Sam")
    assert {s.record.display for s in _observations(vault, person)[:2]} == {"Pot."}


def test_hand_entered_records_keep_corrections_and_history(vault: Vault) -> None:
    person = vault.people.add("Pat")
    stored = add_record(vault, person, Entry("medication", "ibuprofen", "2026-01-02",
                                             note="200 mg"), by="Sam").value
    edit_record(vault, stored.id, {"status": "stopped", "effective_end": "2026-02-01"},
                by="Sam")
    history = vault.records.history(stored.id)
    assert [(e.before["status"], e.after["status"]) for e in history] == [("active", "stopped")]
    assert undo_last(vault, stored.id, by="Sam").value.startswith("Undid")
    assert vault.records.get(stored.id).record.status == "active"
    assert undo_last(vault, stored.id, by="Sam").value.startswith("Removed")
    assert vault.records.list(person.id) == []
    actions = [e.action for e in vault.audit.entries()][-4:]
    assert actions == ["record-add", "record-edit", "record-undo", "record-undo"]


def test_a_hidden_record_disappears_and_comes_back(vault: Vault) -> None:
    person = vault.people.add("Pat")
    import_file(vault, person, DATA / "fhir-r4" / "observation-example-f001-glucose.json",
                force_person=True)
    glucose = _observations(vault, person)[0]
    edit_record(vault, glucose.id, {"hidden": True}, by="Sam")
    assert _observations(vault, person) == []
    assert vault.records.counts(person.id) == {}
    undo_last(vault, glucose.id, by="Sam")
    assert [s.id for s in _observations(vault, person)] == [glucose.id]


def test_a_release_vault_migrates_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.hbvault"
    shutil.copyfile(RELEASE_VAULT, path)
    with Vault.open(path, RELEASE_PASSPHRASE) as vault:
        assert vault.db.user_version == 3
        stats = vault.stats()
        assert (stats["observation"], stats["samples"]) == (80, 31)
        carla = vault.people.get("Carla")
        sources = vault.sources.list(carla.id)
        assert sum(s.records for s in sources) == sum(
            n for k, n in vault.records.counts(carla.id).items())
        assert vault.audit.verify().ok
        assert len(vault.records.list(carla.id, RecordKind.DOCUMENT)) == 1
        # a re-import of a file the old release imported adds nothing
        again = import_file(vault, carla, DATA / "fhir-r4" / "diagnosticreport-example.json",
                            force_person=True)
        assert again.total_added == 0


def test_a_migration_that_fails_half_way_changes_nothing(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from healthbook.vault import connection, schema

    path = tmp_path / "old.hbvault"
    shutil.copyfile(RELEASE_VAULT, path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    broken = schema.MIGRATIONS[:2] + (schema.MIGRATIONS[2] + "\nCREATE TABLE record_link (x);",)
    monkeypatch.setattr(connection, "MIGRATIONS", broken)
    with pytest.raises(Exception, match="record_link"):
        Vault.open(path, RELEASE_PASSPHRASE)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    monkeypatch.undo()
    with Vault.open(path, RELEASE_PASSPHRASE) as vault:
        assert vault.db.user_version == 3
