"""Settings: auto-lock, units, model, change passphrase, backup."""

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

from healthbook.assistant.models import ModelFile, find_models
from healthbook.assistant.runtime import ModelInfo
from healthbook.preferences import Preferences
from healthbook.ui.assistant_runner import AssistantRunner
from healthbook.ui.session import Session


class PassphraseDialog(QDialog):
    """Asks for the new passphrase twice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change passphrase")
        self.new = QLineEdit()
        self.repeat = QLineEdit()
        for edit, name in ((self.new, "New passphrase"), (self.repeat, "Repeat it")):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setAccessibleName(name)
        self.error = QLabel()
        self.error.setObjectName("error")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("New passphrase:", self.new)
        form.addRow("Repeat it:", self.repeat)
        form.addRow(self.error)
        form.addRow(buttons)

    def _check(self) -> None:
        if len(self.new.text()) < 10:
            self.error.setText("Use at least 10 characters.")
        elif self.new.text() != self.repeat.text():
            self.error.setText("The two passphrases are different.")
        else:
            self.accept()


class SettingsView(QWidget):
    """Signals:
    preferences_changed(object): the new Preferences (already saved).
    """

    preferences_changed = Signal(object)

    def __init__(self, session: Session, prefs: Preferences, runner: AssistantRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._prefs, self._runner = session, prefs, runner
        general = QGroupBox("General")
        form = QFormLayout(general)
        self.auto_lock = QSpinBox()
        self.auto_lock.setRange(1, 240)
        self.auto_lock.setSuffix(" minutes")
        self.auto_lock.setValue(prefs.auto_lock_minutes)
        self.auto_lock.setAccessibleName("Lock after this many idle minutes")
        form.addRow("Lock when idle for:", self.auto_lock)
        self.units = QComboBox()
        self.units.addItem("Metric (kg, cm, mmol/L where common)", "metric")
        self.units.addItem("US (lb, in, mg/dL)", "us")
        self.units.setCurrentIndex(0 if prefs.units == "metric" else 1)
        self.units.setAccessibleName("Units")
        form.addRow("Units:", self.units)
        self.model = QComboBox()
        self.model.setAccessibleName("Language model")
        self._fill_models(prefs.model_path)
        self.add_model = QPushButton("Add a model file…")
        self.add_model.setToolTip("Pick any GGUF instruct model on this computer")
        self.add_model.clicked.connect(self._pick_model)
        picker = QHBoxLayout()
        picker.addWidget(self.model, 1)
        picker.addWidget(self.add_model)
        form.addRow("Assistant model:", picker)
        self.model_details = QLabel()
        self.model_details.setTextFormat(Qt.TextFormat.PlainText)
        self.model_details.setWordWrap(True)
        self.model_details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model_details.setAccessibleName("About the model")
        form.addRow("", self.model_details)
        self.wording = QComboBox()
        self.wording.addItem("Reworded by the model (checked; numbers always from your records)",
                             "reworded")
        self.wording.addItem("Exactly as computed from your records", "computed")
        self.wording.setCurrentIndex(1 if prefs.wording == "computed" else 0)
        self.wording.setAccessibleName("Wording of the assistant's answers")
        form.addRow("Answers:", self.wording)
        security = QGroupBox("Security")
        sec = QVBoxLayout(security)
        self.change = QPushButton("Change passphrase…")
        self.change.clicked.connect(self._change_passphrase)
        self.backup = QPushButton("Back up the vault…")
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
        self.model.currentIndexChanged.connect(self._save)
        self.wording.currentIndexChanged.connect(self._save)
        self.model.currentIndexChanged.connect(self._describe_model)
        session.unlocked.connect(self._update_enabled)
        self._described = False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
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
            label = f"{model.name} ({model.size_mb:,.0f} MB)"
            self.model.addItem(f"{label}, built in" if model.embedded else label,
                               "" if model.embedded else str(model.path))
        if self.model.count() == 0:
            self.model.addItem("No model found: see models/README.md", "")
        self.model.setCurrentIndex(max(self.model.findData(chosen), 0))
        self.model.blockSignals(False)

    def _pick_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose a GGUF model", str(Path.home()),
                                              "GGUF models (*.gguf)")
        if path:
            self._fill_models(path)
            self._save()
            self._describe_model()

    def _describe_model(self) -> None:
        self._described = True
        path = self.model.currentData()
        self.model_details.setText("Reading the model file…")

        def done(result: tuple[ModelInfo, str]) -> None:
            info, digest = result
            context = f"{info.context_length:,} tokens" if info.context_length else "unknown"
            template = "" if info.has_chat_template else \
                " It has no chat template, so a generic one is used."
            self.model_details.setText(
                f"{info.name} · {info.size_text} · {info.quantisation} · context {context}\n"
                f"sha256 {digest}{template}")

        self._runner.describe(Path(path) if path else None, owner=self, done=done,
                              failed=self.model_details.setText)

    def _update_enabled(self) -> None:
        demo = self._session.is_demo
        self.change.setEnabled(not demo)
        self.backup.setEnabled(not demo)
        self.status.setText("The demo lives only in memory: there is nothing to back up."
                            if demo else "")

    def _save(self) -> None:
        self._prefs.auto_lock_minutes = self.auto_lock.value()
        self._prefs.units = self.units.currentData()
        self._prefs.model_path = self.model.currentData() or ""
        self._prefs.wording = self.wording.currentData()
        self._prefs.save()
        self.preferences_changed.emit(self._prefs)

    def _change_passphrase(self) -> None:
        dialog = PassphraseDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        secret = dialog.new.text()
        self.status.setText("Re-encrypting the vault…")
        self._session.run(lambda vault, _job: vault.change_passphrase(secret), owner=self,
                          done=lambda _r: self.status.setText("The passphrase was changed."),
                          failed=self.status.setText)

    def _backup(self) -> None:
        default = Path.home() / "healthbook-backup.vault"
        path, _ = QFileDialog.getSaveFileName(self, "Back up the vault", str(default),
                                              "Healthbook vault (*.vault)")
        if not path:
            return
        self.status.setText("Backing up…")

        def done(out: Path) -> None:
            self.status.setText(f"Backed up to {out}. It opens with the same passphrase.")
            QMessageBox.information(self, "Backup", self.status.text())

        self._session.run(lambda vault, _job: vault.backup(Path(path)), owner=self, done=done,
                          failed=self.status.setText)
