"""First run: a person types the passphrase before looking, then adds themselves."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from tests.journeys.conftest import make_window, snap
from tests.journeys.driver import WAIT, press, type_text

SECRET = "correct horse battery staple"


def test_typing_at_once_goes_into_the_passphrase(qtbot, tmp_path: Path,  # noqa: ANN001
                                                 open_window) -> None:  # noqa: ANN001
    path = tmp_path / "mine.vault"
    win = make_window(qtbot, open_window, vault_path=path)
    # Nothing clicked: the keys go wherever the focus is, as when a person types at once.
    assert QApplication.focusWidget() is win.unlock_view.passphrase
    type_text(qtbot, SECRET)
    assert not any(isinstance(w, QFileDialog) for w in QApplication.topLevelWidgets()
                   if w.isVisible()), "typing opened the file dialog"
    assert win.unlock_view._path == path  # the passphrase never became a file name
    assert win.unlock_view.passphrase.text() == SECRET
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, SECRET)
    snap(win, "01-first-run-typed")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.first_person.isVisible(), timeout=WAIT)
    assert path.exists()
    win.first_name.setFocus()
    type_text(qtbot, "Alex", win.first_name)
    press(qtbot, Qt.Key.Key_Return, win.first_name)
    qtbot.waitUntil(lambda: win.person_box.currentText() == "Alex", timeout=WAIT)
    assert win.body.isVisible()
    snap(win, "02-first-person-added")


def test_wrong_passphrase_then_right_one(qtbot, household: Path,  # noqa: ANN001
                                         open_window) -> None:  # noqa: ANN001
    win = make_window(qtbot, open_window, vault_path=household)
    assert QApplication.focusWidget() is win.unlock_view.passphrase
    type_text(qtbot, "not the passphrase")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(win.unlock_view.error.text()), timeout=WAIT)
    assert "passphrase" in win.unlock_view.error.text().lower()
    # The field is selected again: typing replaces the wrong attempt.
    type_text(qtbot, SECRET)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.session.data is not None, timeout=WAIT)
