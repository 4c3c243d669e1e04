"""The append-only, hash-chained audit log kept inside the vault.

Each entry's hash covers its own fields and the previous entry's hash; the head (count and
last hash) is also kept in `meta`, so an edited, removed or truncated entry is detected.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from healthbook.vault.clock import now_iso
from healthbook.vault.connection import Db
from healthbook.vault.models import AuditCheck, AuditEntry

GENESIS = "0" * 64
_HEAD_KEY = "audit_head"


def entry_hash(seq: int, at: str, action: str, detail: str, prev_hash: str) -> str:
    """The chained hash of one entry."""
    payload = json.dumps([seq, at, action, detail, prev_hash], separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class AuditLog:
    """Append entries and verify the chain."""

    def __init__(self, db: Db) -> None:
        self._db = db

    def append(self, action: str, detail: Mapping[str, Any] | None = None) -> AuditEntry:
        """Add one entry (joins the caller's transaction if there is one)."""
        detail_text = json.dumps(dict(detail or {}), ensure_ascii=False, sort_keys=True,
                                 default=str)
        with self._db.transaction():
            # Chain from the recorded head, not the last row: a truncated log stays detectable.
            head = self._db.scalar("SELECT value FROM meta WHERE key = ?", (_HEAD_KEY,))
            last_seq, prev = (0, GENESIS) if head is None else _split_head(head)
            seq = last_seq + 1
            at = now_iso()
            digest = entry_hash(seq, at, action, detail_text, prev)
            self._db.execute(
                "INSERT INTO audit (seq, at, action, detail, prev_hash, hash) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (seq, at, action, detail_text, prev, digest),
            )
            self._db.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                (_HEAD_KEY, f"{seq}:{digest}"),
            )
        return AuditEntry(seq, at, action, json.loads(detail_text), prev, digest)

    def entries(self, limit: int | None = None) -> list[AuditEntry]:
        """Entries, oldest first (or the newest `limit`, still oldest first)."""
        sql = "SELECT seq, at, action, detail, prev_hash, hash FROM audit ORDER BY seq"
        rows = self._db.query(sql)
        if limit is not None:
            rows = rows[-limit:]
        return [AuditEntry(r[0], r[1], r[2], json.loads(r[3]), r[4], r[5]) for r in rows]

    def verify(self) -> AuditCheck:
        """Recompute the chain; report the first entry that was edited, removed or added."""
        prev = GENESIS
        count = 0
        rows = self._db.query(
            "SELECT seq, at, action, detail, prev_hash, hash FROM audit ORDER BY seq"
        )
        for seq, at, action, detail, prev_hash, digest in rows:
            count += 1
            if seq != count:
                return AuditCheck(False, count - 1, f"entry {count} is missing")
            if prev_hash != prev:
                return AuditCheck(False, count - 1, f"entry {seq} does not follow entry {seq - 1}")
            if entry_hash(seq, at, action, detail, prev_hash) != digest:
                return AuditCheck(False, count - 1, f"entry {seq} was altered")
            prev = digest
        head = self._db.scalar("SELECT value FROM meta WHERE key = ?", (_HEAD_KEY,))
        expected = f"{count}:{prev}" if count else None
        if head != expected:
            return AuditCheck(False, count, "entries were removed from the end of the log")
        return AuditCheck(True, count)


def _split_head(head: str) -> tuple[int, str]:
    seq, _, digest = head.partition(":")
    return int(seq), digest
