"""First run and unlock: create a vault (passphrase twice, strength hint, a clear warning),
open one, or try the demo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

MIN_LENGTH = 10


def strength(passphrase: str) -> tuple[int, str]:
    """(0-4, words) — a hint, not a guarantee: length and variety matter most."""
    if not passphrase:
        return 0, ""
    kinds = sum(any(test(c) for c in passphrase) for test in
                (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum()))
    words = len(passphrase.split())
    score = (len(passphrase) >= MIN_LENGTH) + (len(passphrase) >= 16) + (kinds >= 3) + \
        (words >= 4 or len(passphrase) >= 24)
    names = [QCoreApplication.translate("Unlock", "Too short"),
             QCoreApplication.translate("Unlock", "Weak"),
             QCoreApplication.translate("Unlock", "Fair"),
             QCoreApplication.translate("Unlock", "Good"),
             QCoreApplication.translate("Unlock", "Strong")]
    return score, names[score]


class UnlockView(QWidget):
    """Signals:
    unlock_requested(Path, str, bool): path, passphrase, create-a-new-vault.
    demo_requested(): open the demo vault.
    """

    unlock_requested = Signal(Path, str, bool)
    demo_requested = Signal()

    def __init__(self, path: Path, demo_offered: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._path = path
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        card = QFrame()
        card.setObjectName("card")
        card.setMaximumWidth(520)
        layout = QVBoxLayout(card)
        layout.setSpacing(12)
        title = QLabel("Healthbook")
        title.setObjectName("title")
        self._subtitle = QLabel()
        self._subtitle.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(self._subtitle)

        form = QFormLayout()
        path_row = QHBoxLayout()
        self._path_label = QLabel()
        self._path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._path_label.setWordWrap(True)
        choose = QPushButton()
        choose.setAutoDefault(False)  # Enter in the passphrase field never opens the dialog
        choose.clicked.connect(self._choose)
        self.choose = choose
        path_row.addWidget(self._path_label, 1)
        path_row.addWidget(choose)
        self._vault_label = QLabel()
        form.addRow(self._vault_label, path_row)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.textChanged.connect(self._update_hint)
        self.passphrase.returnPressed.connect(self._submit)
        self._passphrase_label = QLabel()
        form.addRow(self._passphrase_label, self.passphrase)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.returnPressed.connect(self._submit)
        self._repeat_label = QLabel()
        form.addRow(self._repeat_label, self.repeat)
        layout.addLayout(form)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        layout.addWidget(self.hint)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setObjectName("warning")
        layout.addWidget(self.warning)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # text from records: no markup
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        self.demo = QPushButton()
        self.demo.clicked.connect(self.demo_requested.emit)
        self.demo.setVisible(demo_offered)
        self.submit = QPushButton()
        self.submit.setDefault(True)
        self.submit.clicked.connect(self._submit)
        buttons.addWidget(self.demo)
        buttons.addStretch(1)
        buttons.addWidget(self.submit)
        layout.addLayout(buttons)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 2)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.setTabOrder(self.passphrase, self.repeat)
        self.setTabOrder(self.repeat, self.submit)
        self.setTabOrder(self.submit, choose)
        self.setFocusProxy(self.passphrase)  # whoever focuses this screen types the passphrase
        self.retranslate()
        self.set_path(path)

    def retranslate(self) -> None:
        """Every text of the screen in the current language (typed text stays)."""
        self.choose.setText(self.tr("Choose…"))
        self.choose.setAccessibleName(self.tr("Choose another vault file"))
        self._vault_label.setText(self.tr("Vault:"))
        self._passphrase_label.setText(self.tr("Passphrase:"))
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self._repeat_label.setText(self.tr("Repeat it:"))
        self.repeat.setAccessibleName(self.tr("Repeat the passphrase"))
        self.warning.setText(self.tr(
            "Healthbook cannot recover a forgotten passphrase: nobody can open the vault "
            "without it. Write it down and keep it somewhere safe."))
        self.error.setAccessibleName(self.tr("Error message"))
        self.demo.setText(self.tr("Try the demo"))
        self.demo.setToolTip(self.tr("A sample person with synthetic records, kept only in "
                                     "memory"))
        self._show_mode()
        if self.hint.text():
            self._update_hint(self.passphrase.text())

    def showEvent(self, event: QShowEvent) -> None:
        """The passphrase field has the focus whenever this screen appears."""
        super().showEvent(event)
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def creating(self) -> bool:
        """True when the chosen file does not exist yet (first run)."""
        return not self._path.exists()

    def set_path(self, path: Path) -> None:
        """Show the create or the unlock form for `path`."""
        self._path = path
        self._path_label.setText(str(path))
        self._show_mode()
        self.error.clear()
        self.passphrase.setFocus()

    def _show_mode(self) -> None:
        """The texts and fields of the create or the unlock form."""
        creating = self.creating
        self._subtitle.setText(
            self.tr("Create your encrypted vault. Everything stays on this computer.")
            if creating else self.tr("Enter your passphrase to unlock your health records."))
        self.submit.setText(self.tr("Create vault") if creating else self.tr("Unlock"))
        for widget in (self.repeat, self._repeat_label, self.hint, self.warning):
            widget.setVisible(creating)

    def show_error(self, message: str) -> None:
        """Show why unlocking failed, and let the user try again."""
        self.error.setText(message)
        self.setEnabled(True)
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def clear(self) -> None:
        """Forget typed passphrases (after unlock, or when locking)."""
        self.passphrase.clear()
        self.repeat.clear()
        self.error.clear()
        self.setEnabled(True)

    def _update_hint(self, text: str) -> None:
        score, words = strength(text)
        self.hint.setText(self.tr("Strength: {words}").format(words=words) if text else
                          self.tr("Use a long passphrase: four or more unrelated words work "
                                  "well."))
        self.hint.setProperty("score", score)

    def _choose(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Choose or name a vault"), str(self._path.parent),
            self.tr("Healthbook vault (*.vault)"),
            options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            chosen = Path(path)
            if not chosen.exists() and chosen.suffix != ".vault":
                chosen = chosen.with_name(chosen.name + ".vault")
            self.set_path(chosen)
            self.passphrase.clear()  # never keep text typed before the dialog opened

    def _submit(self) -> None:
        secret = self.passphrase.text()
        if self.creating:
            if len(secret) < MIN_LENGTH:
                self.show_error(self.tr("Use at least {n} characters.").format(n=MIN_LENGTH))
                return
            if secret != self.repeat.text():
                self.show_error(self.tr("The two passphrases are different."))
                return
        elif not secret:
            self.show_error(self.tr("Enter the passphrase."))
            return
        self.error.clear()
        self.setEnabled(False)
        self.unlock_requested.emit(self._path, secret, self.creating)
