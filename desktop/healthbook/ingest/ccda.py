"""C-CDA documents (CCD, discharge and referral summaries, vendor exports) and fragments.

Results, vital signs, problems, medications, allergies, immunizations, procedures, encounters
and the patient's demographics are read with lxml (hardened: no entities, no network).
Apple Health's export_cda.xml observations carry a HealthKit type and become samples.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from healthbook.i18n import _
from healthbook.ingest.context import ParseContext
from healthbook.ingest.errors import ImportFailed
from healthbook.ingest.healthkit import HealthKitConverter
from healthbook.ingest.items import Demographics, Item, Skipped
from healthbook.ingest.safe_xml import parse_lxml
from healthbook.timeparse import epoch_of, hl7_when
from healthbook.vault import Record, RecordKind

NS = "urn:hl7-org:v3"
XSI = "{http://www.w3.org/2001/XMLSchema-instance}type"
OIDS = {
    "2.16.840.1.113883.6.1": "http://loinc.org",
    "2.16.840.1.113883.6.96": "http://snomed.info/sct",
    "2.16.840.1.113883.6.88": "http://www.nlm.nih.gov/research/umls/rxnorm",
    "2.16.840.1.113883.12.292": "http://hl7.org/fhir/sid/cvx",
    "2.16.840.1.113883.6.12": "http://www.ama-assn.org/go/cpt",
    "2.16.840.1.113883.6.90": "http://hl7.org/fhir/sid/icd-10-cm",
    "2.16.840.1.113883.6.103": "http://hl7.org/fhir/sid/icd-9-cm",
}
SECTIONS = {
    "30954-2": "results", "8716-3": "vitals", "11450-4": "problems", "10160-0": "medications",
    "48765-2": "allergies", "11369-6": "immunizations", "47519-4": "procedures",
    "46240-8": "encounters",
}
SEX = {"F": "female", "M": "male", "UN": "other"}
_CONVERTER = HealthKitConverter()


def _q(path: str) -> str:
    """'a/b' -> '{urn:hl7-org:v3}a/{urn:hl7-org:v3}b' (relative ElementPath)."""
    return "/".join(p if p in {".", ".."} or p.startswith(("*", "@")) else f"{{{NS}}}{p}"
                    for p in path.split("/"))


class _Doc:
    """A parsed document with its narrative index (for originalText references)."""

    def __init__(self, root: Any) -> None:
        self.root = root
        self.narrative = {el.get("ID"): " ".join("".join(el.itertext()).split())
                          for el in root.iter() if isinstance(el.tag, str) and el.get("ID")}

    def text_of(self, el: Any) -> str | None:
        if el is None:
            return None
        ref = el.find(_q("reference"))
        if ref is not None and ref.get("value", "").startswith("#"):
            found = self.narrative.get(ref.get("value")[1:])
            if found:
                return found
        text = " ".join("".join(el.itertext()).split())
        return text or None

    def concept(self, el: Any) -> tuple[str | None, str | None, str | None]:
        """(system, code, display) of a CD/CE element, falling back to its translations."""
        if el is None:
            return None, None, None
        candidates = [el, *el.findall(_q("translation"))]
        for cand in candidates:
            if cand.get("code"):
                display = (cand.get("displayName")
                           or self.text_of(el.find(_q("originalText"))) or cand.get("code"))
                return OIDS.get(cand.get("codeSystem", ""), cand.get("codeSystem")), \
                    cand.get("code"), display
        return None, None, self.text_of(el.find(_q("originalText")))


# LOINC and SNOMED codes that label an observation as "a problem / diagnosis" (C-CDA R2.1).
PROBLEM_CODES = {"75326-9", "29308-4", "11450-4", "55607006", "282291009", "64572001",
                 "404684003", "418799008", "409586006", "248536006", "75321-0", "75322-8"}


def _when(el: Any) -> tuple[str | None, str | None]:
    if el is None:
        return None, None
    if el.get("value"):
        return hl7_when(el.get("value")), None
    low, high = el.find(_q("low")), el.find(_q("high"))
    return (hl7_when(low.get("value")) if low is not None else None,
            hl7_when(high.get("value")) if high is not None else None)


def _float(text: str | None) -> float | None:
    try:
        value = float(text) if text not in (None, "") else None
    except ValueError:
        return None
    if value is not None and (value != value or abs(value) > 1e15):
        raise ValueError(_("value out of range"))
    return value


def _value(doc: _Doc, el: Any) -> tuple[float | None, str | None, str | None]:
    if el is None:
        return None, None, None
    kind = el.get(XSI, "")
    if kind.endswith("PQ") and el.get("value") is not None:
        return _float(el.get("value")), None, el.get("unit")
    if kind.endswith("IVL_PQ"):
        low, high = el.find(_q("low")), el.find(_q("high"))
        if low is not None and low.get("value"):
            return _float(low.get("value")), ">" if low.get("inclusive") == "false" else ">=", \
                low.get("unit")
        if high is not None and high.get("value"):
            return _float(high.get("value")), "<" if high.get("inclusive") == "false" else "<=", \
                high.get("unit")
    if kind.endswith(("CD", "CE", "CO")):
        return None, doc.concept(el)[2], None
    text = doc.text_of(el)
    return None, text, None


def _range(doc: _Doc, obs: Any) -> tuple[float | None, float | None, str | None]:
    rng = obs.find(_q("referenceRange/observationRange"))
    if rng is None:
        return None, None, None
    value = rng.find(_q("value"))
    low = high = None
    if value is not None:
        lo, hi = value.find(_q("low")), value.find(_q("high"))
        low = _float(lo.get("value")) if lo is not None else None
        high = _float(hi.get("value")) if hi is not None else None
    return low, high, doc.text_of(rng.find(_q("text")))


def _observation(doc: _Doc, obs: Any, category: str) -> Item:
    hk = obs.find(_q("text/type"))
    if hk is not None and (hk.text or "").startswith("HK"):
        return _apple_sample(obs, hk.text)
    system, code, display = doc.concept(obs.find(_q("code")))
    value_el = obs.find(_q("value"))
    if code in PROBLEM_CODES and value_el is not None and value_el.get("code"):
        # A problem observation outside the problem list: the diagnosis is its value, and it
        # is a condition, not a result named "Problem".
        return _simple(doc, obs, RecordKind.CONDITION, value_el)
    value, text, unit = _value(doc, value_el)
    low, high, ref_text = _range(doc, obs)
    start, end = _when(obs.find(_q("effectiveTime")))
    interp = obs.find(_q("interpretationCode"))
    status = obs.find(_q("statusCode"))
    return Record(RecordKind.OBSERVATION, system, code, display, value_num=value,
                  value_text=text, unit=unit, ref_low=low, ref_high=high, ref_text=ref_text,
                  interpretation=interp.get("code") if interp is not None else None,
                  status=status.get("code") if status is not None else None,
                  category=category, effective=start, effective_end=end,
                  original_format="c-cda")


def _apple_sample(obs: Any, hk_type: str) -> Item:
    value = obs.find(_q("value"))
    start, end = _when(obs.find(_q("effectiveTime")))
    source = obs.find(_q("text/sourceName"))
    t0 = epoch_of(start) if start else None
    if value is None or start is None or t0 is None:
        return Skipped(hk_type, start or "", _("missing value or time"))
    t1 = epoch_of(end) if end else None
    return _CONVERTER.item(hk_type, value.get("unit", ""), value.get("value", ""), t0,
                           t1 if t1 is not None else t0,
                           source.text or "" if source is not None else "", start)


def _section_items(doc: _Doc, section: Any, kind: str) -> Iterator[Item]:
    if kind in {"results", "vitals"}:
        category = "laboratory" if kind == "results" else "vital-signs"
        for obs in section.iter(f"{{{NS}}}observation"):
            if obs.getparent().tag == f"{{{NS}}}entryRelationship":
                continue  # reference ranges, comments
            if obs.find(_q("code")) is None:
                continue
            try:
                yield _observation(doc, obs, category)
            except ValueError as exc:  # an absurd value or range: skip this result only
                yield Skipped("observation", obs.get("ID") or "", str(exc))
    elif kind == "problems":
        for obs in section.iter(f"{{{NS}}}observation"):
            roots = {t.get("root") for t in obs.findall(_q("templateId"))}
            if "2.16.840.1.113883.10.20.22.4.4" not in roots:
                continue
            yield _simple(doc, obs, RecordKind.CONDITION, obs.find(_q("value")))
    elif kind in {"medications", "immunizations"}:
        record_kind = RecordKind.MEDICATION if kind == "medications" else RecordKind.IMMUNIZATION
        for sub in section.iter(f"{{{NS}}}substanceAdministration"):
            if sub.getparent().tag == f"{{{NS}}}entryRelationship":
                continue
            material = sub.find(_q("consumable/manufacturedProduct/manufacturedMaterial/code"))
            yield _simple(doc, sub, record_kind, material)
    elif kind == "allergies":
        for obs in section.iter(f"{{{NS}}}observation"):
            roots = {t.get("root") for t in obs.findall(_q("templateId"))}
            if "2.16.840.1.113883.10.20.22.4.7" not in roots:
                continue
            substance = obs.find(_q("participant/participantRole/playingEntity/code"))
            yield _simple(doc, obs, RecordKind.ALLERGY, substance)
    elif kind in {"procedures", "encounters"}:
        tag = "procedure" if kind == "procedures" else "encounter"
        record_kind = RecordKind.PROCEDURE if kind == "procedures" else RecordKind.ENCOUNTER
        for el in section.iter(f"{{{NS}}}{tag}"):
            if el.getparent().tag == f"{{{NS}}}entryRelationship":
                continue
            yield _simple(doc, el, record_kind, el.find(_q("code")))


def _simple(doc: _Doc, el: Any, kind: RecordKind, concept_el: Any) -> Item:
    system, code, display = doc.concept(concept_el)
    negated = el.get("negationInd") == "true"
    if negated and kind is RecordKind.ALLERGY:
        display = "No known allergies" if not code or concept_el.get("nullFlavor") else \
            f"No known allergy to {display}"
    if not display and not code:
        return Skipped(kind.value, el.get("ID") or "", _("no code or name"))
    start, end = _when(el.find(_q("effectiveTime")))
    status = el.find(_q("statusCode"))
    status_code = "not-done" if negated and kind is RecordKind.IMMUNIZATION else (
        "refuted" if negated else (status.get("code") if status is not None else None))
    return Record(kind, system, code, display, status=status_code, effective=start,
                  effective_end=end, original_format="c-cda")


def _with_namespaces(data: bytes) -> bytes:
    """Section fragments cut out of a document lack its namespace declarations: add them."""
    head = data[:4096]
    if b"xmlns" in head:
        return data
    body = re.sub(rb"^\s*<\?xml[^>]*\?>", b"", data, count=1)
    return (b'<wrapper xmlns="urn:hl7-org:v3" '
            b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' + body + b"</wrapper>")


def _patient_name(patient: Any) -> str | None:
    """The patient's given and family names from recordTarget."""
    name = patient.find(_q("name"))
    if name is None:
        return None
    parts = [" ".join("".join(el.itertext()).split()) for el in name
             if isinstance(el.tag, str) and el.tag.endswith(("}given", "}family"))]
    text = " ".join(p for p in parts if p) or " ".join("".join(name.itertext()).split())
    return text[:200] or None


