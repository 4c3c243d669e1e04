"""The visit sheet (edit the questions, then save or print) and the sharing export dialog.

The PDF is built on the session's lane from the vault; printing paints the rendered pages onto
the printer, so nothing is written to disk except the file the user chooses.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from healthbook.assistant.verify import without_citations
from healthbook.progress import CancelToken, Progress
from healthbook.reports.share import KINDS
from healthbook.ui.progress_bar import show_progress
from healthbook.ui.session import Session
from healthbook.vault import Person

NO_PRINTER_KIOSK = "No printer is connected to this computer. Please ask the staff for help."
PRINT_SCALE = 300 / 72  # render pages at 300 dpi for the printer
KIND_LABELS = {"observation": "Results and vital signs", "condition": "Conditions",
               "medication": "Medicines", "allergy": "Allergies",
               "immunization": "Immunizations", "procedure": "Procedures",
               "encounter": "Visits", "report": "Reports", "document": "Documents"}


def print_pages(printer: QPrinter, pages: list[bytes]) -> None:
    """Paint PNG pages onto a printer, one per sheet, scaled to the printable area."""
    painter = QPainter(printer)
    try:
        for index, data in enumerate(pages):
            if index:
                printer.newPage()
            image = QImage.fromData(data)
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(area.x(), area.y(), size.width(), size.height())
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
            painter.setViewport(area)
    finally:
        painter.end()


def date_text(edit: QDateEdit) -> str:
    """The edit's date as YYYY-MM-DD."""
    return edit.date().toString("yyyy-MM-dd")


