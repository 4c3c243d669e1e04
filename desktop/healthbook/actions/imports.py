"""Import files and delete an import: the same loop and audit payloads for CLI and app."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from healthbook.actions.changes import Changes, Result
from healthbook.i18n import _, ngettext
from healthbook.ingest import ImportFailed, ImportReport, PersonMismatch, import_file
from healthbook.progress import CancelToken, ProgressCallback, no_progress
from healthbook.vault import Person, Removal, Vault, VaultError


@dataclass
class ImportOutcome:
    """What happened to each file of one import request."""

    reports: list[ImportReport] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    # Files naming another patient: not imported until the user confirms.
    doubts: list[tuple[Path, str]] = field(default_factory=list)


def import_files(vault: Vault, person: Person, paths: Sequence[Path], *,
                 progress: ProgressCallback = no_progress, cancel: CancelToken | None = None,
                 confirmed: Collection[Path] = (),
                 csv_mapping: Mapping[str, str] | None = None,
                 on_file: Callable[[Path], ProgressCallback] | None = None,
                 ) -> Result[ImportOutcome]:
    """Import files one after another; each is all or nothing and audited by import_file.

    A file naming another patient is kept aside in `doubts` unless it is in `confirmed`.
    `on_file`, when given, returns the progress callback for each file (a terminal bar).
    """
    outcome = ImportOutcome()
    for path in paths:
        report_to = on_file(path) if on_file is not None else progress
        try:
            outcome.reports.append(import_file(
                vault, person, path, progress=report_to, cancel=cancel,
                csv_mapping=csv_mapping, force_person=path in confirmed))
        except PersonMismatch as exc:
            outcome.doubts.append((path, str(exc)))
        except ImportFailed as exc:
            outcome.failed.append((path, str(exc)))
    added = any(r.total_added for r in outcome.reports)
    return Result(outcome, Changes(records=added, samples=added, sources=added,
                                   person_ids=frozenset({person.id})))


def delete_import(vault: Vault, source_id: int, person: Person | None = None
                  ) -> Result[Removal]:
    """Delete one import and exactly the records and samples no other import holds."""
    with vault.transaction():
        source = vault.sources.get(source_id)
        if person is not None and source.person_id != person.id:
            raise VaultError(_("Import {id} does not belong to {name}.").format(
                id=source_id, name=person.name))
        removal = vault.sources.delete(source_id)
        vault.audit.append("source-delete", {
            "source": source.id, "file": source.file_name,
            "records": removal.records_removed, "records_kept": removal.records_kept,
            "samples": removal.samples_removed, "samples_kept": removal.samples_kept})
    return Result(removal, Changes(records=True, samples=True, sources=True,
                                   person_ids=frozenset({source.person_id})))


def removal_sentence(removal: Removal) -> str:
    """What deleting an import did, in one sentence."""
    text = _("Deleted {file}: {records} and {samples} removed.").format(
        file=removal.source.file_name,
        records=ngettext("{n} record", "{n} records", removal.records_removed).format(
            n=removal.records_removed),
        samples=ngettext("{n} sample", "{n} samples", removal.samples_removed).format(
            n=removal.samples_removed))
    kept = removal.records_kept + removal.samples_kept
    if kept:
        text += " " + ngettext("{n} was kept because another import also holds it.",
                               "{n} were kept because another import also holds them.",
                               kept).format(n=kept)
    return text
