"""Lab reports on paper and in PDF -> result rows, read on this computer (no Qt, no network).

    from healthbook.ingest.lab_report import extract
    found = extract(Path("report.pdf"))        # or extract(data_bytes, file_name="scan.jpg")
    for row in found.rows: row.name, row.loinc, row.value, row.ucum, row.needs_review ...

See `model.py` for the fields and the box coordinates, `errors.py` for what can go wrong.
"""

from healthbook.ingest.lab_report.errors import (
    DamagedFile,
    HostileFile,
    NoResults,
    NotADocument,
    OcrUnavailable,
    PasswordProtected,
    ReportUnreadable,
    TooLarge,
)
from healthbook.ingest.lab_report.extract import extract
from healthbook.ingest.lab_report.model import (
    REVIEW_BELOW,
    Alternate,
    Extraction,
    Previous,
    ResultRow,
)
from healthbook.ingest.lab_report.render import page_image

__all__ = ["REVIEW_BELOW", "Alternate", "DamagedFile", "Extraction", "HostileFile",
           "NoResults", "NotADocument", "OcrUnavailable", "PasswordProtected", "Previous",
           "ReportUnreadable", "ResultRow", "TooLarge", "extract", "page_image"]
