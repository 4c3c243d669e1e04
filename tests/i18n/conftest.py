"""Fixtures for the translation tests: compiled catalogues, the pseudo-locale, a language
switch that is undone after each test, and the demo window in a chosen language."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from healthbook.preferences import Preferences
from tests.i18n import pseudo
from tests.ui.conftest import WAIT, ui_thread_gc  # noqa: F401 - the same set-up as the app

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "build" / "screenshots"


@pytest.fixture(scope="session")
def qm_built() -> None:
    """The .qm catalogues, compiled when missing or older than their .ts (`make i18n` does
    the same; this lets `pytest tests/i18n` run on its own)."""
    tools = pseudo.tools
    stale = [ts for ts in tools.CATALOGUES.glob("healthbook_*.ts")
             if not ts.with_suffix(".qm").exists() or
             ts.with_suffix(".qm").stat().st_mtime < ts.stat().st_mtime]
    if stale:
        tools.build()


@pytest.fixture(scope="session")
def pseudo_language(tmp_path_factory: pytest.TempPathFactory, qm_built: None) -> str:
    """The pseudo-locale, built from the sources' English strings now; its code."""
    from healthbook import i18n
    from healthbook.ui.translations import register_catalogue

    i18n.register(pseudo.CODE, pseudo.gettext_catalogue(), formats="en")
    register_catalogue(pseudo.CODE, pseudo.qt_catalogue(tmp_path_factory.mktemp("pseudo")))
    return pseudo.CODE


@pytest.fixture
def switch(qapp, qm_built: None) -> Iterator[Callable[[str], str]]:  # noqa: ANN001
    """Switch the app's language (core and Qt); English again after the test."""
    from healthbook.clinical.units import set_unit_system
    from healthbook.ui.translations import apply_language

    yield apply_language
    apply_language("en")
    set_unit_system("")


def open_demo(qtbot, language: str) -> object:  # noqa: ANN001
    """A shown main window in `language`, on the demo person."""
    from healthbook.ui.main_window import MainWindow
    from healthbook.ui.translations import apply_language

    apply_language(language)
    win = MainWindow(demo=True, prefs=Preferences())
    qtbot.addWidget(win)
    win.resize(1180, 760)
    win.show()
    qtbot.mouseClick(win.unlock_view.demo, _left())
    settle(qtbot, win)
    return win


def settle(qtbot, win) -> None:  # noqa: ANN001
    """Wait until the person's snapshot is shown and no vault work is running."""
    qtbot.waitUntil(lambda: win.session.data is not None and not win.session.lane.busy,
                    timeout=WAIT)
    qtbot.wait(50)


def _left():  # noqa: ANN202
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def shoot(widget, folder: str, name: str) -> Path:  # noqa: ANN001
    """Save a screenshot of a widget (build/ is not in git)."""
    out = SCREENSHOTS / folder
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}.png"
    assert widget.grab().save(str(path))
    return path


def review_screen(win, layout: str, seed: int) -> object:  # noqa: ANN001
    """The lab report review screen over a generated report, shown over the window (the
    report's rows are data, not the app's words)."""
    from healthbook.actions.documents import Document
    from healthbook.ingest.lab_report import extract
    from healthbook.ui.report_review import ReviewDialog, render_pages
    from tests.labreports.generator import make_report

    pdf = make_report(layout, seed).pdf
    name = f"{layout}.pdf"
    found = extract(pdf, file_name=name)
    review = ReviewDialog(win.session, win.session.person,
                          Document(pdf, name, found.date, found.lab), found,
                          render_pages(pdf, name, found), parent=win)
    review.show()
    return review

