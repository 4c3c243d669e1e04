"""Wearable metrics -> daily series and facts, from the vault's hourly rollup.

Days are the user's local calendar days (the machine's time zone, daylight saving included):
each UTC hour bucket is assigned to the local date it starts on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from healthbook.clinical.ranges import Flag, flag
from healthbook.clinical.reference import Analyte, Range, analytes
from healthbook.clinical.trends import Trend, months_between, trend
from healthbook.clinical.units import display_unit
from healthbook.i18n import _, format_percent, localise_number

# Metrics whose daily value is a total (steps walked in a day); the rest are averages.
SUMMED = {
    "steps", "active_energy", "basal_energy", "distance_walking_running", "distance_cycling",
    "distance",
    "flights_climbed", "exercise_minutes", "stand_minutes", "dietary_energy", "dietary_water",
    "dietary_fat", "dietary_carbohydrates", "dietary_protein", "dietary_sodium",
    "dietary_sugar", "dietary_fiber", "dietary_cholesterol", "activity_move",
    "activity_exercise", "activity_stand_hours", "mindful_minutes", "stand_hour",
}
LABELS = {
    "steps": "Steps", "heart_rate": "Heart rate", "resting_heart_rate": "Resting heart rate",
    "walking_heart_rate": "Walking heart rate", "hrv_sdnn": "Heart rate variability",
    "active_energy": "Active energy", "basal_energy": "Resting energy",
    "distance_walking_running": "Walking + running distance", "body_weight": "Weight",
    "bp_systolic": "Systolic blood pressure", "bp_diastolic": "Diastolic blood pressure",
    "blood_glucose": "Blood glucose", "oxygen_saturation": "Oxygen saturation",
    "sleep": "Sleep", "exercise_minutes": "Exercise minutes",
    "flights_climbed": "Flights climbed", "body_temperature": "Body temperature",
    "respiratory_rate": "Respiratory rate", "bmi": "Body mass index",
    "activity_move": "Move (active energy)", "activity_exercise": "Exercise (activity rings)",
    "activity_stand_hours": "Stand hours", "dietary_energy": "Food energy",
    "distance": "Distance", "hrv_rmssd": "Heart rate variability (RMSSD)",
    "body_height": "Height", "vo2_max": "VO2 max", "sleep_in_bed": "Time in bed",
    "sleep_awake": "Awake at night", "dietary_protein": "Protein", "dietary_fat": "Fat",
    "dietary_carbohydrates": "Carbohydrates", "dietary_sugar": "Sugar",
    "dietary_fiber": "Fibre", "dietary_sodium": "Sodium",
    "dietary_cholesterol": "Cholesterol in food", "dietary_water": "Water",
}


def metric_label(metric: str) -> str:
    """A wearable metric's name in the current language ('Steps', 'Pas')."""
    labels = {
        "steps": _("Steps"), "heart_rate": _("Heart rate"),
        "resting_heart_rate": _("Resting heart rate"),
        "walking_heart_rate": _("Walking heart rate"), "hrv_sdnn": _("Heart rate variability"),
        "active_energy": _("Active energy"), "basal_energy": _("Resting energy"),
        "distance_walking_running": _("Walking + running distance"),
        "body_weight": _("Weight"), "bp_systolic": _("Systolic blood pressure"),
        "bp_diastolic": _("Diastolic blood pressure"), "blood_glucose": _("Blood glucose"),
        "oxygen_saturation": _("Oxygen saturation"), "sleep": _("Sleep"),
        "exercise_minutes": _("Exercise minutes"), "flights_climbed": _("Flights climbed"),
        "body_temperature": _("Body temperature"), "respiratory_rate": _("Respiratory rate"),
        "bmi": _("Body mass index"), "activity_move": _("Move (active energy)"),
        "activity_exercise": _("Exercise (activity rings)"),
        "activity_stand_hours": _("Stand hours"), "dietary_energy": _("Food energy"),
        "distance": _("Distance"), "hrv_rmssd": _("Heart rate variability (RMSSD)"),
        "body_height": _("Height"), "vo2_max": _("VO2 max"), "sleep_in_bed": _("Time in bed"),
        "sleep_awake": _("Awake at night"), "dietary_protein": _("Protein"),
        "dietary_fat": _("Fat"), "dietary_carbohydrates": _("Carbohydrates"),
        "dietary_sugar": _("Sugar"), "dietary_fiber": _("Fibre"),
        "dietary_sodium": _("Sodium"), "dietary_cholesterol": _("Cholesterol in food"),
        "dietary_water": _("Water"),
    }
    return labels.get(metric) or LABELS.get(metric, metric.replace("_", " ").capitalize())


