"""Settings: language, auto-lock, units, model, change passphrase, backup."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from healthbook import actions, i18n
from healthbook.assistant.models import ModelFile, find_models
from healthbook.assistant.runtime import ModelInfo
from healthbook.clinical.units import set_unit_system
from healthbook.preferences import Preferences
from healthbook.ui.assistant_runner import AssistantRunner
from healthbook.ui.session import Session


class PassphraseDialog(QDialog):
    """Asks for the new passphrase twice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change passphrase"))
        self.new = QLineEdit()
        self.repeat = QLineEdit()
        for edit, name in ((self.new, self.tr("New passphrase")),
                           (self.repeat, self.tr("Repeat it"))):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setAccessibleName(name)
        self.error = QLabel()
        self.error.setObjectName("error")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("New passphrase:"), self.new)
        form.addRow(self.tr("Repeat it:"), self.repeat)
        form.addRow(self.error)
        form.addRow(buttons)

    def _check(self) -> None:
        if len(self.new.text()) < 10:
            self.error.setText(self.tr("Use at least {n} characters.").format(n=10))
        elif self.new.text() != self.repeat.text():
            self.error.setText(self.tr("The two passphrases are different."))
        else:
            self.accept()


class SettingsView(QWidget):
    """Signals:
    preferences_changed(object): the new Preferences (already saved).
    language_changed(str): the language chosen ('' = the system's), already saved.
    """

    preferences_changed = Signal(object)
    language_changed = Signal(str)

    def __init__(self, session: Session, prefs: Preferences, runner: AssistantRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._prefs, self._runner = session, prefs, runner
        general = QGroupBox(self.tr("General"))
        form = QFormLayout(general)
        self.language = QComboBox()
        # Each language is named in its own language, so anyone can find theirs.
        self.language.addItem(self.tr("System language ({language})").format(
            language=i18n.language_name(i18n.system_language())), "")
        for code in i18n.available_languages():
            self.language.addItem(i18n.language_name(code), code)
        self.language.setCurrentIndex(max(self.language.findData(prefs.language), 0))
        self.language.setAccessibleName(self.tr("Language"))
        form.addRow(self.tr("Language:"), self.language)
        self.auto_lock = QSpinBox()
        self.auto_lock.setRange(1, 240)
        self.auto_lock.setSuffix(self.tr(" minutes"))
        self.auto_lock.setValue(prefs.auto_lock_minutes)
        self.auto_lock.setAccessibleName(self.tr("Lock after this many idle minutes"))
        form.addRow(self.tr("Lock when idle for:"), self.auto_lock)
        self.units = QComboBox()
        self.units.addItem(self.tr("Usual for the language (French laboratories: mmol/L, g/L)"),
                           "")
        self.units.addItem(self.tr("Metric (kg, cm, mmol/L where common)"), "metric")
        self.units.addItem(self.tr("US (lb, in, mg/dL)"), "us")
        self.units.setCurrentIndex(max(self.units.findData(prefs.units), 0))
        self.units.setAccessibleName(self.tr("Units"))
        form.addRow(self.tr("Units:"), self.units)
        self.model = QComboBox()
        self.model.setAccessibleName(self.tr("Language model"))
        self._fill_models(prefs.model_path)
        self.add_model = QPushButton(self.tr("Add a model file…"))
        self.add_model.setToolTip(self.tr("Pick any GGUF instruct model on this computer"))
        self.add_model.clicked.connect(self._pick_model)
        picker = QHBoxLayout()
        picker.addWidget(self.model, 1)
        picker.addWidget(self.add_model)
        form.addRow(self.tr("Assistant model:"), picker)
        self.model_details = QLabel()
        self.model_details.setTextFormat(Qt.TextFormat.PlainText)
        self.model_details.setWordWrap(True)
        self.model_details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model_details.setAccessibleName(self.tr("About the model"))
        form.addRow("", self.model_details)
        self.wording = QComboBox()
        self.wording.addItem(
            self.tr("Reworded by the model (checked; numbers always from your records)"),
            "reworded")
        self.wording.addItem(self.tr("Exactly as computed from your records"), "computed")
        self.wording.setCurrentIndex(1 if prefs.wording == "computed" else 0)
        self.wording.setAccessibleName(self.tr("Wording of the assistant's answers"))
        form.addRow(self.tr("Answers:"), self.wording)
        security = QGroupBox(self.tr("Security"))
        sec = QVBoxLayout(security)
        self.change = QPushButton(self.tr("Change passphrase…"))
        self.change.clicked.connect(self._change_passphrase)
        self.backup = QPushButton(self.tr("Back up the vault…"))
        self.backup.clicked.connect(self._backup)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # text from records: no markup
        self.status.setWordWrap(True)
        for widget in (self.change, self.backup, self.status):
            sec.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(general)
        layout.addWidget(security)
        layout.addStretch(1)
        self.auto_lock.valueChanged.connect(self._save)
        self.units.currentIndexChanged.connect(self._save)
        self.units.currentIndexChanged.connect(self._units_changed)
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.model.currentIndexChanged.connect(self._save)
        self.wording.currentIndexChanged.connect(self._save)
        self.model.currentIndexChanged.connect(self._describe_model)
        session.unlocked.connect(self._update_enabled)
        self._described = False

    def showEvent(self, event: QShowEvent) -> None:
        """Read the model's details when the page is first shown, not at start-up (that
        loads llama.cpp and hashes the file)."""
        super().showEvent(event)
        if not self._described:
            self._describe_model()

    def _fill_models(self, chosen: str) -> None:
        self.model.blockSignals(True)
        self.model.clear()
        models = find_models()
        if chosen and Path(chosen).is_file() and \
                all(m.path != Path(chosen) for m in models):
            models.append(ModelFile(Path(chosen), False))
        for model in models:
            label = self.tr("{name} ({size} MB)").format(
                name=model.name, size=i18n.format_number(model.size_mb, 0, grouping=True))
            self.model.addItem(self.tr("{model}, built in").format(model=label)
                               if model.embedded else label,
                               "" if model.embedded else str(model.path))
        if self.model.count() == 0:
            self.model.addItem(self.tr("No model found: see models/README.md"), "")
        self.model.setCurrentIndex(max(self.model.findData(chosen), 0))
        self.model.blockSignals(False)

    def _pick_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a GGUF model"),
                                              str(Path.home()), self.tr("GGUF models (*.gguf)"))
        if path:
            self._fill_models(path)
            self._save()
            self._describe_model()

    def _describe_model(self) -> None:
        self._described = True
        path = self.model.currentData()
        self.model_details.setText(self.tr("Reading the model file…"))

        def done(result: tuple[ModelInfo, str]) -> None:
            info, digest = result
            context = self.tr("{n} tokens").format(
                n=i18n.format_number(info.context_length, 0, grouping=True)) \
                if info.context_length else self.tr("unknown")
            template = "" if info.has_chat_template else \
                self.tr(" It has no chat template, so a generic one is used.")
            self.model_details.setText(
                self.tr("{name} · {size} · {quantisation} · context {context}").format(
                    name=info.name, size=info.size_text, quantisation=info.quantisation,
                    context=context) + f"\nsha256 {digest}{template}")

        self._runner.describe(Path(path) if path else None, owner=self, done=done,
                              failed=self.model_details.setText)

    def _update_enabled(self) -> None:
        demo = self._session.is_demo
        self.change.setEnabled(not demo)
        self.backup.setEnabled(not demo)
        self.status.setText(
            self.tr("The demo lives only in memory: there is nothing to back up.")
            if demo else "")

    def _save(self) -> None:
        self._prefs.auto_lock_minutes = self.auto_lock.value()
        self._prefs.units = self.units.currentData()
        self._prefs.model_path = self.model.currentData() or ""
        self._prefs.wording = self.wording.currentData()
        self._prefs.language = self.language.currentData()
        self._prefs.save()
        self.preferences_changed.emit(self._prefs)

    def _units_changed(self) -> None:
        """Show results in the chosen units at once (the facts are computed again)."""
        set_unit_system(self._prefs.units)
        self._session.refresh()

    def _language_chosen(self) -> None:
        """Save the language, then let the window switch to it (which rebuilds this page)."""
        self._save()
        self.language_changed.emit(self._prefs.language)

    def _change_passphrase(self) -> None:
        dialog = PassphraseDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        secret = dialog.new.text()
        self.status.setText(self.tr("Re-encrypting the vault…"))
        changed = self.tr("The passphrase was changed.")
        self._session.apply(lambda vault, _job: actions.change_passphrase(vault, secret),
                            owner=self, done=lambda _r: self.status.setText(changed),
                            failed=self.status.setText)

    def _backup(self) -> None:
        default = Path.home() / "healthbook-backup.vault"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Back up the vault"), str(default),
                                              self.tr("Healthbook vault (*.vault)"))
        if not path:
            return
        self.status.setText(self.tr("Backing up…"))

        def done(result: actions.Result) -> None:
            self.status.setText(self.tr("Backed up to {path}. It opens with the same "
                                        "passphrase.").format(path=result.value))
            QMessageBox.information(self, self.tr("Backup"), self.status.text())

        self._session.apply(lambda vault, _job: actions.back_up(vault, Path(path)), owner=self,
                            done=done, failed=self.status.setText)
