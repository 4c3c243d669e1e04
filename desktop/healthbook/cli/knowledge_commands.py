"""`healthbook explain-term TERM | --loinc CODE | ... [--lang en|fr] [--json]`."""

from __future__ import annotations

import argparse

from healthbook.cli.common import CliError, print_json
from healthbook.i18n import _, current_language

CODE_OPTIONS = {"loinc": "LOINC", "snomed": "SNOMED CT", "icd10": "ICD-10", "rxnorm": "RxNorm",
                "atc": "ATC", "cvx": "CVX"}


def default_lang() -> str:
    """The language of messages (`--lang`, else LANG) when the library has it, else English."""
    return "fr" if current_language() == "fr" else "en"


def register(sub: argparse._SubParsersAction) -> None:
    """Add the explain-term command."""
    p = sub.add_parser(
        "explain-term",
        help=_("explain a lab test, condition, medicine or vaccine in plain words"),
        description=_("Explain a lab test, condition, medicine, vaccine, wearable measure or "
                      "nutrient from Healthbook's offline library, by name (English or French, "
                      "lay or professional, brand or generic) or by code."))
    p.add_argument("term", metavar="TERM", nargs="?", help=_('a name, e.g. "LDL" or "glycémie"'))
    codes = p.add_mutually_exclusive_group()
    for system, label in CODE_OPTIONS.items():
        codes.add_argument(f"--{system}", metavar="CODE",
                           help=_("explain this {label} code").format(label=label))
    p.add_argument("--lang", choices=("en", "fr"), default=None,
                   help=_("language of the explanation (default: the language of messages, "
                          "else English)"))
    p.add_argument("--json", action="store_true", help=_("print JSON (a stable format)"))
    p.set_defaults(func=cmd_explain_term)


def cmd_explain_term(args: argparse.Namespace) -> int:
    from healthbook.knowledge import as_dict, best_match, by_code, describe

    lang = args.lang or default_lang()
    system = next((s for s in CODE_OPTIONS if getattr(args, s, None)), None)
    if system is not None:
        asked = getattr(args, system)
        found = by_code(system, asked)
        entries = [found] if found is not None else []
    elif args.term and args.term.strip():
        asked = args.term
        entries = best_match(asked, lang) or best_match(asked)
    else:
        raise CliError(_("Give a term to explain, or a code with --loinc, --snomed, --icd10, "
                         "--rxnorm, --atc or --cvx."))
    if not entries:
        raise CliError(_("nothing in the library matches '{asked}'.").format(asked=asked))
    if args.json:
        data = as_dict(entries[0], lang)
        data["also_matched"] = [e.id for e in entries[1:]]
        print_json(data)
        return 0
    print("\n\n".join(describe(entry, lang) for entry in entries))
    return 0
