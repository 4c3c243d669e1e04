"""Wearable metrics as small multiples: one card per metric (steps, heart rate, weight, sleep…)
with its chart over the chosen time range, by day, week or month, and a plain sentence under
it. The values come from the daily series the snapshot holds (the vault's hourly rollup), so
changing the range or the period redraws without reading the vault."""

from __future__ import annotations

import html
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from healthbook.clinical.wearables import SLEEP, MetricFact
from healthbook.ui.formatting import (
    date_with_age,
    hours_minutes,
    local_date,
    month_year,
    number,
)
from healthbook.ui.icons import follow_palette, pixmap
from healthbook.ui.range_buttons import SegmentedButtons, periods, time_ranges, window
from healthbook.ui.session import PersonData, Session
from healthbook.ui.style import XS, L, M, S, tone
from healthbook.ui.tiles import TileGrid

THREE_MONTHS = 0
CHART_HEIGHT = 190  # every small multiple the same size, so they compare at a glance
METRIC_ICONS = {"steps": "steps", "heart_rate": "heart", "resting_heart_rate": "heart",
                "walking_heart_rate": "heart", "hrv_sdnn": "heart", "hrv_rmssd": "heart",
                "body_weight": "weight", "bmi": "weight", "sleep": "sleep",
                "sleep_in_bed": "sleep", "sleep_awake": "sleep", "bp_systolic": "pressure",
                "bp_diastolic": "pressure"}
LATEST_ONLY = {"body_weight", "bmi", "body_height", "vo2_max"}  # read one at a time
# Counted or read in whole numbers: 9,815 steps, 58 bpm (not 58.6).
WHOLE = {"steps", "heart_rate", "resting_heart_rate", "walking_heart_rate", "hrv_sdnn",
         "hrv_rmssd", "flights_climbed", "active_energy", "basal_energy", "exercise_minutes",
         "stand_minutes", "dietary_energy", "activity_move", "activity_exercise",
         "activity_stand_hours", "bp_systolic", "bp_diastolic", "respiratory_rate",
         "oxygen_saturation", "mindful_minutes"}


def metric_number(fact: MetricFact, value: float) -> str:
    """A metric's value as people read it: '9,815', '58', '80.8', '6 h 52 min'."""
    if fact.metric in SLEEP:
        return hours_minutes(value)
    if fact.metric in WHOLE or abs(value) >= 100:
        return number(value, 0)
    return number(value, 1 if abs(value) >= 1 else 2)


def unit_words(fact: MetricFact) -> str:
    """The unit as people say it next to a number: 'steps', 'bpm', 'h', 'kg'."""
    from PySide6.QtCore import QCoreApplication

    def tr(text: str) -> str:
        return QCoreApplication.translate("WellnessView", text)

    if fact.metric == "steps":
        return tr("steps")
    if fact.unit in ("/min", "{beats}/min"):
        return tr("bpm")
    if fact.metric in SLEEP:
        return ""  # '6 h 52 min' says it
    if fact.metric == "flights_climbed":
        return tr("floors")
    from healthbook.clinical.units import display_unit

    return display_unit(fact.unit)


def mean_between(fact: MetricFact, start: date, end: date) -> tuple[float | None, int]:
    """The mean daily value from `start` to `end` (exclusive) and how many days had data."""
    values = [d.value for d in fact.days if start <= d.day < end]
    return (sum(values) / len(values) if values else None), len(values)


