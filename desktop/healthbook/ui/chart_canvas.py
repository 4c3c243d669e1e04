"""The Qt widget around a matplotlib figure: zoom/pan toolbar, hover and click on points."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import matplotlib

matplotlib.use("QtAgg")
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg, NavigationToolbar2QT  # noqa: E402
from matplotlib.dates import date2num  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from PySide6.QtWidgets import QVBoxLayout, QWidget  # noqa: E402


class ChartCanvas(QWidget):
    """A figure with a toolbar; `draw(fn)` replaces the plot with fn(axes)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure = Figure(figsize=(6, 3.4), layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setAccessibleName("Trend chart")
        # No coordinate readout: it would show a value of whoever was charted last.
        self.toolbar = NavigationToolbar2QT(self.canvas, self, coordinates=False)
        self.toolbar.setAccessibleName("Chart zoom and pan")
        # No "save the figure" (it would write health data to disk) and no layout editor.
        for action in self.toolbar.actions():
            if action.text() in {"Save", "Customize", "Subplots"}:
                self.toolbar.removeAction(action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.canvas, 1)
        self._points: list[tuple[float, int]] = []
        self.on_hover: Callable[[int | None], None] | None = None
        self.on_click: Callable[[int], None] | None = None
        self.canvas.mpl_connect("motion_notify_event", self._motion)
        self.canvas.mpl_connect("button_press_event", self._press)

    def draw(self, plot: Callable[[Any], Any]) -> None:
        """Clear and draw; a returned list of (x, record id) makes points hoverable."""
        self.figure.clear()
        ax = self.figure.add_subplot(111)
        result = plot(ax)
        self._points = [(float(date2num(x)), rid) for x, rid in result] \
            if isinstance(result, list) else []
        self.figure.autofmt_xdate()
        self.toolbar.update()  # forget the previous chart's zoom history
        self.canvas.draw_idle()

    def _nearest(self, event: Any) -> int | None:
        if event.inaxes is None or event.xdata is None or not self._points:
            return None
        lo, hi = event.inaxes.get_xlim()
        tolerance = (hi - lo) / 60
        x, rid = min(self._points, key=lambda p: abs(p[0] - event.xdata))
        return rid if abs(x - event.xdata) <= tolerance else None

    def _motion(self, event: Any) -> None:
        if self.on_hover is not None:
            self.on_hover(self._nearest(event))

    def _press(self, event: Any) -> None:
        rid = self._nearest(event)
        if rid is not None and self.on_click is not None:
            self.on_click(rid)
