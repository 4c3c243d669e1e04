"""Code systems: the library's short names for FHIR URIs and HL7 OIDs."""

from __future__ import annotations

# Short system names the library uses, from FHIR URIs and HL7 OIDs.
SYSTEMS = {
    "http://loinc.org": "loinc",
    "2.16.840.1.113883.6.1": "loinc",
    "http://snomed.info/sct": "snomed",
    "2.16.840.1.113883.6.96": "snomed",
    "http://www.nlm.nih.gov/research/umls/rxnorm": "rxnorm",
    "2.16.840.1.113883.6.88": "rxnorm",
    "http://hl7.org/fhir/sid/cvx": "cvx",
    "2.16.840.1.113883.12.292": "cvx",
    "2.16.840.1.113883.6.59": "cvx",  # the older CVX OID, still common in C-CDA
    "http://hl7.org/fhir/sid/icd-10": "icd10",
    "http://hl7.org/fhir/sid/icd-10-cm": "icd10",
    "2.16.840.1.113883.6.90": "icd10",
    "2.16.840.1.113883.6.3": "icd10",
    "http://www.whocc.no/atc": "atc",
    "2.16.840.1.113883.6.73": "atc",
}
SHORT_NAMES = frozenset(SYSTEMS.values()) | {"metric"}


def short_system(system: str | None) -> str:
    """'http://loinc.org' or '2.16.840.1.113883.6.1' -> 'loinc'; unknown systems unchanged."""
    if not system:
        return ""
    system = system.strip()
    if system.startswith("urn:oid:"):
        system = system[8:]
    return SYSTEMS.get(system.rstrip("/"), system.lower() if system.lower() in SHORT_NAMES
                       else system)
