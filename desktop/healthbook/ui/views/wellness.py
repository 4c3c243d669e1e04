"""Wearable metrics by day, week or month, drawn from the daily aggregates."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from healthbook.clinical.wearables import MetricFact
from healthbook.ui.session import PersonData, Session

PERIODS = (("By day", "day"), ("By week", "week"), ("By month", "month"))


class WellnessView(QWidget):
    """A metric picker, a period picker and the chart."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._metrics: list[MetricFact] = []
        self.metric = QComboBox()
        self.metric.setAccessibleName("Metric")
        self.period = QComboBox()
        self.period.setAccessibleName("Period")
        for label, key in PERIODS:
            self.period.addItem(label, key)
        self.statement = QLabel()
        self.statement.setTextFormat(Qt.TextFormat.PlainText)  # text from records: no markup
        self.statement.setWordWrap(True)
        self.empty = QLabel("No wearable data yet. Import an Apple Health or Health Connect "
                            "export (Import, in the side bar) to see steps, heart rate, weight "
                            "and sleep here.")
        self.empty.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.metric, 1)
        bar.addWidget(self.period)
        self._layout = QVBoxLayout(self)
        self._layout.addLayout(bar)
        self._layout.addWidget(self.empty)
        self._layout.addWidget(self.statement)
        self.canvas: Any = None
        self.metric.currentIndexChanged.connect(lambda _i: self.redraw())
        self.period.currentIndexChanged.connect(lambda _i: self.redraw())
        session.data_ready.connect(self.show_data)
        session.locked.connect(lambda: self.show_data(None))

    def show_data(self, data: PersonData | None) -> None:
        """Offer a snapshot's metrics."""
        self._metrics = data.facts.metrics if data else []
        self.metric.blockSignals(True)
        self.metric.clear()
        for m in self._metrics:
            self.metric.addItem(m.label, m.metric)
        self.metric.blockSignals(False)
        self.empty.setVisible(not self._metrics)
        self.statement.clear()
        if self.canvas is not None:
            self.canvas.setVisible(bool(self._metrics))
        self.redraw()

    def redraw(self) -> None:
        """Draw the chosen metric for the chosen period."""
        index = self.metric.currentIndex()
        if not (0 <= index < len(self._metrics)):
            return
        fact = self._metrics[index]
        if self.canvas is None:
            from healthbook.ui.charts import make_canvas

            self.canvas = make_canvas(self)
            self._layout.insertWidget(2, self.canvas, 1)
        from healthbook.ui.charts import plot_metric

        period = self.period.currentData()
        self.canvas.draw(lambda ax: plot_metric(ax, fact, period))
        self.statement.setText(fact.statement)
