"""How values, names and ages are shown to people: one place for the screen, the sheet and the
assistant. Stored values are never changed; only their display is rounded and tidied."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from healthbook.clinical.ranges import Flag
from healthbook.clinical.units import display_unit
from healthbook.i18n import _, format_date, format_number, localise_number, ngettext, pgettext

SYSTOLIC, DIASTOLIC = "8480-6", "8462-4"
BP_PANELS = {"85354-9", "55284-4", "35094-2"}

# Decimals people expect per analyte key and unit (labs print these; more is false precision).
DECIMALS: dict[str, int] = {
    "systolic": 0, "diastolic": 0, "heart_rate": 0, "respiratory_rate": 0,
    "oxygen_saturation": 0, "body_temperature": 1, "body_weight": 1, "body_height": 1,
    "bmi": 1, "hba1c": 1, "potassium": 1, "sodium": 0, "calcium": 1, "hemoglobin": 1,
    "platelets": 0, "wbc": 1, "tsh": 2, "inr": 1, "alt": 0, "urea_nitrogen": 0,
}
UNIT_DECIMALS: dict[str, int] = {
    "mm[Hg]": 0, "/min": 0, "%": 1, "mg/dL": 0, "mmol/L": 1, "g/L": 2, "Cel": 1,
    "[degF]": 1, "kg": 1, "cm": 1, "[lb_av]": 1, "[in_i]": 1, "kg/m2": 1, "count": 0,
}
# Analyte keys whose usual unit needs more than the unit's default (creatinine in mg/dL).
KEY_UNIT_DECIMALS: dict[tuple[str, str], int] = {
    ("creatinine", "mg/dL"): 2, ("creatinine", "umol/L"): 0, ("cholesterol", "mmol/L"): 2,
    ("ldl", "mmol/L"): 2, ("hdl", "mmol/L"): 2, ("triglycerides", "mmol/L"): 2,
    ("glucose", "mmol/L"): 1, ("cholesterol", "g/L"): 2, ("ldl", "g/L"): 2, ("hdl", "g/L"): 2,
    ("triglycerides", "g/L"): 2, ("glucose", "g/L"): 2, ("hemoglobin", "g/L"): 0,
}

# SNOMED CT's semantic tags, which mean something to a terminologist, not to a reader.
_SEMANTIC_TAG = re.compile(
    r"\s*\((?:disorder|finding|procedure|situation|morphologic abnormality|observable entity|"
    r"regime/therapy|qualifier value|substance|product|body structure|event|"
    r"person|environment|record artifact|navigational concept|physical object|"
    r"medicinal product|clinical drug|real clinical drug|context-dependent category)\)",
    re.IGNORECASE)
# US application numbers that prefix some RxNorm names ("NDA020800 0.3 ML Epinephrine…").
_APPLICATION = re.compile(r"^\s*(?:NDA|ANDA|BLA)\d+\s+", re.IGNORECASE)
_SPACES = re.compile(r"\s{2,}")


def decimals_for(value: float, unit: str | None, key: str | None = None) -> int:
    """How many decimals to show for a value of this analyte and unit."""
    unit = unit or ""
    if key is not None and (key, unit) in KEY_UNIT_DECIMALS:
        return KEY_UNIT_DECIMALS[(key, unit)]
    if key is not None and key in DECIMALS and unit not in ("mmol/L", "g/L", "umol/L"):
        return DECIMALS[key]
    if unit in UNIT_DECIMALS:
        return UNIT_DECIMALS[unit]
    size = abs(value)
    if size >= 100:
        return 0
    if size >= 10:
        return 1
    if size >= 1:
        return 2
    return 3 if size >= 0.01 else 4


def number(value: float, unit: str | None = None, key: str | None = None) -> str:
    """A value rounded the way it is read ('84.7711' mmHg -> '85', HbA1c '6.166' -> '6.2'),
    with the current language's decimal mark ('6,2' in French)."""
    places = decimals_for(value, unit, key)
    text = f"{value:.{places}f}"
    if "." in text and places > 0 and key is None and unit not in UNIT_DECIMALS:
        text = text.rstrip("0").rstrip(".")
    return localise_number("0" if text in ("-0", "-0.0") else text)


def day(when: str | None) -> str:
    """A record's date as the current language writes it ('2023-04-01', '01/04/2023')."""
    return format_date(when[:10]) if when else ""


