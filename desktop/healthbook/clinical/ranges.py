"""Reference ranges and flags: the record's own range first, else the documented default."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Any

from healthbook.clinical.reference import Analyte, Range

RECORD_RANGE = "the laboratory's range on the result"
_TEXT_RANGE = re.compile(
    r"^\s*(?:(?P<low>-?\d+(?:[.,]\d+)?)\s*(?:-|–|to)\s*(?P<high>-?\d+(?:[.,]\d+)?)"
    r"|(?P<op><=|>=|<|>|≤|≥)\s*(?P<bound>-?\d+(?:[.,]\d+)?))")


class Flag(StrEnum):
    """Where a value sits against its range."""

    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    CRITICAL = "critical"
    UNKNOWN = "unknown"


def parse_text_range(text: str | None) -> tuple[float | None, float | None]:
    """'3.5-5.1' -> (3.5, 5.1); '<36' -> (None, 36); '>= 60' -> (60, None); else (None, None).

    A '<' bound is treated as inclusive of values just under it: '<36' flags 36 and above.
    """
    if not text:
        return None, None
    m = _TEXT_RANGE.match(text)
    if not m:
        return None, None
    if m.group("low") is not None:
        return _num(m.group("low")), _num(m.group("high"))
    bound = _num(m.group("bound"))
    return (None, bound) if m.group("op") in {"<", "<=", "≤"} else (bound, None)


def _num(text: str) -> float:
    return float(text.replace(",", "."))


def record_range(low: float | None, high: float | None,
                 text: str | None) -> tuple[float | None, float | None]:
    """The record's own numeric range (text such as '<36' parsed when no numbers are given)."""
    if low is None and high is None:
        return parse_text_range(text)
    return low, high


def resolve_range(analyte: Analyte | None, low: float | None, high: float | None,
                  text: str | None, sex: str | None) -> Range | None:
    """The range to judge a value by, in the value's own unit when it came with the record.

    Returns None when neither the record nor the default table has one. A default range is in
    the analyte's canonical unit; the caller converts values before comparing.
    """
    low, high = record_range(low, high, text)
    if low is not None or high is not None:
        return Range(low, high, RECORD_RANGE)
    if analyte is None:
        return None
    return analyte.default_range(sex)


def age_on(birth_date: str | None, when: str | None) -> float | None:
    """Age in years on a date (None when either is unknown)."""
    if not birth_date or not when or len(birth_date) < 10:
        return None
    try:
        born = date.fromisoformat(birth_date[:10])
        on = date.fromisoformat(when[:10])
    except ValueError:
        return None
    return (on - born).days / 365.25


def pick_range(ranges: list[dict[str, Any]], age: float | None,
               sex: str | None) -> tuple[float | None, float | None, str | None] | None:
    """From a result's several ranges, the first that fits the person's age and sex."""
    for rng in ranges:
        sexes = {"male", "female"} & set(rng.get("applies_to") or ())
        if sexes and sex not in sexes:
            continue
        if (rng.get("age_low") is not None or rng.get("age_high") is not None) and age is None:
            continue
        if rng.get("age_low") is not None and age < rng["age_low"]:
            continue
        if rng.get("age_high") is not None and age > rng["age_high"]:
            continue
        return rng.get("low"), rng.get("high"), rng.get("text")
    return None


def flag(value: float | None, rng: Range | None, interpretation: str | None = None) -> Flag:
    """low / normal / high from the range; the lab's interpretation code when no range."""
    if value is not None and rng is not None and (rng.low is not None or rng.high is not None):
        if rng.low is not None and value < rng.low:
            return Flag.LOW
        if rng.high is not None and value > rng.high:
            return Flag.HIGH
        return Flag.NORMAL
    code = (interpretation or "").upper()
    if code in {"HH", "LL", "AA", "CRITICAL"}:
        return Flag.CRITICAL
    if code in {"H", "HU", "HIGH"}:
        return Flag.HIGH
    if code in {"L", "LU", "LOW"}:
        return Flag.LOW
    if code in {"N", "NORMAL"}:
        return Flag.NORMAL
    return Flag.UNKNOWN
