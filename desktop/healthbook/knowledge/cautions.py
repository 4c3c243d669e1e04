"""Medicine cautions: class-level rules, allergy cross-checks and duplicate ingredients.

Everything here is deterministic, from the ingredient mapping; the wording shown to people is
"worth asking your pharmacist or doctor about", never an order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol, TypeVar

from healthbook.knowledge.entries import CautionRule, Entry
from healthbook.knowledge.library import Library, library
from healthbook.knowledge.lookup import allergen_text, ingredients_in
from healthbook.knowledge.normalize import normalize


class CodedRecord(Protocol):
    """Anything with a code and a display, such as a vault Record. Its code system is read
    by `_system`, as `system` (FHIR-like) or `code_system` (the vault's Record)."""

    @property
    def code(self) -> str | None: ...

    @property
    def display(self) -> str | None: ...


Medicine = str | Entry | CodedRecord
M = TypeVar("M", bound=Medicine)
A = TypeVar("A", bound=Medicine)

# Class tags an allergy can name as a family ("allergy to penicillins", "NSAID intolerance"),
# with the other names people and records use for the family.
ALLERGY_CLASSES = {
    "penicillin": ("penicillin", "penicillins", "penicilline", "penicillines"),
    "cephalosporin": ("cephalosporin", "cephalosporins", "cephalosporine", "cephalosporines"),
    "nsaid": ("nsaid", "nsaids", "ains", "non steroidal anti inflammatory",
              "nonsteroidal anti inflammatory", "anti inflammatoires non steroidiens",
              "anti inflammatoire non steroidien"),
    "opioid": ("opioid", "opioids", "opiate", "opiates", "opioide", "opioides", "opiace",
               "opiaces"),
    "macrolide": ("macrolide", "macrolides"),
    "fluoroquinolone": ("fluoroquinolone", "fluoroquinolones", "quinolone", "quinolones"),
    "tetracycline": ("tetracycline", "tetracyclines"),
    "statin": ("statin", "statins", "statine", "statines"),
    "ace-inhibitor": ("ace inhibitor", "ace inhibitors", "iec"),
    "benzodiazepine": ("benzodiazepine", "benzodiazepines"),
    "sulfonylurea": ("sulfonylurea", "sulfonylureas", "sulfamide hypoglycemiant",
                     "sulfamides hypoglycemiants"),
    "insulin": ("insulin", "insulins", "insuline", "insulines"),
}
# Statements that there is no allergy: nothing to check against.
NO_ALLERGY_CODES = frozenset({"716186003", "409137002", "428607008", "428197003", "429625007"})
_NO_ALLERGY_START = ("no known", "nka", "nkda", "no allerg", "none known", "aucune allergie",
                     "pas d allergie", "absence d allergie")
_INACTIVE = frozenset({"refuted", "entered-in-error", "inactive", "resolved"})


def _system(record: Any) -> str:
    """A coded record's system: `system` (FHIR-like) or `code_system` (the vault's Record)."""
    return str(getattr(record, "system", None) or getattr(record, "code_system", None) or "")


def medicine_ingredients(medicine: Medicine, *, lib: Library | None = None) -> list[Entry]:
    """The ingredient entries of a medicine given as text, an entry or a coded record."""
    lib = lib or library()
    if isinstance(medicine, Entry):
        return [medicine] if medicine.kind == "medicine" else []
    if isinstance(medicine, str):
        return ingredients_in(medicine, lib=lib)
    found = [e for e in lib.coded(_system(medicine) or "rxnorm", medicine.code or "")
             if e.kind == "medicine"] if medicine.code else []
    for entry in ingredients_in(medicine.display or "", lib=lib):
        if entry not in found:
            found.append(entry)
    return found


def allergens(allergy: Medicine, *, lib: Library | None = None) -> tuple[list[Entry], set[str]]:
    """What an allergy record names: medicine ingredients, and class tags when it names a
    whole family ("penicillins"). Nothing for "no known allergies" or a refuted allergy."""
    lib = lib or library()
    if isinstance(allergy, Entry):
        return ([allergy] if allergy.kind == "medicine" else []), set()
    if isinstance(allergy, str):
        text, found = allergy, []
    else:
        if (getattr(allergy, "status", None) or "").lower() in _INACTIVE or (
                allergy.code or "") in NO_ALLERGY_CODES:
            return [], set()
        text = allergy.display or ""
        found = [e for e in lib.coded(_system(allergy), allergy.code or "")
                 if e.kind == "medicine"] if allergy.code else []
    key = normalize(text)
    if not key or key.startswith(_NO_ALLERGY_START):
        return found, set()
    substance = allergen_text(text)
    for entry in lib.named(substance, kinds=("medicine",)) or ingredients_in(substance, lib=lib):
        if entry not in found:
            found.append(entry)
    padded = f" {normalize(substance)} "
    classes = {tag for tag, names in ALLERGY_CLASSES.items()
               if any(f" {name} " in padded for name in names)}
    return found, classes


def allergy_conflicts(medicines: Iterable[M], allergies: Iterable[A], *,
                      lib: Library | None = None) -> list[tuple[M, A, Entry]]:
    """(medicine, allergy, ingredient) for every current medicine that contains an ingredient
    the person has a recorded allergy to, by ingredient or by family (penicillin allergy vs
    amoxicillin). Medicines and allergies may be texts, entries or coded records."""
    lib = lib or library()
    named = [(allergy, *allergens(allergy, lib=lib)) for allergy in allergies]
    out: list[tuple[M, A, Entry]] = []
    for medicine in medicines:
        for ingredient in medicine_ingredients(medicine, lib=lib):
            for allergy, entries, classes in named:
                if ingredient in entries or classes & set(ingredient.classes):
                    out.append((medicine, allergy, ingredient))
    return out


def shared_ingredients(a: Medicine, b: Medicine, *, lib: Library | None = None) -> list[Entry]:
    """Ingredients two medicines have in common (brand and generic across countries)."""
    lib = lib or library()
    others = medicine_ingredients(b, lib=lib)
    return [e for e in medicine_ingredients(a, lib=lib) if e in others]


def same_ingredient(a: Medicine, b: Medicine, *, lib: Library | None = None) -> bool:
    """True when two medicines share an active ingredient: Doliprane, Tylenol, paracetamol
    and acetaminophen are all the same; "Tylenol with Codeine" shares one with Tylenol."""
    return bool(shared_ingredients(a, b, lib=lib))


def applicable_cautions(current_medicines: Iterable[Entry], latest_labs: Mapping[str, float],
                        *, lib: Library | None = None) -> list[tuple[CautionRule, list[Entry]]]:
    """The caution rules the current medicines (ingredient entries) and latest lab results
    (by analyte key or lab entry id) meet, each with the medicines that make it apply.

    Every class group, and `ingredients_any` when a rule has it, must be met by a different
    medicine; an ingredient listed twice counts once. A rule with a lab condition applies only
    when that result is known.
    """
    lib = lib or library()
    medicines = list(dict.fromkeys(e for e in current_medicines if e.kind == "medicine"))
    out: list[tuple[CautionRule, list[Entry]]] = []
    for rule in lib.cautions:
        if rule.unknown_conditions or not (rule.classes_all or rule.ingredients_any):
            continue
        candidates = [[m for m in medicines if set(group) & set(m.classes)]
                      for group in rule.classes_all]
        if rule.ingredients_any:  # one more group, met by one of these ingredients
            wanted = _ingredients(rule.ingredients_any, lib)
            candidates.append([m for m in medicines if m in wanted])
        chosen = _assign(candidates)
        if chosen is None:
            continue
        if rule.lab is not None:
            value = lab_value(rule.lab.analyte, latest_labs, lib=lib)
            if value is None or not rule.lab.holds(value):
                continue
        out.append((rule, chosen))
    return out


def _assign(candidates: Sequence[Sequence[Entry]]) -> list[Entry] | None:
    """One different medicine per group from its candidates (None when impossible), in
    group order."""
    order = sorted(range(len(candidates)), key=lambda i: len(candidates[i]))
    picked: dict[int, Entry] = {}

    def place(k: int) -> bool:
        if k == len(order):
            return True
        index = order[k]
        for medicine in candidates[index]:
            if medicine not in picked.values():
                picked[index] = medicine
                if place(k + 1):
                    return True
                del picked[index]
        return False

    return [picked[i] for i in range(len(candidates))] if place(0) else None


def _ingredients(names: Iterable[str], lib: Library) -> set[Entry]:
    out: set[Entry] = set()
    for name in names:
        entry = lib.by_id.get(name)
        out.update([entry] if entry is not None else lib.named(name, kinds=("medicine",))[:1])
    return out


def lab_value(analyte: str, latest_labs: Mapping[str, float], *,
              lib: Library | None = None) -> float | None:
    """The latest value for an analyte key or lab entry id, whichever the caller used."""
    lib = lib or library()
    keys = [analyte]
    entry = lib.by_id.get(analyte)
    if entry is not None and entry.analyte:
        keys.append(entry.analyte)
    lab = lib.analytes.get(analyte)
    if lab is not None:
        keys.append(lab.id)
    lowered = {str(k).lower(): v for k, v in latest_labs.items()}
    for key in keys:
        if key in latest_labs:
            return float(latest_labs[key])
        if key.lower() in lowered:
            return float(lowered[key.lower()])
    return None
