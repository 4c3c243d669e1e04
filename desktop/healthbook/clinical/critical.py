"""Critical values: deterministic rules that escalate, whatever any model says."""

from __future__ import annotations

import operator
from dataclasses import dataclass

from healthbook.clinical.reference import Analyte, critical_rules
from healthbook.clinical.units import UnitMismatch, convert, display_unit
from healthbook.i18n import _, format_date, localise_number

OPS = {">=": operator.ge, "<=": operator.le}


def escalation() -> str:
    """The fixed escalation for a critical value, in the current language."""
    return _("{name} of {value} {unit} on {date} is at a level laboratories treat as "
             "critical ({rule}). Contact your clinician or an urgent care service now. If you "
             "feel unwell, or cannot reach anyone, call your local emergency number.")


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
            shown = localise_number(f"{rule['op']} {rule['value']:g}") + \
                f" {display_unit(rule['unit'])}"
            message = escalation().format(
                name=analyte.name, value=localise_number(f"{value:g}"), unit=display_unit(unit),
                date=format_date(date) if date else _("an unknown date"), rule=shown)
            return Critical(analyte.key, value, unit, date, text, rule["source"], message,
                            record_ids)
    return None
