"""Format-specific behaviour: Apple Health, STU3/DSTU2, C-CDA, CSV, Health Connect, NDJSON."""

from __future__ import annotations

import json
import re
import sqlite3
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from healthbook.ingest import ImportFailed, UnsafeFile, UnsupportedFormat, import_file
from healthbook.ingest.csv_file import remembered_mapping
from healthbook.ingest.json_text import dumps, loads
from healthbook.vault import Person, RecordKind, Vault
from tests.conftest import DATA
from tests.generate import apple_health_export, health_connect_export
from tests.ingest.conftest import snapshot

APPLE = DATA / "apple-health"


def test_apple_export_xml_counts_match(vault: Vault, person: Person) -> None:
    path = APPLE / "tdda-applehealthdata" / "export6s3sample.xml"
    root = ElementTree.parse(path).getroot()  # small trusted fixture
    records = len(root.findall("Record"))
    summaries = sum(1 for s in root.findall("ActivitySummary")
                    for a in ("activeEnergyBurned", "appleExerciseTime", "appleStandHours")
                    if s.get(a) is not None)
    report = import_file(vault, person, path)
    assert report.added["samples"] + report.duplicates["samples"] == records + summaries
    assert report.added["workout"] == len(root.findall("Workout"))


def test_apple_zip_with_macos_junk_and_an_ios16_dtd(vault: Vault, person: Person) -> None:
    path = APPLE / "jshrake-healthkit-to-sqlite" / "export.zip"
    report = import_file(vault, person, path)
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("apple_health_export/export.xml")
    assert b"brand CDATA #IMPLIED\n" in xml  # Apple's malformed ATTLIST is really there
    summaries = len(re.findall(rb"<ActivitySummary\s", xml))  # move, exercise, stand each
    assert report.added["samples"] == len(re.findall(rb"<Record\s", xml)) + 3 * summaries
    assert report.added["workout"] == len(re.findall(rb"<Workout\s", xml))


def test_apple_me_fills_demographics_and_units_are_canonical(vault: Vault,
                                                             person: Person) -> None:
    import_file(vault, person, APPLE / "dogsheep-healthkit-to-sqlite" / "export.xml")
    who = vault.people.get(person.id)
    assert (who.birth_date, who.sex) == ("1990-02-02", "male")
    metrics = {m.name: m.unit for m in vault.samples.metrics(person.id)}
    assert metrics["heart_rate"] == "/min"
    assert metrics["bmi"] == "kg/m2"


def test_missing_clinical_record_files_are_reported(vault: Vault, person: Person) -> None:
    report = import_file(vault, person, APPLE / "opendroid-hk" / "sampleexport.xml")
    reasons = [s.reason for s in report.skipped if s.kind == "ClinicalRecord"]
    assert len(reasons) == 6
    assert all("clinical-records/" in r for r in reasons)


