"""`healthbook extract FILE [--json]`: stable JSON fields, a readable table, one sentence on
bad input."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import run_cli
from tests.ingest.lab_report.documents import uk_report

ROW_FIELDS = {"name", "loinc", "analyte", "value", "value_text", "comparator", "unit", "ucum",
              "low", "high", "range_text", "flag", "bold", "confidence", "needs_review",
              "reasons", "page", "box", "previous", "alternate"}
TOP_FIELDS = {"file", "kind", "pages", "language", "date", "lab", "patient_name", "birth_date",
              "box_unit", "page_sizes", "page_turns", "review_below", "warnings", "rows"}


def test_extract_json(tmp_path: Path) -> None:
    report = tmp_path / "bloods.pdf"
    report.write_bytes(uk_report())
    done = run_cli("extract", str(report), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) == TOP_FIELDS
    assert (data["file"], data["kind"], data["date"], data["box_unit"]) == (
        "bloods.pdf", "text", "2025-03-14", "pt")
    assert all(set(row) == ROW_FIELDS for row in data["rows"])
    potassium = next(r for r in data["rows"] if r["name"] == "K")
    assert potassium | {"box": None, "confidence": None} == {
        "name": "K", "loinc": "2823-3", "analyte": "potassium", "value": 5.8,
        "value_text": "5.8", "comparator": None, "unit": "mmol/L", "ucum": "mmol/L",
        "low": 3.5, "high": 5.3, "range_text": "(3.5 - 5.3)", "flag": "H", "bold": False,
        "confidence": None, "needs_review": False, "reasons": [], "page": 1, "box": None,
        "previous": None, "alternate": None}
    assert len(potassium["box"]) == 4
    assert 0.85 <= potassium["confidence"] <= 1


def test_extract_table(tmp_path: Path) -> None:
    report = tmp_path / "bloods.pdf"
    report.write_bytes(uk_report())
    done = run_cli("extract", str(report))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "bloods.pdf: 1 page, text, en"
    header = next(line for line in lines if line.startswith("Name"))
    for column in ("LOINC", "Value", "Unit", "UCUM", "Low", "High", "Flag", "Date", "Conf.",
                   "Page", "Box (pt)"):
        assert column in header
    assert any(line.split()[:4] == ["WCC", "6690-2", "11.2", "10^9/L"] for line in lines)


def test_extract_bad_input_is_one_sentence(tmp_path: Path) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("hello")
    done = run_cli("extract", str(junk), "--json")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        "healthbook: notes.txt is neither a PDF nor an image Healthbook can read."]
