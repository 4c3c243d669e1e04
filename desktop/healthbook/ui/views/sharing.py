"""The visit sheet (edit the questions, then save or print) and the sharing export dialog.

The PDF is built on the session's lane from the vault; printing paints the rendered pages onto
the printer, so nothing is written to disk except the file the user chooses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt
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

from healthbook import actions
from healthbook.assistant.verify import without_citations
from healthbook.i18n import format_number, ngettext
from healthbook.progress import CancelToken, Progress
from healthbook.reports.share import KINDS
from healthbook.ui.progress_bar import show_progress
from healthbook.ui.session import Session
from healthbook.ui.tasks import Job
from healthbook.ui.translations import qt_date_format
from healthbook.vault import Person, Vault

NO_PRINTER_KIOSK = "No printer is connected to this computer. Please ask the staff for help."
PRINT_SCALE = 300 / 72  # render pages at 300 dpi for the printer


def no_printer_kiosk() -> str:
    """What the kiosk says when there is no printer (NO_PRINTER_KIOSK, translated)."""
    return QCoreApplication.translate(
        "Sharing", "No printer is connected to this computer. Please ask the staff for help.")


def kind_labels() -> dict[str, str]:
    """The categories a person can share, in the current language (in this order)."""
    return {"observation": QCoreApplication.translate("Sharing", "Results and vital signs"),
            "condition": QCoreApplication.translate("Sharing", "Conditions"),
            "medication": QCoreApplication.translate("Sharing", "Medicines"),
            "allergy": QCoreApplication.translate("Sharing", "Allergies"),
            "immunization": QCoreApplication.translate("Sharing", "Immunizations"),
            "procedure": QCoreApplication.translate("Sharing", "Procedures"),
            "encounter": QCoreApplication.translate("Sharing", "Visits"),
            "report": QCoreApplication.translate("Sharing", "Reports"),
            "document": QCoreApplication.translate("Sharing", "Documents")}


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
    """A date field with a calendar, in the language's date format, set to `value` (a
    YYYY-MM-DD text; default: today)."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(qt_date_format())
    edit.setAccessibleName(name)
    day = QDate.fromString(value[:10], "yyyy-MM-dd") if value else QDate.currentDate()
    edit.setDate(day if day.isValid() else QDate.currentDate())
    return edit


