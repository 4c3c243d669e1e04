"""Store what the user confirmed of a lab report read from a PDF, a scan or a photo.

The document itself is kept (encrypted) as the import's source record, each confirmed row
becomes a result that says where it was read and who confirmed it, and a result the vault
already has (the same test, day and value, from a FHIR file of the same lab) is linked to the
document instead of being stored twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from healthbook.actions.changes import Changes, Result
from healthbook.actions.records import SYSTEM_URIS, default_author
from healthbook.errors import InvalidInput
from healthbook.i18n import _, format_date
from healthbook.ingest.report import ImportReport
from healthbook.vault import Attachment, Person, Record, RecordKind, StoredRecord, Vault

if TYPE_CHECKING:  # the reader (OCR, images) loads when a report is read, not at start
    from healthbook.ingest.lab_report import Extraction, ResultRow

FORMAT = "lab-report"


@dataclass(frozen=True)
class ConfirmedRow:
    """One result as the user accepted it on the review screen (or with --accept)."""

    name: str  # the name to show (the library's plain name, or as printed)
    printed_name: str
    loinc: str | None
    value: float | None
    value_text: str
    unit: str | None  # UCUM when known, else as printed
    low: float | None = None
    high: float | None = None
    flag: str | None = None
    page: int = 1
    box: tuple[float, float, float, float] | None = None
    comparator: str | None = None


@dataclass(frozen=True)
class Document:
    """The report file, as read."""

    data: bytes
    file_name: str
    date: str | None  # the collection date (ISO); the user may have changed it
    lab: str | None = None
    content_type: str = field(default="")

    @property
    def media_type(self) -> str:
        """The document's MIME type."""
        return self.content_type or mimetypes.guess_type(self.file_name)[0] or \
            "application/octet-stream"


def confirm_document(vault: Vault, person: Person, document: Document,
                     rows: list[ConfirmedRow], *, by: str = "",
                     today: dt.date | None = None) -> Result[ImportReport]:
    """Store the confirmed rows of one document for `person`, all or nothing."""
    by = by or default_author()
    today = today or dt.date.today()
    if not rows:
        raise InvalidInput(_("There is no result to save: add or keep at least one row."))
    if not document.date:
        raise InvalidInput(_("Give the date the samples were taken."))
    if document.date > today.isoformat():
        raise InvalidInput(_("The date {date} is in the future.").format(date=document.date))
    sha = hashlib.sha256(document.data).hexdigest()
    report = ImportReport(document.file_name, FORMAT, person.name)
    provenance = {"read_from": document.file_name, "confirmed_by": by,
                  "confirmed_on": today.isoformat(), "lab": document.lab}
    with vault.transaction():
        source = vault.sources.add(person.id, document.file_name, sha, FORMAT)
        report.source_id = source
        title = _("Lab report from {lab}").format(lab=document.lab) if document.lab else \
            _("Lab report")
        doc = Record(RecordKind.DOCUMENT, display=title, effective=document.date,
                     category="lab-report", details=provenance,
                     attachment=Attachment(document.media_type, document.data,
                                           document.file_name))
        counts = vault.records.insert(person.id, source, [doc])
        report.added["document"] += counts.added
        report.duplicates["document"] += counts.duplicates
        existing = vault.records.list(person.id, RecordKind.OBSERVATION)
        for row in rows:
            record = _record(row, document.date, provenance)
            twin = _same_result(existing, record, _decimals(row.value_text))
            if twin is not None:
                vault.records.link(twin.id, source)
                report.duplicates["observation"] += 1
                continue
            counts = vault.records.insert(person.id, source, [record])
            report.added["observation"] += counts.added
            report.duplicates["observation"] += counts.duplicates
        if report.total_added == 0 and vault.sources.has_file(person.id, sha, source):
            vault.sources.discard(source)  # the same document again: nothing to list
            report.source_id = None
        else:
            vault.sources.set_report(source, report.as_dict())
        vault.audit.append("import", {
            "person": person.id, "file": document.file_name, "sha256": sha, "format": FORMAT,
            "source": report.source_id, "added": dict(report.added), "confirmed_by": by})
    return Result(report, Changes(records=True, sources=True,
                                  person_ids=frozenset({person.id})))


