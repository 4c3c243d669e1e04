"""Entry point: `healthbook` / `python -m healthbook`."""

from __future__ import annotations

import sys


def main() -> int:
    """Console-script entry point."""
    if sys.argv[1:2] == ["--ingest-worker"]:  # a child process of a large import
        from healthbook.ingest.parse_worker import worker_main

        return worker_main(sys.argv[2:])
    from healthbook.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
