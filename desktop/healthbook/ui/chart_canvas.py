"""The Qt widget around a matplotlib figure: the app's own chart, with no matplotlib toolbar
and no coordinate readout. Hover shows a point's value, date and source in a small tip;
with the keyboard focus, + and − zoom, the arrows pan and Home resets. The plotting itself is
`healthbook.reports.plot.plot_series`, shared with the printed sheet."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime
from typing import Any

import matplotlib

matplotlib.use("QtAgg")
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.dates import date2num, num2date
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from PySide6.QtCore import QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from healthbook.reports.plot import Series, SeriesPoint, plot_series
from healthbook.ui.icons import follow_palette
from healthbook.ui.style import chart_theme, tone

ZOOM = 1.5  # each + or − press
PAN = 0.2  # each arrow press, as a share of the visible span
NEAR = 16  # how close (in pixels) the pointer must be to a point to show it


class _Ring(QWidget):
    """A ring drawn around the point under the pointer."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.resize(18, 18)
        self.hide()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(tone("info")), 2.0))
        painter.drawEllipse(QRectF(2, 2, 14, 14))
        painter.end()


class _Canvas(FigureCanvasQTAgg):
    """matplotlib's canvas, with the chart's own keys (zoom, pan, reset) taken first."""

    def __init__(self, figure: Figure, keys: Callable[[int], bool]) -> None:
        super().__init__(figure)
        self._keys = keys

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._keys(event.key()):
            event.accept()
            return
        super().keyPressEvent(event)


