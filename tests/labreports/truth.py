"""Ground truth of a generated lab report, and the knowledge library's LOINC index."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
LABS_DIR = ROOT / "resources" / "knowledge" / "labs"


@cache
def loinc_index() -> dict[str, str]:
    """Every LOINC code of the knowledge library's lab entries -> the entry id."""
    index: dict[str, str] = {}
    for path in sorted(LABS_DIR.glob("*.json")):
        for entry in json.loads(path.read_text(encoding="utf-8"))["entries"]:
            for code in entry.get("codes", {}).get("loinc", ()):
                index.setdefault(code, entry["id"])
    return index


@dataclass(frozen=True)
class AltUnit:
    """The same result printed again in a second unit on the next line (French reports)."""

    value: float
    value_printed: str
    unit: str
    ucum: str
    loinc: str
    low: float | None
    high: float | None
    range_printed: str


@dataclass(frozen=True)
class TruthRow:
    """One result as printed on the report.

    `value` is a float, or the words of a text result ("Negative"); a censored value ("<0.01")
    has `comparator` "<" (or ">") and `value` 0.01. `unit` is as printed ("" when none), `ucum`
    its UCUM code. `flag` is normalised: "H", "L", "A" (abnormal text result) or None;
    `flag_printed` is what the page shows ("H", "L", "*", "") and `bold` whether the value is
    bold. `box` is the row's box on its page in PDF points from the top-left corner
    (x0, top, x1, bottom), covering both lines of a two-unit row.
    """

    name_as_printed: str
    loinc: str
    analyte: str
    value: float | str
    value_printed: str
    comparator: str | None
    unit: str
    ucum: str
    low: float | None
    high: float | None
    range_printed: str
    flag: str | None
    flag_printed: str
    bold: bool
    page: int
    box: tuple[float, float, float, float]
    section: str
    previous: float | str | None = None
    previous_printed: str = ""
    alt: AltUnit | None = None

    @property
    def is_text(self) -> bool:
        """True for a result printed as words."""
        return isinstance(self.value, str)


@dataclass
class ReportTruth:
    """Everything a reader should find on one report."""

    layout: str
    seed: int
    language: str
    date: str  # collection date, ISO
    lab: str
    patient_name: str  # as printed
    birth_date: str  # ISO
    pages: int
    page_size: tuple[float, float]  # points
    rows: list[TruthRow] = field(default_factory=list)
    previous_date: str | None = None  # ISO date of the previous results column, if printed

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReportTruth:
        """The truth back from `to_json`."""
        rows = []
        for row in data["rows"]:
            alt = AltUnit(**row["alt"]) if row.get("alt") else None
            rows.append(TruthRow(**{**row, "box": tuple(row["box"]), "alt": alt}))
        return cls(**{**data, "page_size": tuple(data["page_size"]), "rows": rows})


@dataclass(frozen=True)
class GeneratedReport:
    """A born-digital PDF and its truth."""

    pdf: bytes
    truth: ReportTruth

    @property
    def name(self) -> str:
        """A file stem naming the report: layout, language, seed ("checkup_fr_4")."""
        return f"{self.truth.layout}_{self.truth.language}_{self.truth.seed}"
