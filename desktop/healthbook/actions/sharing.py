"""Sharing: save or print the visit sheet, export a summary (each noted in the audit log)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from healthbook.actions.changes import Changes, Result
from healthbook.progress import CancelToken, ProgressCallback, no_progress
from healthbook.vault import Person, Vault


def save_sheet(vault: Vault, person: Person, out: Path, questions: list[str],
               since: str | None = None, visit: str | None = None) -> Result[Path]:
    """Write the appointment-prep PDF."""
    from healthbook.reports import prep_sheet

    return Result(prep_sheet(vault, person, out, questions, since, visit), Changes())


def sheet_for_printing(vault: Vault, person: Person, title: str, questions: list[str],
                       since: str | None, visit: str | None, scale: float) -> Result[list[bytes]]:
    """The sheet's pages as images for a printer (nothing written to disk)."""
    from healthbook.reports import build_sheet, sheet_input
    from healthbook.reports.pdf_pages import pdf_pages

    pdf = build_sheet(sheet_input(vault, person, since, visit), title, questions)
    vault.log("print", {"person": person.id, "format": "prep-sheet"})
    return Result(pdf_pages(pdf, scale=scale), Changes())


def export_summary(vault: Vault, person: Person, out: Path, fmt: str,
                   since: str | None = None, kinds: set[str] | None = None, *,
                   progress: ProgressCallback = no_progress,
                   cancel: CancelToken | None = None) -> Result[dict[str, Any]]:
    """The sharing export (FHIR R4 Bundle or PDF summary); returns what it held."""
    from healthbook.reports import export

    return Result(export(vault, person, out, fmt, since, kinds, progress=progress,
                         cancel=cancel), Changes())
