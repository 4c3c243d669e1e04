"""The Labs list: tests grouped by panel (blood count, kidneys, liver, lipids...), each row
the plain name with the date under it, the latest value, a flag chip and a sparkline; a
search filter.

The panel comes from the knowledge library's entry for the test (`Entry.panel`); tests the
library does not explain go under "Other tests". Rows are snapshots (no SQL in data()).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from healthbook.clinical.display import age, quantity
from healthbook.clinical.labs import AnalyteFact
from healthbook.clinical.ranges import Flag
from healthbook.i18n import current_language
from healthbook.knowledge import Entry, for_stored
from healthbook.ui.formatting import date_with_age, local_date
from healthbook.ui.models import RowRole
from healthbook.ui.sparkline import Spark, paint_spark
from healthbook.ui.style import tone

Index = QModelIndex | QPersistentModelIndex
SectionRole = Qt.ItemDataRole.UserRole + 10  # True on a panel's title row
SparkRole = Qt.ItemDataRole.UserRole + 11  # a Spark for the trend column
ChipRole = Qt.ItemDataRole.UserRole + 12  # (text, kind) for the flag column
SearchRole = Qt.ItemDataRole.UserRole + 13  # every name a search may match
WhenRole = Qt.ItemDataRole.UserRole + 14  # the line under a test's name: its date and age
FLAGGED = (Flag.HIGH, Flag.LOW, Flag.CRITICAL)
TEST, LATEST, FLAG, TREND = range(4)
COLUMNS = 4
ROW_HEIGHT = 44  # a name and its date
# Panels in the order a lab report prints them; unknown panels come last, before "other".
PANEL_ORDER = ("vitals", "body", "blood-count", "metabolic", "electrolytes", "kidney", "liver",
               "lipids", "diabetes", "thyroid", "iron", "vitamins", "coagulation",
               "inflammation", "cardiac", "hormones", "urinalysis", "pregnancy", "prostate",
               "infection", "other")


def _tr(text: str) -> str:
    return QCoreApplication.translate("LabRows", text)


def panel_title(panel: str) -> str:
    """A panel's name as people read it."""
    titles = {
        "vitals": _tr("Vital signs"), "body": _tr("Body measurements"),
        "blood-count": _tr("Blood count"), "metabolic": _tr("Metabolic panel"),
        "electrolytes": _tr("Salts and minerals (electrolytes)"), "kidney": _tr("Kidneys"),
        "liver": _tr("Liver"), "lipids": _tr("Cholesterol and fats (lipids)"),
        "diabetes": _tr("Blood sugar (diabetes)"), "thyroid": _tr("Thyroid"),
        "iron": _tr("Iron"), "vitamins": _tr("Vitamins"),
        "coagulation": _tr("Blood clotting"), "inflammation": _tr("Inflammation"),
        "urinalysis": _tr("Urine tests"), "cardiac": _tr("Heart"),
        "hormones": _tr("Hormones"), "pregnancy": _tr("Pregnancy"),
        "prostate": _tr("Prostate"), "infection": _tr("Infections"),
        "other": _tr("Other tests"),
    }
    return titles.get(panel, titles["other"])


def flag_chip(flag: Flag) -> tuple[str, str]:
    """A flag as a chip: (text, kind)."""
    if flag is Flag.CRITICAL:
        return _tr("Critical"), "alert"
    if flag is Flag.HIGH:
        return _tr("High"), "alert"
    if flag is Flag.LOW:
        return _tr("Low"), "alert"
    if flag is Flag.NORMAL:
        return _tr("Normal"), "ok"
    return "", ""


def analyte_entries(analytes: Sequence[AnalyteFact], records: Mapping[Any, Any]
                    ) -> dict[str, Entry]:
    """The knowledge library's entry for each analyte (by key), found from its latest record."""
    found: dict[str, Entry] = {}
    for fact in analytes:
        stored = records.get(fact.latest.record_id)
        entry = for_stored(stored.record, "observation") if stored is not None else None
        if entry is not None:
            found[fact.key] = entry
    return found


def spark_of(fact: AnalyteFact) -> Spark:
    """An analyte's results as a sparkline."""
    return Spark([p.value for p in fact.points],
                 fact.range.low if fact.range else None, fact.range.high if fact.range else None,
                 [p.flag in FLAGGED for p in fact.points])


@dataclass(frozen=True)
class LabRow:
    """A panel's title (fact None) or one test."""

    panel: str
    fact: AnalyteFact | None = None
    plain: str = ""
    lab_name: str = ""
    synonyms: tuple[str, ...] = ()
    count: int = 0  # a title row: how many tests the panel holds


def build_rows(analytes: Sequence[AnalyteFact], entries: dict[str, Entry],
               lab_names: dict[str, str]) -> list[LabRow]:
    """Title rows and test rows, panel by panel, tests by plain name within a panel."""
    by_panel: dict[str, list[LabRow]] = {}
    for fact in analytes:
        entry = entries.get(fact.key)
        panel = entry.panel if entry is not None and entry.panel else "other"
        text = entry.text(current_language()) if entry is not None else None
        by_panel.setdefault(panel, []).append(LabRow(
            panel, fact, entry.name(current_language()) if entry is not None else fact.name,
            lab_names.get(fact.key, fact.name), text.synonyms if text else ()))
    order = {p: i for i, p in enumerate(PANEL_ORDER)}
    rows: list[LabRow] = []
    for panel in sorted(by_panel, key=lambda p: (order.get(p, len(order) - 1.5), p)):
        tests = sorted(by_panel[panel], key=lambda r: r.plain.lower())
        rows.append(LabRow(panel, count=len(tests)))
        rows.extend(tests)
    return rows


