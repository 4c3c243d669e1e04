"""The assistant from the command line: `healthbook ask|summary|explain|trend|prep|note`.

Each command computes the person's facts, runs the local model on them (or, with
--facts-only, writes the facts out without a model), verifies the answer, prints it and
records in the audit log which records it read.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from healthbook.cli.common import CliError, add_vault_argument, open_vault, person, print_json
from healthbook.i18n import _

if TYPE_CHECKING:  # imported lazily at run time: the model runtime is heavy
    from healthbook.assistant.answers import Request
    from healthbook.assistant.runtime import LocalModel

COMMANDS = ("ask", "summary", "explain", "trend", "prep", "note")


def command_help() -> dict[str, str]:
    """What each assistant command does, in the current language."""
    return {
        "ask": _("ask a question about a person's own records"),
        "summary": _("summarise a person's health history"),
        "explain": _("explain one result in plain language (--record ID)"),
        "trend": _("describe how a lab result or wearable metric moved (--name NAME)"),
        "prep": _("questions to bring to the next appointment"),
        "note": _("clinician mode: draft a visit note for professional review"),
    }


def register(sub: argparse._SubParsersAction) -> None:
    """Add the assistant commands."""
    for name, help_text in command_help().items():
        p = sub.add_parser(name, help=help_text, description=_(
            "{what}. Runs offline on a local model.").format(
                what=help_text[0].upper() + help_text[1:]))
        add_vault_argument(p, optional=name != "ask")
        if name == "ask":
            p.add_argument("question", metavar="QUESTION")
        p.add_argument("--person", metavar="NAME")
        if name == "explain":
            p.add_argument("--record", type=int, required=True, metavar="ID",
                           help=_("the record id (see `healthbook facts`)"))
        if name == "trend":
            p.add_argument("--name", required=True, metavar="NAME",
                           help=_("an analyte or metric, e.g. 'LDL cholesterol' or steps"))
        if name == "prep":
            p.add_argument("--since", metavar="DATE",
                           help=_("what changed since this date (default: the last visit)"))
            p.add_argument("--pdf", type=Path, metavar="OUT",
                           help=_("also write the one- or two-page appointment sheet as PDF"))
            p.add_argument("--visit", metavar="DATE", help=_("the appointment date, for the sheet"))
        p.add_argument("--model", type=Path, metavar="GGUF",
                       help=_("the model file (default: your chosen model, else the built-in)"))
        p.add_argument("--facts-only", action="store_true",
                       help=_("do not run a model; write out the facts the answer would use"))
        p.add_argument("--max-tokens", type=int, default=320, metavar="N")
        p.add_argument("--json", action="store_true", help=_("print JSON (a stable format)"))
        p.set_defaults(func=cmd_assistant, action=name)


def _load_model(args: argparse.Namespace) -> LocalModel | None:
    from healthbook.assistant.models import chosen_model
    from healthbook.assistant.runtime import LocalModel, ModelError
    from healthbook.preferences import Preferences

    if args.facts_only:
        return None
    try:
        return LocalModel(chosen_model(args.model or Preferences.load().model_path or None))
    except ModelError as exc:
        raise CliError(str(exc)) from exc


def cmd_assistant(args: argparse.Namespace) -> int:
    from healthbook.assistant.answers import Assistant, record_answer
    from healthbook.assistant.runtime import ModelError, Sampling
    from healthbook.clinical import compute_facts
    from healthbook.progress import CancelToken

    model = _load_model(args)
    with open_vault(args) as vault:
        who = person(vault, args.person)
        facts = compute_facts(vault, who)
        from healthbook.preferences import Preferences

        reword = Preferences.load().wording != "computed"
        assistant = Assistant(facts, vault.records.list(who.id), model, reword=reword)
        build: dict[str, Callable[[], Request]] = {
            "ask": lambda: assistant.ask(args.question),
            "summary": assistant.summary,
            "explain": lambda: assistant.explain(args.record),
            "trend": lambda: assistant.trend(args.name),
            "prep": lambda: assistant.prep(args.since),
            "note": assistant.note,
        }
        try:
            request = build[args.action]()
            live = sys.stderr.isatty() and not args.json
            # A cancel token makes the model read the prompt in short steps, so Ctrl+C
            # takes effect at once instead of after the whole prompt.
            answer = assistant.run(request, on_text=_echo if live else None,
                                   sampling=Sampling(max_tokens=args.max_tokens),
                                   cancel=CancelToken())
        except (ValueError, ModelError) as exc:
            raise CliError(str(exc)) from exc
        if live and answer.raw:
            sys.stderr.write("\n\n")
        record_answer(vault, who.id, answer)
        if getattr(args, "pdf", None):
            from healthbook.reports import prep_sheet

            written = prep_sheet(vault, who, args.pdf, answer.questions,
                                 args.since or assistant.book.last_visit, args.visit)
            print(_("Appointment sheet written to {written}.").format(
                      written=written), file=sys.stderr)
    if args.json:
        print_json(answer.as_dict())
    else:
        print(answer.as_text())
    return 0


def _echo(piece: str) -> None:
    """Show the model's words as they come (on stderr; the checked answer goes to stdout)."""
    sys.stderr.write(piece)
    sys.stderr.flush()
