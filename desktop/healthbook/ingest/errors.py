"""Import errors: one clear sentence each; a failed import changes nothing in the vault."""

from __future__ import annotations


class ImportFailed(Exception):
    """The file could not be imported; the vault is unchanged."""


class UnsupportedFormat(ImportFailed):
    """The file's format is not one Healthbook reads (or not this version of it)."""


class UnsafeFile(ImportFailed):
    """The file looks like an attack (entity expansion, zip bomb, external entities)."""
