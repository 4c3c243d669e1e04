"""Forms to add a record by hand or correct one, and a record's history with Undo.

The forms only gather what the person types; `healthbook.actions` checks it (one sentence
when it cannot be right, shown in the form, nothing stored) and writes it.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QStringListModel, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from healthbook import actions
from healthbook.actions.records import parse_number
from healthbook.ui.session import Session
from healthbook.ui.style import alert_colour
from healthbook.ui.tasks import Job
from healthbook.ui.translations import qt_date_format
from healthbook.vault import RecordKind, StoredRecord, Vault

LIBRARY_KIND = {"result": "lab", "medication": "medicine", "allergy": "medicine",
                "condition": "condition", "vaccination": "vaccine"}
FORM_KIND = {RecordKind.OBSERVATION: "result", RecordKind.MEDICATION: "medication",
             RecordKind.ALLERGY: "allergy", RecordKind.CONDITION: "condition",
             RecordKind.IMMUNIZATION: "vaccination", RecordKind.DOCUMENT: "note"}


@cache
def library_names(kind: str) -> list[str]:
    """The knowledge library's names of one kind, English and French, for completion."""
    from healthbook.knowledge import library

    lib = library()
    names = {entry.name(lang) for entry in lib.of_kind(kind) for lang in ("en", "fr")}
    return sorted(names, key=str.casefold)


def _qdate(text: str | None) -> QDate:
    date = QDate.fromString((text or "")[:10], "yyyy-MM-dd")
    return date if date.isValid() else QDate.currentDate()


