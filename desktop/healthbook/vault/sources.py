"""Import sources: which files hold which records ("revoke what I shared").

A record or sample may be held by several imports (two overlapping exports); deleting one
import removes exactly what no other import holds.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from healthbook.vault.clock import now_iso
from healthbook.vault.connection import Db
from healthbook.vault.errors import SourceNotFound
from healthbook.vault.models import PersonId, Removal, Source, SourceId

_SELECT = """
SELECT s.id, s.person_id, s.file_name, s.sha256, s.format, s.imported_at, s.report,
       (SELECT count(*) FROM record_link l WHERE l.source_id = s.id)
FROM source s
"""


class Sources:
    """Record imports and delete exactly what one import added."""

    def __init__(self, db: Db, rollup: Callable[[PersonId, int, int, int], None]) -> None:
        self._db = db
        self._rollup = rollup

    def add(self, person_id: PersonId, file_name: str, sha256: str, fmt: str) -> SourceId:
        """Register an import (call inside the import's transaction)."""
        cur = self._db.execute(
            "INSERT INTO source (person_id, file_name, sha256, format, imported_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (person_id, file_name, sha256, fmt, now_iso()),
        )
        return SourceId(cur.lastrowid)

    def set_report(self, source_id: SourceId, report: Mapping[str, Any]) -> None:
        """Store the import report (counts per kind, skipped items) with the source."""
        self._db.execute(
            "UPDATE source SET report = ? WHERE id = ?",
            (json.dumps(report, ensure_ascii=False), source_id),
        )

    def discard(self, source_id: SourceId) -> None:
        """Forget an import that added nothing (inside its own transaction)."""
        self._db.execute("DELETE FROM source WHERE id = ?", (source_id,))

    def has_file(self, person_id: PersonId, sha256: str, besides: SourceId) -> bool:
        """True when another import of the person is the same file (same sha256)."""
        return self._db.scalar(
            "SELECT 1 FROM source WHERE person_id = ? AND sha256 = ? AND id != ? LIMIT 1",
            (person_id, sha256, besides)) is not None

    def list(self, person_id: PersonId) -> list[Source]:
        """A person's imports, newest first, with their record and sample counts.

        An import's report says how many samples it added (exact: samples leave only with
        their source); only sources without a report are counted in the sample table.
        """
        rows = self._db.query(_SELECT + " WHERE s.person_id = ? ORDER BY s.id DESC", (person_id,))
        return [_source(r, self._sample_count(r)) for r in rows]

    def _sample_count(self, row: Any) -> int:
        report = json.loads(row[6] or "{}")
        reported = report.get("added", {}).get("samples") if report else None
        if isinstance(reported, int):
            return reported
        return int(self._db.scalar("SELECT count(*) FROM sample WHERE person_id = ? AND "
                                   "source_id = ?", (row[1], row[0])))

    def get(self, source_id: int) -> Source:
        """One import by id."""
        row = self._db.execute(_SELECT + " WHERE s.id = ?", (source_id,)).fetchone()
        if row is None:
            raise SourceNotFound(f"There is no import with id {source_id} in this vault.")
        samples = self._db.scalar("SELECT count(*) FROM sample WHERE source_id = ?", (row[0],))
        return _source(row, int(samples))

    def delete(self, source_id: int) -> Removal:
        """Delete one import and exactly the records and samples no other import holds."""
        source = self.get(source_id)
        p, s = source.person_id, source_id
        with self._db.transaction():
            records_kept = int(self._db.scalar(
                "SELECT count(*) FROM record_link l WHERE l.source_id = :s AND EXISTS "
                "(SELECT 1 FROM record_link o WHERE o.record_id = l.record_id AND "
                "o.source_id != :s)", {"s": s}))
            self._db.execute(
                "UPDATE record SET source_id = (SELECT min(l.source_id) FROM record_link l "
                "WHERE l.record_id = record.id AND l.source_id != :s) "
                "WHERE source_id = :s AND EXISTS (SELECT 1 FROM record_link l "
                "WHERE l.record_id = record.id AND l.source_id != :s)", {"s": s})
            spans = self._db.query(
                "SELECT metric_id, min(start), max(start) FROM sample "
                "WHERE person_id = ? AND source_id = ? GROUP BY metric_id", (p, s))
            samples_kept = self._hand_over_samples(p, s)
            samples_removed = self._db.execute(
                "DELETE FROM sample WHERE person_id = ? AND source_id = ?", (p, s)).rowcount
            self._db.execute("DELETE FROM source WHERE id = ?", (s,))
            for metric_id, first, last in spans:
                self._rollup(p, metric_id, first, last)
        return Removal(source, max(source.records - records_kept, 0), records_kept,
                       samples_removed, samples_kept)

    def _hand_over_samples(self, person_id: PersonId, source_id: int) -> int:
        """Samples of this import that another import also holds pass to that import;
        returns how many samples stay (those handed over and those it only also held)."""
        if self._db.scalar("SELECT 1 FROM sample_link WHERE person_id = ? LIMIT 1",
                           (person_id,)) is None:
            return 0
        also_held = int(self._db.scalar("SELECT count(*) FROM sample_link WHERE source_id = ?",
                                        (source_id,)))
        same = ("l.person_id = sample.person_id AND l.metric_id = sample.metric_id AND "
                "l.start = sample.start AND l.device_id = sample.device_id AND "
                "l.duration = sample.duration AND l.value = sample.value")
        params = {"p": person_id, "s": source_id}
        kept = self._db.execute(
            f"UPDATE sample SET source_id = (SELECT min(l.source_id) FROM sample_link l "
            f"WHERE {same} AND l.source_id != :s) WHERE person_id = :p AND source_id = :s AND "
            f"EXISTS (SELECT 1 FROM sample_link l WHERE {same} AND l.source_id != :s)",
            params).rowcount
        self._db.execute("DELETE FROM sample_link WHERE source_id = :s", params)
        self._db.execute(
            "DELETE FROM sample_link WHERE person_id = :p AND EXISTS (SELECT 1 FROM sample s "
            "WHERE s.person_id = sample_link.person_id AND s.metric_id = sample_link.metric_id "
            "AND s.start = sample_link.start AND s.device_id = sample_link.device_id AND "
            "s.duration = sample_link.duration AND s.value = sample_link.value AND "
            "s.source_id = sample_link.source_id)", params)
        return int(kept) + also_held


def _source(row: Any, samples: int) -> Source:
    return Source(
        id=SourceId(row[0]), person_id=PersonId(row[1]), file_name=row[2], sha256=row[3],
        format=row[4], imported_at=row[5], report=json.loads(row[6] or "{}"),
        records=int(row[7]), samples=samples,
    )
