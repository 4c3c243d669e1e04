"""Import one file into the vault: detect, parse as a stream, insert in one transaction."""

from __future__ import annotations

import functools
import hashlib
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from healthbook.i18n import _
from healthbook.ingest.context import ParseContext
from healthbook.ingest.detect import Format, detect
from healthbook.ingest.errors import ImportFailed
from healthbook.ingest.items import Demographics, Ignored, Item, Sample, SampleRows, Skipped
from healthbook.ingest.patient_match import PatientCheck
from healthbook.ingest.report import ImportReport
from healthbook.progress import CancelToken, Progress, ProgressCallback, no_progress
from healthbook.vault import Person, Record, SourceId, Vault, VaultError
from healthbook.vault.records import Occurrences

Parser = Callable[[ParseContext], Iterator[Item]]
RECORD_BATCH = 2_000
SAMPLE_BATCH = 50_000
PROGRESS_SECONDS = 0.1  # how often to report progress and check for cancel


def _parser(fmt: Format) -> Parser:
    # Imported lazily: fhir.resources and lxml are heavy and not needed at start-up.
    if fmt in (Format.APPLE_HEALTH_ZIP, Format.APPLE_HEALTH_XML):
        from healthbook.ingest.apple_health import parse_apple_health

        return parse_apple_health
    if fmt is Format.FHIR_JSON:
        from healthbook.ingest.fhir import parse_fhir_json

        return parse_fhir_json
    if fmt is Format.FHIR_NDJSON:
        from healthbook.ingest.fhir import parse_fhir_ndjson

        return parse_fhir_ndjson
    if fmt is Format.CCDA:
        from healthbook.ingest.ccda import parse_ccda_file

        return parse_ccda_file
    if fmt is Format.CSV:
        from healthbook.ingest.csv_file import parse_csv

        return parse_csv
    from healthbook.ingest.health_connect import parse_health_connect

    return parse_health_connect