class RecordForm(QDialog):
    """Add a record of one kind, or correct an existing record."""

    def __init__(self, session: Session, kind: str, record: StoredRecord | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self.kind, self.stored = session, kind, record
        self.setWindowTitle(self._title())
        self.setWindowModality(Qt.WindowModality.WindowModal)
        # Gone when closed: the person's page or record must not linger in a hidden window.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(460)
        self.form = QFormLayout()
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Name"))
        if kind in LIBRARY_KIND:
            completer = QCompleter(QStringListModel(library_names(LIBRARY_KIND[kind]), self),
                                   self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.name.setCompleter(completer)
        self.form.addRow(self._name_label(), self.name)
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(qt_date_format())
        self.date.setMaximumDate(QDate.currentDate())
        self.date.setAccessibleName(self.tr("Date"))
        self.form.addRow(self.tr("Date"), self.date)
        self.value = QLineEdit()
        self.unit = QLineEdit()
        self.low = QLineEdit()
        self.high = QLineEdit()
        self.note = QLineEdit()
        self.text = QPlainTextEdit()
        self.ongoing = QCheckBox()
        self.end = QDateEdit(QDate.currentDate())
        self.everywhere = QCheckBox(self.tr("Use this name for every result spelled the same "
                                            "way, now and in later imports"))
        self._kind_fields()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {alert_colour()}")
        self.error.setAccessibleName(self.tr("Problem"))
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        if record is not None:
            self._fill(record)
        self.name.setFocus()

    def showEvent(self, event: QShowEvent) -> None:  # Qt API name
        """Typing starts in the name, as soon as the form is on screen."""
        super().showEvent(event)
        QTimer.singleShot(0, self, self.name.setFocus)

    def _title(self) -> str:
        titles = {"result": self.tr("a test result"), "medication": self.tr("a medicine"),
                  "allergy": self.tr("an allergy"), "condition": self.tr("a condition"),
                  "vaccination": self.tr("a vaccination"), "note": self.tr("a note")}
        if self.stored is not None:
            return self.tr("Correct {what}").format(what=titles[self.kind])
        return self.tr("Add {what}").format(what=titles[self.kind])

    def _name_label(self) -> str:
        return {"result": self.tr("Test"), "medication": self.tr("Medicine"),
                "allergy": self.tr("Allergic to"), "condition": self.tr("Condition"),
                "vaccination": self.tr("Vaccine"), "note": self.tr("Title")}[self.kind]

    def _kind_fields(self) -> None:
        """The fields one kind of record has, below its name and date."""
        add = self.form.addRow
        if self.kind == "result":
            self.value.setPlaceholderText(self.tr("4.2, or words such as negative"))
            self.unit.setPlaceholderText(self.tr("as printed, e.g. mmol/L"))
            add(self.tr("Value"), self.value)
            add(self.tr("Unit"), self.unit)
            self.low.setPlaceholderText(self.tr("optional"))
            self.high.setPlaceholderText(self.tr("optional"))
            add(self.tr("Lab's range: from"), self.low)
            add(self.tr("to"), self.high)
            if self.stored is not None:
                add("", self.everywhere)
        elif self.kind in ("medication", "condition"):
            if self.kind == "medication":
                self.note.setPlaceholderText(self.tr("e.g. 200 mg when needed"))
                add(self.tr("Dose"), self.note)
                self.ongoing.setText(self.tr("Still taking it"))
            else:
                self.ongoing.setText(self.tr("Still has it"))
            self.ongoing.setChecked(True)
            add("", self.ongoing)
            self.end.setCalendarPopup(True)
            self.end.setDisplayFormat(qt_date_format())
            self.end.setMaximumDate(QDate.currentDate())
            self.end.setEnabled(False)
            self.end.setAccessibleName(self.tr("Ended on"))
            self.ongoing.toggled.connect(lambda on: self.end.setEnabled(not on))
            add(self.tr("Stopped on") if self.kind == "medication" else self.tr("Ended on"),
                self.end)
        elif self.kind == "allergy":
            self.note.setPlaceholderText(self.tr("e.g. rash, swelling"))
            add(self.tr("Reaction"), self.note)
        elif self.kind == "note":
            self.text.setAccessibleName(self.tr("Note"))
            self.text.setTabChangesFocus(True)
            add(self.tr("Note"), self.text)
        for widget in (self.value, self.unit, self.low, self.high, self.note):
            label = self.form.labelForField(widget)  # a QLabel, or None when not in the form
            widget.setAccessibleName(label.text() if isinstance(label, QLabel) else "")

    def _fill(self, stored: StoredRecord) -> None:
        r = stored.record
        self.name.setText(r.display or "")
        self.date.setDate(_qdate(r.effective))
        if r.value_num is not None:
            self.value.setText(f"{r.value_num:g}")
        elif r.value_text and self.kind == "result":
            self.value.setText(r.value_text)
        self.unit.setText(r.unit or "")
        self.low.setText("" if r.ref_low is None else f"{r.ref_low:g}")
        self.high.setText("" if r.ref_high is None else f"{r.ref_high:g}")
        details = r.details or {}
        if self.kind == "medication":
            self.note.setText(str(details.get("dosage") or ""))
        if self.kind in ("medication", "condition"):
            ended = r.effective_end is not None or r.status in ("stopped", "resolved",
                                                               "inactive", "completed")
            self.ongoing.setChecked(not ended)
            self.end.setDate(_qdate(r.effective_end))
        if self.kind == "note":
            self.text.setPlainText(r.value_text or "")

    # -- saving ---------------------------------------------------------------------------
    def _entry(self) -> actions.Entry:
        ended = self.kind in ("medication", "condition") and not self.ongoing.isChecked()
        note = self.text.toPlainText() if self.kind == "note" else self.note.text()
        return actions.Entry(
            self.kind, self.name.text(), date=self.date.date().toString("yyyy-MM-dd"),
            value=self.value.text(), unit=self.unit.text(), low=parse_number(self.low.text()),
            high=parse_number(self.high.text()),
            end=self.end.date().toString("yyyy-MM-dd") if ended else None,
            status=("stopped" if self.kind == "medication" else "resolved") if ended else None,
            note=note or None)

    def _changes(self) -> dict[str, Any]:
        """What the form says differs from the stored record (for a correction)."""
        assert self.stored is not None
        built = actions.build_record(self._entry())
        old = self.stored.record
        names = ["display", "effective", "effective_end", "status"]
        if self.kind == "result":
            names += ["code_system", "code", "value_num", "value_text", "unit", "ref_low",
                      "ref_high"]
        if self.kind == "note":
            names.append("value_text")
        changes = {n: getattr(built, n) for n in names if getattr(built, n) != getattr(old, n)}
        if old.code and "code" in changes and built.code is None:
            del changes["code"]  # a name the library does not know keeps the record's code
            changes.pop("code_system", None)
        if self.kind in ("medication", "allergy"):
            key = "dosage" if self.kind == "medication" else "reactions"
            new_detail = (built.details or {}).get(key)
            if new_detail != (old.details or {}).get(key):
                changes["details"] = {**(old.details or {}), key: new_detail}
        return changes

    def _save(self) -> None:
        person = self._session.person
        if person is None:
            return
        self.error.hide()
        try:
            if self.stored is None:
                entry = self._entry()
                actions.build_record(entry)  # check now: the sentence shows in the form

                def work(vault: Vault, _job: Job) -> actions.Result[Any]:  # on the lane
                    return actions.add_record(vault, person, entry)
            else:
                changes, record_id = self._changes(), self.stored.id
                everywhere = self.everywhere.isChecked()

                def work(vault: Vault, _job: Job) -> actions.Result[Any]:  # on the lane
                    return actions.edit_record(vault, record_id, changes,
                                               everywhere=everywhere)
        except actions.InvalidInput as exc:
            self._show_error(str(exc))
            return
        self.buttons.setEnabled(False)
        self._session.apply(work, owner=self, done=lambda _r: self.accept(),
                            failed=self._show_error)

    def _show_error(self, message: str) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(message)
        self.error.show()


def _shown(value: object) -> str:
    """A stored value in an edit's before/after, as people read it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return QCoreApplication.translate("HistoryDialog", "yes" if value else "no")
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dict):
        return ", ".join(str(v) for k, v in value.items()
                         if k in ("dosage", "reactions") and v) or "—"
    return str(value)



class HistoryDialog(QDialog):
    """A record's changes, newest last, with Undo for the last one."""

    def __init__(self, session: Session, stored: StoredRecord, edits: list,
                 source: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._stored = session, stored
        self.setWindowTitle(self.tr("History of {name}").format(
            name=stored.record.display or self.tr("this record")))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        # Gone when closed: the person's page or record must not linger in a hidden window.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.origin = QLabel(self.tr("From: {source}").format(source=source))
        self.origin.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Changes"))
        self.list.setWordWrap(True)
        self.setMinimumSize(560, 320)
        for edit in edits:
            changed = "; ".join(f"{self._label(name)}: {_shown(edit.before.get(name))} → "
                                f"{_shown(value)}" for name, value in edit.after.items())
            line = self.tr("{when} by {who}: {changes}").format(
                when=edit.at[:16].replace("T", " "), who=edit.by, changes=changed)
            if edit.undone_at:
                line += " " + self.tr("(undone)")
            self.list.addItem(line)
        if not edits:
            self.list.addItem(self.tr("Never changed."))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.undo = self.buttons.addButton(self.tr("Undo last change"),
                                           QDialogButtonBox.ButtonRole.ActionRole)
        self.undo.setEnabled(any(e.undone_at is None for e in edits))
        self.undo.clicked.connect(self._undo)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.origin)
        layout.addWidget(self.list)
        layout.addWidget(self.buttons)

    def _label(self, field: str) -> str:
        """A record field in words."""
        labels = {"display": self.tr("name"), "code": self.tr("code"),
                  "code_system": self.tr("code system"), "value_num": self.tr("value"),
                  "value_text": self.tr("value"), "unit": self.tr("unit"),
                  "ref_low": self.tr("range from"), "ref_high": self.tr("range to"),
                  "effective": self.tr("date"), "effective_end": self.tr("end date"),
                  "status": self.tr("status"), "hidden": self.tr("hidden"),
                  "details": self.tr("dose or reaction")}
        return labels.get(field, field)

    def _undo(self) -> None:
        record_id = self._stored.id
        self.undo.setEnabled(False)
        self._session.apply(lambda vault, _job: actions.undo_last(vault, record_id),
                            owner=self, done=lambda _r: self.accept(),
                            failed=self.origin.setText)
