"""Segmented buttons: the charts' time ranges (3 months, 1 year, 5 years, all) and periods
(daily, weekly, monthly), one choice at a time, each a real button for Tab and Space."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("Ranges", text)


def time_ranges() -> list[tuple[str, int | None]]:
    """The charts' ranges: (label, days; None = everything)."""
    return [(_tr("3 months"), 91), (_tr("1 year"), 365), (_tr("5 years"), 1826),
            (_tr("All"), None)]


def periods() -> list[tuple[str, str]]:
    """How wearable values are folded: (label, period)."""
    return [(_tr("Daily"), "day"), (_tr("Weekly"), "week"), (_tr("Monthly"), "month")]


def window(days: int | None, now: datetime | None = None) -> tuple[datetime | None,
                                                                  datetime | None]:
    """The chart window of the last `days` days, ending today (None, None: everything)."""
    if days is None:
        return None, None
    end = (now or datetime.now()).replace(hour=0, minute=0, second=0, microsecond=0)
    end += timedelta(days=1)
    return end - timedelta(days=days), end


class SegmentedButtons(QWidget):
    """One choice among a few, shown as joined buttons (the subset of QComboBox's API views
    and benchmarks use: currentIndex, setCurrentIndex, currentData, count).

    Signals:
    currentIndexChanged(int): another segment was chosen.
    """

    currentIndexChanged = Signal(int)

    def __init__(self, options: Sequence[tuple[str, Any]], name: str,
                 parent: QWidget | None = None, current: int = 0) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self._data = [value for _, value in options]
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.buttons: list[QPushButton] = []
        for i, (label, _value) in enumerate(options):
            button = QPushButton(label)
            button.setObjectName("segment")
            button.setCheckable(True)
            button.setAccessibleName(f"{name}: {label}")
            button.setProperty("first", i == 0)
            button.setProperty("last", i == len(options) - 1)
            self._group.addButton(button, i)
            layout.addWidget(button)
            self.buttons.append(button)
        self.buttons[current].setChecked(True)
        self._group.idClicked.connect(self.currentIndexChanged)

    def count(self) -> int:
        """How many segments there are."""
        return len(self.buttons)

    def currentIndex(self) -> int:
        """The chosen segment."""
        return max(0, self._group.checkedId())

    def currentData(self) -> Any:
        """The value of the chosen segment."""
        return self._data[self.currentIndex()]

    def setCurrentIndex(self, index: int) -> None:
        """Choose a segment (emits currentIndexChanged when it changes)."""
        if index == self.currentIndex() or not 0 <= index < len(self.buttons):
            return
        self.buttons[index].setChecked(True)
        self.currentIndexChanged.emit(index)
