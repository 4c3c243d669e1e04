"""Scans and photos read by OCR (Tesseract): one page each. Every value the reader gets wrong
must carry a low-confidence mark; most rows must be read exactly."""

from __future__ import annotations

import shutil
import time

import pytest

from healthbook.ingest.lab_report import Extraction, extract
from tests.ingest.lab_report.documents import as_photo, as_scan, french_report, uk_report

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tesseract") is None,
                       reason="needs Debian's tesseract-ocr (make system-deps)"),
]

UK_TRUTH = {"Na": (141, "mmol/L"), "K": (5.8, "mmol/L"), "Urea": (6.1, "mmol/L"),
            "Creat": (98, "umol/L"), "eGFR": (90, "mL/min/{1.73_m2}"),
            "Adj Ca": (2.41, "mmol/L"), "Alb": (41, "g/L"), "Bili": (9, "umol/L"),
            "ALP": (95, "U/L"), "ALT": (25, "U/L"), "CRP": (4, "mg/L"), "Hb": (108, "g/L"),
            "WCC": (11.2, "10*9/L"), "Plt": (310, "10*9/L"), "Neut": (8.1, "10*9/L"),
            "MCV": (84, "fL")}
FR_TRUTH = {"hemoglobin": (13.2, "g/dL"), "red-blood-cell-count": (4.61, "10*12/L"),
            "white-blood-cell-count": (11.8, "10*9/L"), "platelet-count": (245, "10*9/L"),
            "fasting-glucose": (1.08, "g/L"), "creatinine": (8.2, "mg/L"),
            "potassium": (4.1, "mmol/L"), "sodium": (139, "mmol/L"), "hba1c": (5.9, "%"),
            "c-reactive-protein": (0.6, "mg/L"), "tsh": (2.15, "m[IU]/L")}


def _score(found: Extraction, truth: dict[str, tuple[float, str]], key: str) -> int:
    """Rows read exactly; fails on a wrong value that is not marked for review."""
    exact = 0
    for row in found.rows:
        wanted = truth.get(row.name if key == "name" else (row.analyte or ""))
        if wanted is None:
            continue
        right = row.value == wanted[0] and row.ucum == wanted[1]
        exact += right
        assert right or row.needs_review, f"wrong value shown as sure: {row}"
    return exact


def test_scanned_pdf_uk() -> None:
    start = time.perf_counter()
    found = extract(as_scan(uk_report()), file_name="scan.pdf")
    seconds = time.perf_counter() - start
    assert (found.kind, found.box_unit, found.pages) == ("scan", "pt", 1)
    assert found.date == "2025-03-14"
    assert found.birth_date == "1959-11-21"
    assert _score(found, UK_TRUTH, "name") >= 13
    width, height = found.page_sizes[0]
    assert 590 < width < 600
    assert 835 < height < 848  # boxes in PDF points, like born-digital
    k = next(r for r in found.rows if r.name == "K")
    assert 140 < k.box[1] < 165
    assert k.box[0] < 50
    assert seconds < 12  # one page on a loaded 2-core machine; ~2-3 s when idle


def test_photo_french() -> None:
    found = extract(as_photo(french_report()), file_name="photo.jpg")
    assert (found.kind, found.box_unit, found.language) == ("photo", "px", "fr")
    assert found.date == "2025-02-03"
    assert _score(found, FR_TRUTH, "analyte") >= 9
