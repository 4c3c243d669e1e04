"""The `healthbook` command: the app when run bare, or a subcommand over the same core."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from healthbook import __version__
from healthbook.cli import (
    assistant_commands,
    export_commands,
    extract_commands,
    facts_commands,
    import_commands,
    knowledge_commands,
    record_commands,
    vault_commands,
)
from healthbook.cli.common import CliError
from healthbook.errors import HealthbookError
from healthbook.i18n import _, set_language
from healthbook.progress import Cancelled
from healthbook.vault import VaultError, WrongPassphrase

EXIT_OK, EXIT_ERROR, EXIT_WRONG_PASSPHRASE = 0, 1, 2
COMMAND_MODULES = (vault_commands, import_commands, facts_commands, assistant_commands,
                   export_commands, knowledge_commands, record_commands, extract_commands)


def _language_option(argv: Sequence[str]) -> str | None:
    """The value of a global `--lang` (read before the parser is built, so that its help is
    in that language too)."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if not arg.startswith("-"):
            break  # the command: a later --lang is the command's own (explain-term --lang)
    return None


def build_parser() -> argparse.ArgumentParser:
    """The full `healthbook` argument parser."""
    parser = argparse.ArgumentParser(
        prog="healthbook",
        description=_("Healthbook: your health records, encrypted and on your own computer. "
                      "Run without a command to open the app."),
    )
    parser.add_argument("--version", action="version", version=f"healthbook {__version__}")
    parser.add_argument("--lang", dest="ui_language", metavar="LANG",
                        help=_("the language of messages and of the app (en, fr; default: "
                               "the LANG environment, else the app's setting)"))
    parser.add_argument("--vault", type=Path, metavar="PATH",
                        help=_("open this vault in the app"))
    parser.add_argument("--kiosk", action="store_true", help=_("start the app in kiosk mode"))
    parser.add_argument("--demo", action="store_true",
                        help=_("offer a demo vault with a synthetic person when no vault "
                               "exists"))
    parser.add_argument("--quit-after-start", action="store_true",
                        help=_("for packagers: start the app, show its window, then quit "
                               "(exit code 0 when everything loaded)"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the process exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    chosen = _language_option(arguments)
    set_language(chosen or "")  # the system's (LANG) unless --lang says otherwise
    parser = build_parser()
    args = parser.parse_args(arguments)
    _set_units()
    if args.command is None:
        from healthbook.app import run_app  # Qt loads only for the app

        return run_app(vault=args.vault, kiosk=args.kiosk, demo=args.demo,
                       quit_after_start=args.quit_after_start, language=args.ui_language)
    try:
        return int(args.func(args))
    except WrongPassphrase as exc:
        _fail(_("{error} The file was not changed.").format(error=exc))
        return EXIT_WRONG_PASSPHRASE
    except (VaultError, CliError, HealthbookError) as exc:
        _fail(str(exc))
        return EXIT_ERROR
    except Cancelled:
        _fail(_("Cancelled; nothing was changed."))
        return EXIT_ERROR
    except KeyboardInterrupt:
        _fail(_("Interrupted; nothing was changed."))
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0


def _set_units() -> None:
    """Results in the units chosen in Settings (else the usual ones of the language)."""
    from healthbook.clinical.units import set_unit_system
    from healthbook.preferences import Preferences

    set_unit_system(Preferences.load().units)


def _fail(message: str) -> None:
    print(f"healthbook: {message}", file=sys.stderr)
