"""Is a value believable for its test? Units each test is reported in, and the values no
living person has, so that a misread digit or decimal comma is caught and shown for review."""

from __future__ import annotations

# Entry id -> {UCUM unit: (lowest, highest) value seen in a living person, generously}.
# "" is the unit of unitless results (ratios, INR). Tests not listed are not checked.
_COUNT_9 = ("10*9/L", "10*3/uL")
PLAUSIBLE: dict[str, dict[str, tuple[float, float]]] = {
    "sodium": {"mmol/L": (90, 200), "meq/L": (90, 200)},
    "potassium": {"mmol/L": (1.0, 10.0), "meq/L": (1.0, 10.0)},
    "chloride": {"mmol/L": (50, 150), "meq/L": (50, 150)},
    "bicarbonate": {"mmol/L": (2, 60), "meq/L": (2, 60)},
    "calcium": {"mmol/L": (0.8, 5.0), "mg/dL": (3, 20), "mg/L": (30, 200)},
    "ionized-calcium": {"mmol/L": (0.3, 3.0), "mg/dL": (1.2, 12)},
    "magnesium": {"mmol/L": (0.1, 5), "mg/dL": (0.3, 12), "mg/L": (3, 120), "meq/L": (0.2, 10)},
    "phosphate": {"mmol/L": (0.1, 6), "mg/dL": (0.3, 20), "mg/L": (3, 200)},
    "glucose": {"mmol/L": (0.5, 60), "mg/dL": (10, 1100), "g/L": (0.1, 11)},
    "fasting-glucose": {"mmol/L": (0.5, 60), "mg/dL": (10, 1100), "g/L": (0.1, 11)},
    "creatinine": {"umol/L": (5, 3000), "mg/dL": (0.05, 35), "mg/L": (0.5, 350)},
    "urea": {"mmol/L": (0.3, 80), "g/L": (0.02, 5), "mg/dL": (2, 500)},
    "urea-nitrogen": {"mg/dL": (1, 250), "mmol/L": (0.3, 90)},
    "egfr": {"mL/min/{1.73_m2}": (1, 200), "mL/min": (1, 250)},
    "uric-acid": {"umol/L": (20, 1500), "mg/dL": (0.3, 25), "mg/L": (3, 250)},
    "total-protein": {"g/L": (20, 150), "g/dL": (2, 15)},
    "albumin": {"g/L": (5, 70), "g/dL": (0.5, 7)},
    "globulin": {"g/L": (5, 100), "g/dL": (0.5, 10)},
    "bilirubin-total": {"umol/L": (0.5, 1000), "mg/dL": (0.03, 60), "mg/L": (0.3, 600)},
    "bilirubin-direct": {"umol/L": (0, 800), "mg/dL": (0, 50), "mg/L": (0, 500)},
    "alanine-aminotransferase": {"U/L": (1, 20000)},
    "aspartate-aminotransferase": {"U/L": (1, 20000)},
    "alkaline-phosphatase": {"U/L": (5, 5000)},
    "gamma-glutamyl-transferase": {"U/L": (1, 5000)},
    "lactate-dehydrogenase": {"U/L": (20, 20000)},
    "creatine-kinase": {"U/L": (5, 200000)},
    "hemoglobin": {"g/dL": (2, 25), "g/L": (20, 250), "mmol/L": (1.2, 15.5)},
    "hematocrit": {"%": (5, 80), "L/L": (0.05, 0.8), "{ratio}": (0.05, 0.8), "": (0.05, 0.8)},
    "red-blood-cell-count": {"10*12/L": (0.5, 9), "10*6/uL": (0.5, 9)},
    "white-blood-cell-count": {**{u: (0.1, 500) for u in _COUNT_9}, "/uL": (100, 500000)},
    "platelet-count": {**{u: (1, 3000) for u in _COUNT_9}, "/uL": (1000, 3000000)},
    "mean-corpuscular-volume": {"fL": (40, 150)},
    "mean-corpuscular-hemoglobin": {"pg": (10, 50)},
    "mean-corpuscular-hemoglobin-concentration": {"g/dL": (20, 45), "g/L": (200, 450),
                                                  "%": (20, 45)},
    "red-cell-distribution-width": {"%": (5, 40), "fL": (20, 100)},
    "mean-platelet-volume": {"fL": (4, 20)},
    "total-cholesterol": {"mmol/L": (0.5, 30), "g/L": (0.2, 12), "mg/dL": (20, 1200)},
    "hdl-cholesterol": {"mmol/L": (0.05, 5), "g/L": (0.02, 2), "mg/dL": (2, 200)},
    "ldl-cholesterol": {"mmol/L": (0.05, 20), "g/L": (0.02, 8), "mg/dL": (2, 800)},
    "non-hdl-cholesterol": {"mmol/L": (0.05, 25), "g/L": (0.02, 10), "mg/dL": (2, 1000)},
    "triglycerides": {"mmol/L": (0.05, 100), "g/L": (0.05, 90), "mg/dL": (5, 9000)},
    "hba1c": {"%": (2, 20), "mmol/mol": (1, 200)},
    "tsh": {"m[IU]/L": (0.001, 500), "u[IU]/mL": (0.001, 500)},
    "free-t4": {"pmol/L": (1, 150), "ng/dL": (0.1, 12), "ng/L": (1, 120)},
    "free-t3": {"pmol/L": (0.5, 50), "pg/mL": (0.3, 30), "ng/L": (0.3, 30)},
    "ferritin": {"ug/L": (1, 100000), "ng/mL": (1, 100000)},
    "serum-iron": {"umol/L": (0.5, 100), "ug/dL": (3, 600)},
    "transferrin-saturation": {"%": (1, 100)},
    "vitamin-b12": {"pmol/L": (20, 5000), "pg/mL": (30, 7000), "ng/L": (30, 7000)},
    "folate": {"nmol/L": (1, 100), "ng/mL": (0.3, 45), "ug/L": (0.3, 45)},
    "vitamin-d": {"nmol/L": (2, 600), "ng/mL": (1, 240), "ug/L": (1, 240)},
    "c-reactive-protein": {"mg/L": (0, 700), "mg/dL": (0, 70)},
    "hs-crp": {"mg/L": (0, 700), "mg/dL": (0, 70)},
    "erythrocyte-sedimentation-rate": {"mm/h": (0, 200)},
    "inr": {"": (0.5, 15), "{INR}": (0.5, 15), "{ratio}": (0.5, 15)},
    "prothrombin-time": {"s": (5, 200), "%": (5, 150)},
    "fibrinogen": {"g/L": (0.1, 15), "mg/dL": (10, 1500)},
    "psa": {"ug/L": (0, 10000), "ng/mL": (0, 10000)},
    "urine-albumin-creatinine-ratio": {"mg/mmol": (0, 3000), "mg/g": (0, 30000)},
    **{f"{kind}-percent": {"%": (0, 100)}
       for kind in ("neutrophils", "lymphocytes", "monocytes", "eosinophils", "basophils")},
    **{kind: {**{u: (0, 300) for u in _COUNT_9}, "/uL": (0, 300000)}
       for kind in ("neutrophils", "lymphocytes", "monocytes", "eosinophils", "basophils")},
}
# How far outside its own printed range a value may be before the reader doubts it.
RANGE_FACTOR_TEXT = 20.0
RANGE_FACTOR_OCR = 5.0


def expected_units(entry_id: str | None) -> set[str] | None:
    """The units a test is reported in, or None when the test is not in the table."""
    table = PLAUSIBLE.get(entry_id or "")
    return set(table) if table else None


def plausible(entry_id: str | None, value: float | None, ucum: str | None) -> bool | None:
    """True/False when the table knows the test in this unit; None when it cannot say."""
    table = PLAUSIBLE.get(entry_id or "")
    if not table or value is None:
        return None
    limits = table.get(ucum or "")
    if limits is None:
        return None
    return limits[0] <= value <= limits[1]


def far_outside_range(value: float | None, low: float | None, high: float | None,
                      factor: float) -> bool:
    """A value much further from its printed range than results go (a lost decimal comma)."""
    if value is None or value < 0:
        return False
    if low is not None and high is not None and low > 0 and high > 0:
        return value > high * factor or value < low / factor
    if high is not None and low is None and high > 0:
        return False  # "< 5": high values of such tests can be huge (CRP, troponin)
    if low is not None and high is None and low > 0:
        return value < low / factor
    return False
