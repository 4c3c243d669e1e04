"""`healthbook extract FILE [--json]`: the result rows read from a lab report, without a vault.

Reads a born-digital PDF, a scanned PDF or a photo (JPEG, PNG, HEIC...) on this computer and
prints what it found; nothing is stored. Bad input exits with code 1 and one sentence.

JSON output (stable; scripts and benchmarks rely on it):

    {"file": "report.pdf",
     "kind": "text" | "scan" | "photo",   # born-digital PDF, PDF without text, image file
     "pages": 2, "language": "fr" | "en",
     "date": "2025-02-14" | null,         # collection date, ISO
     "lab": "..." | null, "patient_name": "..." | null, "birth_date": "1968-03-12" | null,
     "box_unit": "pt" | "px",              # PDF points (1/72 in) or pixels of the photo
     "page_sizes": [[595.3, 841.9], ...],  # width, height of each page in box_unit
     "page_turns": [0, ...],               # degrees a page was turned before reading
     "review_below": 0.85,                 # rows under this confidence need review
     "warnings": [],
     "rows": [{
        "name": "Potassium",               # the test name as printed
        "loinc": "2823-3" | null,          # LOINC of the matched analyte
        "analyte": "potassium" | null,     # the knowledge library's entry id
        "value": 4.2 | null,               # null for a text result ("Négatif")
        "value_text": "4,2",               # as printed ("<0.01", "Négatif")
        "comparator": "<" | ">" | "<=" | ">=" | null,
        "unit": "mmol/l",                  # as printed ("" when none)
        "ucum": "mmol/L" | null,           # UCUM (null: not recognised)
        "low": 3.5 | null, "high": 5.1 | null, "range_text": "(3,5 - 5,1)",
        "flag": "H" | "L" | "HH" | "LL" | "*" | "A" | "bold" | null,
        "bold": false,                     # the value is printed in bold
        "confidence": 0.99,                # 0..1
        "needs_review": false,
        "reasons": [],                     # why it needs review, in plain words
        "page": 1,                         # 1-based
        "box": [x0, y0, x1, y1],           # top-left origin, y down, in box_unit
        "previous": {"value": 4.4, "value_text": "4,4", "date": "2024-01-12" | null} | null,
        "alternate": {"value": 5.66, "value_text": "5,66", "unit": "mmol/L",
                      "ucum": "mmol/L", "low": 3.89, "high": 6.11} | null
     }]}
"""

from __future__ import annotations

import argparse
import threading
from pathlib import Path

from healthbook.cli.common import TerminalProgress, print_json
from healthbook.i18n import _, ngettext


def register(sub: argparse._SubParsersAction) -> None:
    """Add the extract command."""
    p = sub.add_parser(
        "extract", help="read the results of a lab report (PDF, scan or photo); stores nothing",
        description="Read a lab report on this computer - a PDF from the lab, a scan or a photo "
        "of the printout - and print the results it holds. No vault is needed; nothing is "
        "stored or sent anywhere.")
    p.add_argument("file", type=Path, metavar="FILE", help="PDF, JPEG, PNG, HEIC or TIFF file")
    p.add_argument("--json", action="store_true", help="print JSON (a stable format)")
    p.set_defaults(func=cmd_extract)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def cmd_extract(args: argparse.Namespace) -> int:
    from healthbook.ingest.lab_report import REVIEW_BELOW, extract

    bar = TerminalProgress(f"Reading {args.file.name}")
    try:
        found = extract(args.file, file_name=args.file.name, progress=bar,
                        cancel=threading.Event())
    finally:
        bar.finish()
    if args.json:
        print_json({"file": args.file.name, "review_below": REVIEW_BELOW, **found.as_dict()})
        return 0
    facts = [(_("Date"), found.date), (_("Laboratory"), found.lab),
             (_("Patient"), found.patient_name), (_("Born"), found.birth_date)]
    print(f"{args.file.name}: " + ngettext("{pages} page, {kind}, {language}",
                                            "{pages} pages, {kind}, {language}",
                                            found.pages).format(
        pages=found.pages, kind=found.kind, language=found.language))
    for label, value in facts:
        if value:
            print(f"  {label}: {value}")
    headers = [_("Name"), "LOINC", _("Value"), _("Unit"), "UCUM", _("Low"), _("High"),
               _("Flag"), _("Date"), _("Conf."), _("Page"), _("Box") + f" ({found.box_unit})"]
    table = []
    for row in found.rows:
        mark = " ?" if row.needs_review else ""
        table.append([row.name + mark, row.loinc or "", row.value_text, row.unit,
                      row.ucum or "", _number(row.low), _number(row.high), row.flag or "",
                      found.date or "", f"{row.confidence:.2f}", str(row.page),
                      ",".join(f"{v:.0f}" for v in row.box)])
    widths = [max(len(h), *(len(r[i]) for r in table)) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for cells in table:
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())
    review = sum(r.needs_review for r in found.rows)
    if review:
        print(_("? = check this row: {n} of {total} read with low confidence (below {t}).").format(
            n=review, total=len(found.rows), t=REVIEW_BELOW))
    return 0