class LabRowsModel(QAbstractTableModel):
    """Panels and their tests, in four columns: test (and date), latest, flag, trend."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[LabRow] = []

    def headers(self) -> list[str]:
        """The column titles."""
        return [_tr("Test"), _tr("Latest"), _tr("Flag"), _tr("Trend")]

    def set_rows(self, rows: Sequence[LabRow]) -> None:
        """Replace the snapshot."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> LabRow:
        """The row object at `index`."""
        return self._rows[index]

    def analyte_count(self) -> int:
        """How many tests (not panel titles) are listed."""
        return sum(r.fact is not None for r in self._rows)

    def row_of(self, key: str) -> int:
        """The row of the test with analyte key `key` (-1 when absent)."""
        return next((i for i, r in enumerate(self._rows)
                     if r.fact is not None and r.fact.key == key), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < COLUMNS:
            return self.headers()[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()].fact is None:
            return Qt.ItemFlag.ItemIsEnabled  # a panel's title: not selectable
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == SectionRole:
            return row.fact is None
        if role == SearchRole:
            return " ".join((row.plain, row.lab_name, *row.synonyms)).lower()
        fact = row.fact
        if fact is None:
            return self._title_data(row, column, role)
        if role == RowRole:
            return fact
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, fact, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, fact, column)
        if role == WhenRole and column == TEST:
            when, _old = date_with_age(fact.latest.when)
            return when
        if role == ChipRole and column == FLAG:
            return flag_chip(fact.flag)
        if role == SparkRole and column == TREND:
            return spark_of(fact) if len(fact.points) > 1 else None
        if role == Qt.ItemDataRole.ForegroundRole and column == LATEST and \
                fact.flag in FLAGGED:
            return QColor(tone("alert"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == LATEST:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _title_data(self, row: LabRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and column == TEST:
            return panel_title(row.panel)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, row: LabRow, fact: AnalyteFact, column: int) -> str:
        if column == TEST:
            return row.plain
        if column == LATEST:
            key = fact.key if "|" not in fact.key else None
            return quantity(fact.latest.value, fact.unit, key)
        if column == FLAG:
            return flag_chip(fact.flag)[0]
        return ""

    def _tooltip(self, row: LabRow, fact: AnalyteFact, column: int) -> str:
        if column == TEST:
            return "\n".join((
                _tr("As the lab names it: {name}").format(name=row.lab_name),
                _tr("Latest result: {date} ({age})").format(
                    date=local_date(fact.latest.when), age=age(fact.latest.when))))
        if column == TREND:
            n = len(fact.points)
            return QCoreApplication.translate("LabRows", "%n results", "", n)
        return self._text(row, fact, column)


class LabFilter(QSortFilterProxyModel):
    """Keeps the tests whose names contain the search text, and their panels' titles."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._text = ""

    def set_text(self, text: str) -> None:
        """Show only tests matching `text` ('' shows all)."""
        self.beginFilterChange()
        self._text = text.strip().lower()
        self.endFilterChange()

    def _matches(self, model: LabRowsModel, row: int) -> bool:
        return self._text in str(model.index(row, 0).data(SearchRole))

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        model = self.sourceModel()
        if not self._text or not isinstance(model, LabRowsModel):
            return True
        if model.row(row).fact is not None:
            return self._matches(model, row)
        following = row + 1  # a title stays when one of its panel's tests matches
        while following < model.rowCount() and model.row(following).fact is not None:
            if self._matches(model, following):
                return True
            following += 1
        return False


class LabDelegate(QStyledItemDelegate):
    """Paints the flag column as a chip and the trend column as a sparkline."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        when = index.data(WhenRole) if index.column() == TEST else None
        if when:
            self._paint_name(painter, option, index, when)
            return
        chip = index.data(ChipRole) if index.column() == FLAG else None
        spark = index.data(SparkRole) if index.column() == TREND else None
        if chip is None and spark is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = QRectF(option.rect)
        if spark is not None:
            selected = bool(option.state & QStyle.StateFlag.State_Selected)
            line = opt.palette.highlightedText().color() if selected else None
            paint_spark(painter, rect.adjusted(6, 4, -6, -4), spark, line)
            return
        text, kind = chip if chip is not None else ("", "")
        if not text:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = option.fontMetrics
        width = metrics.horizontalAdvance(text) + 16
        height = metrics.height() + 4
        box = QRectF(rect.left() + 6, rect.center().y() - height / 2, width, height)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        colour = opt.palette.highlightedText().color() if selected else QColor(tone(kind))
        fill = QColor(colour)
        fill.setAlphaF(0.22 if selected else 0.16)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(box, height / 2, height / 2)
        painter.setPen(colour)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def _paint_name(self, painter: QPainter, option: QStyleOptionViewItem, index: Index,
                    when: str) -> None:
        """The plain name, and under it the date in a smaller, quieter type."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = opt.palette
        ink = palette.highlightedText().color() if selected else palette.text().color()
        quiet = QColor(ink)
        quiet.setAlphaF(0.85 if selected else 0.6)
        rect = QRectF(option.rect).adjusted(6, 3, -4, -3)
        half = rect.height() / 2
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(ink)
        name = opt.fontMetrics.elidedText(str(index.data()), Qt.TextElideMode.ElideRight,
                                          int(rect.width()))
        painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), half + 2),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), name)
        small = QFont(opt.font)
        small.setPointSizeF(max(7.0, opt.font.pointSizeF() * 0.88))
        painter.setFont(small)
        painter.setPen(quiet)
        painter.drawText(QRectF(rect.left(), rect.top() + half + 1, rect.width(), half),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), when)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        if index.column() == TREND:
            return QSize(max(size.width(), 96), max(size.height(), ROW_HEIGHT))
        return QSize(size.width() + 12, max(size.height(), ROW_HEIGHT))
