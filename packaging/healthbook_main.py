"""The bundle's entry point: the same `healthbook` command (app when bare, CLI otherwise)."""

import sys

from healthbook.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
