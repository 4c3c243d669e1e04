"""Lookup and caution logic, on the small test library (independent of the shipped data)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from healthbook.knowledge import (
    Library,
    allergy_conflicts,
    applicable_cautions,
    as_dict,
    by_code,
    by_name,
    describe,
    find_in_text,
    for_record,
    ingredients_in,
    load,
    normalize,
    one_line,
    same_ingredient,
    search,
)
from tests.knowledge.conftest import ENTRIES, write_library


@dataclass
class Rec:
    """A record as the vault holds it (system, code, display, status)."""

    system: str | None
    code: str | None
    display: str | None
    status: str | None = None


def ids(entries: list) -> list[str]:
    return [e.id for e in entries]


def test_normalize_folds_case_accents_and_punctuation() -> None:
    assert normalize("  Glycémie ") == "glycemie"
    assert normalize("LDL-C") == "ldl c"
    assert normalize("Crohn's disease") == "crohns disease"
    assert normalize("l'hémoglobine  glyquée") == "l hemoglobine glyquee"
    assert normalize("Cœur") == "coeur"


def test_by_code_in_every_system(small: Library) -> None:
    assert by_code("loinc", "13457-7", lib=small).id == "ldl-cholesterol"
    assert by_code("http://loinc.org", "2339-0", lib=small).id == "glucose"
    assert by_code("2.16.840.1.113883.6.96", "44054006", lib=small).id == "type-2-diabetes"
    assert by_code("icd10", "E11", lib=small).id == "type-2-diabetes"
    assert by_code("icd10", "E11.9", lib=small).id == "type-2-diabetes"  # parent code
    assert by_code("icd10", "e1165", lib=small).id == "type-2-diabetes"
    assert by_code("icd10", "E1", lib=small) is None
    assert by_code("rxnorm", "161", lib=small).id == "paracetamol"
    assert by_code("rxnorm", "314076", lib=small).id == "lisinopril"  # a product code
    assert by_code("cvx", "8", lib=small).id == "flu-vaccine"  # "08" without its zero
    assert by_code("cvx", "140", lib=small).id == "flu-vaccine"
    assert by_code("loinc", "0000-0", lib=small) is None


def test_by_name_any_language_brand_or_synonym(small: Library) -> None:
    assert by_name("glycémie", lib=small).id == "glucose"
    assert by_name("GLYCEMIE", "fr", lib=small).id == "glucose"
    assert by_name("glycémie", "en", lib=small) is None
    names = ["Doliprane", "Tylenol", "paracetamol", "acetaminophen", "Panadol", "APAP"]
    assert {by_name(n, lib=small).id for n in names} == {"paracetamol"}
    assert by_name("Flu jab", lib=small).id == "flu-vaccine"
    assert by_name("nothing like this", lib=small) is None


def test_product_texts_resolve_to_ingredients(small: Library) -> None:
    assert ids(ingredients_in("Simvistatin 10 MG Oral Tablet", lib=small)) == ["simvastatin"]
    assert by_name("Simvistatin 10 MG Oral Tablet", lib=small).id == "simvastatin"
    assert ids(ingredients_in("Acetaminophen 325 MG / Oxycodone Hydrochloride 5 MG",
                              lib=small)) == ["paracetamol", "oxycodone"]
    assert ids(ingredients_in("Fiorinal with Codeine", lib=small)) == ["butalbital", "codeine"]
    assert ids(ingredients_in("Losartan Potassium 50 MG Oral Tablet", lib=small)) == ["losartan"]
    assert ids(ingredients_in("Potassium Chloride 20 MEQ Extended Release Tablet",
                              lib=small)) == ["potassium-chloride"]
    assert ids(ingredients_in("Doliprane 1000 mg, comprimé", lib=small)) == ["paracetamol"]
    assert ids(ingredients_in("Oxycodone 5 MG Oral Tablet [Percocet]", lib=small)) == [
        "oxycodone"]
    assert ingredients_in("Allergy to peanuts", lib=small) == []
    assert ingredients_in("Penicillamine 250 MG", lib=small) == []  # not "penicillin"


def test_find_in_text_matches_whole_words_longest_first(small: Library) -> None:
    assert ids(find_in_text("how is my sugar", "en", lib=small)) == ["glucose", "hba1c"]
    assert ids(find_in_text("What was my average blood sugar?", "en", lib=small)) == ["hba1c"]
    assert ids(find_in_text("Et ma glycémie ?", "fr", lib=small)) == ["glucose"]
    assert ids(find_in_text("my LDL and my K", "en", lib=small)) == ["ldl-cholesterol",
                                                                      "potassium"]
    # Short and common words only match as written in capitals.
    assert find_in_text("is it ok to take all of them", "en", lib=small) == []
    assert ids(find_in_text("my ALL result", "en", lib=small)) == ["all-lab"]
    assert find_in_text("ça va ?", "fr", lib=small) == []
    assert find_in_text("sugarcane", "en", lib=small) == []


def test_search_ranks_exact_then_prefix(small: Library) -> None:
    assert ids(search("ldl", "en", 3, lib=small))[0] == "ldl-cholesterol"
    assert ids(search("gly", "fr", 5, lib=small)) == ["glucose", "hba1c"]  # "glyquée"
    assert "paracetamol" in ids(search("doli", None, 5, lib=small))
    assert search("", "en", lib=small) == []


def test_for_record_codes_first_then_display(small: Library) -> None:
    assert for_record("observation", {"http://loinc.org": "2345-7"}, "Glucose [Mass/volume]",
                      lib=small).id == "glucose"
    assert for_record("condition", {"icd10": ["E11.9"]}, "", lib=small).id == "type-2-diabetes"
    assert for_record("condition", {}, "Type 2 diabetes (disorder)",
                      lib=small).id == "type-2-diabetes"
    assert for_record("medication", {"rxnorm": "999999"}, "Zocor 20 MG Oral Tablet",
                      lib=small).id == "simvastatin"
    assert for_record("immunization", {"cvx": "08"}, None, lib=small).id == "flu-vaccine"
    assert for_record("allergy", {"rxnorm": "70618"}, "Allergy to penicillin",
                      lib=small).id == "penicillin-v"
    assert for_record("medication", {}, "Unknown", lib=small) is None


def test_texts_fall_back_to_english(tmp_path: Path) -> None:
    raw = json.loads(json.dumps(ENTRIES["labs"][0]))
    raw["fr"]["summary"] = ""
    raw["fr"].pop("ask")
    small = load(write_library(tmp_path, {"labs": [raw]}))
    entry = small.by_id["glucose"]
    assert entry.text("fr").summary == "About Glucose."
    assert entry.text("fr").synonyms[0] == "glycémie"
    assert entry.text("de").name == "Glucose"


def test_unreadable_files_are_reported_not_fatal(tmp_path: Path) -> None:
    root = write_library(tmp_path, {"labs": [ENTRIES["labs"][0], {"id": "no-texts"}]})
    (root / "conditions").mkdir()
    (root / "conditions" / "half-written.json").write_text('{"entries": [{"id": ', "utf-8")
    small = load(root)
    assert list(small.by_id) == ["glucose"]
    assert len(small.problems) == 2
    assert any("half-written.json" in p for p in small.problems)


def test_cautions_need_each_group_by_a_different_medicine(small: Library) -> None:
    def fired(names: list[str], labs: dict[str, float] | None = None) -> list[str]:
        meds = [small.by_id[n] for n in names]
        return [rule.id for rule, _ in applicable_cautions(meds, labs or {}, lib=small)]

    assert fired(["ibuprofen", "lisinopril", "furosemide"]) == ["triple-whammy"]
    assert fired(["ibuprofen", "losartan", "furosemide"]) == ["triple-whammy"]
    assert fired(["ibuprofen", "lisinopril"]) == []
    assert fired(["sertraline", "tramadol"]) == ["two-serotonergic"]
    assert fired(["phenelzine", "sertraline"]) == ["two-serotonergic", "maoi-serotonergic"]
    assert fired(["phenelzine"]) == []  # ingredients_any needs yet another medicine
    assert fired(["sertraline"]) == []
    assert fired(["sertraline", "sertraline"]) == []  # one ingredient listed twice
    assert fired(["spironolactone"], {"potassium": 5.6}) == ["potassium-sparing-high-potassium"]
    assert fired(["spironolactone"], {"potassium": 4.2}) == []
    assert fired(["spironolactone"], {}) == []  # no result known: nothing to say
    assert fired(["simvastatin"]) == []  # a `when` form this version cannot evaluate
    for name in small.by_id:
        if small.by_id[name].kind == "medicine":
            assert fired([name]) == [], name
    rules = applicable_cautions([small.by_id[n] for n in ("furosemide", "ibuprofen",
                                                          "lisinopril")], {}, lib=small)
    assert ids(rules[0][1]) == ["ibuprofen", "lisinopril", "furosemide"]


def test_allergy_conflicts_by_ingredient_and_family(small: Library) -> None:
    meds = ["Fiorinal with Codeine", "Acetaminophen 300 MG / Codeine 30 MG",
            "Ibuprofen 200 MG Oral Tablet", "Amoxicillin 500 MG Oral Capsule"]
    found = allergy_conflicts(meds, ["Codeine"], lib=small)
    assert [(m, a, e.id) for m, a, e in found] == [
        ("Fiorinal with Codeine", "Codeine", "codeine"),
        ("Acetaminophen 300 MG / Codeine 30 MG", "Codeine", "codeine")]
    found = allergy_conflicts(meds, ["Allergy to penicillin"], lib=small)
    assert [(m, e.id) for m, _, e in found] == [("Amoxicillin 500 MG Oral Capsule",
                                                  "amoxicillin")]
    assert allergy_conflicts(meds, ["Penicillins"], lib=small)
    assert allergy_conflicts(meds, ["Allergie à la pénicilline"], lib=small)
    # Coded allergies and coded medicines, as the vault holds them.
    coded = [Rec("http://www.nlm.nih.gov/research/umls/rxnorm", "2670", "Codeine")]
    assert allergy_conflicts([Rec("rxnorm", "999", "Tylenol with Codeine #3")], coded,
                             lib=small)
    assert allergy_conflicts(meds, [Rec("snomed", "716186003", "No known allergy")],
                             lib=small) == []
    assert allergy_conflicts(meds, [Rec("rxnorm", "2670", "Codeine", "refuted")],
                             lib=small) == []
    assert allergy_conflicts(meds, ["No known allergy to codeine"], lib=small) == []
    assert allergy_conflicts(["Oxycodone 5 MG"], ["Codeine"], lib=small) == []


def test_same_ingredient_across_brands_and_countries(small: Library) -> None:
    assert same_ingredient("Doliprane 500 mg", "Tylenol", lib=small)
    assert same_ingredient("Panadol", "Acetaminophen 325 MG Oral Tablet", lib=small)
    assert same_ingredient("Percocet", "Oxycodone 5 MG", lib=small)
    assert not same_ingredient("Advil", "Tylenol", lib=small)
    assert not same_ingredient("Something unknown", "Something unknown", lib=small)


def test_formatting_both_languages(small: Library) -> None:
    entry = small.by_id["ldl-cholesterol"]
    text = describe(entry, "fr")
    assert text.startswith("Cholestérol LDL (Analyse)")
    assert "Questions à poser :" in text
    assert "What it is:" in describe(entry, "en")
    assert one_line(entry, "en") == "About LDL cholesterol."
    data = as_dict(entry, "fr")
    assert data["names"] == {"en": "LDL cholesterol", "fr": "Cholestérol LDL"}
    assert data["text"]["name"] == "Cholestérol LDL"
    assert data["codes"] == {"loinc": ["13457-7", "18262-6"]}


@pytest.mark.parametrize("question", ["how is my sugar", "Quelle est ma glycémie ?"])
def test_find_in_text_is_fast(small: Library, question: str) -> None:
    import time

    find_in_text(question, lib=small)  # builds the tables once
    start = time.perf_counter()
    for _ in range(200):
        find_in_text(question, lib=small)
    assert (time.perf_counter() - start) / 200 < 0.002
