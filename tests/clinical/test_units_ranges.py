"""Units, ranges, flags and critical values, checked against hand arithmetic."""

from __future__ import annotations

import pytest

from healthbook.clinical.critical import check
from healthbook.clinical.ranges import Flag, flag, parse_text_range, resolve_range
from healthbook.clinical.reference import Range, analyte_for, analytes
from healthbook.clinical.units import UnitMismatch, convert

A = analytes()


@pytest.mark.parametrize(
    ("value", "source", "target", "analyte", "expected"),
    [
        # glucose: 5.5 mmol/L x 180.156 g/mol = 990.858 mg/L = 99.0858 mg/dL
        (5.5, "mmol/L", "mg/dL", "glucose", 99.0858),
        # creatinine: 88 umol/L x 113.12 g/mol = 9954.56 ug/L = 0.995456 mg/dL
        (88, "umol/L", "mg/dL", "creatinine", 0.995456),
        # cholesterol: 5.2 mmol/L x 386.65 g/mol / 10 = 201.058 mg/dL
        (5.2, "mmol/L", "mg/dL", "cholesterol", 201.058),
        # triglycerides: 1 mmol/L x 885.7 / 10 = 88.57 mg/dL
        (1.0, "mmol/L", "mg/dL", "triglycerides", 88.57),
        # HbA1c: IFCC = (NGSP - 2.15) x 10.929 -> (7 - 2.15) x 10.929 = 53.00565
        (7.0, "%", "mmol/mol", "hba1c", 53.00565),
        (53.00565, "mmol/mol", "%", "hba1c", 7.0),
        # temperature: (98.6 - 32) x 5/9 = 37.0
        (98.6, "[degF]", "Cel", None, 37.0),
        # weight: 154 lb x 0.45359237 = 69.85322498 kg
        (154, "[lb_av]", "kg", None, 69.85322498),
        # cell counts: 250 x10^9/L = 250 x10^3/uL
        (250, "10*9/L", "10*3/uL", None, 250.0),
        (1.0, "kg", "kg", None, 1.0),
    ],
)
def test_conversions(value: float, source: str, target: str, analyte: str | None,
                     expected: float) -> None:
    assert convert(value, source, target, A[analyte] if analyte else None) == \
        pytest.approx(expected, rel=1e-9)


def test_units_that_cannot_be_converted_are_refused() -> None:
    with pytest.raises(UnitMismatch):
        convert(5, "mg/dL", "mmol/L")  # no analyte: no molar mass
    with pytest.raises(UnitMismatch):
        convert(5, "mg/dL", "kg", A["glucose"])
    with pytest.raises(UnitMismatch):
        convert(5, "furlongs per gallon", "mg/dL", A["glucose"])


def test_analytes_are_found_by_loinc_and_by_name() -> None:
    assert analyte_for("2345-7", None) is A["glucose"]
    assert analyte_for("15074-8", "anything") is A["glucose"]  # molar LOINC, same analyte
    assert analyte_for(None, "Potassium") is A["potassium"]
    assert analyte_for("0000-0", "Unknown thing") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("3.5-5.1", (3.5, 5.1)), ("3,5 - 5,1", (3.5, 5.1)), ("<36", (None, 36.0)),
     (">= 60", (60.0, None)), ("≤ 5.6", (None, 5.6)), ("negative", (None, None)),
     ("", (None, None))],
)
def test_text_ranges(text: str, expected: tuple) -> None:
    assert parse_text_range(text) == expected


def test_record_range_wins_and_defaults_are_sex_specific() -> None:
    creatinine = A["creatinine"]
    assert resolve_range(creatinine, 0.5, 1.2, None, "female") == Range(
        0.5, 1.2, "the laboratory's range on the result")
    female = resolve_range(creatinine, None, None, None, "female")
    male = resolve_range(creatinine, None, None, None, "male")
    assert (female.low, female.high) == (0.59, 1.04)
    assert (male.low, male.high) == (0.74, 1.35)
    assert "Mayo" in male.source
    assert resolve_range(creatinine, None, None, "<1.1", None).high == 1.1


def test_flags() -> None:
    rng = Range(3.6, 5.2, "test")
    assert flag(3.5, rng) is Flag.LOW
    assert flag(3.6, rng) is Flag.NORMAL
    assert flag(5.2, rng) is Flag.NORMAL
    assert flag(5.3, rng) is Flag.HIGH
    assert flag(7.0, None, "H") is Flag.HIGH
    assert flag(None, None, "LL") is Flag.CRITICAL
    assert flag(7.0, None) is Flag.UNKNOWN


def test_critical_values_escalate_deterministically() -> None:
    potassium = A["potassium"]
    high = check(potassium, 6.4, "mmol/L", "2024-03-01", (7,))
    assert high is not None
    assert high.record_ids == (7,)
    assert "Contact your clinician" in high.message
    assert "emergency" in high.message
    assert "2024-03-01" in high.message
    assert check(potassium, 5.9, "mmol/L", None, ()) is None
    assert check(potassium, 2.5, "mmol/L", None, ()) is not None
    glucose = A["glucose"]
    # 3.0 mmol/L = 3.0 x 18.0156 = 54.05 mg/dL: just above the 54 mg/dL threshold
    assert check(glucose, 3.0, "mmol/L", None, ()) is None
    # 2.9 mmol/L = 52.25 mg/dL: level 2 hypoglycemia
    assert check(glucose, 2.9, "mmol/L", None, ()) is not None
    assert check(A["systolic"], 182, "mm[Hg]", None, ()) is not None


def test_names_with_specimen_or_property_find_their_analyte() -> None:
    assert analyte_for("20005", "Creatinine(Serum)") is A["creatinine"]
    assert analyte_for(None, "Glucose [Mass/volume] in Blood") is A["glucose"]
    assert analyte_for(None, "Cholesterol in HDL [Mass/volume] in Serum or Plasma") is None
