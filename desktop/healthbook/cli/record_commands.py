"""`healthbook add`, `edit` and `records`: enter, correct, hide and undo records by hand."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from healthbook import actions
from healthbook.actions.records import (
    KINDS,
    SYSTEM_URIS,
    default_author,
    parse_date,
    parse_number,
)
from healthbook.cli.common import CliError, add_vault_argument, open_vault, person, print_json
from healthbook.i18n import _, ngettext
from healthbook.vault import Edit, RecordKind, StoredRecord, Vault

_KIND_OF = {"result": RecordKind.OBSERVATION, "medication": RecordKind.MEDICATION,
            "allergy": RecordKind.ALLERGY, "condition": RecordKind.CONDITION,
            "vaccination": RecordKind.IMMUNIZATION, "note": RecordKind.DOCUMENT}


def register(sub: argparse._SubParsersAction) -> None:
    """Add the record commands to the parser."""
    p = sub.add_parser("add", help=_("add a record by hand (a result from a paper letter, a "
                                     "medicine, an allergy, a condition, a vaccination, a note)"))
    add_vault_argument(p, optional=False)
    p.add_argument("--person", metavar="NAME")
    p.add_argument("kind", choices=KINDS, help=_("what to add"))
    p.add_argument("name", metavar="NAME",
                   help=_("the test, medicine, substance, condition or vaccine; a note's title"))
    p.add_argument("--value", help=_("a result's value: a number (4.2 or 4,2) or words"))
    p.add_argument("--unit", help=_("a result's unit, e.g. mmol/L"))
    p.add_argument("--low", type=float, help=_("the lower limit of the lab's range"))
    p.add_argument("--high", type=float, help=_("the upper limit of the lab's range"))
    p.add_argument("--date", help=_("when (2026-03-01; default today); a medicine's start"))
    p.add_argument("--end", help=_("a medicine's stop date or a condition's end"))
    p.add_argument("--status", help=_("medication: active or stopped; condition: active or "
                                      "resolved"))
    p.add_argument("--note", help=_("a medicine's dose, an allergy's reaction, a note's text"))
    p.add_argument("--by", help=_("who enters it (default: your login name)"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("edit", help=_("correct, hide or undo a record; show its history"))
    add_vault_argument(p)
    p.add_argument("--record", type=int, metavar="ID", required=True,
                   help=_("the record's id (see 'healthbook records')"))
    p.add_argument("--name", help=_("the right name (a result's test name is looked up in the "
                                    "library and its code set too)"))
    p.add_argument("--value", help=_("the right value"))
    p.add_argument("--unit", help=_("the right unit"))
    p.add_argument("--date", help=_("the right date"))
    p.add_argument("--end", help=_("a stop or end date (a medicine that was stopped)"))
    p.add_argument("--status", help=_("the right status (active, stopped, resolved...)"))
    p.add_argument("--everywhere", action="store_true",
                   help=_("apply a new test name to every result spelled the same way, now "
                          "and in later imports"))
    p.add_argument("--hide", action="store_true", help=_("hide the record everywhere"))
    p.add_argument("--undo", action="store_true", help=_("undo the record's last change"))
    p.add_argument("--history", action="store_true", help=_("show the record's changes"))
    p.add_argument("--by", help=_("who makes the change (default: your login name)"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_edit)

    p = sub.add_parser("records", help=_("list a person's records with their ids and sources"))
    add_vault_argument(p)
    p.add_argument("--person", metavar="NAME")
    p.add_argument("--kind", choices=KINDS, help=_("only this kind"))
    p.add_argument("--hidden", action="store_true", help=_("include hidden records"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_records)


def cmd_add(args: argparse.Namespace) -> int:
    entry = actions.Entry(args.kind, args.name, date=args.date, value=args.value,
                          unit=args.unit, low=args.low, high=args.high, end=args.end,
                          status=args.status, note=args.note)
    with open_vault(args) as vault:
        who = person(vault, args.person)
        stored = actions.add_record(vault, who, entry, by=args.by or default_author()).value
        shown = _row(vault, stored)
    if args.json:
        print_json(shown)
    else:
        print(_("Added record {id} for {name}: {text}.").format(id=stored.id, name=who.name,
                                                             text=shown["text"]))
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    by = args.by or default_author()
    with open_vault(args) as vault:
        try:
            stored = vault.records.get(args.record)
        except KeyError as exc:
            raise CliError(_("There is no record {id} in this vault.").format(
                id=args.record)) from exc
        if args.history:
            edits = vault.records.history(stored.id)
            if args.json:
                print_json([_edit_row(e) for e in edits])
                return 0
            if not edits:
                print(_("Record {id} was never changed.").format(id=stored.id))
            for edit in edits:
                print(_history_line(edit))
            return 0
        if args.undo:
            print(actions.undo_last(vault, stored.id, by=by).value)
            return 0
        if args.hide:
            actions.hide_record(vault, stored.id, by=by)
            print(_("Record {id} is hidden; 'healthbook edit --record {id} --undo' brings it "
                    "back.").format(id=stored.id))
            return 0
        changes = _changes(args, stored)
        if not changes:
            raise CliError(_("Say what to change: --name, --value, --unit, --date, --end, "
                             "--status, --hide or --undo."))
        edits = actions.edit_record(vault, stored.id, changes, by=by,
                                    everywhere=args.everywhere).value
        if args.json:
            print_json([_edit_row(e) for e in edits])
        else:
            print(ngettext("Changed {count} record: {fields}.",
                           "Changed {count} records: {fields}.", len(edits)).format(
                count=len(edits), fields=", ".join(sorted(changes))))
    return 0


def _changes(args: argparse.Namespace, stored: StoredRecord) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if args.name:
        changes["display"] = args.name
        if stored.record.kind is RecordKind.OBSERVATION:
            from healthbook.knowledge import best_match

            found = best_match(args.name, kinds=["lab"])
            codes = found[0].codes.get("loinc") if len(found) == 1 else None
            if codes:
                changes.update(code_system=SYSTEM_URIS["loinc"], code=codes[0])
    if args.value is not None:
        number = parse_number(args.value)
        if number is None:
            changes.update(value_text=args.value, value_num=None)
        else:
            changes["value_num"] = number
    if args.unit is not None:
        changes["unit"] = args.unit
    today = dt.date.today()
    if args.date:
        changes["effective"] = parse_date(args.date, today)
    if args.end:
        changes["effective_end"] = parse_date(args.end, today)
        if stored.record.kind is RecordKind.MEDICATION and not args.status:
            changes["status"] = "stopped"
    if args.status:
        changes["status"] = args.status
    return changes



def cmd_records(args: argparse.Namespace) -> int:
    with open_vault(args, read_only=True) as vault:
        who = person(vault, args.person)
        kind = _KIND_OF[args.kind] if args.kind else None
        rows = [_row(vault, s) for s in vault.records.iter(who.id, kind,
                                                            include_hidden=args.hidden)]
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print(_("No records for {name}.").format(name=who.name))
    for row in rows:
        print(f"{row['id']:>6}  {row['date'] or '':<10}  {row['kind']:<12} {row['text']}  "
              f"({row['source']})")
    return 0


def _row(vault: Vault, stored: StoredRecord) -> dict[str, Any]:
    from healthbook.clinical.units import display_unit

    r = stored.record
    value = "" if r.value_num is None and not r.value_text else (
        f"{r.value_num:g}" if r.value_num is not None else str(r.value_text))
    text = " ".join(x for x in (r.display or "", value, display_unit(r.unit)) if x)
    return {"id": stored.id, "kind": r.kind.value, "date": (r.effective or "")[:10],
            "name": r.display, "code": r.code, "value": r.value_num, "value_text": r.value_text,
            "unit": r.unit, "status": r.status, "hidden": stored.hidden, "text": text,
            "source": actions.provenance(vault, stored)}


def _edit_row(edit: Edit) -> dict[str, Any]:
    return {"id": edit.id, "record": edit.record_id, "at": edit.at, "by": edit.by,
            "before": dict(edit.before), "after": dict(edit.after),
            "undone_at": edit.undone_at}


def _history_line(edit: Edit) -> str:
    changed = ", ".join(f"{k}: {edit.before.get(k)!r} → {v!r}" for k, v in edit.after.items())
    line = f"{edit.at[:16]}  {edit.by}: {changed}"
    return line + (_("  (undone)") if edit.undone_at else "")

