"""`healthbook import VAULT --person NAME FILE... [--json]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from healthbook.cli.common import (
    CliError,
    TerminalProgress,
    add_vault_argument,
    open_vault,
    person,
    print_json,
)


def register(sub: argparse._SubParsersAction) -> None:
    """Add the import command."""
    p = sub.add_parser("import", help="import health files (format detected from content)")
    add_vault_argument(p, optional=False)
    p.add_argument("--person", metavar="NAME", help="whose records these are")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--csv-map", metavar="ROLE=COLUMN,...",
                   help="CSV columns, e.g. date=Collected,test=Analyte,value=Result,unit=Units")
    p.add_argument("--json", action="store_true", help="print the import reports as JSON")
    p.add_argument("--force-person", action="store_true",
                   help="import even when a file names another patient (birth date or sex "
                   "differ from the person's) or several patients")
    p.set_defaults(func=cmd_import)


def _csv_map(text: str | None) -> dict[str, str] | None:
    if not text:
        return None
    mapping = {}
    for part in text.split(","):
        role, sep, column = part.partition("=")
        if not sep or not column.strip():
            raise CliError(f"--csv-map expects ROLE=COLUMN pairs, not {part!r}.")
        mapping[role.strip()] = column.strip()
    return mapping


def cmd_import(args: argparse.Namespace) -> int:
    from healthbook.ingest import ImportFailed, PersonMismatch, import_file

    mapping = _csv_map(args.csv_map)
    reports, failures = [], []
    with open_vault(args) as vault:
        who = person(vault, args.person)
        for path in args.files:
            bar = TerminalProgress(f"Importing {path.name}")
            try:
                report = import_file(vault, who, path, progress=bar, csv_mapping=mapping,
                                     force_person=args.force_person)
            except ImportFailed as exc:
                bar.finish()
                message = str(exc)
                if isinstance(exc, PersonMismatch):
                    message = message.replace("confirm to import", "use --force-person to import")
                failures.append({"file": str(path), "error": message})
                if not args.json:
                    print(f"Not imported: {message}")
                continue
            bar.finish()
            reports.append(report)
            if not args.json:
                print(report.summary())
                for skip in report.skipped[:10]:
                    print(f"  skipped {skip.kind} {skip.ident}: {skip.reason}")
                if len(report.skipped) > 10:
                    print(f"  ... and {sum(report.skipped_count.values()) - 10} more skipped "
                          "(see --json)")
    if args.json:
        print_json({"imported": [r.as_dict() for r in reports], "failed": failures})
    return 1 if failures else 0
