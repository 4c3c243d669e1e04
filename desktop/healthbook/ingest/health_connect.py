"""Android Health Connect "Export data" files: a zip holding a SQLite database.

What AOSP's HealthFitness module writes (ExportManager): `health_connect_export.zip` with one
entry, `health_connect_export.db`, a copy of the Health Connect database with its access and
change logs emptied. Table and column names below are those of the AOSP record helpers
(RecordHelper, InstantRecordHelper, IntervalRecordHelper and one helper per data type): times
are epoch milliseconds (UTC), mass in grams, length in metres, energy in calories, glucose in
mmol/L. Android keeps the database in WAL mode; the copy is read from memory (sqlite3
deserialize, never extracted to disk) as an ordinary rollback-journal database.
Wearable measures become samples, exercise sessions workouts, and medical records (FHIR R4
resources from a health provider, in `medical_resource_table`) go through the FHIR importer.
Tables this version does not know are counted as ignored.
"""

from __future__ import annotations

import json
import sqlite3
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from functools import cache
from typing import Any

from healthbook.i18n import _
from healthbook.ingest import json_text
from healthbook.ingest.context import ParseContext
from healthbook.ingest.detect import check_zip_member, zip_members
from healthbook.ingest.errors import ImportFailed, UnsafeFile
from healthbook.ingest.items import Ignored, Item, Sample, Skipped
from healthbook.paths import resources_dir
from healthbook.timeparse import iso_utc
from healthbook.vault import Record, RecordKind

MAX_DB_BYTES = 4 << 30
MG_DL_PER_MMOL_L = 18.015588  # glucose, 180.156 g/mol (as for Apple Health)
# Health Connect sleep stage -> the value Apple Health's sleep analysis uses for it
# (1 asleep, 2 awake, 3 core/light, 4 deep, 5 REM). Awake stages (awake, out of bed, awake in
# bed) go to the metric `sleep_awake`, the rest to `sleep`, as for Apple Health.
SLEEP_STAGES = {0: 1, 1: 2, 2: 1, 3: 2, 4: 3, 5: 4, 6: 5, 7: 2}
AWAKE_STAGES = "(1, 3, 7)"


@dataclass(frozen=True, slots=True)
class Measure:
    """One value column of a Health Connect table, as a Healthbook metric."""

    table: str
    value_sql: str  # in the metric's unit
    metric: str
    unit: str
    instant: bool  # an instant record (`time`) or an interval one (`start_time`, `end_time`)

    def sql(self) -> str:
        times = "time, time" if self.instant else "start_time, end_time"
        return f"SELECT {times}, {self.value_sql}, app_info_id FROM {self.table}"


MEASURES = [
    Measure("steps_record_table", "count", "steps", "count", False),
    Measure("distance_record_table", "distance / 1000.0", "distance", "km", False),
    Measure("active_calories_burned_record_table", "energy / 1000.0", "active_energy", "kcal",
            False),
    Measure("floors_climbed_record_table", "floors", "flights_climbed", "count", False),
    Measure("weight_record_table", "weight / 1000.0", "body_weight", "kg", True),
    Measure("height_record_table", "height * 100.0", "body_height", "cm", True),
    Measure("body_fat_record_table", "percentage", "body_fat", "%", True),
    Measure("resting_heart_rate_record_table", "beats_per_minute", "resting_heart_rate", "/min",
            True),
    Measure("heart_rate_variability_rmssd_record_table", "heart_rate_variability_millis",
            "hrv_rmssd", "ms", True),
    Measure("blood_pressure_record_table", "systolic", "bp_systolic", "mm[Hg]", True),
    Measure("blood_pressure_record_table", "diastolic", "bp_diastolic", "mm[Hg]", True),
    Measure("blood_glucose_record_table", f"level * {MG_DL_PER_MMOL_L}", "blood_glucose",
            "mg/dL", True),
    Measure("oxygen_saturation_record_table", "percentage", "oxygen_saturation", "%", True),
    Measure("respiratory_rate_record_table", "rate", "respiratory_rate", "/min", True),
    Measure("body_temperature_record_table", "temperature", "body_temperature", "Cel", True),
    Measure("vo2_max_record_table", "vo2_milliliters_per_minute_kilogram", "vo2_max",
            "mL/(kg.min)", True),
    Measure("hydration_record_table", "volume * 1000.0", "dietary_water", "mL", False),
    # A meal or food logged by a nutrition app (MyFitnessPal, Cronometer...): energy in
    # calories, every nutrient mass in grams.
    *(Measure("nutrition_record_table", value, metric, unit, False) for value, metric, unit in (
        ("energy / 1000.0", "dietary_energy", "kcal"),
        ("protein", "dietary_protein", "g"),
        ("total_fat", "dietary_fat", "g"),
        ("total_carbohydrate", "dietary_carbohydrates", "g"),
        ("sugar", "dietary_sugar", "g"),
        ("dietary_fiber", "dietary_fiber", "g"),
        ("sodium * 1000.0", "dietary_sodium", "mg"),
        ("cholesterol * 1000.0", "dietary_cholesterol", "mg"))),
]
HEART_RATE_SQL = (
    "SELECT s.epoch_millis, s.epoch_millis, s.beats_per_minute, r.app_info_id "
    "FROM heart_rate_record_series_table s JOIN heart_rate_record_table r "
    "ON s.parent_key = r.row_id")
