"""Composition root for the desktop app: create the QApplication and show the main window."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any


def _set_icon(app: Any) -> None:
    """The window icon, from the icon set in resources/icons."""
    from PySide6.QtGui import QIcon

    from healthbook.paths import resources_dir

    icon = QIcon()
    for png in sorted((resources_dir() / "icons" / "hicolor").glob("*/apps/*.png")):
        icon.addFile(str(png))
    app.setWindowIcon(icon)


def _leave(app: Any, window: Any) -> None:
    """Close the window (locking the vault) and quit; kiosk mode lets go too."""
    window._admin_exit = True
    window.close()
    app.quit()


def _quit_on_terminate(app: Any, window: Any) -> None:
    """Log-out and `kill` send SIGTERM: lock the vault and quit cleanly (exit code 0)."""
    import signal

    from PySide6.QtCore import QTimer

    signal.signal(signal.SIGTERM, lambda _signum, _frame: _leave(app, window))
    ticker = QTimer(app)  # lets Python run its signal handlers while Qt waits for events
    ticker.timeout.connect(lambda: None)
    ticker.start(250)


def run_app(vault: Path | None = None, kiosk: bool = False, demo: bool = False,
            quit_after_start: bool = False, language: str | None = None) -> int:
    """Start the Qt event loop; returns the exit code. `language` (from `--lang`) overrides
    the one chosen in Settings for this run."""
    from PySide6.QtWidgets import QApplication

    from healthbook.clinical.units import set_unit_system
    from healthbook.preferences import Preferences
    from healthbook.ui.gc_guard import collect_on_ui_thread
    from healthbook.ui.main_window import MainWindow
    from healthbook.ui.style import STYLE
    from healthbook.ui.translations import apply_language

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)  # instance() is typed as the core application
    app.setApplicationName("Healthbook")
    app.setDesktopFileName("org.healthbook.Healthbook")
    _set_icon(app)
    app.setStyle("Fusion")
    app.setStyleSheet(STYLE)
    collect_on_ui_thread(app)
    prefs = Preferences.load()
    apply_language(language or prefs.language)
    set_unit_system(prefs.units)
    window = MainWindow(vault_path=vault, kiosk=kiosk, demo=demo, prefs=prefs)
    app.installEventFilter(window.idle)
    _quit_on_terminate(app, window)
    if kiosk:
        window.showFullScreen()
    else:
        window.show()
    if quit_after_start:  # a packaging smoke test: the window came up, now leave cleanly
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, lambda: _leave(app, window))
    return int(app.exec())
