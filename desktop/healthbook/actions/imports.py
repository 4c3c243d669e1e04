"""Import files and delete an import: the same loop and audit payloads for CLI and app."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from healthbook.actions.changes import Changes, Result
from healthbook.ingest import ImportFailed, ImportReport, PersonMismatch, import_file
from healthbook.progress import CancelToken, ProgressCallback, no_progress
from healthbook.vault import Person, Source, Vault, VaultError


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


def delete_import(vault: Vault, source_id: int, person: Person | None = None) -> Result[Source]:
    """Delete one import and exactly what it added."""
    with vault.transaction():
        source = vault.sources.get(source_id)
        if person is not None and source.person_id != person.id:
            raise VaultError(f"Import {source_id} does not belong to {person.name}.")
        vault.sources.delete(source_id)
        vault.audit.append("source-delete", {"source": source.id, "file": source.file_name,
                                             "records": source.records,
                                             "samples": source.samples})
    return Result(source, Changes(records=True, samples=True, sources=True,
                                  person_ids=frozenset({source.person_id})))