def date_edit(value: str | None, name: str) -> QDateEdit:
    """A YYYY-MM-DD date field with a calendar, set to `value` (default: today)."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setAccessibleName(name)
    day = QDate.fromString(value[:10], "yyyy-MM-dd") if value else QDate.currentDate()
    edit.setDate(day if day.isValid() else QDate.currentDate())
    return edit


class VisitSheetDialog(QDialog):
    """Edit the questions to ask, then save the one- or two-page sheet as PDF or print it."""

    def __init__(self, session: Session, person: Person, questions: list[str], since: str,
                 allow_save: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Visit sheet")
        self.resize(640, 460)
        self._session, self._person = session, person
        self.since = date_edit(since, "Changes since")
        self.visit = date_edit(None, "Appointment date")
        plain = [without_citations(q) for q in questions]  # citations stay in the app
        self.questions = QPlainTextEdit("\n".join(plain))
        self.questions.setAccessibleName("Questions to ask, one per line")
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.save_button = QPushButton("Save PDF…")
        self._allow_save = allow_save
        # clicked(bool) would arrive as the path/printer argument: connect without arguments.
        self.save_button.clicked.connect(lambda: self.save())
        self.print_button = QPushButton("Print…")
        self.print_button.clicked.connect(lambda: self.print_sheet())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        # After addButton, which shows the button: in the kiosk nothing may be saved.
        self.save_button.setVisible(allow_save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Appointment:", self.visit)
        form.addRow("Changes since:", self.since)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Questions to ask (edit freely, one per line):"))
        layout.addWidget(self.questions, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    def question_list(self) -> list[str]:
        """The questions as the user left them."""
        return [q.strip() for q in self.questions.toPlainText().splitlines() if q.strip()]

    def save(self, path: Path | None = None) -> None:
        """Write the PDF where the user chooses."""
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Save the visit sheet", str(Path.home() / "visit-sheet.pdf"),
                "PDF (*.pdf)")
            if not chosen:
                return
            path = Path(chosen)
        questions, since, visit = self.question_list(), date_text(self.since), date_text(self.visit)
        person = self._person
        self.status.setText("Writing the sheet…")

        def work(vault, _job):  # noqa: ANN001, ANN202 - runs on the session lane
            from healthbook.reports import prep_sheet

            return prep_sheet(vault, person, path, questions, since, visit)

        self._session.run(work, owner=self,
                          done=lambda out: self.status.setText(f"Saved to {out}."),
                          failed=self.status.setText)

    def print_sheet(self, printer: QPrinter | None = None) -> None:
        """Render the sheet on the lane, then print it (after the print dialog)."""
        if printer is None and not self._allow_save and not QPrinterInfo.availablePrinterNames():
            self.status.setText(NO_PRINTER_KIOSK)
            return
        questions, since, visit = self.question_list(), date_text(self.since), date_text(self.visit)
        person = self._person
        self.status.setText("Preparing the pages…")

        def work(vault, _job):  # noqa: ANN001, ANN202 - runs on the session lane
            from healthbook.reports import build_sheet, sheet_input
            from healthbook.reports.pdf_pages import pdf_pages

            pdf = build_sheet(sheet_input(vault, person, since, visit),
                              "Appointment preparation", questions)
            vault.log("print", {"person": person.id, "format": "prep-sheet"})
            return pdf_pages(pdf, scale=PRINT_SCALE)

        def done(pages: list[bytes]) -> None:
            target = printer or self._ask_printer()
            if target is None:
                return
            print_pages(target, pages)
            self.status.setText(printed_message(target, len(pages)))

        self._session.run(work, owner=self, done=done, failed=self.status.setText)


    def _ask_printer(self) -> QPrinter | None:
        """The printer the user picks in the print dialog; None when they cancel.

        Outside the kiosk the dialog also offers "Print to File (PDF)"; in the kiosk it does
        not, since nothing may be written to this computer's disk.
        """
        target = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(target, self)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, self._allow_save)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            self.status.setText("")
            return None
        to_file = target.outputFormat() == QPrinter.OutputFormat.PdfFormat
        if to_file and (not self._allow_save or not target.outputFileName()):
            self.status.setText(NO_PRINTER_KIOSK if not self._allow_save else
                                "Choose a printer, or a file name to print to.")
            return None
        return target


def printed_message(printer: QPrinter, pages: int) -> str:
    """What really happened to the pages, in one sentence."""
    count = "1 page" if pages == 1 else f"{pages} pages"
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        return f"Printed {count} to the file {printer.outputFileName()}."
    name = printer.printerName() or "the printer"
    return f"Sent {count} to {name}."


class ShareDialog(QDialog):
    """Choose categories, dates and format; write exactly that (FHIR R4 or PDF)."""

    def __init__(self, session: Session, person: Person, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Share {person.name}'s records")
        self._session, self._person = session, person
        self.kinds = {}
        grid = QGridLayout()
        for i, kind in enumerate(sorted(KINDS, key=lambda k: list(KIND_LABELS).index(k))):
            box = QCheckBox(KIND_LABELS[kind])
            box.setChecked(kind != "document")
            self.kinds[kind] = box
            grid.addWidget(box, i // 2, i % 2)
        self.limit = QCheckBox("Only records dated on or after")
        self.since = date_edit(None, "Share records since")
        self.since.setDate(QDate.currentDate().addYears(-1))
        self.since.setEnabled(False)
        self.limit.toggled.connect(self.since.setEnabled)
        self.format = QComboBox()
        self.format.addItem("FHIR R4 Bundle (for a clinic's system or another app)", "fhir")
        self.format.addItem("PDF summary (to read or print)", "pdf")
        self.format.setAccessibleName("Format")
        self.status = QLabel("Only what is ticked is written. The file is not encrypted: "
                             "send it the way you would send a medical letter.")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.save_button = QPushButton("Save as…")
        self.save_button.clicked.connect(lambda: self.save())
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Export progress")
        self.progress.setVisible(False)
        self.cancel_button = QPushButton("Cancel export")
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        self._running: CancelToken | None = None
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>What to share</b>"))
        layout.addLayout(grid)
        since_row = QFormLayout()
        since_row.addRow(self.limit, self.since)
        since_row.addRow("Format:", self.format)
        layout.addLayout(since_row)
        layout.addWidget(self.status)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        layout.addLayout(progress_row)
        layout.addWidget(buttons)

    def chosen_kinds(self) -> set[str]:
        """The ticked categories."""
        return {k for k, box in self.kinds.items() if box.isChecked()}

    def save(self, path: Path | None = None) -> None:
        """Write the export where the user chooses."""
        kinds = self.chosen_kinds()
        if not kinds:
            self.status.setText("Tick at least one kind of record to share.")
            return
        fmt = self.format.currentData()
        if path is None:
            suffix = "json" if fmt == "fhir" else "pdf"
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Share records", str(Path.home() / f"health-records.{suffix}"))
            if not chosen:
                return
            path = Path(chosen)
        since = date_text(self.since) if self.limit.isChecked() else None
        person = self._person
        self.status.setText("Writing…")
        self._busy(True)

        def work(vault, job):  # noqa: ANN001, ANN202 - runs on the session lane
            from healthbook.reports import export

            return export(vault, person, path, fmt, since, kinds, progress=job.report,
                          cancel=job.cancel)

        def done(summary: dict) -> None:
            self._busy(False)
            self.status.setText(f"Wrote {len(summary['records'])} records to {path}.")

        def failed(message: str) -> None:
            self._busy(False)
            self.status.setText(message)

        def cancelled() -> None:
            self._busy(False)
            self.status.setText("Export cancelled; no file was written.")

        self._running = self._session.run(work, owner=self, done=done, failed=failed,
                                          progress=self._progress, cancelled=cancelled)

    def cancel(self) -> None:
        """Stop the export being written (nothing is written until it is complete)."""
        if self._running is not None:
            self._running.cancel()
            self.cancel_button.setEnabled(False)

    def reject(self) -> None:  # noqa: D102 - closing the dialog stops its export
        self.cancel()
        super().reject()

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(True)
        self.save_button.setEnabled(not busy)
        self.progress.setRange(0, 0)
        if not busy:
            self._running = None

    def _progress(self, update: Progress) -> None:
        show_progress(self.progress, update, update.message)
