"""Check what was read from a lab report before anything is stored.

The page is on the left with a box around each result read; the rows are on the right, where
the person corrects, removes or adds them, sets the date, and saves. Rows the reader was
unsure of are highlighted and must be touched (edited, accepted with Enter, or unticked)
before Save is possible. Keyboard-first: Tab moves through the cells, Enter accepts a row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QDate, QEvent, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QKeyEvent,
    QPen,
    QPixmap,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from healthbook import actions
from healthbook.actions.documents import (
    ConfirmedRow,
    Document,
    confirmed,
    person_doubt,
    shown_unit,
    typed_unit,
)
from healthbook.actions.records import parse_number
from healthbook.i18n import current_language, format_number, format_percent
from healthbook.ingest.lab_report import Extraction, ResultRow
from healthbook.ingest.report import ImportReport
from healthbook.ui.session import Session
from healthbook.ui.style import alert_colour
from healthbook.ui.tasks import Job
from healthbook.ui.translations import qt_date_format
from healthbook.vault import Person, Vault

KEEP, NAME, VALUE, UNIT, LOW, HIGH, FLAG, SURE = range(8)
PAGE_SCALE = 1.5  # image pixels per PDF point on screen


@dataclass
class PageImage:
    """One page as RGB bytes (kept in memory only) and the scale of its boxes."""

    width: int
    height: int
    rgb: bytes
    scale: float  # image pixels per box unit

    def pixmap(self) -> QPixmap:
        """The page for the screen."""
        image = QImage(self.rgb, self.width, self.height, self.width * 3,
                       QImage.Format.Format_RGB888)
        return QPixmap.fromImage(image.copy())


def render_pages(data: bytes, name: str, found: Extraction) -> list[PageImage]:
    """Every page's image, for the review screen (run off the UI thread)."""
    from healthbook.ingest.lab_report import page_image

    pages = []
    for number in range(1, found.pages + 1):
        image = page_image(data, number, file_name=name, scale=PAGE_SCALE).convert("RGB")
        scale = PAGE_SCALE if found.box_unit == "pt" else 1.0
        pages.append(PageImage(image.width, image.height, image.tobytes(), scale))
    return pages


