"""Kiosk mode for clinics: full screen, one visitor at a time in an in-memory vault, an admin
PIN to leave, no clipboard copies, file dialogs only in the configured folder, and idle or
"End session" wipes everything."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from healthbook.preferences import Preferences

BLOCKED_KEYS = (QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Cut,
                QKeySequence.StandardKey.Print, QKeySequence.StandardKey.Quit,
                QKeySequence.StandardKey.Close, QKeySequence.StandardKey.Save)
# The same shortcuts spelled out: some platforms define no standard Quit or Close key.
CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
BLOCKED_COMBOS = {(Qt.Key.Key_Q, CTRL), (Qt.Key.Key_W, CTRL), (Qt.Key.Key_C, CTRL),
                  (Qt.Key.Key_X, CTRL), (Qt.Key.Key_P, CTRL), (Qt.Key.Key_S, CTRL),
                  (Qt.Key.Key_F4, ALT), (Qt.Key.Key_Tab, ALT), (Qt.Key.Key_Insert, CTRL)}


class KioskGuard(QObject):
    """Application event filter: swallows copy, print, save, quit and close shortcuts,
    Alt+F4 and Alt+Tab (inside the app; the session manager should also be locked down)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if any(event.matches(key) for key in BLOCKED_KEYS):
                return True
            mods = event.modifiers() & (CTRL | ALT)
            if (Qt.Key(event.key()), mods) in BLOCKED_COMBOS:
                return True
        return False


def clear_clipboard() -> None:
    """Forget anything a visitor might have put on the clipboard."""
    clipboard = QGuiApplication.clipboard()
    if clipboard is not None:
        clipboard.clear()


def allowed_folder(prefs: Preferences) -> Path:
    """Where kiosk file dialogs may look (the configured folder, else the home folder)."""
    folder = Path(prefs.kiosk_folder) if prefs.kiosk_folder else Path.home()
    return folder if folder.is_dir() else Path.home()


def visitor_dialog(parent: QWidget, prefs: Preferences) -> QFileDialog:
    """Qt's own file dialog (not the system's), pulled back whenever the visitor browses
    outside the allowed folder."""
    folder = allowed_folder(prefs).resolve()
    dialog = QFileDialog(parent, "Open the visitor's export", str(folder))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.directoryEntered.connect(
        lambda path: dialog.setDirectory(str(folder))
        if not Path(path).resolve().is_relative_to(folder) else None)
    return dialog


def visitor_choice(dialog: QFileDialog, prefs: Preferences) -> Path | None:
    """The file picked in `dialog`, or None when it lies outside the allowed folder."""
    if not dialog.selectedFiles():
        return None
    chosen = Path(dialog.selectedFiles()[0]).resolve()
    return chosen if chosen.is_relative_to(allowed_folder(prefs).resolve()) else None


def choose_visitor_file(parent: QWidget, prefs: Preferences) -> Path | None:
    """Ask for the visitor's export inside the allowed folder."""
    dialog = visitor_dialog(parent, prefs)
    if dialog.exec() != QFileDialog.DialogCode.Accepted:
        return None
    return visitor_choice(dialog, prefs)


class KioskWelcome(QWidget):
    """The kiosk's start screen.

    Signals:
        open_requested(): a visitor wants to open their export.
        demo_requested(): show the demo person.
        admin_requested(): staff want to leave kiosk mode.
    """

    open_requested = Signal()
    demo_requested = Signal()
    admin_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = QLabel("Healthbook")
        title.setObjectName("title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro = QLabel("Bring your health export on a phone or USB stick. Nothing you open "
                       "here is saved: when you end the session, or after a few idle minutes, "
                       "everything is wiped.")
        intro.setWordWrap(True)
        intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro.setMinimumHeight(intro.fontMetrics().lineSpacing() * 3)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # text from records: no markup
        self.error.setObjectName("error")
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error.setWordWrap(True)
        self.open = QPushButton("Open my health export…")
        self.open.setMinimumHeight(48)
        self.open.clicked.connect(self.open_requested.emit)
        self.demo = QPushButton("See a demo")
        self.demo.clicked.connect(self.demo_requested.emit)
        self.admin = QPushButton("Staff")
        self.admin.setFlat(True)
        self.admin.clicked.connect(self.admin_requested.emit)
        self.open.setMinimumWidth(320)
        self.demo.setMinimumWidth(320)
        column = QWidget()
        column.setFixedWidth(560)  # word-wrapped text needs a width to wrap at
        inner = QVBoxLayout(column)
        inner.setSpacing(14)
        for widget in (title, intro, self.error):
            inner.addWidget(widget)
        for widget in (self.open, self.demo):
            inner.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(column, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        layout.addWidget(self.admin, 0, Qt.AlignmentFlag.AlignRight)


def ask_pin(parent: QWidget, prompt: str) -> str | None:
    """Ask for the admin PIN (hidden input)."""
    pin, ok = QInputDialog.getText(parent, "Staff", prompt, QLineEdit.EchoMode.Password)
    return pin if ok else None
