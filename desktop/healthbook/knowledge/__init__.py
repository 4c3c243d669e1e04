"""Healthbook's plain-language library of lab tests, conditions, medicines, vaccines, wearable
metrics and nutrients, in English and French, read offline from `resources/knowledge/`.

No Qt here: the app, the CLI (`healthbook explain-term`), the sheet and the assistant all use
these functions.
"""

from __future__ import annotations

from healthbook.knowledge.cautions import (
    allergens,
    allergy_conflicts,
    applicable_cautions,
    lab_value,
    medicine_ingredients,
    same_ingredient,
    shared_ingredients,
)
from healthbook.knowledge.entries import (
    CLASS_TAGS,
    KINDS,
    LANGS,
    PANELS,
    CautionRule,
    Entry,
    LabCondition,
    ReferenceIntake,
    Source,
    Texts,
)
from healthbook.knowledge.format import as_dict, caution_text, describe, one_line
from healthbook.knowledge.library import Library, knowledge_dir, library, load
from healthbook.knowledge.lookup import (
    allergen_text,
    best_match,
    by_code,
    by_name,
    entry_by_id,
    find_in_text,
    for_record,
    for_stored,
    ingredients_in,
    search,
)
from healthbook.knowledge.normalize import normalize

__all__ = [
    "CLASS_TAGS", "KINDS", "LANGS", "PANELS", "CautionRule", "Entry", "LabCondition", "Library",
    "ReferenceIntake", "Source", "Texts", "allergen_text", "allergens", "allergy_conflicts",
    "applicable_cautions", "as_dict", "best_match", "by_code", "by_name", "caution_text",
    "describe", "entry_by_id", "find_in_text", "for_record", "for_stored", "ingredients_in",
    "knowledge_dir",
    "lab_value", "library", "load", "medicine_ingredients", "normalize", "one_line",
    "same_ingredient", "search", "shared_ingredients",
]
