"""One typed way to run work off the UI thread: a lane of one worker thread.

The vault connection belongs to one thread, so every vault call goes through the same lane,
in order. Worker code never touches widgets: results, errors and progress come back as
queued signals to a receiver parented to the requesting widget, so a closed view simply
stops hearing about its task.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

from healthbook.errors import HealthbookError
from healthbook.progress import Cancelled, CancelToken, Progress


@dataclass
class Job:
    """What a task function gets: a progress reporter and a cancel token."""

    report: Callable[[Progress], None]
    cancel: CancelToken = field(default_factory=CancelToken)


class _Signals(QObject):
    """Signals:
    done(object): the task's result.
    failed(str): one sentence for the user.
    progress(object): a Progress update.
    cancelled(): the task stopped at the user's request.
    """

    done = Signal(object)
    failed = Signal(str)
    progress = Signal(object)
    cancelled = Signal()


class _Receiver(QObject):
    """Lives in the UI thread, parented to the requesting widget; calls the callbacks."""

    def __init__(self, owner: QObject | None, done: Callable[[Any], None] | None,
                 failed: Callable[[str], None] | None,
                 progress: Callable[[Progress], None] | None,
                 cancelled: Callable[[], None] | None) -> None:
        super().__init__(owner)
        self._done, self._failed = done, failed
        self._progress, self._cancelled = progress, cancelled

    @Slot(object)
    def on_done(self, result: Any) -> None:
        if self._done:
            self._done(result)
        self.deleteLater()

    @Slot(str)
    def on_failed(self, message: str) -> None:
        if self._failed:
            self._failed(message)
        self.deleteLater()

    @Slot(object)
    def on_progress(self, update: Progress) -> None:
        if self._progress:
            self._progress(update)

    @Slot()
    def on_cancelled(self) -> None:
        if self._cancelled:
            self._cancelled()
        self.deleteLater()


def print_bug(exc: BaseException) -> None:
    """A bug's stack on the terminal, without its message (which may quote record text)."""
    stack = "".join(traceback.format_tb(exc.__traceback__))
    sys.stderr.write(f"Healthbook bug: {type(exc).__name__} (message withheld: it may hold "
                     f"health data)\n{stack}")


def user_message(exc: BaseException) -> str:
    """One clear sentence for an error; never a traceback."""
    if isinstance(exc, HealthbookError):
        return str(exc)
    if isinstance(exc, MemoryError):
        return QCoreApplication.translate(
            "Tasks", "The computer ran out of memory; nothing was changed.")
    if isinstance(exc, OSError):
        return QCoreApplication.translate(
            "Tasks", "A file could not be read or written ({error}).").format(
                error=exc.strerror or exc)
    return QCoreApplication.translate(
        "Tasks", "Something went wrong ({error}); nothing was changed.").format(
            error=type(exc).__name__)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[Job], Any], signals: _Signals, job: Job) -> None:
        super().__init__()
        self._fn, self._signals, self._job = fn, signals, job

    def run(self) -> None:
        try:
            result = self._fn(self._job)
        except Cancelled:
            self._signals.cancelled.emit()
        except Exception as exc:  # every error reaches the user as one sentence
            if not isinstance(exc, HealthbookError):
                print_bug(exc)
            self._signals.failed.emit(user_message(exc))
        else:
            self._signals.done.emit(result)


class Lane(QObject):
    """Runs tasks one at a time, in order, on a single worker thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setExpiryTimeout(-1)
        self._in_flight: set[_Signals] = set()  # tasks queued or running

    def run(self, fn: Callable[[Job], Any], *, owner: QObject | None = None,
            done: Callable[[Any], None] | None = None,
            failed: Callable[[str], None] | None = None,
            progress: Callable[[Progress], None] | None = None,
            cancelled: Callable[[], None] | None = None) -> CancelToken:
        """Queue `fn(job)`; callbacks run in the UI thread. Returns the task's cancel token."""
        # Parented to the lane (UI thread): Qt owns it, so it is never deleted on the worker
        # thread when the task's last Python reference goes away there.
        signals = _Signals(self)
        receiver = _Receiver(owner, done, failed, progress, cancelled)
        signals.done.connect(receiver.on_done)
        signals.failed.connect(receiver.on_failed)
        signals.progress.connect(receiver.on_progress)
        signals.cancelled.connect(receiver.on_cancelled)
        for finished in (signals.done, signals.failed, signals.cancelled):
            finished.connect(self._finished)
        self._in_flight.add(signals)
        job = Job(report=signals.progress.emit)
        self._pool.start(_Task(fn, signals, job))
        return job.cancel

    @Slot()
    def _finished(self) -> None:
        signals = self.sender()
        self._in_flight.discard(signals)
        if signals is not None:
            signals.deleteLater()

    @property
    def busy(self) -> bool:
        """True while a task is queued or running."""
        return bool(self._in_flight)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until queued tasks finish (shutdown and tests only)."""
        return self._pool.waitForDone(msecs)
