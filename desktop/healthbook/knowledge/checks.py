"""The rules of resources/knowledge/SCHEMA.md as functions that list what breaks them.

The tests assert these lists are empty; people writing entries can call them directly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

from healthbook.knowledge import readability
from healthbook.knowledge.entries import (
    CLASS_TAGS,
    COMMON_FIELDS,
    FOLDERS,
    KIND_FIELDS,
    KIND_SYSTEMS,
    LANGS,
    LIST_FIELDS,
    MAY_BE_EMPTY,
    PANELS,
    Entry,
)
from healthbook.knowledge.library import KNOWN_WHEN, valid_id

CODE_FORMATS = {
    "loinc": re.compile(r"^\d+-\d$"),
    "snomed": re.compile(r"^\d{6,18}$"),
    "icd10": re.compile(r"^[A-Z]\d\d(\.\w+)?$"),
    "rxnorm": re.compile(r"^\d+$"),
    "rxnorm_products": re.compile(r"^\d+$"),
    "atc": re.compile(r"^[A-Z]\d\d[A-Z]{0,2}\d{0,2}$"),
    "cvx": re.compile(r"^\d+$"),
    "metric": re.compile(r"^[a-z0-9_]+$"),
}
# Some ingredients have no RxNorm code (not sold in the US); product lists may be empty.
OPTIONAL_EMPTY = frozenset({"rxnorm", "rxnorm_products"})
TEXT_FIELDS = ("name", "synonyms", "summary", "high", "low", "side_effects", "cautions",
               "limits", "ask")
ENTRY_KEYS = frozenset({"id", "kind", "codes", "en", "fr", "sources", "reviewed", "panel",
                        "analyte", "classes", "brands", "names_uk", "reference_intakes"})
INTAKE_KINDS = frozenset({"max", "min", "target"})
INTAKE_UNITS = frozenset({"kcal", "g", "mg", "mL"})
# A number followed by a unit of dose: "500 mg", "2 tablets", "1,5 ml". Concentrations and
# rates ("mg/dL", "mL/min") are results, not doses, and are allowed.
DOSING = re.compile(
    r"\d+(?:[.,]\d+)?\s*(?:mg|mcg|µg|μg|g|ml|IU|UI|units?|unités?|tablets?|comprimés?|"
    r"puffs?|bouffées?|drops?|gouttes?)\b(?!\s*/)", re.IGNORECASE)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def entry_problems(raw: Any, kind: str) -> list[str]:
    """What is wrong with one entry's JSON object (kind: the folder's kind)."""
    if not isinstance(raw, Mapping):
        return ["an entry must be a JSON object"]
    label = str(raw.get("id", "?"))
    out: list[str] = []
    for key in ("id", "kind", "codes", "en", "fr", "sources", "reviewed"):
        if key not in raw:
            out.append(f"{label}: missing key '{key}'")
    out += [f"{label}: unknown key '{key}'" for key in sorted(set(raw) - ENTRY_KEYS)]
    if "id" in raw and not valid_id(str(raw["id"])):
        out.append(f"{label}: id must be lowercase-hyphen")
    if raw.get("kind") not in (None, kind):
        out.append(f"{label}: kind '{raw.get('kind')}' in the {FOLDERS[kind]}/ folder")
    out += _codes_problems(label, raw.get("codes"), kind)
    out += _texts_problems(label, raw, kind)
    out += sources_problems(label, raw.get("sources"))
    out += _reviewed_problems(label, raw.get("reviewed"))
    if kind == "lab" and raw.get("panel") not in PANELS:
        out.append(f"{label}: panel '{raw.get('panel')}' is not a known panel id")
    if kind != "lab" and ("panel" in raw or "analyte" in raw):
        out.append(f"{label}: panel/analyte are for labs only")
    if kind == "medicine":
        classes = raw.get("classes")
        if not isinstance(classes, list) or not classes:
            out.append(f"{label}: medicines need a non-empty 'classes' list")
        else:
            out += [f"{label}: unknown class tag '{c}'" for c in classes if c not in CLASS_TAGS]
        brands = raw.get("brands", {})
        if not isinstance(brands, Mapping) or not all(
                isinstance(v, list) and all(isinstance(b, str) and b.strip() for b in v)
                for v in brands.values()):
            out.append(f"{label}: brands must map a country to a list of names")
    elif "classes" in raw or "brands" in raw:
        out.append(f"{label}: classes/brands are for medicines only")
    if "names_uk" in raw and (kind != "vaccine" or not isinstance(raw["names_uk"], list)):
        out.append(f"{label}: names_uk is a list, for vaccines only")
    if kind == "nutrient":
        out += _intake_problems(label, raw.get("reference_intakes"))
    elif "reference_intakes" in raw:
        out.append(f"{label}: reference_intakes are for nutrients only")
    return out


def _codes_problems(label: str, codes: Any, kind: str) -> list[str]:
    if not isinstance(codes, Mapping) or not codes:
        return [f"{label}: 'codes' must be a non-empty object"]
    out = []
    for system, values in codes.items():
        if system not in KIND_SYSTEMS[kind]:
            out.append(f"{label}: code system '{system}' is not used for {kind} entries")
            continue
        if not isinstance(values, list) or (not values and system not in OPTIONAL_EMPTY):
            out.append(f"{label}: codes.{system} must be a non-empty list")
            continue
        pattern = CODE_FORMATS[system]
        out += [f"{label}: {system} code '{v}' is not well formed" for v in values
                if not isinstance(v, str) or not pattern.match(v)]
        if len(set(map(str, values))) != len(values):
            out.append(f"{label}: codes.{system} lists a code twice")
    main = {"lab": "loinc", "vaccine": "cvx", "metric": "metric", "nutrient": "metric"}.get(kind)
    if main and main not in codes:
        out.append(f"{label}: {kind} entries need codes.{main}")
    if kind == "medicine" and not (codes.get("rxnorm") or codes.get("atc")):
        out.append(f"{label}: medicines need codes.rxnorm or codes.atc")
    if kind == "condition" and not ({"snomed", "icd10"} & set(codes)):
        out.append(f"{label}: conditions need codes.snomed or codes.icd10")
    return out


def _texts_problems(label: str, raw: Mapping[str, Any], kind: str) -> list[str]:
    out = []
    texts = {lang: raw.get(lang) for lang in LANGS}
    en, fr = texts["en"], texts["fr"]
    if not isinstance(en, Mapping) or not isinstance(fr, Mapping):
        return [f"{label}: 'en' and 'fr' must both be objects"]
    if set(en) != set(fr):
        out.append(f"{label}: en and fr keys differ ({sorted(set(en) ^ set(fr))})")
    needed = COMMON_FIELDS + KIND_FIELDS.get(kind, ())
    for lang, t in (("en", en), ("fr", fr)):
        out += [f"{label}: {lang}.{key} is missing" for key in needed if key not in t]
        out += [f"{label}: {lang}.{key} is not a known text field" for key in t
                if key not in TEXT_FIELDS]
        for key, value in t.items():
            if key in LIST_FIELDS:
                if not isinstance(value, list) or not all(isinstance(v, str) and v.strip()
                                                          for v in value):
                    out.append(f"{label}: {lang}.{key} must be a list of non-empty texts")
                elif not value and key != "synonyms":
                    out.append(f"{label}: {lang}.{key} is empty")
            elif not isinstance(value, str):
                out.append(f"{label}: {lang}.{key} must be a text")
            elif not value.strip() and key not in MAY_BE_EMPTY:
                out.append(f"{label}: {lang}.{key} is empty")
        ask = t.get("ask")
        if isinstance(ask, list) and not 2 <= len(ask) <= 3:
            out.append(f"{label}: {lang}.ask should hold 2-3 questions")
    return out


def sources_problems(label: str, sources: Any) -> list[str]:
    """1-3 sources, each with a title and an https URL."""
    if not isinstance(sources, list) or not 1 <= len(sources) <= 3:
        return [f"{label}: needs 1-3 sources"]
    out = []
    for source in sources:
        if not isinstance(source, Mapping) or not str(source.get("title", "")).strip():
            out.append(f"{label}: a source has no title")
        elif not str(source.get("url", "")).startswith("https://"):
            out.append(f"{label}: source '{source.get('title')}' needs an https URL")
    return out


def _reviewed_problems(label: str, reviewed: Any) -> list[str]:
    try:
        date.fromisoformat(str(reviewed))
    except ValueError:
        return [f"{label}: reviewed '{reviewed}' is not a YYYY-MM-DD date"]
    return []


def _intake_problems(label: str, intakes: Any) -> list[str]:
    if not isinstance(intakes, list) or not intakes:
        return [f"{label}: nutrients need reference_intakes"]
    out = []
    for intake in intakes:
        if not isinstance(intake, Mapping):
            out.append(f"{label}: a reference intake must be an object")
            continue
        missing = [k for k in ("body", "kind", "value", "unit", "per", "population", "url")
                   if k not in intake]
        if missing:
            out.append(f"{label}: reference intake misses {missing}")
        if intake.get("kind") not in INTAKE_KINDS:
            out.append(f"{label}: intake kind '{intake.get('kind')}' is not max/min/target")
        if intake.get("unit") not in INTAKE_UNITS:
            out.append(f"{label}: intake unit '{intake.get('unit')}' is not kcal, g, mg or mL")
        if not isinstance(intake.get("value"), int | float) or isinstance(intake.get("value"),
                                                                          bool):
            out.append(f"{label}: intake value must be a number")
    return out


def caution_problems(raw: Any, lab_keys: Iterable[str]) -> list[str]:
    """What is wrong with one caution rule (lab_keys: analyte keys and lab entry ids)."""
    if not isinstance(raw, Mapping):
        return ["a caution rule must be a JSON object"]
    label = str(raw.get("id", "?"))
    out = [f"{label}: missing key '{k}'" for k in ("id", "when", "en", "fr", "sources",
                                                     "reviewed") if k not in raw]
    if "id" in raw and not valid_id(str(raw["id"])):
        out.append(f"{label}: id must be lowercase-hyphen")
    for lang in LANGS:
        if not isinstance(raw.get(lang), str) or not raw[lang].strip():
            out.append(f"{label}: '{lang}' must be a non-empty sentence")
    when = raw.get("when")
    if not isinstance(when, Mapping):
        return [*out, f"{label}: 'when' must be an object"]
    out += [f"{label}: unknown 'when' form '{k}'" for k in sorted(set(when) - KNOWN_WHEN)]
    groups = when.get("classes_all", [])
    if not isinstance(groups, list) or not all(isinstance(g, list) and g for g in groups):
        out.append(f"{label}: classes_all must be a list of non-empty lists")
    else:
        out += [f"{label}: unknown class tag '{c}'" for g in groups for c in g
                if c not in CLASS_TAGS]
    if not groups and not when.get("ingredients_any"):
        out.append(f"{label}: needs classes_all or ingredients_any")
    lab = when.get("lab")
    if lab is not None:
        keys = set(lab_keys)
        if not isinstance(lab, Mapping) or lab.get("analyte") not in keys:
            out.append(f"{label}: lab analyte must be an analytes.json key or a lab entry id")
        elif not any(isinstance(lab.get(k), int | float) for k in ("above", "below")):
            out.append(f"{label}: lab needs a numeric 'above' or 'below'")
    out += sources_problems(label, raw.get("sources"))
    out += _reviewed_problems(label, raw.get("reviewed"))
    return out


def dosing_problems(raw: Any) -> list[str]:
    """Every dose-like phrase ("500 mg", "2 tablets") in an entry's or rule's texts; a
    nutrient's reference_intakes are data, not text, and are not checked."""
    if not isinstance(raw, Mapping):
        return []
    label = str(raw.get("id", "?"))
    texts = {k: v for k, v in raw.items() if k in LANGS}
    return [f"{label}: '{m.group(0)}' in \"{s[:80]}\"" for s in _strings(texts)
            for m in DOSING.finditer(s)]


def _joined(parts: Iterable[str]) -> str:
    return " ".join(p if p.rstrip().endswith((".", "!", "?", ":", ";")) else f"{p}."
                    for p in parts)


def reading_scores(entry: Entry) -> tuple[float, float]:
    """(English Flesch–Kincaid grade, French Kandel–Moles ease) of the entry's prose."""
    english = entry.texts["en"].prose()
    french = entry.texts["fr"].prose() if "fr" in entry.texts else []
    return (readability.fk_grade(_joined(english)),
            readability.kandel_moles(_joined(french)) if french else 0.0)
