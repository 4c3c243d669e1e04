"""Wellness as small multiples: one card per metric over the chosen range, by day, week or
month, with a plain sentence under each; an empty state that says what to import."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt

from healthbook.ui.main_window import MainWindow
from healthbook.vault import Vault
from tests.conftest import PASSPHRASE
from tests.journeys.driver import click
from tests.ui.conftest import shoot, wait_for_data


def _span_days(card) -> float:  # noqa: ANN001
    lo, hi = card.canvas.figure.axes[0].get_xlim()
    return hi - lo


def test_one_card_per_metric_with_a_sentence(qtbot, demo: MainWindow) -> None:  # noqa: ANN001
    demo.show_page("Wellness")
    wellness = demo.views["Wellness"]
    cards = {c.fact.metric: c for c in wellness.cards}
    assert set(cards) == {"steps", "heart_rate", "resting_heart_rate", "body_weight", "sleep"}
    assert wellness.ranges.currentIndex() == 0  # 3 months
    for card in cards.values():
        assert 85 <= _span_days(card) <= 95
        assert "over the last 3 months" in card.sentence.text()
        assert card.value.text()
    assert cards["steps"].unit.text() == "steps"
    assert "," in cards["steps"].value.text() or len(cards["steps"].value.text()) < 4
    assert cards["resting_heart_rate"].unit.text() == "bpm"
    assert "." not in cards["resting_heart_rate"].value.text()  # 59, not 58.6
    assert cards["sleep"].value.text().endswith("min") or cards["sleep"].value.text().endswith("h")
    assert "typical range" in cards["heart_rate"].band.text()
    shoot(demo, "55-wellness")


def test_range_and_period_redraw_every_card(qtbot, demo: MainWindow) -> None:  # noqa: ANN001
    demo.show_page("Wellness")
    wellness = demo.views["Wellness"]
    steps = next(c for c in wellness.cards if c.fact.metric == "steps")
    weight = next(c for c in wellness.cards if c.fact.metric == "body_weight")
    daily = len(weight.canvas.figure.axes[0].lines[0].get_xdata())
    start = time.perf_counter()
    click(qtbot, wellness.ranges.buttons[1])  # 1 year
    assert time.perf_counter() - start < 2.0
    assert 360 <= _span_days(steps) <= 370
    assert "over the last year" in steps.sentence.text()
    click(qtbot, wellness.period.buttons[1])  # weekly
    weekly = len(weight.canvas.figure.axes[0].lines[0].get_xdata())
    assert weekly < daily
    assert "by week" in weight.canvas.series.title
    click(qtbot, wellness.period.buttons[2])  # monthly
    assert len(weight.canvas.figure.axes[0].lines[0].get_xdata()) <= 8
    click(qtbot, wellness.ranges.buttons[3])  # all: the statement over the whole series
    assert steps.sentence.text() == steps.fact.statement
    # The keyboard reaches the segments: Space on a focused one chooses it.
    wellness.ranges.buttons[0].setFocus()
    qtbot.keyClick(wellness.ranges.buttons[0], Qt.Key.Key_Space)
    assert wellness.ranges.currentIndex() == 0


def test_a_person_without_wearables_is_told_what_to_import(qtbot, window: MainWindow,  # noqa: ANN001
                                                           vault_path: Path) -> None:
    from healthbook.ingest import import_file
    from tests.conftest import DATA

    with Vault.open(vault_path, PASSPHRASE) as vault:
        import_file(vault, vault.people.add("Labs only"),
                    DATA / "fhir-r4" / "observation-example-f001-glucose.json")
    window.unlock_view.set_path(vault_path)
    window.unlock_view.passphrase.setText(PASSPHRASE)
    qtbot.mouseClick(window.unlock_view.submit, Qt.MouseButton.LeftButton)
    wait_for_data(qtbot, window)
    window.show_page("Wellness")
    wellness = window.views["Wellness"]
    assert wellness.pages.currentWidget() is wellness.empty
    assert "Apple Health" in wellness.empty.text()
    assert wellness.cards == []


def test_hover_shows_value_day_and_source(qtbot, demo: MainWindow) -> None:  # noqa: ANN001
    from PySide6.QtCore import QPoint

    from tests.journeys.driver import hover

    demo.show_page("Wellness")
    qtbot.wait(100)  # laid out, as a person would see it before pointing
    weight = next(c for c in demo.views["Wellness"].cards if c.fact.metric == "body_weight")
    canvas = weight.canvas
    canvas.canvas.draw()
    ax = canvas.figure.axes[0]
    x, y = ax.transData.transform(ax.lines[0].get_xydata()[-1])
    ratio = canvas.canvas.devicePixelRatioF()
    hover(qtbot, canvas.canvas, QPoint(int(x / ratio), int(canvas.canvas.height() - y / ratio)))
    qtbot.waitUntil(lambda: canvas.tip.isVisible(), timeout=5000)
    assert "kg" in canvas.tip.text()
    assert "Demo wearable data" in canvas.tip.text()
