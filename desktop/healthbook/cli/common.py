"""Shared CLI helpers: passphrases, opening vaults, errors, a terminal progress bar."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from healthbook.errors import HealthbookError
from healthbook.i18n import _, localise_number, ngettext
from healthbook.paths import default_vault_path
from healthbook.progress import Progress
from healthbook.vault import Person, Vault

PASSPHRASE_ENV = "HEALTHBOOK_PASSPHRASE"
NEW_PASSPHRASE_ENV = "HEALTHBOOK_NEW_PASSPHRASE"


class CliError(HealthbookError):
    """A problem with how the command was used; printed as one sentence, exit code 1."""


def add_vault_argument(parser: argparse.ArgumentParser, *, optional: bool = True) -> None:
    """The VAULT positional and the passphrase options.

    VAULT is optional (the default vault) unless more positionals follow it: argparse cannot
    tell an optional VAULT from the first FILE once options stand between them.
    """
    parser.add_argument("vault", metavar="VAULT", nargs="?" if optional else None, type=Path,
                        default=None, help=_("vault file (default: the standard vault)"))
    parser.add_argument("--passphrase-file", type=Path, metavar="FILE",
                        help=_("read the passphrase from FILE (or set {ENV})").format(
                                 ENV=PASSPHRASE_ENV))


def vault_path(args: argparse.Namespace) -> Path:
    """The vault path the user gave, or the default one."""
    return args.vault if args.vault is not None else default_vault_path()


def _read_file_secret(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CliError(_("Cannot read the passphrase file {path}: {error}.").format(
                           path=path, error=exc.strerror)) from exc
    return text[:-1] if text.endswith("\n") else text


def read_secret(file: Path | None, env: str, prompt: str, *, confirm: bool = False) -> str:
    """A passphrase from a file, then the environment, then the terminal."""
    if file is not None:
        return _read_file_secret(file)
    if os.environ.get(env):
        return os.environ[env]
    if not sys.stdin.isatty():
        raise CliError(_("No passphrase given: use --passphrase-file FILE or set {env}.").format(
                           env=env))
    secret = getpass.getpass(prompt)
    if confirm and getpass.getpass(_("Repeat it: ")) != secret:
        raise CliError(_("The two passphrases differ; nothing was changed."))
    if not secret:
        raise CliError(_("The passphrase cannot be empty."))
    return secret


def passphrase(args: argparse.Namespace, *, confirm: bool = False) -> str:
    """The vault passphrase for this command."""
    return read_secret(args.passphrase_file, PASSPHRASE_ENV, _("Vault passphrase: "),
                       confirm=confirm)


@contextmanager
def open_vault(args: argparse.Namespace, *, read_only: bool = False) -> Iterator[Vault]:
    """Unlock the command's vault for the duration of the block."""
    vault = Vault.open(vault_path(args), passphrase(args), read_only=read_only)
    try:
        yield vault
    finally:
        vault.close()


def person(vault: Vault, name: str | None) -> Person:
    """The person named on the command line, or the only person in the vault."""
    if name:
        return vault.people.get(name)
    people = vault.people.list()
    if len(people) == 1:
        return people[0]
    if not people:
        raise CliError(_("This vault has no people yet: add one with 'healthbook people VAULT add "
                         "NAME'."))
    raise CliError(_("This vault holds several people: choose one with --person NAME."))


def print_json(data: Any) -> None:
    """Print data as indented JSON on stdout."""
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


class TerminalProgress:
    """A one-line progress bar on stderr (silent when stderr is not a terminal)."""

    def __init__(self, label: str) -> None:
        self._label = label
        self._enabled = sys.stderr.isatty()
        self._last = -1

    def __call__(self, update: Progress) -> None:
        if not self._enabled:
            return
        fraction = update.fraction
        percent = -1 if fraction is None else int(fraction * 100)
        if percent == self._last and fraction is not None:
            return
        self._last = percent
        bar = "" if fraction is None else "#" * (percent // 4)
        extra = " " + ngettext("{n} record", "{n} records", update.records).format(
            n=localise_number(f"{update.records:,}")) if update.records else ""
        text = f"\r{self._label} [{bar:<25}] {max(percent, 0):3d}%{extra}"
        sys.stderr.write(text)
        sys.stderr.flush()

    def finish(self) -> None:
        """End the bar's line."""
        if self._enabled and self._last >= 0:
            sys.stderr.write("\n")
