"""One ordered stream of everything that happened: visits, results, diagnoses, medicines."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from healthbook.clinical.display import (
    components_text,
    organism,
    plain_name,
    quantity,
    susceptibility,
)
from healthbook.clinical.reference import analyte_for
from healthbook.i18n import pgettext
from healthbook.vault import RecordKind, StoredRecord

TITLES = {
    RecordKind.ENCOUNTER: "Visit", RecordKind.OBSERVATION: "Result",
    RecordKind.CONDITION: "Diagnosis", RecordKind.MEDICATION: "Medication",
    RecordKind.IMMUNIZATION: "Immunization", RecordKind.PROCEDURE: "Procedure",
    RecordKind.ALLERGY: "Allergy", RecordKind.REPORT: "Report", RecordKind.DOCUMENT: "Document",
    RecordKind.WORKOUT: "Workout",
}


def kind_title(kind: RecordKind) -> str:
    """What a kind of record is called, in the current language ('Visit', 'Consultation')."""
    titles = {
        RecordKind.ENCOUNTER: pgettext("record kind", "Visit"),
        RecordKind.OBSERVATION: pgettext("record kind", "Result"),
        RecordKind.CONDITION: pgettext("record kind", "Diagnosis"),
        RecordKind.MEDICATION: pgettext("record kind", "Medication"),
        RecordKind.IMMUNIZATION: pgettext("record kind", "Immunization"),
        RecordKind.PROCEDURE: pgettext("record kind", "Procedure"),
        RecordKind.ALLERGY: pgettext("record kind", "Allergy"),
        RecordKind.REPORT: pgettext("record kind", "Report"),
        RecordKind.DOCUMENT: pgettext("record kind", "Document"),
        RecordKind.WORKOUT: pgettext("record kind", "Workout"),
    }
    return titles.get(kind, TITLES.get(kind, str(kind)))


def status_text(status: str) -> str:
    """A record's FHIR status as people read it ('resolved', 'résolu'); unknown codes as
    they are."""
    words = {
        "resolved": pgettext("record status", "resolved"),
        "inactive": pgettext("record status", "inactive"),
        "remission": pgettext("record status", "remission"),
        "recurrence": pgettext("record status", "recurrence"),
        "relapse": pgettext("record status", "relapse"),
        "entered-in-error": pgettext("record status", "entered-in-error"),
        "not-done": pgettext("record status", "not-done"),
        "refuted": pgettext("record status", "refuted"),
        "stopped": pgettext("record status", "stopped"),
        "unknown": pgettext("record status", "unknown"),
    }
    return words.get(status, status)


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
    name = plain_name(r.display) or r.code or kind_title(r.kind)
    grown = organism(r.details)
    if grown:  # a culture's result reads as the organism's, with its susceptibility
        name = f"{grown} · {name}"
        said = susceptibility(r.interpretation)
        if said:
            value = quantity(r.value_num, r.unit, None, r.value_text or "") \
                if r.value_num is not None else ""
            return f"{name}: {said}" + (f" ({value.strip()})" if value.strip() else "")
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
        return f"{name} ({status_text(r.status)})"
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
        entries.append(Entry(r.effective or "", r.kind, kind_title(r.kind), text, stored.id))
    entries.sort(key=lambda e: (e.when, e.record_id), reverse=True)
    return entries