class ReviewDialog(QDialog):
    """The rows read from one report, beside its pages; Save stores what the user kept."""

    saved = Signal(object)  # the ImportReport

    def __init__(self, session: Session, person: Person, document: Document,
                 found: Extraction, pages: list[PageImage],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._person, self._document = session, person, document
        self._found, self._pages = found, pages
        self._touched: set[int] = set()
        self.setWindowTitle(self.tr("Check the results read from {file}").format(
            file=document.file_name))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        # Gone when closed: the person's page or record must not linger in a hidden window.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(1240, 780)
        self.intro = QLabel(self.tr(
            "Healthbook read these results from the document on this computer. Check each "
            "highlighted row against the page: correct it, press Enter to accept it, or untick "
            "it. Nothing is stored until you save."))
        self.intro.setWordWrap(True)
        self.doubt = QLabel(person_doubt(person, found) or "")
        self.doubt.setWordWrap(True)
        self.doubt.setStyleSheet(f"color: {alert_colour()}; font-weight: bold")
        self.doubt.setVisible(bool(self.doubt.text()))
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(qt_date_format())
        self.date.setMaximumDate(QDate.currentDate())
        self.date.setAccessibleName(self.tr("Date the samples were taken"))
        found_date = QDate.fromString(found.date or "", "yyyy-MM-dd")
        self.date.setDate(found_date if found_date.isValid() else QDate.currentDate())
        # No date on the report: today is only a placeholder, to be set before saving.
        self._date_unset = not found_date.isValid()
        self.no_date = QLabel(self.tr("No date was found on the report: set the day the "
                                      "samples were taken."))
        self.no_date.setStyleSheet(f"color: {alert_colour()}; font-weight: bold")
        self.no_date.setVisible(self._date_unset)
        self.date.dateChanged.connect(self._date_set)
        self.date.editingFinished.connect(self._date_set)
        header = QHBoxLayout()
        header.addWidget(QLabel(self.tr("For: <b>{name}</b>").format(name=person.name)))
        header.addSpacing(24)
        header.addWidget(QLabel(self.tr("Samples taken on")))
        header.addWidget(self.date)
        if found.lab:
            header.addSpacing(24)
            header.addWidget(QLabel(self.tr("Lab: {lab}").format(lab=found.lab)))
        header.addStretch(1)
        self.scene = QGraphicsScene(self)
        self.view = QGraphicsView(self.scene)
        self.view.setAccessibleName(self.tr("Document page"))
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._page_shown = 0
        self._boxes: dict[int, QGraphicsRectItem] = {}
        self.table = QTableWidget(0, 8)
        self.table.setAccessibleName(self.tr("Results read"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Keep"), self.tr("Test"), self.tr("Value"), self.tr("Unit"),
            self.tr("From"), self.tr("To"), self.tr("Flag"), self.tr("Sure")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header_view = self.table.horizontalHeader()
        header_view.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header_view.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(True)
        for row in found.rows:
            self._append(row)
        self.table.itemChanged.connect(self._edited)
        self.table.currentCellChanged.connect(lambda r, *_: self._show_row(r))
        self.table.installEventFilter(self)
        self.add_row = QPushButton(self.tr("Add a row"))
        self.add_row.clicked.connect(self._add_empty_row)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Review status"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setAutoDefault(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(False)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.table, 1)
        right_layout.addWidget(self.add_row, 0, Qt.AlignmentFlag.AlignLeft)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.view)
        split.addWidget(right)
        split.setSizes([540, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.doubt)
        layout.addWidget(self.no_date)
        layout.addLayout(header)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._show_page(1)
        self._update_state()
        if self.table.rowCount():
            self.table.setCurrentCell(self._first_unsure(), NAME)
        self.table.setFocus()

    # -- rows ------------------------------------------------------------------------------
    def _append(self, row: ResultRow | None) -> None:
        index = self.table.rowCount()
        self.table.insertRow(index)
        keep = QTableWidgetItem()
        keep.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                      | Qt.ItemFlag.ItemIsSelectable)
        keep.setCheckState(Qt.CheckState.Checked)
        keep.setData(Qt.ItemDataRole.UserRole, row)
        self.table.setItem(index, KEEP, keep)
        if row is None:
            cells = ["", "", "", "", "", "", ""]
        else:
            cells = [row.name, row.value_text, shown_unit(row), _bound(row, row.low),
                     _bound(row, row.high), row.flag or "", format_percent(row.confidence)]
        for column, text in enumerate(cells, start=NAME):
            item = QTableWidgetItem(text)
            if column == SURE:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(index, column, item)
        if row is not None and row.analyte:
            from healthbook.knowledge import entry_by_id

            entry = entry_by_id(row.analyte)
            if entry is not None:
                self._cell(index, NAME).setToolTip(entry.name(current_language()))
        unsure = row is None or row.needs_review
        if unsure:
            reasons = "; ".join(row.reasons) if row is not None and row.reasons else \
                self.tr("check it against the page")
            for column in range(self.table.columnCount()):
                cell = self._cell(index, column)
                cell.setBackground(QBrush(QColor(alert_colour()).lighter(185)))
                cell.setToolTip(self.tr("Needs checking: {why}").format(why=reasons))

    def _cell(self, index: int, column: int) -> QTableWidgetItem:
        """The item of a cell (`_append` gives every cell one)."""
        item = self.table.item(index, column)
        assert item is not None
        return item

    def _row(self, index: int) -> ResultRow | None:
        return self._cell(index, KEEP).data(Qt.ItemDataRole.UserRole)

    def _unsure(self, index: int) -> bool:
        row = self._row(index)
        return row is None or row.needs_review

    def _first_unsure(self) -> int:
        return next((i for i in range(self.table.rowCount()) if self._unsure(i)), 0)

    def _edited(self, item: QTableWidgetItem) -> None:
        self._touch(item.row())

    def _touch(self, index: int) -> None:
        if index not in self._touched:
            self._touched.add(index)
            for column in range(self.table.columnCount()):
                cell = self.table.item(index, column)
                if cell is not None:
                    cell.setBackground(QBrush())
                    cell.setToolTip("")
        self._update_state()

    def _add_empty_row(self) -> None:
        self._append(None)
        index = self.table.rowCount() - 1
        self.table.setCurrentCell(index, NAME)
        self.table.editItem(self._cell(index, NAME))
        self._update_state()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on a row accepts it as read and moves to the next one to check."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress and isinstance(
                event, QKeyEvent) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and self.table.state() != QAbstractItemView.State.EditingState:
            current = self.table.currentRow()
            if current >= 0:
                self._touch(current)
                following = [i for i in range(current + 1, self.table.rowCount())
                             if self._unsure(i) and i not in self._touched]
                self.table.setCurrentCell(following[0] if following else current,
                                          self.table.currentColumn())
            return True
        return super().eventFilter(watched, event)

    def _waiting(self) -> list[int]:
        """Kept rows the reader was unsure of that the person has not touched yet."""
        return [i for i in range(self.table.rowCount())
                if self._unsure(i) and i not in self._touched
                and self._cell(i, KEEP).checkState() == Qt.CheckState.Checked]

    def _date_set(self) -> None:
        """The person chose (or confirmed, by leaving the field) the samples' date."""
        if self._date_unset:
            self._date_unset = False
            self.no_date.hide()
            self._update_state()

    def _update_state(self) -> None:
        waiting = self._waiting()
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(not waiting and not self._date_unset and self.table.rowCount() > 0)
        if self._date_unset:
            self.status.setText(self.tr("Set the date the samples were taken to save."))
        elif waiting:
            self.status.setText(self.tr(
                "%n rows still to check: correct, accept with Enter, or untick.", "",
                len(waiting)))
        else:
            kept = sum(1 for i in range(self.table.rowCount())
                       if self._cell(i, KEEP).checkState() == Qt.CheckState.Checked)
            self.status.setText(self.tr("%n results will be saved.", "", kept))

    # -- the page --------------------------------------------------------------------------
    def _show_page(self, number: int) -> None:
        if not self._pages or number == self._page_shown:
            return
        self._page_shown = number
        self.scene.clear()
        self._boxes = {}
        page = self._pages[number - 1]
        self.scene.addPixmap(page.pixmap())
        pen = QPen(QColor("#2a7de1"))
        pen.setWidth(2)
        for index in range(self.table.rowCount()):
            row = self._row(index)
            if row is None or row.page != number:
                continue
            x0, y0, x1, y1 = (v * page.scale for v in row.box)
            box = self.scene.addRect(QRectF(x0 - 2, y0 - 2, x1 - x0 + 4, y1 - y0 + 4), pen)
            if row.needs_review:
                box.setPen(QPen(QColor(alert_colour()), 2))
            self._boxes[index] = box
        self.scene.setSceneRect(0, 0, page.width, page.height)
        self._fit_width()

    def _fit_width(self) -> None:
        """The whole width of the page in view (the page scrolls up and down)."""
        rect = self.scene.sceneRect()
        if rect.width() <= 0:
            return
        viewport = self.view.viewport().width() - 4
        factor = max(viewport / rect.width(), 0.2)
        self.view.resetTransform()
        self.view.scale(factor, factor)

    def showEvent(self, event: QShowEvent) -> None:
        """Fit the page once the dialog has its size."""
        super().showEvent(event)
        QTimer.singleShot(0, self, self._fit_width)
        QTimer.singleShot(0, self, lambda: self._show_row(self.table.currentRow()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the page as wide as its pane."""
        super().resizeEvent(event)
        self._fit_width()

    def _show_row(self, index: int) -> None:
        row = self._row(index) if index >= 0 else None
        if row is None:
            return
        self._show_page(row.page)
        box = self._boxes.get(index)
        if box is not None:
            for other in self._boxes.values():
                other.setBrush(QBrush())
            box.setBrush(QBrush(QColor(42, 125, 225, 50)))
            self.view.ensureVisible(box, 40, 80)

    # -- saving ----------------------------------------------------------------------------
    def confirmed_rows(self) -> list[ConfirmedRow]:
        """The kept rows as the person left them."""
        from healthbook.knowledge import best_match

        rows = []
        for i in range(self.table.rowCount()):
            if self._cell(i, KEEP).checkState() != Qt.CheckState.Checked:
                continue
            text = {c: self._cell(i, c).text().strip() for c in range(NAME, SURE)}
            if not text[NAME] and not text[VALUE]:
                continue
            read = self._row(i)
            base = confirmed(read) if read is not None else None
            name_changed = read is None or text[NAME] != read.name
            loinc, name = (base.loinc, base.name) if base is not None else (None, text[NAME])
            if name_changed:
                found = best_match(text[NAME], kinds=["lab"])
                codes = found[0].codes.get("loinc") if len(found) == 1 else None
                loinc = codes[0] if codes else None
                name = found[0].name("en") if codes else text[NAME]
            value = parse_number(text[VALUE])
            comparator = next((c for c in ("<=", ">=", "<", ">") if text[VALUE].startswith(c)),
                              None)
            if comparator:
                value = parse_number(text[VALUE][len(comparator):])
            rows.append(ConfirmedRow(
                name, read.name if read is not None else text[NAME], loinc, value,
                text[VALUE], typed_unit(text[UNIT], read), parse_number(text[LOW]),
                parse_number(text[HIGH]),
                text[FLAG] or None, read.page if read is not None else 1,
                read.box if read is not None else None, comparator))
        return rows

    def _save(self) -> None:
        if self._waiting():
            return
        rows = self.confirmed_rows()
        document = Document(self._document.data, self._document.file_name,
                            self.date.date().toString("yyyy-MM-dd"), self._found.lab)
        person = self._person
        self.buttons.setEnabled(False)

        def work(vault: Vault, _job: Job) -> actions.Result[ImportReport]:  # on the lane
            return actions.confirm_document(vault, person, document, rows)

        def done(result: actions.Result) -> None:
            self.saved.emit(result.value)
            self.accept()

        def failed(message: str) -> None:
            self.buttons.setEnabled(True)
            self.status.setText(message)

        self._session.apply(work, owner=self, done=done, failed=failed)


def _bound(row: ResultRow, value: float | None) -> str:
    """A range bound as the report printed it ("4,20"), else in this language's digits."""
    if value is None:
        return ""
    for printed in re.findall(r"\d+(?:[.,]\d+)?", row.range_text or ""):
        if parse_number(printed) == value:
            return printed
    return format_number(value)
