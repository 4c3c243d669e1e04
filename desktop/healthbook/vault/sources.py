"""Import sources: which file brought which records ("revoke what I shared")."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from healthbook.vault.clock import now_iso
from healthbook.vault.connection import Db
from healthbook.vault.errors import SourceNotFound
from healthbook.vault.models import PersonId, Source, SourceId

_SELECT = """
SELECT s.id, s.person_id, s.file_name, s.sha256, s.format, s.imported_at, s.report,
       (SELECT count(*) FROM record r WHERE r.source_id = s.id)
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

    def delete(self, source_id: int) -> Source:
        """Delete one import and exactly the records and samples it added."""
        source = self.get(source_id)
        with self._db.transaction():
            spans = self._db.query(
                "SELECT metric_id, min(start), max(start) FROM sample "
                "WHERE person_id = ? AND source_id = ? GROUP BY metric_id",
                (source.person_id, source_id))
            self._db.execute("DELETE FROM sample WHERE person_id = ? AND source_id = ?",
                             (source.person_id, source_id))
            self._db.execute("DELETE FROM source WHERE id = ?", (source_id,))
            for metric_id, first, last in spans:
                self._rollup(source.person_id, metric_id, first, last)
        return source


def _source(row: Any, samples: int) -> Source:
    return Source(
        id=SourceId(row[0]), person_id=PersonId(row[1]), file_name=row[2], sha256=row[3],
        format=row[4], imported_at=row[5], report=json.loads(row[6] or "{}"),
        records=int(row[7]), samples=samples,
    )
