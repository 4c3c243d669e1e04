"""The visit sheet (edit, save, print) and the sharing dialog, with real widgets."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pypdfium2
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from healthbook.assistant.runtime import Sampling
from healthbook.ui.main_window import MainWindow
from tests.ui.conftest import SCREENSHOTS, WAIT

LONG = 120_000


def test_visit_sheet_keeps_the_users_questions_and_prints(
        qtbot, demo: MainWindow, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr("healthbook.assistant.answers.Sampling",
                        lambda: Sampling(max_tokens=24))
    demo.show_page("Assistant")
    page = demo.views["Assistant"]
    assert not page.sheet_button.isEnabled()
    qtbot.mouseClick(page.prep_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.answer is not None, timeout=LONG)
    assert page.sheet_button.isEnabled()
    dialog = page.open_sheet()
    qtbot.addWidget(dialog)
    assert len(dialog.question_list()) == len(page.answer.questions)
    assert "[" not in dialog.questions.toPlainText()  # citation numbers stay in the app
    dialog.questions.setPlainText("Can we talk about my blood pressure readings?\n"
                                  + dialog.questions.toPlainText())
    dialog.grab().save(str(SCREENSHOTS / "21-visit-sheet-dialog.png"))
    out = tmp_path / "visit.pdf"
    dialog.save(out)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Saved"), timeout=WAIT)
    pdf = pypdfium2.PdfDocument(out.read_bytes())
    text = " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "Can we talk about my blood pressure readings?" in text
    pdf.close()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    dialog.print_sheet(printer)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Printed 1 page") or
                    dialog.status.text().startswith("Printed 2 pages"), timeout=WAIT)
    assert len(pypdfium2.PdfDocument(printed.read_bytes())) in (1, 2)


def test_share_dialog_writes_only_the_chosen_kinds(qtbot, demo: MainWindow,  # noqa: ANN001
                                                   tmp_path: Path) -> None:
    dialog = demo._share()  # the People menu's action
    qtbot.addWidget(dialog)
    for kind, box in dialog.kinds.items():
        box.setChecked(kind in ("medication", "allergy"))
    dialog.grab().save(str(SCREENSHOTS / "22-share-dialog.png"))
    out = tmp_path / "share.json"
    dialog.save(out)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Wrote"), timeout=WAIT)
    bundle = json.loads(out.read_text())
    types = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert types <= {"Patient", "MedicationRequest", "MedicationStatement",
                     "AllergyIntolerance"}
    assert "AllergyIntolerance" in types
    assert not dialog.progress.isVisible()
    assert dialog.save_button.isEnabled()
    for box in dialog.kinds.values():
        box.setChecked(False)
    dialog.save(tmp_path / "nothing.json")
    assert dialog.status.text() == "Tick at least one kind of record to share."


def test_share_dialog_export_can_be_cancelled_and_leaves_no_file(
        qtbot, demo: MainWindow, tmp_path: Path) -> None:  # noqa: ANN001
    dialog = demo._share()  # the People menu's action
    qtbot.addWidget(dialog)
    dialog.show()
    # Something else is on the vault's lane first, so the export is still waiting when the
    # user presses Cancel (as with a large vault, where it would still be running).
    demo.session.run(lambda _vault, _job: time.sleep(0.5))
    out = tmp_path / "share.json"
    dialog.save(out)
    assert dialog.progress.isVisible()
    assert dialog.cancel_button.isVisible()
    assert not dialog.save_button.isEnabled()
    dialog.grab().save(str(SCREENSHOTS / "23-share-dialog-writing.png"))
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cancelled" in dialog.status.text(), timeout=WAIT)
    assert dialog.status.text() == "Export cancelled; no file was written."
    assert not out.exists()
    assert not dialog.progress.isVisible()
    assert dialog.save_button.isEnabled()


def test_kiosk_offers_print_but_not_save_or_share(qtbot) -> None:  # noqa: ANN001
    from healthbook.preferences import Preferences

    prefs = Preferences()
    prefs.set_kiosk_pin("2468")
    win = MainWindow(kiosk=True, prefs=prefs)
    qtbot.addWidget(win)
    assert win.views["Assistant"].allow_save is False
    assert not win.people_button.isVisibleTo(win)
    win._admin_exit = True  # let the test close it
    win.close()
