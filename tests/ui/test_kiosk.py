"""Kiosk mode: the PIN guards the exit, shortcuts are swallowed, and a visitor's session
leaves no file behind in the data, config, cache or temp folders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent

from healthbook.preferences import Preferences
from healthbook.ui.main_window import MainWindow
from tests.conftest import DATA
from tests.ui.conftest import WAIT, shoot, wait_for_data

SYNTHEA = DATA / "synthea" / "Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json"


@pytest.fixture
def kiosk(qtbot) -> Iterator[MainWindow]:  # noqa: ANN001
    prefs = Preferences()
    prefs.set_kiosk_pin("2468")
    win = MainWindow(kiosk=True, prefs=prefs)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    win._admin_exit = True
    win.close()


def _files(roots: list[Path]) -> dict[str, tuple[int, int]]:
    found = {}
    for root in roots:
        for dirpath, _dirs, names in os.walk(root):
            for name in names:
                path = Path(dirpath) / name
                stat = path.stat()
                found[str(path)] = (stat.st_size, stat.st_mtime_ns)
    return found


def test_exit_needs_the_staff_pin(qtbot, kiosk: MainWindow, monkeypatch) -> None:  # noqa: ANN001
    kiosk.close()
    assert kiosk.isVisible()  # Alt+F4 / window close are refused
    monkeypatch.setattr("healthbook.ui.kiosk.ask_pin", lambda *a: "0000")
    kiosk.leave_kiosk()
    assert kiosk.isVisible()
    assert kiosk.kiosk_welcome.error.text() == "That PIN is not right."
    shoot(kiosk, "20-kiosk-wrong-pin")
    monkeypatch.setattr("healthbook.ui.kiosk.ask_pin", lambda *a: "2468")
    kiosk.leave_kiosk()
    assert not kiosk.isVisible()


def test_copy_quit_and_alt_f4_are_swallowed(kiosk: MainWindow) -> None:
    for key, mods in ((Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier),
                      (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
                      (Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier),
                      (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)):
        event = QKeyEvent(QEvent.Type.KeyPress, key, mods)
        assert kiosk.guard.eventFilter(kiosk, event), key
    typing = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
    assert not kiosk.guard.eventFilter(kiosk, typing)


def test_visitor_session_leaves_nothing_on_disk(qtbot, kiosk: MainWindow,  # noqa: ANN001
                                                private_dirs: dict[str, Path]) -> None:
    import matplotlib.font_manager  # noqa: F401 - the font cache exists on a set-up kiosk

    roots = [private_dirs[k] for k in ("data", "config", "cache", "tmp")]
    before = _files(roots)
    assert kiosk.stack.currentWidget() is kiosk.kiosk_welcome
    shoot(kiosk, "21-kiosk-welcome")
    kiosk.open_visitor(SYNTHEA)
    wait_for_data(qtbot, kiosk)
    assert kiosk.session.data.person.name == "Visitor"
    assert kiosk.session.data.facts.analytes
    for page in ("Overview", "Labs", "Wellness", "Timeline"):
        kiosk.show_page(page)
        qtbot.wait(100)
    shoot(kiosk, "22-kiosk-visitor-labs")
    qtbot.mouseClick(kiosk.lock_button, Qt.MouseButton.LeftButton)  # "End session"
    qtbot.waitUntil(lambda: kiosk.stack.currentIndex() == 0, timeout=WAIT)
    assert kiosk.session.data is None
    assert kiosk.views["Labs"].model.rowCount() == 0
    assert _files(roots) == before


def test_a_bad_visitor_file_is_one_sentence(qtbot, kiosk: MainWindow) -> None:  # noqa: ANN001
    kiosk.open_visitor(DATA / "edge" / "zip2" / "invalid_offset.zip")
    qtbot.waitUntil(lambda: kiosk.kiosk_welcome.error.text() != "", timeout=WAIT)
    assert "damaged" in kiosk.kiosk_welcome.error.text()
    assert kiosk.kiosk_welcome.isEnabled()


def test_idle_ends_the_visitor_session(qtbot, kiosk: MainWindow) -> None:  # noqa: ANN001
    kiosk.open_visitor(SYNTHEA)
    wait_for_data(qtbot, kiosk)
    kiosk.idle.set_minutes(0.005)
    kiosk.idle.start()
    qtbot.waitUntil(lambda: kiosk.stack.currentIndex() == 0, timeout=WAIT)
    assert not kiosk.session.is_open
