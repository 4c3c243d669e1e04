"""Drive the real window like a person: keys and clicks on real widgets, modal dialogs answered
as they open, and every visible text collected to check that nothing of a previous person stays.

Nothing here calls a slot: buttons are clicked, menus opened and keys typed with pytest-qt.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QMimeData,
    QModelIndex,
    QPoint,
    QPointF,
    Qt,
    QTimer,
    QUrl,
)
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from shiboken6 import isValid

LEFT = Qt.MouseButton.LeftButton
WAIT = 30_000


def click(qtbot, widget: QWidget) -> None:  # noqa: ANN001
    """A left click in the middle of a visible, enabled widget."""
    assert widget.isVisible(), f"{widget!r} is not visible"
    assert widget.isEnabled(), f"{widget!r} is disabled"
    qtbot.mouseClick(widget, LEFT, pos=widget.rect().center())


def type_text(qtbot, text: str, widget: QWidget | None = None) -> None:  # noqa: ANN001
    """Type into whatever has the keyboard focus (or into `widget`), accents included."""
    target = widget or QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    for char in text:
        if char.isascii():
            qtbot.keyClicks(target, char)
        else:  # QTest types ASCII only; a keyboard layout would send the character itself
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(target, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                         char))


def press(qtbot, key: Qt.Key, widget: QWidget | None = None,  # noqa: ANN001
          modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Press one key on the focused widget (or on `widget`)."""
    target = widget or QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClick(target, key, modifier)


_GENERATION = [0]  # bumped when a test ends: its pending dialog handlers stop


def forget_pending_dialogs() -> None:
    """Stop every dialog handler a finished test left waiting."""
    _GENERATION[0] += 1


def when_dialog(handler: Callable[[QWidget], None], kind: type = QDialog,
                timeout: float = 20.0) -> list[QWidget]:
    """Answer the next dialog (or popup menu) of `kind` with `handler` when it opens.

    Modal dialogs run their own event loop, so the handler runs from a timer inside it.
    Returns a list that holds the dialog once it was handled. If none opens in time, every
    visible modal dialog is rejected so that a test fails instead of hanging.
    """
    seen: list[QWidget] = []
    deadline = time.monotonic() + timeout
    before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    generation = _GENERATION[0]

    def candidates() -> list[QWidget]:
        if kind is QMenu:
            popup = QApplication.activePopupWidget()
            return [popup] if popup is not None else []
        found = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, kind) and w.isVisible() and id(w) not in before]
        modal = QApplication.activeModalWidget()
        if modal is not None and isinstance(modal, kind) and modal not in found:
            found.append(modal)
        return found

    def poll() -> None:
        if generation != _GENERATION[0]:
            return  # registered by a test that has ended
        found = candidates()
        if found:
            seen.append(found[-1])
            handler(found[-1])
        elif time.monotonic() < deadline:
            QTimer.singleShot(40, poll)
        else:  # give up: close what it was waiting for, so the test fails instead of hanging
            for w in QApplication.topLevelWidgets():
                if isinstance(w, kind) and isinstance(w, QDialog) and w.isVisible():
                    w.reject()

    QTimer.singleShot(40, poll)
    return seen


def choose_menu_item(qtbot, button: QWidget, text: str) -> None:  # noqa: ANN001
    """Open a button's menu with a click and pick the item by walking with the arrow keys."""
    def pick(menu: QWidget) -> None:
        assert isinstance(menu, QMenu)
        labels = [a.text() for a in menu.actions()]
        assert text in labels, labels
        for _ in range(labels.index(text) + 1):
            qtbot.keyClick(menu, Qt.Key.Key_Down)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    handled = when_dialog(pick, QMenu)
    click(qtbot, button)
    qtbot.waitUntil(lambda: bool(handled), timeout=WAIT)


def answer_file_dialog(qtbot, path: Path) -> list[QWidget]:  # noqa: ANN001
    """When Qt's file dialog opens, type `path` as the file name and press Enter."""
    def fill(dialog: QWidget) -> None:
        edit = dialog.findChild(QLineEdit, "fileNameEdit")
        assert edit is not None
        edit.setFocus()
        edit.selectAll()
        type_text(qtbot, str(path), edit)
        qtbot.keyClick(edit, Qt.Key.Key_Return)

    return when_dialog(fill, QFileDialog)


def closed(widget: QWidget) -> bool:
    """True once a window is closed (or, for one deleted on close, gone)."""
    return not isValid(widget) or not widget.isVisible()


def drop_files(window: QWidget, paths: Iterable[Path]) -> None:
    """Drop files on the window as a file manager would (Qt has no synthetic drag)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    centre = QPointF(window.rect().center())
    with warnings.catch_warnings():  # Qt 6 keeps only this (deprecated) constructor
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(centre.toPoint(), Qt.DropAction.CopyAction, mime,
                                LEFT, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted(), "the window refused the drag"
    drop = QDropEvent(centre, Qt.DropAction.CopyAction, mime, LEFT,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)


def hover(qtbot, widget: QWidget, point: QPoint) -> None:  # noqa: ANN001
    """Move the mouse over a point of a widget."""
    qtbot.mouseMove(widget, point)


def visible_texts(roots: Iterable[QWidget] | None = None) -> list[str]:
    """Every text a person could read or find in the app: labels, buttons, fields, lists,
    tables (every cell and tooltip), combo boxes, window titles, tooltips and the clipboard."""
    texts: list[str] = []
    tops = list(roots) if roots is not None else QApplication.topLevelWidgets()
    for top in tops:
        for w in [top, *top.findChildren(QWidget)]:
            texts += [w.windowTitle(), w.toolTip(), w.accessibleDescription()]
            if isinstance(w, (QLabel, QAbstractButton)):
                texts.append(w.text())
            elif isinstance(w, QLineEdit):
                texts += [w.text(), w.placeholderText()]
                completer = w.completer()
                if completer is not None and completer.model() is not None:
                    model = completer.model()
                    texts += [str(model.index(r, 0).data()) for r in range(model.rowCount())]
            elif isinstance(w, QTextEdit | QPlainTextEdit):
                texts.append(w.toPlainText())
            elif isinstance(w, QComboBox):
                texts += [w.itemText(i) for i in range(w.count())]
            elif isinstance(w, QAbstractItemView) and w.model() is not None:
                model = w.model()
                root = QModelIndex()
                columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
                for r in range(min(model.rowCount(root), 5000)):
                    for c in range(columns):
                        index = model.index(r, c)
                        texts += [str(index.data() or ""),
                                  str(index.data(Qt.ItemDataRole.ToolTipRole) or "")]
    clipboard = QApplication.clipboard()
    if clipboard is not None:
        texts.append(clipboard.text())
    return [t for t in texts if t]


def leftovers(markers: Iterable[str], roots: Iterable[QWidget] | None = None) -> list[str]:
    """The visible texts that contain any marker (case-insensitive)."""
    needles = [m.lower() for m in markers]
    return [t for t in visible_texts(roots) if any(n in t.lower() for n in needles)]
