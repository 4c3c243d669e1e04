"""The app's look: Fusion with the system palette (dark and light follow the system), one
spacing scale, one type scale and a few colours for meaning, on top.

Views take their sizes from here (never a bare number of pixels or points), so every screen
keeps the same rhythm; colours that carry meaning (out of range, in range, old) come from
`tone()`, which picks the variant that reads on the current palette.
"""

from __future__ import annotations

from typing import Any

# Spacing scale, in pixels (scaled by Qt with the screen): between words, items, groups, areas.
XS, S, M, L, XL, XXL = 4, 8, 12, 16, 24, 32
# Type scale, in points: notes, body text, section headings, page titles, headline figures.
CAPTION, BODY, HEADING, TITLE, FIGURE = 9, 10, 12, 16, 20
RADIUS = 10  # corners of cards and tiles
NAV_WIDTH = 200

# Meaningful colours: (on a light palette, on a dark one).
TONES = {
    "alert": ("#b3261e", "#ff8a80"),  # outside the range, critical
    "ok": ("#2e7d32", "#81c784"),  # inside the range
    "old": ("#8a5a00", "#ffcc80"),  # a value too old to be taken as current
    "info": ("#1f5fa8", "#7cb2ff"),  # charts' lines, links
}

STYLE = f"""
QLabel#title {{ font-size: {TITLE + 6}pt; font-weight: 600; }}
QLabel#pageTitle {{ font-size: {TITLE}pt; font-weight: 600; }}
QLabel#heading {{ font-size: {HEADING}pt; font-weight: 600; }}
QLabel#hint, QLabel#caption {{ color: palette(placeholder-text); }}
QLabel#caption {{ font-size: {CAPTION}pt; }}
QLabel#figure {{ font-size: {FIGURE}pt; font-weight: 600; }}
QLabel#unit {{ color: palette(placeholder-text); font-size: {BODY}pt; }}
QLabel#warning {{ background: rgba(230, 160, 0, 0.16); border-radius: 6px; padding: {S}px; }}
QLabel#error {{ color: #c62828; font-weight: 600; }}
QFrame#card {{ border: 1px solid palette(midlight); border-radius: {RADIUS}px;
               background: palette(base); }}
QFrame#card[selected="true"] {{ border: 2px solid palette(highlight); }}
QPushButton#tile {{ border: 1px solid palette(midlight); border-radius: {RADIUS}px;
                    background: palette(base); text-align: left; padding: 0; }}
QPushButton#tile:hover {{ border: 1px solid palette(highlight); }}
QPushButton#tile:focus {{ border: 2px solid palette(highlight); }}
QPushButton#tile:pressed {{ background: palette(alternate-base); }}
QPushButton#link {{ border: none; background: transparent; color: palette(link);
                    text-align: left; padding: {XS}px 0; }}
QPushButton#link:hover, QPushButton#link:focus {{ text-decoration: underline; }}
QPushButton#segment {{ border: 1px solid palette(mid); border-radius: 0; padding: {XS}px {M}px;
                       background: palette(base); }}
QPushButton#segment:checked {{ background: palette(highlight); color: palette(highlighted-text);
                               border-color: palette(highlight); }}
QPushButton#segment:focus {{ border: 2px solid palette(highlight); }}
QPushButton#segment[first="true"] {{ border-top-left-radius: 6px;
                                     border-bottom-left-radius: 6px; }}
QPushButton#segment[last="true"] {{ border-top-right-radius: 6px;
                                    border-bottom-right-radius: 6px; }}
QLabel#critical {{ background: #b3261e; color: white; font-weight: 600; padding: 10px 14px;
                   border-radius: 6px; }}
QLabel#demo {{ background: rgba(31, 95, 168, 0.14); padding: 6px 12px; border-radius: 6px; }}
QLabel#charttip {{ background: palette(base); color: palette(text);
                   border: 1px solid palette(mid); border-radius: 6px; padding: {XS}px {S}px; }}
QListWidget#nav {{ border: none; font-size: 11pt; background: transparent; }}
QListWidget#nav::item {{ padding: {S}px {M}px; border-radius: 6px; margin: 1px 0; }}
QListWidget#nav::item:selected {{ background: palette(highlight);
                                 color: palette(highlighted-text); }}
QTableView#labs {{ border: none; }}
QGroupBox {{ font-weight: 600; margin-top: 14px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 8px; padding: 0 4px; }}
QGroupBox QLabel {{ font-weight: normal; }}
"""


_colours: dict[Any, str] = {}  # palette role -> colour name, until the palette changes
_listening: list[bool] = []


def palette_colour(role: Any) -> str:
    """The application palette's colour for `role` ('#rrggbb'), cached (reading the palette
    copies it, and sparklines ask on every paint) until the palette changes."""
    if role not in _colours:
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return "#000000"
        if not _listening:
            app.paletteChanged.connect(_forget_colours)
            _listening.append(True)
        _colours[role] = QApplication.palette().color(role).name()
    return _colours[role]


def _forget_colours(*_args: Any) -> None:
    _colours.clear()


def is_dark() -> bool:
    """True when the application's palette is a dark one."""
    from PySide6.QtGui import QColor, QPalette

    return QColor(palette_colour(QPalette.ColorRole.Base)).lightness() < 128


def tone(name: str) -> str:
    """The colour that means `name` ('alert', 'ok', 'old', 'info') on the current palette."""
    light, dark = TONES[name]
    return dark if is_dark() else light


def alert_colour() -> str:
    """The colour for out-of-range values: dark red on light palettes, a light red on dark."""
    return tone("alert")


def chart_theme() -> Any:
    """The charts' theme (healthbook.reports.plot) for the current palette: the same chart as
    on paper, on this window's own background and text colours."""
    from dataclasses import replace

    from PySide6.QtGui import QPalette

    from healthbook.reports.plot import DARK, LIGHT

    base = DARK if is_dark() else LIGHT
    role = QPalette.ColorRole
    return replace(base, background=palette_colour(role.Base), ink=palette_colour(role.Text))


def font_points(size: int, base: Any = None) -> Any:
    """A copy of `base` (the application font) at one of the type scale's sizes."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    font = QFont(base if base is not None else QApplication.font())
    font.setPointSizeF(size)
    return font
