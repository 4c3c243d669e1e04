"""Kiosk mode for clinics: full screen, one visitor at a time in an in-memory vault, an admin
PIN to leave, no clipboard copies, file dialogs only in the configured folder, and idle or
"End session" wipes everything."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFileSystemModel,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from healthbook import i18n
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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
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


class InsideFolder(QSortFilterProxyModel):
    """Hides every file and folder that is not inside `folder` (typed paths included)."""

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex,
                         ) -> bool:
        model = self.sourceModel()
        path = model.filePath(model.index(row, 0, parent)) if isinstance(
            model, QFileSystemModel) else ""
        if not path:
            return False
        here = Path(path)
        # The folder's own ancestors stay so the dialog can show where it is; nothing beside.
        return here == self.folder or here.is_relative_to(self.folder) or \
            self.folder.is_relative_to(here)


def visitor_dialog(parent: QWidget, prefs: Preferences) -> QFileDialog:
    """Qt's own file dialog (not the system's) that lists only the allowed folder: a typed
    path elsewhere shows nothing, and browsing out is pulled back."""
    folder = allowed_folder(prefs).resolve()
    dialog = QFileDialog(parent, QCoreApplication.translate("Kiosk", "Open the visitor's export"),
                         str(folder))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setProxyModel(InsideFolder(folder, dialog))
    dialog.setSidebarUrls([QUrl.fromLocalFile(str(folder))])
    dialog.setHistory([])
    dialog.directoryEntered.connect(
        lambda path: dialog.setDirectory(str(folder))
        if not Path(path).resolve().is_relative_to(folder) else None)
    return dialog



OUTSIDE_FOLDER = "Only files in the kiosk's folder can be opened here. Please ask the staff."


def outside_folder() -> str:
    """Why a file outside the kiosk's folder was not opened."""
    return QCoreApplication.translate(
        "Kiosk", "Only files in the kiosk's folder can be opened here. Please ask the staff.")


def visitor_choice(dialog: QFileDialog, prefs: Preferences) -> Path | None:
    """The file picked in `dialog`, or None when it lies outside the allowed folder."""
    if not dialog.selectedFiles():
        return None
    chosen = Path(dialog.selectedFiles()[0]).resolve()
    return chosen if chosen.is_relative_to(allowed_folder(prefs).resolve()) else None


def choose_visitor_file(parent: QWidget, prefs: Preferences) -> tuple[Path | None, str]:
    """Ask for the visitor's export inside the allowed folder: (path, '') or (None, why)."""
    dialog = visitor_dialog(parent, prefs)
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted:
            return None, ""
        chosen = visitor_choice(dialog, prefs)
    finally:
        dialog.deleteLater()  # its file name field must not outlive this visitor
    return (chosen, "") if chosen is not None else (None, outside_folder())


