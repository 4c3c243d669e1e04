"""Critical values: deterministic rules that escalate, whatever any model says."""

from __future__ import annotations

import operator
from dataclasses import dataclass

from healthbook.clinical.reference import Analyte, critical_rules
from healthbook.clinical.units import UnitMismatch, convert

OPS = {">=": operator.ge, "<=": operator.le}
ESCALATION = (
    "{name} of {value} {unit} on {date} is at a level laboratories treat as critical "
    "({rule}). Contact your clinician or an urgent care service now. If you feel unwell, or "
    "cannot reach anyone, call your local emergency number."
)


@dataclass(frozen=True, slots=True)
class Critical:
    """One value that crossed a critical threshold, with its fixed escalation message."""

    analyte: str
    value: float
    unit: str
    date: str | None
    rule: str
    source: str
    message: str
    record_ids: tuple[int, ...]


def check(analyte: Analyte, value: float, unit: str, date: str | None,
          record_ids: tuple[int, ...]) -> Critical | None:
    """The first critical rule `value` (in `unit`) meets, or None."""
    for rule in critical_rules():
        if rule["analyte"] != analyte.key:
            continue
        try:
            comparable = convert(value, unit, rule["unit"], analyte)
        except UnitMismatch:
            continue
        if OPS[rule["op"]](comparable, rule["value"]):
            text = f"{rule['op']} {rule['value']:g} {rule['unit']}"
            message = ESCALATION.format(name=analyte.name, value=f"{value:g}", unit=unit,
                                        date=date or "an unknown date", rule=text)
            return Critical(analyte.key, value, unit, date, text, rule["source"], message,
                            record_ids)
    return None
