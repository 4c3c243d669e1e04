"""One trend chart for the screen and for print: a pure plotting function over a series.

`plot_series(ax, series, theme)` draws on any matplotlib Axes (the app's Qt canvas, the visit
sheet's PDF page, a test's headless Figure), so the screen, dark mode and paper show the same
chart: the values as a line (or bars for daily totals), the reference band with open-ended
ranges ("below 120") shaded to the edge of the chart instead of stretching it, and results
outside the range as diamonds (a shape, so they still show on a black-and-white printer).
No Qt here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from healthbook.clinical.labs import AnalyteFact
from healthbook.clinical.ranges import Flag
from healthbook.clinical.units import UnitMismatch, convert, display_unit
from healthbook.clinical.wearables import SLEEP, Day, MetricFact
from healthbook.i18n import _

FLAGGED = (Flag.HIGH, Flag.LOW, Flag.CRITICAL)
# Many bars are drawn as one collection of lines: a Rectangle per bar is slow past a few hundred.
MANY_BARS = 150


@dataclass(frozen=True)
class Theme:
    """The chart's colours and sizes; the screen derives its own from the palette."""

    background: str
    ink: str  # tick labels and titles
    muted: str  # axis lines, notes
    grid: str
    line: str
    band: str
    band_alpha: float
    alert: str
    font: float = 9.0
    marker: float = 5.0
    ticks: int = 6  # at most this many dates on the time axis


LIGHT = Theme("#ffffff", "#1f2328", "#6e7781", "#e4e7eb", "#1f5fa8", "#2e7d32", 0.13, "#b3261e")
DARK = Theme("#2b2d30", "#e6e6e6", "#9aa0a6", "#3d4046", "#7cb2ff", "#66bb6a", 0.16, "#ff8a80")
PRINT = Theme("#ffffff", "#111111", "#555555", "#e6e6e6", "#111111", "#9e9e9e", 0.35, "#111111",
              font=6.0, marker=3.5, ticks=4)


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """One value on the chart."""

    when: datetime
    value: float
    out_of_range: bool = False
    record_id: int | None = None
    label: str = ""  # the value as people read it ("132 mmHg"), for hover


@dataclass(frozen=True)
class Series:
    """What one chart shows."""

    title: str
    unit: str  # as people read it ("mg/dL", "steps")
    points: Sequence[SeriesPoint]
    low: float | None = None
    high: float | None = None
    band_label: str = ""
    bars: bool = False
    bar_days: float = 0.8  # width of a bar, in days

    @property
    def has_band(self) -> bool:
        """True when a reference range (closed or open-ended) is known."""
        return self.low is not None or self.high is not None


def when_of(text: str) -> datetime:
    """A stored date or date-time as a naive datetime (the day is what a chart shows)."""
    return datetime.fromisoformat(text[:19]) if "T" in text else datetime.fromisoformat(text[:10])


def analyte_series(fact: AnalyteFact, unit: str | None = None) -> Series:
    """An analyte's results (in `unit` when given and convertible) with its range."""
    from healthbook.clinical.display import quantity

    unit = unit or fact.unit

    def shown(value: float) -> float:
        if unit == fact.unit:
            return value
        from healthbook.clinical.reference import analytes

        return convert(value, fact.unit, unit, analytes().get(fact.key))

    key = fact.key if "|" not in fact.key else None
    points = [SeriesPoint(when_of(p.when), v := shown(p.value), p.flag in FLAGGED, p.record_id,
                          quantity(v, unit, key)) for p in fact.points]
    low = high = None
    if fact.range is not None:
        try:
            low = shown(fact.range.low) if fact.range.low is not None else None
            high = shown(fact.range.high) if fact.range.high is not None else None
        except UnitMismatch:
            low = high = None
    return Series(fact.name, display_unit(unit), points, low, high, _("Normal range"))


def group_days(days: Sequence[Day], period: str) -> list[tuple[date, float]]:
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


def metric_title(fact: MetricFact, period: str) -> str:
    """'Steps (average day, by week)', 'Sleep (per night)'."""
    if fact.metric in SLEEP:  # sleep days are nights, dated by the morning they end
        per = {"day": _("per night"), "week": _("average night, by week"),
               "month": _("average night, by month")}
    else:
        per = {"day": _("per day"), "week": _("average day, by week"),
               "month": _("average day, by month")}
    return f"{fact.label} ({per[period]})"


def metric_series(fact: MetricFact, period: str = "day", since: date | None = None,
                  unit_label: str | None = None) -> Series:
    """A wearable metric by day, week or month (bars for daily totals, a line for means),
    from `since` on when given (folding only the days shown keeps long ranges fast)."""
    from healthbook.clinical.wearables import fmt

    days = fact.days if since is None else [d for d in fact.days if d.day >= since]
    unit = unit_label if unit_label is not None else display_unit(fact.unit)
    points = [SeriesPoint(datetime.combine(d, datetime.min.time()), v, False, None,
                          f"{fmt(v)} {unit}".strip()) for d, v in group_days(days, period)]
    low = fact.range.low if fact.range else None
    high = fact.range.high if fact.range else None
    return Series(metric_title(fact, period), unit, points, low, high, _("Typical range"),
                  bars=fact.summed, bar_days={"day": 0.8, "week": 5.5, "month": 24}[period])


