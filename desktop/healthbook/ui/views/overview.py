"""Overview of one person: latest vitals, out-of-range results, medicines, conditions,
allergies, recent visits and activity, with critical values as a banner on top."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from healthbook.clinical.allergy_check import allergy_notes
from healthbook.clinical.display import age, blood_pressure, is_stale, plain_name, quantity
from healthbook.clinical.labs import AnalyteFact
from healthbook.clinical.ranges import Flag
from healthbook.ui.models import range_text
from healthbook.ui.session import PersonData, Session
from healthbook.ui.style import alert_colour
from healthbook.vault import RecordKind

VITALS = ("systolic", "diastolic", "heart_rate", "body_weight", "bmi", "body_temperature",
          "oxygen_saturation")


def _card(title: str) -> tuple[QGroupBox, QLabel]:
    box = QGroupBox(title)
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setAccessibleName(title)
    label.setMinimumWidth(280)
    QVBoxLayout(box).addWidget(label)
    return box, label


def _when(day: str) -> str:
    """A result's date, with its age in words when it is too old to be taken as current."""
    if is_stale(day):
        return f"<small>{day[:10]} (<b>{html.escape(age(day))}</b>)</small>"
    return f"<small>{day[:10]}</small>"


def vital_lines(by_key: dict[str, AnalyteFact]) -> list[str]:
    """The latest vital signs, blood pressure as systolic/diastolic, each with its date."""
    lines = []
    sys_, dia = by_key.get("systolic"), by_key.get("diastolic")
    if sys_ is not None and dia is not None and sys_.latest.when[:10] == dia.latest.when[:10]:
        lines.append(f"<b>Blood pressure</b>: "
                     f"{blood_pressure(sys_.latest.value, dia.latest.value)} "
                     f"{_when(sys_.latest.when)}")
        skip = {"systolic", "diastolic"}
    else:
        skip = set()
    for k in VITALS:
        if k in by_key and k not in skip:
            a = by_key[k]
            lines.append(f"<b>{html.escape(a.name)}</b>: "
                         f"{html.escape(quantity(a.latest.value, a.unit, a.key))} "
                         f"{_when(a.latest.when)}")
    return lines


def _lines(items: list[str], empty: str) -> str:
    if not items:
        return f"<i>{html.escape(empty)}</i>"
    return "<br>".join(items)


class OverviewView(QWidget):
    """The person's front page."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setSpacing(12)
        titles = ["Latest vitals", "Results out of range", "Current medications",
                  "Conditions", "Allergies", "Recent visits", "Activity and sleep"]
        self.cards: dict[str, QLabel] = {}
        for i, title in enumerate(titles):
            box, label = _card(title)
            self.cards[title] = label
            grid.addWidget(box, i // 2, i % 2)
        grid.setRowStretch(len(titles) // 2 + 1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        QVBoxLayout(self).addWidget(scroll)
        session.data_ready.connect(self.show_data)
        session.locked.connect(self.clear)

    def clear(self) -> None:
        """Forget everything shown."""
        for label in self.cards.values():
            label.clear()

    def show_data(self, data: PersonData | None) -> None:
        """Fill the cards from a snapshot."""
        if data is None:
            self.clear()
            return
        facts = data.facts
        by_key = {a.key: a for a in facts.analytes}
        self.cards["Latest vitals"].setText(_lines(vital_lines(by_key), "No vital signs yet."))
        flagged = [a for a in facts.analytes if a.flag in (Flag.HIGH, Flag.LOW, Flag.CRITICAL)]
        out = [f"<b>{html.escape(a.name)}</b>: "
               f"{html.escape(quantity(a.latest.value, a.unit, a.key))} "
               f"— <span style='color:{alert_colour()}'>{a.flag.value}</span> "
               f"(range {range_text(a.range.low, a.range.high) if a.range else '?'}) "
               f"{_when(a.latest.when)}" for a in flagged[:12]]
        self.cards["Results out of range"].setText(
            _lines(out, "No latest result is outside its range."))
        twice = " <i>(listed twice under different names)</i>"
        clash = allergy_notes(facts)
        meds = [html.escape(plain_name(m.name)) + (twice if m.listed_twice else "") +
                (f" <span style='color:{alert_colour()}'>⚠ {html.escape(clash[m.name])}</span>"
                 if m.name in clash else "")
                for m in facts.medications if m.current]
        self.cards["Current medications"].setText(_lines(meds, "No current medications."))
        conditions = [f"{html.escape(plain_name(c.record.display))} "
                      f"<small>{(c.record.effective or '')[:10]}</small>"
                      for c in facts.active_conditions]
        self.cards["Conditions"].setText(_lines(conditions, "No active conditions."))
        allergies = [html.escape(plain_name(a.record.display)) for a in facts.allergies]
        self.cards["Allergies"].setText(_lines(allergies, "No allergies recorded."))
        visits = [f"{e.when[:10]} — {html.escape(e.text)}" for e in data.timeline
                  if e.kind is RecordKind.ENCOUNTER][:6]
        self.cards["Recent visits"].setText(_lines(visits, "No visits recorded."))
        activity = [html.escape(m.statement) for m in facts.metrics]
        self.cards["Activity and sleep"].setText(
            _lines(activity, "No wearable data yet: import an Apple Health or Health "
                   "Connect export."))
