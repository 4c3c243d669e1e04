"""One base for the faults of the user's input or environment, shown as one sentence.

Anything that is not a `HealthbookError` is a bug: the CLI prints its stack on the terminal
and the app says that something went wrong (with no record text).
"""

from __future__ import annotations


class HealthbookError(Exception):
    """A problem with the user's input, files or machine: its message is one sentence."""


class InvalidInput(HealthbookError, ValueError):
    """A value the user typed is not acceptable (an empty name, an impossible date)."""
