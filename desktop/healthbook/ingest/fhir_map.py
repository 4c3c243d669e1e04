"""FHIR resources (R4, STU3, and Apple's DSTU2 leniently) -> normalised vault records."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from healthbook.i18n import _
from healthbook.ingest import json_text
from healthbook.ingest.items import Demographics, Item, Skipped
from healthbook.timeparse import normalize_when
from healthbook.vault import Attachment, Record, RecordKind

LOINC = "http://loinc.org"
PREFERRED_SYSTEMS = (LOINC, "http://snomed.info/sct",
                     "http://www.nlm.nih.gov/research/umls/rxnorm", "http://hl7.org/fhir/sid/cvx")
MAX_ATTACHMENT = 50 << 20
Resolver = Callable[[str], Mapping[str, Any] | None]


def coding(concept: Any) -> tuple[str | None, str | None, str | None]:
    """(system, code, display) of a CodeableConcept, Coding or plain code string."""
    if isinstance(concept, str):
        return None, concept, concept
    if not isinstance(concept, Mapping):
        return None, None, None
    codings = [c for c in concept.get("coding") or [] if isinstance(c, Mapping)]
    if "code" in concept and "system" in concept:  # a bare Coding
        codings = [concept]
    best = None
    for system in PREFERRED_SYSTEMS:
        best = next((c for c in codings if c.get("system") == system and c.get("code")), None)
        if best:
            break
    best = best or (codings[0] if codings else {})
    display = concept.get("text") or best.get("display") or best.get("code")
    return best.get("system"), best.get("code"), display


def _code(value: Any) -> str | None:
    """A status-like field: a code string (STU3/DSTU2) or a CodeableConcept (R4)."""
    return coding(value)[1]


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return None
    if number != number or abs(number) == float("inf"):
        raise ValueError(_("value out of range"))
    return number


def _when(res: Mapping[str, Any], *names: str) -> tuple[str | None, str | None]:
    """(start, end) from the first present of effective[x]/onset[x]/period fields."""
    for name in names:
        value = res.get(name)
        if isinstance(value, str):
            return normalize_when(value), None
        if isinstance(value, Mapping) and ("start" in value or "end" in value):
            return normalize_when(value.get("start")), normalize_when(value.get("end"))
    return None, None


def _category(res: Mapping[str, Any]) -> str | None:
    cats = res.get("category")
    if isinstance(cats, list):
        cats = cats[0] if cats else None
    return coding(cats)[1] if cats else None


def _range(res: Mapping[str, Any]) -> tuple[float | None, float | None, str | None]:
    ranges = res.get("referenceRange") or []
    if not ranges or not isinstance(ranges[0], Mapping):
        return None, None, None
    first = ranges[0]
    low = _number((first.get("low") or {}).get("value"))
    high = _number((first.get("high") or {}).get("value"))
    return low, high, first.get("text")


def _sex_of(text: str) -> str:
    """'Male (finding)', 'female' ... -> 'male' / 'female'; other populations as given."""
    lower = text.lower()
    return "female" if "female" in lower else "male" if "male" in lower else lower


def _all_ranges(res: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every referenceRange with who it applies to (age in years, sex), when there are
    several: the facts engine picks the one for the person's age and sex."""
    out = []
    for rng in res.get("referenceRange") or []:
        if not isinstance(rng, Mapping):
            continue
        age = rng.get("age") or {}
        applies = [coding(c)[2] for c in rng.get("appliesTo") or []]
        out.append({
            "low": _number((rng.get("low") or {}).get("value")),
            "high": _number((rng.get("high") or {}).get("value")),
            "text": rng.get("text"),
            "age_low": _number((age.get("low") or {}).get("value")),
            "age_high": _number((age.get("high") or {}).get("value")),
            "applies_to": sorted({_sex_of(a) for a in applies if a}),
        })
    return out if len(out) > 1 else []


def _value(res: Mapping[str, Any]) -> tuple[float | None, str | None, str | None]:
    """(number, text, unit) from value[x]."""
    if "valueQuantity" in res:
        q = res["valueQuantity"] or {}
        unit = q.get("code") if q.get("system") == "http://unitsofmeasure.org" else None
        text = q.get("comparator")
        return _number(q.get("value")), text, unit or q.get("unit") or q.get("code")
    if "valueCodeableConcept" in res:
        return None, coding(res["valueCodeableConcept"])[2], None
    if "valueString" in res:
        return None, str(res["valueString"]), None
    if "valueBoolean" in res:
        return None, "yes" if res["valueBoolean"] else "no", None
    if "valueInteger" in res:
        return _number(res["valueInteger"]), None, None
    if "valueDateTime" in res:
        return None, str(res["valueDateTime"]), None
    return None, None, None


