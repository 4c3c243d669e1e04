"""The Overview as highlights: tiles for what matters now that open their detail, plain names
with the record's wording on hover, human counts, and a first-run guide for an empty person."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLabel, QWidget

from healthbook.ui.main_window import MainWindow
from healthbook.ui.tiles import Tile
from healthbook.vault import Vault
from tests.conftest import PASSPHRASE
from tests.journeys.driver import click, leftovers, when_dialog
from tests.ui.conftest import WAIT, shoot, wait_for_data

LEFT = Qt.MouseButton.LeftButton


def _tile(view: QWidget, title: str) -> Tile:
    tiles = [t for t in view.findChildren(Tile) if t.data.title == title and t.isVisible()]
    assert tiles, [t.data.title for t in view.findChildren(Tile)]
    return tiles[0]


def test_highlights_show_what_matters_now(qtbot, demo: MainWindow) -> None:  # noqa: ANN001
    overview = demo.views["Overview"]
    attention = {t.data.title: t.data for t in overview.attention.tiles}
    # Results outside their range, by plain name, with a chip, a sparkline and an age.
    assert attention["Haemoglobin (Hb)"].chip == "Low"
    assert attention["Haemoglobin (Hb)"].value == "12.3"
    assert attention["Haemoglobin (Hb)"].unit == "g/dL"
    assert attention["Haemoglobin (Hb)"].spark is not None
    assert "years ago" in attention["Haemoglobin (Hb)"].note
    assert attention["Haemoglobin (Hb)"].note_kind == "old"  # marked as too old to be current
    assert "Systolic blood pressure" not in attention  # it has its own tile
    vitals = {t.data.title: t.data for t in overview.vitals.tiles}
    assert list(vitals) == ["Blood pressure", "Weight", "Resting heart rate", "Sleep", "Steps"]
    assert vitals["Blood pressure"].value == "127/86"
    assert vitals["Blood pressure"].unit == "mmHg"
    assert vitals["Blood pressure"].chip == "High"
    assert vitals["Resting heart rate"].unit == "bpm"
    assert vitals["Sleep"].value.endswith("min") or vitals["Sleep"].value.endswith("h")
    assert vitals["Steps"].unit == "steps"
    assert vitals["Weight"].target == ("metric", "body_weight")  # the watch is newer than labs
    assert overview.attention_heading.count.text() == str(len(attention))
    shoot(demo, "50-overview-highlights")


def test_tiles_open_their_detail(qtbot, demo: MainWindow) -> None:  # noqa: ANN001
    overview = demo.views["Overview"]
    click(qtbot, _tile(overview, "Haemoglobin (Hb)"))
    assert demo.pages.currentWidget() is demo.views["Labs"]
    assert demo.views["Labs"].selected().key == "hemoglobin"
    demo.show_page("Overview")
    steps = _tile(overview, "Steps")
    steps.setFocus()
    qtbot.keyClick(steps, Qt.Key.Key_Space)  # a tile is a button: the keyboard opens it too
    wellness = demo.views["Wellness"]
    assert demo.pages.currentWidget() is wellness
    [chosen] = [c for c in wellness.cards if c.property("selected")]
    assert chosen.fact.metric == "steps"
    demo.show_page("Overview")
    click(qtbot, _tile(overview, "Blood pressure"))
    assert demo.views["Labs"].selected().key == "systolic"


def test_lists_use_plain_names_with_the_records_wording_on_hover(demo: MainWindow) -> None:
    cards = demo.views["Overview"].cards
    medicines = cards["Current medications"]
    assert medicines.items()[0].startswith("Chlorphenamine")
    rows = [w for w in medicines.findChildren(QWidget) if w.toolTip()]
    assert any("Chlorpheniramine Maleate 2 MG/ML Oral Solution" in w.toolTip() for w in rows)
    allergies = cards["Allergies"].items()
    assert "Nut allergy" in allergies  # the library's name for "Allergy to nut"
    # Two records the library names alike keep their own words, so both stay readable.
    assert {"Allergy to grass pollen", "Allergy to tree pollen"} <= set(allergies)
    assert cards["Allergies"].count.text() == "7"
    assert cards["Conditions"].items()[0].startswith("Obesity")  # no "(finding)"
    assert all("(finding)" not in t and "Encounter for" not in t
               for card in cards.values() for t in card.items())


def test_no_jargon_on_the_three_screens(qtbot, demo: MainWindow) -> None:  # noqa: ANN001
    for page in ("Overview", "Labs", "Wellness"):
        demo.show_page(page)
        qtbot.wait(50)
    jargon = ["(s)", "fhir-json", "None", "nan", "record id", "(record "]
    assert leftovers(jargon, [demo.views[p] for p in ("Overview", "Labs", "Wellness")]) == []


def _person_without_records(qtbot, window: MainWindow, vault_path: Path) -> None:  # noqa: ANN001
    with Vault.open(vault_path, PASSPHRASE) as vault:
        vault.people.add("Sam")
    window.unlock_view.set_path(vault_path)
    window.unlock_view.passphrase.setText(PASSPHRASE)
    qtbot.mouseClick(window.unlock_view.submit, LEFT)
    wait_for_data(qtbot, window)


def test_an_empty_person_gets_a_first_run_guide(qtbot, window: MainWindow,  # noqa: ANN001
                                                vault_path: Path) -> None:
    _person_without_records(qtbot, window, vault_path)
    overview = window.views["Overview"]
    guide = overview.guide
    assert overview.pages.currentWidget() is guide
    assert guide.title.text() == "Nothing here yet for Sam"
    words = " ".join(label.text() for label in guide.findChildren(QLabel))
    for format_name in ("FHIR", "C-CDA", "Apple Health", "export.zip", "Health Connect", "CSV"):
        assert format_name in words
    assert guide.demo_card.isVisible()
    shoot(window, "51-first-run-guide")
    # Import: the Import page, with the file chooser open.
    chooser = when_dialog(lambda dialog: dialog.reject(), QFileDialog)
    click(qtbot, guide.import_button)
    qtbot.waitUntil(lambda: bool(chooser), timeout=WAIT)
    assert window.pages.currentWidget() is window.views["Import"]
    # Add a person: the name is asked.
    window.show_page("Overview")
    asked = when_dialog(lambda dialog: dialog.reject(), QInputDialog)
    click(qtbot, guide.person_button)
    qtbot.waitUntil(lambda: bool(asked), timeout=WAIT)
    # The demo: this vault is locked first, then the demo opens.
    window.show_page("Overview")
    click(qtbot, guide.demo_button)
    qtbot.waitUntil(lambda: window.session.is_demo and window.session.data is not None,
                    timeout=WAIT)
    assert window.session.path is None
