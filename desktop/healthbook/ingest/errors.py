"""Import errors: one clear sentence each; a failed import changes nothing in the vault."""

from __future__ import annotations

from healthbook.errors import HealthbookError


class ImportFailed(HealthbookError):
    """The file could not be imported; the vault is unchanged."""


class UnsupportedFormat(ImportFailed):
    """The file's format is not one Healthbook reads (or not this version of it)."""


class UnsafeFile(ImportFailed):
    """The file looks like an attack (entity expansion, zip bomb, external entities)."""


class PersonMismatch(ImportFailed):
    """The file is about another patient than the person it is imported for (or several).

    Nothing was imported; the user may confirm, and the import is run again with
    `force_person=True`.
    """

    def __init__(self, message: str, file_patient: str) -> None:
        super().__init__(message)
        self.file_patient = file_patient  # who the file names, as one phrase
