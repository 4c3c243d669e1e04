"""One vault, two processes: the second gets one clear sentence, never a corrupted file."""

from __future__ import annotations

from pathlib import Path

from healthbook.vault import Vault
from tests.adversarial.conftest import Attacks
from tests.conftest import PASSPHRASE
from tests.helpers import run_cli


def test_a_second_process_is_told_the_vault_is_open_elsewhere(vault_path: Path,
                                                              attacks: Attacks) -> None:
    env = {"HEALTHBOOK_PASSPHRASE": PASSPHRASE}
    with Vault.open(vault_path, PASSPHRASE) as vault:
        vault.people.add("Held")
        for command in (["stats", str(vault_path)], ["people", str(vault_path), "add", "Other"]):
            done = run_cli(*command, env=env)
            held = done.returncode == 1 and "open in another" in done.stderr and \
                "Traceback" not in done.stderr
            attacks.tried(f"second process runs {command[0]}", held)
            assert held, done.stderr
        assert vault.integrity_ok()
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert [p.name for p in vault.people.list()] == ["Held"]
