"""A thief with the laptop: the vault file and its backup are useless without the passphrase."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from healthbook.ingest import import_file
from healthbook.vault import Vault
from tests.adversarial.conftest import Attacks
from tests.conftest import DATA, PASSPHRASE

SYNTHEA = DATA / "synthea" / "Fletcher_Hyatt_fe0562b5-f517-4951-8366-32fdab088930.json"


def test_the_files_reveal_nothing_without_the_passphrase(vault_path: Path, tmp_path: Path,
                                                         attacks: Attacks) -> None:
    with Vault.open(vault_path, PASSPHRASE) as vault:
        person = vault.people.add("Fletcher")
        import_file(vault, person, SYNTHEA)
        kdf = int(vault.db.scalar("PRAGMA kdf_iter"))
        backup = vault.backup(tmp_path / "backup.vault")
    strong = kdf >= 256_000  # SQLCipher 4's default
    attacks.tried("weak key derivation", strong)
    assert strong
    names = [b"Fletcher", b"Hyatt", b"SQLite format 3", b"observation", b"Encounter"]
    for file in (vault_path, backup):
        data = file.read_bytes()
        readable = [n for n in names if n in data]
        attacks.tried(f"reading {file.name} as bytes", readable == [])
        assert readable == []
        try:  # plain SQLite cannot read it either
            with sqlite3.connect(file) as conn:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            opened = True
        except sqlite3.DatabaseError:
            opened = False
        attacks.tried(f"opening {file.name} with plain SQLite", not opened)
        assert not opened
