"""The reader's parts: units, ranges, numbers, names, dates."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from healthbook.ingest.lab_report.extract import _make_row
from healthbook.ingest.lab_report.header import Header, parse_date, read_header
from healthbook.ingest.lab_report.lines import group_lines
from healthbook.ingest.lab_report.model import ResultRow, Word
from healthbook.ingest.lab_report.names import match_name
from healthbook.ingest.lab_report.pages import Page
from healthbook.ingest.lab_report.rows import parse_line
from healthbook.ingest.lab_report.straighten import white_paper
from healthbook.ingest.lab_report.tokens import parse_number, parse_range, tokenize
from healthbook.ingest.lab_report.units import closest_unit, to_ucum, to_ucum_ocr


@pytest.mark.parametrize(("printed", "ucum"), [
    ("G/L", "10*9/L"), ("g/L", "g/L"), ("T/L", "10*12/L"), ("x10E3/uL", "10*3/uL"),
    ("x10E6/uL", "10*6/uL"), ("10^9/L", "10*9/L"), ("x 10^9/l", "10*9/L"), ("10*3/µL", "10*3/uL"),
    ("×10⁹/L", "10*9/L"), ("mmol/l", "mmol/L"), ("µmol/L", "umol/L"), ("μmol/L", "umol/L"),
    ("umol/L", "umol/L"), ("UI/L", "U/L"), ("IU/L", "U/L"), ("mUI/L", "m[IU]/L"),
    ("µUI/mL", "u[IU]/mL"), ("uIU/mL", "u[IU]/mL"), ("/mm3", "/uL"), ("K/uL", "10*3/uL"),
    ("mL/min/1.73m²", "mL/min/{1.73_m2}"), ("mL/min/1,73 m2", "mL/min/{1.73_m2}"),
    ("fL", "fL"), ("%", "%"), ("mg/dl", "mg/dL"), ("L/L", "L/L"), ("secondes", "s"),
])
def test_units_to_ucum(printed: str, ucum: str) -> None:
    assert to_ucum(printed) == ucum


def test_unknown_units_and_ocr_misreadings() -> None:
    assert to_ucum("Page") is None
    assert to_ucum("ans") is None
    assert to_ucum_ocr("ulU/mL") == ("u[IU]/mL", True)
    assert to_ucum_ocr("1049/L") == ("10*9/L", True)
    assert to_ucum_ocr("10A9/L") == ("10*9/L", True)
    assert to_ucum_ocr("mmol/L") == ("mmol/L", False)


def test_a_misread_unit_is_the_units_of_its_test_it_is_clearly_closest_to() -> None:
    assert closest_unit("g/E", {"g/L", "g/dL"}) == "g/L"
    assert closest_unit("*9/L", {"10*9/L", "10*3/uL"}) == "10*9/L"
    assert closest_unit("g/l", {"ug/L", "ng/mL"}) == "ug/L"  # the µ lost
    assert closest_unit("mmol", {"mmol/L", "mg/dL"}) == "mmol/L"
    assert closest_unit("Page", {"mmol/L", "mg/dL"}) is None  # nothing close
    assert closest_unit("", {"fL"}) is None


def test_a_unit_glued_to_its_range_by_ocr_is_still_a_unit() -> None:
    words = [Word(t, 10.0 * i, 0, 10.0 * i + 8, 10) for i, t in enumerate(["79-97-fL"])]
    kinds = [(t.kind, t.ucum) for t in tokenize([words], "en", ocr=True)]
    assert kinds == [("range", None), ("unit", "fL")]
    words = [Word("(U/L", 0, 0, 30, 10)]
    assert [(t.kind, t.ucum) for t in tokenize([words], "en", ocr=True)] == [("unit", "U/L")]


def test_white_paper_keeps_the_ink_and_whitens_the_grain() -> None:
    rng = np.random.default_rng(3)
    page = rng.normal(238, 6, (200, 300))
    page[90:110, 40:260] = rng.normal(30, 6, (20, 220))
    page = np.clip(page, 0, 255).astype(np.uint8)
    out = np.asarray(white_paper(Image.fromarray(page)))
    assert (out[:80] == 255).all()
    assert (out[120:] == 255).all()
    assert (out[90:110, 40:260] == page[90:110, 40:260]).all()


@pytest.mark.parametrize(("text", "bounds"), [
    ("3,5 - 5,1", (3.5, 5.1)), ("(133 - 146)", (133, 146)), ("3.5-5.1", (3.5, 5.1)),
    ("<5.7", (None, 5.7)), ("< 5,7", (None, 5.7)), (">59", (59, None)), ("[3.5 ; 5.1]", (3.5, 5.1)),
    ("3,5 à 5,1", (3.5, 5.1)), ("0.40 to 4.00", (0.4, 4.0)), ("Inf. à 5", (None, 5)),
    ("150 000 - 400 000", (150000, 400000)), (">= 60", (60, None)),
])
def test_ranges(text: str, bounds: tuple[float | None, float | None]) -> None:
    assert parse_range(text, "fr") == bounds


def test_ranges_that_are_not_ranges() -> None:
    assert parse_range("SGPT", "en") is None
    assert parse_range("15-3", "en") is None  # "CA 15-3": low above high


def test_numbers() -> None:
    assert parse_number("4,52") == 4.52
    assert parse_number("245 000") == 245000
    assert parse_number("1,245", "en") == 1245
    assert parse_number("1,245", "fr") == 1.245
    assert parse_number("abc") is None


@pytest.mark.parametrize(("printed", "entry"), [
    ("K", "potassium"), ("Na", "sodium"), ("Creat", "creatinine"),
    ("WCC", "white-blood-cell-count"),
    ("Hb", "hemoglobin"), ("Plt", "platelet-count"), ("Kaliémie", "potassium"),
    ("POTASSIUM (sérum)", "potassium"), ("Potassium, serum", "potassium"),
    ("T.S.H. ultrasensible", "tsh"), ("V.G.M.", "mean-corpuscular-volume"),
    ("ALT (SGPT)", "alanine-aminotransferase"), ("Gamma-GT", "gamma-glutamyl-transferase"),
    ("Glycémie à jeun", "fasting-glucose"), ("Hemoglobin Alc", "hba1c"),
    ("Polynucléaires neutrophiles", "neutrophils"), ("Protein, Total", "total-protein"),
    ("LDL Chol Calc (NIH)", "ldl-cholesterol"), ("Adj Ca", "calcium"),
])
def test_names(printed: str, entry: str) -> None:
    found = match_name(printed, None)
    assert found is not None
    assert found.entry_id == entry


def test_names_that_are_not_tests() -> None:
    for text in ("k", "le", "Prélevé le", "Dossier", "Page", "Date de naissance"):
        assert match_name(text, "fr") is None, text


@pytest.mark.parametrize(("printed", "lang", "entry"), [
    ("Glucose, urine", "en", "urine-glucose"), ("Creatinine, urine", "en", "urine-creatinine"),
    ("Albumin, urine", "en", "urine-albumin"), ("Protéines urinaires", "fr", "urine-protein"),
    ("Potassium, serum", "en", "potassium"),
    ("TP", "fr", "prothrombin-time"), ("Taux de prothrombine", "fr", "prothrombin-time"),
    ("TP", "en", "total-protein"),  # a UK report's total protein
    ("Chiore", "fr", "chloride"), ("ROW", "en", "red-cell-distribution-width"),  # OCR's
])
def test_a_name_is_the_test_its_report_means(printed: str, lang: str, entry: str) -> None:
    found = match_name(printed, lang)
    assert found is not None
    assert found.entry_id == entry


@pytest.mark.parametrize(("printed", "lang", "not_this"), [
    ("CA 125", "en", "calcium"), ("CA 19-9", "en", "calcium"), ("CA 15-3", "fr", "calcium"),
    ("Herpes PCR", "en", "urine-protein-creatinine-ratio"),
    ("Trichomonas NAAT", "en", "sars-cov-2-pcr"), ("Lithium blood level", "en", "hemoglobin"),
    ("Osmolal gap", "en", "anion-gap"), ("Ag HBe", "fr", "anion-gap"),
    ("Sérologie hépatite B Ac anti-HBs", "fr", "hepatitis-b-surface-antigen"),
    ("Fer dans le sang", "fr", "hemoglobin"), ("Protéines", "fr", "albumin"),
    ("Granulocytes", "en", "neutrophils"), ("LFT", "en", "sars-cov-2-antigen"),
    ("Saturation transferrine", "fr", "blood-oxygen-saturation"),
    ("Sodium, urine", "en", "sodium"), ("Glucose, CSF", "en", "glucose"),
    ("Calcium urinaire", "fr", "calcium"), ("Occult blood, stool", "en", "urine-blood"),
])
def test_names_of_other_tests_are_not_filed_under_a_look_alike(printed: str, lang: str,
                                                              not_this: str) -> None:
    found = match_name(printed, lang)
    assert found is None or found.entry_id != not_this


def test_unit_picks_the_share_or_the_count() -> None:
    assert match_name("Neutrophiles", "fr", "%").entry_id == "neutrophils-percent"
    assert match_name("Neut", "en", "10*9/L").entry_id == "neutrophils"


def test_dates() -> None:
    assert parse_date("Prélevé le 03/02/2025 à 08:15") == "2025-02-03"
    assert parse_date("Collected: 03/11/2025", "mdy") == "2025-03-11"
    assert parse_date("14 février 2025") == "2025-02-14"
    assert parse_date("Feb 14, 2025") == "2025-02-14"
    assert parse_date("2025-02-14") == "2025-02-14"
    assert parse_date("13/13/2025") is None
    assert parse_date("no date") is None


def _line_words(y: float, text: str) -> list[Word]:
    words, x = [], 40.0
    for part in text.split():
        words.append(Word(part, x, y, x + 6 * len(part), y + 10))
        x += 6 * len(part) + 5
    return words


def test_a_letters_admission_and_discharge_dates_are_not_the_results_date() -> None:
    words = [*_line_words(100, "Patiente hospitalisée le 12/03/2025 pour une douleur"),
             *_line_words(115, "Sortie le 16/03/2025, traitement inchangé."),
             *_line_words(130, "Ionogramme 14/03/2025")]
    assert read_header(group_lines(words, 1)).date == "2025-03-14"


def _ocr_row(text: str, lang: str = "fr") -> ResultRow | None:
    """The row one OCR-read line makes, each word its own cell-spaced word."""
    words, x = [], 40.0
    for part in text.split():
        words.append(Word(part, x, 100, x + 8 * len(part), 112, conf=0.95))
        x += 8 * len(part) + 40
    line = group_lines(words, 1)[0]
    cand = parse_line(line, lang, True, None)
    assert cand is not None
    page = Page(1, 600, 800, words, ocr=True)
    return _make_row(cand, page, Header(language=lang))


def test_a_unit_ocr_mangled_into_a_word_becomes_its_tests_unit_marked() -> None:
    row = _ocr_row("Gamma-GT 21 UI 12-64")
    assert row is not None
    assert (row.analyte, row.value, row.ucum) == ("gamma-glutamyl-transferase", 21, "U/L")
    assert row.needs_review
    row = _ocr_row("Gamma-GT 21 Page 12-64")  # not a unit: nothing guessed
    assert row is not None
    assert row.ucum is None
