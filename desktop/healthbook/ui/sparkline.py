"""Sparklines: a value's recent history in a few dozen pixels, drawn with QPainter (no
matplotlib, so a list of fifty tests or the Overview's tiles cost next to nothing)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from healthbook.ui.style import tone

MAX_POINTS = 120  # more than a sparkline can show: longer series are thinned evenly


@dataclass(frozen=True)
class Spark:
    """What a sparkline shows: values in time order, the normal range and which are out."""

    values: Sequence[float]
    low: float | None = None
    high: float | None = None
    out: Sequence[bool] = ()
    bars: bool = False


def thin(values: Sequence[float], most: int = MAX_POINTS) -> list[float]:
    """At most `most` values, evenly picked, the last one always kept."""
    if len(values) <= most:
        return list(values)
    step = len(values) / most
    picked = [values[int(i * step)] for i in range(most - 1)]
    return [*picked, values[-1]]


def paint_spark(painter: QPainter, rect: QRectF, spark: Spark, line: QColor | None = None
                ) -> None:
    """Draw `spark` inside `rect`: the range as a pale band, the values as a line (or bars)
    and the latest value as a dot, red when it is out of range."""
    values = thin(spark.values)
    if not values:
        return
    line = line or QColor(tone("info"))
    lo, hi = min(values), max(values)
    for edge in (spark.low, spark.high):
        if edge is not None and lo - (hi - lo) <= edge <= hi + (hi - lo):
            lo, hi = min(lo, edge), max(hi, edge)  # show the range only when it is near
    if spark.bars:
        lo = min(0.0, lo)
    if hi - lo < 1e-9:
        lo, hi = lo - 1, hi + 1
    r = rect.adjusted(3, 3, -3, -3)

    def y(value: float) -> float:
        return r.bottom() - (value - lo) / (hi - lo) * r.height()

    def x(i: int) -> float:
        return r.center().x() if len(values) == 1 else r.left() + i * r.width() / (len(values) - 1)

    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if spark.low is not None or spark.high is not None:
        top = y(min(spark.high, hi)) if spark.high is not None else r.top()
        bottom = y(max(spark.low, lo)) if spark.low is not None else r.bottom()
        band = QColor(tone("ok"))
        band.setAlphaF(0.16)
        painter.fillRect(QRectF(r.left(), top, r.width(), max(0.0, bottom - top)), band)
    if spark.bars:
        width = max(1.0, r.width() / max(1, len(values)) * 0.7)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(line)
        for i, v in enumerate(values):
            painter.drawRect(QRectF(x(i) - width / 2, y(v), width, r.bottom() - y(v)))
    else:
        path = QPainterPath(QPointF(x(0), y(values[0])))
        for i, v in enumerate(values[1:], 1):
            path.lineTo(x(i), y(v))
        painter.setPen(QPen(line, 1.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    last_out = bool(spark.out) and bool(spark.out[-1])
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(tone("alert")) if last_out else line)
    painter.drawEllipse(QPointF(x(len(values) - 1), y(values[-1])), 3.0, 3.0)
    painter.restore()


class Sparkline(QWidget):
    """A small widget showing one Spark."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._spark: Spark | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def sizeHint(self) -> QSize:
        return QSize(120, 34)

    def minimumSizeHint(self) -> QSize:
        return QSize(60, 34)

    def set_spark(self, spark: Spark | None) -> None:
        """Show `spark` (None: nothing)."""
        self._spark = spark
        if spark is None or len(spark.values) < 2:
            self.hide()
        elif self.parentWidget() is not None:  # never a window of its own
            self.show()
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        if self._spark is None:
            return
        painter = QPainter(self)
        paint_spark(painter, QRectF(self.rect()), self._spark)
        painter.end()
