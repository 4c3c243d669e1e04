"""A caregiver types in what the hospital never recorded and corrects what an import got wrong
(issue 19), with the real buttons: Add…, Correct…, History… and Undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from healthbook.ui.main_window import MainWindow
from healthbook.ui.record_form import HistoryDialog, RecordForm
from healthbook.vault import RecordKind, Vault
from tests.conftest import PASSPHRASE
from tests.journeys.conftest import make_window, snap
from tests.journeys.driver import WAIT, choose_menu_item, click, closed, press, type_text
from tests.journeys.test_household import choose_person, go_to, unlock


def _open(qtbot, kind: type) -> object:  # noqa: ANN001
    found: list[object] = []

    def visible() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, kind) and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(visible, timeout=WAIT)
    return found[-1]


def _idle(qtbot, win: MainWindow) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not win.session.lane.busy, timeout=WAIT)


def _medicines(win: MainWindow) -> dict[str, str]:
    return {m.name: m.status for m in win.session.data.facts.medications}


def test_add_a_medicine_correct_it_and_undo(qtbot, household: Path,  # noqa: ANN001
                                            open_window: list[MainWindow]) -> None:
    win = make_window(qtbot, open_window, vault_path=household)
    unlock(qtbot, win)
    choose_person(qtbot, win, "Mum")
    go_to(qtbot, win, "Health record")
    records = win.views["Health record"]

    # Add a medicine bought over the counter
    choose_menu_item(qtbot, records.add_button, "Medicine…")
    form = _open(qtbot, RecordForm)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.name, timeout=WAIT)
    type_text(qtbot, "Ibuprofen")
    click(qtbot, form.note)
    type_text(qtbot, "200 mg when needed")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: closed(form), timeout=WAIT)
    qtbot.waitUntil(lambda: "Ibuprofen" in _medicines(win), timeout=WAIT)
    assert _medicines(win)["Ibuprofen"] == "active"
    assert records.status.text() == "Saved."

    # An impossible result: one sentence in the form, nothing stored
    choose_menu_item(qtbot, records.add_button, "Test result…")
    result_form = _open(qtbot, RecordForm)
    type_text(qtbot, "Potassium")
    click(qtbot, result_form.value)
    type_text(qtbot, "60")
    click(qtbot, result_form.unit)
    type_text(qtbot, "mmol/L")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(result_form.error.isVisible, timeout=WAIT)
    assert "not a possible Potassium result" in result_form.error.text()
    snap(result_form, "enter-impossible-result")
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: closed(result_form), timeout=WAIT)

    # Correct it: the medicine was stopped
    row = next(i for i in range(records.meds.rowCount())
               if records.meds.row(i).name == "Ibuprofen")
    table = records.meds_table
    assert "entered by" in records.meds.data(records.meds.index(row, 5))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(records.meds.index(row, 0)).center())
    click(qtbot, records.correct_button)
    correct = _open(qtbot, RecordForm)
    assert correct.name.text() == "Ibuprofen"
    qtbot.mouseClick(correct.ongoing, Qt.MouseButton.LeftButton,
                     pos=QPoint(8, correct.ongoing.height() // 2))  # the tick box
    assert correct.end.isEnabled()
    click(qtbot, correct.buttons.button(correct.buttons.StandardButton.Save))
    qtbot.waitUntil(lambda: _medicines(win).get("Ibuprofen") == "stopped", timeout=WAIT)

    # Its history shows the change, and Undo puts it back
    _idle(qtbot, win)
    row = next(i for i in range(records.meds.rowCount())
               if records.meds.row(i).name == "Ibuprofen")
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(records.meds.index(row, 0)).center())
    click(qtbot, records.history_button)
    history = _open(qtbot, HistoryDialog)
    assert "entered by" in history.origin.text()
    assert "stopped" in history.list.item(0).text()
    snap(history, "record-history")
    click(qtbot, history.undo)
    qtbot.waitUntil(lambda: _medicines(win).get("Ibuprofen") == "active", timeout=WAIT)
    _idle(qtbot, win)
    win.session.lock()
    with Vault.open(household, PASSPHRASE) as vault:
        actions = [e.action for e in vault.audit.entries()]
        mum = vault.people.get("Mum")
        stored = [s for s in vault.records.list(mum.id, RecordKind.MEDICATION)
                  if s.record.display == "Ibuprofen"]
        potassium = [s for s in vault.records.list(mum.id, RecordKind.OBSERVATION)
                     if s.record.value_num == 60]
    assert actions[-4:-1] == ["record-add", "record-edit", "record-undo"]
    assert len(stored) == 1
    assert stored[0].record.details["dosage"] == "200 mg when needed"
    assert potassium == []


def test_correct_a_result_name_everywhere_from_labs(qtbot, household: Path,  # noqa: ANN001
                                                    open_window: list[MainWindow]) -> None:
    win = make_window(qtbot, open_window, vault_path=household)
    unlock(qtbot, win)
    choose_person(qtbot, win, "Me")
    go_to(qtbot, win, "Labs")
    labs = win.views["Labs"]
    qtbot.waitUntil(lambda: labs.model.rowCount() > 0, timeout=WAIT)
    by_id = {s.id: s.record for s in win.session.data.records}
    fact = next(f for f in win.session.data.facts.analytes if len(f.points) >= 2 and
                len({by_id[p.record_id].code for p in f.points}) == 1)
    assert labs.reveal(fact.key)
    click(qtbot, labs.correct)
    form = _open(qtbot, RecordForm)
    assert form.everywhere.isVisible()
    form.name.selectAll()
    type_text(qtbot, "My lab's own name", form.name)
    click(qtbot, form.everywhere)
    click(qtbot, form.buttons.button(form.buttons.StandardButton.Save))
    qtbot.waitUntil(lambda: closed(form), timeout=WAIT)
    _idle(qtbot, win)
    win.session.lock()
    with Vault.open(household, PASSPHRASE) as vault:
        me = vault.people.get("Me")
        renamed = [s for s in vault.records.list(me.id, RecordKind.OBSERVATION)
                   if s.record.display == "My lab's own name"]
        edits = [e for s in renamed for e in vault.records.history(s.id)]
    assert len(renamed) == len(fact.points)
    assert all(e.rule_id is not None for e in edits)
