"""UI fixtures: the main window, opened on the demo or on a real vault."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from healthbook.preferences import Preferences
from healthbook.ui.main_window import MainWindow
from healthbook.ui.style import STYLE

SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
WAIT = 30_000


@pytest.fixture(scope="session", autouse=True)
def ui_thread_gc(qapp) -> Iterator[None]:  # noqa: ANN001
    """As in the app: cycles are collected on the UI thread only."""
    import gc

    from healthbook.ui.gc_guard import collect_on_ui_thread

    timer = collect_on_ui_thread(qapp)
    qapp.setStyle("Fusion")  # as run_app() sets them up
    qapp.setStyleSheet(STYLE)
    yield
    timer.stop()
    gc.enable()


@pytest.fixture
def window(qtbot, qapp) -> Iterator[MainWindow]:  # noqa: ANN001 - pytest-qt fixtures
    """A shown main window on the unlock screen."""
    win = MainWindow(demo=True, prefs=Preferences())
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    win.close()


def wait_for_data(qtbot, win: MainWindow) -> None:  # noqa: ANN001
    """Wait until the selected person's snapshot has been computed and shown."""
    qtbot.waitUntil(lambda: win.session.data is not None and not win.session.lane.busy,
                    timeout=WAIT)


@pytest.fixture
def demo(qtbot, window: MainWindow) -> MainWindow:  # noqa: ANN001
    """The main window showing the demo person."""
    qtbot.mouseClick(window.unlock_view.demo, _left())
    wait_for_data(qtbot, window)
    return window


def _left():  # noqa: ANN202
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def shoot(win: MainWindow, name: str) -> Path:
    """Save a screenshot for people to look at (build/ is not in git)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    assert win.grab().save(str(path))
    return path