class ChartCanvas(QWidget):
    """A figure; `show_series` draws a Series, `draw(fn)` anything else.

    `describe(point)` gives the hover tip's text for a point (its value and date by default);
    `on_hover(record_id | None)` and `on_click(record_id)` hear about the point under the
    pointer.
    """

    def __init__(self, parent: QWidget | None = None, height: float = 3.4) -> None:
        super().__init__(parent)
        self.figure = Figure(figsize=(6, height),
                             layout=ConstrainedLayoutEngine(w_pad=0.06, h_pad=0.06))
        self.canvas = _Canvas(self.figure, self._key)
        self.canvas.setParent(self)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.setAccessibleName(self.tr("Trend chart"))
        self.canvas.setAccessibleDescription(self.tr(
            "Plus and minus zoom in and out, the arrow keys move along the dates, Home shows "
            "the whole range again."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas, 1)
        self.tip = QLabel(self.canvas)
        self.tip.setObjectName("charttip")
        self.tip.setTextFormat(Qt.TextFormat.RichText)  # built below with every part escaped
        self.tip.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.tip.hide()
        self.ring = _Ring(self.canvas)
        self.series: Series | None = None
        self._window: tuple[datetime | None, datetime | None] = (None, None)
        self._options: dict[str, Any] = {}
        self._points: list[SeriesPoint] = []
        self._home: tuple[float, float] | None = None
        self.describe: Callable[[SeriesPoint], str] | None = None
        self.on_hover: Callable[[int | None], None] | None = None
        self.on_click: Callable[[int], None] | None = None
        self.canvas.mpl_connect("motion_notify_event", self._motion)
        self.canvas.mpl_connect("button_press_event", self._press)
        self.canvas.mpl_connect("figure_leave_event", lambda _e: self.hide_tip())
        follow_palette(self._palette_changed)

    def sizeHint(self) -> QSize:
        return QSize(560, 300)

    # -- drawing ---------------------------------------------------------------------------
    def show_series(self, series: Series | None, start: datetime | None = None,
                    end: datetime | None = None, **options: Any) -> None:
        """Draw `series` between `start` and `end` (everything when None); None clears."""
        self.series, self._window = series, (start, end)
        self._options = options
        if series is None:
            self.clear()
            return
        self._redraw()

    def _redraw(self) -> None:
        series = self.series
        if series is None:
            return
        start, end = self._window
        self._begin()
        ax = self.figure.add_subplot(111)
        plot_series(ax, series, chart_theme(), start=start, end=end, **self._options)
        self._points = list(series.points)
        self._finish(ax)

    def draw(self, plot: Callable[[Any], Any]) -> None:
        """Clear and draw `plot(axes)`; returned SeriesPoints (or (x, record id) pairs) are
        hoverable."""
        self.series = None
        self._begin()
        ax = self.figure.add_subplot(111)
        result = plot(ax)
        points: list[SeriesPoint] = []
        for item in result if isinstance(result, list) else []:
            if isinstance(item, SeriesPoint):
                points.append(item)
            else:
                x, rid = item
                points.append(SeriesPoint(x, float("nan"), False, rid))
        self._points = points
        self._finish(ax)

    def _begin(self) -> None:
        self.hide_tip()
        self.figure.clear()
        self.figure.set_facecolor(chart_theme().background)

    def _finish(self, ax: Any) -> None:
        self._home = ax.get_xlim()
        self.canvas.draw_idle()

    def clear(self) -> None:
        """Show nothing (and forget every point)."""
        self.series, self._points, self._home = None, [], None
        self._begin()
        self.canvas.draw_idle()

    def _palette_changed(self, _palette: QPalette) -> None:
        """Follow the palette: a chart drawn in light mode is redrawn for dark mode."""
        if self.series is not None:
            self._redraw()

    # -- keyboard zoom and pan -------------------------------------------------------------
    def _axes(self) -> Any:
        return self.figure.axes[0] if self.figure.axes else None

    def zoom(self, factor: float) -> None:
        """Zoom the dates around the middle (factor > 1 shows less time)."""
        ax = self._axes()
        if ax is None:
            return
        lo, hi = ax.get_xlim()
        middle, half = (lo + hi) / 2, (hi - lo) / 2 / factor
        ax.set_xlim(middle - max(half, 1.0), middle + max(half, 1.0))
        self.hide_tip()
        self.canvas.draw_idle()

    def pan(self, share: float) -> None:
        """Move along the dates by `share` of the visible span (negative: earlier)."""
        ax = self._axes()
        if ax is None:
            return
        lo, hi = ax.get_xlim()
        step = (hi - lo) * share
        ax.set_xlim(lo + step, hi + step)
        self.hide_tip()
        self.canvas.draw_idle()

    def reset(self) -> None:
        """Show the chosen range again."""
        ax = self._axes()
        if ax is None or self._home is None:
            return
        ax.set_xlim(*self._home)
        self.hide_tip()
        self.canvas.draw_idle()

    def _key(self, key: int) -> bool:
        """Zoom, pan or reset for a key press; False for keys the chart does not use."""
        actions: dict[int, Callable[[], None]] = {
            Qt.Key.Key_Plus: lambda: self.zoom(ZOOM),
            Qt.Key.Key_Equal: lambda: self.zoom(ZOOM),
            Qt.Key.Key_Minus: lambda: self.zoom(1 / ZOOM),
            Qt.Key.Key_Underscore: lambda: self.zoom(1 / ZOOM),
            Qt.Key.Key_Left: lambda: self.pan(-PAN),
            Qt.Key.Key_Right: lambda: self.pan(PAN),
            Qt.Key.Key_Home: self.reset,
        }
        action = actions.get(key)
        if action is None:
            return False
        action()
        return True

    # -- hover and click -------------------------------------------------------------------
    def _nearest(self, event: Any) -> SeriesPoint | None:
        ax = self._axes()
        if ax is None or event.inaxes is not ax or event.x is None or not self._points:
            return None
        ratio = self.canvas.devicePixelRatioF()
        best, best_distance = None, NEAR * ratio
        lo, hi = ax.get_xlim()
        for point in self._points:
            x = date2num(point.when)
            if not lo <= x <= hi:
                continue
            if point.value != point.value:  # NaN: only its date is known
                px, _ = ax.transData.transform((x, 0))
                distance = abs(px - event.x)
            else:
                px, py = ax.transData.transform((x, point.value))
                if self.series is not None and self.series.bars:
                    distance = abs(px - event.x)  # a bar is hit anywhere along its height
                else:
                    distance = ((px - event.x) ** 2 + (py - event.y) ** 2) ** 0.5
            if distance < best_distance:
                best, best_distance = point, distance
        return best

    def _tip_text(self, point: SeriesPoint) -> str:
        if self.describe is not None:
            return self.describe(point)
        from healthbook.ui.formatting import local_date

        value = point.label or (f"{point.value:g}" if point.value == point.value else "")
        return f"<b>{html.escape(value)}</b><br>{html.escape(local_date(point.when.date()))}"

    def _show_tip(self, point: SeriesPoint) -> None:
        ax = self._axes()
        if ax is None:
            return
        ratio = self.canvas.devicePixelRatioF()
        value = point.value if point.value == point.value else ax.get_ylim()[0]
        px, py = ax.transData.transform((date2num(point.when), value))
        at = QPoint(int(px / ratio), int(self.canvas.height() - py / ratio))
        self.ring.move(at.x() - self.ring.width() // 2, at.y() - self.ring.height() // 2)
        self.ring.show()
        self.tip.setText(self._tip_text(point))
        self.tip.adjustSize()
        x = at.x() + 14
        if x + self.tip.width() > self.canvas.width() - 4:
            x = at.x() - 14 - self.tip.width()
        y = max(4, min(at.y() - self.tip.height() - 10, self.canvas.height() - self.tip.height()))
        self.tip.move(max(4, x), y)
        self.tip.show()
        self.tip.raise_()

    def hide_tip(self) -> None:
        """Hide the hover tip (and forget its text: it may name a source)."""
        self.tip.hide()
        self.tip.clear()
        self.ring.hide()

    def _motion(self, event: Any) -> None:
        point = self._nearest(event)
        if point is None:
            self.hide_tip()
        else:
            self._show_tip(point)
        if self.on_hover is not None:
            self.on_hover(point.record_id if point is not None else None)

    def _press(self, event: Any) -> None:
        point = self._nearest(event)
        self.canvas.setFocus(Qt.FocusReason.MouseFocusReason)
        if point is not None and point.record_id is not None and self.on_click is not None:
            self.on_click(point.record_id)


def x_date(x: float) -> datetime:
    """A matplotlib date number back to a datetime (tests and tools)."""
    return num2date(x).replace(tzinfo=None)