def quantity(value: float, unit: str | None, key: str | None = None,
             comparator: str = "") -> str:
    """'132 mmHg', '6.2 %', '<0.01 mg/L'."""
    shown = display_unit(unit)
    spaced = "" if shown in ("%", "") else " "
    return f"{comparator}{number(value, unit, key)}{spaced}{shown}".strip()


def blood_pressure(systolic: float, diastolic: float) -> str:
    """'132/85 mmHg': systolic over diastolic, as people read it."""
    return f"{format_number(systolic, 0)}/{format_number(diastolic, 0)} mmHg"


def components_text(components: Sequence[Mapping[str, Any]]) -> str | None:
    """A panel's values as read: blood pressure as '132/85 mmHg', others 'a / b unit'."""
    values = {c.get("code"): c.get("value") for c in components}
    sys_, dia = values.get(SYSTOLIC), values.get(DIASTOLIC)
    if isinstance(sys_, float | int) and isinstance(dia, float | int):
        return blood_pressure(float(sys_), float(dia))
    if not components or not all(isinstance(c.get("value"), float | int) for c in components):
        return None
    unit = components[0].get("unit")
    return " / ".join(number(float(c["value"]), c.get("unit")) for c in components) + \
        (f" {display_unit(unit)}" if unit else "")


def plain_name(text: str | None) -> str:
    """A coded name as people read it: no SNOMED semantic tag, no US application number."""
    if not text:
        return ""
    cleaned = _SEMANTIC_TAG.sub("", _APPLICATION.sub("", text))
    return _SPACES.sub(" ", cleaned).strip() or text.strip()


def age(when: str | None, today: date | None = None) -> str:
    """How long ago a date was, in words ('today', '3 weeks ago', '2 years ago')."""
    if not when or len(when) < 10:
        return ""
    try:
        day = date.fromisoformat(when[:10])
    except ValueError:
        return ""
    days = ((today or date.today()) - day).days
    if days < 0:
        return _("in the future")
    if days == 0:
        return _("today")
    if days == 1:
        return _("yesterday")
    for size, name in ((365.25, "year"), (30.44, "month"), (7, "week"), (1, "day")):
        n = int(days // size)
        if n >= 1:
            return _ago(n, name)
    return _ago(days, "day")


def _ago(n: int, unit: str) -> str:
    """'3 weeks ago' in the current language."""
    if unit == "year":
        return ngettext("{n} year ago", "{n} years ago", n).format(n=n)
    if unit == "month":
        return ngettext("{n} month ago", "{n} months ago", n).format(n=n)
    if unit == "week":
        return ngettext("{n} week ago", "{n} weeks ago", n).format(n=n)
    return ngettext("{n} day ago", "{n} days ago", n).format(n=n)


def flag_text(flag: Flag) -> str:
    """A result's flag in words ('high', 'élevé'; 'no range' when it has none)."""
    return {Flag.LOW: pgettext("flag", "low"), Flag.NORMAL: pgettext("flag", "normal"),
            Flag.HIGH: pgettext("flag", "high"), Flag.CRITICAL: pgettext("flag", "critical"),
            }.get(flag, _("no range"))


def sex_text(sex: str) -> str:
    """'female', 'male' or what the record says, in the current language."""
    return {"female": pgettext("sex", "female"), "male": pgettext("sex", "male"),
            "other": pgettext("sex", "other"), "unknown": pgettext("sex", "unknown"),
            }.get(sex, sex)


STALE_DAYS = 365


def is_stale(when: str | None, today: date | None = None, days: int = STALE_DAYS) -> bool:
    """True when a value is old enough that showing it as current would mislead."""
    if not when or len(when) < 10:
        return False
    try:
        return ((today or date.today()) - date.fromisoformat(when[:10])).days > days
    except ValueError:
        return False


_SUSCEPTIBILITY = {"S": "susceptible", "R": "resistant", "I": "intermediate"}


def organism(details: Mapping[str, Any] | None) -> str:
    """The organism (or panel) a result belongs to, from its context: 'Staphylococcus
    aureus' for a susceptibility of that culture; '' for an ordinary result."""
    groups = ((details or {}).get("context") or {}).get("group") or []
    if not groups:
        return ""
    return re.sub(r"\s+panel$", "", str(groups[0]), flags=re.IGNORECASE).strip()


def susceptibility(interpretation: str | None) -> str:
    """A microbiology interpretation (S, R, I) in words; '' for other codes."""
    word = _SUSCEPTIBILITY.get((interpretation or "").upper())
    if word == "susceptible":
        return _("susceptible")
    if word == "resistant":
        return _("resistant")
    if word == "intermediate":
        return _("intermediate")
    return ""
