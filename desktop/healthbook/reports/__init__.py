"""Reports: the appointment-prep sheet, the PDF summary and the FHIR sharing export."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from healthbook.clinical.snapshot import load_person
from healthbook.errors import InvalidInput
from healthbook.i18n import _
from healthbook.progress import CancelToken, ProgressCallback, no_progress
from healthbook.reports.share import Shared, chosen, fhir_bundle
from healthbook.reports.sheet import SheetInput, build_sheet
from healthbook.vault import Person, Vault

__all__ = ["SheetInput", "Shared", "build_sheet", "export", "fhir_bundle", "prep_sheet",
           "write_private"]


def write_private(path: Path, data: bytes) -> Path:
    """Write an export the user asked for, readable by its owner only."""
    path = Path(path).expanduser()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    return path


def sheet_input(vault: Vault, person: Person, since: str | None = None,
                visit: str | None = None, kinds: set[str] | None = None) -> SheetInput:
    """Everything a sheet needs, read from the vault (the one person loader)."""
    data = load_person(vault, person)
    return SheetInput(data.facts, data.records, data.sources, since, visit, kinds)


def prep_sheet(vault: Vault, person: Person, out: Path, questions: list[str],
               since: str | None = None, visit: str | None = None) -> Path:
    """Write the appointment-prep PDF and note it in the audit log."""
    data = sheet_input(vault, person, since, visit)
    pdf = build_sheet(data, _("Appointment preparation"), questions)
    written = write_private(out, pdf)
    vault.log("export", {"person": person.id, "format": "prep-pdf",
                                  "since": since, "records": [r.id for r in data.records]})
    return written


def export(vault: Vault, person: Person, out: Path, fmt: str, since: str | None = None,
           kinds: set[str] | None = None, *, progress: ProgressCallback = no_progress,
           cancel: CancelToken | None = None) -> dict[str, Any]:
    """The sharing export (FHIR R4 Bundle or PDF summary); returns what it held.

    Nothing is written until the whole export is ready, so a cancel leaves no file.
    """
    person = vault.people.get(person.id)
    records = chosen(vault.records.list(person.id), kinds, since)
    if fmt == "fhir":
        shared = fhir_bundle(person, records, progress=progress, cancel=cancel)
        write_private(out, shared.json_bytes())
        held, skipped = shared.record_ids, shared.skipped
    elif fmt == "pdf":
        data = sheet_input(vault, person, since, None, kinds)
        data.records = records
        pdf = build_sheet(data, _("Health summary"))
        if cancel is not None:
            cancel.check()
        write_private(out, pdf)
        held, skipped = [r.id for r in records], []
    else:
        raise InvalidInput(_("Unknown export format {format}: use fhir or pdf.").format(
            format=repr(fmt)))
    summary = {"person": person.id, "format": fmt, "since": since,
               "kinds": sorted(kinds) if kinds else "all", "records": held,
               "skipped": skipped}
    vault.log("export", summary)
    return summary
