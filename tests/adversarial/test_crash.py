"""SIGKILL at seeded random points during import, rekey, backup, person removal and assistant
audit writes. After each kill the vault opens with one of the passphrases, PRAGMA
integrity_check is ok, and its content equals the state before or after — never a mix."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from healthbook.ingest import import_file
from healthbook.vault import Vault, WrongPassphrase
from tests.adversarial.conftest import Attacks, scale
from tests.adversarial.crash_worker import NEW_PASSPHRASE
from tests.conftest import DATA, PASSPHRASE
from tests.generate import apple_health_export

ROOT = Path(__file__).resolve().parents[2]
OPERATIONS = ("import", "rekey", "backup", "remove", "audit")
KILLS_PER_OPERATION = scale(2, 11)  # 55 kill points in the full run


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A vault with a wearable person (50k samples) and a Synthea patient, and an export."""
    folder = tmp_path_factory.mktemp("crash")
    path = folder / "base.vault"
    with Vault.create(path, PASSPHRASE) as vault:
        walker = vault.people.add("Walker")
        import_file(vault, walker, apple_health_export(folder / "old.zip", 50_000, seed=1))
        patient = vault.people.add("Patient")
        import_file(vault, patient, DATA / "synthea" /
                    "Fletcher_Hyatt_fe0562b5-f517-4951-8366-32fdab088930.json")
    return path, apple_health_export(folder / "new.zip", 40_000, seed=2)


def state(path: Path) -> tuple[str, tuple]:
    """(which passphrase opens it, content): people, counts, samples, sources, audit entries
    (other than unlocks). Opened for writing, as the app would: a crash's journal is rolled
    back on open."""
    for secret in (PASSPHRASE, NEW_PASSPHRASE):
        try:
            vault = Vault.open(path, secret)
        except WrongPassphrase:
            continue
        with vault:
            assert vault.integrity_ok()
            assert vault.audit.verify().ok
            people = tuple(p.name for p in vault.people.list())
            content = (people, tuple(sorted(vault.stats().items())),
                       sum(e.action != "unlock" for e in vault.audit.entries()))
        return secret, content
    raise AssertionError("neither passphrase opens the vault")


def run(op: str, path: Path, arg: str | None, kill_after: float | None) -> float:
    """Run the worker; kill it `kill_after` seconds into the operation (None: let it finish).
    Returns the seconds the operation ran."""
    env = dict(os.environ, PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'desktop'}")
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.adversarial.crash_worker", op, str(path),
         *([arg] if arg else [])], cwd=ROOT, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, text=True)
    with proc.stdout:
        assert proc.stdout.readline().strip() == "go"
        started = time.perf_counter()
        if kill_after is None:
            assert proc.stdout.readline().strip() == "done"
            proc.wait(60)
            return time.perf_counter() - started
        time.sleep(kill_after)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(60)
        return kill_after


@pytest.mark.parametrize("op", OPERATIONS)
def test_sigkill_leaves_the_state_before_or_after(op: str, base: tuple[Path, Path],
                                                  tmp_path: Path, attacks: Attacks) -> None:
    vault_path, export = base
    rng = random.Random(f"healthbook-{op}")
    work = tmp_path / "v.vault"
    backup = tmp_path / "copy.vault"
    arg = {"import": str(export), "backup": str(backup)}.get(op)
    shutil.copyfile(vault_path, work)
    before = state(work)
    duration = run(op, work, arg, None)  # undisturbed: the 'after' state
    after = state(work)
    assert after != before
    for _ in range(KILLS_PER_OPERATION):
        shutil.copyfile(vault_path, work)
        for leftover in tmp_path.glob("v.vault-*"):
            leftover.unlink()
        backup.unlink(missing_ok=True)
        run(op, work, arg, rng.uniform(0, duration))  # always before the operation ends
        now = state(work)
        if op == "audit":  # each answer's entry is its own transaction
            held = now[0] == PASSPHRASE and now[1][:2] == before[1][:2] and \
                before[1][2] <= now[1][2] <= after[1][2]
        else:
            held = now in (before, after)
        if op == "backup" and backup.exists():
            with Vault.open(backup, PASSPHRASE, read_only=True) as copy:
                held = held and copy.integrity_ok()
        attacks.tried(f"SIGKILL during {op}", held)
        assert held, (op, now, before, after)
