"""Importers: detect a file's format and stream it into the vault, one transaction per file."""

from healthbook.ingest.core import import_file
from healthbook.ingest.detect import Format, detect
from healthbook.ingest.errors import ImportFailed, PersonMismatch, UnsafeFile, UnsupportedFormat
from healthbook.ingest.report import ImportReport

__all__ = ["Format", "ImportFailed", "ImportReport", "PersonMismatch", "UnsafeFile",
           "UnsupportedFormat",
           "detect", "import_file"]
