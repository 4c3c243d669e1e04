"""The analytes the generator prints: names, units and reference ranges as each kind of lab
prints them, with the LOINC code of the knowledge library that goes with each unit.

Values are drawn in one canonical unit (`mean`, `sd`) and converted to each printed unit with
`factor` and `offset`; ranges are the ones printed, per unit. Systems: "fr" (French private lab),
"us" (US commercial lab), "uk" (UK hospital, short names). Long English names for letters and
check-ups are in `en`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    """One printed unit of an analyte, with its range as printed in that unit."""

    printed: str
    ucum: str
    loinc: str
    low: float | None
    high: float | None
    decimals: int
    factor: float = 1.0
    offset: float = 0.0
    censor_below: float | None = None  # printed as "<x" under this value
    censor_above: float | None = None  # printed as ">x" over this value


@dataclass(frozen=True)
class Variant:
    """How one kind of lab prints an analyte: its names and one or two units (two lines)."""

    names: tuple[str, ...]
    units: tuple[Unit, ...]


@dataclass(frozen=True)
class Analyte:
    """A numeric analyte: a canonical distribution and the variants per system."""

    key: str
    section: str
    mean: float
    sd: float
    en: tuple[str, ...]
    fr: Variant | None = None
    us: Variant | None = None
    uk: Variant | None = None
    floor: float = 0.0

    def variant(self, system: str) -> Variant | None:
        """The variant printed by a system ("fr", "us" or "uk")."""
        return {"fr": self.fr, "us": self.us, "uk": self.uk}[system]


@dataclass(frozen=True)
class TextAnalyte:
    """A result printed as words ("Negative", "Positif")."""

    key: str
    section: str
    loinc: str
    en: tuple[str, ...]
    fr: tuple[str, ...]
    us: tuple[str, ...]
    normal: dict[str, str]  # language -> the usual result, also printed as the reference
    abnormal: dict[str, str]
    p_abnormal: float = 0.12


def V(names: str | tuple[str, ...], *units: Unit) -> Variant:  # a table helper
    """A variant from a name (or names) and its units."""
    return Variant((names,) if isinstance(names, str) else names, units)


U = Unit
# Frequent units, UCUM side.
G_L, T_L = ("G/L", "10*9/L"), ("T/L", "10*12/L")
K_UL, M_UL = ("x10E3/uL", "10*3/uL"), ("x10E6/uL", "10*6/uL")
E9, E12 = ("10^9/L", "10*9/L"), ("10^12/L", "10*12/L")
GFR_FR, GFR_US, GFR_UK = "mL/min/1,73m²", "mL/min/1.73", "mL/min/1.73m2"
GFR_UCUM = "mL/min/{1.73_m2}"

ANALYTES: tuple[Analyte, ...] = (
    # --- haematology -------------------------------------------------------------------------
    Analyte("red-blood-cell-count", "hematology", 4.75, 0.35, ("Red blood cells", "RBC"),
            fr=V(("Hématies", "Globules rouges"), U(*T_L, "789-8", 4.20, 5.70, 2)),
            us=V("RBC", U(*M_UL, "789-8", 4.14, 5.80, 2)),
            uk=V("RBC", U(*E12, "789-8", 4.50, 5.90, 2))),
    Analyte("hemoglobin", "hematology", 14.1, 1.1, ("Haemoglobin", "Hemoglobin"),
            fr=V(("Hémoglobine",), U("g/dL", "g/dL", "718-7", 13.0, 17.0, 1)),
            us=V("Hemoglobin", U("g/dL", "g/dL", "718-7", 13.0, 17.7, 1)),
            uk=V("Hb", U("g/L", "g/L", "718-7", 130, 170, 0, factor=10))),
    Analyte("hematocrit", "hematology", 43.0, 3.0, ("Haematocrit", "Hematocrit"),
            fr=V("Hématocrite", U("%", "%", "4544-3", 40.0, 52.0, 1)),
            us=V("Hematocrit", U("%", "%", "4544-3", 37.5, 51.0, 1)),
            uk=V("Hct", U("L/L", "L/L", "4544-3", 0.400, 0.520, 3, factor=0.01))),
    Analyte("mean-corpuscular-volume", "hematology", 89.0, 4.0, ("Mean cell volume", "MCV"),
            fr=V(("VGM", "Volume globulaire moyen"), U("fL", "fL", "787-2", 80.0, 100.0, 1)),
            us=V("MCV", U("fL", "fL", "787-2", 79, 97, 0)),
            uk=V("MCV", U("fL", "fL", "787-2", 80, 100, 1))),
    Analyte("mean-corpuscular-hemoglobin", "hematology", 29.8, 1.4, ("Mean cell haemoglobin",),
            fr=V(("TCMH",), U("pg", "pg", "785-6", 27.0, 32.0, 1)),
            us=V("MCH", U("pg", "pg", "785-6", 26.6, 33.0, 1)),
            uk=V("MCH", U("pg", "pg", "785-6", 27.0, 32.0, 1))),
    Analyte("mean-corpuscular-hemoglobin-concentration", "hematology", 33.6, 0.9, ("MCHC",),
            fr=V(("CCMH",), U("g/dL", "g/dL", "786-4", 32.0, 36.0, 1)),
            us=V("MCHC", U("g/dL", "g/dL", "786-4", 31.5, 35.7, 1)),
            uk=V("MCHC", U("g/L", "g/L", "786-4", 320, 360, 0, factor=10))),
    Analyte("red-cell-distribution-width", "hematology", 13.0, 0.8, ("RDW",),
            fr=V(("IDR", "IDR-CV"), U("%", "%", "788-0", 11.0, 15.0, 1)),
            us=V("RDW", U("%", "%", "788-0", 11.6, 15.4, 1)),
            uk=V("RDW", U("%", "%", "788-0", 11.5, 15.0, 1))),
    Analyte("white-blood-cell-count", "hematology", 6.8, 1.5, ("White cell count", "WBC"),
            fr=V(("Leucocytes", "Globules blancs"), U(*G_L, "6690-2", 4.00, 10.00, 2)),
            us=V("WBC", U(*K_UL, "6690-2", 3.4, 10.8, 1)),
            uk=V("WCC", U(*E9, "6690-2", 4.0, 11.0, 1))),
    Analyte("neutrophils", "hematology", 3.9, 1.0, ("Neutrophils",), floor=0.3,
            fr=V("Polynucléaires neutrophiles", U(*G_L, "751-8", 1.80, 7.50, 2)),
            us=V("Neutrophils (Absolute)", U(*K_UL, "751-8", 1.4, 7.0, 1)),
            uk=V("Neut", U(*E9, "751-8", 2.0, 7.5, 1))),
    Analyte("lymphocytes", "hematology", 2.0, 0.5, ("Lymphocytes",), floor=0.3,
            fr=V("Lymphocytes", U(*G_L, "731-0", 1.00, 4.00, 2)),
            us=V("Lymphs (Absolute)", U(*K_UL, "731-0", 0.7, 3.1, 1)),
            uk=V("Lymph", U(*E9, "731-0", 1.0, 4.0, 1))),
    Analyte("monocytes", "hematology", 0.52, 0.14, ("Monocytes",), floor=0.05,
            fr=V("Monocytes", U(*G_L, "742-7", 0.20, 1.00, 2)),
            us=V("Monocytes(Absolute)", U(*K_UL, "742-7", 0.1, 0.9, 1)),
            uk=V("Mono", U(*E9, "742-7", 0.2, 1.0, 1))),
    Analyte("eosinophils", "hematology", 0.17, 0.07, ("Eosinophils",), floor=0.01,
            fr=V("Polynucléaires éosinophiles", U(*G_L, "711-2", 0.00, 0.50, 2)),
            us=V("Eos (Absolute)", U(*K_UL, "711-2", 0.0, 0.4, 1)),
            uk=V("Eos", U(*E9, "711-2", 0.0, 0.4, 2))),
    Analyte("basophils", "hematology", 0.04, 0.015, ("Basophils",), floor=0.01,
            fr=V("Polynucléaires basophiles", U(*G_L, "704-7", 0.00, 0.20, 2)),
            us=V("Baso (Absolute)", U(*K_UL, "704-7", 0.0, 0.2, 1)),
            uk=V("Baso", U(*E9, "704-7", 0.0, 0.1, 2))),
    Analyte("platelet-count", "hematology", 255, 50, ("Platelets", "Platelet count"),
            fr=V(("Plaquettes",), U(*G_L, "777-3", 150, 400, 0)),
            us=V("Platelets", U(*K_UL, "777-3", 150, 450, 0)),
            uk=V("Plt", U(*E9, "777-3", 150, 400, 0))),
    Analyte("mean-platelet-volume", "hematology", 9.6, 0.8, ("Mean platelet volume",),
            fr=V(("VPM",), U("fL", "fL", "32623-1", 7.4, 10.8, 1))),
    # --- chemistry ---------------------------------------------------------------------------
    Analyte("sodium", "chemistry", 140, 2.0, ("Sodium",),
            fr=V(("Sodium", "Sodium (Na+)"), U("mmol/L", "mmol/L", "2951-2", 136, 145, 0)),
            us=V("Sodium", U("mmol/L", "mmol/L", "2951-2", 134, 144, 0)),
            uk=V("Na", U("mmol/L", "mmol/L", "2951-2", 133, 146, 0))),
    Analyte("potassium", "chemistry", 4.3, 0.35, ("Potassium",),
            fr=V(("Potassium", "Potassium (K+)"), U("mmol/L", "mmol/L", "2823-3", 3.5, 5.1, 1)),
            us=V("Potassium", U("mmol/L", "mmol/L", "2823-3", 3.5, 5.2, 1)),
            uk=V("K", U("mmol/L", "mmol/L", "2823-3", 3.5, 5.3, 1))),
    Analyte("chloride", "chemistry", 102, 2.5, ("Chloride",),
            fr=V(("Chlorures", "Chlore"), U("mmol/L", "mmol/L", "2075-0", 98, 107, 0)),
            us=V("Chloride", U("mmol/L", "mmol/L", "2075-0", 96, 106, 0)),
            uk=V("Cl", U("mmol/L", "mmol/L", "2075-0", 95, 108, 0))),
    Analyte("bicarbonate", "chemistry", 25, 2.0, ("Bicarbonate",),
            fr=V(("Bicarbonates", "CO2 total"), U("mmol/L", "mmol/L", "2028-9", 22, 29, 0)),
            us=V("Carbon Dioxide, Total", U("mmol/L", "mmol/L", "2028-9", 20, 29, 0)),
            uk=V("Bicarb", U("mmol/L", "mmol/L", "2028-9", 22, 29, 0))),
    Analyte("urea", "chemistry", 5.2, 1.2, ("Urea",), floor=1.0,
            fr=V(("Urée",), U("g/L", "g/L", "3091-6", 0.15, 0.45, 2, factor=0.06006),
                 U("mmol/L", "mmol/L", "22664-7", 2.5, 7.5, 1)),
            us=V("BUN", U("mg/dL", "mg/dL", "3094-0", 6, 24, 0, factor=2.801)),
            uk=V("Urea", U("mmol/L", "mmol/L", "22664-7", 2.5, 7.8, 1))),
    Analyte("creatinine", "chemistry", 80, 12, ("Creatinine",), floor=30,
            fr=V(("Créatinine", "Créatininémie"),
                 U("mg/L", "mg/L", "2160-0", 7.2, 11.8, 1, factor=0.1131),
                 U("µmol/L", "umol/L", "14682-9", 64, 104, 0)),
            us=V("Creatinine", U("mg/dL", "mg/dL", "2160-0", 0.76, 1.27, 2, factor=0.01131)),
            uk=V("Creat", U("umol/L", "umol/L", "14682-9", 59, 104, 0))),
    Analyte("egfr", "chemistry", 94, 14, ("eGFR", "Estimated GFR"), floor=20,
            fr=V(("DFG estimé (CKD-EPI)", "Débit de filtration glomérulaire (CKD-EPI)"),
                 U(GFR_FR, GFR_UCUM, "62238-1", 60, None, 0)),
            us=V("eGFR", U(GFR_US, GFR_UCUM, "98979-8", 59, None, 0, offset=0.0)),
            uk=V("eGFR", U(GFR_UK, GFR_UCUM, "33914-3", 60, None, 0, censor_above=90))),
    Analyte("fasting-glucose", "chemistry", 5.2, 0.45, ("Glucose (fasting)", "Fasting glucose"),
            floor=2.5,
            fr=V(("Glycémie à jeun", "Glucose à jeun"),
                 U("g/L", "g/L", "1558-6", 0.70, 1.10, 2, factor=0.18016),
                 U("mmol/L", "mmol/L", "14771-0", 3.89, 6.11, 2)),
            us=V("Glucose", U("mg/dL", "mg/dL", "2345-7", 65, 99, 0, factor=18.016)),
            uk=V("Glucose", U("mmol/L", "mmol/L", "14771-0", 3.0, 6.0, 1))),
    Analyte("calcium", "chemistry", 2.36, 0.08, ("Calcium",),
            fr=V(("Calcium", "Calcémie"), U("mg/L", "mg/L", "17861-6", 86, 102, 0, factor=40.08),
                 U("mmol/L", "mmol/L", "2000-8", 2.15, 2.55, 2)),
            us=V("Calcium", U("mg/dL", "mg/dL", "17861-6", 8.7, 10.2, 1, factor=4.008)),
            uk=V("Ca", U("mmol/L", "mmol/L", "2000-8", 2.20, 2.60, 2))),
    Analyte("total-protein", "chemistry", 70, 4, ("Total protein",),
            fr=V(("Protéines totales", "Protidémie"), U("g/L", "g/L", "2885-2", 64, 83, 0)),
            us=V("Protein, Total", U("g/dL", "g/dL", "2885-2", 6.0, 8.5, 1, factor=0.1)),
            uk=V("TP", U("g/L", "g/L", "2885-2", 60, 80, 0))),
    Analyte("albumin", "chemistry", 43, 3, ("Albumin",),
            fr=V(("Albumine",), U("g/L", "g/L", "1751-7", 35.0, 52.0, 1)),
            us=V("Albumin", U("g/dL", "g/dL", "1751-7", 3.8, 4.9, 1, factor=0.1)),
            uk=V("Alb", U("g/L", "g/L", "1751-7", 35, 50, 0))),
    Analyte("uric-acid", "chemistry", 320, 70, ("Uric acid", "Urate"), floor=100,
            fr=V(("Acide urique", "Uricémie"),
                 U("mg/L", "mg/L", "3084-1", 35, 72, 1, factor=0.1681),
                 U("µmol/L", "umol/L", "14933-6", 208, 428, 0)),
            us=V("Uric Acid", U("mg/dL", "mg/dL", "3084-1", 3.8, 8.4, 1, factor=0.01681)),
            uk=V("Urate", U("umol/L", "umol/L", "14933-6", 200, 430, 0))),
    Analyte("magnesium", "chemistry", 0.85, 0.07, ("Magnesium",),
            fr=V(("Magnésium",), U("mmol/L", "mmol/L", "2601-3", 0.66, 1.07, 2)),
            uk=V("Mg", U("mmol/L", "mmol/L", "2601-3", 0.70, 1.00, 2))),
    Analyte("phosphate", "chemistry", 1.10, 0.15, ("Phosphate",),
            fr=V(("Phosphore",), U("mmol/L", "mmol/L", "14879-1", 0.81, 1.45, 2)),
            uk=V("Phos", U("mmol/L", "mmol/L", "14879-1", 0.80, 1.50, 2))),
    # --- liver -------------------------------------------------------------------------------
    Analyte("bilirubin-total", "liver", 9, 4, ("Bilirubin (total)", "Total bilirubin"), floor=2,
            fr=V(("Bilirubine totale",), U("µmol/L", "umol/L", "14631-6", None, 21, 0)),
            us=V("Bilirubin, Total", U("mg/dL", "mg/dL", "1975-2", 0.0, 1.2, 1, factor=0.0585)),
            uk=V("Bili", U("umol/L", "umol/L", "14631-6", 0, 21, 0))),
    Analyte("alanine-aminotransferase", "liver", 24, 9, ("Alanine aminotransferase", "ALT"),
            floor=5,
            fr=V(("ALAT (TGP)", "Transaminases ALAT"), U("UI/L", "U/L", "1742-6", None, 41, 0)),
            us=V("ALT (SGPT)", U("IU/L", "U/L", "1742-6", 0, 44, 0)),
            uk=V("ALT", U("U/L", "U/L", "1742-6", 0, 41, 0))),
    Analyte("aspartate-aminotransferase", "liver", 22, 7, ("Aspartate aminotransferase", "AST"),
            floor=6,
            fr=V(("ASAT (TGO)", "Transaminases ASAT"), U("UI/L", "U/L", "1920-8", None, 40, 0)),
            us=V("AST (SGOT)", U("IU/L", "U/L", "1920-8", 0, 40, 0)),
            uk=V("AST", U("U/L", "U/L", "1920-8", 0, 40, 0))),
    Analyte("alkaline-phosphatase", "liver", 75, 20, ("Alkaline phosphatase",), floor=20,
            fr=V(("Phosphatases alcalines",), U("UI/L", "U/L", "6768-6", 40, 129, 0)),
            us=V("Alkaline Phosphatase", U("IU/L", "U/L", "6768-6", 44, 121, 0)),
            uk=V("ALP", U("U/L", "U/L", "6768-6", 30, 130, 0))),
    Analyte("gamma-glutamyl-transferase", "liver", 28, 13, ("Gamma GT", "GGT"), floor=6,
            fr=V(("Gamma-GT", "Gamma glutamyl-transférase"), U("UI/L", "U/L", "2324-2", 12, 64, 0)),
            us=V("GGT", U("IU/L", "U/L", "2324-2", 0, 65, 0)),
            uk=V("GGT", U("U/L", "U/L", "2324-2", 0, 60, 0))),
    # --- inflammation ------------------------------------------------------------------------
    Analyte("c-reactive-protein", "inflammation", 2.5, 2.5, ("C-reactive protein", "CRP"),
            floor=0.2,
            fr=V(("Protéine C réactive (CRP)", "CRP"),
                 U("mg/L", "mg/L", "1988-5", None, 5.0, 1, censor_below=1.0)),
            us=V("C-Reactive Protein, Cardiac",
                 U("mg/L", "mg/L", "30522-7", 0.00, 3.00, 2, censor_below=0.30)),
            uk=V("CRP", U("mg/L", "mg/L", "1988-5", 0, 5, 0, censor_below=4))),
    Analyte("erythrocyte-sedimentation-rate", "inflammation", 9, 5, ("ESR",), floor=2,
            fr=V(("Vitesse de sédimentation (1re heure)", "VS 1re heure"),
                 U("mm", "mm/h", "4537-7", None, 20, 0)),
            uk=V("ESR", U("mm/hr", "mm/h", "4537-7", 0, 20, 0))),
    # --- lipids ------------------------------------------------------------------------------
    Analyte("total-cholesterol", "lipids", 5.0, 0.8, ("Total cholesterol", "Cholesterol"),
            floor=2.5,
            fr=V(("Cholestérol total",), U("g/L", "g/L", "2093-3", None, 2.00, 2, factor=0.3867),
                 U("mmol/L", "mmol/L", "14647-2", None, 5.17, 2)),
            us=V("Cholesterol, Total",
                 U("mg/dL", "mg/dL", "2093-3", 100, 199, 0, factor=38.67)),
            uk=V("Chol", U("mmol/L", "mmol/L", "14647-2", None, 5.0, 1))),
    Analyte("hdl-cholesterol", "lipids", 1.45, 0.3, ("HDL cholesterol",), floor=0.5,
            fr=V(("Cholestérol HDL", "HDL-cholestérol"),
                 U("g/L", "g/L", "2085-9", 0.40, None, 2, factor=0.3867),
                 U("mmol/L", "mmol/L", "14646-4", 1.03, None, 2)),
            us=V("HDL Cholesterol", U("mg/dL", "mg/dL", "2085-9", 39, None, 0, factor=38.67)),
            uk=V("HDL", U("mmol/L", "mmol/L", "14646-4", 1.0, None, 1))),
    Analyte("ldl-cholesterol", "lipids", 2.9, 0.7, ("LDL cholesterol (calculated)",), floor=0.8,
            fr=V(("Cholestérol LDL calculé", "LDL-cholestérol (Friedewald)"),
                 U("g/L", "g/L", "13457-7", None, 1.60, 2, factor=0.3867),
                 U("mmol/L", "mmol/L", "22748-8", None, 4.13, 2)),
            us=V("LDL Chol Calc (NIH)", U("mg/dL", "mg/dL", "13457-7", 0, 99, 0, factor=38.67)),
            uk=V("LDL", U("mmol/L", "mmol/L", "22748-8", None, 3.0, 1))),
    Analyte("triglycerides", "lipids", 1.25, 0.45, ("Triglycerides",), floor=0.4,
            fr=V(("Triglycérides",), U("g/L", "g/L", "2571-8", None, 1.50, 2, factor=0.8857),
                 U("mmol/L", "mmol/L", "14927-8", None, 1.70, 2)),
            us=V("Triglycerides", U("mg/dL", "mg/dL", "2571-8", 0, 149, 0, factor=88.57)),
            uk=V("Trig", U("mmol/L", "mmol/L", "14927-8", None, 1.7, 1))),
    # --- diabetes ----------------------------------------------------------------------------
    Analyte("hba1c", "diabetes", 5.45, 0.35, ("HbA1c", "Haemoglobin A1c"), floor=4.0,
            fr=V(("Hémoglobine glyquée (HbA1c)", "HbA1c"), U("%", "%", "4548-4", 4.0, 6.0, 1),
                 U("mmol/mol", "mmol/mol", "59261-8", 20, 42, 0, factor=10.929,
                   offset=-23.52)),
            us=V("Hemoglobin A1c", U("%", "%", "4548-4", None, 5.7, 1)),
            uk=V("HbA1c", U("mmol/mol", "mmol/mol", "59261-8", 20, 41, 0, factor=10.929,
                            offset=-23.52))),
    # --- thyroid -----------------------------------------------------------------------------
    Analyte("tsh", "thyroid", 1.8, 0.75, ("TSH", "Thyroid stimulating hormone"), floor=0.1,
            fr=V(("TSH ultrasensible", "TSH"), U("mUI/L", "m[IU]/L", "3016-3", 0.27, 4.20, 2)),
            us=V("TSH", U("uIU/mL", "u[IU]/mL", "3016-3", 0.450, 4.500, 3)),
            uk=V("TSH", U("mU/L", "m[IU]/L", "3016-3", 0.27, 4.20, 2))),
    Analyte("free-t4", "thyroid", 15.5, 2.3, ("Free T4", "Free thyroxine"), floor=5,
            fr=V(("T4 libre", "Thyroxine libre (T4L)"), U("pmol/L", "pmol/L", "14920-3", 12.0,
                                                          22.0, 1)),
            us=V("T4,Free(Direct)", U("ng/dL", "ng/dL", "3024-7", 0.82, 1.77, 2,
                                      factor=0.0777)),
            uk=V("FT4", U("pmol/L", "pmol/L", "14920-3", 12.0, 22.0, 1))),
    # --- iron and vitamins -------------------------------------------------------------------
    Analyte("ferritin", "iron", 120, 65, ("Ferritin",), floor=8,
            fr=V(("Ferritine",), U("µg/L", "ug/L", "2276-4", 30, 400, 0)),
            us=V("Ferritin", U("ng/mL", "ng/mL", "2276-4", 30, 400, 0)),
            uk=V("Ferritin", U("ug/L", "ug/L", "2276-4", 30, 400, 0))),
    Analyte("serum-iron", "iron", 18, 5, ("Iron", "Serum iron"), floor=4,
            fr=V(("Fer sérique",), U("µmol/L", "umol/L", "14798-3", 12.5, 32.2, 1)),
            us=V("Iron", U("ug/dL", "ug/dL", "2498-4", 38, 169, 0, factor=5.585)),
            uk=V("Iron", U("umol/L", "umol/L", "14798-3", 10.0, 30.0, 1))),
    Analyte("vitamin-d", "vitamins", 70, 25, ("Vitamin D (25-OH)", "25-OH vitamin D"), floor=10,
            fr=V(("Vitamine D (25-OH)", "25-OH vitamine D (D2+D3)"),
                 U("ng/mL", "ng/mL", "1989-3", 30.0, 100.0, 1, factor=0.4006),
                 U("nmol/L", "nmol/L", "14635-7", 75, 250, 0)),
            us=V("Vitamin D, 25-Hydroxy",
                 U("ng/mL", "ng/mL", "1989-3", 30.0, 100.0, 1, factor=0.4006)),
            uk=V("Vit D", U("nmol/L", "nmol/L", "14635-7", 50, 200, 0))),
    Analyte("vitamin-b12", "vitamins", 360, 110, ("Vitamin B12",), floor=90,
            fr=V(("Vitamine B12",), U("pg/mL", "pg/mL", "2132-9", 197, 771, 0, factor=1.355)),
            us=V("Vitamin B12", U("pg/mL", "pg/mL", "2132-9", 232, 1245, 0, factor=1.355)),
            uk=V("B12", U("ng/L", "ng/L", "2132-9", 197, 771, 0, factor=1.355))),
    Analyte("folate", "vitamins", 9.5, 3.5, ("Folate",), floor=2,
            fr=V(("Folates sériques",), U("ng/mL", "ng/mL", "2284-8", 3.9, 26.8, 1)),
            us=V("Folate (Folic Acid), Serum", U("ng/mL", "ng/mL", "2284-8", 3.0, None, 1)),
            uk=V("Folate", U("ug/L", "ug/L", "2284-8", 3.9, 26.8, 1))),
    # --- coagulation -------------------------------------------------------------------------
    Analyte("inr", "coagulation", 1.02, 0.07, ("INR",), floor=0.8,
            fr=V(("INR",), U("", "{INR}", "6301-6", 0.80, 1.20, 2)),
            us=V("INR", U("", "{INR}", "6301-6", 0.9, 1.2, 1)),
            uk=V("INR", U("", "{INR}", "6301-6", 0.8, 1.2, 2))),
    # --- cardiac (letters) -------------------------------------------------------------------
    Analyte("troponin-t", "cardiac", 6, 4, ("High-sensitivity troponin T", "hs-Troponin T"),
            floor=2,
            fr=V(("Troponine T hypersensible",),
                 U("ng/L", "ng/L", "67151-1", None, 14, 0, censor_below=5)),
            uk=V("hs-TnT", U("ng/L", "ng/L", "67151-1", None, 14, 0, censor_below=5))),
    Analyte("troponin-i", "cardiac", 0.008, 0.006, ("Troponin I",), floor=0.001,
            us=V("Troponin I", U("ng/mL", "ng/mL", "10839-9", 0.00, 0.04, 2,
                                 censor_below=0.01))),
)

TEXT_ANALYTES: tuple[TextAnalyte, ...] = (
    TextAnalyte("urine-nitrite", "urine", "5802-4", ("Nitrite",), ("Nitrites",),
                ("Nitrite, Urine",), {"en": "Negative", "fr": "Négatif"},
                {"en": "Positive", "fr": "Positif"}, 0.08),
    TextAnalyte("urine-leukocyte-esterase", "urine", "5799-2", ("Leukocyte esterase",),
                ("Leucocytes (bandelette)",), ("Leukocyte Esterase",),
                {"en": "Negative", "fr": "Négatif"}, {"en": "Positive", "fr": "Positif"}, 0.2),
    TextAnalyte("urine-glucose", "urine", "25428-4", ("Glucose, urine",), ("Glucose urinaire",),
                ("Glucose, Urine", "Glucose"), {"en": "Negative", "fr": "Négatif"},
                {"en": "Positive", "fr": "Positif"}, 0.05),
    TextAnalyte("urine-protein", "urine", "20454-5", ("Protein, urine",),
                ("Protéines urinaires",), ("Protein, Urine", "Protein"),
                {"en": "Negative", "fr": "Négatif"}, {"en": "Trace", "fr": "Traces"}, 0.1),
    TextAnalyte("urine-blood", "urine", "5794-3", ("Blood, urine",), ("Sang (bandelette)",),
                ("Occult Blood",), {"en": "Negative", "fr": "Négatif"},
                {"en": "Positive", "fr": "Positif"}, 0.08),
    TextAnalyte("chlamydia-test", "serology", "21613-5", ("Chlamydia trachomatis PCR",),
                ("Chlamydia trachomatis (PCR)",), ("Chlamydia trachomatis, NAA",),
                {"en": "Negative", "fr": "Négatif"}, {"en": "Positive", "fr": "Positif"}, 0.1),
    TextAnalyte("syphilis-test", "serology", "20507-0", ("Syphilis serology (RPR)",),
                ("Sérologie syphilis (VDRL)",), ("RPR",),
                {"en": "Non Reactive", "fr": "Négatif"}, {"en": "Reactive", "fr": "Positif"},
                0.05),
)

SECTION_TITLES: dict[str, dict[str, str]] = {
    "hematology": {"fr": "HÉMATOLOGIE", "us": "CBC With Differential/Platelet",
                   "uk": "Haematology", "en": "Haematology"},
    "chemistry": {"fr": "BIOCHIMIE", "us": "Comp. Metabolic Panel (14)",
                  "uk": "Clinical Biochemistry", "en": "Biochemistry"},
    "liver": {"fr": "BILAN HÉPATIQUE", "us": "Hepatic Function Panel", "uk": "Liver Function",
              "en": "Liver function"},
    "inflammation": {"fr": "INFLAMMATION", "us": "Inflammation", "uk": "Inflammatory Markers",
                     "en": "Inflammation"},
    "lipids": {"fr": "BILAN LIPIDIQUE", "us": "Lipid Panel", "uk": "Lipids",
               "en": "Lipid profile"},
    "diabetes": {"fr": "DIABÉTOLOGIE", "us": "Hemoglobin A1c", "uk": "Diabetes",
                 "en": "Diabetes"},
    "thyroid": {"fr": "HORMONOLOGIE", "us": "Thyroid Panel", "uk": "Endocrinology",
                "en": "Thyroid function"},
    "iron": {"fr": "BILAN MARTIAL", "us": "Iron and Ferritin", "uk": "Iron Studies",
             "en": "Iron studies"},
    "vitamins": {"fr": "VITAMINES", "us": "Vitamins", "uk": "Vitamins", "en": "Vitamins"},
    "coagulation": {"fr": "HÉMOSTASE", "us": "Coagulation", "uk": "Coagulation",
                    "en": "Coagulation"},
    "cardiac": {"fr": "MARQUEURS CARDIAQUES", "us": "Cardiac Markers", "uk": "Cardiac",
                "en": "Cardiac markers"},
    "urine": {"fr": "EXAMEN DES URINES (bandelette)", "us": "Urinalysis", "uk": "Urine",
              "en": "Urine dipstick"},
    "serology": {"fr": "SÉROLOGIE", "us": "Infectious Disease", "uk": "Microbiology",
                 "en": "Serology"},
}

SECTION_ORDER = tuple(SECTION_TITLES)


def by_key() -> dict[str, Analyte | TextAnalyte]:
    """Every analyte by its library entry id."""
    return {a.key: a for a in (*ANALYTES, *TEXT_ANALYTES)}
