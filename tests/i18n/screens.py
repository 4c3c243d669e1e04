"""Walking the app's screens and reading what they show: every visible text of a window, and
the texts that do not fit their widget."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QTabBar,
    QTableView,
    QTextEdit,
    QToolButton,
    QTreeView,
    QWidget,
)

from tests.i18n.pseudo import CLOSE, OPEN

MARKED = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
TAGS = re.compile(r"<[^>]+>")
ENTITIES = {"&nbsp;": " ", "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'"}
# Names and codes that are the same in every language.
ALLOWED = {"Healthbook", "FHIR", "PDF", "CSV", "JSON", "NDJSON", "GGUF", "XML", "CDA", "Apple",
           "Health", "Connect", "SmolLM", "Instruct", "sha", "mmHg", "bpm", "kg", "cm", "mg",
           "dL", "mmol", "mol", "µmol", "IU", "mIU", "fL", "pg", "µL", "min", "Ctrl", "lb", "in",
           "Q4_K_M", "GB", "MB", "kcal", "km", "BMI", "Hb", "WBC", "LDL", "HDL", "HbA1c", "m²",
           # The pseudo-locale writes dates and numbers the English way.
           "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}


def standard_button(widget: QWidget) -> bool:
    """A dialog's OK, Cancel, Close…: Qt's own catalogue translates them (qtbase_fr.qm)."""
    box = widget.parent()
    return isinstance(box, QDialogButtonBox) and isinstance(widget, QPushButton) and \
        box.standardButton(widget) != QDialogButtonBox.StandardButton.NoButton


def shown(widget: QWidget) -> bool:
    """True when a widget is on screen (itself and all its parents shown)."""
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


def widgets(top: QWidget) -> Iterator[QWidget]:
    """The window and every widget in it that is on screen."""
    if shown(top):
        yield top
    for child in top.findChildren(QWidget):
        if shown(child):
            yield child


def plain(text: str) -> str:
    """Rich text as the words it shows."""
    if "<" in text:
        text = TAGS.sub(" ", text)
    for entity, char in ENTITIES.items():
        text = text.replace(entity, char)
    return text


def texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    """(what, text) for every text a widget shows or says to a screen reader."""
    name = type(widget).__name__
    if widget.isWindow() and widget.windowTitle():
        yield f"{name} title", widget.windowTitle()
    if widget.toolTip():
        yield f"{name} tooltip", widget.toolTip()
    if widget.accessibleName():
        yield f"{name} accessible name", widget.accessibleName()
    if isinstance(widget, QLabel) and widget.text():
        yield name, widget.text()
    elif isinstance(widget, QAbstractButton) and widget.text() and not standard_button(widget):
        yield name, widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    elif isinstance(widget, QGroupBox) and widget.title():
        yield name, widget.title()
    elif isinstance(widget, QLineEdit) and widget.placeholderText():
        yield f"{name} placeholder", widget.placeholderText()
    elif isinstance(widget, QComboBox):
        for i in range(widget.count()):
            yield f"{name} item", widget.itemText(i)
    elif isinstance(widget, QTabBar):
        for i in range(widget.count()):
            yield f"{name} tab", widget.tabText(i)
    elif isinstance(widget, QTextEdit | QPlainTextEdit):
        yield name, widget.toPlainText()
        if widget.placeholderText():
            yield f"{name} placeholder", widget.placeholderText()
    if isinstance(widget, QListWidget) and widget.objectName() == "nav":
        for i in range(widget.count()):
            if not widget.item(i).isHidden():
                yield "section", widget.item(i).text()
    header_view = widget.horizontalHeader() if isinstance(widget, QTableView) else \
        widget.header() if isinstance(widget, QTreeView) else None
    if header_view is not None and header_view.isVisible() and widget.model() is not None:
        model = widget.model()
        for column in range(header_view.count()):
            if header_view.isSectionHidden(column):
                continue
            header = model.headerData(column, Qt.Orientation.Horizontal)
            if isinstance(header, str) and header:
                yield f"{name} header", header


def residue(text: str, data: Iterable[str]) -> str:
    """What is left of a text once the catalogue's (marked) parts, the person's own data,
    numbers, units and names that need no translation are taken away."""
    text = plain(text)
    while True:
        stripped = MARKED.sub(" ", text)
        if stripped == text:
            break
        text = stripped
    for item in data:
        if item:
            text = text.replace(item, " ")
    words = re.findall(r"[^\W\d_][\w'’.-]*", text)
    return " ".join(w for w in words if not re.search(r"\d", w) and
                    w.strip(".-'’") not in ALLOWED and len(w.strip(".-'’")) > 1)


def untranslated(top: QWidget, data: Iterable[str]) -> list[str]:
    """Texts on screen that did not go through a catalogue (in the pseudo-locale)."""
    data = sorted({d for d in data if d and len(d) > 1}, key=len, reverse=True)
    found = []
    for widget in widgets(top):
        for what, text in texts(widget):
            left = residue(text, data)
            if left:
                found.append(f"{what} {text[:90]!r}: {left[:60]!r}")
    return sorted(set(found))


def _text_width(widget: QWidget, text: str) -> int:
    if isinstance(widget, QLabel) and widget.textFormat() != Qt.TextFormat.PlainText and \
            QtGuiQt.mightBeRichText(text):
        doc = QTextDocument()
        doc.setDefaultFont(widget.font())
        doc.setDocumentMargin(0)
        doc.setHtml(text)
        return int(doc.idealWidth())
    return widget.fontMetrics().horizontalAdvance(text)


def clipped(top: QWidget) -> list[str]:
    """Single-line labels and buttons whose text is wider than the widget (and section names
    wider than the side bar)."""
    found = []
    for widget in widgets(top):
        text = ""
        room = widget.contentsRect().width()
        if isinstance(widget, QLabel) and not widget.wordWrap() and widget.text() and \
                widget.pixmap().isNull() and "<br" not in widget.text() and \
                "\n" not in widget.text():
            text = widget.text()
            room -= 2 * widget.margin() + max(widget.indent(), 0)
        elif isinstance(widget, QAbstractButton) and widget.text() and \
                not isinstance(widget, QTabBar):
            text = widget.text().replace("&", "")
            style = widget.style()
            if isinstance(widget, QCheckBox):
                room -= style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, widget) + \
                    style.pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing, None, widget)
            if isinstance(widget, QToolButton) and \
                    widget.popupMode() == QToolButton.ToolButtonPopupMode.InstantPopup and \
                    (widget.menu() is not None or widget.actions()):
                # The menu arrow is drawn over the right end of the text.
                room -= style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None,
                                          widget) - widget.contentsMargins().right()
            if not widget.icon().isNull():
                room -= widget.iconSize().width() + 4
        elif isinstance(widget, QGroupBox) and widget.title():
            text = widget.title()
        if text and _text_width(widget, text) > room:
            found.append(f"{type(widget).__name__} {plain(text)[:70]!r} needs "
                         f"{_text_width(widget, text)} px, has {room}")
        if isinstance(widget, QListWidget) and widget.objectName() == "nav":
            viewport = widget.viewport().width()
            for i in range(widget.count()):
                item = widget.item(i)
                if not item.isHidden() and widget.visualItemRect(item).width() > viewport:
                    found.append(f"section {item.text()!r} wider than the side bar")
            if widget.horizontalScrollBar().isVisible():
                found.append("the side bar scrolls sideways")
    return sorted(set(found))
