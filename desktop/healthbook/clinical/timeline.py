"""One ordered stream of everything that happened: visits, results, diagnoses, medicines."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from healthbook.clinical.display import components_text, plain_name, quantity
from healthbook.clinical.reference import analyte_for
from healthbook.vault import RecordKind, StoredRecord

TITLES = {
    RecordKind.ENCOUNTER: "Visit", RecordKind.OBSERVATION: "Result",
    RecordKind.CONDITION: "Diagnosis", RecordKind.MEDICATION: "Medication",
    RecordKind.IMMUNIZATION: "Immunization", RecordKind.PROCEDURE: "Procedure",
    RecordKind.ALLERGY: "Allergy", RecordKind.REPORT: "Report", RecordKind.DOCUMENT: "Document",
    RecordKind.WORKOUT: "Workout",
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the timeline."""

    when: str
    kind: RecordKind
    title: str
    text: str
    record_id: int


def analyte_key(code: str | None, display: str | None = None) -> str | None:
    """The analyte a result reports, for rounding its values."""
    found = analyte_for(code, display)
    return found.key if found is not None else None


def describe(stored: StoredRecord) -> str:
    """A one-line description of a record ('Glucose 6.3 mmol/L', 'Lisinopril 10 MG')."""
    r = stored.record
    name = plain_name(r.display) or r.code or TITLES[r.kind]
    if r.value_num is not None:
        prefix = r.value_text if r.value_text in {"<", ">", "<=", ">="} else ""
        key = analyte_key(r.code, r.display)
        return f"{name}: {quantity(r.value_num, r.unit, key, prefix)}".strip()
    components = (r.details or {}).get("components")
    if components and (values := components_text(components)):
        return f"{name}: {values}"
    if r.value_text and r.kind is RecordKind.OBSERVATION:
        return f"{name}: {r.value_text}"
    if r.status and r.kind in (RecordKind.IMMUNIZATION, RecordKind.CONDITION) and \
            r.status not in {"completed", "active"}:
        return f"{name} ({r.status})"
    return name


def timeline(records: Iterable[StoredRecord], kinds: set[RecordKind] | None = None,
             search: str = "") -> list[Entry]:
    """Entries newest first, optionally of some kinds and containing `search`."""
    needle = search.strip().lower()
    entries = []
    for stored in records:
        r = stored.record
        if kinds and r.kind not in kinds:
            continue
        text = describe(stored)
        if needle and needle not in text.lower():
            continue
        entries.append(Entry(r.effective or "", r.kind, TITLES[r.kind], text, stored.id))
    entries.sort(key=lambda e: (e.when, e.record_id), reverse=True)
    return entries