STAGE_VALUE = "CASE st.stage_type " + " ".join(
    f"WHEN {hc} THEN {apple}" for hc, apple in SLEEP_STAGES.items()) + " ELSE 1 END"
SLEEP_STAGES_SQL = (
    f"SELECT st.stage_start_time, st.stage_end_time, {STAGE_VALUE}, s.app_info_id "
    "FROM sleep_stages_table st JOIN sleep_session_record_table s ON st.parent_key = s.row_id "
    "WHERE st.stage_type {} " + AWAKE_STAGES)
SLEEP_SESSIONS_SQL = "SELECT start_time, end_time, 1, app_info_id FROM sleep_session_record_table"
UNSTAGED = " WHERE row_id NOT IN (SELECT parent_key FROM sleep_stages_table)"
EXERCISE_SQL = ("SELECT start_time, end_time, exercise_type, title, app_info_id "
                "FROM exercise_session_record_table")
MEDICAL_SQL = (
    "SELECT r.fhir_resource_id, r.fhir_data, d.display_name FROM medical_resource_table r "
    "LEFT JOIN medical_data_source_table d ON r.data_source_id = d.medical_data_source_row_id")
# Tables read, besides those of MEASURES; the rest are counted as ignored.
READ = {"heart_rate_record_table", "heart_rate_record_series_table",
        "sleep_session_record_table", "sleep_stages_table", "application_info_table",
        "device_info_table", "access_logs_table", "change_logs_table",
        "exercise_session_record_table", "medical_resource_table", "medical_data_source_table",
        "medical_resource_indices_table"}


def _apps(db: Any) -> dict[int, str]:
    try:
        rows = db.execute("SELECT row_id, coalesce(app_name, package_name) "
                          "FROM application_info_table").fetchall()
    except sqlite3.Error:
        return {}
    return {int(r[0]): str(r[1]) for r in rows}


def _queries(tables: set[str]) -> Iterator[tuple[str, str, str, str]]:
    """(table, SQL, metric, unit) for every table of this export that is read."""
    for m in MEASURES:
        if m.table in tables:
            yield m.table, m.sql(), m.metric, m.unit
    if {"heart_rate_record_table", "heart_rate_record_series_table"} <= tables:
        yield "heart_rate_record_series_table", HEART_RATE_SQL, "heart_rate", "/min"
    if "sleep_session_record_table" in tables:
        staged = "sleep_stages_table" in tables
        if staged:  # the stages of a night, and whole sessions that have none
            yield "sleep_stages_table", SLEEP_STAGES_SQL.format("NOT IN"), "sleep", "1"
            yield "sleep_stages_table", SLEEP_STAGES_SQL.format("IN"), "sleep_awake", "1"
        yield ("sleep_session_record_table", SLEEP_SESSIONS_SQL + (UNSTAGED if staged else ""),
               "sleep", "1")


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def rollback_journal(data: bytes) -> bytes:
    """The database image with its header saying "rollback journal" instead of "WAL".

    SQLite cannot open a WAL-mode image from memory; bytes 18 and 19 of the header are the
    file format's write and read versions (1 = rollback journal, 2 = WAL). The data pages are
    the same either way.
    """
    if len(data) > 19 and data[18] == 2 and data[19] == 2:
        return data[:18] + b"\x01\x01" + data[20:]
    return data


