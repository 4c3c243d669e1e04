"""Creating, unlocking, refusing and re-keying vault files."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from healthbook.vault import (
    NotAVault,
    ReadOnlyVault,
    Record,
    RecordKind,
    Vault,
    VaultBusy,
    VaultExists,
    VaultNotFound,
    VaultTooNew,
    WrongPassphrase,
)
from healthbook.vault.connection import PLAIN_SQLITE_HEADER
from healthbook.vault.schema import SCHEMA_VERSION
from tests.conftest import PASSPHRASE
from tests.helpers import add_source, sha256_file


def test_create_makes_an_owner_only_encrypted_file(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "new.vault"
    with Vault.create(path, PASSPHRASE) as vault:
        vault.people.add("Ada")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    head = path.read_bytes()[:16]
    assert head != PLAIN_SQLITE_HEADER
    with Vault.open(path, PASSPHRASE) as vault:
        assert [p.name for p in vault.people.list()] == ["Ada"]
        assert vault.db.user_version == SCHEMA_VERSION


def test_create_refuses_an_existing_file(vault_path: Path) -> None:
    before = sha256_file(vault_path)
    with pytest.raises(VaultExists):
        Vault.create(vault_path, PASSPHRASE)
    assert sha256_file(vault_path) == before


def test_kdf_is_sqlcipher4_default_or_stronger(vault: Vault) -> None:
    assert int(vault.db.scalar("PRAGMA kdf_iter")) >= 256_000
    assert vault.db.scalar("PRAGMA cipher_version").startswith("4.")


def test_wrong_passphrase_is_distinct_and_leaves_the_file_untouched(vault_path: Path) -> None:
    before = sha256_file(vault_path)
    mtime = vault_path.stat().st_mtime_ns
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_path, "not the passphrase")
    assert sha256_file(vault_path) == before
    assert vault_path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in vault_path.parent.iterdir()) == [vault_path.name]


def test_missing_and_plain_files_are_refused_clearly(tmp_path: Path) -> None:
    with pytest.raises(VaultNotFound):
        Vault.open(tmp_path / "nope.vault", PASSPHRASE)
    plain = tmp_path / "plain.db"
    conn = sqlcipher.connect(str(plain))
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(NotAVault, match="unencrypted"):
        Vault.open(plain, PASSPHRASE)
    empty = tmp_path / "empty.vault"
    empty.write_bytes(b"")
    with pytest.raises(NotAVault):
        Vault.open(empty, PASSPHRASE)


def test_vault_from_a_newer_app_is_refused_and_not_changed(vault_path: Path) -> None:
    conn = sqlcipher.connect(str(vault_path))
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = sha256_file(vault_path)
    with pytest.raises(VaultTooNew, match="newer version"):
        Vault.open(vault_path, PASSPHRASE)
    assert sha256_file(vault_path) == before


def test_an_unversioned_sqlcipher_file_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.vault"
    conn = sqlcipher.connect(str(path))
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    conn.execute("CREATE TABLE placeholder (x)")  # a keyed file at user_version 0
    conn.commit()
    conn.close()
    with Vault.open(path, PASSPHRASE) as vault:
        assert vault.db.user_version == SCHEMA_VERSION
        vault.people.add("Migrated")


def test_change_passphrase_keeps_every_record(vault_path: Path) -> None:
    with Vault.open(vault_path, PASSPHRASE) as vault:
        person = vault.people.add("Grace")
        source = add_source(vault, person.id)
        with vault.transaction():
            vault.records.insert(person.id, source, [
                Record(RecordKind.OBSERVATION, "http://loinc.org", "2345-7", "Glucose",
                       value_num=5.4, unit="mmol/L", effective="2024-01-02")])
        vault.change_passphrase("a new passphrase")
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_path, PASSPHRASE)
    with Vault.open(vault_path, "a new passphrase") as vault:
        assert vault.stats() == {"observation": 1, "samples": 0, "people": 1}
        assert vault.audit.verify().ok


def test_a_second_open_is_refused_while_the_vault_is_open(vault: Vault, vault_path: Path) -> None:
    with pytest.raises(VaultBusy, match="open in another"):
        Vault.open(vault_path, PASSPHRASE)


def test_read_only_open_cannot_write(vault_path: Path) -> None:

    with Vault.open(vault_path, PASSPHRASE, read_only=True) as vault:
        assert vault.read_only
        with pytest.raises(ReadOnlyVault):
            vault.people.add("Nobody")


def test_in_memory_vault_writes_no_file(tmp_path: Path, private_dirs: dict[str, Path]) -> None:
    with Vault.in_memory() as vault:
        person = vault.people.add("Guest")
        assert vault.people.get(person.id).name == "Guest"
    for folder in private_dirs.values():
        assert list(folder.rglob("*")) == []


def test_a_version_1_vault_is_migrated_with_its_samples_rolled_up(tmp_path: Path) -> None:
    from healthbook.vault.schema import MIGRATIONS

    path = tmp_path / "v1.vault"
    conn = sqlcipher.connect(str(path), isolation_level=None)
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    conn.executescript(MIGRATIONS[0] + "PRAGMA user_version = 1;")
    conn.execute("INSERT INTO person (id, name, created_at) VALUES (1, 'Old', 'x')")
    conn.execute("INSERT INTO source (id, person_id, file_name, sha256, format, imported_at) "
                 "VALUES (1, 1, 'f', 's', 'test', 'x')")
    conn.execute("INSERT INTO metric (id, name, unit) VALUES (1, 'steps', 'count')")
    conn.executemany("INSERT INTO sample VALUES (1, 1, ?, 60, 0, ?, 1)",
                     [(7200 + 60 * i, float(i)) for i in range(120)])
    conn.close()
    with Vault.open(path, PASSPHRASE) as vault:
        assert vault.db.user_version == SCHEMA_VERSION
        # 120 one-minute samples from 02:00: hours 2 and 3, values 0..59 and 60..119
        assert vault.samples.hourly(1, 1) == [(2, 60, sum(range(60)), 0.0, 59.0, 3600),
                                             (3, 60, sum(range(60, 120)), 60.0, 119.0, 3600)]


_CRASH_MID_WRITE = """
import os, signal, sys
from healthbook.vault import Vault
vault = Vault.open(sys.argv[1], sys.argv[2])
vault.db._conn.execute("PRAGMA cache_size = 10")  # spill to the file, so a journal is needed
vault.db._conn.execute("BEGIN IMMEDIATE")
vault.db._conn.execute("CREATE TABLE scratch (x)")
for _ in range(300):
    vault.db._conn.execute("INSERT INTO scratch VALUES (?)", (os.urandom(4000),))
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_crashed_vault_on_read_only_media_says_how_to_open_it(vault_path: Path) -> None:
    """A crash leaves a journal SQLite must roll back, which read-only media cannot allow:
    the user gets a sentence saying what to do, and the copy then opens with nothing lost."""
    import subprocess
    import sys

    with Vault.open(vault_path, PASSPHRASE) as vault:
        vault.people.add("Kept")
    subprocess.run([sys.executable, "-c", _CRASH_MID_WRITE, str(vault_path), PASSPHRASE],
                   check=False)
    journal = vault_path.with_name(vault_path.name + "-journal")
    assert journal.exists()
    with pytest.raises(ReadOnlyVault, match="not closed properly") as caught:
        Vault.open(vault_path, PASSPHRASE, read_only=True)  # as on a write-protected stick
    assert "Copy the vault" in str(caught.value)
    with Vault.open(vault_path, PASSPHRASE) as vault:  # a writable copy rolls back and opens
        assert vault.integrity_ok()
        assert [p.name for p in vault.people.list()] == ["Kept"]
