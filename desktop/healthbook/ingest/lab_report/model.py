"""What the lab-report reader returns: result rows and the report's header facts.

Coordinates: every `box` is (x0, y0, x1, y1) with the origin at the top-left corner of the
page and y growing downwards, in `Extraction.box_unit`: "pt" (PDF points, 1/72 inch) for PDF
pages, born-digital or scanned, and "px" for photos and image files, in the pixels of the
straightened image that `page_image()` returns.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Rows whose confidence is below this are marked `needs_review`.
REVIEW_BELOW = 0.85

Box = tuple[float, float, float, float]


@dataclass(slots=True)
class Word:
    """One word on a page, with its box (see the module docstring for the unit)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    conf: float = 1.0  # 0..1; 1.0 for a text layer
    bold: bool = False

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True, slots=True)
class Previous:
    """An earlier result the report prints beside the current one."""

    value: float | None
    value_text: str
    date: str | None = None  # ISO date when printed


@dataclass(frozen=True, slots=True)
class Alternate:
    """The same result printed a second time in another unit (French reports do)."""

    value: float | None
    value_text: str
    unit: str
    ucum: str | None
    low: float | None = None
    high: float | None = None


@dataclass(slots=True)
class ResultRow:
    """One result as printed, with what it was matched to and how sure the reader is."""

    name: str  # the test name as printed
    loinc: str | None  # the LOINC code of the matched analyte (None: not matched)
    value: float | None  # None for a text result ("Negative")
    value_text: str  # as printed, normalised spaces ("<0.01", "4,52", "Négatif")
    unit: str  # as printed ("" when none)
    ucum: str | None  # the unit in UCUM (None: not recognised, or no unit)
    low: float | None
    high: float | None
    flag: str | None  # "H", "L", "HH", "LL", "*", "A" (abnormal), "bold"; None when none
    confidence: float  # 0..1
    needs_review: bool
    page: int  # 1-based
    box: Box
    previous: Previous | None = None
    comparator: str | None = None  # "<", ">", "<=", ">=" before the value
    range_text: str = ""  # the reference range as printed
    analyte: str | None = None  # the knowledge library's entry id ("potassium")
    alternate: Alternate | None = None
    reasons: list[str] = field(default_factory=list)  # why it needs review, in plain words
    bold: bool = False  # the value is printed in bold

    def as_dict(self) -> dict[str, Any]:
        """The row as plain JSON-ready data (the CLI's stable fields)."""
        data = asdict(self)
        data["box"] = [round(v, 1) for v in self.box]
        data["confidence"] = round(self.confidence, 3)
        return data


@dataclass(slots=True)
class Extraction:
    """Everything read from one lab report."""

    rows: list[ResultRow]
    date: str | None  # collection date, ISO (YYYY-MM-DD)
    lab: str | None
    patient_name: str | None
    birth_date: str | None  # ISO
    language: str  # "fr" or "en"
    pages: int
    kind: str  # "text" (born-digital PDF), "scan" (a PDF page had no text layer) or "photo"
    box_unit: str = "pt"  # "pt" or "px"; see the module docstring
    page_sizes: list[tuple[float, float]] = field(default_factory=list)  # width, height
    # Degrees each page was turned clockwise before reading (a photo taken sideways): pass
    # it to `page_image(..., turn=)` to get the image the boxes refer to.
    page_turns: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The extraction as plain JSON-ready data."""
        return {
            "date": self.date, "lab": self.lab, "patient_name": self.patient_name,
            "birth_date": self.birth_date, "language": self.language, "pages": self.pages,
            "kind": self.kind, "box_unit": self.box_unit,
            "page_sizes": [[round(w, 1), round(h, 1)] for w, h in self.page_sizes],
            "page_turns": list(self.page_turns),
            "warnings": list(self.warnings), "rows": [r.as_dict() for r in self.rows],
        }
