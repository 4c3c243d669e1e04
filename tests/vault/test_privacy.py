"""Nothing readable on disk: records with a marker leave no plaintext trace anywhere."""

from __future__ import annotations

import tempfile
from pathlib import Path

from healthbook.paths import default_vault_path
from healthbook.vault import Attachment, Record, RecordKind, Vault
from tests.conftest import PASSPHRASE
from tests.helpers import add_source, files_containing

MARKER = "ZQX-MARKER-7f3a9c"


def test_no_plaintext_outside_the_cipher(private_dirs: dict[str, Path]) -> None:
    path = default_vault_path()
    assert str(path).startswith(str(private_dirs["data"]))
    with Vault.create(path, PASSPHRASE) as vault:
        person = vault.people.add(f"Person {MARKER}")
        src = add_source(vault, person.id, f"{MARKER}.json")
        records = [
            Record(RecordKind.CONDITION, display=f"Condition {MARKER} {i}", effective="2020-01-01")
            for i in range(2000)
        ]
        records.append(Record(RecordKind.DOCUMENT, display="note", attachment=Attachment(
            "text/plain", f"note text {MARKER}".encode())))
        vault.records.insert(person.id, src, records)
        vault.backup(path.with_name("backup.vault"))
        # A large sort forces SQLite's temporary storage; it must stay in memory.
        vault.db.query("SELECT display FROM record ORDER BY display DESC, id")
    roots = [private_dirs[name] for name in ("data", "config", "cache", "tmp")]
    roots.append(Path(tempfile.gettempdir()))
    assert files_containing(roots, MARKER.encode()) == []
    assert path.exists()
    assert path.with_name("backup.vault").exists()
