"""The first-version main window: create, unlock, wrong passphrase (real widgets, offscreen)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from healthbook.ui.main_window import MainWindow
from healthbook.vault import Vault
from tests.conftest import PASSPHRASE


def test_unlock_shows_people_and_wrong_passphrase_is_a_sentence(qtbot, vault_path: Path) -> None:  # noqa: ANN001
    with Vault.open(vault_path, PASSPHRASE) as vault:
        vault.people.add("Mum")
    window = MainWindow(vault_path=vault_path)
    qtbot.addWidget(window)
    assert window.windowTitle().startswith("Healthbook")
    window._passphrase.setText("wrong")
    qtbot.keyClick(window._passphrase, Qt.Key.Key_Return)
    assert window._status.text() == "That passphrase does not unlock this vault."
    window._passphrase.setText(PASSPHRASE)
    qtbot.keyClick(window._passphrase, Qt.Key.Key_Return)
    assert window._stack.currentIndex() == 1
    assert window._people.item(0).text() == "Mum"
    window.close()
