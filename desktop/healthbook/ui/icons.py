"""The app's line icons (resources/icons/ui/*.svg, drawn in `currentColor`), tinted to the
palette so they read in light and dark mode alike."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from healthbook.paths import resources_dir
from healthbook.ui.style import palette_colour

# Sections of the side bar -> icon names.
SECTIONS = {"Overview": "overview", "Timeline": "timeline", "Labs": "labs",
            "Wellness": "wellness", "Assistant": "assistant", "Health record": "record",
            "Import": "import", "Settings": "settings"}


@cache
def _svg(name: str) -> str:
    return (resources_dir() / "icons" / "ui" / f"{name}.svg").read_text(encoding="utf-8")


def _colour(role: QPalette.ColorRole = QPalette.ColorRole.WindowText) -> str:
    return palette_colour(role)


def pixmap(name: str, size: int = 20, colour: str | None = None) -> QPixmap:
    """The icon `name` as a pixmap of `size` logical pixels, in `colour` (the text colour)."""
    ratio = 2.0
    app = QApplication.instance()
    if app is not None and QApplication.primaryScreen() is not None:
        ratio = max(1.0, QApplication.primaryScreen().devicePixelRatio())
    return QPixmap(_render(name, size, colour or _colour(), ratio))  # a cheap shared copy


@lru_cache(maxsize=256)
def _render(name: str, size: int, colour: str, ratio: float) -> QPixmap:
    svg = _svg(name).replace("currentColor", colour)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    image = QPixmap(QSize(round(size * ratio), round(size * ratio)))
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size * ratio, size * ratio))
    painter.end()
    image.setDevicePixelRatio(ratio)
    return image


def icon(name: str, colour: str | None = None) -> QIcon:
    """The icon `name` for buttons and lists (in `colour`, and in the highlighted text's colour
    when its row is selected)."""
    result = QIcon()
    selected = _colour(QPalette.ColorRole.HighlightedText)
    for size in (16, 20, 24):
        result.addPixmap(pixmap(name, size, colour), QIcon.Mode.Normal)
        result.addPixmap(pixmap(name, size, selected), QIcon.Mode.Selected)
    return result


def follow_palette(slot: Callable[[QPalette], None]) -> None:
    """Call `slot` (a QObject's method: the connection ends with it) when the application's
    palette changes, e.g. when the system switches between light and dark."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.paletteChanged.connect(slot)


def section_icon(section: str) -> QIcon:
    """The side bar's icon for one of the main window's sections (empty if unknown)."""
    name = SECTIONS.get(section)
    return icon(name) if name else QIcon()
