"""What one report says, before it is laid out: people, lab, dates and the rows as printed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

FR_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre")
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


@dataclass(frozen=True)
class Lab:
    """The laboratory (or hospital) that prints the report."""

    name: str
    lines: tuple[str, ...]  # address, phone, department...
    site_code: str = ""


@dataclass(frozen=True)
class Patient:
    """The person the report is about (invented)."""

    printed: str  # the name as printed in the patient block, without title
    title: str  # "Madame", "Mr", "" ...
    first: str
    last: str
    birth: date
    sex: str  # "F" or "M"
    ids: tuple[tuple[str, str], ...] = ()  # (label, value) e.g. ("NHS No", "943 476 5919")


@dataclass(frozen=True)
class AltLine:
    """The second line of a two-unit result."""

    value: str
    unit: str
    range: str


@dataclass
class PrintedRow:
    """One result row as printed, and its truth (less page and box, known after layout)."""

    name: str
    value: str
    flag: str
    unit: str
    range: str
    previous: str
    bold: bool
    truth: dict[str, Any]
    alt: AltLine | None = None


@dataclass
class Section:
    """A titled group of rows."""

    key: str
    title: str
    rows: list[PrintedRow] = field(default_factory=list)


@dataclass
class Content:
    """Everything a layout needs to draw one report."""

    layout: str
    language: str
    system: str
    lab: Lab
    patient: Patient
    collected: datetime
    received: datetime
    reported: datetime
    prescriber: str
    file_no: str
    sections: list[Section]
    previous_date: date | None = None
    style: dict[str, Any] = field(default_factory=dict)
    before: list[str] = field(default_factory=list)  # letter paragraphs before the table
    after: list[str] = field(default_factory=list)  # and after it


def fmt_number(x: float, decimals: int, comma: bool) -> str:
    """A number with a fixed number of decimals, with a decimal comma if asked."""
    text = f"{x:.{decimals}f}"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    return text.replace(".", ",") if comma else text


def fmt_date(d: date, style: str) -> str:
    """A date as a kind of report prints it: 'dmy' 14/03/2025, 'mdy' 03/14/2025, 'dmony'
    14-Mar-2025, 'long_en' 14 March 2025, 'long_fr' 14 mars 2025."""
    if style == "dmy":
        return d.strftime("%d/%m/%Y")
    if style == "mdy":
        return d.strftime("%m/%d/%Y")
    if style == "dmony":
        return f"{d.day:02d}-{EN_MONTHS[d.month - 1][:3]}-{d.year}"
    if style == "long_en":
        return f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}"
    if style == "long_fr":
        return f"{'1er' if d.day == 1 else d.day} {FR_MONTHS[d.month - 1]} {d.year}"
    raise ValueError(style)


@dataclass(frozen=True)
class RangeStyle:
    """How a lab prints reference ranges and censored values."""

    both: str  # "({lo} - {hi})"
    high_only: str  # "< {hi}"
    low_only: str  # "> {lo}"
    comma: bool
    censored: str = "{op}{x}"  # "{op} {x}" for "< 1,0"

    def range(self, low: float | None, high: float | None, decimals: int) -> str:
        """The printed reference range."""
        lo = fmt_number(low, decimals, self.comma) if low is not None else ""
        hi = fmt_number(high, decimals, self.comma) if high is not None else ""
        if low is not None and high is not None:
            return self.both.format(lo=lo, hi=hi)
        if high is not None:
            return self.high_only.format(hi=hi)
        if low is not None:
            return self.low_only.format(lo=lo)
        return ""

    def value(self, x: float, decimals: int, op: str | None) -> str:
        """A printed value, censored ('<0.01') when op is '<' or '>'."""
        text = fmt_number(x, decimals, self.comma)
        return self.censored.format(op=op, x=text) if op else text


RANGE_STYLES: dict[str, RangeStyle] = {
    "fr_paren": RangeStyle("({lo} - {hi})", "(< {hi})", "(> {lo})", True, "{op} {x}"),
    "fr_plain": RangeStyle("{lo} - {hi}", "< {hi}", "> {lo}", True, "{op} {x}"),
    "fr_a": RangeStyle("{lo} à {hi}", "< {hi}", "> {lo}", True, "{op}{x}"),
    "us": RangeStyle("{lo}-{hi}", "<{hi}", ">{lo}", False),
    "uk": RangeStyle("({lo} - {hi})", "(< {hi})", "(> {lo})", False),
    "en_plain": RangeStyle("{lo} - {hi}", "< {hi}", "> {lo}", False, "{op} {x}"),
}
