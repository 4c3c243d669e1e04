"""The main window (a first version: unlock a vault and see its people)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from healthbook.paths import default_vault_path
from healthbook.vault import Vault, VaultError


class MainWindow(QMainWindow):
    """Healthbook's main window: the unlock screen, then the vault's people."""

    def __init__(self, vault_path: Path | None = None, kiosk: bool = False,
                 demo: bool = False) -> None:
        super().__init__()
        self.setWindowTitle("Healthbook")
        self.resize(960, 640)
        self._path = vault_path or default_vault_path()
        self._vault: Vault | None = None
        self._stack = QStackedWidget()
        self.setCentralWidget(self._stack)
        self._stack.addWidget(self._unlock_screen())
        self._people = QListWidget()
        self._people.setAccessibleName("People in this vault")
        self._stack.addWidget(self._people)

    def _unlock_screen(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel("<h1>Healthbook</h1><p>Your health records, encrypted on this computer.</p>")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._status = QLabel(str(self._path))
        self._passphrase = QLineEdit()
        self._passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self._passphrase.setPlaceholderText("Passphrase")
        self._passphrase.setAccessibleName("Vault passphrase")
        button = QPushButton("Unlock" if self._path.exists() else "Create vault")
        button.clicked.connect(self._unlock)
        self._passphrase.returnPressed.connect(self._unlock)
        for widget in (title, self._status, self._passphrase, button):
            layout.addWidget(widget)
        return page

    def _unlock(self) -> None:
        secret = self._passphrase.text()
        self._passphrase.clear()
        try:
            if self._path.exists():
                self._vault = Vault.open(self._path, secret)
            else:
                self._vault = Vault.create(self._path, secret)
        except (VaultError, ValueError) as exc:
            self._status.setText(str(exc))
            return
        self._people.clear()
        self._people.addItems([p.name for p in self._vault.people.list()])
        self._stack.setCurrentIndex(1)

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        """Lock the vault when the window closes."""
        if self._vault is not None:
            self._vault.close()
            self._vault = None
        super().closeEvent(event)
