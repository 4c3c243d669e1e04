"""Keyboard use, names for assistive technology, and a dark palette."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from healthbook.ui.main_window import PAGES, MainWindow
from tests.ui.conftest import WAIT, shoot, wait_for_data

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QSpinBox, QAbstractItemView)


def _unnamed(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or widget.objectName().startswith("qt_"):
            continue
        if type(widget).__module__.startswith("matplotlib"):
            continue  # the chart toolbar's buttons carry matplotlib's own tooltips
        parent = widget.parent()
        if isinstance(widget, QHeaderView) or isinstance(parent, QLineEdit) or (
                parent is not None and parent.metaObject().className()
                == "QComboBoxPrivateContainer"):
            continue  # Qt's own parts: header sections, a line edit's clear button, popups
        text = widget.text() if isinstance(widget, QAbstractButton | QLineEdit) else ""
        if not (widget.accessibleName() or text or widget.toolTip()
                or (isinstance(widget, QLineEdit) and widget.placeholderText())):
            missing.append(f"{type(widget).__name__} in {type(widget.parent()).__name__}")
    return missing


def test_every_control_has_a_name(qtbot, demo: MainWindow) -> None:  # noqa: ANN001
    for page in PAGES:
        demo.show_page(page)
        qtbot.wait(30)
    assert _unnamed(demo) == []


def test_the_app_works_from_the_keyboard(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    unlock = window.unlock_view
    unlock.demo.setFocus()
    qtbot.keyClick(unlock.demo, Qt.Key.Key_Space)  # Try the demo
    wait_for_data(qtbot, window)
    window.nav.setFocus()
    window.nav.setCurrentRow(0)
    for expected in PAGES[1:]:
        qtbot.keyClick(window.nav, Qt.Key.Key_Down)
        assert window.pages.currentWidget() is window.views[expected]
    window.show_page("Timeline")
    timeline = window.views["Timeline"]
    timeline.search.setFocus()
    qtbot.keyClicks(timeline.search, "allerg")
    assert 0 < timeline.proxy.rowCount() < timeline.model.rowCount()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # lock
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 0, timeout=WAIT)


def test_dark_palette_is_followed(qtbot) -> None:  # noqa: ANN001
    """A system dark theme gives the app its palette at start-up; the app must follow it."""
    app = QApplication.instance()
    light = app.palette()
    dark = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#1e1f22"),
                         (QPalette.ColorRole.WindowText, "#e6e6e6"),
                         (QPalette.ColorRole.Base, "#2b2d30"),
                         (QPalette.ColorRole.AlternateBase, "#313335"),
                         (QPalette.ColorRole.Text, "#e6e6e6"),
                         (QPalette.ColorRole.Button, "#2b2d30"),
                         (QPalette.ColorRole.ButtonText, "#e6e6e6"),
                         (QPalette.ColorRole.Highlight, "#3574f0"),
                         (QPalette.ColorRole.HighlightedText, "#ffffff")):
        dark.setColor(role, QColor(colour))
    app.setPalette(dark)
    try:
        from healthbook.preferences import Preferences

        win = MainWindow(demo=True, prefs=Preferences())
        qtbot.addWidget(win)
        win.resize(1280, 800)
        win.show()
        qtbot.mouseClick(win.unlock_view.demo, Qt.MouseButton.LeftButton)
        wait_for_data(qtbot, win)
        image = win.grab().toImage()
        background = image.pixelColor(image.width() - 5, image.height() // 2)
        assert background.lightness() < 80  # the window really is dark
        shoot(win, "30-dark-overview")
        win.show_page("Labs")
        qtbot.wait(50)
        shoot(win, "31-dark-labs")
        win.close()
    finally:
        app.setPalette(light)