def items_from_ccda_bytes(data: bytes, name: str) -> Iterator[Item]:
    """Items from one C-CDA document or section fragment."""
    root = parse_lxml(_with_namespaces(data), name)
    if root.tag == f"{{{NS}}}wrapper":
        if len(root) == 0:
            raise ImportFailed(_("{name} holds no C-CDA content.").format(name=name))
        root = root[0]
    doc = _Doc(root)
    patient = root.find(_q("recordTarget/patientRole/patient"))
    if patient is not None:
        birth = patient.find(_q("birthTime"))
        sex = patient.find(_q("administrativeGenderCode"))
        yield Demographics(
            birth_date=hl7_when(birth.get("value")) if birth is not None else None,
            sex=SEX.get(sex.get("code", "")) if sex is not None else None,
            name=_patient_name(patient),
        )
    sections = [root] if root.tag == f"{{{NS}}}section" else list(root.iter(f"{{{NS}}}section"))
    found = False
    for section in sections:
        code = section.find(_q("code"))
        kind = SECTIONS.get(code.get("code", "")) if code is not None else None
        if kind:
            found = True
            yield from _section_items(doc, section, kind)
    if not found and root.tag != f"{{{NS}}}section":
        # Apple's export_cda.xml has no sections: organizers of vital-sign observations.
        for obs in root.iter(f"{{{NS}}}observation"):
            if obs.find(_q("code")) is not None:
                yield _observation(doc, obs, "vital-signs")


def parse_ccda_file(ctx: ParseContext) -> Iterator[Item]:
    """Parser for a C-CDA file."""
    data = ctx.path.read_bytes()
    ctx.done_bytes = len(data)
    yield from items_from_ccda_bytes(data, ctx.path.name)
