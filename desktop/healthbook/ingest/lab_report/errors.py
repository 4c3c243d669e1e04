"""Why a lab report could not be read: one clear sentence each."""

from __future__ import annotations

from healthbook.ingest.errors import ImportFailed, UnsafeFile


class ReportUnreadable(ImportFailed):
    """The file could not be read as a lab report; nothing was stored."""


class PasswordProtected(ReportUnreadable):
    """The PDF is encrypted with a password."""


class DamagedFile(ReportUnreadable):
    """The PDF or image is damaged or not what its content claims."""


class NotADocument(ReportUnreadable):
    """An image with no readable text: not a photo or scan of a document."""


class NoResults(ReportUnreadable):
    """The document was read, but no lab result rows were found in it."""


class TooLarge(ReportUnreadable):
    """The file has more pages or pixels than the reader accepts."""


class HostileFile(UnsafeFile, ReportUnreadable):
    """The file looks built to harm a reader (absurd sizes, a decompression bomb)."""


class OcrUnavailable(ReportUnreadable):
    """A scan or photo needs the OCR engine, which is not installed."""
