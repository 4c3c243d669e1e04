"""`healthbook facts VAULT --person NAME [--json]`."""

from __future__ import annotations

import argparse

from healthbook.cli.common import add_vault_argument, open_vault, person, print_json
from healthbook.clinical.display import flag_text
from healthbook.clinical.units import display_unit
from healthbook.i18n import _, format_date, localise_number


def register(sub: argparse._SubParsersAction) -> None:
    """Add the facts command."""
    p = sub.add_parser("facts", help=_("print every computed fact about a person"))
    add_vault_argument(p)
    p.add_argument("--person", metavar="NAME")
    p.add_argument("--json", action="store_true", help=_("print JSON (a stable format)"))
    p.set_defaults(func=cmd_facts)


def cmd_facts(args: argparse.Namespace) -> int:
    from healthbook.clinical import compute_facts

    with open_vault(args) as vault:
        facts = compute_facts(vault, person(vault, args.person))
    if args.json:
        print_json(facts.as_dict())
        return 0
    for critical in facts.criticals:
        print(_("!! {message}").format(message=critical.message))
    print(_("Facts for {name}").format(name=facts.person.name))
    for a in facts.analytes:
        converted = f" ({localise_number(f'{a.alt_value:.3g}')} {display_unit(a.alt_unit)})" \
            if a.alt_value is not None else ""
        rng = ""
        if a.range is not None:
            rng = _(" range {low}-{high}").format(low=_num(a.range.low), high=_num(a.range.high))
        print(_("- {name}: {value} {unit}{converted} on {date} [{flag}{range}] {statement} "
                "(records {ids})").format(
            name=a.name, value=localise_number(f"{a.latest.value:.4g}"),
            unit=display_unit(a.unit), converted=converted, date=format_date(a.latest.when),
            flag=flag_text(a.flag), range=rng, statement=a.statement, ids=a.record_ids[:6]))
    for m in facts.metrics:
        print(_("- {statement}").format(statement=m.statement))
    for med in facts.medications:
        state = _("current") if med.current else _("stopped")
        twice = _(" — listed as {names}").format(names=", ".join(med.names)) \
            if med.listed_twice else ""
        print(_("- Medication ({state}): {name}{twice}").format(state=state, name=med.name,
                                                               twice=twice))
    for allergy in facts.allergies:
        print(_("- Allergy: {display}").format(display=allergy.record.display))
    return 0


def _num(value: float | None) -> str:
    return "" if value is None else localise_number(f"{value:.4g}")
