"""Opening SQLCipher files: keying, checks, pragmas, migrations and transactions.

This is the only module that talks to sqlcipher3 directly.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from healthbook.errors import InvalidInput
from healthbook.vault.errors import (
    NotAVault,
    ReadOnlyVault,
    StorageFull,
    VaultBusy,
    VaultError,
    VaultExists,
    VaultNotFound,
    VaultTooNew,
    WrongPassphrase,
)
from healthbook.vault.schema import MIGRATIONS, SCHEMA_VERSION

PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"
MEMORY = ":memory:"
DatabaseError = sqlcipher.DatabaseError
CACHE_KIB = 65_536  # page cache while browsing: charts and timelines read many pages
BULK_CACHE_KIB = 8_192  # page cache during an import: memory stays flat as files grow


def quote_literal(text: str) -> str:
    """Quote `text` as an SQL string literal (PRAGMA key takes no bound parameters)."""
    if "\x00" in text:
        raise InvalidInput("A passphrase cannot contain a NUL character.")
    return "'" + text.replace("'", "''") + "'"


def create_private_file(path: Path) -> None:
    """Create an empty file readable only by its owner (mode 0600); fail if it exists."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError as exc:
        raise VaultExists(f"A file already exists at {path}; choose another name.") from exc
    os.close(fd)


def _classify(exc: Exception, path: Path | str) -> VaultError:
    message = str(exc).lower()
    if "locked" in message or "busy" in message:
        return VaultBusy(f"The vault {path} is open in another Healthbook window or process.")
    if "not a database" in message:
        return WrongPassphrase("That passphrase does not unlock this vault.")
    if "readonly database" in message and Path(f"{path}-journal").exists():
        return ReadOnlyVault(
            f"{Path(path).name} was not closed properly, and it is on a drive that cannot be "
            "written to, so Healthbook cannot finish tidying it up. Copy the vault and the "
            f"file {Path(path).name}-journal beside it to a folder you can write to, then "
            "open the copy. Nothing in the vault was lost.")
    return NotAVault(f"{path} could not be read as a Healthbook vault ({exc}).")


STORAGE_FULL = ("The vault could not be written: the disk is full, or the file system refused "
                "the write. Nothing was changed; free some space and try again.")


def _write_failed(exc: BaseException) -> bool:
    """True for SQLite's 'disk full' and 'disk I/O error' (ENOSPC, EFBIG, EIO on write)."""
    text = str(exc).lower()
    return isinstance(exc, DatabaseError) and ("disk i/o error" in text or "is full" in text)


def _raw_connect(path: Path | str, passphrase: str, read_only: bool) -> Any:
    if path == MEMORY:
        conn = sqlcipher.connect(MEMORY, isolation_level=None, check_same_thread=False)
    else:
        mode = "ro" if read_only else "rw"
        uri = f"{Path(path).resolve().as_uri()}?mode={mode}"
        conn = sqlcipher.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = {quote_literal(passphrase)}")
    if not conn.execute("PRAGMA cipher_version").fetchone():
        conn.close()
        raise RuntimeError("sqlcipher3 is linked without SQLCipher; refusing to store data.")
    # Hold the file lock for the whole session: a second process gets a clear "busy" error.
    if not read_only:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
    conn.execute("PRAGMA busy_timeout = 1500")
    return conn


def _configure(conn: Any) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    # Temporary tables and sort files stay in memory, never as plaintext temp files.
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")


def check_file(path: Path) -> None:
    """Raise a clear error if `path` is missing or is not an encrypted database at all."""
    if not path.exists():
        raise VaultNotFound(f"There is no vault at {path}.")
    if not path.is_file():
        raise NotAVault(f"{path} is a folder, not a Healthbook vault.")
    with path.open("rb") as fh:
        head = fh.read(len(PLAIN_SQLITE_HEADER))
    if head == PLAIN_SQLITE_HEADER:
        raise NotAVault(f"{path} is a plain, unencrypted SQLite file, not a Healthbook vault.")
    if len(head) < len(PLAIN_SQLITE_HEADER):
        raise NotAVault(f"{path} is empty or too short to be a Healthbook vault.")


def on_read_only_media(path: Path) -> bool:
    """True when `path` cannot be written: a read-only file system or file."""
    try:
        if os.statvfs(path.parent).f_flag & os.ST_RDONLY:
            return True
    except OSError:
        return False
    return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)


