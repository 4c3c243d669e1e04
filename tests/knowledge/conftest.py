"""A small library written for these tests, so the lookup and caution logic is tested apart
from the shipped data (which other tests check on its own)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from healthbook.knowledge import Library, load

SOURCE = [{"title": "MedlinePlus", "url": "https://medlineplus.gov/"}]


def _texts(name: str, synonyms: list[str], **extra: Any) -> dict[str, Any]:
    return {"name": name, "synonyms": synonyms, "summary": f"About {name}.",
            "ask": ["Is this right for me?", "What should I watch for?"], **extra}


def medicine(entry_id: str, name: str, classes: list[str], rxnorm: list[str], *,
             synonyms: list[str] | None = None, brands: dict[str, list[str]] | None = None,
             products: list[str] | None = None, fr_name: str | None = None) -> dict[str, Any]:
    """A medicine entry (French name defaults to the English one)."""
    extra = {"side_effects": ["Upset stomach."], "cautions": ["Ask a pharmacist."]}
    return {
        "id": entry_id, "kind": "medicine",
        "codes": {"rxnorm": rxnorm, "rxnorm_products": products or []},
        "classes": classes, "brands": brands or {},
        "en": _texts(name, synonyms or [], **extra),
        "fr": _texts(fr_name or name, synonyms or [], **extra),
        "sources": SOURCE, "reviewed": "2026-11-29",
    }


def lab(entry_id: str, name: str, loinc: list[str], synonyms: list[str], fr_name: str,
        fr_synonyms: list[str], analyte: str | None = None) -> dict[str, Any]:
    """A lab entry."""
    extra = {"high": "High.", "low": "Low."}
    raw: dict[str, Any] = {
        "id": entry_id, "kind": "lab", "codes": {"loinc": loinc}, "panel": "other",
        "en": _texts(name, synonyms, **extra), "fr": _texts(fr_name, fr_synonyms, **extra),
        "sources": SOURCE, "reviewed": "2026-11-29",
    }
    if analyte:
        raw["analyte"] = analyte
    return raw


ENTRIES = {
    "medicines": [
        medicine("paracetamol", "Paracetamol", ["paracetamol"], ["161"],
                 synonyms=["acetaminophen", "APAP"],
                 brands={"us": ["Tylenol"], "uk": ["Panadol"], "fr": ["Doliprane", "Dafalgan"]}),
        medicine("oxycodone", "Oxycodone", ["opioid"], ["7804"], brands={"us": ["Percocet"]},
                 products=["1049621"]),
        medicine("codeine", "Codeine", ["opioid"], ["2670"]),
        medicine("butalbital", "Butalbital", ["sedating"], ["1819"],
                 brands={"us": ["Fiorinal"]}),
        medicine("amoxicillin", "Amoxicillin", ["penicillin"], ["723"],
                 brands={"uk": ["Amoxil"], "fr": ["Clamoxyl"]}),
        medicine("penicillin-v", "Penicillin V", ["penicillin"], ["7984"],
                 synonyms=["penicillin", "phenoxymethylpenicillin"]),
        medicine("ibuprofen", "Ibuprofen", ["nsaid"], ["5640"],
                 brands={"us": ["Advil", "Motrin"], "uk": ["Nurofen"]}),
        medicine("lisinopril", "Lisinopril", ["ace-inhibitor"], ["29046"],
                 brands={"us": ["Zestril"]}, products=["314076"]),
        medicine("furosemide", "Furosemide", ["diuretic-loop"], ["4603"],
                 brands={"us": ["Lasix"]}),
        medicine("spironolactone", "Spironolactone", ["diuretic-potassium-sparing"], ["9997"]),
        medicine("sertraline", "Sertraline", ["ssri", "serotonergic"], ["36437"]),
        medicine("tramadol", "Tramadol", ["opioid", "serotonergic"], ["10689"]),
        medicine("simvastatin", "Simvastatin", ["statin"], ["36567"], brands={"us": ["Zocor"]}),
        medicine("potassium-chloride", "Potassium chloride", ["potassium-supplement"],
                 ["8591"], synonyms=["potassium", "KCl"]),
        medicine("losartan", "Losartan", ["arb"], ["52175"]),
        medicine("phenelzine", "Phenelzine", ["maoi", "serotonergic"], ["8123"]),
    ],
    "labs": [
        lab("glucose", "Glucose", ["2345-7", "2339-0"], ["blood sugar", "sugar"],
            "Glucose", ["glycémie", "sucre dans le sang"], analyte="glucose"),
        lab("hba1c", "HbA1c", ["4548-4"], ["A1c", "average blood sugar", "sugar"],
            "HbA1c", ["hémoglobine glyquée"]),
        lab("ldl-cholesterol", "LDL cholesterol", ["13457-7", "18262-6"],
            ["LDL", "bad cholesterol"], "Cholestérol LDL", ["LDL", "mauvais cholestérol"],
            analyte="ldl"),
        lab("potassium", "Potassium", ["2823-3", "6298-4"], ["K"], "Potassium", ["kaliémie", "K"],
            analyte="potassium"),
        lab("all-lab", "Acute test", ["1234-5"], ["ALL"], "Test aigu", ["ALL"]),
    ],
    "conditions": [{
        "id": "type-2-diabetes", "kind": "condition",
        "codes": {"snomed": ["44054006"], "icd10": ["E11"]},
        "en": _texts("Type 2 diabetes", ["diabetes type 2", "T2D"]),
        "fr": _texts("Diabète de type 2", ["diabète"]),
        "sources": SOURCE, "reviewed": "2026-11-29",
    }],
    "vaccines": [{
        "id": "flu-vaccine", "kind": "vaccine", "codes": {"cvx": ["140", "08"]},
        "names_uk": ["Flu jab"],
        "en": _texts("Flu vaccine", ["influenza vaccine"]),
        "fr": _texts("Vaccin contre la grippe", ["vaccin grippe"]),
        "sources": SOURCE, "reviewed": "2026-11-29",
    }],
    "cautions": [
        {"id": "triple-whammy",
         "when": {"classes_all": [["nsaid"], ["ace-inhibitor", "arb"],
                                  ["diuretic-loop", "diuretic-thiazide"]]},
         "en": "Worth asking your pharmacist about.", "fr": "À demander au pharmacien.",
         "sources": SOURCE, "reviewed": "2026-11-29"},
        {"id": "two-serotonergic",
         "when": {"classes_all": [["serotonergic"], ["serotonergic"]]},
         "en": "Worth asking your pharmacist about.", "fr": "À demander au pharmacien.",
         "sources": SOURCE, "reviewed": "2026-11-29"},
        {"id": "potassium-sparing-high-potassium",
         "when": {"classes_all": [["diuretic-potassium-sparing"]],
                  "lab": {"analyte": "potassium", "above": 5.0}},
         "en": "Worth asking your doctor about.", "fr": "À demander au médecin.",
         "sources": SOURCE, "reviewed": "2026-11-29"},
        {"id": "maoi-serotonergic",
         "when": {"classes_all": [["serotonergic"]], "ingredients_any": ["Phenelzine"]},
         "en": "Worth asking your pharmacist about.", "fr": "À demander au pharmacien.",
         "sources": SOURCE, "reviewed": "2026-11-29"},
        {"id": "future-form", "when": {"classes_all": [["statin"]], "age_over": 80},
         "en": "Not evaluated by this version.", "fr": "Non évaluée.",
         "sources": SOURCE, "reviewed": "2026-11-29"},
    ],
}


def write_library(root: Path, entries: dict[str, list[dict[str, Any]]]) -> Path:
    """Write entries as resources/knowledge/<folder>/test.json under root."""
    knowledge = root / "knowledge"
    for folder, items in entries.items():
        (knowledge / folder).mkdir(parents=True, exist_ok=True)
        (knowledge / folder / "test.json").write_text(json.dumps({"entries": items}),
                                                      encoding="utf-8")
    return knowledge


@pytest.fixture(scope="session")
def small(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """The test library."""
    return load(write_library(tmp_path_factory.mktemp("kb"), ENTRIES))
