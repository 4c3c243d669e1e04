"""A caregiver's afternoon: switch between Mum and Me, hover a chart, import by dropping files
(one of them another patient's), lock and unlock — nothing of one person stays on the other's
screens."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from healthbook.ui.main_window import MainWindow
from tests.conftest import PASSPHRASE
from tests.journeys.conftest import CARLA, CLEMENTE, make_window, snap
from tests.journeys.driver import (
    WAIT,
    click,
    drop_files,
    hover,
    leftovers,
    press,
    type_text,
    when_dialog,
)


def markers(path: Path, other: Path) -> list[str]:
    """Texts only this person's file holds: its name and condition/medicine names the other
    file lacks."""
    def names(p: Path) -> set[str]:
        found = set()
        for entry in json.loads(p.read_text(encoding="utf-8"))["entry"]:
            res = entry["resource"]
            concept = res.get("code") or res.get("medicationCodeableConcept") or {}
            if res["resourceType"] in {"Condition", "MedicationRequest", "AllergyIntolerance"}:
                for coding in concept.get("coding", []):
                    if coding.get("display"):
                        found.add(coding["display"].split(" (")[0])
        return found

    theirs = names(other)
    return [path.stem.split("_")[0], path.stem.split("_")[1][:6],
            *(n for n in names(path) - theirs if len(n) > 8 and
              not any(n.lower() in t.lower() for t in theirs))]


def unlock(qtbot, win: MainWindow) -> None:  # noqa: ANN001
    assert QApplication.focusWidget() is win.unlock_view.passphrase
    type_text(qtbot, PASSPHRASE)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.session.data is not None and not win.session.lane.busy,
                    timeout=WAIT)


def choose_person(qtbot, win: MainWindow, name: str) -> None:  # noqa: ANN001
    """Pick a person in the header's combo box with the keyboard."""
    box = win.person_box
    box.setFocus()
    target = box.findText(name)
    while box.currentIndex() != target:
        press(qtbot, Qt.Key.Key_Down if box.currentIndex() < target else Qt.Key.Key_Up, box)
    qtbot.waitUntil(lambda: win.session.data is not None and
                    win.session.data.person.name == name and not win.session.lane.busy,
                    timeout=WAIT)
    qtbot.wait(50)


