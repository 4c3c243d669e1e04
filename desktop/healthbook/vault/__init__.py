"""The encrypted vault: people, sources, records, samples and the audit log (SQLCipher)."""

from healthbook.vault.errors import (
    DuplicatePerson,
    NotAVault,
    PersonNotFound,
    ReadOnlyVault,
    SourceNotFound,
    StorageFull,
    TooManyAttempts,
    VaultBusy,
    VaultError,
    VaultExists,
    VaultNotFound,
    VaultTooNew,
    WrongPassphrase,
)
from healthbook.vault.models import (
    Attachment,
    AuditCheck,
    AuditEntry,
    Edit,
    NameRule,
    Person,
    PersonId,
    Record,
    RecordId,
    RecordKind,
    Removal,
    Source,
    SourceId,
    StoredRecord,
)
from healthbook.vault.vault import Vault

__all__ = [
    "Attachment", "AuditCheck", "AuditEntry", "DuplicatePerson", "Edit", "NameRule",
    "NotAVault", "Person", "PersonId", "PersonNotFound", "ReadOnlyVault", "Record", "RecordId",
    "RecordKind", "Removal", "Source", "SourceId", "SourceNotFound", "StorageFull",
    "StoredRecord", "TooManyAttempts", "Vault", "VaultBusy", "VaultError", "VaultExists",
    "VaultNotFound", "VaultTooNew", "WrongPassphrase",
]
