"""The same operations through the command line and through the app's buttons write the same
audit entries (one front door: healthbook.actions), entry for entry."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from healthbook.cli import main
from healthbook.vault import Vault
from tests.conftest import PASSPHRASE
from tests.journeys.conftest import CLEMENTE, make_window
from tests.journeys.driver import (
    WAIT,
    choose_menu_item,
    click,
    drop_files,
    press,
    type_text,
    when_dialog,
)
from tests.journeys.test_household import go_to


def audit(path: Path) -> list[tuple[str, dict]]:
    """The audit log without times and ids that differ between two vaults, and without the
    unlocks (each CLI command opens the vault; the app opens it once)."""
    with Vault.open(path, PASSPHRASE) as vault:
        entries = [(e.action, dict(e.detail)) for e in vault.audit.entries()
                   if e.action != "unlock"]
    for _action, detail in entries:
        for key in ("person", "source", "sha256"):
            detail.pop(key, None)
    return entries


def test_cli_and_app_write_the_same_audit_log(qtbot, tmp_path: Path, template_vault: Path,  # noqa: ANN001
                                              open_window, monkeypatch) -> None:  # noqa: ANN001
    cli_vault, app_vault = tmp_path / "cli.vault", tmp_path / "app.vault"
    shutil.copyfile(template_vault, cli_vault)
    shutil.copyfile(template_vault, app_vault)
    monkeypatch.setenv("HEALTHBOOK_PASSPHRASE", PASSPHRASE)
    cli = str(cli_vault)
    assert main(["people", cli, "add", "Sam"]) == 0
    assert main(["people", cli, "rename", "Sam", "Sam Doe"]) == 0
    assert main(["import", cli, "--person", "Sam Doe", str(CLEMENTE)]) == 0
    with Vault.open(cli_vault, PASSPHRASE) as vault:
        source = vault.sources.list(vault.people.get("Sam Doe").id)[0].id
    assert main(["sources", cli, "--person", "Sam Doe", "--delete", str(source)]) == 0
    assert main(["people", cli, "rm", "Sam Doe", "--yes"]) == 0

    win = make_window(qtbot, open_window, vault_path=app_vault)
    unlock_empty(qtbot, win)
    type_text(qtbot, "Sam", win.first_name)
    press(qtbot, Qt.Key.Key_Return, win.first_name)
    qtbot.waitUntil(lambda: win.person_box.currentText() == "Sam", timeout=WAIT)

    def rename(dialog) -> None:  # noqa: ANN001
        edit = dialog.findChild(type(win.first_name))
        edit.selectAll()
        qtbot.keyClicks(edit, "Sam Doe")
        qtbot.keyClick(edit, Qt.Key.Key_Return)

    asked = when_dialog(rename, QInputDialog)
    choose_menu_item(qtbot, win.people_button, "Rename…")
    qtbot.waitUntil(lambda: bool(asked) and win.person_box.currentText() == "Sam Doe",
                    timeout=WAIT)
    go_to(qtbot, win, "Import")
    drop_files(win, [CLEMENTE])
    qtbot.waitUntil(lambda: win.session.data is not None and bool(win.session.data.sources),
                    timeout=WAIT)
    page = win.views["Import"]
    table = page.table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(table.model().index(0, 1)).center())

    def yes(box) -> None:  # noqa: ANN001
        click(qtbot, box.button(QMessageBox.StandardButton.Yes))

    asked = when_dialog(yes, QMessageBox)
    click(qtbot, page.delete)
    qtbot.waitUntil(lambda: bool(asked) and not win.session.data.sources, timeout=WAIT)
    asked = when_dialog(yes, QMessageBox)
    choose_menu_item(qtbot, win.people_button, "Remove…")
    qtbot.waitUntil(lambda: bool(asked) and win.first_person.isVisible(), timeout=WAIT)
    win.lock()
    assert audit(app_vault) == audit(cli_vault)


def unlock_empty(qtbot, win) -> None:  # noqa: ANN001
    """Unlock a vault that holds nobody yet: the first-person screen appears."""
    type_text(qtbot, PASSPHRASE)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.first_person.isVisible(), timeout=WAIT)
    win.first_name.setFocus()
