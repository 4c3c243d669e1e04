"""Import: choose files or drop them on the window; a progress bar with cancel; the report
at the end; the list of imports with "delete this import"."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from healthbook import actions
from healthbook.actions.imports import ImportOutcome
from healthbook.i18n import format_number, ngettext
from healthbook.ingest.report import format_label
from healthbook.progress import CancelToken, Progress
from healthbook.ui.models import SourceModel
from healthbook.ui.progress_bar import show_progress
from healthbook.ui.session import PersonData, Session
from healthbook.ui.style import alert_colour
from healthbook.ui.tasks import Job, Lane
from healthbook.vault import Person, Vault

if TYPE_CHECKING:  # the reader (OCR, images) loads when a report is read, not at start
    from healthbook.ingest.lab_report import Extraction
    from healthbook.ui.report_review import PageImage

PATTERNS = ("*.json *.ndjson *.xml *.zip *.csv *.ccd *.txt *.XML *.pdf *.PDF *.jpg *.jpeg *.png "
            "*.heic *.JPG *.PNG")


class ImportView(QWidget):
    """Import files for the selected person."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._cancel: CancelToken | None = None
        self._reader = Lane(self)  # reads lab reports; the vault's lane stays free
        self._to_read: list[Path] = []
        self.review: QWidget | None = None
        self._shown_person: int | None = None
        self.intro = QLabel(self.tr(
            "Bring your records in: FHIR (JSON), Apple Health export.zip, C-CDA, CSV lab results "
            "or a Health Connect export, and lab reports as a PDF, a scan or a photo (read on "
            "this computer; you check the results before they are saved). The format is "
            "recognised from the file's content. You can also drop files on this window."))
        self.intro.setWordWrap(True)
        self.choose = QPushButton(self.tr("Choose files…"))
        self.choose.clicked.connect(self._choose)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Import progress"))
        self.progress.setVisible(False)
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.setVisible(False)
        self.cancel.clicked.connect(self._cancel_import)
        self.report = QTextBrowser()
        self.report.setAccessibleName(self.tr("Import report"))
        self.report.setPlaceholderText(self.tr("The import report appears here."))
        self.sources = SourceModel(self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Imports"))
        self.table.setModel(self.sources)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.delete = QPushButton(self.tr("Delete this import…"))
        self.delete.setToolTip(self.tr("Removes the records and samples that only this import "
                                       "holds; what another import also holds is kept"))
        self.delete.clicked.connect(self._delete_source)
        row = QHBoxLayout()
        row.addWidget(self.choose)
        row.addWidget(self.progress, 3)
        row.addWidget(self.cancel)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addWidget(self.report, 1)
        layout.addWidget(QLabel(self.tr("<b>Imports</b>")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.delete, 0, Qt.AlignmentFlag.AlignRight)
        session.data_ready.connect(self.show_data)
        session.locked.connect(lambda: self.show_data(None))

    def show_data(self, data: PersonData | None) -> None:
        """Show a snapshot's imports; another person (or none) starts with an empty report."""
        self.sources.set_rows(data.sources if data else [])
        person = data.person.id if data else None
        if person != self._shown_person:
            self.report.clear()
        self._shown_person = person

    def _choose(self) -> None:
        filters = self.tr("Health files ({patterns});;All files (*)").format(patterns=PATTERNS)
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Import health files"),
                                                str(Path.home()), filters)
        if files:
            self.import_paths([Path(f) for f in files])

    def import_paths(self, paths: list[Path], confirmed: frozenset[Path] = frozenset()) -> None:
        """Import files one after another for the selected person, off the UI thread.

        A file that names another patient is not imported; the user is asked afterwards, and
        the files they confirm (`confirmed`) are imported again without that check.
        """
        person = self._session.person
        if person is None or not paths:
            return
        from healthbook.actions.documents import is_lab_report

        self._to_read.extend(p for p in paths if is_lab_report(p))
        paths = [p for p in paths if not is_lab_report(p)]
        if not paths:
            self._read_next_report()
            return

        def work(vault: Vault, job: Job) -> actions.Result[ImportOutcome]:  # on the lane
            return actions.import_files(vault, person, paths, progress=job.report,
                                        cancel=job.cancel, confirmed=confirmed)

        self._busy(True)
        self.report.setPlainText(ngettext("Importing {n} file for {name}…",
                                          "Importing {n} files for {name}…", len(paths))
                                 .format(n=len(paths), name=person.name))
        self._cancel = self._session.apply(work, owner=self,
                                           done=lambda result: self._finished(result.value),
                                           failed=self._failed, progress=self._progress,
                                           cancelled=self._cancelled)

    # -- lab reports (PDF, scan, photo): read here, checked by the person, then stored ------
    def _read_next_report(self) -> None:
        """Read the next lab report off the UI thread, then open the review screen."""
        person = self._session.person
        if not self._to_read or person is None:
            return
        path = self._to_read.pop(0)

        def work(job: Job) -> tuple[bytes, Extraction, list[PageImage]]:  # the reader's thread
            from healthbook.ingest.lab_report import extract
            from healthbook.ui.report_review import render_pages

            data = path.read_bytes()
            found = extract(data, file_name=path.name, progress=job.report, cancel=job.cancel)
            return data, found, render_pages(data, path.name, found)

        def failed(message: str) -> None:
            self._failed(message)
            self._read_next_report()

        self._busy(True)
        self.report.setPlainText(self.tr("Reading {file} on this computer…").format(
            file=path.name))
        self._cancel = self._reader.run(
            work, owner=self, done=lambda read: self._review(path, person, *read),
            failed=failed, progress=self._progress, cancelled=self._cancelled)

    def _review(self, path: Path, person: Person, data: bytes, found: Extraction,
                pages: list[PageImage]) -> None:
        from healthbook.actions.documents import Document
        from healthbook.ui.report_review import ReviewDialog

        self._busy(False)
        if self._session.person is None or self._session.person.id != person.id:
            return  # the person changed while the report was read: show nothing of it
        self.report.setPlainText(self.tr("{file}: check the results read, then save.").format(
            file=path.name))
        dialog = ReviewDialog(self._session, person, Document(data, path.name, found.date,
                                                              found.lab), found, pages, self)
        dialog.saved.connect(lambda report: self.report.setPlainText(report.summary()))
        dialog.rejected.connect(lambda: self.report.setPlainText(
            self.tr("{file} was not saved; nothing was stored.").format(file=path.name)))
        dialog.finished.connect(lambda _code: self._read_next_report())
        self.review = dialog
        dialog.open()

    def _ask_next(self, doubts: list[tuple[Path, str]], confirmed: list[Path]) -> None:
        """Ask, one file at a time, whether a file naming another patient belongs to this
        person; then import the files the user confirmed. The questions are window-modal
        but never block: no event loop runs inside another task's callback."""
        person = self._session.person
        if not doubts or person is None:
            if confirmed and person is not None:
                self.import_paths(confirmed, frozenset(confirmed))
            return
        (path, message), rest = doubts[0], doubts[1:]
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Another person's records?"),
                          message, parent=self)
        box.setInformativeText(self.tr("Import {file} into {name}'s records anyway?").format(
            file=path.name, name=person.name))
        keep = box.addButton(self.tr("Import anyway"), QMessageBox.ButtonRole.AcceptRole)
        skip = box.addButton(self.tr("Don't import"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(skip)  # the safe answer
        box.setEscapeButton(skip)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(_result: int) -> None:
            chosen = [*confirmed, path] if box.clickedButton() is keep else confirmed
            self._ask_next(rest, chosen)

        box.finished.connect(answered)
        box.open()

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel.setVisible(busy)
        self.choose.setEnabled(not busy)
        self.delete.setEnabled(not busy)
        self.progress.setValue(0)

    def _progress(self, update: Progress) -> None:
        show_progress(self.progress, update, ngettext(
            "{n} record read", "{n} records read", update.records).format(
                n=format_number(update.records, 0, grouping=True)))

    def _cancel_import(self) -> None:
        if self._cancel is not None:
            self._cancel.cancel()
            self.cancel.setEnabled(False)

    def _cancelled(self) -> None:
        self._busy(False)
        self.cancel.setEnabled(True)
        self.report.setPlainText(self.tr("Import cancelled. Nothing was changed."))

    def _failed(self, message: str) -> None:
        self._busy(False)
        self.report.setPlainText(self.tr("Not imported: {reason}").format(reason=message))

    def _finished(self, outcome: ImportOutcome) -> None:
        reports, doubts = outcome.reports, outcome.doubts
        errors = [message for _path, message in outcome.failed]
        self._busy(False)
        lines = []
        esc = html.escape  # names and reasons come from the files: never markup
        for report in reports:
            lines.append(f"<p><b>{esc(report.file_name)}</b> ({esc(format_label(report.format))}): "
                         f"{esc(report.counts())}.</p>")
            skipped = [f"<li>{esc(s.kind)} {esc(s.ident)}: {esc(s.reason)}</li>"
                       for s in report.skipped[:20]]
            if skipped:
                heading = self.tr("Skipped, with the reason:")
                lines.append(f"<p>{esc(heading)}</p><ul>" + "".join(skipped) + "</ul>")
        not_imported = self.tr("Not imported: {reason}")
        lines += [f"<p style='color:{alert_colour()}'>"
                  f"{esc(not_imported.format(reason=e))}</p>"
                  for e in [*errors, *(m for _p, m in doubts)]]
        self.report.setHtml("".join(lines))
        self._ask_next(list(doubts), [])

    def _delete_source(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            QMessageBox.information(self, self.tr("Delete an import"),
                                    self.tr("Select an import first."))
            return
        source = self.sources.row(index.row())
        answer = QMessageBox.question(
            self, self.tr("Delete this import?"),
            self.tr("Remove {file} and the records and samples that no other import holds? "
                    "This cannot be undone.").format(file=source.file_name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)  # the safe answer is the default
        if answer != QMessageBox.StandardButton.Yes:
            return

        self._session.apply(lambda vault, _job: actions.delete_import(vault, source.id),
                            owner=self, done=self._deleted)

    def _deleted(self, result: actions.Result) -> None:
        """Say what the deletion removed and kept, then show the vault as it is now."""
        self.report.setPlainText(actions.removal_sentence(result.value))
