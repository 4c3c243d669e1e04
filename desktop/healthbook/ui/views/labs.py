"""Lab results: tests by panel with plain names, the latest value, a flag chip and a sparkline,
and a search; the selected test's trend chart (time ranges, the reference band, hover for each
point's value, date and source, keyboard zoom), a unit toggle and "About this test"."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from healthbook.clinical.labs import AnalyteFact
from healthbook.clinical.timeline import describe
from healthbook.clinical.units import display_unit
from healthbook.i18n import current_language
from healthbook.knowledge import Entry
from healthbook.ui.formatting import date_with_age, local_date
from healthbook.ui.icons import follow_palette, icon
from healthbook.ui.lab_rows import (
    FLAG,
    LATEST,
    ROW_HEIGHT,
    TEST,
    TREND,
    LabDelegate,
    LabFilter,
    LabRowsModel,
    analyte_entries,
    build_rows,
    flag_chip,
)
from healthbook.ui.models import RowRole, number, range_text
from healthbook.ui.range_buttons import SegmentedButtons, time_ranges, window
from healthbook.ui.session import PersonData, Session
from healthbook.ui.style import XS, L, M, S
from healthbook.ui.tiles import Chip

UNIT_WORDS = {"[in_i]": "inches", "[lb_av]": "pounds", "[degF]": "degrees Fahrenheit"}
ALL_TIME = 3  # the "All" range: lab results are years apart
PANEL_ROW_HEIGHT = 34


def about_html(entry: Entry | None, lab_name: str) -> str:
    """The "About this test" panel: the library's plain explanation and its sources."""
    from PySide6.QtCore import QCoreApplication

    def tr(text: str) -> str:
        return QCoreApplication.translate("LabsView", text)

    esc = html.escape
    if entry is None:
        return (f"<h3>{esc(tr('About this test'))}</h3><p>{esc(lab_name)}</p><p><i>"
                f"{esc(tr('Healthbook’s library has no explanation of this test yet. Your lab or doctor can tell you what it measures.'))}"  # noqa: E501
                "</i></p>")
    t = entry.text(current_language())
    parts = [f"<h3>{esc(t.name)}</h3>",
             f"<p><small>{esc(tr('As the lab names it: {name}').format(name=lab_name))}"
             "</small></p>", f"<p>{esc(t.summary)}</p>"]
    if t.high:
        parts.append(f"<p><b>{esc(tr('A high result'))}</b> {esc(t.high)}</p>")
    if t.low:
        parts.append(f"<p><b>{esc(tr('A low result'))}</b> {esc(t.low)}</p>")
    if t.ask:
        parts.append(f"<p><b>{esc(tr('Questions to ask'))}</b></p><ul>" +
                     "".join(f"<li>{esc(q)}</li>" for q in t.ask) + "</ul>")
    sources = "; ".join(f"{esc(s.title)} ({esc(s.url)})" for s in entry.sources)
    parts.append("<p><small>" + esc(tr("Sources: {sources}. Reviewed {date}. Healthbook "
                                       "explains; it does not diagnose.")).format(
        sources=sources, date=esc(entry.reviewed)) + "</small></p>")
    return "".join(parts)