# Sleep metrics: a day's value is the hours recorded. Time in bed and awake time are kept
# apart from sleep, so that a night with both "in bed" and "asleep" records is not doubled.
SLEEP = {"sleep", "sleep_in_bed", "sleep_awake"}
METRIC_ANALYTE = {"blood_glucose": "glucose", "bp_systolic": "systolic",
                  "bp_diastolic": "diastolic"}


@dataclass(frozen=True, slots=True)
class Day:
    """One local day of a metric."""

    day: date
    value: float  # total for summed metrics, mean otherwise
    n: int
    lo: float
    hi: float


@dataclass
class MetricFact:
    """What the daily series of one wearable metric says."""

    metric: str
    label: str
    unit: str
    summed: bool
    days: list[Day]
    last_7: float | None
    last_30: float | None
    previous_30: float | None
    change_30: float | None
    trend: Trend | None
    out_of_range_share: float | None
    range: Range | None
    statement: str
    source_ids: list[int]

    @property
    def latest(self) -> Day:
        """The most recent day with data."""
        return self.days[-1]


def local_day(hour: int) -> date:
    """The local calendar date of a UTC hour bucket."""
    return datetime.fromtimestamp(hour * 3600).date()


def daily(hourly: Sequence[tuple[int, int, float, float, float, int]], summed: bool,
          use_seconds: bool = False) -> list[Day]:
    """Fold hourly (hour, n, total, lo, hi, seconds) rows into local days."""
    days: dict[date, list[float]] = {}
    for hour, n, total, lo, hi, seconds in hourly:
        day = local_day(hour)
        acc = days.get(day)
        amount = seconds / 3600 if use_seconds else total
        if acc is None:
            days[day] = [n, amount, lo, hi]
        else:
            acc[0] += n
            acc[1] += amount
            acc[2] = min(acc[2], lo)
            acc[3] = max(acc[3], hi)
    out = []
    for day, (count, day_total, lo, hi) in sorted(days.items()):
        value = day_total if summed or use_seconds else day_total / count
        out.append(Day(day, value, int(count), lo, hi))
    return out


