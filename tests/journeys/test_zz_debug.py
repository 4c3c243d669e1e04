import shutil
from pathlib import Path
from tests.journeys.conftest import CLEMENTE, make_window
from tests.journeys.test_kiosk_visitors import kiosk_prefs, open_export
from tests.journeys.driver import click
from tests.journeys.test_household import go_to


def test_dbg(qtbot, tmp_path: Path, open_window) -> None:  # noqa: ANN001
    folder = tmp_path / "usb"
    folder.mkdir()
    shutil.copy(CLEMENTE, folder / "mine.json")
    win = make_window(qtbot, open_window, kiosk=True, prefs=kiosk_prefs(folder))
    open_export(qtbot, win, "mine.json")
    go_to(qtbot, win, "Assistant")
    page = win.views["Assistant"]
    click(qtbot, page.prep_button)
    try:
        qtbot.waitUntil(lambda: page.sheet_button.isEnabled(), timeout=60_000)
    finally:
        from tests.journeys.driver import visible_texts
        print("TEXTS", [t[:300] for t in visible_texts([page])][-25:])
