"""Overview of one person: latest vitals, out-of-range results, medicines, conditions,
allergies, recent visits and activity, with critical values as a banner on top."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from healthbook.clinical.ranges import Flag
from healthbook.clinical.units import display_unit
from healthbook.ui.models import number, range_text
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
        vitals = [f"<b>{html.escape(by_key[k].name)}</b>: {number(by_key[k].latest.value)} "
                  f"{html.escape(display_unit(by_key[k].unit))} "
                  f"<small>({by_key[k].latest.when[:10]})</small>"
                  for k in VITALS if k in by_key]
        self.cards["Latest vitals"].setText(_lines(vitals, "No vital signs yet."))
        flagged = [a for a in facts.analytes if a.flag in (Flag.HIGH, Flag.LOW, Flag.CRITICAL)]
        out = [f"<b>{html.escape(a.name)}</b>: {number(a.latest.value)} "
               f"{html.escape(display_unit(a.unit))} "
               f"— <span style='color:{alert_colour()}'>{a.flag.value}</span> "
               f"(range {range_text(a.range.low, a.range.high) if a.range else '?'}) "
               f"<small>{a.latest.when[:10]}</small>" for a in flagged[:12]]
        self.cards["Results out of range"].setText(
            _lines(out, "No latest result is outside its range."))
        meds = [f"{html.escape(m.name)}" + (" <i>(listed twice under different names)</i>"
                                            if m.listed_twice else "")
                for m in facts.medications if m.current]
        self.cards["Current medications"].setText(_lines(meds, "No current medications."))
        conditions = [f"{html.escape(c.record.display or '')} "
                      f"<small>{(c.record.effective or '')[:10]}</small>"
                      for c in facts.active_conditions]
        self.cards["Conditions"].setText(_lines(conditions, "No active conditions."))
        allergies = [html.escape(a.record.display or "") for a in facts.allergies]
        self.cards["Allergies"].setText(_lines(allergies, "No allergies recorded."))
        visits = [f"{e.when[:10]} — {html.escape(e.text)}" for e in data.timeline
                  if e.kind is RecordKind.ENCOUNTER][:6]
        self.cards["Recent visits"].setText(_lines(visits, "No visits recorded."))
        activity = [html.escape(m.statement) for m in facts.metrics]
        self.cards["Activity and sleep"].setText(
            _lines(activity, "No wearable data yet: import an Apple Health or Health "
                   "Connect export."))