def sleep_days(intervals: Sequence[tuple[int, int]]) -> list[Day]:
    """Hours of sleep per night from (start, duration) records, in time order.

    Records that overlap (two apps, or a watch and a phone, recording the same night) are
    merged first, so no minute counts twice; a night belongs to the local date it ends on
    (the morning), not split at midnight. `n` is the number of merged stretches.
    """
    merged: list[list[int]] = []
    for start, duration in intervals:
        end = start + max(0, duration)
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    nights: dict[date, list[float]] = {}
    for start, end in merged:
        night = nights.setdefault(datetime.fromtimestamp(end).date(), [0, 0.0])
        night[0] += 1
        night[1] += (end - start) / 3600
    return [Day(day, hours, int(n), hours, hours) for day, (n, hours) in sorted(nights.items())]


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def metric_fact(metric: str, unit: str, hourly: Sequence[tuple[int, int, float, float, float,
                                                             int]],
                source_ids: list[int], sex: str | None = None,
                days: list[Day] | None = None) -> MetricFact | None:
    """The fact for one metric (None when it has no data). `days` replaces the days folded
    from the hourly rollup (sleep_days gives them for sleep metrics)."""
    is_sleep = metric in SLEEP
    summed = metric in SUMMED
    if days is None:
        days = daily(hourly, summed, use_seconds=is_sleep)
    if not days:
        return None
    label = metric_label(metric)
    shown_unit = "h" if is_sleep else "" if unit in ("count", "1") else unit
    end = days[-1].day

    def window(start: int, stop: int) -> list[float]:
        lo, hi = end - timedelta(days=stop - 1), end - timedelta(days=start)
        return [d.value for d in days if lo <= d.day <= hi]

    last_7, last_30, previous_30 = (_mean(window(0, 7)), _mean(window(0, 30)),
                                    _mean(window(30, 60)))
    change = None
    if last_30 is not None and previous_30:
        change = (last_30 - previous_30) / abs(previous_30)
    series = [(datetime.combine(d.day, datetime.min.time()).timestamp(), d.value) for d in days]
    moved = trend(series) if not summed else None
    analyte = _analyte(metric)
    rng = analyte.default_range(sex) if analyte else None
    out_share = _out_of_range(hourly, rng) if rng else None
    said = _statement(label, display_unit(shown_unit), summed, days, last_30, previous_30,
                      change, moved)
    return MetricFact(metric, label, shown_unit, summed, days, last_7, last_30, previous_30,
                      change, moved, out_share, rng, said, source_ids)


def _analyte(metric: str) -> Analyte | None:
    key = METRIC_ANALYTE.get(metric, metric)
    found = analytes().get(key)
    return found if found and found.metric in (None, metric) else None


def _out_of_range(hourly: Sequence[tuple[int, int, float, float, float, int]],
                  rng: Range) -> float | None:
    """Share of hours whose mean lies outside the range."""
    judged = [flag(total / n, rng) for _h, n, total, _lo, _hi, _s in hourly if n]
    if not judged:
        return None
    return sum(f is not Flag.NORMAL for f in judged) / len(judged)


def fmt(value: float) -> str:
    """A number as people read it: 9,815 / 81.2 / 0.95."""
    if abs(value) >= 100:
        return localise_number(f"{value:,.0f}")
    return localise_number(f"{value:.1f}" if abs(value) >= 1 else f"{value:.2g}")


def _statement(label: str, unit: str, summed: bool, days: list[Day], last_30: float | None,
               previous_30: float | None, change: float | None, moved: Trend | None) -> str:
    unit = f" {unit}" if unit else ""
    if change is not None and last_30 is not None and previous_30 is not None \
            and abs(change) >= 0.10:
        if summed:
            said = _("{label} rose {percent} ({before} to {after}{unit} a day on average), "
                     "comparing the last 30 days with the 30 before.") if change > 0 else \
                _("{label} fell {percent} ({before} to {after}{unit} a day on average), "
                  "comparing the last 30 days with the 30 before.")
        else:
            said = _("{label} rose {percent} ({before} to {after}{unit} on average), "
                     "comparing the last 30 days with the 30 before.") if change > 0 else \
                _("{label} fell {percent} ({before} to {after}{unit} on average), "
                  "comparing the last 30 days with the 30 before.")
        return said.format(label=label, percent=format_percent(abs(change)),
                           before=fmt(previous_30), after=fmt(last_30), unit=unit)
    if moved is not None and moved.significant and moved.percent is not None:
        said = _("{label} rose {percent} over {span} ({first} to {last}{unit}).") \
            if moved.change > 0 else \
            _("{label} fell {percent} over {span} ({first} to {last}{unit}).")
        return said.format(label=label, percent=format_percent(abs(moved.percent)),
                           span=months_between(moved.days), first=fmt(moved.first),
                           last=fmt(moved.last), unit=unit)
    value = last_30 if last_30 is not None else days[-1].value
    said = _("{label}: {value}{unit} a day on average over the last 30 days with data.") \
        if summed else _("{label}: {value}{unit} on average over the last 30 days with data.")
    return said.format(label=label, value=fmt(value), unit=unit)
