"""Guessing passphrases: repeated wrong ones are slowed down and never alter the file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from healthbook.vault import TooManyAttempts, Vault, WrongPassphrase
from healthbook.vault import attempts as attempt_log
from tests.adversarial.conftest import Attacks
from tests.conftest import PASSPHRASE
from tests.helpers import run_cli, sha256_file


def test_wrong_passphrases_are_slowed_down_and_change_nothing(
        vault_path: Path, monkeypatch: pytest.MonkeyPatch, attacks: Attacks) -> None:
    digest, mtime = sha256_file(vault_path), os.stat(vault_path).st_mtime_ns
    clock = [1_000_000.0]
    monkeypatch.setattr(attempt_log.time, "time", lambda: clock[0])
    for guess in range(attempt_log.FREE_ATTEMPTS):
        with pytest.raises(WrongPassphrase):
            Vault.open(vault_path, f"guess {guess}")
    waits = []
    for guess in range(4):
        with pytest.raises(TooManyAttempts, match="wait"):
            Vault.open(vault_path, PASSPHRASE)  # even the right one must wait its turn
        waits.append(attempt_log.wait_needed(vault_path))
        clock[0] += waits[-1]
        with pytest.raises(WrongPassphrase):
            Vault.open(vault_path, f"another guess {guess}")
    assert waits == [2.0, 4.0, 8.0, 16.0]  # doubling, up to a minute
    attacks.tried("wrong passphrase guesses", True)
    assert (sha256_file(vault_path), os.stat(vault_path).st_mtime_ns) == (digest, mtime)
    clock[0] += attempt_log.MAX_WAIT
    Vault.open(vault_path, PASSPHRASE).close()
    assert attempt_log.wait_needed(vault_path) == 0  # the right passphrase resets the count


def test_the_cli_reports_the_wait_in_one_sentence(vault_path: Path) -> None:
    for guess in range(attempt_log.FREE_ATTEMPTS):
        done = run_cli("stats", str(vault_path), env={"HEALTHBOOK_PASSPHRASE": f"no {guess}"})
        assert done.returncode == 2
    done = run_cli("stats", str(vault_path), env={"HEALTHBOOK_PASSPHRASE": PASSPHRASE})
    assert done.returncode == 1
    assert done.stderr.startswith("healthbook: Too many wrong passphrases: wait ")