def go_to(qtbot, win: MainWindow, page: str) -> None:  # noqa: ANN001
    """Click a section in the sidebar."""
    from healthbook.ui.main_window import PAGES

    item = win.nav.item(PAGES.index(page))
    rect = win.nav.visualItemRect(item)
    qtbot.mouseClick(win.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert win.pages.currentWidget() is win.views[page]


def hover_first_point(qtbot, win: MainWindow) -> str:  # noqa: ANN001
    """Move the mouse onto the first point of the Labs chart; returns the source line."""
    labs = win.views["Labs"]
    qtbot.waitUntil(lambda: labs.canvas is not None, timeout=WAIT)
    canvas = labs.canvas.canvas
    canvas.draw()
    ax = labs.canvas.figure.axes[0]
    x, y = ax.transData.transform(ax.lines[0].get_xydata()[0])
    ratio = canvas.devicePixelRatioF()
    point = QPoint(int(x / ratio), int(canvas.height() - y / ratio))
    hover(qtbot, canvas, point)
    qtbot.waitUntil(lambda: "from" in labs.source.text(), timeout=WAIT)
    return labs.source.text()


def test_switching_person_leaves_nothing_behind(qtbot, household: Path,  # noqa: ANN001
                                                open_window) -> None:  # noqa: ANN001
    win = make_window(qtbot, open_window, vault_path=household)
    unlock(qtbot, win)
    choose_person(qtbot, win, "Mum")
    go_to(qtbot, win, "Labs")
    line = hover_first_point(qtbot, win)
    assert "Carla" in line
    snap(win, "10-mum-labs-hovered")
    go_to(qtbot, win, "Import")
    drop_files(win, [CARLA])  # again: nothing new, but the report names her file
    qtbot.waitUntil(lambda: "Carla" in win.views["Import"].report.toPlainText(), timeout=WAIT)
    mum = markers(CARLA, CLEMENTE)
    go_to(qtbot, win, "Timeline")
    type_text(qtbot, mum[2][:12], win.views["Timeline"].search)
    go_to(qtbot, win, "Assistant")
    type_text(qtbot, f"what is {mum[2]}?", win.views["Assistant"].question)
    choose_person(qtbot, win, "Me")
    for page in ("Overview", "Timeline", "Labs", "Wellness", "Assistant", "Health record",
                 "Import"):
        go_to(qtbot, win, page)
        qtbot.wait(20)
        assert leftovers(mum, [win]) == [], f"Mum's data is still on {page}"
    snap(win, "11-me-after-mum")


def test_lock_leaves_nothing_behind(qtbot, household: Path, open_window) -> None:  # noqa: ANN001
    win = make_window(qtbot, open_window, vault_path=household)
    unlock(qtbot, win)
    go_to(qtbot, win, "Labs")
    hover_first_point(qtbot, win)
    press(qtbot, Qt.Key.Key_L, win, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: win.stack.currentIndex() == 0, timeout=WAIT)
    everyone = [*markers(CARLA, CLEMENTE), *markers(CLEMENTE, CARLA)]
    assert leftovers(everyone) == []
    assert QApplication.focusWidget() is win.unlock_view.passphrase
    snap(win, "12-locked")
    unlock(qtbot, win)


def test_another_patients_file_is_not_merged_without_asking(qtbot, household: Path,  # noqa: ANN001
                                                            open_window) -> None:  # noqa: ANN001
    win = make_window(qtbot, open_window, vault_path=household)
    unlock(qtbot, win)
    choose_person(qtbot, win, "Mum")
    before = len(win.session.data.records)
    go_to(qtbot, win, "Import")
    questions: list[str] = []

    def refuse(box) -> None:  # noqa: ANN001
        questions.append(box.text())
        snap(win, "13-another-patient-asked")
        press(qtbot, Qt.Key.Key_Return, box)  # the default answer is "Don't import"

    asked = when_dialog(refuse, QMessageBox)
    drop_files(win, [CLEMENTE])
    qtbot.waitUntil(lambda: bool(asked), timeout=WAIT)
    qtbot.waitUntil(lambda: not win.session.lane.busy, timeout=WAIT)
    assert "1984-07-02" in questions[0]
    assert "Mum was born on 2005-05-03" in questions[0]
    qtbot.wait(100)
    assert len(win.session.data.records) == before

    def accept(box) -> None:  # noqa: ANN001
        keep = next(b for b in box.buttons() if b.text() == "Import anyway")
        click(qtbot, keep)

    asked = when_dialog(accept, QMessageBox)
    drop_files(win, [CLEMENTE])
    qtbot.waitUntil(lambda: bool(asked), timeout=WAIT)
    qtbot.waitUntil(lambda: len(win.session.data.records) > before, timeout=WAIT)


def test_deleting_an_import_asks_and_the_default_keeps_it(qtbot, household: Path,  # noqa: ANN001
                                                         open_window) -> None:  # noqa: ANN001
    win = make_window(qtbot, open_window, vault_path=household)
    unlock(qtbot, win)
    choose_person(qtbot, win, "Me")
    go_to(qtbot, win, "Import")
    page = win.views["Import"]
    table = page.table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(table.model().index(0, 1)).center())
    before = len(win.session.data.records)
    asked = when_dialog(lambda box: press(qtbot, Qt.Key.Key_Return, box), QMessageBox)
    click(qtbot, page.delete)
    qtbot.waitUntil(lambda: bool(asked), timeout=WAIT)
    qtbot.wait(200)
    assert len(win.session.data.records) == before  # Enter on the question kept everything
