"""One import is one transaction: cancel, errors and SIGKILL leave the vault as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from healthbook.ingest import import_file
from healthbook.progress import Cancelled, CancelToken, Progress
from healthbook.vault import Person, Vault
from tests.conftest import DATA, PASSPHRASE
from tests.generate import apple_health_export
from tests.ingest.conftest import snapshot
from tests.ingest.test_parse_worker import worker_pids


def test_cancel_mid_import_changes_nothing(vault: Vault, person: Person,
                                           tmp_path: Path) -> None:
    import_file(vault, person, DATA / "fhir-r4" / "observation-example.json")
    before = snapshot(vault)
    export = apple_health_export(tmp_path / "export.zip", 60_000)
    token = CancelToken()
    seen: list[Progress] = []

    def on_progress(update: Progress) -> None:
        seen.append(update)
        if update.records > 10_000:
            token.cancel()

    with pytest.raises(Cancelled):
        import_file(vault, person, export, progress=on_progress, cancel=token)
    assert any(0 < p.done < p.total for p in seen)  # a real progress bar moved
    assert snapshot(vault) == before
    # The vault is still usable and the same file imports fully afterwards.
    report = import_file(vault, person, export)
    assert report.added["samples"] > 60_000


def test_sigkill_mid_import_leaves_the_vault_as_before(vault_path: Path,
                                                       tmp_path: Path) -> None:
    with Vault.open(vault_path, PASSPHRASE) as vault:
        who = vault.people.add("Killed")
        import_file(vault, who, DATA / "fhir-r4" / "observation-example.json")
        before = snapshot(vault)
    export = apple_health_export(tmp_path / "big.zip", 400_000)
    env = dict(os.environ, HEALTHBOOK_PASSPHRASE=PASSPHRASE)
    proc = subprocess.Popen(
        [sys.executable, "-m", "healthbook", "import", str(vault_path), "--person", "Killed",
         str(export)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    journal = vault_path.with_name(vault_path.name + "-journal")
    deadline = time.monotonic() + 60
    while not journal.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    time.sleep(0.8)  # well inside the import: rows are being written
    assert proc.poll() is None, "the import finished before it could be killed"
    assert worker_pids(), "a 400k-record export is parsed by a second process"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10  # the parse worker dies of the broken pipe
    while worker_pids() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not worker_pids()
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert vault.integrity_ok()
        after = snapshot(vault)
        assert after[:3] == before[:3]
        assert after[4] == before[4]
        assert vault.audit.verify().ok
