"""Lab results: a table of analytes; selecting one shows its trend chart with the reference
band, out-of-range points, a unit toggle, zoom/pan and each point's source."""

from __future__ import annotations

import html
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
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from healthbook.clinical.labs import AnalyteFact
from healthbook.clinical.timeline import describe
from healthbook.clinical.units import display_unit
from healthbook.knowledge import Entry, for_stored
from healthbook.ui.models import AnalyteModel, RowRole, SortRole
from healthbook.ui.session import PersonData, Session

SOURCE_HINT = "Hover over or click a point to see where it came from."
def about_html(entry: Entry | None, lab_name: str) -> str:
    """The "About this test" panel: the library's plain explanation and its sources."""
    esc = html.escape
    if entry is None:
        return (f"<h3>About this test</h3><p>{esc(lab_name)}</p><p><i>Healthbook's library "
                "has no explanation of this test yet. Your lab or doctor can tell you what it "
                "measures.</i></p>")
    t = entry.text("en")
    parts = [f"<h3>{esc(t.name)}</h3>", f"<p><small>As the lab names it: {esc(lab_name)}"
             "</small></p>", f"<p>{esc(t.summary)}</p>"]
    if t.high:
        parts.append(f"<p><b>A high result</b> {esc(t.high)}</p>")
    if t.low:
        parts.append(f"<p><b>A low result</b> {esc(t.low)}</p>")
    if t.ask:
        parts.append("<p><b>Questions to ask</b></p><ul>" +
                     "".join(f"<li>{esc(q)}</li>" for q in t.ask) + "</ul>")
    sources = "; ".join(f"{esc(s.title)} ({esc(s.url)})" for s in entry.sources)
    parts.append(f"<p><small>Sources: {sources}. Reviewed {esc(entry.reviewed)}. Healthbook "
                 "explains; it does not diagnose.</small></p>")
    return "".join(parts)


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
        self._entries: dict[str, Entry] = {}
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
        self.source = QLabel(SOURCE_HINT)
        self.source.setTextFormat(Qt.TextFormat.PlainText)  # text from records: no markup
        self.source.setWordWrap(True)
        self.source.setAccessibleName("Source of the selected point")
        self._chart_box = QWidget()
        self._chart_layout = QVBoxLayout(self._chart_box)
        self._chart_layout.setContentsMargins(0, 0, 0, 0)
        self.canvas: Any = None
        self.about = QTextBrowser()
        self.about.setAccessibleName("About this test")
        self.about.setOpenExternalLinks(False)  # no network: addresses are shown, not opened
        self.about.setOpenLinks(False)
        self.about.setMinimumWidth(260)
        chart_and_about = QSplitter(Qt.Orientation.Horizontal)
        chart_and_about.addWidget(self._chart_box)
        chart_and_about.addWidget(self.about)
        chart_and_about.setSizes([620, 300])
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.alt_units)
        right_layout.addWidget(chart_and_about, 1)
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
        self._records = {r.id: r for r in data.records} if data else {}
        self._entries = {a.key: entry for a in (data.facts.analytes if data else [])
                         if (entry := self._entry(a.latest.record_id)) is not None}
        self.model.plain = {key: e.name("en") for key, e in self._entries.items()}
        self.model.lab_names = {a.key: self._records[a.latest.record_id].record.display or a.name
                                for a in (data.facts.analytes if data else [])
                                if a.latest.record_id in self._records}
        self.model.set_rows(data.facts.analytes if data else [])
        self.about.clear()
        self._sources = {s.id: s.file_name for s in data.sources} if data else {}
        self.statement.clear()
        self.source.setText(SOURCE_HINT)  # never the previous person's point
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
        self.about.setHtml(about_html(self._entries.get(fact.key),
                                      self.model.lab_names.get(fact.key, fact.name)))

    def _entry(self, record_id: int) -> Entry | None:
        stored = self._records.get(record_id)
        if stored is None:
            return None
        return for_stored(stored.record, "observation")

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
        self.source.setText(
            f"{(stored.record.effective or '')[:10]}: {describe(stored)} — from "
            f"{self._sources.get(stored.source_id, 'an import')} (record {record_id})")
