"""Showing a core Progress update on a QProgressBar."""

from __future__ import annotations

from PySide6.QtWidgets import QProgressBar

from healthbook.progress import Progress

STEPS = 1000


def show_progress(bar: QProgressBar, update: Progress, text: str) -> None:
    """Show `update` on `bar` with `text` after the percentage; a busy bar while the total
    is unknown."""
    if update.fraction is None:
        bar.setRange(0, 0)
    else:
        bar.setRange(0, STEPS)
        bar.setValue(int(update.fraction * STEPS))
    bar.setFormat(f"%p% — {text}")
