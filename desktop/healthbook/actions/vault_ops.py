"""Whole-vault operations: change the passphrase, back up, restore."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from healthbook.actions.changes import Changes, Result
from healthbook.progress import Progress, no_progress
from healthbook.vault import Vault

EVERYTHING = Changes(people=True, records=True, samples=True, sources=True)


def change_passphrase(vault: Vault, new_passphrase: str) -> Result[None]:
    """Re-encrypt the vault with a new passphrase (audited by the vault)."""
    vault.change_passphrase(new_passphrase)
    return Result(None, Changes(settings=True))


def back_up(vault: Vault, out: Path,
            progress: Callable[[Progress], None] = no_progress) -> Result[Path]:
    """Write an encrypted copy of the vault (same passphrase)."""
    return Result(vault.backup(out, progress=progress), Changes())


def restore(backup: Path, target: Path, passphrase: str) -> Result[None]:
    """Replace the vault at `target` with a verified backup."""
    Vault.restore(backup, target, passphrase)
    return Result(None, EVERYTHING)
