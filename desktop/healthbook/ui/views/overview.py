"""Overview of one person as highlights: tiles for what matters now (results outside their
range, blood pressure, weight, resting heart rate, sleep, steps), each opening its detail;
current medicines, allergies and conditions by plain name with the record's wording on hover;
and, for a person with no records yet, a first-run guide."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from healthbook.clinical.allergy_check import allergy_notes
from healthbook.clinical.display import blood_pressure, plain_name, quantity
from healthbook.clinical.labs import AnalyteFact
from healthbook.clinical.ranges import Flag
from healthbook.clinical.wearables import MetricFact
from healthbook.i18n import current_language
from healthbook.knowledge import Entry, for_stored
from healthbook.ui.first_run import FirstRunGuide
from healthbook.ui.formatting import date_with_age, local_date
from healthbook.ui.icons import follow_palette, pixmap
from healthbook.ui.lab_rows import analyte_entries, flag_chip, spark_of
from healthbook.ui.session import PersonData, Session
from healthbook.ui.sparkline import Spark
from healthbook.ui.style import XL, L, M, S, tone
from healthbook.ui.tiles import ListCard, ListItem, Tile, TileData, TileGrid
from healthbook.vault import RecordKind, StoredRecord

FLAGGED = (Flag.HIGH, Flag.LOW, Flag.CRITICAL)
# Shown as their own tiles under "Vital signs and activity", not again among the results.
VITAL_KEYS = {"systolic", "diastolic", "body_weight", "heart_rate"}
MAX_ATTENTION = 8
MAX_VISITS = 4
SPARK_DAYS = 30
TILE_WIDTH = 190  # both rows of tiles share one grid, so they line up


def _days_spark(metric: MetricFact, days: int = SPARK_DAYS) -> Spark:
    values = [d.value for d in metric.days[-days:]]
    return Spark(values, bars=metric.summed)


def warm_library() -> None:
    """Load the knowledge library and its name index (no health data involved)."""
    from healthbook.knowledge import search

    search("glucose", limit=1)


class _Heading(QWidget):
    """A section's icon, title and count."""

    def __init__(self, text: str, icon_name: str) -> None:
        super().__init__()
        self._icon_name = icon_name
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(S)
        self.mark = QLabel()
        self.label = QLabel(text)
        self.label.setObjectName("heading")
        self.count = QLabel()
        self.count.setObjectName("hint")
        row.addWidget(self.mark)
        row.addWidget(self.label)
        row.addWidget(self.count)
        row.addStretch(1)
        self.retint()

    def retint(self) -> None:
        """Draw the icon for the current palette."""
        colour = tone("alert") if self._icon_name == "alert" else None
        self.mark.setPixmap(pixmap(self._icon_name, 20, colour))


