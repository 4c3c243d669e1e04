"""Born-digital lab reports: the text layer read into rows, in French and English."""

from __future__ import annotations

import time

import numpy as np
import pytest

from healthbook.ingest.lab_report import (
    REVIEW_BELOW,
    Extraction,
    ResultRow,
    extract,
    page_image,
)
from tests.ingest.lab_report.documents import (
    Report,
    discharge_letter,
    french_report,
    multi_page_report,
    uk_report,
    us_report,
)


def _row(found: Extraction, name: str) -> ResultRow:
    matches = [r for r in found.rows if r.name == name]
    assert len(matches) == 1, [r.name for r in found.rows]
    return matches[0]


@pytest.fixture(scope="module")
def french() -> Extraction:
    return extract(french_report(), file_name="cr.pdf")


def test_french_header(french: Extraction) -> None:
    assert (french.kind, french.pages, french.language, french.box_unit) == ("text", 1, "fr", "pt")
    assert french.date == "2025-02-03"
    assert french.birth_date == "1975-07-04"
    assert french.patient_name == "MARTIN Claire"
    assert french.lab == "LABORATOIRE DE BIOLOGIE MEDICALE DES LILAS"


def test_french_rows_decimal_commas_ranges_and_previous(french: Extraction) -> None:
    names = [r.name for r in french.rows]
    assert names == ["Hématies", "Hémoglobine", "Leucocytes", "Plaquettes", "Glycémie à jeun",
                     "Créatinine", "Potassium", "Sodium", "Hémoglobine glyquée (HbA1c)", "CRP",
                     "TSH ultrasensible", "Sérologie VIH", "Antigène HBs"]
    hb = _row(french, "Hémoglobine")
    assert (hb.loinc, hb.value, hb.value_text, hb.ucum, hb.low, hb.high) == (
        "718-7", 13.2, "13,2", "g/dL", 11.5, 15.0)
    assert hb.previous is not None
    assert hb.previous.value == 13.0
    assert hb.previous.date == "2024-09-12"  # from the "Antériorité" column's header
    rbc = _row(french, "Hématies")
    assert (rbc.unit, rbc.ucum) == ("T/L", "10*12/L")
    k = _row(french, "Potassium")  # a range without brackets
    assert (k.value, k.low, k.high, k.analyte) == (4.1, 3.5, 5.1, "potassium")
    na = _row(french, "Sodium")
    assert (na.low, na.high, na.previous) == (136.0, 145.0, None)
    hba1c = _row(french, "Hémoglobine glyquée (HbA1c)")
    assert (hba1c.low, hba1c.high, hba1c.range_text) == (None, 6.0, "< 6,0")
    tsh = _row(french, "TSH ultrasensible")
    assert (tsh.value, tsh.ucum, tsh.low, tsh.high) == (2.15, "m[IU]/L", 0.27, 4.2)
    for row in french.rows:
        assert not row.needs_review, row
        assert row.confidence >= REVIEW_BELOW
        assert row.page == 1


def test_french_two_unit_lines_are_one_row(french: Extraction) -> None:
    glucose = _row(french, "Glycémie à jeun")
    assert (glucose.value, glucose.ucum, glucose.low, glucose.high) == (1.08, "g/L", 0.7, 1.05)
    assert glucose.alternate is not None
    assert (glucose.alternate.value, glucose.alternate.ucum) == (6.0, "mmol/L")
    assert (glucose.alternate.low, glucose.alternate.high) == (3.89, 5.83)
    creat = _row(french, "Créatinine")
    assert (creat.ucum, creat.alternate.ucum, creat.alternate.value) == ("mg/L", "umol/L", 73)
    assert not any(r.value == 6.0 or r.value == 73 for r in french.rows)


