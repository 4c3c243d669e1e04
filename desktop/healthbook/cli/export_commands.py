"""`healthbook export VAULT --person NAME --format fhir|pdf [--since DATE] [--kinds ...] OUT`."""

from __future__ import annotations

import argparse
from pathlib import Path

from healthbook import actions
from healthbook.cli.common import (
    CliError,
    TerminalProgress,
    add_vault_argument,
    open_vault,
    person,
    print_json,
)
from healthbook.i18n import _
from healthbook.reports.share import KINDS


def register(sub: argparse._SubParsersAction) -> None:
    """Add the export command."""
    p = sub.add_parser("export", help=_("share chosen records as a FHIR R4 Bundle or a PDF"),
                       description=_("Write exactly what you choose to share: a FHIR R4 "
                                     "collection Bundle (re-imports into any FHIR system) or a "
                                     "PDF summary."))
    add_vault_argument(p, optional=False)
    p.add_argument("out", metavar="OUT", type=Path, help=_("the file to write"))
    p.add_argument("--person", metavar="NAME")
    p.add_argument("--format", choices=("fhir", "pdf"), required=True)
    p.add_argument("--since", metavar="DATE", help=_("only records dated on or after DATE"))
    p.add_argument("--kinds", nargs="+", choices=sorted(KINDS), metavar="KIND",
                   help=_("only these categories ({KINDS})").format(KINDS=', '.join(sorted(KINDS))))
    p.add_argument("--json", action="store_true", help=_("print what was exported as JSON"))
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        who = person(vault, args.person)
        bar = TerminalProgress(_("Exporting {name}").format(name=who.name))
        try:
            summary = actions.export_summary(vault, who, args.out, args.format, args.since,
                                             set(args.kinds) if args.kinds else None,
                                             progress=bar).value
        except OSError as exc:
            raise CliError(_("{out} could not be written ({error}).").format(
                               out=args.out, error=exc.strerror)) from exc
        finally:
            bar.finish()
    if args.json:
        print_json(summary)
    else:
        skipped = f"; {len(summary['skipped'])} could not be written" \
            if summary["skipped"] else ""
        print(_("Exported {records} records of {name} to {out} ({format}){skipped}.").format(
                  records=len(summary['records']), name=who.name, out=args.out, format=args.format,
                  skipped=skipped))
    return 0
