"""The app's look: Fusion with the system palette (dark and light follow the system), and a
little spacing and hierarchy on top."""

from __future__ import annotations

STYLE = """
QLabel#title { font-size: 22pt; font-weight: 600; }
QLabel#hint { color: palette(mid); }
QLabel#warning { background: rgba(230, 160, 0, 0.16); border-radius: 6px; padding: 8px; }
QLabel#error { color: #c62828; font-weight: 600; }
QFrame#card { border: 1px solid palette(mid); border-radius: 10px; padding: 18px; }
QLabel#critical { background: #b3261e; color: white; font-weight: 600; padding: 10px 14px;
                  border-radius: 6px; }
QLabel#demo { background: rgba(31, 95, 168, 0.14); padding: 6px 12px; border-radius: 6px; }
QListWidget#nav { border: none; font-size: 11pt; }
QListWidget#nav::item { padding: 9px 14px; border-radius: 6px; }
QListWidget#nav::item:selected { background: palette(highlight);
                                 color: palette(highlighted-text); }
QGroupBox { font-weight: 600; margin-top: 14px; }
QGroupBox::title { subcontrol-origin: margin; left: 8px; padding: 0 4px; }
QGroupBox QLabel { font-weight: normal; }
"""


def alert_colour() -> str:
    """The colour for out-of-range values: dark red on light palettes, a light red on dark."""
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return "#b3261e"
    base = app.palette().color(QPalette.ColorRole.Base)
    return "#ff8a80" if base.lightness() < 128 else "#b3261e"
