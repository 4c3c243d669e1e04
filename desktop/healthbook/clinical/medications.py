"""The medication list: current vs stopped, merged across sources, duplicates by ingredient."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from healthbook.clinical.reference import brand_names
from healthbook.vault import StoredRecord

STOPPED = {"completed", "stopped", "cancelled", "entered-in-error", "inactive", "aborted",
           "not-taken", "ended", "discontinued"}
# Words in a medication name that are not the ingredient: units, forms, salts, routes.
NOT_INGREDIENT = {
    "mg", "mcg", "ug", "g", "gm", "kg", "ml", "l", "unt", "unit", "units", "iu", "meq", "hr", "h",
    "day", "mmol", "actuat", "actuation", "dose", "doses", "oral", "tablet", "tablets", "tab",
    "tabs", "capsule", "capsules", "cap", "caps", "extended", "release", "delayed", "er", "xr",
    "sr", "dr", "cr", "la", "chewable", "film", "coated", "solution", "suspension", "syrup",
    "injection", "injectable", "prefilled", "syringe", "pen", "inhaler", "inhalation", "powder",
    "spray", "nasal", "topical", "cream", "ointment", "gel", "patch", "transdermal", "drops",
    "ophthalmic", "otic", "vaginal", "rectal", "suppository", "disintegrating", "orally",
    "lozenge", "kit", "vial", "cartridge", "hydrochloride", "hcl", "sodium", "potassium",
    "calcium", "succinate", "tartrate", "acetate", "besylate", "maleate", "mesylate", "fumarate",
    "citrate", "sulfate", "phosphate", "bromide", "chloride", "monohydrate", "anhydrous", "and",
}


@dataclass
class Medication:
    """One medicine (by ingredient), merged across every source that lists it."""

    ingredient: str
    names: list[str]
    current: bool
    status: str
    started: str | None
    last_seen: str | None
    dosage: str | None
    record_ids: list[int]
    source_ids: list[int]
    entered_by: str | None = None  # who typed the latest listing in by hand, if someone did

    @property
    def name(self) -> str:
        """The name to show: the most recent listing's."""
        return self.names[-1]

    @property
    def listed_twice(self) -> bool:
        """True when the same ingredient appears under several names (brand and generic)."""
        return len({n.lower() for n in self.names}) > 1


def ingredient_of(name: str) -> str:
    """'Tylenol 500 mg oral tablet' -> 'acetaminophen'; '10 ML Furosemide 10 MG/ML Injection'
    -> 'furosemide'; '24 HR metoprolol succinate 100 MG ... [Toprol]' -> 'metoprolol'."""
    text = re.sub(r"\[.*?\]|\(.*?\)", " ", name.lower())
    words = [w for w in re.findall(r"[a-z][a-z-]*", text) if w not in NOT_INGREDIENT]
    brands = brand_names()
    for word in words:
        if word in brands:
            return brands[word]
    joined = " ".join(words) or name.strip().lower()
    return brands.get(joined, joined)


def _current(stored: StoredRecord, today: str) -> bool:
    r = stored.record
    if (r.status or "").lower() in STOPPED:
        return False
    return not (r.effective_end and r.effective_end[:10] < today)


def medication_list(records: Iterable[StoredRecord], today: str) -> list[Medication]:
    """Current medicines first, then stopped ones; each merged by ingredient."""
    groups: dict[str, list[StoredRecord]] = defaultdict(list)
    for stored in records:
        name = stored.record.display or stored.record.code or ""
        if name:
            groups[ingredient_of(name)].append(stored)
    meds = []
    for ingredient, rows in groups.items():
        rows.sort(key=lambda s: (s.record.effective or "", s.id))
        names: list[str] = []
        for s in rows:
            name = (s.record.display or s.record.code or "").strip()
            if name not in names:
                names.append(name)
        latest = rows[-1].record
        current = any(_current(s, today) for s in rows[-1:])
        dosage = next((s.record.details.get("dosage") for s in reversed(rows)
                       if s.record.details and s.record.details.get("dosage")), None)
        meds.append(Medication(
            ingredient, names, current, latest.status or ("active" if current else "stopped"),
            rows[0].record.effective, latest.effective, dosage, [s.id for s in rows],
            sorted({s.source_id for s in rows}), (latest.details or {}).get("entered_by")))
    meds.sort(key=lambda m: (not m.current, m.name.lower()))
    return meds
