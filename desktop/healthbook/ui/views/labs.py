"""Lab results: a table of analytes; selecting one shows its trend chart with the reference
band, out-of-range points, a unit toggle, zoom/pan and each point's source."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from healthbook.clinical.labs import AnalyteFact
from healthbook.clinical.units import display_unit
from healthbook.ui.models import AnalyteModel, RowRole, SortRole
from healthbook.ui.session import PersonData, Session

UNIT_WORDS = {"[in_i]": "inches", "[lb_av]": "pounds", "[degF]": "degrees Fahrenheit"}


class LabsView(QWidget):
    """Signals:
    explain_requested(int): the user wants the assistant to explain this result record.
    """

    explain_requested = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._records: dict[int, Any] = {}
        self._sources: dict[int, str] = {}
        self.model = AnalyteModel(self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        proxy.setSortRole(SortRole)
        self.table = QTableView()
        self.table.setAccessibleName("Lab results")
        self.table.setModel(proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setAlternatingRowColors(True)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.alt_units = QCheckBox("Show in the other common unit")
        self.alt_units.setAccessibleName("Unit conversion")
        self.alt_units.toggled.connect(lambda _on: self._show_selected())
        self.statement = QLabel()
        self.statement.setTextFormat(Qt.TextFormat.PlainText)  # text from records: no markup
        self.statement.setWordWrap(True)
        self.statement.setAccessibleName("What the trend says")
        self.source = QLabel("Hover over or click a point to see where it came from.")
        self.source.setTextFormat(Qt.TextFormat.PlainText)  # text from records: no markup
        self.source.setWordWrap(True)
        self.source.setAccessibleName("Source of the selected point")
        self._chart_box = QWidget()
        self._chart_layout = QVBoxLayout(self._chart_box)
        self._chart_layout.setContentsMargins(0, 0, 0, 0)
        self.canvas: Any = None
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.alt_units)
        right_layout.addWidget(self._chart_box, 1)
        right_layout.addWidget(self.statement)
        right_layout.addWidget(self.source)
        self.explain = QPushButton("Explain this result…")
        self.explain.setToolTip("Ask the assistant to explain the latest result in plain "
                                "language")
        self.explain.clicked.connect(self._explain)
        right_layout.addWidget(self.explain, 0, Qt.AlignmentFlag.AlignLeft)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setSizes([260, 420])
        QVBoxLayout(self).addWidget(splitter)
        session.data_ready.connect(self.show_data)
        session.locked.connect(lambda: self.show_data(None))

    def show_data(self, data: PersonData | None) -> None:
        """Show a snapshot's analytes and chart the first (or the selected) one."""
        self.model.set_rows(data.facts.analytes if data else [])
        self._records = {r.id: r for r in data.records} if data else {}
        self._sources = {s.id: s.file_name for s in data.sources} if data else {}
        self.statement.clear()
        if self.canvas is not None:
            self.canvas.figure.clear()
            self.canvas.canvas.draw_idle()
        if data and data.facts.analytes:
            self.table.selectRow(0)

    def selected(self) -> AnalyteFact | None:
        """The analyte whose chart is shown."""
        index = self.table.currentIndex()
        return index.data(RowRole) if index.isValid() else None

    def _show_selected(self) -> None:
        fact = self.selected()
        if fact is None:
            return
        if self.canvas is None:
            from healthbook.ui.charts import make_canvas

            self.canvas = make_canvas(self)
            self.canvas.on_hover = self._describe
            self.canvas.on_click = self._describe
            self._chart_layout.addWidget(self.canvas)
        self.alt_units.setEnabled(fact.alt_unit is not None)
        other = UNIT_WORDS.get(fact.alt_unit or "", display_unit(fact.alt_unit))
        self.alt_units.setText(f"Show in {other}" if fact.alt_unit else
                               "Show in the other common unit")
        unit = fact.alt_unit if self.alt_units.isChecked() and fact.alt_unit else fact.unit
        from healthbook.ui.charts import plot_analyte

        self.canvas.draw(lambda ax: plot_analyte(ax, fact, unit))
        kept = f" {len(fact.apart)} result(s) in units that cannot be converted are not " \
               "charted." if fact.apart else ""
        self.statement.setText(fact.statement + kept)

    def _explain(self) -> None:
        fact = self.selected()
        if fact is not None:
            self.explain_requested.emit(fact.latest.record_id)

    def _describe(self, record_id: int | None) -> None:
        if record_id is None:
            return
        stored = self._records.get(record_id)
        if stored is None:
            return
        r = stored.record
        self.source.setText(
            f"{(r.effective or '')[:10]}: {r.display} {r.value_num:g} {display_unit(r.unit)} — "
            f"from "
            f"{self._sources.get(stored.source_id, 'an import')} (record {record_id})")