def test_apple_zip_reads_clinical_records_leniently(vault: Vault, person: Person,
                                                   tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    clinical = APPLE / "health-record-visualizer" / "clinical-records"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(APPLE / "dogsheep-healthkit-to-sqlite" / "export.xml",
                      "apple_health_export/export.xml")
        for f in clinical.glob("*.json"):
            archive.write(f, f"apple_health_export/clinical-records/{f.name}")
        archive.write(APPLE / "health-record-visualizer" / "export_cda_fraction_source.xml",
                      "apple_health_export/export_cda.xml")
    report = import_file(vault, person, path)
    # No id/status, no resourceType: strict validation would refuse both; Apple's are kept.
    assert report.added["observation"] >= 3
    assert report.added["medication"] == 1
    assert report.added["samples"] >= 9


def test_overlapping_exports_add_only_what_is_new(vault: Vault, person: Person,
                                                  tmp_path: Path) -> None:
    first = import_file(vault, person, apple_health_export(tmp_path / "a.zip", 3000))
    second = import_file(vault, person, apple_health_export(tmp_path / "b.zip", 6000))
    assert second.duplicates["samples"] == first.added["samples"]
    assert second.added["samples"] > 0
    assert vault.samples.count(person.id) == first.added["samples"] + second.added["samples"]


def test_entity_expansion_is_refused_quickly(vault: Vault, person: Person,
                                            tmp_path: Path) -> None:
    bomb = (DATA / "edge" / "defusedxml" / "xmlbomb.xml").read_text()
    body = bomb[bomb.index("]>") + 2:]
    path = tmp_path / "export.xml"
    path.write_text(bomb[:bomb.index("]>") + 2].replace("<!DOCTYPE xmlbomb", "<!DOCTYPE "
                    "HealthData") + "\n<HealthData>" + body.replace("<bomb>", "").replace(
                    "</bomb>", "") + "</HealthData>")
    before = snapshot(vault)
    with pytest.raises(UnsafeFile, match="entities"):
        import_file(vault, person, path)
    assert snapshot(vault) == before


def test_zip_bomb_is_refused(vault: Vault, person: Person, tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("apple_health_export/export.xml", "w", force_zip64=True) as member:
        member.write(b"<HealthData>")
        zeros = b" " * (1 << 20)
        for _ in range(300):
            member.write(zeros)
        member.write(b"</HealthData>")
    with pytest.raises(UnsafeFile, match="zip bomb"):
        import_file(vault, person, path)


def test_stu3_imports_and_dstu2_is_refused_by_name(vault: Vault, person: Person,
                                                  tmp_path: Path) -> None:
    report = import_file(vault, person, DATA / "edge" / "wrong-version" /
                         "STU3_Hoppe_Jose_72.json")
    assert report.format == "fhir-json"
    assert report.added["condition"] >= 1
    stored = vault.records.list(person.id, RecordKind.CONDITION)[0].record
    assert stored.original_format == "fhir-stu3"
    dstu2 = tmp_path / "dstu2.json"
    dstu2.write_text(json.dumps({"resourceType": "Bundle", "type": "collection", "entry": [
        {"resource": {"resourceType": "MedicationOrder", "id": "m1", "status": "active"}}]}))
    with pytest.raises(UnsupportedFormat, match="DSTU2"):
        import_file(vault, person, dstu2)


def test_an_invalid_resource_is_skipped_with_its_reason(vault: Vault, person: Person,
                                                        tmp_path: Path) -> None:
    source = DATA / "synthea" / "Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json"
    bundle = json.loads(source.read_text(encoding="utf-8"))
    bad = next(e["resource"] for e in bundle["entry"]
               if e["resource"]["resourceType"] == "Condition")
    bad["onsetDateTime"] = "not a date"
    path = tmp_path / "one-bad.json"
    path.write_text(json.dumps(bundle))
    report = import_file(vault, person, path)
    assert [(s.kind, s.ident) for s in report.skipped] == [("Condition", bad["id"])]
    assert "onsetDateTime" in report.skipped[0].reason
    assert report.added["observation"] > 0


def test_decimals_are_kept_exactly() -> None:
    text = (DATA / "fhir-r4" / "observation-decimal.json").read_text(encoding="utf-8")
    literals = re.findall(r'"value":\s*(-?[\d.]+(?:[eE][+-]?\d+)?)', text)
    assert len(literals) >= 7
    again = dumps(loads(text))
    for literal in literals:  # 1.0, 1.00, 1.000, 1E-22 ... each written exactly as it came
        assert f'"value":{literal},' in again or f'"value":{literal}}}' in again
    assert loads(again) == loads(text)


def test_ndjson_bulk_export(vault: Vault, person: Person, tmp_path: Path) -> None:
    bundle = json.loads((DATA / "fhir-r4" / "diagnosticreport-example.json").read_text())
    lines = [json.dumps(e["resource"]) for e in bundle["entry"]]
    path = tmp_path / "Observation.ndjson"
    path.write_text("\n".join(lines) + "\n")
    report = import_file(vault, person, path)
    assert report.format == "fhir-ndjson"
    assert report.added["observation"] + report.added["report"] == len(lines)


def test_ccda_results_with_ranges_and_demographics(vault: Vault, person: Person) -> None:
    import_file(vault, person, DATA / "ccda" / "hl7-c-cda-examples" / "sections" /
                "Basic_Metabolic_Panel_with_Troponin.xml")
    results = [r.record for r in vault.records.list(person.id)]
    assert len(results) == 9
    assert [r for r in results if r.ref_low is not None or r.ref_high is not None]
    assert all(r.code_system == "http://loinc.org" for r in results)
    import_file(vault, person, DATA / "ccda" / "hl7-c-cda-examples" / "CCD_1_CCD.XML")
    assert vault.people.get(person.id).birth_date is not None


def test_ccda_greater_than_result(vault: Vault, person: Person) -> None:
    import_file(vault, person, DATA / "ccda" / "hl7-c-cda-examples" / "sections" /
                "Result_greater_than_value.xml")
    [record] = [r.record for r in vault.records.list(person.id)]
    assert record.value_text in {">", ">="}
    assert record.value_num is not None


def test_csv_lab_results_with_decimal_commas_and_ranges(vault: Vault, person: Person,
                                                        tmp_path: Path) -> None:
    path = tmp_path / "labs.csv"
    path.write_text("Datum;Analyte;Result;Units;Reference range\n"
                    "14.03.2024;Kalium;4,1;mmol/L;3,5-5,1\n"
                    "14.03.2024;CRP;<5;mg/L;\n"
                    "not a date;Glucose;5,0;mmol/L;\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="no column for date"):
        import_file(vault, person, path)
    mapping = {"date": "Datum", "test": "Analyte", "value": "Result", "unit": "Units",
               "range": "Reference range"}
    report = import_file(vault, person, path, csv_mapping=mapping)
    assert report.added["observation"] == 2
    assert report.skipped_count["csv row"] == 1
    records = {r.record.display: r.record for r in vault.records.list(person.id)}
    assert (records["Kalium"].value_num, records["Kalium"].ref_low,
            records["Kalium"].ref_high) == (4.1, 3.5, 5.1)
    assert records["Kalium"].effective == "2024-03-14"
    assert (records["CRP"].value_num, records["CRP"].value_text) == (5.0, "<")
    assert remembered_mapping(["Datum", "Analyte", "Result", "Units", "Reference range"]) \
        == mapping


def test_myfitnesspal_nutrition_export(vault: Vault, person: Person, tmp_path: Path) -> None:
    path = tmp_path / "Nutrition-Summary.csv"
    path.write_text("Date,Meal,Calories,Fat (g),Protein (g),Sodium (mg)\n"
                    "2024-01-05,Breakfast,420,12,20,300\n"
                    "2024-01-05,Lunch,650,25,30,900\n"
                    "2024-01-06,Dinner,700,30,40,1200\n")
    report = import_file(vault, person, path)
    assert report.added["samples"] == 8
    energy = vault.samples.metric("dietary_energy", "kcal")
    assert [v for _, v in vault.samples.range(person.id, energy.id, 0, 2**40)] == [1070, 700]


def test_health_connect_export(vault: Vault, person: Person, tmp_path: Path) -> None:
    export = health_connect_export(tmp_path / "hc.zip")
    database = zipfile.ZipFile(export).read("health_connect_export.db")
    assert database[18:20] == b"\x02\x02"  # WAL mode, as Android keeps it
    report = import_file(vault, person, export)
    assert report.format == "health-connect"
    # steps 2, heart rate 3, weight 1, blood pressure 2, sleep: 4 stages + 1 unstaged night,
    # lunch: energy, protein, fat and sodium (the nutrients it has)
    assert report.added["samples"] == 2 + 3 + 1 + 2 + 5 + 4
    assert report.ignored["health-connect:menstruation_flow_record_table"] == 1
    lunch = {name: value for name, value in vault.db.query(
        "SELECT m.name, s.value FROM sample s JOIN metric m ON m.id = s.metric_id "
        "WHERE m.name LIKE 'dietary%'")}
    assert lunch == {"dietary_energy": 650.0, "dietary_protein": 32.5, "dietary_fat": 21.0,
                     "dietary_sodium": 820.0}
    weight = vault.samples.metric("body_weight", "kg")
    assert vault.samples.range(person.id, weight.id, 0, 2**40) == [(1_700_003_600, 71.3)]
    sleep = vault.samples.metric("sleep", "1").id
    nights = vault.db.query("SELECT start, duration, value FROM sample WHERE metric_id = ? "
                            "ORDER BY start", (sleep,))
    # light, deep, REM (Apple's sleep values 3, 4, 5); then a night without stages
    assert nights == [(1_699_990_000, 10_000, 3.0), (1_700_000_000, 5_000, 4.0),
                      (1_700_005_000, 7_000, 5.0), (1_700_080_000, 20_000, 1.0)]
    awake = vault.samples.metric("sleep_awake", "1").id
    assert vault.db.query("SELECT start, duration, value FROM sample WHERE metric_id = ?",
                          (awake,)) == [(1_700_012_000, 3_000, 2.0)]
    devices = {name for (name,) in vault.db.query("SELECT name FROM device")}
    assert devices == {"Samsung Health", "com.google.android.apps.fitness"}
    # Exercise sessions become workouts; medical records go through the FHIR importer.
    workouts = vault.db.query("SELECT display, value_num, unit, effective FROM record "
                              "WHERE kind = 'workout' ORDER BY effective")
    assert workouts == [("Running", 45.0, "min", "2023-11-15T03:46:40Z"),
                        ("Exercise (type 99)", 30.0, "min", "2023-11-16T02:00:00Z")]
    assert report.added["observation"] == 1
    potassium = vault.db.query("SELECT code, value_num, unit FROM record "
                               "WHERE kind = 'observation'")
    assert potassium == [("2823-3", 4.1, "mmol/L")]
    assert report.skipped_count["medical record"] == 1


def test_csv_with_carriage_returns_imports_or_fails_cleanly(vault: Vault, person: Person,
                                                           tmp_path: Path) -> None:
    old_mac = tmp_path / "old-mac.csv"
    old_mac.write_bytes(b"date,test,value,unit\r2024-01-02,Glucose,5.4,mmol/L\r")
    assert import_file(vault, person, old_mac).added["observation"] == 1
    # What the fuzzer found: a bare CR inside an unquoted field used to raise csv.Error.
    odd = tmp_path / "odd.csv"
    odd.write_bytes(b"date,test,value\n2024-01-02,Glu\rcose,5.4\n")
    report = import_file(vault, person, odd)
    assert report.skipped_count["csv row"] == 2
    assert report.added["observation"] == 0


def test_apple_sleep_keeps_time_in_bed_apart(vault: Vault, person: Person,
                                             tmp_path: Path) -> None:
    """An iPhone's "in bed" and a Watch's sleep stages for the same night: the night's sleep
    is the stages, not their sum with the time in bed."""
    record = ('<Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="{}" '
              'startDate="2024-03-{} +0000" endDate="2024-03-{} +0000" '
              'value="HKCategoryValueSleepAnalysis{}"/>')
    night = [("iPhone", "01 23:00:00", "02 07:00:00", "InBed"),
             ("Watch", "01 23:20:00", "02 03:00:00", "AsleepCore"),
             ("Watch", "02 03:00:00", "02 03:10:00", "Awake"),
             ("Watch", "02 03:10:00", "02 06:40:00", "AsleepREM")]
    body = "".join(record.format(*fields) for fields in night)
    xml = tmp_path / "export.xml"
    xml.write_text(f'<?xml version="1.0"?><HealthData locale="en">{body}</HealthData>')
    import_file(vault, person, xml)
    hours = {name: total / 3600 for name, total in vault.db.query(
        "SELECT m.name, sum(s.duration) FROM sample s JOIN metric m ON m.id = s.metric_id "
        "GROUP BY m.name")}
    assert hours["sleep_in_bed"] == 8
    assert hours["sleep"] == pytest.approx(3 + 40 / 60 + 3.5)  # core 23:20-03:00, REM 03:10-06:40
    assert hours["sleep_awake"] == pytest.approx(10 / 60)


def test_apple_food_diary_matches_the_csv_import(vault: Vault, person: Person,
                                                tmp_path: Path) -> None:
    """What MyFitnessPal writes to Apple Health lands in the same metrics and units as its CSV
    export (fat is `dietary_fat`, sodium in mg)."""
    record = ('<Record type="HKQuantityTypeIdentifierDietary{}" sourceName="MyFitnessPal" '
              'unit="{}" startDate="2024-03-01 12:30:00 +0000" '
              'endDate="2024-03-01 12:30:00 +0000" value="{}"/>')
    body = "".join(record.format(*r) for r in [("FatTotal", "g", "21"), ("Sodium", "g", "0.8"),
                                                ("Protein", "g", "30"),
                                                ("EnergyConsumed", "kcal", "650")])
    xml = tmp_path / "export.xml"
    xml.write_text(f'<?xml version="1.0"?><HealthData locale="en">{body}</HealthData>')
    import_file(vault, person, xml)
    meal = {(name, unit): value for name, unit, value in vault.db.query(
        "SELECT m.name, m.unit, s.value FROM sample s JOIN metric m ON m.id = s.metric_id")}
    assert meal == {("dietary_fat", "g"): 21.0, ("dietary_sodium", "mg"): 800.0,
                    ("dietary_protein", "g"): 30.0, ("dietary_energy", "kcal"): 650.0}


def test_health_connect_table_without_a_column_is_skipped_not_fatal(
        vault: Vault, person: Person, tmp_path: Path) -> None:
    """Another Android version may lack a column: that measure is skipped with its reason and
    the rest imports."""
    export = health_connect_export(tmp_path / "hc.zip")
    image = zipfile.ZipFile(export).read("health_connect_export.db")
    db_path = tmp_path / "copy.db"
    db_path.write_bytes(image)
    db = sqlite3.connect(db_path)
    db.execute("ALTER TABLE steps_record_table RENAME COLUMN count TO step_count")
    db.commit()
    db.close()  # checkpoints the WAL into the file
    older = tmp_path / "older.zip"
    with zipfile.ZipFile(older, "w") as archive:
        archive.write(db_path, "health_connect_export.db")
    report = import_file(vault, person, older)
    assert report.skipped_count["health-connect"] == 1
    assert "has no count column" in report.skipped[0].reason
    assert report.added["samples"] == 3 + 1 + 2 + 5 + 4  # everything but the steps
