"""The Vault: one encrypted SQLCipher file holding a household's health records."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from types import TracebackType

from healthbook.progress import Progress, no_progress
from healthbook.vault import attempts
from healthbook.vault.audit import AuditLog
from healthbook.vault.connection import MEMORY, Db, create_private_file
from healthbook.vault.errors import (
    NotAVault,
    TooManyAttempts,
    VaultError,
    VaultTooNew,
    WrongPassphrase,
)
from healthbook.vault.models import PersonId
from healthbook.vault.people import People
from healthbook.vault.records import Records
from healthbook.vault.samples import Samples
from healthbook.vault.sources import Sources


class Vault:
    """An unlocked vault. Use as a context manager, or call close().

    Attributes:
        people, sources, records, samples, audit: the repositories over this vault.
    """

    def __init__(self, db: Db, passphrase: str) -> None:
        self._db = db
        self._passphrase = passphrase
        self.people = People(db)
        self.records = Records(db)
        self.samples = Samples(db)
        self.sources = Sources(db, self.samples.refresh_rollup)
        self.audit = AuditLog(db)

    # -- lifecycle ---------------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path | str, passphrase: str) -> Vault:
        """Create a new vault file (mode 0600) and unlock it."""
        vault = cls(Db.create(path, passphrase), passphrase)
        vault.audit.append("create")
        return vault

    @classmethod
    def open(cls, path: Path | str, passphrase: str, *, read_only: bool = False) -> Vault:
        """Unlock an existing vault. Raises WrongPassphrase, leaving the file untouched; after
        several wrong passphrases, TooManyAttempts until a growing wait has passed."""
        if path != MEMORY:
            wait = attempts.wait_needed(Path(path))
            if wait > 0:
                raise TooManyAttempts(f"Too many wrong passphrases: wait {wait:.0f} seconds "
                                      "before trying again.")
        try:
            db = Db.open(path, passphrase, read_only=read_only)
        except WrongPassphrase:
            attempts.record(Path(path), success=False)
            raise
        if path != MEMORY:
            attempts.record(Path(path), success=True)
        vault = cls(db, passphrase)
        if not vault.read_only:
            vault.audit.append("unlock")
        return vault

    @classmethod
    def in_memory(cls) -> Vault:
        """A vault that lives only in memory (kiosk guest sessions): nothing touches disk."""
        return cls.create(MEMORY, os.urandom(16).hex())

    def close(self) -> None:
        """Lock the vault: close the connection and forget the passphrase."""
        self._db.close()
        self._passphrase = ""

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- properties --------------------------------------------------------------------------
    @property
    def path(self) -> Path | str:
        """The vault file (or ':memory:')."""
        return self._db.path

    @property
    def read_only(self) -> bool:
        """True when opened read-only."""
        return self._db.read_only

    @property
    def db(self) -> Db:
        """The underlying connection wrapper (for other vault-layer modules)."""
        return self._db

    def transaction(self) -> AbstractContextManager[Db]:
        """One atomic unit of work across repositories."""
        return self._db.transaction()

    # -- whole-vault operations --------------------------------------------------------------
    def stats(self, person_id: PersonId | None = None) -> dict[str, int]:
        """Counts per record kind, plus `samples` and `sources`."""
        counts = self.records.counts(person_id)
        counts["samples"] = self.samples.count(person_id)
        if person_id is None:
            counts["people"] = len(self.people.list())
        else:
            counts["sources"] = len(self.sources.list(person_id))
        return counts

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-encrypt the vault with a new passphrase; every record is kept."""
        self._db.rekey(new_passphrase)
        self._passphrase = new_passphrase
        self.audit.append("change-passphrase")

    def log(self, action: str, detail: dict | None = None) -> None:
        """Note a read-only action (an answer, an export) in the audit log; a vault opened
        read-only (read-only media) cannot record it and is left untouched."""
        if not self.read_only:
            self.audit.append(action, detail)

    def integrity_ok(self) -> bool:
        """SQLite's integrity check passes."""
        return self._db.scalar("PRAGMA integrity_check") == "ok"

    def backup(self, out: Path | str, progress: Callable[[Progress], None] = no_progress) -> Path:
        """Write an encrypted copy (same passphrase, mode 0600) to `out`, atomically."""
        out = Path(out)
        if self.path != MEMORY and out.resolve() == Path(self.path).resolve():
            raise VaultError("A backup cannot overwrite the vault it copies.")
        partial = out.with_name(out.name + ".partial")
        partial.unlink(missing_ok=True)
        create_private_file(partial)

        def report(_status: int, remaining: int, total: int) -> None:
            progress(Progress(total - remaining, total, unit="pages", message="Backing up"))

        try:
            self.audit.append("backup", {"file": out.name})
            self._db.backup_to(partial, self._passphrase, 256, report)
            os.replace(partial, out)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        return out

    @staticmethod
    def restore(backup: Path | str, target: Path | str, passphrase: str) -> None:
        """Replace `target` with a verified copy of `backup` (both keyed with `passphrase`)."""
        backup, target = Path(backup), Path(target)
        with Vault.open(backup, passphrase, read_only=True) as copy:
            if not copy.integrity_ok():
                raise VaultError(f"The backup {backup.name} is damaged; nothing was restored.")
        if target.exists():
            _ensure_not_open_elsewhere(target, passphrase)
        partial = target.with_name(target.name + ".restoring")
        partial.unlink(missing_ok=True)
        create_private_file(partial)
        try:
            with backup.open("rb") as src, partial.open("wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
                dst.flush()
                os.fsync(dst.fileno())
            os.replace(partial, target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        with Vault.open(target, passphrase) as restored:
            restored.audit.append("restore", {"from": backup.name})


def _ensure_not_open_elsewhere(path: Path, passphrase: str) -> None:
    """Raise VaultBusy if another process holds `path`; a damaged or re-keyed file is fine."""
    try:
        Db.open(path, passphrase, read_only=True).close()
    except (WrongPassphrase, NotAVault, VaultTooNew):
        pass