def _record(row: ConfirmedRow, date: str, provenance: Mapping[str, object]) -> Record:
    details = {**provenance, "printed_name": row.printed_name, "page": row.page}
    if row.box is not None:
        details["box"] = [round(v, 1) for v in row.box]
    text = None if row.value is not None else row.value_text
    if row.comparator and row.value is not None:
        text = row.comparator
    return Record(RecordKind.OBSERVATION, SYSTEM_URIS["loinc"] if row.loinc else None,
                  row.loinc, row.name, value_num=row.value, value_text=text, unit=row.unit,
                  ref_low=row.low, ref_high=row.high, interpretation=row.flag,
                  category="laboratory", effective=date, details=details)


def _decimals(text: str) -> int:
    """How many decimals a value is printed with ('4,52' -> 2)."""
    digits = text.replace(",", ".").strip().lstrip("<>=≤≥ ")
    return len(digits.split(".", 1)[1]) if "." in digits else 0


def _same_result(existing: list[StoredRecord], record: Record,
                 decimals: int) -> StoredRecord | None:
    """A stored result of the same test, the same day and the same value as printed (in any
    unit the test converts between), e.g. the FHIR copy of this report."""
    if not record.code or not record.effective:
        return None
    day = record.effective[:10]
    for stored in existing:
        other = stored.record
        if other.code != record.code or (other.effective or "")[:10] != day:
            continue
        if record.value_num is None or other.value_num is None:
            if record.value_num is None and other.value_num is None and \
                    (record.value_text or "").casefold() == (other.value_text or "").casefold():
                return stored
            continue
        if _same_value(record.value_num, record, other, decimals):
            return stored
    return None


def _same_value(printed: float, record: Record, other: Record, decimals: int) -> bool:
    """True when `other` rounds to the value the report printed."""
    value = other.value_num
    if value is None:
        return False
    if record.unit and other.unit and record.unit != other.unit:
        from healthbook.clinical.reference import analyte_for
        from healthbook.clinical.units import UnitMismatch, convert

        try:
            value = convert(value, other.unit, record.unit,
                            analyte_for(record.code, record.display))
        except UnitMismatch:
            return False
    return round(value, decimals) == round(printed, decimals)


LAB_REPORT_SUFFIXES = frozenset({".pdf", ".jpg", ".jpeg", ".png", ".heic", ".heif", ".tif",
                                 ".tiff", ".webp", ".bmp"})


def is_lab_report(path: Path) -> bool:
    """True for the files read as lab reports (a PDF or a picture), not as exports."""
    return path.suffix.lower() in LAB_REPORT_SUFFIXES


def confirmed(row: ResultRow) -> ConfirmedRow:
    """A row as the reader found it, accepted as is."""
    name = row.name
    if row.analyte:
        from healthbook.knowledge import entry_by_id

        entry = entry_by_id(row.analyte)
        if entry is not None:
            name = entry.name("en")  # stored data: the library shows it in any language
    return ConfirmedRow(name, row.name, row.loinc, row.value, row.value_text,
                        row.ucum or (row.unit or None), row.low, row.high, row.flag, row.page,
                        row.box, row.comparator)


def shown_unit(row: ResultRow) -> str:
    """A row's unit as people write it ("×10⁹/L" for UCUM's "10*9/L"), else as printed."""
    from healthbook.clinical.units import display_unit

    return display_unit(row.ucum) if row.ucum else row.unit


def typed_unit(text: str, row: ResultRow | None = None) -> str | None:
    """The UCUM unit of what the review screen's unit cell holds: the row's own when the
    cell still shows it, else the typed text read as a printed unit ("G/L", "x10^9/L")."""
    from healthbook.ingest.lab_report.units import to_ucum

    text = text.strip()
    if row is not None and text == shown_unit(row):
        return row.ucum or (row.unit or None)
    return to_ucum(text) or (text or None)


def person_doubt(person: Person, found: Extraction) -> str | None:
    """One sentence when the report names someone else (its birth date differs)."""
    if found.birth_date and person.birth_date and found.birth_date != person.birth_date:
        return _("This report is for someone born on {theirs}, but {name} was born on "
                 "{ours}.").format(theirs=format_date(found.birth_date), name=person.name,
                                   ours=format_date(person.birth_date))
    return None
