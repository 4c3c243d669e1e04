"""Someone walks away with a window open on top of the app: when Healthbook locks itself
after the idle delay, every dialog it opened closes with it, and nothing of the person is left
on screen (the lab report page, a half-typed record, a question)."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog

from healthbook.ui.main_window import MainWindow
from healthbook.ui.record_form import RecordForm
from healthbook.ui.report_review import ReviewDialog
from tests.journeys.conftest import CARLA, CLEMENTE, make_window
from tests.journeys.driver import WAIT, choose_menu_item, drop_files, type_text
from tests.journeys.test_enter_and_correct import _open
from tests.journeys.test_household import choose_person, go_to, unlock
from tests.labreports.generator import make_report


def _walk_away(qtbot, win: MainWindow) -> None:  # noqa: ANN001
    """No input for the idle delay (shortened): the app locks itself."""
    win.idle.set_minutes(0.005)
    qtbot.waitUntil(lambda: not win.session.is_open, timeout=WAIT)


def _dialogs() -> list[QDialog]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog) and w.isVisible()]


def test_a_half_typed_record_closes_when_the_app_locks(
        qtbot, household: Path, open_window: list[MainWindow]) -> None:  # noqa: ANN001
    win = make_window(qtbot, open_window, vault_path=household)
    unlock(qtbot, win)
    choose_person(qtbot, win, "Mum")
    go_to(qtbot, win, "Health record")
    choose_menu_item(qtbot, win.views["Health record"].add_button, "Medicine…")
    form = _open(qtbot, RecordForm)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.name, timeout=WAIT)
    type_text(qtbot, "Warfarin")
    _walk_away(qtbot, win)
    qtbot.waitUntil(lambda: not _dialogs(), timeout=WAIT)
    assert win.stack.currentIndex() == 0  # the unlock screen


def test_a_lab_report_under_review_closes_when_the_app_locks(
        qtbot, household: Path, tmp_path: Path,  # noqa: ANN001
        open_window: list[MainWindow]) -> None:
    pdf = tmp_path / "bloods.pdf"
    pdf.write_bytes(make_report("uk_hospital", 4).pdf)
    win = make_window(qtbot, open_window, vault_path=household)
    unlock(qtbot, win)
    choose_person(qtbot, win, "Me")
    go_to(qtbot, win, "Import")
    drop_files(win.views["Import"], [pdf])
    qtbot.waitUntil(lambda: any(isinstance(d, ReviewDialog) for d in _dialogs()),
                    timeout=60_000)
    _walk_away(qtbot, win)
    qtbot.waitUntil(lambda: not _dialogs(), timeout=WAIT)
    assert win.stack.currentIndex() == 0


def test_a_kiosk_visitor_who_leaves_the_visit_sheet_open_leaves_nothing(
        qtbot, tmp_path: Path, open_window: list[MainWindow]) -> None:  # noqa: ANN001
    from tests.journeys.driver import leftovers
    from tests.journeys.test_household import markers
    from tests.journeys.test_kiosk_visitors import kiosk_prefs, open_export
    from tests.journeys.test_save_print_share import open_visit_sheet

    folder = tmp_path / "usb"
    folder.mkdir()
    shutil.copy(CARLA, folder / "mine.json")
    win = make_window(qtbot, open_window, kiosk=True, prefs=kiosk_prefs(folder))
    open_export(qtbot, win, "mine.json")
    open_visit_sheet(qtbot, win)
    assert _dialogs()
    _walk_away(qtbot, win)
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.kiosk_welcome, timeout=WAIT)
    qtbot.waitUntil(lambda: not _dialogs(), timeout=WAIT)
    assert leftovers(markers(CARLA, CLEMENTE)) == []
