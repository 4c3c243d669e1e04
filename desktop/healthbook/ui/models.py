"""Qt item models over snapshots from the core (no SQL in data(); rows are plain objects)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from healthbook.clinical.display import flag_text
from healthbook.clinical.labs import AnalyteFact
from healthbook.clinical.medications import Medication
from healthbook.clinical.ranges import Flag
from healthbook.clinical.timeline import Entry
from healthbook.clinical.units import display_unit
from healthbook.i18n import format_date, format_datetime, format_number, localise_number
from healthbook.ingest.report import format_label
from healthbook.ui.style import alert_colour
from healthbook.ui.translations import QT_TRANSLATE_NOOP
from healthbook.vault import Source

T = TypeVar("T")
RowRole = Qt.ItemDataRole.UserRole + 1  # the row's object
SortRole = Qt.ItemDataRole.UserRole + 2
FLAGGED = {Flag.HIGH, Flag.LOW, Flag.CRITICAL}
Index = QModelIndex | QPersistentModelIndex


def display_number(value: float, unit: str | None, key: str | None) -> str:
    """A result rounded the way its test is read (see healthbook.clinical.display)."""
    from healthbook.clinical.display import number as rounded

    return rounded(value, unit, key)


def number(value: float | None) -> str:
    """A value as a lab report prints it (at most 4 significant digits)."""
    return "" if value is None else localise_number(f"{value:.4g}")


def range_text(low: float | None, high: float | None) -> str:
    """'3.6–5.2', '< 100', '> 40' or ''."""
    if low is not None and high is not None:
        return f"{number(low)}–{number(high)}"
    if high is not None:
        return f"≤ {number(high)}"
    if low is not None:
        return f"≥ {number(low)}"
    return ""


class SnapshotModel(QAbstractTableModel, Generic[T]):
    """A read-only table over a list of objects; columns are (header, getter) pairs.

    Headers are written with QT_TRANSLATE_NOOP("Columns", ...) and shown translated.
    """

    columns: Sequence[tuple[str, Callable[[Any], Any]]] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []

    def set_rows(self, rows: Sequence[T]) -> None:
        """Replace the snapshot."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> T:
        """The object shown in a row."""
        return self._rows[index]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.columns):
            return QCoreApplication.translate("Columns", self.columns[section][0])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        item = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self.columns[index.column()][1](item)
            return "" if value is None else str(value)
        if role == SortRole:
            return self.sort_key(item, index.column())
        if role == RowRole:
            return item
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(item)
        return None

    def sort_key(self, item: T, column: int) -> Any:
        """What a column sorts by (its text unless a subclass knows better)."""
        value = self.columns[column][1](item)
        return "" if value is None else str(value)

    def foreground(self, item: T) -> QBrush | None:
        """A text colour for the row (None = the palette's)."""
        return None


class TimelineModel(SnapshotModel[Entry]):
    """The timeline: date, kind, what."""

    columns = ((QT_TRANSLATE_NOOP("Columns", "Date"), lambda e: format_date(e.when[:10])),
               (QT_TRANSLATE_NOOP("Columns", "Kind"), lambda e: e.title),
               (QT_TRANSLATE_NOOP("Columns", "What"), lambda e: e.text))

    def sort_key(self, item: Entry, column: int) -> Any:
        return item.when if column == 0 else super().sort_key(item, column)


