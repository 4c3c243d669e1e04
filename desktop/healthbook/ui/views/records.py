"""The health record by kind: medications (with allergies beside them), conditions,
immunizations, procedures and documents (notes shown as text)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from healthbook.clinical.allergy_check import allergy_notes
from healthbook.clinical.timeline import describe
from healthbook.knowledge import for_stored
from healthbook.ui.models import MedicationModel
from healthbook.ui.session import PersonData, Session
from healthbook.vault import RecordKind, StoredRecord

LISTED = ((RecordKind.CONDITION, "Conditions"), (RecordKind.IMMUNIZATION, "Immunizations"),
          (RecordKind.PROCEDURE, "Procedures"))


def _record_list(name: str) -> QListWidget:
    widget = QListWidget()
    widget.setAccessibleName(name)
    widget.setAlternatingRowColors(True)
    return widget


def explanation(stored: StoredRecord) -> str:
    """What a condition, medicine, vaccine or allergy is, from the knowledge library, with the
    record's own wording and the library's sources (shown on hover)."""
    r = stored.record
    entry = for_stored(r)
    if entry is None:
        return r.display or ""
    t = entry.text("en")
    sources = "; ".join(s.title for s in entry.sources[:2])
    return f"{t.name}: {t.summary}\n\nIn the record: {r.display or ''}\nSources: {sources}"


def _fill(widget: QListWidget, records: list[StoredRecord], empty: str) -> None:
    widget.clear()
    for stored in sorted(records, key=lambda s: s.record.effective or "", reverse=True):
        when = (stored.record.effective or "")[:10]
        item = QListWidgetItem(f"{when}   {describe(stored)}" if when else describe(stored))
        item.setData(Qt.ItemDataRole.UserRole, stored.id)
        item.setToolTip(explanation(stored))
        widget.addItem(item)
    if not records:
        widget.addItem(QListWidgetItem(empty))


class RecordsView(QWidget):
    """Tabs over the person's record kinds."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.tabs = QTabWidget()
        self.meds = MedicationModel(self)
        meds_table = QTableView()
        meds_table.setAccessibleName("Medications")
        meds_table.setModel(self.meds)
        meds_table.verticalHeader().hide()
        meds_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        meds_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        meds_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        meds_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        meds_table.setWordWrap(True)
        self.allergies = _record_list("Allergies")
        meds_page = QSplitter(Qt.Orientation.Horizontal)
        meds_page.addWidget(meds_table)
        allergy_box = QWidget()
        allergy_layout = QVBoxLayout(allergy_box)
        allergy_layout.addWidget(QLabel("<b>Allergies</b>"))
        allergy_layout.addWidget(self.allergies)
        meds_page.addWidget(allergy_box)
        meds_page.setSizes([640, 300])
        self.tabs.addTab(meds_page, "Medications and allergies")
        self.lists: dict[RecordKind, QListWidget] = {}
        for kind, title in LISTED:
            self.lists[kind] = _record_list(title)
            self.tabs.addTab(self.lists[kind], title)
        self.documents = _record_list("Documents")
        self.document_text = QPlainTextEdit()
        self.document_text.setReadOnly(True)
        self.document_text.setAccessibleName("Document text")
        self.pdf_pages = QWidget()
        self.pdf_layout = QVBoxLayout(self.pdf_pages)
        pdf_scroll = QScrollArea()
        pdf_scroll.setWidgetResizable(True)
        pdf_scroll.setWidget(self.pdf_pages)
        pdf_scroll.setAccessibleName("Document pages")
        self.document_view = QStackedWidget()
        self.document_view.addWidget(self.document_text)
        self.document_view.addWidget(pdf_scroll)
        docs = QSplitter(Qt.Orientation.Horizontal)
        docs.addWidget(self.documents)
        docs.addWidget(self.document_view)
        self.tabs.addTab(docs, "Documents")
        self.documents.currentItemChanged.connect(self._open_document)
        QVBoxLayout(self).addWidget(self.tabs)
        session.data_ready.connect(self.show_data)
        session.locked.connect(lambda: self.show_data(None))

    def show_data(self, data: PersonData | None) -> None:
        """Fill every tab from a snapshot."""
        records = data.records if data else []
        self.meds.warnings = allergy_notes(data.facts) if data else {}
        self.meds.set_rows(data.facts.medications if data else [])
        _fill(self.allergies, [r for r in records if r.record.kind is RecordKind.ALLERGY],
              "No allergies recorded.")
        for kind, widget in self.lists.items():
            _fill(widget, [r for r in records if r.record.kind is kind],
                  f"No {kind.value} records.")
        _fill(self.documents, [r for r in records if r.record.kind is RecordKind.DOCUMENT],
              "No documents.")
        self.document_text.clear()

    def _open_document(self, item: QListWidgetItem | None) -> None:
        record_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        if record_id is None:
            self.document_text.clear()
            self.document_view.setCurrentIndex(0)
            return

        def load(vault, _job):  # noqa: ANN001, ANN202 - runs on the lane
            stored, attachment = vault.records.get(record_id), vault.records.attachment(record_id)
            pages = None
            if attachment is not None and attachment.content_type == "application/pdf":
                from healthbook.reports.pdf_pages import pdf_pages

                pages = pdf_pages(attachment.data)
            return stored, attachment, pages

        self._session.run(load, owner=self, done=self._show_document,
                          failed=self.document_text.setPlainText)

    def _show_document(self, loaded: tuple) -> None:
        stored, attachment, pages = loaded
        r = stored.record
        header = f"{r.display or 'Document'} — {(r.effective or '')[:10]}\n\n"
        while self.pdf_layout.count():
            widget = self.pdf_layout.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        if pages:
            for number, png in enumerate(pages, 1):
                label = QLabel()
                label.setPixmap(QPixmap.fromImage(QImage.fromData(png)))
                label.setAccessibleName(f"Page {number}")
                self.pdf_layout.addWidget(label)
            self.document_view.setCurrentIndex(1)
            return
        if attachment is None:
            body = r.value_text or "This document has no stored content (only a link)."
        elif attachment.content_type.startswith("text/"):
            body = attachment.data.decode("utf-8", errors="replace")
        else:
            body = (f"A {attachment.content_type} document of {len(attachment.data):,} bytes is "
                    "stored encrypted in the vault; Healthbook cannot display this type.")
        self.document_text.setPlainText(header + body)
        self.document_view.setCurrentIndex(0)
