"""Disk full and read-only media: an import that runs out of space fails cleanly with one
sentence and leaves the vault as it was; a vault on read-only media opens read-only."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from healthbook.ingest import import_file
from healthbook.vault import ReadOnlyVault, Vault
from tests.adversarial.conftest import Attacks
from tests.adversarial.test_crash import state
from tests.conftest import DATA, PASSPHRASE
from tests.generate import apple_health_export

ROOT = Path(__file__).resolve().parents[2]


def _limit_file_size(limit: int):  # noqa: ANN202 - a preexec_fn
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes fail with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_an_import_that_runs_out_of_space_changes_nothing(vault_path: Path, tmp_path: Path,
                                                           attacks: Attacks) -> None:
    with Vault.open(vault_path, PASSPHRASE) as vault:
        vault.people.add("Full")
    export = apple_health_export(tmp_path / "big.zip", 120_000)
    before = state(vault_path)
    limit = vault_path.stat().st_size + 256 * 1024  # room for the journal, not the data
    done = subprocess.run(
        [sys.executable, "-m", "healthbook", "import", str(vault_path), "--person", "Full",
         str(export)], capture_output=True, text=True, timeout=300,
        env=dict(os.environ, HEALTHBOOK_PASSPHRASE=PASSPHRASE),
        preexec_fn=_limit_file_size(limit), check=False)
    held = done.returncode == 1 and "Traceback" not in done.stderr and \
        done.stderr.count("\n") == 1 and state(vault_path) == before
    attacks.tried("disk full during import", held)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "space" in done.stderr or "full" in done.stderr, done.stderr
    assert state(vault_path) == before


@pytest.fixture
def read_only_mount(tmp_path: Path) -> Iterator[Path]:
    """A small tmpfs, remounted read-only once the test has put its files there."""
    mount = tmp_path / "media"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mount)],
                          capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip("mounting a file system needs privileges this machine does not give")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_vault_on_read_only_media_opens_read_only(qtbot, read_only_mount: Path,  # noqa: ANN001
                                                    vault_path: Path,
                                                    attacks: Attacks) -> None:
    with Vault.open(vault_path, PASSPHRASE) as vault:
        person = vault.people.add("Reader")
        import_file(vault, person, DATA / "fhir-r4" / "observation-example.json")
    copy = read_only_mount / "stick.vault"
    shutil.copyfile(vault_path, copy)
    subprocess.run(["mount", "-o", "remount,ro", str(read_only_mount)], check=True)
    with Vault.open(copy, PASSPHRASE) as vault:
        assert vault.read_only
        assert vault.records.counts()["observation"] == 1
        with pytest.raises(ReadOnlyVault):
            vault.people.add("Writer")
    from healthbook.preferences import Preferences
    from healthbook.ui.main_window import MainWindow

    window = MainWindow(vault_path=copy, prefs=Preferences())
    qtbot.addWidget(window)
    window.unlock_view.passphrase.setText(PASSPHRASE)
    window.unlock_view.submit.click()
    qtbot.waitUntil(lambda: window.session.data is not None, timeout=30_000)
    assert window.demo_label.text().startswith("Read-only")
    window.close()
    attacks.tried("vault on read-only media", True)