class AnalyteModel(SnapshotModel[AnalyteFact]):
    """One row per analyte: latest value against its range."""

    columns = (
        (QT_TRANSLATE_NOOP("Columns", "Test"), lambda a: a.name),
        (QT_TRANSLATE_NOOP("Columns", "Latest"),
         lambda a: display_number(a.latest.value, a.unit, a.key)),
        (QT_TRANSLATE_NOOP("Columns", "Unit"), lambda a: display_unit(a.unit)),
        (QT_TRANSLATE_NOOP("Columns", "Range"),
         lambda a: range_text(a.range.low, a.range.high) if a.range else ""),
        (QT_TRANSLATE_NOOP("Columns", "Flag"),
         lambda a: flag_text(a.flag) if a.flag is not Flag.UNKNOWN else ""),
        (QT_TRANSLATE_NOOP("Columns", "Date"), lambda a: format_date(a.latest.when[:10])),
        (QT_TRANSLATE_NOOP("Columns", "Results"), lambda a: len(a.points)),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.plain: dict[str, str] = {}  # analyte key -> the library's plain name
        self.lab_names: dict[str, str] = {}  # analyte key -> the lab's own wording

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The plain name first; the lab's own wording on hover."""
        if index.isValid() and index.column() == 0 and 0 <= index.row() < len(self._rows):
            item = self._rows[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return self.plain.get(item.key, item.name)
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate("Columns", "As the lab names it: {name}").format(
                    name=self.lab_names.get(item.key, item.name))
        return super().data(index, role)

    def sort_key(self, item: AnalyteFact, column: int) -> Any:
        if column == 0:
            return self.plain.get(item.key, item.name).lower()
        if column == 1:
            return item.latest.value
        if column == 5:
            return item.latest.when
        if column == 6:
            return len(item.points)
        return super().sort_key(item, column)

    def foreground(self, item: AnalyteFact) -> QBrush | None:
        return QBrush(QColor(alert_colour())) if item.flag in FLAGGED else None


def _medication_note(med: Medication) -> str:
    """Other names the medicine is listed under, and who entered it by hand."""
    notes = []
    if med.listed_twice:
        notes.append(QCoreApplication.translate("Columns", "Listed as {names}").format(
            names=", ".join(med.names)))
    if med.entered_by:
        notes.append(QCoreApplication.translate("Columns", "entered by {name}").format(
            name=med.entered_by))
    return "; ".join(notes)


class MedicationModel(SnapshotModel[Medication]):
    """The medication list."""

    columns = (
        (QT_TRANSLATE_NOOP("Columns", "Medication"), lambda m: m.name),
        (QT_TRANSLATE_NOOP("Columns", "Status"),
         lambda m: QCoreApplication.translate("Columns", "current") if m.current else
         QCoreApplication.translate("Columns", "stopped")),
        (QT_TRANSLATE_NOOP("Columns", "Since"), lambda m: format_date(m.started)),
        (QT_TRANSLATE_NOOP("Columns", "Last listed"), lambda m: format_date(m.last_seen)),
        (QT_TRANSLATE_NOOP("Columns", "How to take"), lambda m: m.dosage or ""),
        (QT_TRANSLATE_NOOP("Columns", "Note"), lambda m: _medication_note(m)),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.warnings: dict[str, str] = {}  # medicine name -> an allergy clash to ask about

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The note column also says when a medicine contains a recorded allergen."""
        value = super().data(index, role)
        if index.isValid() and index.column() == 5 and role in (
                Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            warning = self.warnings.get(self._rows[index.row()].name)
            if warning:
                return f"⚠ {warning}" + (f"; {value}" if value else "")
        return value

    def foreground(self, item: Medication) -> QBrush | None:
        return QBrush(QColor(alert_colour())) if item.name in self.warnings else None


class SourceModel(SnapshotModel[Source]):
    """Imports, with what each added."""

    columns = (
        (QT_TRANSLATE_NOOP("Columns", "Imported"), lambda s: format_datetime(s.imported_at)),
        (QT_TRANSLATE_NOOP("Columns", "File"), lambda s: s.file_name),
        (QT_TRANSLATE_NOOP("Columns", "Kind"), lambda s: format_label(s.format)),
        (QT_TRANSLATE_NOOP("Columns", "Records"),
         lambda s: format_number(s.records, 0, grouping=True)),
        (QT_TRANSLATE_NOOP("Columns", "Samples"),
         lambda s: format_number(s.samples, 0, grouping=True)),
    )


class TimelineFilter(QSortFilterProxyModel):
    """Filters the timeline by kind (a RecordKind value) and by text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._kind = ""
        self._text = ""

    def set_filter(self, kind: str, text: str) -> None:
        """Show only entries of `kind` (a RecordKind value; '' = all) containing `text`."""
        self.beginFilterChange()
        self._kind, self._text = kind, text.strip().lower()
        self.endFilterChange()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, TimelineModel):
            return True
        entry = model.row(row)
        return (not self._kind or entry.kind == self._kind) and (
            not self._text or self._text in entry.text.lower())
