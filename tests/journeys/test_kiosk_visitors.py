"""A clinic kiosk: the staff PIN, two visitors one after the other, End session in between,
and the file dialog that only lists the kiosk's folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QListView

from healthbook.preferences import Preferences
from healthbook.ui.kiosk import OUTSIDE_FOLDER
from healthbook.ui.main_window import MainWindow
from tests.journeys.conftest import CARLA, CLEMENTE, make_window, snap
from tests.journeys.driver import (
    WAIT,
    answer_file_dialog,
    click,
    leftovers,
    press,
    when_dialog,
)
from tests.journeys.test_household import go_to, hover_first_point, markers

STAFF_PIN = "731950"


def kiosk_prefs(folder: Path) -> Preferences:
    prefs = Preferences()
    prefs.set_kiosk_pin(STAFF_PIN)
    prefs.kiosk_folder = str(folder)
    return prefs


def open_export(qtbot, win: MainWindow, name: str) -> None:  # noqa: ANN001
    answered = answer_file_dialog(qtbot, Path(name))
    click(qtbot, win.kiosk_welcome.open)
    qtbot.waitUntil(lambda: bool(answered), timeout=WAIT)
    qtbot.waitUntil(lambda: win.session.data is not None and not win.session.lane.busy,
                    timeout=WAIT)


def test_two_visitors_one_after_the_other(qtbot, tmp_path: Path,  # noqa: ANN001
                                          open_window) -> None:  # noqa: ANN001
    folder = tmp_path / "usb"
    folder.mkdir()
    for f in (CARLA, CLEMENTE):
        shutil.copy(f, folder / f.name)
    win = make_window(qtbot, open_window, kiosk=True, prefs=kiosk_prefs(folder))
    open_export(qtbot, win, CARLA.name)
    assert not win.views["Assistant"].clinician.isChecked()  # visitors are not clinicians
    go_to(qtbot, win, "Labs")
    assert "Carla" in hover_first_point(qtbot, win)
    snap(win, "20-kiosk-first-visitor")
    click(qtbot, win.lock_button)  # "End session"
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.kiosk_welcome, timeout=WAIT)
    first = markers(CARLA, CLEMENTE)
    assert leftovers(first) == []
    snap(win, "21-kiosk-after-end-session")
    open_export(qtbot, win, CLEMENTE.name)
    for page in ("Overview", "Timeline", "Labs", "Wellness", "Assistant", "Health record"):
        go_to(qtbot, win, page)
        assert leftovers(first, [win]) == [], f"the first visitor's data is on {page}"
    snap(win, "22-kiosk-second-visitor")


def test_the_file_dialog_lists_only_the_kiosk_folder(qtbot, tmp_path: Path,  # noqa: ANN001
                                                     open_window) -> None:  # noqa: ANN001
    folder = tmp_path / "usb"
    folder.mkdir()
    shutil.copy(CLEMENTE, folder / "export.json")
    win = make_window(qtbot, open_window, kiosk=True, prefs=kiosk_prefs(folder))
    listed: list[list[str]] = []

    def browse(dialog) -> None:  # noqa: ANN001
        edit = dialog.findChild(QLineEdit, "fileNameEdit")
        qtbot.keyClicks(edit, "/etc")
        qtbot.keyClick(edit, Qt.Key.Key_Return)  # a typed folder: the dialog goes there...
        qtbot.wait(300)
        view = dialog.findChild(QListView, "listView")
        model = view.model()
        root = view.rootIndex()
        listed.append([str(model.index(r, 0, root).data()) for r in range(model.rowCount(root))])
        snap(dialog, "23-kiosk-dialog-typed-etc")
        edit.selectAll()
        qtbot.keyClicks(edit, "/etc/hostname")
        qtbot.keyClick(edit, Qt.Key.Key_Return)
        qtbot.wait(300)
        if dialog.isVisible():  # the dialog itself refused a file it does not list
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        if dialog.isVisible():  # never leave a modal dialog open: the test would hang
            dialog.reject()

    seen = when_dialog(browse, QFileDialog)
    click(qtbot, win.kiosk_welcome.open)
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT)
    assert "passwd" not in listed[0]  # a typed folder outside shows nothing
    assert "hostname" not in listed[0]
    qtbot.wait(300)
    # Either the dialog refused the file or Healthbook said why: nothing was opened.
    assert win.session.data is None
    message = win.kiosk_welcome.error.text()
    assert message in ("", OUTSIDE_FOLDER)


def test_staff_pin_is_set_twice_and_guessing_is_slowed(qtbot, tmp_path: Path,  # noqa: ANN001
                                                      open_window) -> None:  # noqa: ANN001
    prefs = Preferences()
    prefs.kiosk_folder = str(tmp_path)
    prompts: list[str] = []
    answers = iter(["12", "135790", "135790"])

    def answer(dialog) -> None:  # noqa: ANN001
        prompts.append(dialog.labelText())
        edit = dialog.findChild(QLineEdit)
        qtbot.keyClicks(edit, next(answers))
        qtbot.keyClick(edit, Qt.Key.Key_Return)
        if len(prompts) < 3:
            when_dialog(answer, QInputDialog)

    when_dialog(answer, QInputDialog)
    win = make_window(qtbot, open_window, kiosk=True, prefs=prefs)
    assert "at least 6 digits" in prompts[1]
    assert "same PIN again" in prompts[2]
    assert prefs.check_kiosk_pin("135790")
    assert not prefs.check_kiosk_pin("12")
    messages = []
    for _ in range(4):
        def wrong(dialog) -> None:  # noqa: ANN001
            edit = dialog.findChild(QLineEdit)
            qtbot.keyClicks(edit, "000000")
            qtbot.keyClick(edit, Qt.Key.Key_Return)

        when_dialog(wrong, QInputDialog)
        click(qtbot, win.kiosk_welcome.admin)
        qtbot.wait(200)
        messages.append(win.kiosk_welcome.error.text())
    assert messages[0] == "That PIN is not right."
    assert messages[-1].startswith("Too many wrong PINs: wait")
    assert win.isVisible()
    press(qtbot, Qt.Key.Key_F4, win, Qt.KeyboardModifier.AltModifier)
    assert win.isVisible()


def test_a_visitor_can_print_the_visit_sheet_but_not_save_it(qtbot, tmp_path: Path,  # noqa: ANN001
                                                            open_window) -> None:  # noqa: ANN001
    from tests.journeys.test_save_print_share import open_visit_sheet

    folder = tmp_path / "usb"
    folder.mkdir()
    shutil.copy(CLEMENTE, folder / "mine.json")
    win = make_window(qtbot, open_window, kiosk=True, prefs=kiosk_prefs(folder))
    open_export(qtbot, win, "mine.json")
    sheet = open_visit_sheet(qtbot, win)
    assert not sheet.save_button.isVisible()  # nothing is saved on a kiosk
    assert sheet.print_button.isVisible()
    click(qtbot, sheet.print_button)
    # This test machine has no printer: one sentence, no dialog that could print to a file.
    qtbot.waitUntil(lambda: "No printer" in sheet.status.text(), timeout=WAIT)
    snap(win, "24-kiosk-no-printer")
