"""The pure plotting functions, headless (a matplotlib Figure, no Qt canvas)."""

from __future__ import annotations

from datetime import date

import pytest
from matplotlib.figure import Figure

from healthbook.clinical import compute_facts
from healthbook.clinical.wearables import Day
from healthbook.ingest import import_file
from healthbook.ui.charts import group_days, plot_analyte, plot_metric
from healthbook.vault import Vault
from tests.conftest import DATA
from tests.helpers import add_source


def test_week_and_month_are_average_days() -> None:
    # Monday 2024-01-01 .. Sunday 2024-01-14: two weeks of 100 then 300 steps a day
    days = [Day(date(2024, 1, d), 100.0 if d <= 7 else 300.0, 1, 0, 0) for d in range(1, 15)]
    assert group_days(days, "week") == [(date(2024, 1, 1), 100.0), (date(2024, 1, 8), 300.0)]
    assert group_days(days, "month") == [(date(2024, 1, 1), 200.0)]  # (7x100 + 7x300) / 14
    assert group_days(days, "day")[0] == (date(2024, 1, 1), 100.0)


def test_analyte_chart_marks_out_of_range_points_and_converts(vault: Vault) -> None:
    person = vault.people.add("Chart")
    import_file(vault, person, DATA / "fhir-r4" / "observation-example-f001-glucose.json")
    [glucose] = compute_facts(vault, person).analytes
    ax = Figure().add_subplot(111)
    points = plot_analyte(ax, glucose, "mmol/L")
    assert [rid for _, rid in points] == glucose.record_ids
    assert ax.get_ylabel() == "mmol/L"
    assert list(ax.lines[0].get_ydata()) == [pytest.approx(6.3)]
    assert len(ax.collections) == 1  # the red out-of-range marker
    assert "Out of range" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_sleep_is_drawn_per_night(vault: Vault) -> None:
    person = vault.people.add("Sleeper")
    sleep = vault.samples.metric("sleep", "1").id
    night = 1_700_000_000
    vault.samples.insert(person.id, add_source(vault, person.id), [
        (sleep, night + i * 86_400, 7 * 3600, 0, 1.0) for i in range(5)])
    [fact] = compute_facts(vault, person).metrics
    ax = Figure().add_subplot(111)
    plot_metric(ax, fact, "day")
    assert ax.get_title(loc="left") == "Sleep (per night)"
    assert list(ax.lines[0].get_ydata()) == [7.0] * 5
    assert ax.get_ylabel() == "h"
