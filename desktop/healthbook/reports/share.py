"""Selective sharing: a FHIR R4 collection Bundle of chosen categories and dates.

Records imported from FHIR R4 are exported as the original resource, byte for byte the same
data; records from other formats (Apple Health, C-CDA, CSV) are written as R4 resources from
what the vault holds. Every resource is validated with fhir.resources before it is returned.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from healthbook.i18n import _
from healthbook.progress import CancelToken, Progress, ProgressCallback, no_progress
from healthbook.vault import Person, RecordId, RecordKind, StoredRecord

KINDS = {
    "observation": RecordKind.OBSERVATION, "condition": RecordKind.CONDITION,
    "medication": RecordKind.MEDICATION, "allergy": RecordKind.ALLERGY,
    "immunization": RecordKind.IMMUNIZATION, "procedure": RecordKind.PROCEDURE,
    "encounter": RecordKind.ENCOUNTER, "report": RecordKind.REPORT,
    "document": RecordKind.DOCUMENT,
}
NAMESPACE = uuid.UUID("6f1f2a8e-54c4-4d2b-9a43-2b0d1c9e7a10")
STEP = 100  # records between progress reports and cancel checks


@dataclass
class Shared:
    """An export: the Bundle and the record ids it holds (and those it could not write)."""

    bundle: dict[str, Any]
    record_ids: list[RecordId]
    skipped: list[RecordId]

    def json_bytes(self) -> bytes:
        """The Bundle as UTF-8 JSON."""
        return json.dumps(self.bundle, ensure_ascii=False, indent=1).encode()


def chosen(records: Iterable[StoredRecord], kinds: set[str] | None,
           since: str | None) -> list[StoredRecord]:
    """Records of the chosen kinds dated on or after `since` (undated ones only without it)."""
    wanted = {KINDS[k] for k in kinds} if kinds else set(KINDS.values())
    return [s for s in records if s.record.kind in wanted and
            (since is None or (s.record.effective or "")[:10] >= since)]


def _coding(s: StoredRecord) -> dict[str, Any]:
    r = s.record
    coding = {k: v for k, v in (("system", r.code_system), ("code", r.code),
                                ("display", r.display)) if v}
    concept: dict[str, Any] = {"coding": [coding]} if r.code else {}
    if r.display:
        concept["text"] = r.display
    return concept or {"text": "unnamed"}


def _subject(patient: str) -> dict[str, str]:
    return {"reference": patient}


def _built(s: StoredRecord, patient: str) -> dict[str, Any] | None:
    """An R4 resource from a record that did not come from FHIR R4."""
    r = s.record
    when = r.effective
    if r.kind is RecordKind.OBSERVATION:
        res: dict[str, Any] = {"resourceType": "Observation", "status": "final",
                               "code": _coding(s), "subject": _subject(patient)}
        if when:
            res["effectiveDateTime"] = when
        if r.value_num is not None:
            quantity: dict[str, Any] = {"value": r.value_num}
            if r.unit:
                quantity.update(unit=r.unit, system="http://unitsofmeasure.org", code=r.unit)
            res["valueQuantity"] = quantity
        elif r.value_text:
            res["valueString"] = r.value_text
        rng: dict[str, Any] = {k: {"value": v, **({"unit": r.unit} if r.unit else {})}
                               for k, v in (("low", r.ref_low), ("high", r.ref_high))
                               if v is not None}
        if r.ref_text:
            rng["text"] = r.ref_text
        if rng:
            res["referenceRange"] = [rng]
        return res
    if r.kind is RecordKind.CONDITION:
        res = {"resourceType": "Condition", "code": _coding(s), "subject": _subject(patient)}
        if r.status:
            res["clinicalStatus"] = {"coding": [{
                "system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                "code": r.status}]}
        if when:
            res["onsetDateTime"] = when
        return res
    if r.kind is RecordKind.MEDICATION:
        status = r.status if r.status in {"active", "completed", "entered-in-error",
                                          "intended", "stopped", "on-hold", "unknown",
                                          "not-taken"} else "unknown"
        res = {"resourceType": "MedicationStatement", "status": status,
               "medicationCodeableConcept": _coding(s), "subject": _subject(patient)}
        if when:
            res["effectiveDateTime"] = when
        return res
    if r.kind is RecordKind.ALLERGY:
        res = {"resourceType": "AllergyIntolerance", "code": _coding(s),
               "patient": _subject(patient)}
        if when:
            res["recordedDate"] = when
        return res
    if r.kind is RecordKind.ENCOUNTER:
        res = {"resourceType": "Encounter", "status": _encounter_status(r.status),
               "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                         "code": r.category or "AMB"},
               "type": [_coding(s)], "subject": _subject(patient)}
        if when:
            res["period"] = {"start": when, **({"end": r.effective_end}
                                               if r.effective_end else {})}
        return res
    if r.kind is RecordKind.REPORT:
        res = {"resourceType": "DiagnosticReport", "status": "final", "code": _coding(s),
               "subject": _subject(patient)}
        if when:
            res["effectiveDateTime"] = when
        if r.value_text:
            res["conclusion"] = r.value_text
        return res
    if r.kind is RecordKind.IMMUNIZATION and when:
        return {"resourceType": "Immunization", "status": "completed",
                "vaccineCode": _coding(s), "patient": _subject(patient),
                "occurrenceDateTime": when}
    if r.kind is RecordKind.PROCEDURE:
        res = {"resourceType": "Procedure", "status": "completed", "code": _coding(s),
               "subject": _subject(patient)}
        if when:
            res["performedDateTime"] = when
        return res
    return None


def _encounter_status(status: str | None) -> str:
    allowed = {"planned", "arrived", "triaged", "in-progress", "onleave", "finished",
               "cancelled", "entered-in-error", "unknown"}
    return status if status in allowed else "finished" if status in (None, "completed") \
        else "unknown"


def _original(s: StoredRecord) -> dict[str, Any] | None:
    r = s.record
    if r.original and (r.original_format or "").startswith("fhir-r4"):
        try:
            res = json.loads(r.original)
        except ValueError:
            return None
        return res if isinstance(res, dict) and res.get("resourceType") else None
    return None


def _part_of_panel(s: StoredRecord) -> bool:
    """A record Healthbook derived from a panel's component (the panel holds it)."""
    details = s.record.details or {}
    return s.record.original is None and "panel" in details and \
        (s.record.original_format or "") == ""


