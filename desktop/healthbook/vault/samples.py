"""High-volume wearable samples (heart rate, steps...): bulk insert and time-range reads."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice

from healthbook.vault.connection import Db
from healthbook.vault.models import PersonId, SourceId

# (metric_id, start unix seconds, duration seconds, device_id, value)
SampleRow = tuple[int, int, int, int, float]
BATCH = 50_000
ROLLUP_WINDOW_HOURS = 24 * 30
MAX_WINDOWS = 2_000  # 160 years of windows
# A sample this import holds but another import already stored: note the second holder.
_LINK_SERIES = (
    "INSERT OR IGNORE INTO sample_link "
    "(person_id, metric_id, start, device_id, duration, value, source_id) "
    "SELECT person_id, metric_id, start, device_id, duration, value, {source} FROM sample "
    "WHERE person_id = {person} AND metric_id = {metric} AND start = ? AND device_id = {device} "
    "AND duration = ? AND value = ? AND source_id != {source}"
)
_INSERT_SERIES = (
    "INSERT OR IGNORE INTO sample "
    "(person_id, metric_id, start, duration, device_id, value, source_id) "
    "VALUES ({person}, {metric}, ?, ?, {device}, ?, {source})"
)


@dataclass(frozen=True, slots=True)
class Metric:
    """A wearable metric with the canonical unit its samples are stored in."""

    id: int
    name: str
    unit: str


class Samples:
    """Store and query wearable samples."""

    def __init__(self, db: Db) -> None:
        self._db = db
        self._metric_ids: dict[str, Metric] = {}
        self._device_ids: dict[str, int] = {}

    def metric(self, name: str, unit: str) -> Metric:
        """The metric called `name`, created with `unit` if new."""
        cached = self._metric_ids.get(name)
        if cached is not None:
            return cached
        row = self._db.execute("SELECT id, unit FROM metric WHERE name = ?", (name,)).fetchone()
        if row is None:
            cur = self._db.execute("INSERT INTO metric (name, unit) VALUES (?, ?)", (name, unit))
            row = (cur.lastrowid, unit)
        metric = Metric(int(row[0]), name, row[1])
        self._metric_ids[name] = metric
        return metric

    def device(self, name: str) -> int:
        """A small id for a device or app name (0 = unknown)."""
        if not name:
            return 0
        cached = self._device_ids.get(name)
        if cached is not None:
            return cached
        row = self._db.execute("SELECT id FROM device WHERE name = ?", (name,)).fetchone()
        if row is None:
            row = (self._db.execute("INSERT INTO device (name) VALUES (?)", (name,)).lastrowid,)
        self._device_ids[name] = int(row[0])
        return int(row[0])

    def forget_cache(self) -> None:
        """Drop cached ids (after a rollback they may point at rows that no longer exist)."""
        self._metric_ids.clear()
        self._device_ids.clear()

    def insert(self, person_id: PersonId, source_id: SourceId,
               rows: Iterable[SampleRow]) -> int:
        """Bulk-insert samples; returns how many were new (the rest were duplicates, now
        also held by this import)."""
        added = 0
        it = iter(rows)
        spans: dict[int, tuple[int, int]] = {}
        with self._db.transaction():
            while batch := list(islice(it, BATCH)):
                series: dict[tuple[int, int], list[tuple[int, int, float]]] = {}
                for metric_id, start, duration, device_id, value in batch:
                    series.setdefault((metric_id, device_id), []).append(
                        (start, duration, value))
                    lo, hi = spans.get(metric_id, (start, start))
                    spans[metric_id] = (min(lo, start), max(hi, start))
                for (metric_id, device_id), part in series.items():
                    added += self.insert_series(person_id, source_id, metric_id, device_id,
                                                part)
            for metric_id, (lo, hi) in spans.items():
                self.refresh_rollup(person_id, metric_id, lo, hi)
        return added

    def insert_series(self, person_id: PersonId, source_id: SourceId, metric_id: int,
                      device_id: int, rows: list[tuple[int, int, float]]) -> int:
        """Bulk-insert (start, duration, value) rows of one metric from one device.

        The importer's fast path: the ids are written into the statement once, so the rows go
        to SQLite as they are. Returns how many were new. The caller refreshes the hourly
        rollup (refresh_rollup) once for the whole span it inserted.
        """
        ids = {"person": int(person_id), "source": int(source_id), "metric": int(metric_id),
               "device": int(device_id)}
        with self._db.transaction():
            if rows and self._overlaps(person_id, metric_id, device_id, rows):
                self._db.executemany(_LINK_SERIES.format(**ids), rows)
            before = self._db.total_changes
            self._db.executemany(_INSERT_SERIES.format(**ids), rows)
            return self._db.total_changes - before

    def _overlaps(self, person_id: PersonId, metric_id: int, device_id: int,
                  rows: list[tuple[int, int, float]]) -> bool:
        """True when the vault already has samples of this metric from this device in the
        rows' time span (only then can a row be a sample another import holds: the fast path
        stays fast, and a watch's samples do not slow down a phone's)."""
        first = min(r[0] for r in rows)
        last = max(r[0] for r in rows)
        return self._db.scalar(
            "SELECT 1 FROM sample WHERE person_id = ? AND metric_id = ? AND start BETWEEN ? AND ? "
            "AND device_id = ? LIMIT 1", (person_id, metric_id, first, last, device_id)
        ) is not None

    def refresh_rollup(self, person_id: PersonId, metric_id: int | None = None,
                       start: int | None = None, end: int | None = None) -> None:
        """Recompute the hourly aggregates for a metric (or all) over [start, end].

        A long span is done in windows of ROLLUP_WINDOW_HOURS: SQLite sorts the rows of a
        GROUP BY in memory (temp_store = MEMORY), so windows keep that memory small however
        many samples were imported.
        """
        if start is None or end is None:
            self._refresh_hours(person_id, metric_id, None, None)
            return
        if (end - start) // 3600 > ROLLUP_WINDOW_HOURS * MAX_WINDOWS:  # absurd dates: one go
            self._refresh_hours(person_id, metric_id, start // 3600, end // 3600)
            return
        with self._db.transaction():
            for lo_hour in range(start // 3600, end // 3600 + 1, ROLLUP_WINDOW_HOURS):
                hi_hour = min(lo_hour + ROLLUP_WINDOW_HOURS - 1, end // 3600)
                self._refresh_hours(person_id, metric_id, lo_hour, hi_hour)

    def _refresh_hours(self, person_id: PersonId, metric_id: int | None,
                       lo_hour: int | None, hi_hour: int | None) -> None:
        where = "person_id = :p"
        if metric_id is not None:
            where += " AND metric_id = :m"
        params = {"p": person_id, "m": metric_id, "lo": lo_hour, "hi": hi_hour}
        hours = starts = ""
        if lo_hour is not None and hi_hour is not None:
            hours = " AND hour BETWEEN :lo AND :hi"
            starts = " AND start >= :lo * 3600 AND start < (:hi + 1) * 3600"
        with self._db.transaction():
            self._db.execute(f"DELETE FROM sample_hourly WHERE {where}{hours}", params)
            self._db.execute(
                "INSERT INTO sample_hourly SELECT person_id, metric_id, start / 3600, count(*), "
                "sum(value), min(value), max(value), sum(duration) "
                f"FROM sample WHERE {where}{starts} GROUP BY person_id, metric_id, start / 3600",
                params,
            )

    def hourly(self, person_id: PersonId, metric_id: int, start: int | None = None,
               end: int | None = None) -> list[tuple[int, int, float, float, float, int]]:
        """(hour, n, total, lo, hi, seconds) rows, hour = UTC hours since 1970, in order."""
        sql = ("SELECT hour, n, total, lo, hi, seconds FROM sample_hourly "
               "WHERE person_id = ? AND metric_id = ?")
        params: list[int] = [person_id, metric_id]
        if start is not None:
            sql += " AND hour >= ?"
            params.append(start // 3600)
        if end is not None:
            sql += " AND hour < ?"
            params.append(-(-end // 3600))
        return self._db.query(sql + " ORDER BY hour", params)

    def source_ids(self, person_id: PersonId, metric_id: int) -> list[int]:
        """The imports a person's samples of one metric came from."""
        rows = self._db.query("SELECT DISTINCT source_id FROM sample "
                              "WHERE person_id = ? AND metric_id = ?", (person_id, metric_id))
        return sorted(int(r[0]) for r in rows)

    def metrics(self, person_id: PersonId) -> list[Metric]:
        """The metrics a person has samples for."""
        rows = self._db.query(
            "SELECT id, name, unit FROM metric m WHERE EXISTS (SELECT 1 FROM sample_hourly h "
            "WHERE h.person_id = ? AND h.metric_id = m.id) ORDER BY name",
            (person_id,),
        )
        return [Metric(int(r[0]), r[1], r[2]) for r in rows]

    def range(self, person_id: PersonId, metric_id: int, start: int,
              end: int) -> list[tuple[int, float]]:
        """(start, value) of samples with start in [start, end), in time order."""
        return self._db.query(
            "SELECT start, value FROM sample "
            "WHERE person_id = ? AND metric_id = ? AND start >= ? AND start < ? ORDER BY start",
            (person_id, metric_id, start, end),
        )

    def intervals(self, person_id: PersonId, metric_id: int) -> list[tuple[int, int]]:
        """(start, duration) of every sample of a metric, in time order (for sleep, whose
        records are few and must be merged where they overlap)."""
        return self._db.query(
            "SELECT start, duration FROM sample WHERE person_id = ? AND metric_id = ? "
            "ORDER BY start", (person_id, metric_id))

    def count(self, person_id: PersonId | None = None) -> int:
        """Number of samples (for one person or the whole vault)."""
        if person_id is None:
            return int(self._db.scalar("SELECT count(*) FROM sample"))
        return int(self._db.scalar("SELECT count(*) FROM sample WHERE person_id = ?",
                                   (person_id,)))
