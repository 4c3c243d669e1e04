"""Clinical records: insert with dedupe and links to every import that holds them, read
back, count, and the user's edits (kept with what they replaced, so they can be undone)."""

from __future__ import annotations

import builtins
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Any

from healthbook.vault.clock import now_iso
from healthbook.vault.connection import Db
from healthbook.vault.models import (
    Attachment,
    Edit,
    NameRule,
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
EDITABLE = frozenset(_COLUMNS) - {"kind", "original", "original_format"}
_INSERT = (
    f"INSERT OR IGNORE INTO record (person_id, source_id, {', '.join(_COLUMNS)}, dedupe_key) "
    f"VALUES (?, ?, {', '.join('?' * len(_COLUMNS))}, ?)"
)
_LINK = ("INSERT OR IGNORE INTO record_link (record_id, source_id) "
         "SELECT id, ? FROM record WHERE person_id = ? AND dedupe_key = ?")
_SELECT = f"SELECT id, person_id, source_id, {', '.join(_COLUMNS)}, hidden FROM record"
_EDIT_SELECT = "SELECT id, record_id, at, by, before, after, rule_id, undone_at FROM record_edit"
BATCH = 2000


@dataclass(frozen=True, slots=True)
class InsertCounts:
    """How many records an insert added and how many were already in the vault."""

    added: int
    duplicates: int


@dataclass
class Occurrences:
    """Per import: which distinct resources of the file said exactly the same thing."""

    seen: dict[bytes, list[str | None]] = field(default_factory=dict)

    def key(self, record: Record) -> bytes:
        """The record's dedupe key, numbered when another resource of this file has it."""
        key = record.dedupe_key()
        if record.identity is None:  # nothing tells it apart: the same fact
            return key
        holders = self.seen.setdefault(key, [])
        if record.identity not in holders:
            holders.append(record.identity)
        number = holders.index(record.identity) + 1
        return key if number == 1 else record.dedupe_key(number)


class Records:
    """Store and read normalised clinical records."""

    def __init__(self, db: Db) -> None:
        self._db = db

    def insert(self, person_id: PersonId, source_id: SourceId, records: Iterable[Record],
               occurrences: Occurrences | None = None) -> InsertCounts:
        """Insert records, skipping any whose dedupe key the person already has; either way
        the record is linked to this source. The person's name rules apply to new records
        (the key is the one the record was imported with)."""
        occurrences = occurrences if occurrences is not None else Occurrences()
        rules = self.rules(person_id)
        added = total = 0
        it = iter(records)
        with self._db.transaction():
            while batch := list(islice(it, BATCH)):
                keyed = [(_apply_rules(r, rules), occurrences.key(r)) for r in batch]
                cur = self._db.executemany(_INSERT, (_row(person_id, source_id, r, k)
                                                     for r, k in keyed if r.attachment is None))
                new = max(cur.rowcount, 0)  # rows the statement itself added (not its trigger)
                for record, key in keyed:
                    if record.attachment is not None:
                        new += self._insert_with_attachment(person_id, source_id, record, key)
                if new < len(batch):  # some were already there: this import holds them too
                    self._db.executemany(_LINK, ((source_id, person_id, k) for _, k in keyed))
                added += new
                total += len(batch)
        return InsertCounts(added, total - added)

    def _insert_with_attachment(self, person_id: PersonId, source_id: SourceId,
                                record: Record, key: bytes) -> int:
        cur = self._db.execute(_INSERT, _row(person_id, source_id, record, key))
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
        """One record by id, hidden or not (KeyError if absent)."""
        row = self._db.execute(_SELECT + " WHERE id = ?", (record_id,)).fetchone()
        if row is None:
            raise KeyError(f"no record with id {record_id}")
        return _stored(row)

    def list(self, person_id: PersonId, kind: RecordKind | None = None,
             code: str | None = None, *, include_hidden: bool = False) -> list[StoredRecord]:
        """A person's records in time order, optionally of one kind and/or code. Records the
        user hid are left out unless `include_hidden`."""
        return list(self.iter(person_id, kind, code, include_hidden=include_hidden))

    def iter(self, person_id: PersonId, kind: RecordKind | None = None,
             code: str | None = None, *, include_hidden: bool = False
             ) -> Iterator[StoredRecord]:
        """Like list(), streamed."""
        sql = _SELECT + " WHERE person_id = ?"
        params: list[Any] = [person_id]
        if not include_hidden:
            sql += " AND hidden = 0"
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
        """Number of visible records per kind (for one person or the whole vault)."""
        sql = "SELECT kind, count(*) FROM record WHERE hidden = 0"
        params: tuple[Any, ...] = ()
        if person_id is not None:
            sql += " AND person_id = ?"
            params = (person_id,)
        return {kind: int(n) for kind, n in self._db.query(sql + " GROUP BY kind", params)}

    def held_by(self, source_id: SourceId) -> builtins.list[StoredRecord]:
        """The records one import holds, hidden ones included."""
        rows = self._db.query(
            _SELECT + " WHERE id IN (SELECT record_id FROM record_link WHERE source_id = ?) "
            "ORDER BY effective, id", (source_id,))
        return [_stored(r) for r in rows]

    def link(self, record_id: int, source_id: SourceId) -> None:
        """Note that another import also holds a record (the same result read twice)."""
        self._db.execute("INSERT OR IGNORE INTO record_link (record_id, source_id) "
                         "VALUES (?, ?)", (record_id, source_id))

    def holders(self, record_id: int) -> builtins.list[SourceId]:
        """Every import that holds a record, oldest first."""
        rows = self._db.query("SELECT source_id FROM record_link WHERE record_id = ? "
                              "ORDER BY source_id", (record_id,))
        return [SourceId(int(r[0])) for r in rows]

    # -- the user's edits -----------------------------------------------------------------
    def update(self, record_id: int, changes: Mapping[str, Any], by: str,
               rule_id: int | None = None) -> Edit:
        """Change some fields of a record (or `hidden`), keeping the values they replace.
        The dedupe key stays the one the record was imported with."""
        unknown = set(changes) - EDITABLE - {"hidden"}
        if unknown:
            raise ValueError(f"fields that cannot be edited: {sorted(unknown)}")
        stored = self.get(record_id)
        before = {name: _field(stored, name) for name in changes}
        after = {name: _plain(value) for name, value in changes.items()}
        with self._db.transaction():
            self._write(record_id, after)
            cur = self._db.execute(
                "INSERT INTO record_edit (record_id, at, by, before, after, rule_id) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (record_id, now_iso(), by, _dumps(before), _dumps(after), rule_id))
        return self.edit(int(cur.lastrowid))

    def _write(self, record_id: int, values: Mapping[str, Any]) -> None:
        assignments = ", ".join(f"{name} = ?" for name in values)
        params = [_column_value(name, v) for name, v in values.items()]
        self._db.execute(f"UPDATE record SET {assignments} WHERE id = ?", (*params, record_id))

    def edit(self, edit_id: int) -> Edit:
        """One edit by id."""
        row = self._db.execute(_EDIT_SELECT + " WHERE id = ?", (edit_id,)).fetchone()
        if row is None:
            raise KeyError(f"no edit with id {edit_id}")
        return _edit(row)

    def history(self, record_id: int) -> builtins.list[Edit]:
        """A record's edits, oldest first (undone ones included, marked)."""
        rows = self._db.query(_EDIT_SELECT + " WHERE record_id = ? ORDER BY id", (record_id,))
        return [_edit(r) for r in rows]

    def undo(self, edit: Edit) -> None:
        """Put back what an edit replaced and mark it undone."""
        with self._db.transaction():
            self._write(edit.record_id, edit.before)
            self._db.execute("UPDATE record_edit SET undone_at = ? WHERE id = ?",
                             (now_iso(), edit.id))

    def edits_of_rule(self, rule_id: int) -> builtins.list[Edit]:
        """The edits a name rule made, not yet undone."""
        rows = self._db.query(_EDIT_SELECT + " WHERE rule_id = ? AND undone_at IS NULL "
                              "ORDER BY id", (rule_id,))
        return [_edit(r) for r in rows]

    # -- name rules -----------------------------------------------------------------------
    def add_rule(self, person_id: PersonId, match: Record, code_system: str | None,
                 code: str | None, display: str) -> NameRule:
        """Map a test name (as `match` spells it) to an analyte for this person."""
        system, mcode, mdisplay = _match_key(match)
        with self._db.transaction():
            self._db.execute(
                "INSERT INTO name_rule (person_id, match_system, match_code, match_display, "
                "code_system, code, display, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (person_id, match_system, match_code, match_display) DO UPDATE "
                "SET code_system = excluded.code_system, code = excluded.code, "
                "display = excluded.display",
                (person_id, system, mcode, mdisplay, code_system, code, display, now_iso()))
        row = self._db.execute(
            "SELECT id FROM name_rule WHERE person_id = ? AND match_system = ? AND "
            "match_code = ? AND match_display = ?", (person_id, system, mcode, mdisplay)
        ).fetchone()
        return next(r for r in self.rules(person_id) if r.id == row[0])

    def remove_rule(self, rule_id: int) -> None:
        """Stop applying a name rule to later imports."""
        self._db.execute("DELETE FROM name_rule WHERE id = ?", (rule_id,))

    def rules(self, person_id: PersonId) -> builtins.list[NameRule]:
        """A person's name rules."""
        rows = self._db.query(
            "SELECT id, person_id, match_system, match_code, match_display, code_system, code, "
            "display FROM name_rule WHERE person_id = ? ORDER BY id", (person_id,))
        return [NameRule(int(r[0]), PersonId(r[1]), *r[2:]) for r in rows]

    def matching(self, person_id: PersonId, match: Record) -> builtins.list[StoredRecord]:
        """The person's observations spelled like `match` (same code, or same name when
        there is no code): what a name rule applies to."""
        system, code, display = _match_key(match)
        return [s for s in self.iter(person_id, RecordKind.OBSERVATION, include_hidden=True)
                if _match_key(s.record) == (system, code, display)]


def _match_key(record: Record) -> tuple[str, str, str]:
    if record.code:
        return record.code_system or "", record.code, ""
    return "", "", (record.display or "").strip().casefold()


def _apply_rules(record: Record, rules: list[NameRule]) -> Record:
    if not rules or record.kind is not RecordKind.OBSERVATION:
        return record
    key = _match_key(record)
    for rule in rules:
        if (rule.match_system, rule.match_code, rule.match_display) == key:
            details = {**(record.details or {}), "imported_as": record.display}
            return replace(record, code_system=rule.code_system, code=rule.code,
                           display=rule.display, details=details)
    return record


def _field(stored: StoredRecord, name: str) -> Any:
    if name == "hidden":
        return stored.hidden
    return _plain(getattr(stored.record, name))


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return dict(value)
    return value


def _column_value(name: str, value: Any) -> Any:
    if name == "details":
        return None if value is None else json.dumps(value, ensure_ascii=False)
    if name == "hidden":
        return int(bool(value))
    return value


def _dumps(values: Mapping[str, Any]) -> str:
    return json.dumps(values, ensure_ascii=False, sort_keys=True)


def _edit(row: Any) -> Edit:
    return Edit(int(row[0]), RecordId(row[1]), row[2], row[3], json.loads(row[4]),
                json.loads(row[5]), row[6], row[7])


def _row(person_id: PersonId, source_id: SourceId, r: Record, key: bytes) -> tuple[Any, ...]:
    details = None if r.details is None else json.dumps(r.details, ensure_ascii=False)
    return (
        person_id, source_id, r.kind.value, r.category, r.status, r.code_system, r.code,
        r.display, r.value_num, r.value_text, r.unit, r.ref_low, r.ref_high, r.ref_text,
        r.interpretation, r.effective, r.effective_end, details, r.original, r.original_format,
        key,
    )


def _stored(row: Any) -> StoredRecord:
    values = dict(zip(_COLUMNS, row[3:-1], strict=True))
    values["kind"] = RecordKind(values["kind"])
    if values["details"] is not None:
        values["details"] = json.loads(values["details"])
    return StoredRecord(RecordId(row[0]), PersonId(row[1]), SourceId(row[2]), Record(**values),
                        bool(row[-1]))