def test_french_flags_text_results_and_comparators(french: Extraction) -> None:
    assert _row(french, "Leucocytes").flag == "bold"  # printed in bold, the others are not
    assert _row(french, "Glycémie à jeun").flag == "*"
    assert _row(french, "Hématies").flag is None
    hiv = _row(french, "Sérologie VIH")
    assert (hiv.value, hiv.value_text, hiv.range_text, hiv.loinc) == (
        None, "Négatif", "Négatif", "56888-1")
    assert _row(french, "Antigène HBs").value_text == "Positif"
    crp = _row(french, "CRP")
    assert (crp.value, crp.comparator, crp.value_text, crp.high) == (0.6, "<", "< 0,6", 5.0)


def test_french_boxes_are_on_the_page(french: Extraction) -> None:
    width, height = french.page_sizes[0]
    hb = _row(french, "Hémoglobine")
    x0, y0, x1, y1 = hb.box
    assert 0 <= x0 < x1 <= width
    assert 0 <= y0 < y1 <= height
    assert 190 < y0 < 210
    assert x0 < 45  # the line printed at y=206 pt, from x=40 pt


def test_uk_short_names_and_flags() -> None:
    found = extract(uk_report())
    assert (found.language, found.date, found.birth_date) == ("en", "2025-03-14", "1959-11-21")
    assert found.patient_name == "JONES, Sarah"
    by_name = {r.name: r for r in found.rows}
    expected = {"Na": "sodium", "K": "potassium", "Urea": "urea", "Creat": "creatinine",
                "eGFR": "egfr", "Adj Ca": "calcium", "Alb": "albumin",
                "Bili": "bilirubin-total", "ALP": "alkaline-phosphatase",
                "ALT": "alanine-aminotransferase", "CRP": "c-reactive-protein",
                "Hb": "hemoglobin", "WCC": "white-blood-cell-count", "Plt": "platelet-count",
                "Neut": "neutrophils", "MCV": "mean-corpuscular-volume"}
    assert {n: r.analyte for n, r in by_name.items()} == expected
    assert (by_name["K"].value, by_name["K"].flag, by_name["K"].low) == (5.8, "H", 3.5)
    assert (by_name["Hb"].value, by_name["Hb"].flag, by_name["Hb"].ucum) == (108, "L", "g/L")
    assert (by_name["WCC"].ucum, by_name["WCC"].loinc) == ("10*9/L", "6690-2")
    assert (by_name["Creat"].ucum, by_name["Creat"].loinc) == ("umol/L", "14682-9")
    egfr = by_name["eGFR"]
    assert (egfr.comparator, egfr.value, egfr.low, egfr.high) == (">", 90, 59, None)
    assert (by_name["CRP"].comparator, by_name["CRP"].value) == ("<", 4)
    assert not any(r.needs_review for r in found.rows)


def test_us_in_and_out_of_range_columns() -> None:
    found = extract(us_report())
    assert (found.date, found.birth_date, found.patient_name) == (
        "2025-03-11", "1980-05-22", "DOE, JANE")
    by_name = {r.name: r for r in found.rows}
    assert len(found.rows) == 11
    wbc = by_name["WBC"]
    assert (wbc.value, wbc.unit, wbc.ucum, wbc.low, wbc.high) == (
        7.2, "x10E3/uL", "10*3/uL", 3.8, 10.8)
    plt = by_name["Platelets"]
    assert (plt.value, plt.flag, plt.ucum) == (462, "H", "10*3/uL")
    a1c = by_name["Hemoglobin A1c"]
    assert (a1c.value, a1c.flag, a1c.low, a1c.high, a1c.ucum) == (5.9, "H", None, 5.7, "%")
    egfr = by_name["eGFR"]
    assert (egfr.low, egfr.high, egfr.ucum) == (59, None, "mL/min/{1.73_m2}")
    trop = by_name["Troponin I"]
    assert (trop.comparator, trop.value, trop.value_text) == ("<", 0.01, "<0.01")
    assert by_name["Urine Glucose"].value_text == "Negative"
    assert by_name["Potassium"].flag == "L"