class OverviewView(QWidget):
    """The person's front page.

    Signals:
    open_lab(str): show this analyte (key) on the Labs page.
    open_metric(str): show this metric on the Wellness page.
    open_labs(): show the Labs page.
    import_requested(), add_person_requested(), demo_requested(): the first-run guide's ways
        forward.
    """

    open_lab = Signal(str)
    open_metric = Signal(str)
    open_labs = Signal()
    import_requested = Signal()
    add_person_requested = Signal()
    demo_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.kiosk = False
        inner = QWidget()
        content = QVBoxLayout(inner)
        content.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        content.setContentsMargins(XL, L, XL, XL)
        content.setSpacing(M)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("hint")
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle.setWordWrap(True)
        content.addWidget(self.title)
        content.addWidget(self.subtitle)
        self._headings: list[_Heading] = []
        self.attention_heading = self._heading(self.tr("Outside the normal range"), "alert")
        content.addSpacing(S)
        content.addWidget(self.attention_heading)
        self.attention = TileGrid(min_width=TILE_WIDTH)
        self.attention.opened.connect(self._open)
        content.addWidget(self.attention)
        self.all_clear = QLabel()
        self.all_clear.setWordWrap(True)
        content.addWidget(self.all_clear)
        self.more = QPushButton()
        self.more.setObjectName("link")
        self.more.clicked.connect(self.open_labs)
        content.addWidget(self.more, 0, Qt.AlignmentFlag.AlignLeft)
        self.vitals_heading = self._heading(self.tr("Vital signs and activity"), "wellness")
        content.addSpacing(S)
        content.addWidget(self.vitals_heading)
        self.vitals = TileGrid(min_width=TILE_WIDTH)
        self.vitals.opened.connect(self._open)
        content.addWidget(self.vitals)
        self.cards: dict[str, ListCard] = {
            "Current medications": ListCard(self.tr("Medicines"), "medicine"),
            "Allergies": ListCard(self.tr("Allergies"), "allergy"),
            "Conditions": ListCard(self.tr("Conditions"), "condition"),
            "Recent visits": ListCard(self.tr("Recent visits"), "visit"),
        }
        self.lists = TileGrid(min_width=240, max_columns=4)
        self.lists.set_tiles(list(self.cards.values()))
        content.addSpacing(S)
        content.addWidget(self.lists)
        content.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.guide: FirstRunGuide | None = None  # made when first needed: start-up stays fast
        self.pages = QStackedWidget()
        self.pages.addWidget(scroll)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self._data: PersonData | None = None
        session.data_ready.connect(self.show_data)
        session.locked.connect(self.clear)
        follow_palette(self._palette_changed)
        # The plain names come from the knowledge library: read it on the session's worker
        # while the passphrase is typed, so that unlocking does not wait for it.
        session.lane.run(lambda _job: warm_library())

    def _first_run_guide(self) -> FirstRunGuide:
        if self.guide is None:
            self.guide = FirstRunGuide()
            self.guide.import_requested.connect(self.import_requested)
            self.guide.add_person_requested.connect(self.add_person_requested)
            self.guide.demo_requested.connect(self.demo_requested)
            self.pages.addWidget(self.guide)
        return self.guide

    def _heading(self, text: str, icon_name: str) -> _Heading:
        heading = _Heading(text, icon_name)
        self._headings.append(heading)
        return heading

    # -- showing ---------------------------------------------------------------------------
    def clear(self) -> None:
        """Forget everything shown."""
        self._data = None
        self.title.clear()
        self.subtitle.clear()
        self.attention.set_tiles([])
        self.vitals.set_tiles([])
        self.all_clear.clear()
        self.more.hide()
        self.attention_heading.count.clear()
        for card in self.cards.values():
            card.clear()
        if self.guide is not None:
            self.guide.title.clear()
        self.pages.setCurrentIndex(0)

    def show_data(self, data: PersonData | None) -> None:
        """Fill the page from a snapshot."""
        if data is None:
            self.clear()
            return
        self._data = data
        facts = data.facts
        if not data.records and not facts.metrics:
            self.clear()
            guide = self._first_run_guide()
            guide.set_person(data.person.name, self.kiosk, self._session.is_demo)
            self.pages.setCurrentWidget(guide)
            return
        self.pages.setCurrentIndex(0)
        self.title.setText(data.person.name)
        self.subtitle.setText(self._about_person(data))
        records = {r.id: r for r in data.records}
        entries = analyte_entries(facts.analytes, records)
        self._show_attention(facts.analytes, entries)
        self._show_vitals(facts.analytes, facts.metrics, entries)
        self._show_lists(data, records)

    def _about_person(self, data: PersonData) -> str:
        dates = [r.record.effective for r in data.records if r.record.effective] + \
            [m.latest.day.isoformat() for m in data.facts.metrics]
        if not dates:
            return ""
        newest = max(d[:10] for d in dates)
        shown, _old = date_with_age(newest)
        return self.tr("Newest record: {date}. Select a tile to see its history.").format(
            date=shown)

    def _show_attention(self, analytes: list[AnalyteFact], entries: dict[str, Entry]) -> None:
        flagged = [a for a in analytes if a.flag in FLAGGED and a.key not in VITAL_KEYS]
        flagged.sort(key=lambda a: a.latest.when, reverse=True)
        flagged.sort(key=lambda a: a.flag is not Flag.CRITICAL)  # stable: newest first within
        tiles = [self._result_tile(a, entries.get(a.key)) for a in flagged[:MAX_ATTENTION]]
        self.attention.set_tiles(tiles)
        self.attention_heading.count.setText(str(len(flagged)) if flagged else "")
        if flagged:
            self.all_clear.clear()
            self.all_clear.hide()
        else:
            self.all_clear.setText(
                self.tr("Every latest result is inside its normal range.") if analytes else
                self.tr("No lab results yet."))
            self.all_clear.show()
        extra = len(flagged) - MAX_ATTENTION
        self.more.setText(self.tr("See %n more in Labs", "", extra) if extra > 0 else
                          self.tr("See every result in Labs"))
        self.more.setVisible(bool(analytes))

    def _result_tile(self, fact: AnalyteFact, entry: Entry | None) -> Tile:
        return Tile(self._result_data(fact, entry))

    def _result_data(self, fact: AnalyteFact, entry: Entry | None) -> TileData:
        name = entry.name(current_language()) if entry is not None else fact.name
        key = fact.key if "|" not in fact.key else None
        shown = quantity(fact.latest.value, fact.unit, key)
        value, _space, unit = shown.partition(" ")
        chip, kind = flag_chip(fact.flag)
        when, old = date_with_age(fact.latest.when)
        description = self.tr("{name}: {value}, {flag}, {date}").format(
            name=name, value=shown, flag=chip.lower(), date=when)
        return TileData(name, value, unit, chip, kind, when, "old" if old else "", "labs",
                        spark_of(fact), ("lab", fact.key), description)

    def _show_vitals(self, analytes: list[AnalyteFact], metrics: list[MetricFact],
                     entries: dict[str, Entry]) -> None:
        by_key = {a.key: a for a in analytes}
        by_metric = {m.metric: m for m in metrics}
        tiles: list[Tile] = []
        pressure = self._pressure_tile(by_key)
        if pressure is not None:
            tiles.append(pressure)
        for metric, key, icon_name in (("body_weight", "body_weight", "weight"),
                                       ("resting_heart_rate", "heart_rate", "heart")):
            tile = self._newest_tile(by_metric.get(metric), by_key.get(key), icon_name, entries)
            if tile is not None:
                tiles.append(tile)
        for metric in ("sleep", "steps"):
            if metric in by_metric:
                tiles.append(self._metric_tile(by_metric[metric]))
        self.vitals.set_tiles(tiles)
        self.vitals_heading.setVisible(bool(tiles))

    def _pressure_tile(self, by_key: dict[str, AnalyteFact]) -> Tile | None:
        systolic, diastolic = by_key.get("systolic"), by_key.get("diastolic")
        if systolic is None or diastolic is None:
            return None
        pairs = {p.when[:10]: p for p in diastolic.points}
        together = [(s, pairs[s.when[:10]]) for s in systolic.points if s.when[:10] in pairs]
        if not together:
            return None
        top, bottom = together[-1]
        shown = blood_pressure(top.value, bottom.value)
        value, _space, unit = shown.partition(" ")
        worst = next((f for f in (Flag.CRITICAL, Flag.HIGH, Flag.LOW)
                      if f in (systolic.flag, diastolic.flag)), None)
        chip, kind = flag_chip(worst) if worst is not None else ("", "")
        when, old = date_with_age(top.when)
        description = self.tr("Blood pressure: {value}, {flag}, {date}").format(
            value=shown, flag=chip.lower() or self.tr("in range"), date=when)
        return Tile(TileData(self.tr("Blood pressure"), value, unit, chip, kind, when,
                             "old" if old else "", "pressure", spark_of(systolic),
                             ("lab", "systolic"), description))

    def _newest_tile(self, metric: MetricFact | None, fact: AnalyteFact | None,
                     icon_name: str, entries: dict[str, Entry]) -> Tile | None:
        """A wearable metric or a recorded vital sign, whichever was measured last."""
        if metric is not None and (fact is None or
                                   metric.latest.day.isoformat() >= fact.latest.when[:10]):
            return self._metric_tile(metric, icon_name)
        if fact is None:
            return None
        data = self._result_data(fact, entries.get(fact.key))
        name = self.tr("Weight") if fact.key == "body_weight" else \
            self.tr("Heart rate") if fact.key == "heart_rate" else data.title
        return Tile(TileData(name, data.value, self._unit_word(data.unit), data.chip,
                             data.chip_kind, data.note, data.note_kind, icon_name, data.spark,
                             data.target, data.description))

    def _unit_word(self, unit: str) -> str:
        return self.tr("bpm") if unit == "/min" else unit

    def _metric_tile(self, metric: MetricFact, icon_name: str = "") -> Tile:
        from healthbook.ui.views.wellness import (
            LATEST_ONLY,
            METRIC_ICONS,
            metric_number,
            unit_words,
        )

        words = unit_words(metric)
        if metric.metric in LATEST_ONLY or metric.last_7 is None:
            value = metric.latest.value
            note, old = date_with_age(metric.latest.day.isoformat())
        else:
            value = metric.last_7
            note = self.tr("average night, last 7 nights") if metric.metric == "sleep" else \
                self.tr("a day, last 7 days") if metric.summed else \
                self.tr("average, last 7 days")
            stale, old = date_with_age(metric.latest.day.isoformat())
            if old:
                note = self.tr("{note}, until {date}").format(note=note, date=stale)
        shown = metric_number(metric, value)
        title = metric.label
        description = f"{title}: {shown} {words}, {note}"
        return Tile(TileData(title, shown, words, "", "",
                             note, "old" if old else "",
                             icon_name or METRIC_ICONS.get(metric.metric, "wellness"),
                             _days_spark(metric), ("metric", metric.metric),
                             " ".join(description.split())))

    # -- lists -----------------------------------------------------------------------------
    def _show_lists(self, data: PersonData, records: Mapping[Any, StoredRecord]) -> None:
        facts = data.facts
        clash = allergy_notes(facts)
        meds = []
        for m in (m for m in facts.medications if m.current):
            latest = records.get(m.record_ids[-1]) if m.record_ids else None
            entry = for_stored(latest.record) if latest is not None else None
            shown = entry.name(current_language()) if entry is not None else plain_name(m.name)
            hover = self.tr("As prescribed: {wording}").format(wording=m.name)
            if m.dosage:
                hover += "\n" + self.tr("How to take it: {dosage}").format(dosage=m.dosage)
            detail = self.tr("since {date}").format(date=local_date(m.started)) \
                if m.started else ""
            if m.listed_twice:
                detail = ", ".join(t for t in (detail, self.tr("listed under %n names", "",
                                                               len(m.names))) if t)
                hover += "\n" + self.tr("Listed as: {names}").format(names="; ".join(m.names))
            meds.append(ListItem(shown, detail, hover, clash.get(m.name, "")))
        self._fill("Current medications", meds, self.tr("No medicines recorded as taken now."))
        self._fill("Allergies", self._named(facts.allergies, dated=False),
                   self.tr("No allergies recorded."))
        self._fill("Conditions", self._named(facts.active_conditions, dated=True),
                   self.tr("No current conditions recorded."))
        visits = [e for e in data.timeline if e.kind is RecordKind.ENCOUNTER][:MAX_VISITS]
        items = []
        for e in visits:
            stored = records.get(e.record_id)
            wording = stored.record.display if stored is not None else e.text
            items.append(ListItem(self._visit_name(wording or e.text), local_date(e.when),
                                  self.tr("In the record: {wording}").format(
                                      wording=wording or e.text)))
        self._fill("Recent visits", items, self.tr("No visits recorded."))

    def _fill(self, key: str, items: list[ListItem], empty: str) -> None:
        self.cards[key].set_items(items, empty, str(len(items)) if items else "")

    def _named(self, records: list[StoredRecord], dated: bool) -> list[ListItem]:
        """Plain names from the library; two records with the same plain name keep their own
        (tidied) wording, so 'grass pollen' and 'tree pollen' stay apart."""
        plain = {}
        for stored in records:
            entry = for_stored(stored.record)
            plain[stored.id] = entry.name(current_language()) if entry is not None else \
                plain_name(stored.record.display) or stored.record.code or ""
        counts = Counter(plain.values())
        items = []
        for stored in sorted(records, key=lambda s: plain[s.id].lower()):
            wording = stored.record.display or ""
            shown = plain[stored.id] if counts[plain[stored.id]] == 1 else \
                plain_name(wording) or plain[stored.id]
            detail = self.tr("since {date}").format(date=local_date(stored.record.effective)) \
                if dated and stored.record.effective else ""
            items.append(ListItem(shown, detail,
                                  self.tr("In the record: {wording}").format(wording=wording)))
        return items

    def _visit_name(self, text: str) -> str:
        name = plain_name(text)
        words = {"encounter for check up": self.tr("Check-up"),
                 "encounter for symptom": self.tr("Visit for a symptom"),
                 "encounter for problem": self.tr("Visit for a problem"),
                 "general examination of patient": self.tr("Check-up")}
        return words.get(name.lower(), name)

    # -- opening details -------------------------------------------------------------------
    def _open(self, target: tuple) -> None:
        kind, what = target if len(target) == 2 else ("", "")
        if kind == "lab":
            self.open_lab.emit(what)
        elif kind == "metric":
            self.open_metric.emit(what)

    def _palette_changed(self, _palette: QPalette) -> None:
        """Icons and tiles follow the palette (light or dark)."""
        for card in self.cards.values():
            card.retint()
        for heading in self._headings:
            heading.retint()
        if self._data is not None:
            self.show_data(self._data)

