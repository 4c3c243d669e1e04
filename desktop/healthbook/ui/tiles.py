"""The Overview's building blocks: flag chips, highlight tiles that open their detail, a grid
that reflows them with the window's width, and list cards (plain names, original wording on
hover)."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from healthbook.ui.icons import pixmap
from healthbook.ui.sparkline import Spark, Sparkline
from healthbook.ui.style import BODY, CAPTION, XS, M, S, font_points, tone


def show_when(widget: QWidget, visible: bool) -> None:
    """Show or hide a widget; one without a parent yet is only ever hidden (showing it would
    open it as a window of its own, which takes the focus from the app's window)."""
    if not visible:
        widget.hide()
    elif widget.parentWidget() is not None:
        widget.show()


class Chip(QLabel):
    """A small rounded label whose colour says what it means: 'alert', 'ok', 'old' or ''."""

    def __init__(self, text: str = "", kind: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._kind = kind
        self.setFont(font_points(CAPTION))
        self.setContentsMargins(S, 1, S, 1)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        show_when(self, bool(text))

    def set_chip(self, text: str, kind: str = "") -> None:
        """Show `text` in the colours of `kind` (hidden when empty)."""
        self._kind = kind
        self.setText(text)
        show_when(self, bool(text))
        self.update()

    @property
    def kind(self) -> str:
        """What the chip's colour means."""
        return self._kind

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(tone(self._kind)) if self._kind else \
            self.palette().color(self.foregroundRole())
        fill = QColor(colour)
        fill.setAlphaF(0.15)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        painter.setPen(colour)
        painter.setFont(self.font())
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.text())
        painter.end()


def _label(text: str = "", name: str = "", plain: bool = True) -> QLabel:
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    if plain:
        label.setTextFormat(Qt.TextFormat.PlainText)  # words from records: never markup
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return label


_NUMBER = re.compile(r"[\d][\d.,:/\u00a0\u202f]*")


def value_markup(value: str) -> str:
    """A value for the big figure: numbers large, words between them small ('6 h 52 min'
    reads as 6 and 52 with small h and min), every part escaped."""
    parts, at = [], 0
    for match in _NUMBER.finditer(value):
        words = value[at:match.start()]
        if words.strip():
            parts.append(f"<span style='font-size:{BODY}pt; font-weight:400'>"
                         f"{html.escape(words)}</span>")
        elif words:
            parts.append(html.escape(words))
        parts.append(html.escape(match.group()))
        at = match.end()
    rest = value[at:]
    if rest.strip():
        parts.append(f"<span style='font-size:{BODY}pt; font-weight:400'>"
                     f"{html.escape(rest)}</span>")
    return "".join(parts) or html.escape(value)


@dataclass(frozen=True)
class TileData:
    """What a tile shows. `target` is what it opens: ('lab', key) or ('metric', name)."""

    title: str
    value: str
    unit: str = ""
    chip: str = ""
    chip_kind: str = ""
    note: str = ""
    note_kind: str = ""  # 'old' marks a value too old to be taken as current
    icon: str = "labs"
    spark: Spark | None = None
    target: tuple[str, str] | None = None
    description: str = ""  # the whole tile in one sentence, for screen readers


class Tile(QPushButton):
    """A highlight: an icon and a name, the value large, a flag chip, a sparkline and its date.

    A real button: it takes the focus with Tab and opens its detail with Space or a click.

    Signals:
    opened(tuple): the tile's target, ('lab', key) or ('metric', name).
    """

    opened = Signal(tuple)

    def __init__(self, data: TileData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.data = data
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(M, M, M, M)
        layout.setSpacing(XS)
        head = QHBoxLayout()
        head.setSpacing(S)
        self.icon_label = _label()
        self.icon_label.setPixmap(pixmap(data.icon, 18, tone("alert") if data.chip_kind == "alert"
                                         else None))
        self.title = _label(data.title, "caption")
        self.title.setWordWrap(True)  # long names (and long languages) take a second line
        head.addWidget(self.icon_label)
        head.addWidget(self.title, 1)
        self.chip = Chip(data.chip, data.chip_kind)
        self.chip.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        head.addWidget(self.chip)
        layout.addLayout(head)
        row = QHBoxLayout()
        row.setSpacing(XS)
        self.value = _label(value_markup(data.value), "figure", plain=False)
        self.unit = _label(data.unit, "unit")
        row.addWidget(self.value)
        row.addWidget(self.unit, 0, Qt.AlignmentFlag.AlignBottom)
        row.addStretch(1)
        layout.addLayout(row)
        self.spark = Sparkline()
        self.spark.set_spark(data.spark)
        layout.addWidget(self.spark)
        self.note = _label(data.note, "caption")
        self.note.setWordWrap(True)
        if data.note_kind:
            self.note.setStyleSheet(f"color: {tone(data.note_kind)};")
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.setAccessibleName(data.title)
        self.setAccessibleDescription(data.description or
                                      " ".join(t for t in (data.value, data.unit, data.chip,
                                                           data.note) if t))
        self.setToolTip(data.description)
        self.clicked.connect(self._open)

    def _open(self) -> None:
        # A method, not a lambda: a tile is deleted as soon as it is replaced, and PySide
        # keeps a lambda's connection in an object of its own that must not outlive it.
        self.opened.emit(self.data.target or ("", ""))

    def sizeHint(self) -> QSize:
        layout = self.layout()
        return layout.sizeHint().expandedTo(QSize(200, 0)) if layout else QSize(200, 120)

    def minimumSizeHint(self) -> QSize:
        """Wide enough for the value and its unit on one line (names and notes wrap)."""
        layout = self.layout()
        margins = layout.contentsMargins() if layout else None
        row = self.value.sizeHint().width() + XS + self.unit.sizeHint().width() + \
            (margins.left() + margins.right() if margins else 0)
        return QSize(max(170, row), layout.minimumSize().height() if layout else 120)

    def text_lines(self) -> list[str]:
        """What the tile says, line by line (for tests and screen readers)."""
        return [t for t in (self.data.title, self.data.value, self.data.unit, self.data.chip,
                            self.data.note) if t]


class TileGrid(QWidget):
    """Tiles in as many columns as the width allows (at least `min_width` pixels each).

    Signals:
    opened(tuple): a tile's target.
    """

    opened = Signal(tuple)

    def __init__(self, min_width: int = 200, max_columns: int = 6,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._min_width = min_width
        self._max_columns = max_columns
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(M)
        self._tiles: list[QWidget] = []
        self._columns = 0

    @property
    def tiles(self) -> list[QWidget]:
        """The tiles shown, in order."""
        return list(self._tiles)

    def set_tiles(self, tiles: Sequence[QWidget]) -> None:
        """Replace the tiles."""
        for old in self._tiles:
            self._grid.removeWidget(old)
            old.hide()
            old.setParent(None)  # deleted with its last reference: no person's words linger
        self._tiles = list(tiles)
        for tile in self._tiles:
            if isinstance(tile, Tile):
                tile.opened.connect(self.opened)
        self._columns = 0
        self._place()

    def _place(self) -> None:
        width = self.width() if self.width() > 50 else 1000
        # Columns as narrow as `min_width`, unless a tile needs more (a long value or unit).
        need = max([self._min_width] + [t.minimumSizeHint().width() + self._grid.spacing()
                                        for t in self._tiles])
        columns = max(1, min(self._max_columns, width // need))
        if columns == self._columns:
            return
        self._columns = columns
        for tile in self._tiles:
            self._grid.removeWidget(tile)
        for i, tile in enumerate(self._tiles):
            self._grid.addWidget(tile, i // columns, i % columns)
        for c in range(self._grid.columnCount()):
            self._grid.setColumnStretch(c, 1 if c < columns else 0)
        # Keep the tab order the reading order: left to right, then down.
        for first, second in zip(self._tiles, self._tiles[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()


@dataclass(frozen=True)
class ListItem:
    """One line of a list card: the plain name, a detail, the original wording on hover."""

    text: str
    detail: str = ""
    hover: str = ""
    warning: str = ""


class ListCard(QFrame):
    """A titled card listing plain names ('Allergies · 7'), each with its original wording on
    hover, and a sentence when the list is empty."""

    def __init__(self, title: str, icon: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setAccessibleName(title)
        self._title = title
        layout = QVBoxLayout(self)
        layout.setContentsMargins(M + XS, M, M + XS, M)
        layout.setSpacing(XS)
        head = QHBoxLayout()
        head.setSpacing(S)
        self._icon_name = icon
        self.icon = QLabel()
        self.icon.setPixmap(pixmap(icon, 18))
        self.heading = QLabel(title)
        self.heading.setObjectName("heading")
        self.count = QLabel()
        self.count.setObjectName("hint")
        head.addWidget(self.icon)
        head.addWidget(self.heading)
        head.addStretch(1)
        head.addWidget(self.count)
        layout.addLayout(head)
        self._rows = QVBoxLayout()
        self._rows.setSpacing(XS)
        layout.addLayout(self._rows)
        layout.addStretch(1)
        self._items: list[ListItem] = []
        self._labels: list[QLabel] = []

    def set_items(self, items: Sequence[ListItem], empty: str, count: str = "") -> None:
        """Show `items` (or `empty` when there are none) and `count` beside the title."""
        self.clear()
        self._items = list(items)
        self.count.setText(count)
        for item in self._items:
            row = QWidget()
            line = QVBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.setSpacing(0)
            name = QLabel(item.text)
            name.setTextFormat(Qt.TextFormat.PlainText)
            name.setWordWrap(True)
            line.addWidget(name)
            if item.detail:
                detail = QLabel(item.detail)
                detail.setTextFormat(Qt.TextFormat.PlainText)
                detail.setObjectName("caption")
                line.addWidget(detail)
            if item.warning:
                warn = QLabel(f"⚠ {item.warning}")
                warn.setTextFormat(Qt.TextFormat.PlainText)
                warn.setWordWrap(True)
                warn.setStyleSheet(f"color: {tone('alert')};")
                line.addWidget(warn)
            if item.hover:
                row.setToolTip(item.hover)
                name.setAccessibleDescription(item.hover)
            self._rows.addWidget(row)
            self._labels.append(name)
        if not self._items:
            label = QLabel(empty)
            label.setObjectName("hint")
            label.setWordWrap(True)
            self._rows.addWidget(label)
            self._labels.append(label)

    def items(self) -> list[str]:
        """Every line shown, with its detail and warning (for tests and screen readers)."""
        return [" ".join(t for t in (i.text, i.detail, i.warning) if t) for i in self._items]

    def clear(self) -> None:
        """Forget every line."""
        while self._rows.count():
            item = self._rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:  # deleted at once: no person's words linger
                widget.hide()
                widget.setParent(None)
        self._items, self._labels = [], []
        self.count.clear()

    def retint(self) -> None:
        """Redraw the icon in the current palette's text colour."""
        self.icon.setPixmap(pixmap(self._icon_name, 18))
