"""The desktop app with real widgets (offscreen): unlock, demo, every screen, import, lock."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from healthbook.ui.main_window import PAGES, MainWindow
from healthbook.vault import Vault
from tests.conftest import DATA, PASSPHRASE
from tests.generate import apple_health_export
from tests.ingest.test_parse_worker import worker_pids
from tests.ui.conftest import WAIT, shoot, wait_for_data


def _unlock(qtbot, win: MainWindow, path: Path, secret: str, repeat: str | None = None) -> None:  # noqa: ANN001
    win.unlock_view.set_path(path)
    win.unlock_view.passphrase.setText(secret)
    if repeat is not None:
        win.unlock_view.repeat.setText(repeat)
    qtbot.mouseClick(win.unlock_view.submit, Qt.MouseButton.LeftButton)


def test_first_run_creates_a_vault_and_asks_for_a_person(qtbot, window: MainWindow,  # noqa: ANN001
                                                         tmp_path: Path) -> None:
    path = tmp_path / "family.vault"
    window.unlock_view.set_path(path)
    assert window.unlock_view.creating
    assert window.unlock_view.warning.isVisible()
    shoot(window, "01-first-run")
    _unlock(qtbot, window, path, "short", "short")
    assert "at least 10" in window.unlock_view.error.text()
    _unlock(qtbot, window, path, "a long enough passphrase", "a different one here")
    assert "different" in window.unlock_view.error.text()
    assert not path.exists()
    _unlock(qtbot, window, path, "a long enough passphrase", "a long enough passphrase")
    qtbot.waitUntil(lambda: window.first_person.isVisible(), timeout=WAIT)
    assert not window.body.isVisible()
    shoot(window, "01b-first-person")
    qtbot.keyClicks(window.first_name, "Maria")
    qtbot.keyClick(window.first_name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.person is not None, timeout=WAIT)
    assert window.body.isVisible()
    assert path.exists()
    assert window.person_box.currentText() == "Maria"
    assert window.unlock_view.passphrase.text() == ""  # typed secrets are forgotten


def test_wrong_passphrase_is_one_clear_sentence(qtbot, window: MainWindow,  # noqa: ANN001
                                                vault_path: Path) -> None:
    _unlock(qtbot, window, vault_path, "not the passphrase")
    qtbot.waitUntil(lambda: window.unlock_view.error.text() != "", timeout=WAIT)
    assert window.unlock_view.error.text() == "That passphrase does not unlock this vault."
    assert window.stack.currentIndex() == 0
    shoot(window, "02-wrong-passphrase")
    _unlock(qtbot, window, vault_path, PASSPHRASE)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 1, timeout=WAIT)


def test_demo_shows_every_screen(qtbot, demo: MainWindow) -> None:  # noqa: ANN001
    data = demo.session.data
    assert data.person.name.startswith("Alex Demo")
    for i, name in enumerate(PAGES, 3):
        demo.show_page(name)
        qtbot.wait(150)
        shoot(demo, f"{i:02d}-{name.lower().replace(' ', '-')}")
    overview = demo.views["Overview"]
    assert "Steps" in [tile.data.title for tile in overview.vitals.tiles]
    assert len(overview.cards["Allergies"].items()) >= 2
    labs = demo.views["Labs"]
    assert labs.model.analyte_count() == len(data.facts.analytes)
    assert labs.canvas is not None
    assert labs.statement.text()
    wellness = demo.views["Wellness"]
    assert len(wellness.cards) == len(data.facts.metrics) == 5
    timeline = demo.views["Timeline"]
    timeline.search.setText("allergy")
    assert 0 < timeline.proxy.rowCount() < timeline.model.rowCount()
    assert "Demo" in demo.demo_label.text()


@pytest.mark.parametrize(("view", "attribute"), [
    ("Timeline", "model"), ("Timeline", "proxy"), ("Labs", "model"),
    ("Health record", "meds"), ("Import", "sources")])
def test_item_models_pass_the_model_tester(qtmodeltester, demo: MainWindow, view: str,  # noqa: ANN001
                                           attribute: str) -> None:
    # One model per test: the tester follows one model's resets at a time.
    qtmodeltester.check(getattr(demo.views[view], attribute), force_py=True)


def test_labs_unit_toggle_and_point_source(qtbot, demo: MainWindow) -> None:  # noqa: ANN001
    labs = demo.views["Labs"]
    demo.show_page("Labs")
    for row in range(labs.model.rowCount()):
        index = labs.table.model().index(row, 0)
        if index.data() == "Total cholesterol":
            labs.table.setCurrentIndex(index)
    fact = labs.selected()
    assert fact.key == "cholesterol"
    labs.alt_units.setChecked(True)
    axis = labs.canvas.figure.axes[0]
    assert axis.get_ylabel() == "mmol/L"
    # the plotted values are the mg/dL results / 38.665 (386.65 g/mol)
    plotted = list(axis.lines[0].get_ydata())
    assert abs(plotted[-1] - fact.latest.value / 38.665) < 1e-6
    labs._describe(fact.latest.record_id)
    assert "synthea_patient.json" in labs.source.text()


def test_import_progress_report_and_cancel(qtbot, demo: MainWindow, tmp_path: Path) -> None:  # noqa: ANN001
    view = demo.views["Import"]
    demo.show_page("Import")
    before = demo.session.data.sources
    # The demo person's own watch: the same birth date and sex as their records.
    big = apple_health_export(tmp_path / "export.zip", 150_000, born="1982-07-29", sex="Male")
    view.import_paths([big])
    qtbot.waitUntil(lambda: view.progress.value() > 0, timeout=WAIT)
    assert view.cancel.isVisible()
    assert worker_pids(), "a 150k-record export is parsed by a second process"
    qtbot.mouseClick(view.cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cancelled" in view.report.toPlainText(), timeout=WAIT)
    assert "Nothing was changed" in view.report.toPlainText()
    assert not worker_pids()
    view.import_paths([DATA / "fhir-r4" / "observation-example-f001-glucose.json",
                       DATA / "edge" / "fhir-test-cases" / "bad-json-close-1.json"])
    qtbot.waitUntil(lambda: "Not imported" in view.report.toPlainText(), timeout=WAIT)
    wait_for_data(qtbot, demo)
    qtbot.waitUntil(lambda: len(demo.session.data.sources) == len(before) + 1, timeout=WAIT)
    text = view.report.toPlainText()
    assert "observation-example-f001-glucose.json" in text
    assert "not valid JSON" in text
    shoot(demo, "10-import-report")


def test_critical_banner(qtbot, window: MainWindow, vault_path: Path, tmp_path: Path) -> None:  # noqa: ANN001
    csv = tmp_path / "labs.csv"
    csv.write_text("date,test,value,unit\n2024-05-02,Potassium,6.8,mmol/L\n")
    with Vault.open(vault_path, PASSPHRASE) as vault:
        from healthbook.ingest import import_file

        import_file(vault, vault.people.add("Pat"), csv)
    _unlock(qtbot, window, vault_path, PASSPHRASE)
    wait_for_data(qtbot, window)
    assert window.banner.isVisible()
    assert "Potassium of 6.8 mmol/L" in window.banner.text()
    assert window.banner.textFormat() == Qt.TextFormat.RichText  # '&gt;=' shows as '>='
    assert "&gt;= 6 mmol/L" in window.banner.text()
    shoot(window, "11-critical-banner")


def test_auto_lock_clears_every_view(qtbot, demo: MainWindow) -> None:  # noqa: ANN001
    assert demo.views["Timeline"].model.rowCount() > 0
    demo.idle.set_minutes(0.005)  # 0.3 s
    demo.idle.start()
    qtbot.waitUntil(lambda: demo.stack.currentIndex() == 0, timeout=WAIT)
    assert not demo.session.is_open
    assert demo.session.data is None
    assert demo.views["Timeline"].model.rowCount() == 0
    assert demo.views["Labs"].model.rowCount() == 0
    assert demo.views["Overview"].cards["Allergies"].items() == []
    assert demo.person_box.count() == 0


def test_documents_show_text_and_pdf_pages(qtbot, window: MainWindow, vault_path: Path) -> None:  # noqa: ANN001
    import io

    from matplotlib.figure import Figure

    from healthbook.vault import Attachment, Record, RecordKind
    from tests.helpers import add_source

    figure = Figure(figsize=(4, 3))
    figure.add_subplot(111).text(0.2, 0.5, "Discharge letter")
    pdf = io.BytesIO()
    figure.savefig(pdf, format="pdf")  # a real PDF, written in memory
    with Vault.open(vault_path, PASSPHRASE) as vault:
        who = vault.people.add("Docs")
        vault.records.insert(who.id, add_source(vault, who.id), [
            Record(RecordKind.DOCUMENT, display="Letter", effective="2024-02-01",
                   attachment=Attachment("application/pdf", pdf.getvalue(), "letter.pdf")),
            Record(RecordKind.DOCUMENT, display="Note", effective="2024-01-01",
                   attachment=Attachment("text/plain", b"Feeling better.", "note.txt"))])
    _unlock(qtbot, window, vault_path, PASSPHRASE)
    wait_for_data(qtbot, window)
    window.show_page("Health record")
    view = window.views["Health record"]
    view.tabs.setCurrentIndex(view.tabs.count() - 1)
    view.documents.setCurrentRow(1)  # newest first: the note is second
    qtbot.waitUntil(lambda: "Feeling better." in view.document_text.toPlainText(), timeout=WAIT)
    view.documents.setCurrentRow(0)
    qtbot.waitUntil(lambda: view.document_view.currentIndex() == 1, timeout=WAIT)
    page = view.pdf_layout.itemAt(0).widget()
    assert page.pixmap().width() > 300
    shoot(window, "12-document-pdf")


def test_markup_in_imported_names_is_shown_as_text(qtbot, demo: MainWindow,  # noqa: ANN001
                                                   tmp_path: Path) -> None:
    hostile = tmp_path / "<b>bold<b>.csv"
    hostile.write_text("date,test,value,unit\n2024-05-02,<i>Glucose</i>,5.4,mmol/L\n"
                       "2024-05-03,<img src=x>,not a number,\n")  # a text result
    view = demo.views["Import"]
    view.import_paths([hostile])
    qtbot.waitUntil(lambda: "<b>bold<b>.csv" in view.report.toPlainText(), timeout=WAIT)
    assert demo.views["Labs"].statement.textFormat() == Qt.TextFormat.PlainText