def items_from_database(data: bytes) -> Iterator[Item]:
    """Items from the bytes of a Health Connect export database."""
    if len(data) < 512 or not data.startswith(b"SQLite format 3\x00"):
        raise ImportFailed(_("The export does not hold a Health Connect database."))
    with closing(sqlite3.connect(":memory:")) as db:
        db.text_factory = _text  # a damaged name or label must not stop the import
        try:
            db.deserialize(rollback_journal(data))
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        except (sqlite3.Error, MemoryError, UnicodeError) as exc:  # damaged schema text
            raise ImportFailed(_("The Health Connect database is damaged ({error}).").format(
                                   error=exc)) from exc
        apps = _apps(db)
        known = READ | {m.table for m in MEASURES}
        for table in sorted(tables - known):
            if table.endswith("_table") and not table.startswith(("sqlite_", "android_")):
                yield Ignored(f"health-connect:{table}")
        try:
            yield from _samples(db, tables, apps)
            if "exercise_session_record_table" in tables:
                yield from _workouts(db, apps)
            if {"medical_resource_table", "medical_data_source_table"} <= tables:
                yield from _medical_records(db)
        except (sqlite3.Error, ValueError, TypeError, UnicodeError, OverflowError,
                OSError) as exc:  # OSError: a time beyond what the platform can convert
            raise ImportFailed(_("The Health Connect database could not be read ({error}).").format(
                                   error=exc)) from exc


def _rows(db: Any, table: str, sql: str) -> tuple[Iterable[Any], Skipped | None]:
    """The rows of `sql` (a cursor: they stream), or a Skipped when this export's `table`
    lacks a column it reads (another Android version; SQLite says so when the statement is
    prepared). Any other error is the database's and stops the import."""
    try:
        return db.execute(sql), None
    except sqlite3.OperationalError as exc:
        if "no such column" not in str(exc):
            raise
        return [], Skipped("health-connect", table,
                           _("this export's {table} has no {column} column").format(
                               table=table, column=str(exc).split(": ")[-1]))


def _samples(db: Any, tables: set[str], apps: dict[int, str]) -> Iterator[Item]:
    for table, sql, metric, unit in _queries(tables):
        rows, skipped = _rows(db, table, sql)
        if skipped is not None:
            yield skipped
        for start_ms, end_ms, value, app in rows:
            if value is None or start_ms is None:
                continue
            start = int(start_ms) // 1000
            end = int(end_ms or start_ms) // 1000
            yield Sample(metric, unit, start, max(0, end - start), float(value),
                         apps.get(app, "Health Connect"))


@cache
def _exercise_names() -> dict[str, str]:
    path = resources_dir() / "reference" / "health_connect_exercise_types.json"
    return json.loads(path.read_text(encoding="utf-8"))["types"]


def _workouts(db: Any, apps: dict[int, str]) -> Iterator[Item]:
    """Exercise sessions, as workouts like Apple Health's."""
    rows, skipped = _rows(db, "exercise_session_record_table", EXERCISE_SQL)
    if skipped is not None:
        yield skipped
    for start_ms, end_ms, kind, title, app in rows:
        if start_ms is None or end_ms is None:
            continue
        start, end = int(start_ms) // 1000, int(end_ms) // 1000
        code = str(kind if kind is not None else 0)
        label = _exercise_names().get(code, f"Exercise (type {code})")
        details = {"sourceName": apps.get(app, "Health Connect")}
        if title:
            details["title"] = str(title)
        yield Record(RecordKind.WORKOUT, "health-connect-exercise", code, label,
                     value_num=round(max(0, end - start) / 60, 2), unit="min",
                     effective=iso_utc(start), effective_end=iso_utc(end), details=details)


def _medical_records(db: Any) -> Iterator[Item]:
    """Medical records: FHIR resources, read together so their references resolve."""
    from healthbook.ingest.fhir import items_from_resource_tree

    entries = []
    rows, skipped = _rows(db, "medical_resource_table", MEDICAL_SQL)
    if skipped is not None:
        yield skipped
    for ident, data, source in rows:
        try:
            resource = json_text.loads(str(data))
        except (ValueError, RecursionError):
            yield Skipped("medical record", f"{source or 'Health Connect'}: {ident}",
                          _("its FHIR data is not valid JSON"))
            continue
        if isinstance(resource, dict):
            entries.append({"resource": resource})
    if entries:
        bundle = {"resourceType": "Bundle", "type": "collection", "entry": entries}
        yield from items_from_resource_tree(bundle, "Health Connect medical records",
                                            version="R4")


def parse_health_connect(ctx: ParseContext) -> Iterator[Item]:
    """Parser for a Health Connect export zip."""
    try:
        with zipfile.ZipFile(ctx.path) as archive:
            dbs = [i for i in zip_members(archive) if i.filename.endswith(".db")]
            info = dbs[0]
            check_zip_member(info, ctx.path.name)
            if info.file_size > MAX_DB_BYTES:  # it is read into memory, never onto disk
                raise UnsafeFile(_("{name} expands to an implausible size; refused.").format(
                                     name=ctx.path.name))
            data = archive.read(info)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError) as exc:
        raise ImportFailed(_("{name} could not be read: {error}.").format(
                               name=ctx.path.name, error=exc)) from exc
    ctx.done_bytes = ctx.total_bytes
    yield from items_from_database(data)