def test_multi_page_headers_and_footers_make_no_rows() -> None:
    data, names = multi_page_report(pages=3, per_page=6)
    found = extract(data)
    assert found.pages == 3
    assert [r.name for r in found.rows] == names
    assert [r.page for r in found.rows] == [1] * 6 + [2] * 6 + [3] * 6
    assert found.date == "2025-01-10"
    assert found.patient_name == "BERNARD Paul"
    assert not any(r.needs_review for r in found.rows), [
        (r.name, r.reasons) for r in found.rows if r.needs_review]


def test_repeated_results_across_pages_are_not_duplicated() -> None:
    data, names = multi_page_report(pages=5, per_page=6)  # the check-up list wraps: 30 > 18
    found = extract(data)
    assert len(found.rows) == len(set(names)) == 18


def test_discharge_letter_keeps_only_its_results_table() -> None:
    found = extract(discharge_letter())
    assert [(r.name, r.value, r.ucum) for r in found.rows] == [
        ("Sodium", 138, "mmol/L"), ("Potassium", 4.0, "mmol/L"), ("Creatinine", 84, "umol/L")]


def test_born_digital_is_fast() -> None:
    data, _ = multi_page_report(pages=20, per_page=18)
    extract(uk_report())  # the library is loaded once
    start = time.perf_counter()
    found = extract(data)
    per_page = (time.perf_counter() - start) / found.pages
    assert per_page < 0.25, per_page


def test_share_and_count_on_one_line_make_two_rows() -> None:
    report = Report().page()
    report.line(60, (40, "Laboratoire des Tests", True), size=12)
    report.line(120, (40, "Polynucléaires neutrophiles"), (230, "62,0 %"), (290, "4,09"),
                (330, "G/L"), (380, "(1,80 - 7,50)"))
    report.line(134, (40, "Lymphocytes"), (230, "28,5 %"), (290, "1,88"), (330, "G/L"),
                (380, "(1,00 - 4,00)"))
    found = extract(report.bytes())
    assert [(r.analyte, r.value, r.ucum, r.low, r.high) for r in found.rows] == [
        ("neutrophils-percent", 62.0, "%", None, None), ("neutrophils", 4.09, "10*9/L", 1.8, 7.5),
        ("lymphocytes-percent", 28.5, "%", None, None), ("lymphocytes", 1.88, "10*9/L", 1.0, 4.0)]


def test_page_image_matches_the_boxes() -> None:
    data = uk_report()
    found = extract(data)
    image = page_image(data, 1, scale=2.0)
    width, height = found.page_sizes[0]
    assert image.size == (round(width * 2), round(height * 2))
    k = next(r for r in found.rows if r.name == "K")
    x0, y0, x1, y1 = (round(v * 2) for v in k.box)
    assert np.asarray(image.convert("L").crop((x0, y0, x1, y1))).min() < 100  # ink in the box


def _pdf_lines(lines: list[str]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 8, "Collected: 03/11/2025", new_x="LMARGIN", new_y="NEXT")
    for line in lines:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_plain_names_under_a_urinalysis_title_are_the_urine_tests() -> None:
    found = extract(_pdf_lines([
        "Chemistry", "Glucose         92        mg/dL      65 - 99",
        "Protein, Total  7.1       g/dL       6.0 - 8.5",
        "Urinalysis", "Specific Gravity   1.015     1.005 - 1.030", "Glucose         Negative",
        "Protein         Negative", "Lipid Panel", "Cholesterol, Total  187   mg/dL  100 - 199"]),
        file_name="labcorp.pdf")
    analytes = [(r.name, r.analyte) for r in found.rows]
    assert analytes == [("Glucose", "glucose"), ("Protein, Total", "total-protein"),
                        ("Specific Gravity", "urine-specific-gravity"),
                        ("Glucose", "urine-glucose"), ("Protein", "urine-protein"),
                        ("Cholesterol, Total", "total-cholesterol")]
