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
    facts_commands,
    import_commands,
    knowledge_commands,
    vault_commands,
)
from healthbook.cli.common import CliError
from healthbook.errors import HealthbookError
from healthbook.progress import Cancelled
from healthbook.vault import VaultError, WrongPassphrase

EXIT_OK, EXIT_ERROR, EXIT_WRONG_PASSPHRASE = 0, 1, 2
COMMAND_MODULES = (vault_commands, import_commands, facts_commands, assistant_commands,
                   export_commands, knowledge_commands)


def build_parser() -> argparse.ArgumentParser:
    """The full `healthbook` argument parser."""
    parser = argparse.ArgumentParser(
        prog="healthbook",
        description="Healthbook: your health records, encrypted and on your own computer. "
        "Run without a command to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"healthbook {__version__}")
    parser.add_argument("--vault", type=Path, metavar="PATH", help="open this vault in the app")
    parser.add_argument("--kiosk", action="store_true", help="start the app in kiosk mode")
    parser.add_argument("--demo", action="store_true",
                        help="offer a demo vault with a synthetic person when no vault exists")
    parser.add_argument("--quit-after-start", action="store_true",
                        help="for packagers: start the app, show its window, then quit (exit "
                        "code 0 when everything loaded)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from healthbook.app import run_app  # Qt loads only for the app

        return run_app(vault=args.vault, kiosk=args.kiosk, demo=args.demo,
                       quit_after_start=args.quit_after_start)
    try:
        return int(args.func(args))
    except WrongPassphrase as exc:
        _fail(str(exc) + " The file was not changed.")
        return EXIT_WRONG_PASSPHRASE
    except (VaultError, CliError, HealthbookError) as exc:
        _fail(str(exc))
        return EXIT_ERROR
    except Cancelled:
        _fail("Cancelled; nothing was changed.")
        return EXIT_ERROR
    except KeyboardInterrupt:
        _fail("Interrupted; nothing was changed.")
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0


def _fail(message: str) -> None:
    print(f"healthbook: {message}", file=sys.stderr)
