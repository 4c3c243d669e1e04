"""Someone drops the PDF their lab emailed: the results are read on this computer, shown
beside the page, checked with the keyboard and saved (issue 20)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from healthbook.ui.main_window import MainWindow
from healthbook.ui.report_review import KEEP, VALUE, ReviewDialog
from healthbook.vault import RecordKind, Vault
from tests.conftest import PASSPHRASE
from tests.journeys.conftest import make_window, snap
from tests.journeys.driver import WAIT, click, closed, drop_files, press
from tests.journeys.test_household import choose_person, go_to, unlock
from tests.labreports.degrade import render_pages, to_photo
from tests.labreports.generator import make_report


def _review(qtbot) -> ReviewDialog:  # noqa: ANN001
    found: list[ReviewDialog] = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, ReviewDialog) and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(shown, timeout=60_000)
    return found[0]


def _drop_on_import(qtbot, open_window: list[MainWindow], vault: Path,  # noqa: ANN001
                    report: Path) -> tuple[MainWindow, ReviewDialog]:
    """Unlock, choose Me, drop the report on Import: the window and its review screen."""
    win = make_window(qtbot, open_window, vault_path=vault)
    unlock(qtbot, win)
    choose_person(qtbot, win, "Me")
    go_to(qtbot, win, "Import")
    drop_files(win.views["Import"], [report])
    return win, _review(qtbot)


def test_drop_a_lab_report_check_it_and_save(qtbot, household: Path, tmp_path: Path,  # noqa: ANN001
                                             open_window: list[MainWindow]) -> None:
    made = make_report("uk_hospital", 3)
    pdf = tmp_path / "bloods-july.pdf"
    pdf.write_bytes(made.pdf)
    win, dialog = _drop_on_import(qtbot, open_window, household, pdf)
    assert dialog.table.rowCount() == len(dialog._found.rows) >= len(made.truth.rows) - 2
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    waiting = dialog._waiting()
    assert save.isEnabled() == (not waiting)
    qtbot.wait(100)  # the page is fitted to its pane once the dialog is laid out
    snap(dialog, "lab-report-review")
    # Untick the first row: it is not saved
    first = dialog.table.item(0, KEEP)
    rect = dialog.table.visualItemRect(first)
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center().__class__(rect.left() + 10, rect.center().y()))
    assert first.checkState() == Qt.CheckState.Unchecked
    # Accept every row still to check with Enter, from the keyboard
    dialog.table.setFocus()
    for _ in range(len(dialog._waiting())):
        dialog.table.setCurrentCell(dialog._waiting()[0], 1)
        press(qtbot, Qt.Key.Key_Return, dialog.table)
    assert dialog._waiting() == []
    assert save.isEnabled()
    kept = dialog.table.rowCount() - 1
    click(qtbot, save)
    qtbot.waitUntil(lambda: closed(dialog), timeout=WAIT)
    importer = win.views["Import"]
    qtbot.waitUntil(lambda: "bloods-july.pdf: added" in importer.report.toPlainText(),
                    timeout=WAIT)
    qtbot.waitUntil(lambda: not win.session.lane.busy, timeout=WAIT)
    win.session.lock()
    with Vault.open(household, PASSPHRASE) as vault:
        me = vault.people.get("Me")
        read = [s for s in vault.records.list(me.id, RecordKind.OBSERVATION)
                if (s.record.details or {}).get("read_from") == "bloods-july.pdf"]
        documents = [s for s in vault.records.list(me.id, RecordKind.DOCUMENT)
                     if s.record.category == "lab-report"]
        audit = vault.audit.entries()[-3:]
    assert len(read) == kept
    assert all(s.record.details["confirmed_by"] for s in read)
    assert len(documents) == 1
    assert any(e.action == "import" and e.detail.get("format") == "lab-report" for e in audit)


def test_a_photo_of_the_printout_is_read_and_cancel_stores_nothing(
        qtbot, household: Path, tmp_path: Path,  # noqa: ANN001
        open_window: list[MainWindow]) -> None:
    made = make_report("fr_lab", 5)
    photo = tmp_path / "IMG_2041.jpg"
    to_photo(render_pages(made.pdf, 200)[0], 5).save(photo, "JPEG", quality=88)
    with Vault.open(household, PASSPHRASE) as vault:
        before = len(vault.records.list(vault.people.get("Me").id, RecordKind.OBSERVATION))
    win, dialog = _drop_on_import(qtbot, open_window, household, photo)
    def plain(text: str) -> str:  # "2,35" printed, "2.35" read: the same number
        return text.replace(" ", "").replace(",", ".")

    values = {plain(dialog.table.item(r, VALUE).text()) for r in range(dialog.table.rowCount())}
    truth = [r for r in made.truth.rows if r.page == 1]
    assert dialog.table.rowCount() >= len(truth) - 2
    assert sum(plain(r.value_printed) in values for r in truth) >= 0.9 * len(truth)
    qtbot.wait(100)
    snap(dialog, "lab-report-review-photo")
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel))
    qtbot.waitUntil(lambda: closed(dialog), timeout=WAIT)
    qtbot.waitUntil(lambda: not win.session.lane.busy, timeout=WAIT)
    win.session.lock()
    with Vault.open(household, PASSPHRASE) as vault:
        me = vault.people.get("Me")
        assert len(vault.records.list(me.id, RecordKind.OBSERVATION)) == before
        assert not [s for s in vault.records.list(me.id, RecordKind.DOCUMENT)
                    if s.record.category == "lab-report"]


def _undated_report() -> bytes:
    """A one-table report that prints no date at all."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 8, "Results", new_x="LMARGIN", new_y="NEXT")
    for line in ("Sodium        140   mmol/L   135 - 145", "Potassium     4.2   mmol/L   3.5 - 5.1",
                 "Creatinine    88    umol/L   59 - 104"):
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_a_report_without_a_date_asks_for_one_before_saving(
        qtbot, household: Path, tmp_path: Path,  # noqa: ANN001
        open_window: list[MainWindow]) -> None:
    pdf = tmp_path / "undated.pdf"
    pdf.write_bytes(_undated_report())
    _win, dialog = _drop_on_import(qtbot, open_window, household, pdf)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert dialog.no_date.isVisible()
    assert not save.isEnabled()
    assert "No date was found" in dialog.no_date.text()
    assert "Set the date" in dialog.status.text()
    snap(dialog, "lab-report-no-date")
    click(qtbot, dialog.date)
    press(qtbot, Qt.Key.Key_Down, dialog.date)  # one step back in the section under the cursor
    qtbot.waitUntil(lambda: not dialog.no_date.isVisible(), timeout=WAIT)
    for _ in range(len(dialog._waiting())):
        dialog.table.setCurrentCell(dialog._waiting()[0], 1)
        press(qtbot, Qt.Key.Key_Return, dialog.table)
    qtbot.waitUntil(save.isEnabled, timeout=WAIT)