def value_limits(series: Series, start: datetime | None = None,
                 end: datetime | None = None) -> tuple[float, float]:
    """The value axis for the points between `start` and `end`: the data with a margin, and the
    finite edges of the range, so that an open-ended range never flattens the line."""
    values = [p.value for p in series.points if (start is None or p.when >= start) and
              (end is None or p.when <= end)] or [p.value for p in series.points] or [0.0]
    lo, hi = min(values), max(values)
    for edge in (series.low, series.high):
        if edge is not None:
            lo, hi = min(lo, edge), max(hi, edge)
    pad = (hi - lo) * 0.12 or abs(hi) * 0.1 or 1.0
    lo, hi = lo - pad, hi + pad
    if series.bars or (min(values) >= 0 and lo < 0):
        lo = 0.0  # totals start at zero; nothing below zero is drawn for positive values
    return lo, hi


def time_limits(series: Series, start: datetime | None, end: datetime | None
                ) -> tuple[datetime, datetime]:
    """The time axis: the chosen window, else the data's span with a small margin."""
    if start is not None and end is not None:
        return start, end
    whens = [p.when for p in series.points] or [datetime.now()]
    first, last = min(whens), max(whens)
    pad = max((last - first) * 0.04, timedelta(days=series.bar_days if series.bars else 3))
    return (start or first - pad), (end or last + pad)


def plot_series(ax: Any, series: Series, theme: Theme = LIGHT, *,
                start: datetime | None = None, end: datetime | None = None,
                title: str | bool = False, legend: bool = True,
                ylabel: bool = True) -> list[SeriesPoint]:
    """Draw `series` on `ax` between `start` and `end` (all of it when None); `title` True
    puts the series' title and unit above the chart, a string puts that text.

    `ylabel` False leaves the unit out (small charts whose heading says it). Returns the points
    drawn, for hover and click. The data line is the first line on the axes.
    """
    import matplotlib.dates as mdates

    ax.set_facecolor(theme.background)
    x0, x1 = time_limits(series, start, end)
    y0, y1 = value_limits(series, x0, x1)
    shown = [p for p in series.points if x0 <= p.when <= x1]
    xs = [p.when for p in series.points]
    ys = [p.value for p in series.points]
    if series.bars and len(series.points) > MANY_BARS:
        ax.vlines(xs, 0, ys, color=theme.line, linewidth=1.2, alpha=0.9, zorder=3)
    elif series.bars:
        ax.bar(xs, ys, width=series.bar_days, color=theme.line, alpha=0.85, zorder=3)
    else:
        ax.plot(xs, ys, color=theme.line, linewidth=1.6, zorder=3, solid_capstyle="round",
                marker="o" if len(shown) <= 60 else None, markersize=theme.marker,
                markerfacecolor=theme.line, markeredgecolor=theme.background,
                markeredgewidth=theme.marker * 0.12)
    if series.has_band:
        band_lo = series.low if series.low is not None else y0
        band_hi = series.high if series.high is not None else y1
        ax.axhspan(band_lo, band_hi, color=theme.band, alpha=theme.band_alpha, linewidth=0,
                   zorder=1, label=series.band_label or None)
    out = [p for p in series.points if p.out_of_range]
    if out:
        ax.scatter([p.when for p in out], [p.value for p in out], marker="D",
                   s=(theme.marker * 2.2) ** 2, color=theme.alert, edgecolors=theme.background,
                   linewidths=0.8, zorder=4, label=_("Outside the range"))
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    if not shown:
        ax.text(0.5, 0.5, _("No values in this period"), transform=ax.transAxes, ha="center",
                va="center", color=theme.muted, fontsize=theme.font + 1)
    _style_axes(ax, theme)
    locator = mdates.AutoDateLocator(minticks=2, maxticks=theme.ticks)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))
    ax.ticklabel_format(axis="y", style="plain", useOffset=False)  # 125, not 1.25 ×10²
    if series.unit and ylabel:
        ax.set_ylabel(series.unit, color=theme.muted, fontsize=theme.font)
    if title:
        ax.set_title(title if isinstance(title, str) else f"{series.title} ({series.unit})",
                     loc="left", fontsize=theme.font + 1, color=theme.ink)
    if legend and ax.get_legend_handles_labels()[0]:
        # Above the plot, not over the values.
        ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), fontsize=theme.font - 1,
                  frameon=False, labelcolor=theme.muted, ncols=2, handlelength=1.2,
                  borderaxespad=0.1)
    return shown


def _style_axes(ax: Any, theme: Theme) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(theme.grid)
    ax.tick_params(colors=theme.muted, labelcolor=theme.ink, labelsize=theme.font, length=3)
    ax.grid(True, axis="y", color=theme.grid, linewidth=0.7, zorder=0)
    ax.set_axisbelow(True)
