"""Progress reports and cancellation shared by the core, the CLI and the UI."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass


class Cancelled(Exception):
    """Raised inside long work when the user asked to stop; nothing was changed."""


@dataclass(frozen=True, slots=True)
class Progress:
    """One progress update: `done` out of `total` (total 0 = unknown) in some unit."""

    done: int
    total: int = 0
    unit: str = "bytes"
    message: str = ""
    records: int = 0

    @property
    def fraction(self) -> float | None:
        """Share done in [0, 1], or None when the total is unknown."""
        if self.total <= 0:
            return None
        return min(1.0, self.done / self.total)


ProgressCallback = Callable[[Progress], None]


def no_progress(_: Progress) -> None:
    """A progress callback that ignores updates."""


class CancelToken:
    """A flag the UI sets and long work checks between units of work."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Ask the work to stop at its next check."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """True once cancel() was called."""
        return self._event.is_set()

    def check(self) -> None:
        """Raise Cancelled if cancel() was called."""
        if self._event.is_set():
            raise Cancelled("cancelled by the user")