def _interpretation(res: Mapping[str, Any]) -> str | None:
    interp = res.get("interpretation")
    if isinstance(interp, list):
        interp = interp[0] if interp else None
    return coding(interp)[1] if interp else None


def _observation(res: Mapping[str, Any], original: str, fmt: str) -> Iterator[Record]:
    system, code, display = coding(res.get("code"))
    value, text, unit = _value(res)
    low, high, ref_text = _range(res)
    start, end = _when(res, "effectiveDateTime", "effectivePeriod", "effectiveInstant", "issued")
    category = _category(res)
    components: list[dict[str, Any]] = []
    for comp in res.get("component") or []:
        if not isinstance(comp, Mapping):
            continue
        c_system, c_code, c_display = coding(comp.get("code"))
        c_value, c_text, c_unit = _value(comp)
        c_low, c_high, c_ref = _range(comp)
        components.append({"code": c_code, "display": c_display, "value": c_value,
                           "unit": c_unit})
        yield Record(RecordKind.OBSERVATION, c_system, c_code, c_display, value_num=c_value,
                     value_text=c_text, unit=c_unit, ref_low=c_low, ref_high=c_high,
                     ref_text=c_ref, interpretation=_interpretation(comp),
                     status=res.get("status"), category=category, effective=start,
                     effective_end=end, details={"panel": code, "panel_display": display})
    if components and value is None and text is None:
        text = " / ".join(
            f"{c['value']:g}" if isinstance(c["value"], float) else str(c["value"])
            for c in components
        )
        unit = components[0]["unit"]
    details: dict[str, Any] = {"components": components} if components else {}
    if ranges := _all_ranges(res):
        details["ranges"] = ranges
    if res.get("note"):
        details["note"] = " ".join(n.get("text", "") for n in res["note"]
                                   if isinstance(n, Mapping))
    yield Record(RecordKind.OBSERVATION, system, code, display, value_num=value,
                 value_text=text, unit=unit, ref_low=low, ref_high=high, ref_text=ref_text,
                 interpretation=_interpretation(res), status=res.get("status"),
                 category=category, effective=start, effective_end=end,
                 details=details or None, original=original, original_format=fmt)


def _medication_concept(res: Mapping[str, Any], resolve: Resolver) -> Any:
    if "medicationCodeableConcept" in res:
        return res["medicationCodeableConcept"]
    ref = (res.get("medicationReference") or {}).get("reference")
    target = resolve(ref) if ref else None
    if target is not None:
        return target.get("code")
    return (res.get("medicationReference") or {}).get("display")


def _dosage(res: Mapping[str, Any]) -> str | None:
    for key in ("dosageInstruction", "dosage"):
        items = res.get(key) or []
        if items and isinstance(items[0], Mapping) and items[0].get("text"):
            return str(items[0]["text"])
    return None