class MetricCard(QFrame):
    """One metric: its name and headline value, a chart and a sentence."""

    def __init__(self, fact: MetricFact, sources: list[str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.fact = fact
        self._sources = sources or []
        self._period = "day"
        self.setAccessibleName(fact.label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(L, M, L, M)
        layout.setSpacing(XS)
        head = QHBoxLayout()
        head.setSpacing(S)
        self.icon = QLabel()
        self.icon.setPixmap(pixmap(METRIC_ICONS.get(fact.metric, "wellness"), 18))
        self.title = QLabel(fact.label)
        self.title.setObjectName("heading")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        head.addWidget(self.icon)
        head.addWidget(self.title)
        head.addStretch(1)
        self.value = QLabel()
        self.value.setObjectName("figure")
        self.value.setTextFormat(Qt.TextFormat.PlainText)
        self.unit = QLabel()
        self.unit.setObjectName("unit")
        self.unit.setTextFormat(Qt.TextFormat.PlainText)
        head.addWidget(self.value)
        head.addWidget(self.unit, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(head)
        self.note = QLabel()
        self.note.setObjectName("caption")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.note)
        from healthbook.ui.charts import make_canvas

        self.canvas = make_canvas(self, height=2.2)
        self.canvas.setFixedHeight(CHART_HEIGHT)
        self.canvas.describe = self._tip
        self.canvas.canvas.setAccessibleName(self.tr("{metric} chart").format(metric=fact.label))
        layout.addWidget(self.canvas, 1)
        self.sentence = QLabel()
        self.sentence.setTextFormat(Qt.TextFormat.PlainText)  # text from records: no markup
        self.sentence.setWordWrap(True)
        self.sentence.setAccessibleName(self.tr("What {metric} says").format(metric=fact.label))
        layout.addWidget(self.sentence)
        self.band = QLabel()
        self.band.setObjectName("caption")
        self.band.setTextFormat(Qt.TextFormat.PlainText)
        if fact.range is not None and (fact.range.low is not None or fact.range.high is not None):
            from healthbook.ui.views.labs import range_words

            self.band.setText(self.tr("Green band: the typical range, {range}.").format(
                range=range_words(fact.range.low, fact.range.high, fact.unit).replace(
                    "/min", unit_words(fact))))
        layout.addWidget(self.band)
        self.band.setVisible(bool(self.band.text()))
        layout.addStretch(1)
        # As tall as the tallest card of its row: the charts of a row line up.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._headline()

    def _headline(self) -> None:
        fact = self.fact
        words = unit_words(fact)
        if fact.metric in LATEST_ONLY or fact.last_7 is None:
            value, when = fact.latest.value, fact.latest.day.isoformat()
            shown, old = date_with_age(when)
            note = shown
        else:
            value, old = fact.last_7, False
            note = self.tr("average night, last 7 nights") if fact.metric in SLEEP else \
                self.tr("a day, average of the last 7 days") if fact.summed else \
                self.tr("average of the last 7 days")
            stale, old = date_with_age(fact.latest.day.isoformat())
            if old:
                note = self.tr("{note}, until {date}").format(note=note, date=stale)
        shown = metric_number(fact, value)
        self.value.setText(shown)
        self.unit.setText(words)
        self.note.setText(note)
        self.note.setStyleSheet(f"color: {tone('old')};" if old else "")
        self.setAccessibleDescription(" ".join(f"{shown} {words}, {note}".split()))

    def draw(self, days: int | None, period: str) -> None:
        """Chart the chosen range by the chosen period, and say what it shows."""
        from healthbook.ui.charts import metric_series

        self._period = period
        start, end = window(days)
        since = start.date() - timedelta(days=31) if start is not None else None
        series = metric_series(self.fact, period, since, unit_words(self.fact))
        self.canvas.show_series(series, start, end, legend=False, ylabel=False)
        self.sentence.setText(self.sentence_for(days))

    def _tip(self, point: Any) -> str:
        """The hover tip: the value, the day (or week, or month) and where it came from."""
        esc = html.escape
        day = point.when.date()
        when = {"week": self.tr("week of {date}").format(date=local_date(day)),
                "month": month_year(day)}.get(self._period, local_date(day))
        per = {"week": self.tr("average day"), "month": self.tr("average day")}
        if self.fact.metric in SLEEP:
            per = {"week": self.tr("average night"), "month": self.tr("average night")}
        value = f"{metric_number(self.fact, point.value)} {unit_words(self.fact)}".strip()
        lines = [f"<b>{esc(value)}</b>" + (f" · {esc(per[self._period])}"
                                            if self._period in per else ""), esc(when)]
        if self._sources:
            lines.append(esc(self.tr("from {sources}").format(sources=", ".join(
                self._sources))))
        return "<br>".join(lines)

    def sentence_for(self, days: int | None) -> str:
        """A plain sentence about the chosen range, compared with the one before it."""
        fact = self.fact
        if days is None:
            return fact.statement
        end = date.today() + timedelta(days=1)
        start = end - timedelta(days=days)
        now, seen = mean_between(fact, start, end)
        before, seen_before = mean_between(fact, start - timedelta(days=days), start)
        span = {91: self.tr("the last 3 months"), 365: self.tr("the last year"),
                1826: self.tr("the last 5 years")}.get(days, self.tr("this period"))
        if now is None:
            shown, _old = date_with_age(fact.latest.day.isoformat())
            return self.tr("No {metric} recorded in {span}; the latest is from {date}.").format(
                metric=fact.label.lower(), span=span, date=shown)
        words = unit_words(fact)
        per = self.tr("a night") if fact.metric in SLEEP else \
            self.tr("a day") if fact.summed else ""
        said = self.tr("{metric}: {value} {unit} {per} on average over {span}").format(
            metric=fact.label, value=metric_number(fact, now), unit=words, per=per, span=span)
        said = " ".join(said.split())
        if before is not None and seen_before >= max(3, seen // 2):
            change = (now - before) / abs(before) if before else 0.0
            if abs(change) < 0.03:
                return self.tr("{said}, about the same as the period before.").format(said=said)
            direction = self.tr("up") if change > 0 else self.tr("down")
            return self.tr("{said}, {direction} {percent}% from the period before "
                           "({before}).").format(said=said, direction=direction,
                                                 percent=f"{abs(change) * 100:.0f}",
                                                 before=metric_number(fact, before))
        return f"{said}."

    def set_selected(self, selected: bool) -> None:
        """Outline the card (it was opened from the Overview)."""
        self.setProperty("selected", selected)
        self.style().unpolish(self)
        self.style().polish(self)


class WellnessView(QWidget):
    """The time range and period, then one card per metric."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._metrics: list[MetricFact] = []
        self._sources: dict[int, str] = {}
        self._dirty = False
        self.cards: list[MetricCard] = []
        title = QLabel(self.tr("Activity and sleep"))
        title.setObjectName("pageTitle")
        self.ranges = SegmentedButtons(time_ranges(), self.tr("Time range"),
                                       current=THREE_MONTHS)
        self.period = SegmentedButtons(periods(), self.tr("Period"))
        bar = QHBoxLayout()
        bar.setSpacing(M)
        bar.addWidget(title)
        bar.addStretch(1)
        bar.addWidget(self.ranges)
        bar.addSpacing(S)
        bar.addWidget(self.period)
        self.grid = TileGrid(min_width=440)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        inner_layout.setContentsMargins(0, 0, S, 0)
        inner_layout.addWidget(self.grid)
        inner_layout.addStretch(1)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidget(inner)
        self.empty = QLabel(self.tr(
            "<h3>No activity or sleep data yet</h3><p>Import an Apple Health export "
            "(export.zip) or an Android Health Connect export (Import, in the side bar) to see "
            "steps, heart rate, weight and sleep here.</p>"))
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.scroller)
        self.pages.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(L, M, L, M)
        layout.setSpacing(M)
        layout.addLayout(bar)
        layout.addWidget(self.pages, 1)
        self.ranges.currentIndexChanged.connect(lambda _i: self.redraw())
        self.period.currentIndexChanged.connect(lambda _i: self.redraw())
        session.data_ready.connect(self.show_data)
        session.locked.connect(lambda: self.show_data(None))
        follow_palette(self._palette_changed)

    def _palette_changed(self, _palette: QPalette) -> None:
        """Cards again, with icons and notes in the new palette's colours."""
        self._dirty = bool(self._metrics)
        if self.isVisible():
            self._build()

    @property
    def canvas(self) -> Any:
        """The first card's chart (None before the page was shown)."""
        return self.cards[0].canvas if self.cards else None

    def show_data(self, data: PersonData | None) -> None:
        """Show a snapshot's metrics (charts are drawn when the page is on screen)."""
        self._metrics = list(data.facts.metrics) if data else []
        self._sources = {src.id: src.file_name for src in data.sources} if data else {}
        self.cards = []
        self.grid.set_tiles([])
        self.pages.setCurrentIndex(0 if self._metrics or data is None else 1)
        self._dirty = bool(self._metrics)
        if self.isVisible():
            self._build()

    def _build(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        self.cards = [MetricCard(m, [self._sources[i] for i in m.source_ids
                                     if i in self._sources]) for m in self._metrics]
        self.grid.set_tiles(self.cards)
        self.redraw()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._build()

    def redraw(self) -> None:
        """Draw every card for the chosen range and period."""
        days, period = self.ranges.currentData(), self.period.currentData()
        for card in self.cards:
            card.draw(days, period)

    def reveal(self, metric: str) -> bool:
        """Bring the card of `metric` into view and outline it."""
        self._build()
        found = False
        for card in self.cards:
            chosen = card.fact.metric == metric
            card.set_selected(chosen)
            if chosen:
                found = True
                QTimer.singleShot(0, self, lambda c=card: self._focus(c))
        return found

    def _focus(self, card: MetricCard) -> None:
        self.scroller.ensureWidgetVisible(card, 0, M)
        card.canvas.canvas.setFocus(Qt.FocusReason.OtherFocusReason)
