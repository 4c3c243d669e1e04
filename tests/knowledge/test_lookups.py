"""Lookups, cautions and allergy checks on the shipped library."""

from __future__ import annotations

from healthbook.knowledge import (
    Entry,
    allergy_conflicts,
    applicable_cautions,
    by_code,
    by_name,
    find_in_text,
    ingredients_in,
    library,
    normalize,
    same_ingredient,
)


def medicine(name: str) -> Entry:
    entry = by_name(name, kind="medicine")
    assert entry is not None, f"no medicine entry for {name!r}"
    return entry


def test_lab_by_loinc() -> None:
    entry = by_code("loinc", "13457-7")
    assert entry is not None
    assert entry.kind == "lab"
    assert "ldl" in normalize(entry.name("en"))


def test_lab_by_french_synonym() -> None:
    entry = by_name("glycémie")
    assert entry is not None
    assert entry.kind == "lab"
    assert "2345-7" in entry.codes["loinc"]


def test_brand_and_generic_across_countries_meet() -> None:
    found = {by_name(n) for n in ("Doliprane", "Tylenol", "paracetamol", "acetaminophen")}
    assert len(found) == 1
    assert None not in found
    assert same_ingredient("Doliprane 1000 mg", "Tylenol Extra Strength")


def test_product_texts_resolve_to_ingredients() -> None:
    assert ingredients_in("Simvistatin 10 MG Oral Tablet") == [medicine("simvastatin")]
    assert ingredients_in("Acetaminophen 325 MG / Oxycodone Hydrochloride 5 MG") == [
        medicine("paracetamol"), medicine("oxycodone")]


def test_icd10_matches_by_prefix() -> None:
    entry = by_code("icd10", "E11.9")
    assert entry is not None
    assert entry.kind == "condition"
    assert any(code.startswith("E11") for code in entry.codes["icd10"])


def test_question_matching_finds_sugar_tests() -> None:
    found = find_in_text("how is my sugar", "en")
    assert found
    assert found[0].kind == "lab"
    labs = find_in_text("how is my sugar", "en", kinds=("lab",))
    assert labs
    assert all(e.kind == "lab" for e in labs)
    assert any("2345-7" in e.codes.get("loinc", ()) or "4548-4" in e.codes.get("loinc", ())
               for e in labs)
    assert find_in_text("est-ce que ma glycémie va bien ?", "fr")


def _fired(names: list[str], labs: dict[str, float] | None = None) -> list[str]:
    meds = [medicine(n) for n in names]
    return [rule.id for rule, _ in applicable_cautions(meds, labs or {})]


def test_triple_whammy_fires() -> None:
    fired = _fired(["ibuprofen", "lisinopril", "furosemide"])
    assert fired, "ibuprofen + lisinopril + furosemide should meet a caution rule"


def test_potassium_sparing_with_high_potassium_fires() -> None:
    assert _fired(["spironolactone"], {"potassium": 5.6})
    assert not _fired(["spironolactone"], {"potassium": 4.1})


def test_a_single_medicine_without_results_fires_nothing() -> None:
    fired = {entry.id: [rule.id for rule, _ in applicable_cautions([entry], {})]
             for entry in library().of_kind("medicine")}
    assert {name: rules for name, rules in fired.items() if rules} == {}


def test_codeine_allergy_against_codeine_combinations() -> None:
    meds = ["Fiorinal with Codeine", "Acetaminophen 300 MG / Codeine 30 MG", "Ibuprofen 200 MG"]
    found = allergy_conflicts(meds, ["Codeine"])
    assert [(m, e) for m, _, e in found] == [(meds[0], medicine("codeine")),
                                             (meds[1], medicine("codeine"))]


def test_penicillin_allergy_against_amoxicillin() -> None:
    found = allergy_conflicts(["Amoxicillin 500 MG Oral Capsule"], ["Allergy to penicillin"])
    assert [e for _, _, e in found] == [medicine("amoxicillin")]
    assert allergy_conflicts(["Amoxicillin 500 MG Oral Capsule"], ["No known allergies"]) == []


def test_the_antibiogram_is_explained_in_both_languages() -> None:
    from healthbook.knowledge import best_match

    for text in ("antibiogram", "Antibiogramme", "culture and sensitivity"):
        found = best_match(text, kinds=["lab"])
        assert found, text
        assert found[0].id == "antibiotic-susceptibility"
    entry = found[0]
    assert "resistant" in entry.text("en").high.lower()
    assert "résistant" in entry.text("fr").high.lower()
