"""Entry point: `healthbook` / `python -m healthbook`."""

from __future__ import annotations

import sys


def main() -> int:
    """Console-script entry point."""
    from healthbook.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
