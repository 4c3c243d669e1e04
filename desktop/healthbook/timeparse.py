"""Fast, cached parsing of the timestamps health exports use, to UTC."""

from __future__ import annotations

import calendar
import re
import time
from datetime import UTC, datetime

_HL7_RE = re.compile(
    r"^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.\d+)?([+-]\d{4})?$")
_DAY_EPOCH: dict[str, int] = {}
_TZ_OFFSET: dict[str, int] = {}
_ISO_RE = re.compile(
    r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?)?)?)?$"
)


def _day_epoch(day: str) -> int:
    epoch = _DAY_EPOCH.get(day)
    if epoch is None:
        epoch = calendar.timegm((int(day[0:4]), int(day[5:7]), int(day[8:10]), 0, 0, 0))
        _DAY_EPOCH[day] = epoch
    return epoch


def _tz_seconds(tz: str) -> int:
    offset = _TZ_OFFSET.get(tz)
    if offset is None:
        digits = tz.replace(":", "")
        if digits in {"Z", ""}:
            offset = 0
        else:
            sign = -1 if digits[0] == "-" else 1
            offset = sign * (int(digits[1:3]) * 3600 + int(digits[3:5]) * 60)
        _TZ_OFFSET[tz] = offset
    return offset


_HOUR_EPOCH: dict[tuple[str, str], int] = {}
_MINUTE_SECOND = {f"{m:02d}:{s:02d}": m * 60 + s for m in range(60) for s in range(61)}


def apple_time(text: str) -> int:
    """'2019-07-19 10:36:11 -0700' -> unix seconds (UTC).

    Exports hold millions of these: the epoch of each (date, hour, zone) is cached, so most
    calls are one dict lookup and two small int() calls.
    """
    key = (text[:13], text[20:])
    base = _HOUR_EPOCH.get(key)
    try:
        if base is None:
            if len(_HOUR_EPOCH) > 200_000:
                _HOUR_EPOCH.clear()
            if text[10] != " " or text[13] != ":" or text[16] != ":":
                raise ValueError(text)
            base = _day_epoch(text[:10]) + int(text[11:13]) * 3600 - _tz_seconds(text[20:])
            _HOUR_EPOCH[key] = base
        minsec = _MINUTE_SECOND.get(text[14:19])
        if minsec is None:
            if text[16] != ":":
                raise ValueError(text)
            minsec = int(text[14:16]) * 60 + int(text[17:19])
        return base + minsec
    except (ValueError, IndexError) as exc:
        raise ValueError(f"not an Apple Health time: {text!r}") from exc


def apple_span(start_text: str, end_text: str) -> tuple[int, int]:
    """(start, end) unix seconds of an Apple record: one call, cached lookups on the hot path."""
    hours, minsec = _HOUR_EPOCH, _MINUTE_SECOND
    base = hours.get((start_text[:13], start_text[20:]))
    offset = minsec.get(start_text[14:19])
    start = base + offset if base is not None and offset is not None else apple_time(start_text)
    if end_text == start_text:
        return start, start
    base = hours.get((end_text[:13], end_text[20:]))
    offset = minsec.get(end_text[14:19])
    end = base + offset if base is not None and offset is not None else apple_time(end_text)
    return start, end


def iso_utc(seconds: int) -> str:
    """Unix seconds -> 'YYYY-MM-DDTHH:MM:SSZ'."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def _from_parts(parts: tuple[str | None, ...]) -> str | None:
    """(year, month, day, hour, minute, second, tz) strings -> UTC ISO; dates stay dates."""
    year, month, day, hour, minute, second, tz = parts
    if hour is None:
        return "-".join(p for p in (year, month, day) if p)
    try:
        stamp = calendar.timegm((int(year or 0), int(month or 1), int(day or 1), int(hour),
                                 int(minute or 0), int(second or 0)))
    except (ValueError, OverflowError):
        return None
    return iso_utc(stamp - _tz_seconds(tz or "Z"))


def normalize_when(text: str | None) -> str | None:
    """An ISO 8601 date or date-time as sources send it -> UTC ISO (dates stay dates).

    Returns None for text that is not a date.
    """
    if not text:
        return None
    m = _ISO_RE.match(text.strip())
    return _from_parts(m.groups()) if m else None


MIN_YEAR = 1800


def hl7_when(text: str | None) -> str | None:
    """An HL7 v3 TS ('20210426004829-0800', '20120806') -> UTC ISO (dates stay dates)."""
    if not text:
        return None
    m = _HL7_RE.match(text.strip())
    if not m or int(m.group(1)[:4]) < MIN_YEAR:  # '00010101000000': a vendor's "no date"
        return None
    return _from_parts(m.groups())


def epoch_of(iso: str) -> int | None:
    """UTC ISO date or date-time -> unix seconds (None if unparseable)."""
    try:
        dt = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return int(dt.timestamp())
