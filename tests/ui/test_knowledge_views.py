"""The knowledge library on screen: plain test names with the lab's wording on hover, the
"About this test" panel, and a current medicine that contains a recorded allergen flagged on
the overview and the medicine list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from healthbook.ui.main_window import MainWindow
from healthbook.vault import Record, RecordKind, Vault
from tests.conftest import PASSPHRASE
from tests.helpers import add_source
from tests.journeys.driver import type_text
from tests.ui.conftest import shoot, wait_for_data

LOINC = "http://loinc.org"


def plant(path: Path) -> None:
    with Vault.open(path, PASSPHRASE) as vault:
        person = vault.people.add("Mum")
        src = add_source(vault, person.id)
        vault.records.insert(person.id, src, [
            Record(RecordKind.OBSERVATION, LOINC, "13457-7",
                   "Cholesterol in LDL [Mass/volume] in Serum or Plasma by calculation",
                   value_num=171.4567, unit="mg/dL", effective="2025-03-01"),
            Record(RecordKind.MEDICATION, display="Acetaminophen 300 MG / Codeine Phosphate 30 "
                   "MG Oral Tablet", status="active", effective="2025-01-10"),
            Record(RecordKind.ALLERGY, display="Codeine", status="active",
                   effective="2010-05-02"),
        ])


def test_plain_names_about_panel_and_allergy_clash(qtbot, window: MainWindow,  # noqa: ANN001
                                                   vault_path: Path) -> None:
    plant(vault_path)
    window.unlock_view.set_path(vault_path)
    type_text(qtbot, PASSPHRASE, window.unlock_view.passphrase)
    qtbot.keyClick(window.unlock_view.passphrase, Qt.Key.Key_Return)
    wait_for_data(qtbot, window)
    overview = " ".join(window.views["Overview"].cards["Current medications"].items())
    assert "contains codeine" in overview
    window.show_page("Labs")
    labs = window.views["Labs"]
    assert labs.table.model().index(0, 0).data() == "Cholesterol and fats (lipids)"  # panel
    index = labs.table.model().index(1, 0)
    assert index.data() == "LDL cholesterol"  # plain name first
    assert "by calculation" in index.data(Qt.ItemDataRole.ToolTipRole)  # the lab's words
    assert labs.table.model().index(1, 1).data() == "171 mg/dL"  # no false precision
    qtbot.waitUntil(lambda: "bad cholesterol" in labs.about.toPlainText().lower(), timeout=9000)
    assert "Sources:" in labs.about.toPlainText()
    shoot(window, "40-labs-about-this-test")
    window.show_page("Health record")
    meds = window.views["Health record"].meds
    note = meds.index(0, 5).data()
    assert note.startswith("⚠ contains codeine")