def _moved_refs(records: list[StoredRecord], urls: dict[RecordId, str]) -> dict[str, str]:
    """Where each grouped result sat in its file -> its address in the export, so that the
    panels and organisms that list it still do."""
    moved: dict[str, str] = {}
    for s in records:
        ref = (s.record.details or {}).get("ref")
        if isinstance(ref, str):
            moved[ref] = urls[s.id]
            if "#" in ref:
                moved.setdefault("#" + ref.split("#", 1)[1], urls[s.id])
            elif ref.startswith("http") and ref.count("/") >= 2:  # .../Observation/r1
                moved.setdefault("/".join(ref.rsplit("/", 2)[-2:]), urls[s.id])
    return moved


def _kept(resource: dict[str, Any], s: StoredRecord,
          moved: dict[str, str]) -> dict[str, Any]:
    """The original resource, its links to its members (a panel's, an organism's, a
    report's results) pointing at where those are in the export."""
    details = s.record.details or {}
    base = str(details.get("ref") or "").split("#")[0]
    for field in ("hasMember", "result"):
        members = resource.get(field)
        if not moved or not isinstance(members, list):
            continue
        fixed = []
        for member in members:
            ref = member.get("reference") if isinstance(member, dict) else None
            target = None
            if isinstance(ref, str):
                target = moved.get(f"{base}{ref}") if ref.startswith("#") else moved.get(ref)
            fixed.append({**member, "reference": target} if target else member)
        resource = {**resource, field: fixed}
    contained = resource.get("contained")
    if base and isinstance(contained, list):  # results written as their own entries
        kept = [c for c in contained if not (isinstance(c, dict) and
                                              f"{base}#{c.get('id')}" in moved)]
        resource = {k: v for k, v in resource.items() if k != "contained"}
        if kept:
            resource["contained"] = kept
    return resource


def fhir_bundle(person: Person, records: list[StoredRecord], *,
                progress: ProgressCallback = no_progress,
                cancel: CancelToken | None = None) -> Shared:
    """A validated R4 collection Bundle with the person and `records`.

    Each resource is validated as it is added (fhir.resources.R4B), with progress and a
    cancel check every STEP records; then the Bundle around them.
    """
    from fhir.resources.R4B import get_fhir_model_class
    from fhir.resources.R4B.bundle import Bundle

    cancel = cancel or CancelToken()
    patient_id = str(uuid.uuid5(NAMESPACE, f"person-{person.id}"))
    patient_url = f"urn:uuid:{patient_id}"
    patient: dict[str, Any] = {"resourceType": "Patient", "id": patient_id,
                               "name": [{"text": person.name}]}
    if person.birth_date:
        patient["birthDate"] = person.birth_date[:10]
    if person.sex in ("male", "female", "other", "unknown"):
        patient["gender"] = person.sex
    get_fhir_model_class("Patient").model_validate(patient)
    entries = [{"fullUrl": patient_url, "resource": patient}]
    held, skipped = [], []
    urls = {s.id: f"urn:uuid:{uuid.uuid5(NAMESPACE, f'record-{s.id}')}" for s in records}
    moved = _moved_refs(records, urls)
    for i, s in enumerate(records):
        if i % STEP == 0:
            cancel.check()
            progress(Progress(i, len(records), "records", _("Checking the records"), i))
        if _part_of_panel(s):  # a panel's component: written inside its panel's resource
            held.append(s.id)
            continue
        original = _original(s)
        resource = _kept(original, s, moved) if original is not None else \
            _built(s, patient_url)
        if resource is None:
            skipped.append(s.id)
            continue
        # raises if anything written is not valid R4
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
        entries.append({"fullUrl": urls[s.id], "resource": resource})
        held.append(s.id)
    bundle = {"resourceType": "Bundle", "type": "collection",
              "identifier": {"system": "urn:healthbook:export", "value": str(uuid.uuid4())},
              "timestamp": datetime.now(UTC).isoformat(timespec="seconds"), "entry": entries}
    Bundle.model_validate({**bundle, "entry": [{"fullUrl": e["fullUrl"]} for e in entries]})
    cancel.check()
    progress(Progress(len(records), len(records), "records", _("Writing the file"), len(records)))
    return Shared(bundle, held, skipped)
