"""`healthbook import VAULT --person NAME FILE... [--json]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from healthbook.cli.common import (
    CliError,
    TerminalProgress,
    add_vault_argument,
    open_vault,
    person,
    print_json,
)
from healthbook.i18n import _

if TYPE_CHECKING:
    from healthbook.ingest.report import ImportReport
    from healthbook.vault import Person, Vault


def register(sub: argparse._SubParsersAction) -> None:
    """Add the import command."""
    p = sub.add_parser("import", help=_("import health files (format detected from content)"))
    add_vault_argument(p, optional=False)
    p.add_argument("--person", metavar="NAME", help=_("whose records these are"))
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--csv-map", metavar="ROLE=COLUMN,...",
                   help=_("CSV columns, e.g. date=Collected,test=Analyte,value=Result,unit=Units"))
    p.add_argument("--json", action="store_true", help=_("print the import reports as JSON"))
    p.add_argument("--accept", action="store_true",
                   help=_("lab reports (PDF, scan, photo): store the results read with "
                          "confidence (without it, the rows are shown and nothing is stored)"))
    p.add_argument("--force-person", action="store_true",
                   help=_("import even when a file names another patient (birth date or sex "
                          "differ from the person's) or several patients"))
    p.set_defaults(func=cmd_import)


def _csv_map(text: str | None) -> dict[str, str] | None:
    if not text:
        return None
    mapping = {}
    for part in text.split(","):
        role, sep, column = part.partition("=")
        if not sep or not column.strip():
            raise CliError(_("--csv-map expects ROLE=COLUMN pairs, not {part}.").format(
                               part=repr(part)))
        mapping[role.strip()] = column.strip()
    return mapping


EXIT_NEEDS_REVIEW = 3


def cmd_import(args: argparse.Namespace) -> int:
    from healthbook import actions
    from healthbook.actions.documents import is_lab_report

    mapping = _csv_map(args.csv_map)
    reports, failures = [], []
    reports_to_read = [p for p in args.files if is_lab_report(p)]
    exports = [p for p in args.files if not is_lab_report(p)]
    bars: list[TerminalProgress] = []

    def bar_for(path: Path) -> TerminalProgress:
        if bars:
            bars[-1].finish()
        bars.append(TerminalProgress(_("Importing {name}").format(name=path.name)))
        return bars[-1]

    status = 0
    with open_vault(args) as vault:
        who = person(vault, args.person)
        if exports:
            outcome = actions.import_files(
                vault, who, exports, csv_mapping=mapping, on_file=bar_for,
                confirmed=exports if args.force_person else ()).value
            if bars:
                bars[-1].finish()
            reports.extend(outcome.reports)
            for path, message in [*outcome.failed, *outcome.doubts]:
                message = message.replace(_("confirm to import"),
                                          _("use --force-person to import"))
                failures.append({"file": str(path), "error": message})
            if not args.json:
                _print_reports(outcome.reports, failures)
        for path in reports_to_read:
            code = _lab_report(vault, who, path, args, reports, failures)
            status = max(status, code)
    if args.json:
        print_json({"imported": [r.as_dict() for r in reports], "failed": failures})
    return 1 if failures and status == 0 else status


def _print_reports(reports: list, failures: list[dict[str, str]]) -> None:
    for report in reports:
        print(report.summary())
        for skip in report.skipped[:10]:
            print(_("  skipped {kind} {ident}: {reason}").format(
                kind=skip.kind, ident=skip.ident, reason=skip.reason))
        if len(report.skipped) > 10:
            print(_("  ... and {n} more skipped (see --json)").format(
                n=sum(report.skipped_count.values()) - 10))
    for failure in failures:
        print(_("Not imported: {message}").format(message=failure["error"]))


def _lab_report(vault: Vault, who: Person, path: Path, args: argparse.Namespace,
                reports: list[ImportReport], failures: list[dict[str, str]]) -> int:
    """Read a lab report, show its rows, and store them only with --accept."""
    from healthbook import actions
    from healthbook.actions.documents import Document, confirmed, person_doubt, shown_unit
    from healthbook.ingest import ImportFailed
    from healthbook.ingest.lab_report import extract

    bar = TerminalProgress(_("Reading {name}").format(name=path.name))
    try:
        found = extract(path, progress=bar)
    except ImportFailed as exc:
        bar.finish()
        failures.append({"file": str(path), "error": str(exc)})
        if not args.json:
            print(_("Not imported: {message}").format(message=exc))
        return 0
    bar.finish()
    if not args.json:
        print(_("{name}: {count} results read, dated {date}.").format(
            name=path.name, count=len(found.rows), date=found.date or _("(no date found)")))
        for row in found.rows:
            mark = "?" if row.needs_review else " "
            rng = row.range_text or ""
            print(f" {mark} {row.name[:32]:<32} {row.value_text:>10} {shown_unit(row):<12} "
                  f"{rng:<16} {row.flag or '':<4} {row.confidence:.2f}")
    doubt = person_doubt(who, found)
    if doubt and not args.force_person:
        failures.append({"file": str(path), "error": doubt + " " +
                         _("Use --force-person to import it anyway.")})
        if not args.json:
            print(_("Not imported: {message}").format(message=failures[-1]["error"]))
        return 0
    unsure = [r for r in found.rows if r.needs_review]
    sure = [r for r in found.rows if not r.needs_review]
    if not args.accept:
        if unsure:
            message = _("{n} of the {total} rows need review: check them in the app (Import "
                        "› the report), or add --accept to store the {sure} others; nothing "
                        "was stored.").format(n=len(unsure), total=len(found.rows),
                                              sure=len(sure))
            print(message, file=sys.stderr)
            return EXIT_NEEDS_REVIEW
        if not args.json:
            print(_("Nothing was stored: add --accept to store these {n} results.").format(
                n=len(sure)))
        return 0
    if not sure:
        failures.append({"file": str(path), "error": _("Every row needs review; nothing was "
                                                       "stored.")})
        return 0
    document = Document(path.read_bytes(), path.name, found.date, found.lab)
    report = actions.confirm_document(vault, who, document, [confirmed(r) for r in sure]
                                      ).value
    reports.append(report)
    if not args.json:
        print(report.summary())
        if unsure:
            print(_("{n} rows that need review were not stored.").format(n=len(unsure)))
    return 0
