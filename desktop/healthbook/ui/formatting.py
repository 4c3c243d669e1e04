"""Dates and numbers on screen, in the user's locale: '3 Mar 2024' (or 'Mar 3, 2024'), with
'5 years ago' where the age of a value matters."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from healthbook.clinical.display import age, is_stale


def _medium_format(locale: QLocale) -> str:
    """The locale's long date without the weekday and with a short month name:
    'dddd d MMMM yyyy' -> 'd MMM yyyy', 'dddd, MMMM d, yyyy' -> 'MMM d, yyyy'."""
    pattern = locale.dateFormat(QLocale.FormatType.LongFormat)
    pattern = re.sub(r"d{4}[,.]?\s*", "", pattern).strip(" ,")
    return pattern.replace("MMMM", "MMM")


def local_date(when: str | date | None) -> str:
    """A stored date ('2024-03-03…') as the user's locale writes it ('3 Mar 2024')."""
    if when is None or when == "":
        return ""
    text = when.isoformat() if isinstance(when, date) else when[:10]
    day = QDate.fromString(text, "yyyy-MM-dd")
    if not day.isValid():
        return text
    locale = QLocale()
    return locale.toString(day, _medium_format(locale))


def month_year(when: str | date | None) -> str:
    """'Mar 2024' in the user's locale."""
    text = when.isoformat() if isinstance(when, date) else (when or "")[:10]
    day = QDate.fromString(text, "yyyy-MM-dd")
    return QLocale().toString(day, "MMM yyyy") if day.isValid() else text


def date_with_age(when: str | None, today: date | None = None) -> tuple[str, bool]:
    """'3 Mar 2024', or '18 Feb 2021 · 5 years ago' when the value is old; and whether it is."""
    if not when:
        return "", False
    stale = is_stale(when, today)
    shown = local_date(when)
    if stale:
        return QCoreApplication.translate("Dates", "{date} · {age}").format(
            date=shown, age=age(when, today)), True
    return shown, False


def number(value: float, decimals: int = 0) -> str:
    """A number with the locale's grouping and decimal separator: 9,815 / 7.1."""
    locale = QLocale()
    locale.setNumberOptions(locale.numberOptions() & ~QLocale.NumberOption.OmitGroupSeparator)
    return locale.toString(float(value), "f", decimals)


def hours_minutes(hours: float) -> str:
    """'6 h 52 min', '7 h' (a night's sleep as people say it)."""
    whole = int(hours)
    minutes = round((hours - whole) * 60)
    if minutes == 60:
        whole, minutes = whole + 1, 0
    if minutes:
        return QCoreApplication.translate("Dates", "{h} h {m} min").format(h=whole, m=minutes)
    return QCoreApplication.translate("Dates", "{h} h").format(h=whole)
