"""The health record by kind: medications (with allergies beside them), conditions,
immunizations, procedures and documents (notes shown as text)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
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
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from healthbook.clinical.allergy_check import allergy_notes
from healthbook.clinical.timeline import describe
from healthbook.i18n import current_language
from healthbook.knowledge import for_stored
from healthbook.ui.models import MedicationModel
from healthbook.ui.record_form import FORM_KIND, HistoryDialog, RecordForm
from healthbook.ui.session import PersonData, Session
from healthbook.ui.tasks import Job
from healthbook.ui.translations import QT_TRANSLATE_NOOP
from healthbook.vault import Attachment, Edit, RecordKind, StoredRecord, Vault

LISTED = ((RecordKind.CONDITION, QT_TRANSLATE_NOOP("RecordsView", "Conditions")),
          (RecordKind.IMMUNIZATION, QT_TRANSLATE_NOOP("RecordsView", "Immunizations")),
          (RecordKind.PROCEDURE, QT_TRANSLATE_NOOP("RecordsView", "Procedures")))
EMPTY = {RecordKind.CONDITION: QT_TRANSLATE_NOOP("RecordsView", "No conditions recorded."),
         RecordKind.IMMUNIZATION: QT_TRANSLATE_NOOP("RecordsView",
                                                    "No vaccinations recorded."),
         RecordKind.PROCEDURE: QT_TRANSLATE_NOOP("RecordsView", "No procedures recorded.")}


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
    t = entry.text(current_language())
    sources = "; ".join(s.title for s in entry.sources[:2])
    return QApplication.translate(
        "RecordsView", "{name}: {summary}\n\nIn the record: {record}\nSources: {sources}").format(
        name=t.name, summary=t.summary, record=r.display or "", sources=sources)


def _fill(widget: QListWidget, records: list[StoredRecord], empty: str) -> None:
    widget.clear()
    for stored in sorted(records, key=lambda s: s.record.effective or "", reverse=True):
        when = (stored.record.effective or "")[:10]
        text = f"{when}   {describe(stored)}" if when else describe(stored)
        author = (stored.record.details or {}).get("entered_by")
        if author:
            text += "   · " + QApplication.translate("RecordsView", "entered by {name}").format(
                name=author)
        item = QListWidgetItem(text)
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
        meds_table.setAccessibleName(self.tr("Medications"))
        meds_table.setModel(self.meds)
        meds_table.verticalHeader().hide()
        meds_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        meds_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        meds_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        meds_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        meds_table.setWordWrap(True)
        self.allergies = _record_list(self.tr("Allergies"))
        meds_page = QSplitter(Qt.Orientation.Horizontal)
        meds_page.addWidget(meds_table)
        allergy_box = QWidget()
        allergy_layout = QVBoxLayout(allergy_box)
        allergy_layout.addWidget(QLabel("<b>" + self.tr("Allergies") + "</b>"))
        allergy_layout.addWidget(self.allergies)
        meds_page.addWidget(allergy_box)
        meds_page.setSizes([640, 300])
        self.tabs.addTab(meds_page, self.tr("Medications and allergies"))
        self.lists: dict[RecordKind, QListWidget] = {}
        for kind, title in LISTED:
            self.lists[kind] = _record_list(QApplication.translate("RecordsView", title))
            self.tabs.addTab(self.lists[kind], QApplication.translate("RecordsView", title))
        self.documents = _record_list(self.tr("Documents"))
        self.document_text = QPlainTextEdit()
        self.document_text.setReadOnly(True)
        self.document_text.setAccessibleName(self.tr("Document text"))
        self.pdf_pages = QWidget()
        self.pdf_layout = QVBoxLayout(self.pdf_pages)
        pdf_scroll = QScrollArea()
        pdf_scroll.setWidgetResizable(True)
        pdf_scroll.setWidget(self.pdf_pages)
        pdf_scroll.setAccessibleName(self.tr("Document pages"))
        self.document_view = QStackedWidget()
        self.document_view.addWidget(self.document_text)
        self.document_view.addWidget(pdf_scroll)
        docs = QSplitter(Qt.Orientation.Horizontal)
        docs.addWidget(self.documents)
        docs.addWidget(self.document_view)
        self.tabs.addTab(docs, self.tr("Documents"))
        self.documents.currentItemChanged.connect(self._open_document)
        self.meds_table = meds_table
        self._shown_person: int | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(self._edit_bar())
        layout.addWidget(self.tabs)
        session.data_ready.connect(self.show_data)
        session.locked.connect(lambda: self.show_data(None))

    # -- adding and correcting records ------------------------------------------------------
    def _edit_bar(self) -> QHBoxLayout:
        """Add a record; correct, hide or see the history of the selected one."""
        from PySide6.QtWidgets import QMenu, QPushButton

        self.add_button = QToolButton()
        self.add_button.setText(self.tr("Add…"))
        self.add_button.setAccessibleName(self.tr("Add a record"))
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.add_button)
        for kind, label in (("result", self.tr("Test result…")),
                            ("medication", self.tr("Medicine…")),
                            ("allergy", self.tr("Allergy…")),
                            ("condition", self.tr("Condition…")),
                            ("vaccination", self.tr("Vaccination…")),
                            ("note", self.tr("Note…"))):
            menu.addAction(label, partial(self.open_form, kind))
        self.add_button.setMenu(menu)
        self.correct_button = QPushButton(self.tr("Correct…"))
        self.correct_button.clicked.connect(lambda: self._with_selected(self._correct))
        self.hide_button = QPushButton(self.tr("Hide"))
        self.hide_button.setToolTip(self.tr("Hide the record everywhere; its history can bring "
                                            "it back"))
        self.hide_button.clicked.connect(lambda: self._with_selected(self._hide))
        self.history_button = QPushButton(self.tr("History…"))
        self.history_button.clicked.connect(lambda: self._with_selected(self._history))
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Record status"))
        self.unhide_button = QPushButton(self.tr("Undo"))
        self.unhide_button.setAccessibleName(self.tr("Show the hidden record again"))
        self.unhide_button.clicked.connect(self._unhide)
        self.unhide_button.hide()
        self._hidden_id: int | None = None
        bar = QHBoxLayout()
        for widget in (self.add_button, self.correct_button, self.hide_button,
                       self.history_button):
            bar.addWidget(widget)
        bar.addWidget(self.status, 1)
        bar.addWidget(self.unhide_button)
        return bar

    def selected_record(self) -> int | None:
        """The record selected on the visible tab (the medicines table first)."""
        page = self.tabs.currentWidget()
        if page is self.tabs.widget(0):
            rows = self.meds_table.selectionModel().selectedRows()
            if rows:
                ids = self.meds.row(rows[0].row()).record_ids
                return ids[-1] if ids else None
            widget: QListWidget = self.allergies
        elif page is self.tabs.widget(self.tabs.count() - 1):
            widget = self.documents
        else:
            widget = next((w for w in self.lists.values() if w is page), self.allergies)
        item = widget.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _with_selected(self, then: Callable[[StoredRecord, list[Edit], str], None]) -> None:
        record_id = self.selected_record()
        if record_id is None:
            self.status.setText(self.tr("Select a record first."))
            return
        self.status.clear()

        def load(vault: Vault, _job: Job) -> tuple[StoredRecord, list[Edit], str]:  # on the lane
            from healthbook.actions import provenance

            stored = vault.records.get(record_id)
            return stored, vault.records.history(record_id), provenance(vault, stored)

        self._session.run(load, owner=self, done=lambda loaded: then(*loaded),
                          failed=self.status.setText)

    def open_form(self, kind: str, stored: StoredRecord | None = None) -> RecordForm:
        """Show the form to add (or correct) a record; the vault changes when it is saved."""
        form = RecordForm(self._session, kind, stored, self)
        form.accepted.connect(lambda: self.status.setText(
            self.tr("Saved.") if stored is None else self.tr("Corrected.")))
        form.open()
        return form

    def _correct(self, stored: StoredRecord, _edits: list, _source: str) -> None:
        kind = FORM_KIND.get(stored.record.kind)
        if kind is None:
            self.status.setText(self.tr("This kind of record cannot be corrected here."))
            return
        self.open_form(kind, stored)

    def _hide(self, stored: StoredRecord, _edits: list, _source: str) -> None:
        from healthbook.actions import hide_record

        def hidden(_result: object) -> None:
            self.status.setText(self.tr("{name} is hidden.").format(
                name=stored.record.display or self.tr("The record")))
            self._hidden_id = stored.id
            self.unhide_button.show()

        self._session.apply(lambda vault, _job: hide_record(vault, stored.id), owner=self,
                            done=hidden, failed=self.status.setText)

    def _unhide(self) -> None:
        from healthbook.actions import undo_last

        record_id, self._hidden_id = self._hidden_id, None
        self.unhide_button.hide()
        if record_id is not None:
            self._session.apply(lambda vault, _job: undo_last(vault, record_id), owner=self,
                                done=lambda r: self.status.setText(r.value),
                                failed=self.status.setText)

    def _history(self, stored: StoredRecord, edits: list, source: str) -> None:
        HistoryDialog(self._session, stored, edits, source, self).open()

    def show_data(self, data: PersonData | None) -> None:
        """Fill every tab from a snapshot."""
        records = data.records if data else []
        self.meds.warnings = allergy_notes(data.facts) if data else {}
        self.meds.set_rows(data.facts.medications if data else [])
        _fill(self.allergies, [r for r in records if r.record.kind is RecordKind.ALLERGY],
              self.tr("No allergies recorded."))
        for kind, widget in self.lists.items():
            _fill(widget, [r for r in records if r.record.kind is kind],
                  QApplication.translate("RecordsView", EMPTY[kind]))
        _fill(self.documents, [r for r in records if r.record.kind is RecordKind.DOCUMENT],
              self.tr("No documents."))
        self.document_text.clear()
        if data is None or data.person.id != self._shown_person:
            self.status.clear()
            self.unhide_button.hide()
            self._hidden_id = None
        self._shown_person = data.person.id if data else None

    def _open_document(self, item: QListWidgetItem | None) -> None:
        record_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        if record_id is None:
            self.document_text.clear()
            self.document_view.setCurrentIndex(0)
            return

        def load(vault: Vault, _job: Job) -> tuple[StoredRecord, Attachment | None,
                                                   list[bytes] | None]:  # on the lane
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
        untitled = self.tr("Document")
        header = f"{r.display or untitled} — {(r.effective or '')[:10]}\n\n"
        while self.pdf_layout.count():
            item = self.pdf_layout.takeAt(0)
            assert item is not None  # count() said there is one
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        if pages:
            for number, png in enumerate(pages, 1):
                label = QLabel()
                label.setPixmap(QPixmap.fromImage(QImage.fromData(png)))
                label.setAccessibleName(self.tr("Page {number}").format(number=number))
                self.pdf_layout.addWidget(label)
            self.document_view.setCurrentIndex(1)
            return
        if attachment is None:
            body = r.value_text or self.tr("This document has no stored content (only a "
                                           "link).")
        elif attachment.content_type.startswith("text/"):
            body = attachment.data.decode("utf-8", errors="replace")
        else:
            body = self.tr("A {kind} document of {size} bytes is stored encrypted in the "
                           "vault; Healthbook cannot display this type.").format(
                kind=attachment.content_type, size=f"{len(attachment.data):,}")
        self.document_text.setPlainText(header + body)
        self.document_view.setCurrentIndex(0)
