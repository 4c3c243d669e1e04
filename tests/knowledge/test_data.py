"""The shipped library against the rules of resources/knowledge/SCHEMA.md."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest

from healthbook.knowledge import LANGS, library, readability
from healthbook.knowledge.checks import (
    caution_problems,
    dosing_problems,
    entry_problems,
    reading_scores,
)
from healthbook.knowledge.entries import FOLDERS
from healthbook.knowledge.library import (
    CAUTIONS_FOLDER,
    analyte_keys,
    knowledge_dir,
    raw_files,
    read_entries_file,
)

MINIMUM = {"lab": 150, "condition": 150, "medicine": 200, "vaccine": 40, "caution": 25}
KIND_OF_FOLDER = {folder: kind for kind, folder in FOLDERS.items()}


def raw_entries() -> list[tuple[str, str, Any]]:
    """(file, kind, raw JSON) of every entry and rule; unreadable files are skipped here
    (test_every_file_loads reports them)."""
    out = []
    for folder, path in raw_files(knowledge_dir()):
        try:
            raws = read_entries_file(path)
        except (OSError, ValueError):
            continue
        kind = "caution" if folder == CAUTIONS_FOLDER else KIND_OF_FOLDER[folder]
        out.extend((f"{folder}/{path.name}", kind, raw) for raw in raws)
    return out


def _report(problems: list[str]) -> str:
    return f"{len(problems)} problem(s):\n" + "\n".join(problems)


def test_every_file_loads() -> None:
    assert library().problems == [], _report(library().problems)


def test_schema_of_every_entry_and_rule() -> None:
    lab_keys = analyte_keys() | {e.id for e in library().of_kind("lab")}
    problems = []
    for where, kind, raw in raw_entries():
        found = (caution_problems(raw, lab_keys) if kind == "caution"
                 else entry_problems(raw, kind))
        problems += [f"{where}: {p}" for p in found]
    assert not problems, _report(problems)


def test_ids_are_unique_and_no_code_is_claimed_twice_within_a_kind() -> None:
    seen: dict[str, str] = {}
    claims: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    problems = []
    for where, kind, raw in raw_entries():
        entry_id = str(raw.get("id"))
        if entry_id in seen:
            problems.append(f"id '{entry_id}' in {seen[entry_id]} and {where}")
        seen[entry_id] = where
        for system, codes in (raw.get("codes") or {}).items():
            if system == "rxnorm_products":
                continue  # a combination product belongs to each of its ingredients
            for code in codes:
                claims[(kind, system, str(code))].append(entry_id)
    problems += [f"{kind} {system} {code} claimed by {', '.join(owners)}"
                 for (kind, system, code), owners in claims.items() if len(owners) > 1]
    assert not problems, _report(problems)


@pytest.mark.parametrize("kind", list(MINIMUM))
def test_minimum_counts(kind: str) -> None:
    lib = library()
    count = len(lib.cautions) if kind == "caution" else len(lib.of_kind(kind))
    assert count >= MINIMUM[kind], f"{count} {kind} entries; at least {MINIMUM[kind]} needed"


def test_metrics_and_nutrients_are_present() -> None:
    lib = library()
    metrics = {code for e in lib.of_kind("metric") for code in e.codes.get("metric", ())}
    nutrients = {code for e in lib.of_kind("nutrient") for code in e.codes.get("metric", ())}
    assert metrics, "no wearable metric entries yet"
    assert nutrients, "no nutrient entries yet"


def test_english_and_french_cover_the_same_entries() -> None:
    problems = []
    for where, kind, raw in raw_entries():
        label = f"{where}: {raw.get('id')}"
        if kind == "caution":
            problems += [f"{label}: no {lang} sentence" for lang in LANGS
                         if not str(raw.get(lang) or "").strip()]
            continue
        texts = {lang: raw.get(lang) for lang in LANGS}
        if not all(isinstance(t, dict) for t in texts.values()):
            problems.append(f"{label}: en and fr must both be present")
            continue
        if set(texts["en"]) != set(texts["fr"]):
            problems.append(f"{label}: en and fr keys differ")
        for key in ("synonyms", "side_effects", "cautions", "ask"):
            en, fr = texts["en"].get(key), texts["fr"].get(key)
            if isinstance(en, list) and isinstance(fr, list) and bool(en) != bool(fr):
                problems.append(f"{label}: {key} is empty in one language only")
    assert not problems, _report(problems)


def test_no_dosing_in_any_text() -> None:
    problems = []
    for where, _kind, raw in raw_entries():
        problems += [f"{where}: {p}" for p in dosing_problems(raw)]
    assert not problems, _report(problems)


def test_readability_per_entry() -> None:
    failing = []
    for entry in library().entries:
        grade, ease = reading_scores(entry)
        if grade > readability.MAX_GRADE_EN:
            failing.append(f"{entry.kind} {entry.id}: English grade {grade:.1f} "
                           f"(max {readability.MAX_GRADE_EN:g})")
        if ease < readability.MIN_EASE_FR:
            failing.append(f"{entry.kind} {entry.id}: French ease {ease:.1f} "
                           f"(min {readability.MIN_EASE_FR:g})")
    assert not failing, _report(failing)


def test_caution_rules_use_known_classes_that_some_medicine_has() -> None:
    lib = library()
    classes = {c for e in lib.of_kind("medicine") for c in e.classes}
    unused = sorted({f"{rule.id}: no medicine has class '{c}'" for rule in lib.cautions
                     for group in rule.classes_all for c in group
                     if not set(group) & classes})
    assert not unused, _report(unused)


def test_caution_ingredients_name_medicines_in_the_library() -> None:
    lib = library()
    unknown = [f"{rule.id}: '{name}'" for rule in lib.cautions for name in rule.ingredients_any
               if not (name in lib.by_id and lib.by_id[name].kind == "medicine")
               and not lib.named(name, kinds=("medicine",))]
    assert not unknown, _report(unknown)
