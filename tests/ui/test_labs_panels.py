"""The Labs page: tests grouped by panel with plain names, flag chips and sparklines, a search,
and the app's own chart (time ranges, hover tip with value, date and source, keyboard zoom, no
matplotlib toolbar), the same in a dark palette."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QToolBar

from healthbook.ui.lab_rows import ChipRole, SectionRole, SparkRole
from healthbook.ui.main_window import MainWindow
from healthbook.ui.models import RowRole
from tests.journeys.driver import click, hover, type_text
from tests.ui.conftest import shoot


def _rows(labs) -> list[tuple[bool, str]]:  # noqa: ANN001
    model = labs.table.model()
    return [(bool(model.index(r, 0).data(SectionRole)), model.index(r, 0).data())
            for r in range(model.rowCount())]


def test_tests_are_grouped_by_panel_with_plain_names(qtbot, demo: MainWindow) -> None:  # noqa: ANN001
    demo.show_page("Labs")
    labs = demo.views["Labs"]
    rows = _rows(labs)
    panels = [name for is_panel, name in rows if is_panel]
    assert panels[:4] == ["Vital signs", "Body measurements", "Blood count",
                          "Cholesterol and fats (lipids)"]
    tests = [name for is_panel, name in rows if not is_panel]
    assert "Red cell distribution width (RDW)" in tests  # not the LOINC long name
    assert not any("[Entitic volume]" in name for name in tests)
    assert labs.model.analyte_count() == len(demo.session.data.facts.analytes)
    model = labs.table.model()
    haemoglobin = next(r for r in range(model.rowCount())
                       if model.index(r, 0).data() == "Haemoglobin (Hb)")
    assert model.index(haemoglobin, 1).data() == "12.3 g/dL"
    assert model.index(haemoglobin, 2).data(ChipRole) == ("Low", "alert")
    assert len(model.index(haemoglobin, 3).data(SparkRole).values) == 2
    tooltip = model.index(haemoglobin, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "As the lab names it: Hemoglobin" in tooltip
    assert "years ago" in tooltip
    # A panel's title row cannot be selected.
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsSelectable
    shoot(demo, "52-labs-panels")


def test_search_keeps_matching_tests_and_their_panel(qtbot, demo: MainWindow) -> None:  # noqa: ANN001
    demo.show_page("Labs")
    labs = demo.views["Labs"]
    click(qtbot, labs.search)
    type_text(qtbot, "chol", labs.search)
    assert _rows(labs) == [(True, "Cholesterol and fats (lipids)"), (False, "HDL cholesterol"),
                           (False, "LDL cholesterol"), (False, "Total cholesterol")]
    labs.search.clear()
    type_text(qtbot, "erythrocyte", labs.search)  # the lab's own words find the test too
    assert (False, "Red blood cell count (RBC)") in _rows(labs)
    labs.search.clear()
    assert labs.model.analyte_count() == sum(not p for p, _ in _rows(labs))


def test_detail_chart_ranges_hover_and_keyboard_zoom(qtbot, demo: MainWindow) -> None:  # noqa: ANN001
    demo.show_page("Labs")
    labs = demo.views["Labs"]
    assert labs.reveal("hemoglobin")
    assert labs.name.text() == "Haemoglobin (Hb)"
    assert (labs.value.text(), labs.unit.text(), labs.chip.text()) == ("12.3", "g/dL", "Low")
    assert labs.range.text().startswith("Normal range: 13.2–16.6 g/dL · ")
    assert "red blood cells" in labs.about.toPlainText()
    # No matplotlib toolbar, no coordinate readout.
    assert labs.findChildren(QToolBar) == []
    canvas = labs.canvas
    ax = canvas.figure.axes[0]
    # The time ranges: the demo's results are years old, so 3 months shows none and says so.
    click(qtbot, labs.ranges.buttons[0])
    ax = canvas.figure.axes[0]
    lo, hi = ax.get_xlim()
    assert 85 <= hi - lo <= 95
    assert "No values in this period" in [t.get_text() for t in ax.texts]
    click(qtbot, labs.ranges.buttons[3])  # All
    ax = canvas.figure.axes[0]
    assert [t.get_text() for t in ax.texts] == []
    # Hover: the point's value, date and the file it came from, next to the point.
    canvas.canvas.draw()
    x, y = ax.transData.transform(ax.lines[0].get_xydata()[-1])
    ratio = canvas.canvas.devicePixelRatioF()
    hover(qtbot, canvas.canvas, QPoint(int(x / ratio), int(canvas.canvas.height() - y / ratio)))
    qtbot.waitUntil(lambda: canvas.tip.isVisible(), timeout=5000)
    tip = canvas.tip.text()
    assert "12.3 g/dL" in tip
    assert "2018" in tip
    assert "synthea_patient.json" in tip
    assert "outside the normal range" in tip
    shoot(demo, "53-labs-hover")
    # Keyboard zoom: + narrows the dates, the arrows move along them, Home resets.
    canvas.canvas.setFocus()
    home = ax.get_xlim()
    qtbot.keyClick(canvas.canvas, Qt.Key.Key_Plus)
    zoomed = ax.get_xlim()
    assert zoomed[1] - zoomed[0] < (home[1] - home[0]) * 0.7
    qtbot.keyClick(canvas.canvas, Qt.Key.Key_Left)
    assert ax.get_xlim()[0] < zoomed[0]
    qtbot.keyClick(canvas.canvas, Qt.Key.Key_Minus)
    qtbot.keyClick(canvas.canvas, Qt.Key.Key_Home)
    assert ax.get_xlim() == home
    assert not canvas.tip.isVisible()  # zooming hides a tip that no longer points anywhere


def test_the_chart_follows_a_dark_palette(qtbot, demo: MainWindow) -> None:  # noqa: ANN001
    demo.show_page("Labs")
    labs = demo.views["Labs"]
    light = labs.canvas.figure.get_facecolor()
    app = QApplication.instance()
    before = app.palette()
    dark = QPalette(before)
    for role, colour in ((QPalette.ColorRole.Base, "#2b2d30"),
                         (QPalette.ColorRole.Window, "#1e1f22"),
                         (QPalette.ColorRole.Text, "#e6e6e6"),
                         (QPalette.ColorRole.WindowText, "#e6e6e6")):
        dark.setColor(role, QColor(colour))
    app.setPalette(dark)
    try:
        qtbot.wait(50)
        facecolor = labs.canvas.figure.get_facecolor()
        assert facecolor != light
        assert QColor.fromRgbF(*facecolor[:3]).lightness() < 80
        assert labs.selected() is not None
        assert labs.selected() == labs.table.currentIndex().data(RowRole)
        shoot(demo, "54-labs-dark")
    finally:
        app.setPalette(before)