class KioskWelcome(QWidget):
    """The kiosk's start screen.

    Signals:
        open_requested(): a visitor wants to open their export.
        demo_requested(): show the demo person.
        admin_requested(): staff want to leave kiosk mode.
        language_requested(str): the visitor chose another language (for this visit).
    """

    open_requested = Signal()
    demo_requested = Signal()
    admin_requested = Signal()
    language_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = QLabel("Healthbook")
        title.setObjectName("title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro = self.intro = QLabel()
        intro.setWordWrap(True)
        intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro.setMinimumHeight(intro.fontMetrics().lineSpacing() * 3)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # text from records: no markup
        self.error.setObjectName("error")
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error.setWordWrap(True)
        self.open = QPushButton()
        self.open.setMinimumHeight(48)
        self.open.setDefault(True)  # Enter opens the export: the screen works from the keyboard
        self.open.clicked.connect(self.open_requested.emit)
        self.demo = QPushButton()
        self.demo.clicked.connect(self.demo_requested.emit)
        self.admin = QPushButton()
        self.admin.setFlat(True)
        self.admin.clicked.connect(self.admin_requested.emit)
        # One button per other language, each named in its own language (a visitor who
        # does not read the current one still finds theirs).
        self.languages: dict[str, QPushButton] = {}
        for code in i18n.available_languages():
            button = QPushButton(i18n.language_name(code))
            button.setFlat(True)
            button.clicked.connect(lambda _checked=False, c=code: self.language_requested.emit(c))
            self.languages[code] = button
        self.open.setMinimumWidth(320)
        self.demo.setMinimumWidth(320)
        column = QWidget()
        column.setFixedWidth(560)  # word-wrapped text needs a width to wrap at
        inner = QVBoxLayout(column)
        inner.setSpacing(14)
        for widget in (title, intro, self.error):
            inner.addWidget(widget)
        for button in (self.open, self.demo):
            inner.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(column, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        bottom = QHBoxLayout()
        for button in self.languages.values():
            bottom.addWidget(button)
        bottom.addStretch(1)
        bottom.addWidget(self.admin)
        layout.addLayout(bottom)
        self.setFocusProxy(self.open)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the start screen in the current language."""
        self.intro.setText(self.tr(
            "Bring your health export on a phone or USB stick. Nothing you open here is saved: "
            "when you end the session, or after a few idle minutes, everything is wiped."))
        self.open.setText(self.tr("Open my health export…"))
        self.demo.setText(self.tr("See a demo"))
        self.admin.setText(self.tr("Staff"))
        current = i18n.current_language()
        for code, button in self.languages.items():
            button.setVisible(code != current)
            button.setAccessibleName(self.tr("Show Healthbook in {language}").format(
                language=i18n.language_name(code)))

    def showEvent(self, event: QShowEvent) -> None:
        """The main button has the focus whenever the start screen appears."""
        super().showEvent(event)
        self.open.setFocus(Qt.FocusReason.OtherFocusReason)


MIN_PIN_DIGITS = 6


def ask_pin(parent: QWidget, prompt: str) -> str | None:
    """Ask for the admin PIN (hidden input)."""
    pin, ok = QInputDialog.getText(parent, QCoreApplication.translate("Kiosk", "Staff"), prompt,
                                   QLineEdit.EchoMode.Password)
    return pin if ok else None


def pin_problem(pin: str) -> str | None:
    """Why a new staff PIN is not acceptable, or None."""
    if not pin.isdigit() or len(pin) < MIN_PIN_DIGITS:
        return QCoreApplication.translate("Kiosk", "The PIN must be at least {n} digits.").format(
            n=MIN_PIN_DIGITS)
    if len(set(pin)) == 1 or pin in "01234567890" or pin in "98765432109":
        return QCoreApplication.translate(
            "Kiosk", "That PIN is too easy to guess; avoid repeated or consecutive digits.")
    return None


def ask_new_pin(parent: QWidget) -> str | None:
    """Ask for a new staff PIN twice (at least six digits, not trivial); None if cancelled."""
    prompt = QCoreApplication.translate(
        "Kiosk", "Set the staff PIN needed to leave kiosk mode ({n} digits or more):").format(
            n=MIN_PIN_DIGITS)
    while True:
        pin = ask_pin(parent, prompt)
        if pin is None:
            return None
        problem = pin_problem(pin)
        if problem is not None:
            prompt = QCoreApplication.translate("Kiosk", "{problem} Set the staff PIN:").format(
                problem=problem)
            continue
        again = ask_pin(parent, QCoreApplication.translate("Kiosk", "Enter the same PIN again:"))
        if again is None:
            return None
        if again == pin:
            return pin
        prompt = QCoreApplication.translate("Kiosk",
                                            "The two PINs were different. Set the staff PIN:")


def _pin_key() -> Path:
    from healthbook.paths import config_dir

    return config_dir() / "kiosk-staff-pin"


def check_staff_pin(parent: QWidget, prefs: Preferences) -> tuple[bool, str]:
    """Ask for the staff PIN, slowing down guessing like the vault passphrase.

    Returns (right, message): message says why not (wrong, or wait) or is '' on cancel.
    """
    from healthbook.vault import attempts

    wait = attempts.wait_needed(_pin_key())
    if wait > 0:
        return False, i18n.ngettext(
            "Too many wrong PINs: wait {n} second, then try again.",
            "Too many wrong PINs: wait {n} seconds, then try again.", round(wait)).format(
                n=round(wait))
    pin = ask_pin(parent, QCoreApplication.translate("Kiosk", "Staff PIN:"))
    if pin is None:
        return False, ""
    right = prefs.check_kiosk_pin(pin)
    attempts.record(_pin_key(), right)
    return right, "" if right else QCoreApplication.translate("Kiosk", "That PIN is not right.")