class Db:
    """One keyed connection with transactions; owned by one thread at a time."""

    def __init__(self, conn: Any, path: Path | str, read_only: bool) -> None:
        self._conn = conn
        self.path = path
        self.read_only = read_only
        self._lock = threading.RLock()
        self._depth = 0

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, passphrase: str, *, read_only: bool = False) -> Db:
        """Unlock an existing vault. A wrong passphrase changes nothing in the file. A vault
        on read-only media (a write-protected stick, a read-only mount) opens read-only."""
        if path != MEMORY:
            check_file(Path(path))
            read_only = read_only or on_read_only_media(Path(path))
        try:
            conn = _raw_connect(path, passphrase, read_only)
        except DatabaseError as exc:
            raise _classify(exc, path) from exc
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except DatabaseError as exc:
            conn.close()
            raise _classify(exc, path) from exc
        db = cls(conn, path, read_only)
        try:
            _configure(conn)
            db._migrate()
        except BaseException:
            conn.close()
            raise
        return db

    @classmethod
    def create(cls, path: Path | str, passphrase: str) -> Db:
        """Create a new, empty vault (file mode 0600) keyed with `passphrase`."""
        if not passphrase:
            raise InvalidInput("A vault needs a passphrase.")
        created = path != MEMORY
        if created:
            create_private_file(Path(path))
        try:
            conn = _raw_connect(path, passphrase, read_only=False)
            db = cls(conn, path, read_only=False)
            _configure(conn)
            db._migrate()
        except BaseException:
            if created:
                with suppress(OSError):
                    os.unlink(path)
            raise
        return db

    def close(self) -> None:
        """Close the connection (releases the file lock)."""
        with self._lock:
            self._conn.close()

    # -- schema ----------------------------------------------------------------------------
    @property
    def user_version(self) -> int:
        """The schema version stored in the file."""
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        version = self.user_version
        if version > SCHEMA_VERSION:
            raise VaultTooNew(
                f"This vault was written by a newer version of Healthbook (schema {version}, "
                f"this app knows {SCHEMA_VERSION}). Update Healthbook to open it; the file was "
                "not changed."
            )
        if version == SCHEMA_VERSION:
            return
        if self.read_only:
            raise ReadOnlyVault("This vault needs an upgrade, which cannot be done read-only.")
        script = "".join(MIGRATIONS[version:])
        try:
            self._conn.executescript(
                f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {SCHEMA_VERSION};\nCOMMIT;"
            )
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise

    # -- statements ------------------------------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        """Run one statement and return its cursor."""
        with self._lock:
            return self._conn.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any:
        """Run one statement for each row."""
        with self._lock:
            return self._conn.executemany(sql, rows)

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Any]:
        """Run a query and return all rows."""
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        """Run a query and return the first column of the first row (or None)."""
        row = self.execute(sql, params).fetchone()
        return None if row is None else row[0]

    @property
    def total_changes(self) -> int:
        """Rows changed since the connection opened (to count inserts that were not ignored)."""
        return int(self._conn.total_changes)

    @contextmanager
    def transaction(self) -> Iterator[Db]:
        """One atomic unit of work; nested uses join the outer transaction."""
        if self.read_only:
            raise ReadOnlyVault("This vault is open read-only; nothing can be changed.")
        with self._lock:
            outer = self._depth == 0
            if outer:
                try:
                    self._conn.execute("BEGIN IMMEDIATE")
                except DatabaseError as exc:
                    raise _classify(exc, self.path) from exc
            self._depth += 1
            try:
                yield self
            except BaseException as exc:
                self._depth -= 1
                if outer:
                    self._rollback()
                    if _write_failed(exc):
                        raise StorageFull(STORAGE_FULL) from exc
                raise
            self._depth -= 1
            if outer:
                try:
                    self._conn.execute("COMMIT")
                except DatabaseError as exc:
                    self._rollback()
                    raise (StorageFull(STORAGE_FULL) if _write_failed(exc)
                           else _classify(exc, self.path)) from exc

    @contextmanager
    def bulk_writes(self) -> Iterator[Db]:
        """A small page cache for a long run of writes (an import), so memory stays flat
        however large the file; the browsing cache size comes back afterwards."""
        self._conn.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
        try:
            yield self
        finally:
            self._conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")

    def _rollback(self) -> None:
        """Undo the open transaction (SQLite may already have undone it after an I/O error)."""
        try:
            self._conn.execute("ROLLBACK")
        except DatabaseError:
            pass

    # -- security --------------------------------------------------------------------------
    def rekey(self, new_passphrase: str) -> None:
        """Re-encrypt every page with a new passphrase (atomic)."""
        if not new_passphrase:
            raise InvalidInput("The new passphrase cannot be empty.")
        with self._lock:
            self._conn.execute(f"PRAGMA rekey = {quote_literal(new_passphrase)}")

    def backup_to(self, target: Path, passphrase: str, pages_per_step: int,
                  progress: Any) -> None:
        """Copy the whole database into `target` (an empty private file), keyed the same."""
        dest = _raw_connect(target, passphrase, read_only=False)
        try:
            with self._lock:
                self._conn.backup(dest, pages=pages_per_step, progress=progress)
        finally:
            dest.close()