def range_words(low: float | None, high: float | None, unit: str) -> str:
    """'3.6–5.2 mmol/L', 'below 120 mmHg', '40 mg/dL or more' (empty when unknown)."""
    from PySide6.QtCore import QCoreApplication

    def tr(text: str) -> str:
        return QCoreApplication.translate("LabsView", text)

    shown = display_unit(unit)
    if low is not None and high is not None:
        return f"{range_text(low, high)} {shown}".strip()
    if high is not None:
        return tr("up to {high} {unit}").format(high=number(high), unit=shown).strip()
    if low is not None:
        return tr("{low} {unit} or more").format(low=number(low), unit=shown).replace("  ", " ")
    return ""


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
        self.lab_names: dict[str, str] = {}
        self._person_id: int | None = None
        self._series: Any = None  # the selected test's chart, drawn when the page is shown
        self._chart_pending = False
        self.model = LabRowsModel(self)
        self.proxy = LabFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search tests"))
        self.search.setAccessibleName(self.tr("Search tests"))
        self.search.setClearButtonEnabled(True)
        self._search_icon = QAction(icon("search"), "", self.search)
        self.search.addAction(self._search_icon, QLineEdit.ActionPosition.LeadingPosition)
        follow_palette(self._palette_changed)
        self.search.textChanged.connect(self._filter)
        self.table = QTableView()
        self.table.setObjectName("labs")
        self.table.setAccessibleName(self.tr("Lab results"))
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(LabDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TEST, QHeaderView.ResizeMode.Stretch)
        for column in (LATEST, FLAG):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TREND, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(TREND, 96)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, S, 0)
        left_layout.setSpacing(S)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.table, 1)

        self.name = QLabel()
        self.name.setObjectName("pageTitle")
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.name.setWordWrap(True)
        self.lab_name = QLabel()
        self.lab_name.setObjectName("caption")
        self.lab_name.setTextFormat(Qt.TextFormat.PlainText)
        self.lab_name.setWordWrap(True)
        self.value = QLabel()
        self.value.setObjectName("figure")
        self.value.setTextFormat(Qt.TextFormat.PlainText)
        self.unit = QLabel()
        self.unit.setObjectName("unit")
        self.unit.setTextFormat(Qt.TextFormat.PlainText)
        self.chip = Chip()
        self.range = QLabel()
        self.range.setObjectName("hint")
        self.range.setTextFormat(Qt.TextFormat.PlainText)
        self.range.setWordWrap(True)
        value_row = QHBoxLayout()
        value_row.setSpacing(S)
        value_row.addWidget(self.value)
        value_row.addWidget(self.unit, 0, Qt.AlignmentFlag.AlignBottom)
        value_row.addSpacing(XS)
        value_row.addWidget(self.chip, 0, Qt.AlignmentFlag.AlignVCenter)
        value_row.addSpacing(M)
        value_row.addWidget(self.range, 1, Qt.AlignmentFlag.AlignVCenter)
        self.ranges = SegmentedButtons(time_ranges(), self.tr("Time range"), current=ALL_TIME)
        self.ranges.currentIndexChanged.connect(lambda _i: self._show_selected())
        self.alt_units = QCheckBox(self.tr("Show in the other common unit"))
        self.alt_units.setAccessibleName(self.tr("Unit conversion"))
        self.alt_units.toggled.connect(lambda _on: self._show_selected())
        controls = QHBoxLayout()
        controls.addWidget(self.ranges)
        controls.addStretch(1)
        controls.addWidget(self.alt_units)
        self.statement = QLabel()
        self.statement.setTextFormat(Qt.TextFormat.PlainText)  # text from records: no markup
        self.statement.setWordWrap(True)
        self.statement.setAccessibleName(self.tr("What the trend says"))
        self.source = QLabel(self.source_hint())
        self.source.setObjectName("caption")
        self.source.setTextFormat(Qt.TextFormat.PlainText)  # text from records: no markup
        self.source.setWordWrap(True)
        self.source.setAccessibleName(self.tr("Source of the selected point"))
        self._chart_box = QWidget()
        self._chart_box.setMinimumHeight(220)
        self._chart_layout = QVBoxLayout(self._chart_box)
        self._chart_layout.setContentsMargins(0, 0, 0, 0)
        self.canvas: Any = None
        self.explain = QPushButton(self.tr("Explain this result…"))
        self.explain.setToolTip(self.tr("Ask the assistant to explain the latest result in "
                                        "plain language"))
        self.explain.clicked.connect(self._explain)
        self.correct = QPushButton(self.tr("Correct this result…"))
        self.correct.setToolTip(self.tr("Fix the latest result's name, value, unit or date; "
                                        "the original is kept in its history"))
        self.correct.clicked.connect(self._correct)
        actions_row = QHBoxLayout()
        actions_row.addWidget(self.explain)
        actions_row.addWidget(self.correct)
        actions_row.addStretch(1)
        chart_part = QWidget()
        chart_layout = QVBoxLayout(chart_part)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.setSpacing(S)
        chart_layout.addWidget(self.name)
        chart_layout.addWidget(self.lab_name)
        chart_layout.addLayout(value_row)
        chart_layout.addSpacing(XS)
        chart_layout.addLayout(controls)
        chart_layout.addWidget(self._chart_box, 1)
        chart_layout.addWidget(self.statement)
        chart_layout.addWidget(self.source)
        chart_layout.addLayout(actions_row)
        self.about = QTextBrowser()
        self.about.setAccessibleName(self.tr("About this test"))
        self.about.setOpenExternalLinks(False)  # no network: addresses are shown, not opened
        self.about.setOpenLinks(False)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(chart_part)
        right.addWidget(self.about)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 1)
        right.setSizes([520, 190])
        right.setChildrenCollapsible(False)
        right_box = QWidget()
        right_layout = QVBoxLayout(right_box)
        right_layout.setContentsMargins(M, 0, 0, 0)
        right_layout.addWidget(right)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right_box)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([460, 600])
        self.splitter.setChildrenCollapsible(False)
        self.empty = QLabel(self.tr(
            "<h3>No lab results yet</h3><p>Results appear here when you import records that "
            "hold them: a patient-portal download (FHIR), a hospital document (C-CDA), an "
            "Apple Health export with clinical records, a CSV of results, or the lab's report "
            "as a PDF or a photo.</p>"))
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setContentsMargins(L, L, L, L)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.splitter)
        self.pages.addWidget(self.empty)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(S, S, S, S)
        outer.addWidget(self.pages)
        for first, second in ((self.search, self.table), (self.table, self.ranges.buttons[0])):
            QWidget.setTabOrder(first, second)
        QWidget.setTabOrder(self.ranges.buttons[-1], self.alt_units)
        QWidget.setTabOrder(self.alt_units, self.explain)
        QWidget.setTabOrder(self.explain, self.correct)
        QWidget.setTabOrder(self.correct, self.about)
        session.data_ready.connect(self.show_data)
        session.locked.connect(lambda: self.show_data(None))

    def _palette_changed(self, _palette: QPalette) -> None:
        self._search_icon.setIcon(icon("search"))

    def source_hint(self) -> str:
        """What the source line says before a point is chosen."""
        return self.tr("Point at a result on the chart to see its value, date and where it "
                       "came from.")

    # -- data ------------------------------------------------------------------------------
    def show_data(self, data: PersonData | None) -> None:
        """Show a snapshot's tests and chart the first (or the one shown before) again."""
        shown = self.selected()
        same_person = data is not None and data.person.id == self._person_id
        kept = shown.key if same_person and shown is not None else None
        self._person_id = data.person.id if data is not None else None
        analytes = data.facts.analytes if data else []
        self._records = {r.id: r for r in data.records} if data else {}
        self._sources = {s.id: s.file_name for s in data.sources} if data else {}
        self._entries = analyte_entries(analytes, self._records)
        self.lab_names = {a.key: self._records[a.latest.record_id].record.display or a.name
                          for a in analytes if a.latest.record_id in self._records}
        self.model.set_rows(build_rows(analytes, self._entries, self.lab_names))
        self._spans()
        self._clear_detail()
        self.pages.setCurrentIndex(0 if analytes or data is None else 1)
        first = self.model.row(1).fact if self.model.rowCount() > 1 else None  # 0: a panel
        target = kept or (first.key if first is not None else None)
        if target:
            self.reveal(target)

    def _clear_detail(self) -> None:
        for label in (self.name, self.lab_name, self.value, self.unit, self.range,
                      self.statement):
            label.clear()
        self.chip.set_chip("")
        self._series, self._chart_pending = None, False
        self.about.clear()
        self.source.setText(self.source_hint())  # never the previous person's point
        if self.canvas is not None:
            self.canvas.clear()

    def _spans(self) -> None:
        """Panel titles span the whole row."""
        self.table.clearSpans()
        for row in range(self.proxy.rowCount()):
            source = self.proxy.mapToSource(self.proxy.index(row, 0)).row()
            if self.model.row(source).fact is None:
                self.table.setSpan(row, 0, 1, self.model.columnCount())
                self.table.setRowHeight(row, PANEL_ROW_HEIGHT)
            else:
                self.table.setRowHeight(row, ROW_HEIGHT)

    def _filter(self, text: str) -> None:
        self.proxy.set_text(text)
        self._spans()

    def reveal(self, key: str) -> bool:
        """Select the test with analyte key `key` (clearing a search that hides it)."""
        row = self.model.row_of(key)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.search.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def selected(self) -> AnalyteFact | None:
        """The test whose chart is shown."""
        index = self.table.currentIndex()
        return index.data(RowRole) if index.isValid() else None

    # -- the selected test -----------------------------------------------------------------
    def _show_selected(self) -> None:
        fact = self.selected()
        if fact is None:
            return
        entry = self._entries.get(fact.key)
        lab_name = self.lab_names.get(fact.key, fact.name)
        plain = entry.name(current_language()) if entry is not None else fact.name
        self.name.setText(plain)
        self.lab_name.setText(self.tr("As the lab names it: {name}").format(name=lab_name)
                              if entry is not None and lab_name != plain else "")
        self.lab_name.setVisible(bool(self.lab_name.text()))
        self.alt_units.setEnabled(fact.alt_unit is not None)
        other = UNIT_WORDS.get(fact.alt_unit or "", display_unit(fact.alt_unit))
        self.alt_units.setText(self.tr("Show in {unit}").format(unit=other) if fact.alt_unit
                               else self.tr("Show in the other common unit"))
        unit = fact.alt_unit if self.alt_units.isChecked() and fact.alt_unit else fact.unit
        from healthbook.ui.charts import analyte_series

        series = analyte_series(fact, unit)
        latest = series.points[-1]
        number, _space, shown_unit = latest.label.partition(" ")
        self.value.setText(number if shown_unit else latest.label)
        self.unit.setText(shown_unit)
        self.chip.set_chip(*flag_chip(fact.flag))
        when, _old = date_with_age(fact.latest.when)
        normal = range_words(series.low, series.high, unit)
        self.range.setText(self.tr("Normal range: {range} · {date}").format(
            range=normal, date=when) if normal else when)
        self._series = series
        self._draw_chart()
        kept = self.tr("Not charted: %n results in units that cannot be converted.", "",
                       len(fact.apart)) if fact.apart else ""
        self.statement.setText(f"{fact.statement} {kept}".strip())
        self.about.setHtml(about_html(entry, lab_name))
        self.source.setText(self.source_hint())

    def _draw_chart(self) -> None:
        """Chart the selected test; while the page is hidden (during unlock), only once it is
        shown, so that unlocking does not wait for a chart nobody sees yet."""
        if self._series is None:
            return
        if not self.isVisible():
            self._chart_pending = True
            return
        self._chart_pending = False
        if self.canvas is None:
            from healthbook.ui.charts import make_canvas

            self.canvas = make_canvas(self)
            self.canvas.on_hover = self._describe
            self.canvas.on_click = self._describe
            self.canvas.describe = self._tip
            self._chart_layout.addWidget(self.canvas)
            QWidget.setTabOrder(self.alt_units, self.canvas.canvas)
            QWidget.setTabOrder(self.canvas.canvas, self.explain)
        start, end = window(self.ranges.currentData())
        self.canvas.show_series(self._series, start, end)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._chart_pending:
            self._draw_chart()

    def _explain(self) -> None:
        fact = self.selected()
        if fact is not None:
            self.explain_requested.emit(fact.latest.record_id)

    def _correct(self) -> None:
        """The latest result of the selected test, in the correction form."""
        from healthbook.ui.record_form import RecordForm

        fact = self.selected()
        stored = self._records.get(fact.latest.record_id) if fact is not None else None
        if stored is not None:
            RecordForm(self._session, "result", stored, self).open()

    def _source_of(self, record_id: int | None) -> str:
        stored = self._records.get(record_id) if record_id is not None else None
        if stored is None:
            return ""
        return self._sources.get(stored.source_id, self.tr("an import"))

    def _tip(self, point: Any) -> str:
        """The hover tip: the value, its date and the file it came from."""
        esc = html.escape
        source = self._source_of(point.record_id)
        lines = [f"<b>{esc(point.label)}</b>", esc(local_date(point.when.date()))]
        if point.out_of_range:
            outside = self.tr("outside the normal range")  # i18n: tr() outside f-strings
            lines[0] += f" · {esc(outside)}"
        if source:
            lines.append(esc(self.tr("from {file}").format(file=source)))
        return "<br>".join(lines)

    def _describe(self, record_id: int | None) -> None:
        if record_id is None:
            return
        stored = self._records.get(record_id)
        if stored is None:
            return
        self.source.setText(self.tr("{date}: {what} — from {file}").format(
            date=local_date(stored.record.effective), what=describe(stored),
            file=self._source_of(record_id)))

