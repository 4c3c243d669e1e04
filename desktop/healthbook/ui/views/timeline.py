"""Everything in date order, filterable by kind and searchable."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from healthbook.clinical.timeline import kind_title
from healthbook.ui.models import RowRole, TimelineFilter, TimelineModel
from healthbook.ui.session import PersonData, Session
from healthbook.vault import RecordKind


class TimelineView(QWidget):
    """A searchable table of every record."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = TimelineModel(self)
        self.proxy = TimelineFilter(self)
        self.proxy.setSourceModel(self.model)
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Show records of kind"))
        self.kind.addItem(self.tr("All kinds"), "")
        for kind in sorted(RecordKind, key=kind_title):
            self.kind.addItem(kind_title(kind), kind.value)
        self._shown_person: int | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search the timeline…"))
        self.search.setAccessibleName(self.tr("Search the timeline"))
        self.search.setClearButtonEnabled(True)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Timeline"))
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setAlternatingRowColors(True)
        bar = QHBoxLayout()
        bar.addWidget(self.kind)
        bar.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.kind.currentIndexChanged.connect(self._apply)
        self.search.textChanged.connect(self._apply)
        session.data_ready.connect(self.show_data)
        session.locked.connect(lambda: self.show_data(None))

    def show_data(self, data: PersonData | None) -> None:
        """Show a snapshot's timeline; another person starts with no search typed."""
        person = data.person.id if data else None
        if person != self._shown_person:
            self.search.clear()  # a search may name the previous person's condition
            self._shown_person = person
        self.model.set_rows(data.timeline if data else [])
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)

    def reveal(self, record_id: int) -> bool:
        """Clear the filters and select the entry of one record (a citation's source)."""
        self.kind.setCurrentIndex(0)
        self.search.clear()
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            entry = index.data(RowRole)
            if entry is not None and entry.record_id == record_id:
                self.table.selectRow(row)
                self.table.scrollTo(index)
                return True
        return False

    def _apply(self) -> None:
        self.proxy.set_filter(self.kind.currentData() or "", self.search.text())
