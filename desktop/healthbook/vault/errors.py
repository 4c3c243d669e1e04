"""The vault's error hierarchy: each is one clear sentence for the user."""

from __future__ import annotations

from healthbook.errors import HealthbookError


class VaultError(HealthbookError):
    """Base class for every error the vault reports to users."""


class WrongPassphrase(VaultError):
    """The passphrase does not unlock this vault. The file was not changed."""


class VaultNotFound(VaultError):
    """No vault file exists at the given path."""


class VaultExists(VaultError):
    """A file already exists where a new vault was to be created."""


class NotAVault(VaultError):
    """The file is not a Healthbook vault (for example a plain SQLite database)."""


class VaultTooNew(VaultError):
    """The vault was written by a newer Healthbook; it is left untouched."""


class StorageFull(VaultError):
    """A write failed for lack of space (or an I/O error); the transaction was undone."""


class TooManyAttempts(VaultError):
    """Several wrong passphrases in a row: the next attempt must wait. The file was not
    touched."""


class VaultBusy(VaultError):
    """The vault is open in another Healthbook window or process."""


class ReadOnlyVault(VaultError):
    """The vault was opened read-only (for example on read-only media)."""


class PersonNotFound(VaultError):
    """No person with that name or id is in the vault."""


class DuplicatePerson(VaultError):
    """A person with that name is already in the vault."""


class SourceNotFound(VaultError):
    """No import source with that id is in the vault."""
