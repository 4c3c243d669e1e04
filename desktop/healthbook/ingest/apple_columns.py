"""Column-wise conversion of Apple Health records with numpy.

A large export has millions of Records of a few types; converting their dates and values
a column at a time is about ten times faster than one record at a time. Rows the columns
cannot convert exactly as `timeparse.apple_time` and `float` would are returned by index,
for the caller's per-record path (which gives them a skip reason or a slower reading).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

WIDTH = 25  # '2019-07-19 10:36:11 -0700'
_PLACEHOLDER = "?" * WIDTH
_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 21, 22, 23, 24]
_SEPARATOR_COLUMNS = [4, 7, 10, 13, 16, 19]
_SEPARATORS = np.frombuffer(b"-- :: ", dtype=np.uint8)
# digits @ _FIELDS = year, month, day, hour, minute, second, zone hours, zone minutes
_FIELDS = np.zeros((len(_DIGITS), 8))
for _field, (_first, _width) in enumerate([(0, 4), (4, 2), (6, 2), (8, 2), (10, 2), (12, 2),
                                           (14, 2), (16, 2)]):
    for _i in range(_width):
        _FIELDS[_first + _i, _field] = 10 ** (_width - 1 - _i)


def apple_seconds(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(unix seconds, ok) for Apple Health times; `ok` is False where a row needs
    `apple_time` itself (another layout, or values outside the usual ranges)."""
    fixed = [t if len(t) == WIDTH else _PLACEHOLDER for t in texts]
    chars = np.frombuffer("".join(fixed).encode("ascii", "replace"),
                          dtype=np.uint8).reshape(-1, WIDTH)
    digits = chars[:, _DIGITS] - np.uint8(ord("0"))  # wraps around below '0'
    ok = (digits <= 9).all(axis=1)
    ok &= (chars[:, _SEPARATOR_COLUMNS] == _SEPARATORS).all(axis=1)
    zone_sign = chars[:, 20]
    ok &= (zone_sign == ord("+")) | (zone_sign == ord("-"))
    fields = (digits.astype(np.float64) @ _FIELDS).astype(np.int64)  # exact in float64
    year, month, day, hour, minute, second, zone_h, zone_m = fields.T
    ok &= (year >= 1) & (month >= 1) & (month <= 12) & (day >= 1) & (day <= 31)
    ok &= (hour <= 23) & (minute <= 59) & (second <= 60)
    zone = np.where(zone_sign == ord("-"), -1, 1) * (zone_h * 3600 + zone_m * 60)
    days = _days_since_epoch(year, np.clip(month, 1, 12), day)
    return days * 86_400 + hour * 3600 + minute * 60 + second - zone, ok


def _days_since_epoch(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    """Days from 1970-01-01 of proleptic Gregorian dates (H. Hinnant's days_from_civil);
    like calendar.timegm, a day past the month's end runs on into the next month."""
    year = year - (month <= 2)
    era = year // 400
    year_of_era = year - era * 400
    day_of_year = (153 * np.where(month > 2, month - 3, month + 9) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146_097 + day_of_era - 719_468


def numbers(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(values, ok) of decimal texts; `ok` is False for rows `float` would refuse."""
    try:
        return np.array(texts, dtype=np.float64), np.ones(len(texts), dtype=bool)
    except ValueError:
        values = np.zeros(len(texts), dtype=np.float64)
        ok = np.zeros(len(texts), dtype=bool)
        for i, text in enumerate(texts):
            try:
                values[i] = float(text)
                ok[i] = True
            except ValueError:
                pass
        return values, ok


def quantity_rows(flat: list[str], factor: float, offset: float
                  ) -> tuple[list[tuple[int, int, float]], list[int]]:
    """Flat (start, end, value) texts -> (start, duration, value) rows in canonical units,
    and the indexes of the records left for the per-record path."""
    start, start_ok = apple_seconds(flat[0::3])
    end, end_ok = apple_seconds(flat[1::3])
    value, value_ok = numbers(flat[2::3])
    value = value * factor + offset
    with np.errstate(invalid="ignore"):
        ok = start_ok & end_ok & value_ok & (np.abs(value) <= 1e12)  # NaN compares False
    keep = np.flatnonzero(ok)
    duration = np.maximum(end - start, 0)
    rows = list(zip(start[keep].tolist(), duration[keep].tolist(), value[keep].tolist(),
                    strict=True))
    return rows, np.flatnonzero(~ok).tolist()