class VisitSheetDialog(QDialog):
    """Edit the questions to ask, then save the one- or two-page sheet as PDF or print it."""

    def __init__(self, session: Session, person: Person, questions: list[str], since: str,
                 allow_save: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Visit sheet"))
        self.resize(640, 460)
        self._session, self._person = session, person
        self.since = date_edit(since, self.tr("Changes since"))
        self.visit = date_edit(None, self.tr("Appointment date"))
        plain = [without_citations(q) for q in questions]  # citations stay in the app
        self.questions = QPlainTextEdit("\n".join(plain))
        self.questions.setAccessibleName(self.tr("Questions to ask, one per line"))
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save PDF…"))
        self._allow_save = allow_save
        # clicked(bool) would arrive as the path/printer argument: connect without arguments.
        self.save_button.clicked.connect(lambda: self.save())
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.clicked.connect(lambda: self.print_sheet())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        # After addButton, which shows the button: in the kiosk nothing may be saved.
        self.save_button.setVisible(allow_save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Appointment:"), self.visit)
        form.addRow(self.tr("Changes since:"), self.since)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Questions to ask (edit freely, one per line):")))
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
                self, self.tr("Save the visit sheet"),
                str(Path.home() / self.tr("visit-sheet.pdf")), self.tr("PDF (*.pdf)"))
            if not chosen:
                return
            path = Path(chosen)
        questions, since, visit = self.question_list(), date_text(self.since), date_text(self.visit)
        person = self._person
        self.status.setText(self.tr("Writing the sheet…"))
        saved = self.tr("Saved to {path}.")

        def work(vault: Vault, _job: Job) -> actions.Result[Path]:  # runs on the session lane
            return actions.save_sheet(vault, person, path, questions, since, visit)

        self._session.apply(work, owner=self,
                            done=lambda r: self.status.setText(saved.format(path=r.value)),
                            failed=self.status.setText)

    def print_sheet(self, printer: QPrinter | None = None) -> None:
        """Render the sheet on the lane, then print it (after the print dialog)."""
        if printer is None and not self._allow_save and not QPrinterInfo.availablePrinterNames():
            self.status.setText(no_printer_kiosk())
            return
        questions, since, visit = self.question_list(), date_text(self.since), date_text(self.visit)
        person = self._person
        self.status.setText(self.tr("Preparing the pages…"))
        title = self.tr("Appointment preparation")

        def work(vault: Vault, _job: Job) -> actions.Result[list[bytes]]:  # on the session lane
            return actions.sheet_for_printing(vault, person, title, questions, since, visit,
                                              PRINT_SCALE)

        def done(result: actions.Result) -> None:
            pages: list[bytes] = result.value
            target = printer or self._ask_printer()
            if target is None:
                return
            print_pages(target, pages)
            self.status.setText(printed_message(target, len(pages)))

        self._session.apply(work, owner=self, done=done, failed=self.status.setText)

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
            self.status.setText(no_printer_kiosk() if not self._allow_save else
                                self.tr("Choose a printer, or a file name to print to."))
            return None
        return target


def printed_message(printer: QPrinter, pages: int) -> str:
    """What really happened to the pages, in one sentence."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        return ngettext("Printed {n} page to the file {path}.",
                        "Printed {n} pages to the file {path}.", pages).format(
            n=pages, path=printer.outputFileName())
    if printer.printerName():
        return ngettext("Sent {n} page to {printer}.", "Sent {n} pages to {printer}.",
                        pages).format(n=pages, printer=printer.printerName())
    return ngettext("Sent {n} page to the printer.", "Sent {n} pages to the printer.",
                    pages).format(n=pages)


class ShareDialog(QDialog):
    """Choose categories, dates and format; write exactly that (FHIR R4 or PDF)."""

    def __init__(self, session: Session, person: Person, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Share {name}'s records").format(name=person.name))
        self._session, self._person = session, person
        self.kinds = {}
        grid = QGridLayout()
        labels = kind_labels()
        for i, kind in enumerate(sorted(KINDS, key=lambda k: list(labels).index(k))):
            box = QCheckBox(labels[kind])
            box.setChecked(kind != "document")
            self.kinds[kind] = box
            grid.addWidget(box, i // 2, i % 2)
        self.limit = QCheckBox(self.tr("Only records dated on or after"))
        self.since = date_edit(None, self.tr("Share records since"))
        self.since.setDate(QDate.currentDate().addYears(-1))
        self.since.setEnabled(False)
        self.limit.toggled.connect(self.since.setEnabled)
        self.format = QComboBox()
        self.format.addItem(self.tr("FHIR R4 Bundle (for a clinic's system or another app)"),
                            "fhir")
        self.format.addItem(self.tr("PDF summary (to read or print)"), "pdf")
        self.format.setAccessibleName(self.tr("Format"))
        self.status = QLabel(self.tr("Only what is ticked is written. The file is not "
                                     "encrypted: send it the way you would send a medical "
                                     "letter."))
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save as…"))
        self.save_button.clicked.connect(lambda: self.save())
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Export progress"))
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel export"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        self._running: CancelToken | None = None
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<b>What to share</b>")))
        layout.addLayout(grid)
        since_row = QFormLayout()
        since_row.addRow(self.limit, self.since)
        since_row.addRow(self.tr("Format:"), self.format)
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
            self.status.setText(self.tr("Tick at least one kind of record to share."))
            return
        fmt = self.format.currentData()
        if path is None:
            suffix = "json" if fmt == "fhir" else "pdf"
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Share records"),
                str(Path.home() / self.tr("health-records.{suffix}").format(suffix=suffix)))
            if not chosen:
                return
            path = Path(chosen)
        since = date_text(self.since) if self.limit.isChecked() else None
        person = self._person
        self.status.setText(self.tr("Writing…"))
        self._busy(True)
        stopped = self.tr("Export cancelled; no file was written.")

        def work(vault: Vault, job: Job) -> actions.Result[dict[str, Any]]:  # on the lane
            return actions.export_summary(vault, person, path, fmt, since, kinds,
                                          progress=job.report, cancel=job.cancel)

        def done(result: actions.Result) -> None:
            summary: dict = result.value
            self._busy(False)
            count = len(summary["records"])
            self.status.setText(ngettext("Wrote {n} record to {path}.",
                                         "Wrote {n} records to {path}.", count).format(
                n=format_number(count, 0, grouping=True), path=path))

        def failed(message: str) -> None:
            self._busy(False)
            self.status.setText(message)

        def cancelled() -> None:
            self._busy(False)
            self.status.setText(stopped)

        self._running = self._session.apply(work, owner=self, done=done, failed=failed,
                                            progress=self._progress, cancelled=cancelled)

    def cancel(self) -> None:
        """Stop the export being written (nothing is written until it is complete)."""
        if self._running is not None:
            self._running.cancel()
            self.cancel_button.setEnabled(False)

    def reject(self) -> None:  # closing the dialog stops its export
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
