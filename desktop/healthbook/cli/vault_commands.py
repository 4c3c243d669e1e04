"""CLI commands over the vault: init, passwd, people, sources, stats, backup, restore, audit."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from healthbook import actions
from healthbook.cli.common import (
    NEW_PASSPHRASE_ENV,
    CliError,
    TerminalProgress,
    add_vault_argument,
    open_vault,
    passphrase,
    person,
    print_json,
    read_secret,
    vault_path,
)
from healthbook.i18n import _
from healthbook.vault import Vault


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's commands to the `healthbook` parser."""
    p = sub.add_parser("init", help=_("create a new encrypted vault"))
    add_vault_argument(p)
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("passwd", help=_("change a vault's passphrase"))
    add_vault_argument(p)
    p.add_argument("--new-passphrase-file", type=Path, metavar="FILE",
                   help=_("read the new passphrase from FILE (or set {ENV})").format(
                            ENV=NEW_PASSPHRASE_ENV))
    p.set_defaults(func=cmd_passwd)

    p = sub.add_parser("people", help=_("list, add, rename or remove people"))
    add_vault_argument(p)
    p.add_argument("action", nargs="?", choices=["add", "rm", "rename"], help=_("what to do"))
    p.add_argument("names", nargs="*", metavar="NAME", help=_("the person (and the new name)"))
    p.add_argument("--yes", action="store_true", help=_("remove without asking"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_people)

    p = sub.add_parser("sources", help=_("list a person's imports, or delete one"))
    add_vault_argument(p)
    p.add_argument("--person", metavar="NAME")
    p.add_argument("--delete", type=int, metavar="ID",
                   help=_("delete this import and exactly the records it added"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_sources)

    p = sub.add_parser("stats", help=_("count records per kind"))
    add_vault_argument(p)
    p.add_argument("--person", metavar="NAME")
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("backup", help=_("write an encrypted copy of the vault"))
    add_vault_argument(p)
    p.add_argument("out", metavar="OUT", type=Path)
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help=_("replace a vault with a backup"))
    p.add_argument("backup", metavar="BACKUP", type=Path)
    add_vault_argument(p)
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("audit", help=_("show or verify the audit log"))
    add_vault_argument(p)
    p.add_argument("--verify", action="store_true", help=_("check the hash chain"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_audit)


def cmd_init(args: argparse.Namespace) -> int:
    path = vault_path(args)
    secret = passphrase(args, confirm=True)
    with Vault.create(path, secret):
        pass
    print(_("Created an encrypted vault at {path}.").format(path=path))
    print(_("Keep the passphrase safe: without it, nobody (not even Healthbook) can open the "
            "vault."))
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        new = read_secret(args.new_passphrase_file, NEW_PASSPHRASE_ENV, _("New passphrase: "),
                          confirm=True)
        actions.change_passphrase(vault, new)
    print(_("The passphrase was changed."))
    return 0


def cmd_people(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        if args.action == "add":
            for name in _names(args, 1):
                added = actions.add_person(vault, name).value
                print(_("Added {name}.").format(name=added.name))
        elif args.action == "rename":
            old, new = _names(args, 2, exact=True)
            renamed = actions.rename_person(vault, vault.people.get(old), new).value
            print(_("Renamed {old} to {name}.").format(old=old, name=renamed.name))
        elif args.action == "rm":
            for name in _names(args, 1):
                who = vault.people.get(name)
                if not args.yes and sys.stdin.isatty():
                    answer = input(_("Remove {name} and all their records? [y/N] ").format(
                                       name=who.name))
                    if answer.strip().lower() not in {"y", "yes"}:
                        print(_("Nothing was removed."))
                        continue
                actions.remove_person(vault, who)
                print(_("Removed {name} and all their records.").format(name=who.name))
        elif args.json:
            print_json([{"id": p.id, "name": p.name, "birth_date": p.birth_date, "sex": p.sex}
                        for p in vault.people.list()])
        else:
            people = vault.people.list()
            for p in people:
                print(p.name)
            if not people:
                print(_("No people yet. Add one with: healthbook people VAULT add NAME"))
    return 0


def _names(args: argparse.Namespace, count: int, exact: bool = False) -> list[str]:
    if len(args.names) < count or (exact and len(args.names) != count):
        message = _("'people {action}' needs two names (old and new).") if count == 2 else \
            _("'people {action}' needs a name.")
        raise CliError(message.format(action=args.action))
    return list(args.names)


def cmd_sources(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        who = person(vault, args.person)
        if args.delete is not None:
            removal = actions.delete_import(vault, args.delete, who).value
            print(actions.removal_sentence(removal))
            return 0
        sources = vault.sources.list(who.id)
        if args.json:
            print_json([{"id": s.id, "file_name": s.file_name, "sha256": s.sha256,
                         "format": s.format, "imported_at": s.imported_at,
                         "records": s.records, "samples": s.samples, "report": s.report}
                        for s in sources])
            return 0
        if not sources:
            print(_("No imports for {name} yet.").format(name=who.name))
        for s in sources:
            print(_("{id}  {at}  {format} {records} records {samples} samples  {name}").format(
                id=f"{s.id:>4}", at=s.imported_at, format=f"{s.format:<14}",
                records=f"{s.records:>7}", samples=f"{s.samples:>9}", name=s.file_name))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        who = person(vault, args.person) if args.person else None
        counts = vault.stats(who.id if who else None)
    if args.json:
        print_json(counts)
    else:
        for kind, n in sorted(counts.items()):
            print(f"{kind:<14} {n:>10,}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    bar = TerminalProgress(_("Backing up"))
    with open_vault(args) as vault:
        out = actions.back_up(vault, args.out, progress=bar).value
    bar.finish()
    print(_("Wrote an encrypted backup to {out} (same passphrase as the vault).").format(out=out))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    target = vault_path(args)
    actions.restore(args.backup, target, passphrase(args))
    print(_("Restored {target} from {backup}.").format(target=target, backup=args.backup))
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        if args.verify:
            check = vault.audit.verify()
            if args.json:
                print_json({"ok": check.ok, "entries": check.entries, "problem": check.problem})
            elif check.ok:
                print(_("The audit log is intact: {entries} entries.").format(
                          entries=check.entries))
            else:
                print(_("The audit log was tampered with: {problem}.").format(
                          problem=check.problem))
            return 0 if check.ok else 1
        entries = vault.audit.entries()
    if args.json:
        print_json([{"seq": e.seq, "at": e.at, "action": e.action, "detail": e.detail}
                    for e in entries])
    else:
        for e in entries:
            print(f"{e.seq:>5}  {e.at}  {e.action:<18} {e.detail or ''}")
    return 0