def file_sha256(path: Path) -> str:
    """sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


class _Sink:
    """Buffers parsed items and writes them to the vault in batches."""

    def __init__(self, vault: Vault, person: Person, source: SourceId,
                 report: ImportReport, patients: PatientCheck | None) -> None:
        self.vault, self.person, self.source, self.report = vault, person, source, report
        self.patients = patients  # None: the user confirmed the file is this person's
        self.records: dict[str, list[Record]] = defaultdict(list)
        self.n_records = 0
        # (metric id, device id) -> (start, duration, value) rows waiting to be written
        self.samples: dict[tuple[int, int], list[tuple[int, int, float]]] = {}
        self.n_samples = 0
        self.spans: dict[int, tuple[int, int]] = {}  # metric id -> first and last start added
        self.sample_ids: dict[tuple[str, str, str], tuple[int | None, int]] = {}
        self.seen = 0  # records and samples read so far (for progress)
        self.occurrences = Occurrences()

    def add(self, item: Item) -> None:
        self.seen += len(item.rows) if type(item) is SampleRows else 1
        if type(item) is SampleRows:
            self._add_rows(item)
        elif type(item) is Sample:
            self._add_rows(SampleRows(item.metric, item.unit, item.device,
                                      [(item.start, item.duration, item.value)]))
        elif isinstance(item, Record):
            self.records[item.kind.value].append(item)
            self.n_records += 1
            if self.n_records >= RECORD_BATCH:
                self.flush_records()
        elif isinstance(item, Skipped):
            self.report.skip(item)
        elif isinstance(item, Ignored):
            self.report.ignored[item.kind] += 1
        elif isinstance(item, Demographics):
            if self.patients is not None:
                self.patients.check(item)
            self.vault.people.update_demographics(self.person, item.birth_date, item.sex)

    def _add_rows(self, batch: SampleRows) -> None:
        key = (batch.metric, batch.unit, batch.device)
        ids = self.sample_ids.get(key)
        if ids is None:
            metric = self.vault.samples.metric(batch.metric, batch.unit)
            ids = (metric.id if metric.unit == batch.unit else None,
                   self.vault.samples.device(batch.device))
            self.sample_ids[key] = ids
        metric_id, device_id = ids
        if metric_id is None:
            for _row in batch.rows:  # not `_`: that would hide gettext's `_` below
                self.report.skip(Skipped("sample", batch.metric,
                                         _("unit {unit} differs from the stored unit").format(
                                             unit=batch.unit)))
            return
        pending = self.samples.get((metric_id, device_id))
        if pending is None:
            self.samples[(metric_id, device_id)] = list(batch.rows)
        else:
            pending.extend(batch.rows)
        self.n_samples += len(batch.rows)
        if self.n_samples >= SAMPLE_BATCH:
            self.flush_samples()

    def flush_records(self) -> None:
        for kind, batch in self.records.items():
            counts = self.vault.records.insert(self.person.id, self.source, batch,
                                               self.occurrences)
            self.report.added[kind] += counts.added
            self.report.duplicates[kind] += counts.duplicates
        self.records.clear()
        self.n_records = 0

    def flush_samples(self) -> None:
        for (metric_id, device_id), rows in self.samples.items():
            added = self.vault.samples.insert_series(self.person.id, self.source, metric_id,
                                                     device_id, rows)
            first, last = min(rows)[0], max(rows)[0]
            lo, hi = self.spans.get(metric_id, (first, last))
            self.spans[metric_id] = (min(lo, first), max(hi, last))
            self.report.added["samples"] += added
            self.report.duplicates["samples"] += len(rows) - added
        self.samples = {}
        self.n_samples = 0

    def flush(self) -> None:
        """Write what is buffered, then bring the hourly rollups up to date."""
        self.flush_records()
        self.flush_samples()
        for metric_id, (first, last) in self.spans.items():
            self.vault.samples.refresh_rollup(self.person.id, metric_id, first, last)
        self.spans.clear()


def import_file(vault: Vault, person: Person, path: Path | str, *,
                progress: ProgressCallback = no_progress,
                cancel: CancelToken | None = None,
                csv_mapping: Mapping[str, str] | None = None,
                force_person: bool = False) -> ImportReport:
    """Import one file for `person`. All or nothing: on any error or cancel, nothing changes.

    `csv_mapping` (role -> column header) chooses a CSV file's columns; it is remembered.
    A file that names another patient (birth date or sex that disagree with the person's, or
    several patients) raises PersonMismatch unless `force_person` (the user confirmed).
    """
    path = Path(path)
    person = vault.people.get(person.id)  # demographics an earlier import filled in
    fmt = detect(path)
    parse = _parser(fmt)
    if fmt is Format.CSV and csv_mapping:
        from healthbook.ingest.csv_file import parse_csv

        parse = functools.partial(parse_csv, mapping=csv_mapping)
    report = ImportReport(path.name, fmt.value, person.name)
    ctx = ParseContext(path, path.stat().st_size)
    sha = file_sha256(path)
    cancel = cancel or CancelToken()
    progress(Progress(0, ctx.total_bytes, message=_("Reading {name}").format(name=path.name)))
    try:
        with vault.db.bulk_writes(), vault.transaction():
            source = vault.sources.add(person.id, path.name, sha, fmt.value)
            report.source_id = source
            patients = None if force_person else PatientCheck(person, path.name)
            sink = _Sink(vault, person, source, report, patients)
            _pump(parse(ctx), sink, ctx, progress, cancel)
            sink.flush()
            cancel.check()
            if report.total_added == 0 and (report.total_duplicates == 0 or
                                            vault.sources.has_file(person.id, sha, source)):
                # Nothing new and nothing this file alone would keep: not an import to list.
                vault.sources.discard(source)
                report.source_id = None
            else:
                vault.sources.set_report(source, report.as_dict())
            vault.audit.append("import", {
                "person": person.id, "file": path.name, "sha256": sha, "format": fmt.value,
                "source": report.source_id, "added": dict(report.added),
            })
    except (ImportFailed, VaultError):
        vault.samples.forget_cache()
        raise
    except (RecursionError, MemoryError, ValueError, KeyError, TypeError, OSError,
            UnicodeError) as exc:
        vault.samples.forget_cache()
        raise ImportFailed(_("{name} could not be imported: {error}. Nothing was changed.").format(
                               name=path.name, error=exc)
                           ) from exc
    except BaseException:
        vault.samples.forget_cache()
        raise
    if fmt is Format.CSV and csv_mapping:
        from healthbook.ingest.csv_file import remember_headers_of

        remember_headers_of(path, csv_mapping)
    progress(Progress(ctx.total_bytes, ctx.total_bytes, records=report.total_added,
                      message=_("Done")))
    return report


def _pump(items: Iterator[Item], sink: _Sink, ctx: ParseContext, progress: ProgressCallback,
          cancel: CancelToken) -> None:
    last = time.monotonic()
    try:
        for item in items:
            sink.add(item)
            now = time.monotonic()
            if now - last > PROGRESS_SECONDS:
                last = now
                cancel.check()
                progress(Progress(ctx.done_bytes, ctx.total_bytes, records=sink.seen,
                                  message=_("Importing {name}").format(name=ctx.path.name)))
        cancel.check()
    finally:
        # Close the parser now, not when the traceback is freed: a parse worker stops at once.
        close = getattr(items, "close", None)
        if close is not None:
            close()
