"""The shared plotting function, headless (a matplotlib Figure, no Qt canvas): the same chart
for the screen, dark mode and the printed sheet."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from matplotlib.figure import Figure

from healthbook.clinical import compute_facts
from healthbook.clinical.wearables import Day
from healthbook.ingest import import_file
from healthbook.reports.plot import (
    DARK,
    LIGHT,
    PRINT,
    Series,
    SeriesPoint,
    metric_series,
    plot_series,
    value_limits,
)
from healthbook.ui.charts import group_days, plot_analyte, plot_metric
from healthbook.vault import Vault
from tests.conftest import DATA
from tests.helpers import add_source


def _series(values: list[float], low: float | None, high: float | None) -> Series:
    points = [SeriesPoint(datetime(2020 + i, 1, 1), v, (high is not None and v > high) or
                          (low is not None and v < low), i) for i, v in enumerate(values)]
    return Series("Systolic blood pressure", "mmHg", points, low, high, "Normal range")


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
    assert [p.record_id for p in points] == glucose.record_ids
    assert ax.get_ylabel() == "mmol/L"
    assert list(ax.lines[0].get_ydata()) == [pytest.approx(6.3)]
    assert len(ax.collections) == 1  # the out-of-range diamond
    assert "Outside the range" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_open_ended_range_is_shaded_to_the_edge_without_flattening_the_line() -> None:
    # "Normal below 120": the band must not stretch the axis down to zero.
    ax = Figure().add_subplot(111)
    plot_series(ax, _series([127.0, 131.0, 125.0, 133.0], None, 119.0))
    y0, y1 = ax.get_ylim()
    assert 100 < y0 < 119 < 133 < y1 < 150
    [band] = ax.patches
    extents = band.get_path().get_extents().transformed(band.get_transform())
    _x, (_lo, hi) = ax.transData.inverted().transform(extents.get_points()).T
    assert hi == pytest.approx(119.0, abs=0.01)
    # "40 or more": shaded from 40 up to the top of the chart.
    ax = Figure().add_subplot(111)
    plot_series(ax, _series([38.0, 45.0, 52.0], 40.0, None))
    y0, y1 = ax.get_ylim()
    assert 30 < y0 < 38
    assert 52 < y1 < 70
    assert value_limits(_series([38.0, 45.0, 52.0], 40.0, None)) == (y0, y1)


def test_same_chart_for_screen_dark_and_print() -> None:
    series = _series([127.0, 131.0, 125.0, 133.0], None, 119.0)
    drawn = {}
    for theme in (LIGHT, DARK, PRINT):
        ax = Figure().add_subplot(111)
        plot_series(ax, series, theme)
        drawn[theme] = ax
        assert list(ax.lines[0].get_ydata()) == [127.0, 131.0, 125.0, 133.0]
        assert ax.get_ylim() == drawn[LIGHT].get_ylim()
        assert len(ax.collections) == 1  # the out-of-range diamond
        assert len(ax.patches) == 1  # the band
    assert drawn[DARK].get_facecolor() != drawn[LIGHT].get_facecolor()


def test_a_window_without_values_says_so() -> None:
    ax = Figure().add_subplot(111)
    shown = plot_series(ax, _series([5.0, 6.0], 4.0, 7.0), start=datetime(2030, 1, 1),
                        end=datetime(2030, 4, 1))
    assert shown == []
    assert "No values in this period" in [t.get_text() for t in ax.texts]


def test_sleep_is_drawn_per_night(vault: Vault) -> None:
    person = vault.people.add("Sleeper")
    sleep = vault.samples.metric("sleep", "1").id
    night = 1_700_000_000
    vault.samples.insert(person.id, add_source(vault, person.id), [
        (sleep, night + i * 86_400, 7 * 3600, 0, 1.0) for i in range(5)])
    [fact] = compute_facts(vault, person).metrics
    ax = Figure().add_subplot(111)
    plot_metric(ax, fact, "day")
    assert ax.get_title(loc="left") == "Sleep (per night) (h)"
    assert list(ax.lines[0].get_ydata()) == [7.0] * 5
    assert ax.get_ylabel() == "h"


def test_many_daily_totals_are_one_collection(vault: Vault) -> None:
    person = vault.people.add("Walker")
    steps = vault.samples.metric("steps", "count").id
    start = 1_600_000_000
    vault.samples.insert(person.id, add_source(vault, person.id), [
        (steps, start + i * 86_400, 3600, 0, float(5000 + i)) for i in range(400)])
    [fact] = compute_facts(vault, person).metrics
    series = metric_series(fact, "day")
    assert series.bars
    assert len(series.points) == 400
    ax = Figure().add_subplot(111)
    plot_series(ax, series)
    assert len(ax.collections) == 1
    assert not ax.patches  # not 400 rectangles
    weekly = metric_series(fact, "week")
    assert len(weekly.points) < 60


def test_the_sheet_draws_the_screen_chart(vault: Vault) -> None:
    """Issue 16: one chart for screen and print (the sheet's open-ended bands used to differ)."""
    from healthbook.reports.plot import analyte_series
    from healthbook.reports.sheet import _chart

    person = vault.people.add("Printed")
    import_file(vault, person, DATA / "fhir-r4" / "observation-example-f001-glucose.json")
    [glucose] = compute_facts(vault, person).analytes
    printed, screen = Figure().add_subplot(111), Figure().add_subplot(111)
    _chart(glucose)(printed)
    plot_series(screen, analyte_series(glucose), LIGHT)
    assert printed.get_ylim() == screen.get_ylim()
    assert printed.get_xlim() == screen.get_xlim()
    assert list(printed.lines[0].get_ydata()) == list(screen.lines[0].get_ydata())
    assert len(printed.collections) == len(screen.collections)  # the same diamonds
