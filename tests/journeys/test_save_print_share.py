"""Every way a person takes records out: Share records… (FHIR and PDF), the visit sheet's
Save PDF… and Print… (to a PDF printer here) — through the real buttons and dialogs."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QComboBox, QLineEdit

from healthbook.ui.main_window import MainWindow
from healthbook.ui.views.sharing import ShareDialog, VisitSheetDialog
from tests.journeys.conftest import make_window, snap
from tests.journeys.driver import (
    WAIT,
    answer_file_dialog,
    choose_menu_item,
    click,
    press,
    when_dialog,
)
from tests.journeys.test_household import choose_person, go_to, unlock


def open_share(qtbot, win: MainWindow) -> ShareDialog:  # noqa: ANN001
    choose_menu_item(qtbot, win.people_button, "Share records…")
    qtbot.waitUntil(lambda: any(d.isVisible() for d in win.findChildren(ShareDialog)),
                    timeout=WAIT)
    return next(d for d in win.findChildren(ShareDialog) if d.isVisible())


def test_share_records_as_fhir_and_pdf(qtbot, household: Path, tmp_path: Path,  # noqa: ANN001
                                       open_window) -> None:  # noqa: ANN001
    win = make_window(qtbot, open_window, vault_path=household)
    unlock(qtbot, win)
    choose_person(qtbot, win, "Me")
    dialog = open_share(qtbot, win)
    target = tmp_path / "for-the-clinic.json"
    answered = answer_file_dialog(qtbot, target)
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: bool(answered), timeout=WAIT)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Wrote"), timeout=WAIT)
    bundle = json.loads(target.read_text(encoding="utf-8"))
    assert bundle["resourceType"] == "Bundle"
    assert bundle["entry"]
    assert "went wrong" not in dialog.status.text()
    # The PDF summary: pick the format with the keyboard, then save again.
    dialog.format.setFocus()
    press(qtbot, Qt.Key.Key_Down, dialog.format)
    assert dialog.format.currentData() == "pdf"
    pdf = tmp_path / "summary.pdf"
    answered = answer_file_dialog(qtbot, pdf)
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: bool(answered), timeout=WAIT)
    qtbot.waitUntil(lambda: pdf.exists() and dialog.status.text().startswith("Wrote"),
                    timeout=WAIT)
    assert pdf.read_bytes().startswith(b"%PDF")
    snap(win, "30-share-done")


def open_visit_sheet(qtbot, win: MainWindow) -> VisitSheetDialog:  # noqa: ANN001
    go_to(qtbot, win, "Assistant")
    page = win.views["Assistant"]
    click(qtbot, page.prep_button)
    qtbot.waitUntil(lambda: page.sheet_button.isEnabled(), timeout=120_000)
    click(qtbot, page.sheet_button)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in win.findChildren(VisitSheetDialog)),
                    timeout=WAIT)
    return next(d for d in win.findChildren(VisitSheetDialog) if d.isVisible())


def print_to_pdf(qtbot, path: Path) -> list:  # noqa: ANN001
    """When the print dialog opens, choose its PDF printer, name the file and press Print."""
    def fill(dialog) -> None:  # noqa: ANN001
        printers = dialog.findChild(QComboBox, "printers")
        pdf_item = next(i for i in range(printers.count())
                        if "PDF" in printers.itemText(i))
        printers.setFocus()
        while printers.currentIndex() != pdf_item:
            qtbot.keyClick(printers, Qt.Key.Key_Down)
        name = dialog.findChild(QLineEdit, "filename")
        name.setFocus()
        name.selectAll()
        qtbot.keyClicks(name, str(path))
        snap(dialog, "32-print-dialog")
        qtbot.keyClick(name, Qt.Key.Key_Return)

    return when_dialog(fill, QPrintDialog)


def test_visit_sheet_save_and_print(qtbot, household: Path, tmp_path: Path,  # noqa: ANN001
                                    open_window) -> None:  # noqa: ANN001
    win = make_window(qtbot, open_window, vault_path=household)
    unlock(qtbot, win)
    choose_person(qtbot, win, "Me")
    sheet = open_visit_sheet(qtbot, win)
    target = tmp_path / "visit-sheet.pdf"
    answered = answer_file_dialog(qtbot, target)
    click(qtbot, sheet.save_button)
    qtbot.waitUntil(lambda: bool(answered), timeout=WAIT)
    qtbot.waitUntil(lambda: sheet.status.text().startswith("Saved to"), timeout=WAIT)
    assert target.read_bytes().startswith(b"%PDF")
    printed = tmp_path / "printed.pdf"
    answered = print_to_pdf(qtbot, printed)
    click(qtbot, sheet.print_button)
    qtbot.waitUntil(lambda: bool(answered), timeout=WAIT)
    qtbot.waitUntil(lambda: sheet.status.text().startswith("Printed"), timeout=WAIT)
    assert printed.read_bytes().startswith(b"%PDF")
    assert str(printed) in sheet.status.text()
    snap(win, "31-visit-sheet-saved-and-printed")
    # Cancelling the print dialog prints nothing and says nothing.
    cancelled = when_dialog(lambda d: press(qtbot, Qt.Key.Key_Escape, d), QPrintDialog)
    click(qtbot, sheet.print_button)
    qtbot.waitUntil(lambda: bool(cancelled), timeout=WAIT)
    qtbot.waitUntil(lambda: sheet.status.text() == "", timeout=WAIT)
