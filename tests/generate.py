"""Generators of synthetic health files for tests and benchmarks (no real person's data).

`apple_health_export` writes an export shaped like a real iPhone export (inline DTD, Records of
several types, workouts, activity summaries) so that any clone can run the import benchmark.
"""

from __future__ import annotations

import io
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
 <Me HKCharacteristicTypeIdentifierDateOfBirth="1972-04-02" \
HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale"/>
"""


def _fmt(t: datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M:%S +0100")


def write_export_xml(out: io.TextIOBase, n: int, seed: int = 7) -> None:
    """Write an export.xml with n Records (plus workouts and activity summaries)."""
    rnd = random.Random(seed)
    weights = [t[4] for t in TYPES]
    t = datetime(2019, 1, 1)
    out.write(HEAD)
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


def apple_health_export(path: Path, n: int, seed: int = 7) -> Path:
    """Write an export.zip (or export.xml, by suffix) with n Records."""
    if path.suffix == ".xml":
        with path.open("w", encoding="utf-8") as fh:
            write_export_xml(fh, n, seed)
        return path
    buf = io.StringIO()
    write_export_xml(buf, n, seed)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("apple_health_export/export.xml", buf.getvalue())
    return path


def health_connect_export(path: Path) -> Path:
    """A small zip shaped like Health Connect's "Export data" file (a SQLite database)."""
    db = sqlite3.connect(":memory:")
    db.executescript("""
        CREATE TABLE application_info_table (row_id INTEGER PRIMARY KEY, package_name TEXT,
            app_name TEXT);
        CREATE TABLE steps_record_table (row_id INTEGER PRIMARY KEY, start_time INTEGER,
            end_time INTEGER, count INTEGER, app_info_id INTEGER);
        CREATE TABLE heart_rate_record_table (row_id INTEGER PRIMARY KEY, start_time INTEGER,
            end_time INTEGER, app_info_id INTEGER);
        CREATE TABLE heart_rate_record_series_table (parent_key INTEGER, epoch_millis INTEGER,
            beats_per_minute INTEGER);
        CREATE TABLE weight_record_table (row_id INTEGER PRIMARY KEY, time INTEGER,
            weight REAL, app_info_id INTEGER);
        CREATE TABLE blood_pressure_record_table (row_id INTEGER PRIMARY KEY, time INTEGER,
            systolic REAL, diastolic REAL, app_info_id INTEGER);
        CREATE TABLE sleep_session_record_table (row_id INTEGER PRIMARY KEY, start_time INTEGER,
            end_time INTEGER, app_info_id INTEGER);
        CREATE TABLE nutrition_record_table (row_id INTEGER PRIMARY KEY);
        INSERT INTO application_info_table VALUES (1, 'com.sec.android.app.shealth',
            'Samsung Health');
        INSERT INTO steps_record_table VALUES (1, 1700000000000, 1700000600000, 812, 1),
            (2, 1700000600000, 1700001200000, 455, 1);
        INSERT INTO heart_rate_record_table VALUES (1, 1700000000000, 1700000120000, 1);
        INSERT INTO heart_rate_record_series_table VALUES (1, 1700000000000, 61),
            (1, 1700000060000, 64), (1, 1700000120000, 70);
        INSERT INTO weight_record_table VALUES (1, 1700003600000, 71300.0, 1);
        INSERT INTO blood_pressure_record_table VALUES (1, 1700007200000, 128, 82, 1);
        INSERT INTO sleep_session_record_table VALUES (1, 1699990000000, 1700015000000, 1);
    """)
    data = db.serialize()
    db.close()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("health_connect_export.db", data)
    return path


if __name__ == "__main__":
    apple_health_export(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000)