def map_resource(res: Mapping[str, Any], resolve: Resolver, fmt: str) -> Iterator[Item]:
    """The items one resource becomes (raises ValueError for impossible values)."""
    rtype = res.get("resourceType")
    original = json_text.dumps(res)

    def record(kind: RecordKind, concept: Any, *when: str, **extra: Any) -> Record:
        system, code, display = coding(concept)
        start, end = _when(res, *when)
        extra.setdefault("effective_end", end)
        return Record(kind, system, code, display, effective=start, original=original,
                      original_format=fmt, **extra)

    if rtype == "Observation":
        yield from _observation(res, original, fmt)
    elif rtype == "Patient":
        yield Demographics(birth_date=res.get("birthDate"), sex=res.get("gender"),
                           name=_patient_name(res.get("name")))
    elif rtype == "Condition":
        status = _code(res.get("clinicalStatus")) or _code(res.get("verificationStatus"))
        yield record(RecordKind.CONDITION, res.get("code"), "onsetDateTime", "onsetPeriod",
                     "recordedDate", "assertedDate", "dateRecorded", status=status,
                     category=_category(res),
                     effective_end=normalize_when(res.get("abatementDateTime")) or None)
    elif rtype in {"MedicationRequest", "MedicationStatement", "MedicationOrder"}:
        concept = _medication_concept(res, resolve)
        dosage = _dosage(res)
        yield record(RecordKind.MEDICATION, concept, "authoredOn", "effectiveDateTime",
                     "effectivePeriod", "dateWritten", "dateAsserted", status=res.get("status"),
                     category=rtype, details={"dosage": dosage} if dosage else None)
    elif rtype == "AllergyIntolerance":
        reactions = [coding(m)[2] for r in res.get("reaction") or [] if isinstance(r, Mapping)
                     for m in r.get("manifestation") or []]
        details = {k: v for k, v in {"criticality": res.get("criticality"),
                                     "reactions": [r for r in reactions if r]}.items() if v}
        yield record(RecordKind.ALLERGY, res.get("code") or res.get("substance"),
                     "onsetDateTime", "recordedDate", "assertedDate",
                     status=_code(res.get("clinicalStatus")) or res.get("status"),
                     category=(res.get("category") or [None])[0]
                     if isinstance(res.get("category"), list) else res.get("category"),
                     details=details or None)
    elif rtype == "Immunization":
        status = res.get("status")
        if res.get("notGiven") is True or res.get("wasNotGiven") is True:
            status = "not-done"
        yield record(RecordKind.IMMUNIZATION, res.get("vaccineCode"), "occurrenceDateTime",
                     "date", status=status)
    elif rtype == "Procedure":
        yield record(RecordKind.PROCEDURE, res.get("code"), "performedDateTime",
                     "performedPeriod", status=res.get("status"))
    elif rtype == "Encounter":
        concept = (res.get("type") or [None])[0] or res.get("class")
        yield record(RecordKind.ENCOUNTER, concept, "period", status=res.get("status"),
                     category=_code(res.get("class")))
    elif rtype == "DiagnosticReport":
        results = [r.get("reference") for r in res.get("result") or [] if isinstance(r, Mapping)]
        details = {k: v for k, v in {"conclusion": res.get("conclusion"),
                                     "results": results}.items() if v}
        yield record(RecordKind.REPORT, res.get("code"), "effectiveDateTime", "effectivePeriod",
                     "issued", status=res.get("status"), category=_category(res),
                     value_text=res.get("conclusion"), details=details or None)
    elif rtype == "DocumentReference":
        yield _document(res, original, fmt)
    else:
        raise LookupError(rtype)


def _document(res: Mapping[str, Any], original: str, fmt: str) -> Record:
    system, code, display = coding(res.get("type"))
    attachment = None
    details: dict[str, Any] = {}
    for content in res.get("content") or []:
        att = (content or {}).get("attachment") or {}
        if att.get("data") and attachment is None:
            try:
                data = base64.b64decode(att["data"], validate=False)
            except (binascii.Error, ValueError) as exc:
                raise ValueError(_("attachment data is not valid base64")) from exc
            if len(data) > MAX_ATTACHMENT:
                raise ValueError(_("attachment larger than 50 MB"))
            attachment = Attachment(att.get("contentType") or "application/octet-stream", data,
                                    att.get("title"))
        elif att.get("url"):
            details.setdefault("urls", []).append(att["url"])
    when = normalize_when(res.get("date") or res.get("indexed") or res.get("created"))
    return Record(RecordKind.DOCUMENT, system, code, display or res.get("description"),
                  status=res.get("status"), effective=when,
                  value_text=res.get("description"), details=details or None,
                  original=original, original_format=fmt, attachment=attachment)


def skipped(res: Mapping[str, Any], reason: str) -> Skipped:
    """A Skipped item naming the resource."""
    return Skipped(str(res.get("resourceType", "resource")), str(res.get("id", "")), reason)


def _patient_name(names: Any) -> str | None:
    """'Carla Echevarría' from a Patient's first name entry (given names, then family)."""
    if not isinstance(names, list) or not names or not isinstance(names[0], dict):
        return None
    first = names[0]
    if isinstance(first.get("text"), str) and first["text"].strip():
        return first["text"].strip()[:200]
    given = [g for g in first.get("given") or [] if isinstance(g, str)]
    family = first["family"] if isinstance(first.get("family"), str) else ""
    return " ".join([*given, family]).strip()[:200] or None
