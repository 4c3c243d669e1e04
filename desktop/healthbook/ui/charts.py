"""Trend charts: pure plotting functions over facts (testable with Agg) and a thin Qt canvas.

matplotlib loads only when the first chart is shown, never at start-up. Charts are drawn in
memory; nothing is written to disk.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from healthbook.clinical.labs import AnalyteFact
from healthbook.clinical.ranges import Flag
from healthbook.clinical.units import UnitMismatch, convert, display_unit
from healthbook.clinical.wearables import SLEEP, Day, MetricFact

LINE, BAND, OUT = "#1f5fa8", "#2e7d32", "#b3261e"


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")) if "T" in text else \
        datetime.fromisoformat(text[:10])


def plot_analyte(ax: Any, fact: AnalyteFact, unit: str | None = None) -> list[tuple[Any, int]]:
    """Plot an analyte's results with its reference band; out-of-range points in red.

    Returns (x, record id) per point, for hover and click.
    """
    unit = unit or fact.unit

    def shown(value: float) -> float:
        if unit == fact.unit:
            return value
        from healthbook.clinical.reference import analytes

        return convert(value, fact.unit, unit, analytes().get(fact.key))

    xs = [_when(p.when) for p in fact.points]
    ys = [shown(p.value) for p in fact.points]
    ax.plot(xs, ys, color=LINE, linewidth=1.6, marker="o", markersize=5, zorder=3)
    if fact.range and (fact.range.low is not None or fact.range.high is not None):
        try:
            low = shown(fact.range.low) if fact.range.low is not None else min(ys + [0])
            high = shown(fact.range.high) if fact.range.high is not None else max(ys) * 1.1
            ax.axhspan(low, high, color=BAND, alpha=0.12, zorder=1,
                       label=f"Reference range ({fact.range.source})")
        except UnitMismatch:
            pass
    out = [(x, y) for x, y, p in zip(xs, ys, fact.points, strict=True)
           if p.flag in (Flag.HIGH, Flag.LOW, Flag.CRITICAL)]
    if out:
        ax.scatter([x for x, _ in out], [y for _, y in out], color=OUT, s=60, marker="D",
                   zorder=4, label="Out of range")
    ax.set_title(fact.name, loc="left", fontsize=11, fontweight="bold")
    ax.set_ylabel(display_unit(unit))
    ax.grid(True, color="#d0d0d0", linewidth=0.6)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(loc="best", fontsize=8, frameon=False)
    return [(x, p.record_id) for x, p in zip(xs, fact.points, strict=True)]


def group_days(days: list[Day], period: str) -> list[tuple[date, float]]:
    """Daily values folded into 'day', 'week' (Monday) or 'month' buckets."""
    if period == "day":
        return [(d.day, d.value) for d in days]
    buckets: dict[date, list[float]] = {}
    for d in days:
        start = d.day.replace(day=1) if period == "month" else \
            date.fromordinal(d.day.toordinal() - d.day.weekday())
        buckets.setdefault(start, []).append(d.value)
    # A week's steps are shown as the average day of that week, so periods compare fairly.
    return [(k, sum(v) / len(v)) for k, v in sorted(buckets.items())]


def plot_metric(ax: Any, fact: MetricFact, period: str = "day") -> None:
    """Plot a wearable metric by day, week or month (bars for totals, a line for means)."""
    points = group_days(fact.days, period)
    xs = [datetime.combine(d, datetime.min.time()) for d, _ in points]
    ys = [v for _, v in points]
    if fact.summed:
        width = {"day": 0.8, "week": 5.5, "month": 24}[period]
        ax.bar(xs, ys, width=width, color=LINE, alpha=0.85)
    else:
        ax.plot(xs, ys, color=LINE, linewidth=1.4, marker="o" if len(xs) < 60 else None,
                markersize=3)
    if fact.range and (fact.range.low is not None or fact.range.high is not None):
        low = fact.range.low if fact.range.low is not None else min(ys)
        high = fact.range.high if fact.range.high is not None else max(ys)
        ax.axhspan(low, high, color=BAND, alpha=0.12, label="Typical range")
        ax.legend(loc="best", fontsize=8, frameon=False)
    per = {"day": "per day", "week": "average day, by week", "month": "average day, by month"}
    if fact.metric in SLEEP:  # sleep days are nights, dated by the morning they end
        per = {"day": "per night", "week": "average night, by week",
               "month": "average night, by month"}
    ax.set_title(f"{fact.label} ({per[period]})", loc="left", fontsize=11, fontweight="bold")
    ax.set_ylabel(display_unit(fact.unit) or "count")
    ax.grid(True, axis="y", color="#d0d0d0", linewidth=0.6)


def make_canvas(parent: Any = None) -> Any:
    """A ChartCanvas (imports matplotlib's Qt backend on first use)."""
    from healthbook.ui.chart_canvas import ChartCanvas

    return ChartCanvas(parent)

