"""Trend arithmetic over a series of dated values (pure functions, no I/O)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from healthbook.i18n import _, format_percent, ngettext

SECONDS_PER_YEAR = 365.25 * 86_400
SIGNIFICANT_CHANGE = 0.10  # a 10% change between first and last is worth saying
MIN_SPAN_DAYS = 30


@dataclass(frozen=True, slots=True)
class Trend:
    """How a series moved: change, least-squares slope per year and its standard error."""

    n: int
    first: float
    last: float
    change: float
    percent: float | None
    days: float
    slope_per_year: float | None
    slope_se: float | None
    significant: bool

    @property
    def direction(self) -> str:
        """'rose', 'fell' or 'stayed about the same'."""
        if not self.significant:
            return "stayed about the same"
        return "rose" if self.change > 0 else "fell"


def trend(points: Sequence[tuple[float, float]]) -> Trend | None:
    """Trend of (unix seconds, value) points in time order; None for fewer than two."""
    if len(points) < 2:
        return None
    times = [t for t, _ in points]
    values = [v for _, v in points]
    first, last = values[0], values[-1]
    change = last - first
    percent = None if first == 0 else change / abs(first)
    days = (times[-1] - times[0]) / 86_400
    slope, se = _least_squares(times, values)
    big_enough = percent is not None and abs(percent) >= SIGNIFICANT_CHANGE
    long_enough = days >= MIN_SPAN_DAYS
    consistent = len(points) < 3 or (slope is not None and se is not None and
                                     (se == 0 or abs(slope) >= 2 * se) and
                                     (slope > 0) == (change > 0))
    return Trend(len(points), first, last, change, percent, days, slope, se,
                 big_enough and long_enough and consistent)


def _least_squares(times: list[float], values: list[float]) -> tuple[float | None,
                                                                     float | None]:
    n = len(times)
    t0 = times[0]
    xs = [(t - t0) / SECONDS_PER_YEAR for t in times]
    mean_x, mean_y = sum(xs) / n, sum(values) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    if sxx == 0:
        return None, None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, values, strict=True)) / sxx
    if n < 3:
        return slope, None
    intercept = mean_y - slope * mean_x
    residual = sum((y - (intercept + slope * x)) ** 2 for x, y in zip(xs, values, strict=True))
    return slope, math.sqrt(residual / (n - 2) / sxx)


def months_between(days: float) -> str:
    """'14 months', '3 weeks', '2 years' — the span in words."""
    if days >= 730:
        n = int(f"{days / 365.25:.0f}")
        return ngettext("{n} year", "{n} years", n).format(n=n)
    if days >= 60:
        n = int(f"{days / 30.44:.0f}")
        return ngettext("{n} month", "{n} months", n).format(n=n)
    if days >= 14:
        n = int(f"{days / 7:.0f}")
        return ngettext("{n} week", "{n} weeks", n).format(n=n)
    n = int(f"{days:.0f}")
    return ngettext("{n} day", "{n} days", n).format(n=n)


def statement(name: str, t: Trend, unit: str, key: str | None = None,
              ucum: str | None = None) -> str:
    """'LDL cholesterol rose 22% over 14 months (4 results, 130 to 159 mg/dL).' Values are
    rounded as the test is read when its UCUM unit (and analyte key) are given."""
    from healthbook.clinical.display import number
    from healthbook.i18n import localise_number

    span = months_between(t.days)
    first, last = (number(t.first, ucum, key), number(t.last, ucum, key)) if ucum else \
        (localise_number(f"{t.first:.4g}"), localise_number(f"{t.last:.4g}"))
    numbers = ngettext("{n} result, {first} to {last} {unit}",
                       "{n} results, {first} to {last} {unit}", t.n).format(
        n=t.n, first=first, last=last, unit=unit).rstrip()
    if t.significant and t.percent is not None:
        said = _("{name} rose {percent} over {span} ({numbers}).") if t.change > 0 else \
            _("{name} fell {percent} over {span} ({numbers}).")
        return said.format(name=name, percent=format_percent(abs(t.percent)), span=span,
                           numbers=numbers)
    return _("{name} stayed about the same over {span} ({numbers}).").format(
        name=name, span=span, numbers=numbers)
