"""Trend charts on screen: the shared plotting functions (healthbook.reports.plot, testable
with Agg and used by the printed sheet too) and a factory for the Qt canvas.

matplotlib loads only when the first chart is shown, never at start-up. Charts are drawn in
memory; nothing is written to disk.
"""

from __future__ import annotations

from typing import Any

from healthbook.clinical.labs import AnalyteFact
from healthbook.clinical.wearables import MetricFact
from healthbook.reports.plot import (
    LIGHT,
    Series,
    SeriesPoint,
    Theme,
    analyte_series,
    group_days,
    metric_series,
    plot_series,
)

__all__ = ["Series", "SeriesPoint", "analyte_series", "group_days", "make_canvas",
           "metric_series", "plot_analyte", "plot_metric", "plot_series"]


def plot_analyte(ax: Any, fact: AnalyteFact, unit: str | None = None,
                 theme: Theme = LIGHT) -> list[SeriesPoint]:
    """An analyte's results with its reference band; out-of-range points as red diamonds."""
    return plot_series(ax, analyte_series(fact, unit), theme, title=True)


def plot_metric(ax: Any, fact: MetricFact, period: str = "day",
                theme: Theme = LIGHT) -> list[SeriesPoint]:
    """A wearable metric by day, week or month (bars for totals, a line for means)."""
    return plot_series(ax, metric_series(fact, period), theme, title=True)


def make_canvas(parent: Any = None, height: float = 3.4) -> Any:
    """A ChartCanvas (imports matplotlib's Qt backend on first use)."""
    from healthbook.ui.chart_canvas import ChartCanvas

    return ChartCanvas(parent, height)
