"""Generators of synthetic health files for tests and benchmarks (no real person's data).

`apple_health_export` writes an export shaped like a real iPhone export (inline DTD, Records of
several types, workouts, activity summaries) so that any clone can run the import benchmark.
"""

from __future__ import annotations

import io
import json
import random
import sqlite3
import sys
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

TYPES = [  # (type, unit, low, high, weight)
    ("HKQuantityTypeIdentifierHeartRate", "count/min", 48, 165, 45),
    ("HKQuantityTypeIdentifierStepCount", "count", 1, 900, 25),
    ("HKQuantityTypeIdentifierActiveEnergyBurned", "Cal", 0.1, 30, 15),
    ("HKQuantityTypeIdentifierDistanceWalkingRunning", "km", 0.001, 0.9, 8),
    ("HKQuantityTypeIdentifierBodyMass", "kg", 60, 95, 1),
    ("HKQuantityTypeIdentifierBloodPressureSystolic", "mmHg", 100, 165, 1),
    ("HKQuantityTypeIdentifierBloodPressureDiastolic", "mmHg", 60, 105, 1),
    ("HKQuantityTypeIdentifierRestingHeartRate", "count/min", 50, 80, 2),
    ("HKQuantityTypeIdentifierBloodGlucose", "mg/dL", 70, 210, 2),
]
HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>
<!ATTLIST Record type CDATA #REQUIRED unit CDATA #IMPLIED value CDATA #IMPLIED>
]>
<HealthData locale="en_US">
 <ExportDate value="2026-11-01 09:00:00 +0100"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="{born}" \
HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSex{sex}"/>
"""


def _fmt(t: datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M:%S +0100")


def write_export_xml(out: io.TextIOBase, n: int, seed: int = 7, born: str = "1972-04-02",
                     sex: str = "Female") -> None:
    """Write an export.xml with n Records (plus workouts and activity summaries) for a person
    born on `born` of sex `sex` (Apple's `Me` element)."""
    rnd = random.Random(seed)
    weights = [t[4] for t in TYPES]
    t = datetime(2019, 1, 1)
    out.write(HEAD.format(born=born, sex=sex))
    for i in range(n):
        typ, unit, lo, hi, _ = rnd.choices(TYPES, weights)[0]
        t += timedelta(seconds=rnd.randint(20, 400))
        value = round(rnd.uniform(lo, hi), 3 if hi < 5 else 0 if hi > 100 else 1)
        src = "Apple Watch" if rnd.random() < 0.7 else "iPhone"
        out.write(f' <Record type="{typ}" sourceName="{src}" sourceVersion="10.1" '
                  f'unit="{unit}" creationDate="{_fmt(t + timedelta(minutes=3))}" '
                  f'startDate="{_fmt(t)}" endDate="{_fmt(t + timedelta(seconds=59))}" '
                  f'value="{value}">\n  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext"'
                  ' value="0"/>\n </Record>\n' if i % 3 == 0 else
                  f' <Record type="{typ}" sourceName="{src}" sourceVersion="10.1" '
                  f'unit="{unit}" creationDate="{_fmt(t + timedelta(minutes=3))}" '
                  f'startDate="{_fmt(t)}" endDate="{_fmt(t + timedelta(seconds=59))}" '
                  f'value="{value}"/>\n')
        if i % 5000 == 0:
            out.write(f' <Workout workoutActivityType="HKWorkoutActivityTypeWalking" '
                      f'duration="41.5" durationUnit="min" sourceName="Apple Watch" '
                      f'startDate="{_fmt(t)}" endDate="{_fmt(t + timedelta(minutes=41))}"/>\n')
        if i % 2000 == 0:
            out.write(f' <ActivitySummary dateComponents="{t:%Y-%m-%d}" activeEnergyBurned='
                      f'"{rnd.randint(200, 700)}" appleExerciseTime="{rnd.randint(5, 90)}" '
                      f'appleStandHours="{rnd.randint(6, 14)}"/>\n')
    out.write("</HealthData>\n")


def apple_health_export(path: Path, n: int, seed: int = 7, born: str = "1972-04-02",
                        sex: str = "Female") -> Path:
    """Write an export.zip (or export.xml, by suffix) with n Records."""
    if path.suffix == ".xml":
        with path.open("w", encoding="utf-8") as fh:
            write_export_xml(fh, n, seed, born, sex)
        return path
    buf = io.StringIO()
    write_export_xml(buf, n, seed, born, sex)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("apple_health_export/export.xml", buf.getvalue())
    return path


# Columns every Health Connect record table has (AOSP HealthFitness, RecordHelper.java).
_HC_COMMON = ("row_id INTEGER PRIMARY KEY AUTOINCREMENT, uuid BLOB NOT NULL UNIQUE, "
              "last_modified_time INTEGER, client_record_id TEXT, client_record_version TEXT, "
              "device_info_id INTEGER, app_info_id INTEGER, recording_method INTEGER, "
              "dedupe_hash BLOB UNIQUE")
_HC_INSTANT = ("time INTEGER NOT NULL, zone_offset INTEGER, local_date INTEGER, {cols}, "
               "local_date_time INTEGER AS (time + 1000 * zone_offset)")
_HC_INTERVAL = ("start_time INTEGER NOT NULL, start_zone_offset INTEGER, end_time INTEGER NOT "
                "NULL, end_zone_offset INTEGER, local_date INTEGER{cols}, "
                "local_date_time_start_time INTEGER AS (start_time + 1000 * start_zone_offset), "
                "local_date_time_end_time INTEGER AS (end_time + 1000 * end_zone_offset)")


def health_connect_export(path: Path) -> Path:
    """A small zip laid out like Health Connect's "Export data" file.

    As AOSP's ExportManager writes it: health_connect_export.zip holding
    health_connect_export.db, a copy of the Health Connect database (in WAL mode, as Android
    opens it) with the access and change logs emptied. Table and column names follow the
    AOSP HealthFitness record helpers; weights are in grams, times in epoch milliseconds.
    """
    db_path = path.with_suffix(".db")
    db_path.unlink(missing_ok=True)
    db = sqlite3.connect(db_path)
    db.execute("PRAGMA journal_mode = WAL")
    tables = {
        "steps_record_table": _HC_INTERVAL.format(cols=", count INTEGER NOT NULL"),
        "heart_rate_record_table": _HC_INTERVAL.format(cols=""),
        "sleep_session_record_table": _HC_INTERVAL.format(cols=", notes TEXT, title TEXT"),
        "nutrition_record_table": _HC_INTERVAL.format(
            cols=", energy REAL, protein REAL, total_fat REAL, total_carbohydrate REAL, "
                 "sugar REAL, dietary_fiber REAL, sodium REAL, cholesterol REAL, "
                 "caffeine REAL, meal_type INTEGER, meal_name TEXT"),
        "menstruation_flow_record_table": _HC_INSTANT.format(cols="flow INTEGER"),
        "exercise_session_record_table": _HC_INTERVAL.format(
            cols=", notes TEXT, exercise_type INTEGER NOT NULL, title TEXT, "
                 "has_route INTEGER"),
        "weight_record_table": _HC_INSTANT.format(cols="weight REAL NOT NULL"),
        "resting_heart_rate_record_table": _HC_INSTANT.format(
            cols="beats_per_minute INTEGER NOT NULL"),
        "blood_pressure_record_table": _HC_INSTANT.format(
            cols="measurement_location INTEGER, systolic REAL NOT NULL, diastolic REAL NOT NULL, "
                 "body_position INTEGER"),
    }
    for name, columns in tables.items():
        db.execute(f"CREATE TABLE {name} ({_HC_COMMON}, {columns})")
    db.executescript("""
        CREATE TABLE heart_rate_record_series_table (parent_key INTEGER NOT NULL,
            beats_per_minute INTEGER NOT NULL, epoch_millis INTEGER NOT NULL,
            FOREIGN KEY (parent_key) REFERENCES heart_rate_record_table(row_id)
            ON DELETE CASCADE);
        CREATE TABLE sleep_stages_table (parent_key INTEGER NOT NULL,
            stage_start_time INTEGER NOT NULL, stage_end_time INTEGER NOT NULL,
            stage_type INTEGER NOT NULL,
            FOREIGN KEY (parent_key) REFERENCES sleep_session_record_table(row_id)
            ON DELETE CASCADE);
        CREATE TABLE application_info_table (row_id INTEGER PRIMARY KEY AUTOINCREMENT,
            package_name TEXT NOT NULL UNIQUE, app_name TEXT, app_icon BLOB,
            record_types_used TEXT);
        CREATE TABLE medical_data_source_table (
            medical_data_source_row_id INTEGER PRIMARY KEY AUTOINCREMENT,
            display_name TEXT NOT NULL, fhir_base_uri TEXT NOT NULL, fhir_version TEXT NOT NULL,
            data_source_uuid BLOB NOT NULL UNIQUE, app_info_id INTEGER NOT NULL,
            last_modified_time INTEGER NOT NULL);
        CREATE TABLE medical_resource_table (
            medical_resource_row_id INTEGER PRIMARY KEY AUTOINCREMENT,
            fhir_resource_type INTEGER NOT NULL, fhir_resource_id TEXT NOT NULL,
            fhir_data TEXT NOT NULL, data_source_id INTEGER NOT NULL,
            last_modified_time INTEGER NOT NULL);
        CREATE TABLE medical_resource_indices_table (medical_resource_id INTEGER NOT NULL,
            medical_resource_type INTEGER NOT NULL);
        CREATE TABLE device_info_table (row_id INTEGER PRIMARY KEY AUTOINCREMENT,
            manufacturer TEXT, model TEXT, device_type INTEGER);
        CREATE TABLE access_logs_table (row_id INTEGER PRIMARY KEY AUTOINCREMENT,
            app_id INTEGER NOT NULL, access_time INTEGER NOT NULL, operation_type INTEGER);
        CREATE TABLE change_logs_table (row_id INTEGER PRIMARY KEY AUTOINCREMENT,
            record_type INTEGER NOT NULL, app_id INTEGER NOT NULL, uuids BLOB NOT NULL);
        INSERT INTO application_info_table (row_id, package_name, app_name)
            VALUES (1, 'com.sec.android.app.shealth', 'Samsung Health'),
                   (2, 'com.google.android.apps.fitness', NULL);
        INSERT INTO steps_record_table (uuid, app_info_id, start_time, start_zone_offset,
            end_time, end_zone_offset, count)
            VALUES (x'01', 1, 1700000000000, 3600, 1700000600000, 3600, 812),
                   (x'02', 2, 1700000600000, 3600, 1700001200000, 3600, 455);
        INSERT INTO heart_rate_record_table (row_id, uuid, app_info_id, start_time,
            end_time) VALUES (1, x'03', 1, 1700000000000, 1700000120000);
        INSERT INTO heart_rate_record_series_table VALUES (1, 61, 1700000000000),
            (1, 64, 1700000060000), (1, 70, 1700000120000);
        INSERT INTO weight_record_table (uuid, app_info_id, time, zone_offset, weight)
            VALUES (x'04', 1, 1700003600000, 3600, 71300.0);
        INSERT INTO blood_pressure_record_table (uuid, app_info_id, time, zone_offset,
            measurement_location, systolic, diastolic, body_position)
            VALUES (x'05', 1, 1700007200000, 3600, 3, 128, 82, 2);
        -- One night with stages (light, deep, REM, awake), one without.
        INSERT INTO sleep_session_record_table (row_id, uuid, app_info_id, start_time,
            end_time) VALUES (1, x'06', 1, 1699990000000, 1700015000000),
            (2, x'07', 1, 1700080000000, 1700100000000);
        INSERT INTO sleep_stages_table VALUES (1, 1699990000000, 1700000000000, 4),
            (1, 1700000000000, 1700005000000, 5), (1, 1700005000000, 1700012000000, 6),
            (1, 1700012000000, 1700015000000, 1);
        -- A lunch of 650 kcal logged by a food diary: energy in calories, masses in grams.
        INSERT INTO nutrition_record_table (uuid, app_info_id, start_time, end_time, energy,
            protein, total_fat, sodium, meal_name) VALUES (x'08', 1, 1700003600000,
            1700003700000, 650000, 32.5, 21, 0.82, 'Lunch');
        -- Running (33) for 45 minutes, then an exercise type newer than this list (99).
        INSERT INTO exercise_session_record_table (uuid, app_info_id, start_time, end_time,
            exercise_type, title) VALUES (x'09', 1, 1700020000000, 1700022700000, 33,
            'Morning run'), (x'0a', 2, 1700100000000, 1700101800000, 99, NULL);
        INSERT INTO medical_data_source_table VALUES (1, 'City Hospital',
            'https://fhir.example.org/r4', '4.0.1', x'0b', 1, 1700000000000);
    """)
    patient = {"resourceType": "Patient", "id": "p1", "birthDate": "1970-05-06",
               "gender": "female"}
    potassium = {
        "resourceType": "Observation", "id": "k1", "status": "final",
        "category": [{"coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/observation-category",
            "code": "laboratory"}]}],
        "code": {"coding": [{"system": "http://loinc.org", "code": "2823-3",
                             "display": "Potassium [Moles/volume] in Serum or Plasma"}]},
        "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2023-11-10T08:00:00Z",
        "valueQuantity": {"value": 4.1, "unit": "mmol/L",
                          "system": "http://unitsofmeasure.org", "code": "mmol/L"}}
    db.executemany("INSERT INTO medical_resource_table (fhir_resource_type, fhir_resource_id, "
                   "fhir_data, data_source_id, last_modified_time) VALUES (?, ?, ?, 1, 0)",
                   [(9, "p1", json.dumps(patient)), (7, "k1", json.dumps(potassium)),
                    (7, "broken", '{"resourceType": "Observation", ')])
    db.commit()
    db.close()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(db_path, "health_connect_export.db")
    db_path.unlink()
    return path


if __name__ == "__main__":
    apple_health_export(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000)
