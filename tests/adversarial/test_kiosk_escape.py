"""A curious kiosk visitor: shortcuts, closing the window, guessing the staff PIN, browsing
outside the allowed folder, leaving things on the clipboard, walking away."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent

from healthbook.ui.kiosk import visitor_choice, visitor_dialog
from healthbook.ui.main_window import MainWindow
from tests.adversarial.conftest import Attacks
from tests.conftest import DATA
from tests.ui.conftest import WAIT, wait_for_data
from tests.ui.test_kiosk import kiosk  # noqa: F401 - the kiosk window fixture

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
ESCAPES = {"Alt+F4": (Qt.Key.Key_F4, ALT), "Ctrl+Q": (Qt.Key.Key_Q, CTRL),
           "Ctrl+W": (Qt.Key.Key_W, CTRL), "Alt+Tab": (Qt.Key.Key_Tab, ALT),
           "Ctrl+C": (Qt.Key.Key_C, CTRL), "Ctrl+X": (Qt.Key.Key_X, CTRL),
           "Ctrl+S": (Qt.Key.Key_S, CTRL), "Ctrl+P": (Qt.Key.Key_P, CTRL),
           "Ctrl+Insert": (Qt.Key.Key_Insert, CTRL)}
SYNTHEA = DATA / "synthea" / "Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json"


def test_escape_shortcuts_and_closing_are_refused(qtbot, kiosk: MainWindow,  # noqa: ANN001, F811
                                                  attacks: Attacks) -> None:
    for name, (key, mods) in ESCAPES.items():
        event = QKeyEvent(QEvent.Type.KeyPress, key, mods)
        held = kiosk.guard.eventFilter(kiosk.focusWidget() or kiosk, event)
        attacks.tried(f"kiosk shortcut {name}", held)
        assert held, name
    kiosk.close()
    attacks.tried("kiosk window close", kiosk.isVisible())
    assert kiosk.isVisible()


def test_wrong_pins_never_leave_kiosk_mode(kiosk: MainWindow, monkeypatch,  # noqa: ANN001, F811
                                           attacks: Attacks) -> None:
    for guess in ("0000", "1234", "2467", "", "2468 "):
        monkeypatch.setattr("healthbook.ui.kiosk.ask_pin", lambda *_a, g=guess: g)
        kiosk.leave_kiosk()
        attacks.tried("kiosk staff PIN guess", kiosk.isVisible())
        assert kiosk.isVisible()


def test_the_file_dialog_stays_in_the_allowed_folder(qtbot, kiosk: MainWindow,  # noqa: ANN001, F811
                                                     tmp_path: Path,
                                                     attacks: Attacks) -> None:
    allowed = tmp_path / "visitor-files"
    allowed.mkdir()
    kiosk.prefs.kiosk_folder = str(allowed)
    dialog = visitor_dialog(kiosk, kiosk.prefs)
    qtbot.addWidget(dialog)
    dialog.directoryEntered.emit("/etc")  # as if the visitor browsed there
    stayed = dialog.directory().absolutePath() == str(allowed.resolve())
    dialog.selectFile("/etc/passwd")
    refused = visitor_choice(dialog, kiosk.prefs) is None
    (allowed / "export.json").write_text("{}")
    dialog.selectFile(str(allowed / "export.json"))
    inside = visitor_choice(dialog, kiosk.prefs) == (allowed / "export.json").resolve()
    attacks.tried("kiosk file dialog outside the folder", stayed and refused)
    assert stayed
    assert refused
    assert inside


def test_ending_or_abandoning_a_visit_wipes_it(qtbot, kiosk: MainWindow,  # noqa: ANN001, F811
                                               attacks: Attacks) -> None:
    kiosk.open_visitor(SYNTHEA)
    wait_for_data(qtbot, kiosk)
    QGuiApplication.clipboard().setText("Clemente's results")
    assert not kiosk.views["Assistant"].allow_save  # print only: nothing saved
    kiosk.lock()  # "End session"
    cleared = QGuiApplication.clipboard().text() == "" and not kiosk.session.is_open
    attacks.tried("kiosk clipboard left behind", cleared)
    assert cleared
    kiosk.open_visitor(SYNTHEA)
    wait_for_data(qtbot, kiosk)
    kiosk.idle.set_minutes(0.005)
    kiosk.idle.start()
    qtbot.waitUntil(lambda: kiosk.stack.currentIndex() == 0, timeout=WAIT)
    attacks.tried("kiosk visitor walks away (idle)", not kiosk.session.is_open)
    assert kiosk.session.person is None
