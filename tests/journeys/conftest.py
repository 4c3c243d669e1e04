"""Journey fixtures: a real vault file with two people, a window on its unlock screen."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from healthbook.preferences import Preferences
from healthbook.ui.main_window import MainWindow
from tests.conftest import DATA, PASSPHRASE
from tests.ui.conftest import ui_thread_gc  # noqa: F401 - the same set-up as the app

SYNTHEA = DATA / "synthea"
CARLA = SYNTHEA / "Carla_Echevarría_9a628ccd-2a55-4331-8e68-bb58458fd674.json"  # 2005, female
CLEMENTE = SYNTHEA / "Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json"  # 1984, male
JOURNEYS = Path(__file__).resolve().parents[2] / "build" / "screenshots" / "journeys"


@pytest.fixture(scope="session")
def household_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A caregiver's vault: Mum (Carla's records) and Me (Clemente's), made once."""
    from healthbook.ingest import import_file
    from healthbook.vault import Vault

    path = tmp_path_factory.mktemp("household") / "household.vault"
    with Vault.create(path, PASSPHRASE) as vault:
        import_file(vault, vault.people.add("Mum"), CARLA)
        import_file(vault, vault.people.add("Me"), CLEMENTE)
    return path


@pytest.fixture
def household(tmp_path: Path, household_template: Path) -> Path:
    """A fresh copy of the household vault."""
    path = tmp_path / "household.vault"
    shutil.copyfile(household_template, path)
    return path


@pytest.fixture
def open_window(qtbot) -> Iterator[list[MainWindow]]:  # noqa: ANN001
    """Windows made by a test, closed at its end."""
    made: list[MainWindow] = []
    yield made
    from PySide6.QtWidgets import QApplication, QDialog

    from tests.journeys.driver import forget_pending_dialogs

    forget_pending_dialogs()
    for widget in QApplication.topLevelWidgets():  # no dialog outlives its test
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()
    for win in made:
        win._admin_exit = True
        win.close()


def make_window(qtbot, made: list[MainWindow], **kwargs: object) -> MainWindow:  # noqa: ANN001
    """A shown, active main window (1280×800) as the app opens it."""
    prefs = kwargs.pop("prefs", None) or Preferences()
    win = MainWindow(prefs=prefs, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(win)
    made.append(win)
    win.resize(1280, 800)
    with qtbot.waitActive(win):
        win.show()
        win.activateWindow()
    return win


def snap(win: QWidget, name: str) -> Path:
    """Keep a screenshot of the journey for people to look at (build/ is not in git)."""
    JOURNEYS.mkdir(parents=True, exist_ok=True)
    path = JOURNEYS / f"{name}.png"
    assert win.grab().save(str(path))
    return path
