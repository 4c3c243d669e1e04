"""The hash-chained audit log detects edited, removed and truncated entries."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from healthbook.vault import Vault
from tests.conftest import PASSPHRASE


def _raw(path: Path):  # noqa: ANN202 - a raw keyed connection, as an attacker with the key has
    conn = sqlcipher.connect(str(path), isolation_level=None)
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("DROP TRIGGER audit_no_delete")
    return conn


def _vault_with_entries(vault_path: Path) -> None:
    with Vault.open(vault_path, PASSPHRASE) as vault:
        for name in ("A", "B", "C"):
            person = vault.people.add(name)
            vault.audit.append("person-add", {"person": person.id})
        check = vault.audit.verify()
        assert check.ok
        assert check.entries == len(vault.audit.entries()) >= 5


def test_entries_chain_and_are_append_only(vault: Vault) -> None:
    first = vault.audit.append("import", {"file": "a.json", "records": 3})
    second = vault.audit.append("export", {"file": "b.json"})
    assert second.prev_hash == first.hash
    assert second.seq == first.seq + 1
    from healthbook.vault.connection import DatabaseError

    with pytest.raises(DatabaseError, match="append-only"):
        vault.db.execute("UPDATE audit SET action = 'x' WHERE seq = 1")
    with pytest.raises(DatabaseError, match="append-only"):
        vault.db.execute("DELETE FROM audit WHERE seq = 1")
    assert vault.audit.verify().ok


@pytest.mark.parametrize(
    ("tamper", "problem"),
    [
        ("UPDATE audit SET detail = '{\"person\": 9}' WHERE seq = 3", "entry 3 was altered"),
        ("DELETE FROM audit WHERE seq = 2", "entry 2 is missing"),
        ("DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)", "removed from the end"),
        ("UPDATE audit SET at = '2000-01-01T00:00:00Z' WHERE seq = 1", "entry 1 was altered"),
    ],
)
def test_verify_detects_tampering(vault_path: Path, tamper: str, problem: str) -> None:
    _vault_with_entries(vault_path)
    conn = _raw(vault_path)
    conn.execute(tamper)
    conn.close()
    with Vault.open(vault_path, PASSPHRASE, read_only=True) as vault:
        check = vault.audit.verify()
    assert not check.ok
    assert problem in (check.problem or "")
    # Later entries (the next unlock appends one) must not hide the damage.
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert not vault.audit.verify().ok


def test_unlocks_are_recorded(vault_path: Path) -> None:
    for _ in range(2):
        Vault.open(vault_path, PASSPHRASE).close()
    with Vault.open(vault_path, PASSPHRASE) as vault:
        actions = [e.action for e in vault.audit.entries()]
    assert actions[0] == "create"
    assert actions.count("unlock") == 3
