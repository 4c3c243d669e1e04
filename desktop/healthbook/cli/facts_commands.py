"""`healthbook facts VAULT --person NAME [--json]`."""

from __future__ import annotations

import argparse

from healthbook.cli.common import add_vault_argument, open_vault, person, print_json


def register(sub: argparse._SubParsersAction) -> None:
    """Add the facts command."""
    p = sub.add_parser("facts", help="print every computed fact about a person")
    add_vault_argument(p)
    p.add_argument("--person", metavar="NAME")
    p.add_argument("--json", action="store_true", help="print JSON (a stable format)")
    p.set_defaults(func=cmd_facts)


def cmd_facts(args: argparse.Namespace) -> int:
    from healthbook.clinical import compute_facts

    with open_vault(args) as vault:
        facts = compute_facts(vault, person(vault, args.person))
    if args.json:
        print_json(facts.as_dict())
        return 0
    for critical in facts.criticals:
        print(f"!! {critical.message}")
    print(f"Facts for {facts.person.name}")
    for a in facts.analytes:
        converted = f" ({a.alt_value:.3g} {a.alt_unit})" if a.alt_value is not None else ""
        rng = ""
        if a.range is not None:
            rng = f" range {_num(a.range.low)}-{_num(a.range.high)}"
        print(f"- {a.name}: {a.latest.value:.4g} {a.unit}{converted} on {a.latest.when[:10]} "
              f"[{a.flag.value}{rng}] {a.statement} (records {a.record_ids[:6]})")
    for m in facts.metrics:
        print(f"- {m.statement}")
    for med in facts.medications:
        state = "current" if med.current else "stopped"
        twice = f" — listed as {', '.join(med.names)}" if med.listed_twice else ""
        print(f"- Medication ({state}): {med.name}{twice}")
    for allergy in facts.allergies:
        print(f"- Allergy: {allergy.record.display}")
    return 0


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.4g}"
