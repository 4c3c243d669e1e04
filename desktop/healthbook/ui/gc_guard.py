"""Garbage-collect only on the UI thread.

Python's cycle collector runs in whichever thread happens to allocate. If it runs on a worker
thread and frees a cycle holding a Qt object (a closed view and its connected lambdas), Qt
deletes that object from the wrong thread and the process crashes. So automatic collection is
turned off and a timer collects on the UI thread instead; reference counting still frees
almost everything at once.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


def collect_on_ui_thread(app: QObject) -> QTimer:
    """Disable automatic collection and collect from a timer owned by `app`'s thread."""
    gc.disable()
    timer = QTimer(app)
    timer.setInterval(INTERVAL_MS)
    timer.timeout.connect(lambda: gc.collect(0))
    timer.start()
    full = QTimer(app)
    full.setInterval(INTERVAL_MS * 30)
    full.timeout.connect(gc.collect)
    full.start()
    return timer
