"""Android Health Connect "Export data" files: a zip holding a SQLite database.

The database is opened from memory (sqlite3 deserialize), never extracted to disk. Tables read:
steps, heart rate (series), resting heart rate, weight, blood pressure and sleep sessions; times
are epoch milliseconds (UTC). Tables this version does not know are counted as ignored.
"""

from __future__ import annotations

import sqlite3
import zipfile
from collections.abc import Iterator
from contextlib import closing
from typing import Any

from healthbook.ingest.context import ParseContext
from healthbook.ingest.detect import check_zip_member, zip_members
from healthbook.ingest.errors import ImportFailed, UnsafeFile
from healthbook.ingest.items import Ignored, Item, Sample

# table -> (SQL, metric, unit); each query returns (start_ms, end_ms, value, app)
MAX_DB_BYTES = 4 << 30
QUERIES = {
    "steps_record_table": (
        "SELECT start_time, end_time, count, app_info_id FROM steps_record_table",
        "steps", "count"),
    "heart_rate_record_series_table": (
        "SELECT s.epoch_millis, s.epoch_millis, s.beats_per_minute, r.app_info_id "
        "FROM heart_rate_record_series_table s JOIN heart_rate_record_table r "
        "ON s.parent_key = r.row_id", "heart_rate", "/min"),
    "resting_heart_rate_record_table": (
        "SELECT time, time, beats_per_minute, app_info_id FROM resting_heart_rate_record_table",
        "resting_heart_rate", "/min"),
    "weight_record_table": (  # Health Connect stores mass in grams
        "SELECT time, time, weight / 1000.0, app_info_id FROM weight_record_table",
        "body_weight", "kg"),
    "blood_pressure_record_table#systolic": (
        "SELECT time, time, systolic, app_info_id FROM blood_pressure_record_table",
        "bp_systolic", "mm[Hg]"),
    "blood_pressure_record_table#diastolic": (
        "SELECT time, time, diastolic, app_info_id FROM blood_pressure_record_table",
        "bp_diastolic", "mm[Hg]"),
    "sleep_session_record_table": (
        "SELECT start_time, end_time, 1, app_info_id FROM sleep_session_record_table",
        "sleep", "1"),
}


def _apps(db: Any) -> dict[int, str]:
    try:
        rows = db.execute("SELECT row_id, coalesce(app_name, package_name) "
                          "FROM application_info_table").fetchall()
    except sqlite3.Error:
        return {}
    return {int(r[0]): str(r[1]) for r in rows}


def items_from_database(data: bytes) -> Iterator[Item]:
    """Items from the bytes of a Health Connect export database."""
    with closing(sqlite3.connect(":memory:")) as db:
        try:
            db.deserialize(data)
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        except sqlite3.Error as exc:
            raise ImportFailed(f"The Health Connect database is damaged ({exc}).") from exc
        apps = _apps(db)
        known = {key.split("#")[0] for key in QUERIES} | {"heart_rate_record_table",
                                                          "application_info_table"}
        for table in sorted(tables - known):
            if table.endswith("_table") and not table.startswith(("sqlite_", "android_")):
                yield Ignored(f"health-connect:{table}")
        for key, (sql, metric, unit) in QUERIES.items():
            if key.split("#")[0] not in tables:
                continue
            try:
                rows = db.execute(sql)
                for start_ms, end_ms, value, app in rows:
                    if value is None or start_ms is None:
                        continue
                    start = int(start_ms) // 1000
                    end = int(end_ms or start_ms) // 1000
                    yield Sample(metric, unit, start, max(0, end - start), float(value),
                                 apps.get(app, "Health Connect"))
            except sqlite3.Error as exc:
                raise ImportFailed(f"The Health Connect table {key} could not be read "
                                   f"({exc}).") from exc


def parse_health_connect(ctx: ParseContext) -> Iterator[Item]:
    """Parser for a Health Connect export zip."""
    try:
        with zipfile.ZipFile(ctx.path) as archive:
            dbs = [i for i in zip_members(archive) if i.filename.endswith(".db")]
            info = dbs[0]
            check_zip_member(info, ctx.path.name)
            if info.file_size > MAX_DB_BYTES:  # it is read into memory, never onto disk
                raise UnsafeFile(f"{ctx.path.name} expands to an implausible size; refused.")
            data = archive.read(info)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError) as exc:
        raise ImportFailed(f"{ctx.path.name} could not be read: {exc}.") from exc
    ctx.done_bytes = ctx.total_bytes
    if not data.startswith(b"SQLite format 3"):
        raise ImportFailed(f"{ctx.path.name} does not hold a Health Connect database.")
    yield from items_from_database(data)
