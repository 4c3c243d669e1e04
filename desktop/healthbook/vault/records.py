"""Clinical records: insert with dedupe, read back, count."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from healthbook.vault.connection import Db
from healthbook.vault.models import (
    Attachment,
    PersonId,
    Record,
    RecordId,
    RecordKind,
    SourceId,
    StoredRecord,
)

_COLUMNS = (
    "kind", "category", "status", "code_system", "code", "display", "value_num", "value_text",
    "unit", "ref_low", "ref_high", "ref_text", "interpretation", "effective", "effective_end",
    "details", "original", "original_format",
)
_INSERT = (
    f"INSERT OR IGNORE INTO record (person_id, source_id, {', '.join(_COLUMNS)}, dedupe_key) "
    f"VALUES (?, ?, {', '.join('?' * len(_COLUMNS))}, ?)"
)
_SELECT = f"SELECT id, person_id, source_id, {', '.join(_COLUMNS)} FROM record"
BATCH = 2000


@dataclass(frozen=True, slots=True)
class InsertCounts:
    """How many records an insert added and how many were already in the vault."""

    added: int
    duplicates: int


class Records:
    """Store and read normalised clinical records."""

    def __init__(self, db: Db) -> None:
        self._db = db

    def insert(self, person_id: PersonId, source_id: SourceId,
               records: Iterable[Record]) -> InsertCounts:
        """Insert records, skipping any whose dedupe key the person already has."""
        added = total = 0
        it = iter(records)
        with self._db.transaction():
            while batch := list(islice(it, BATCH)):
                plain = [r for r in batch if r.attachment is None]
                before = self._db.total_changes
                self._db.executemany(_INSERT, (_row(person_id, source_id, r) for r in plain))
                added += self._db.total_changes - before
                for record in batch:
                    if record.attachment is not None:
                        added += self._insert_with_attachment(person_id, source_id, record)
                total += len(batch)
        return InsertCounts(added, total - added)

    def _insert_with_attachment(self, person_id: PersonId, source_id: SourceId,
                                record: Record) -> int:
        cur = self._db.execute(_INSERT, _row(person_id, source_id, record))
        if cur.rowcount != 1:
            return 0
        att = record.attachment
        assert att is not None
        self._db.execute(
            "INSERT INTO attachment (record_id, content_type, title, data) VALUES (?, ?, ?, ?)",
            (cur.lastrowid, att.content_type, att.title, att.data),
        )
        return 1

    def get(self, record_id: int) -> StoredRecord:
        """One record by id (KeyError if absent)."""
        row = self._db.execute(_SELECT + " WHERE id = ?", (record_id,)).fetchone()
        if row is None:
            raise KeyError(f"no record with id {record_id}")
        return _stored(row)

    def list(self, person_id: PersonId, kind: RecordKind | None = None,
             code: str | None = None) -> list[StoredRecord]:
        """A person's records in time order, optionally of one kind and/or code."""
        return list(self.iter(person_id, kind, code))

    def iter(self, person_id: PersonId, kind: RecordKind | None = None,
             code: str | None = None) -> Iterator[StoredRecord]:
        """Like list(), streamed."""
        sql = _SELECT + " WHERE person_id = ?"
        params: list[Any] = [person_id]
        if kind is not None:
            sql += " AND kind = ?"
            params.append(kind.value)
        if code is not None:
            sql += " AND code = ?"
            params.append(code)
        sql += " ORDER BY effective, id"
        for row in self._db.execute(sql, params):
            yield _stored(row)

    def attachment(self, record_id: int) -> Attachment | None:
        """The stored document content of a record, if it has one."""
        row = self._db.execute(
            "SELECT content_type, data, title FROM attachment WHERE record_id = ?", (record_id,)
        ).fetchone()
        return None if row is None else Attachment(row[0], bytes(row[1]), row[2])

    def counts(self, person_id: PersonId | None = None) -> dict[str, int]:
        """Number of records per kind (for one person or the whole vault)."""
        sql = "SELECT kind, count(*) FROM record"
        params: tuple[Any, ...] = ()
        if person_id is not None:
            sql += " WHERE person_id = ?"
            params = (person_id,)
        return {kind: int(n) for kind, n in self._db.query(sql + " GROUP BY kind", params)}


def _row(person_id: PersonId, source_id: SourceId, r: Record) -> tuple[Any, ...]:
    details = None if r.details is None else json.dumps(r.details, ensure_ascii=False)
    return (
        person_id, source_id, r.kind.value, r.category, r.status, r.code_system, r.code,
        r.display, r.value_num, r.value_text, r.unit, r.ref_low, r.ref_high, r.ref_text,
        r.interpretation, r.effective, r.effective_end, details, r.original, r.original_format,
        r.dedupe_key(),
    )


def _stored(row: Any) -> StoredRecord:
    values = dict(zip(_COLUMNS, row[3:], strict=True))
    values["kind"] = RecordKind(values["kind"])
    if values["details"] is not None:
        values["details"] = json.loads(values["details"])
    return StoredRecord(RecordId(row[0]), PersonId(row[1]), SourceId(row[2]), Record(**values))
