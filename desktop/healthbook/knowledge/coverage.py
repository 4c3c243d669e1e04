"""The coded concepts in sample files (FHIR JSON, C-CDA XML), for coverage tests and benchmarks.

This reads files the way a person's records would reach the library: lab and vital-sign
results, conditions, medicines, immunizations and allergies, each with every coding it carries
and the text it shows. It is deliberately independent of `healthbook.ingest` (it keeps codes
the importer may drop, such as C-CDA translations) and never raises on a bad file: unreadable
or hostile files are simply skipped.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from healthbook.knowledge.systems import short_system

# Categories of coded item, and the library kind each one is looked up in.
CATEGORY_KIND = {
    "lab": "lab", "vital": "lab", "observation": "lab", "condition": "condition",
    "medicine": "medicine", "vaccine": "vaccine", "allergy": "allergy",
}
# LOINC codes of vital signs, for observations that carry no category.
VITAL_LOINC = frozenset({
    "85354-9", "55284-4", "8480-6", "8462-4", "8867-4", "8310-5", "9279-1", "2708-6", "59408-5",
    "29463-7", "3141-9", "8302-2", "8306-3", "39156-5", "8287-5", "9843-4", "8289-1",
    "77606-2", "59576-9", "72514-3", "8478-0", "3140-1",
})
_NS = "{urn:hl7-org:v3}"
# C-CDA sections by LOINC code and by templateId root (without the version extension).
_SECTION_CODES = {
    "30954-2": "lab", "8716-3": "vital", "11450-4": "condition", "10160-0": "medicine",
    "48765-2": "allergy", "11369-6": "vaccine",
}
_SECTION_TEMPLATES = {
    "2.16.840.1.113883.10.20.22.2.3": "lab", "2.16.840.1.113883.10.20.22.2.3.1": "lab",
    "2.16.840.1.113883.10.20.22.2.4": "vital", "2.16.840.1.113883.10.20.22.2.4.1": "vital",
    "2.16.840.1.113883.10.20.22.2.5": "condition", "2.16.840.1.113883.10.20.22.2.5.1": "condition",
    "2.16.840.1.113883.10.20.22.2.1": "medicine", "2.16.840.1.113883.10.20.22.2.1.1": "medicine",
    "2.16.840.1.113883.10.20.22.2.6": "allergy", "2.16.840.1.113883.10.20.22.2.6.1": "allergy",
    "2.16.840.1.113883.10.20.22.2.2": "vaccine", "2.16.840.1.113883.10.20.22.2.2.1": "vaccine",
}
_PROBLEM_OBS = {"2.16.840.1.113883.10.20.22.4.4", "2.16.840.1.113883.10.20.1.28"}
_ALLERGY_OBS = {"2.16.840.1.113883.10.20.22.4.7", "2.16.840.1.113883.10.20.1.18"}
_MEDICATION_RESOURCES = {"MedicationRequest", "MedicationStatement", "MedicationAdministration",
                         "MedicationDispense", "MedicationOrder"}
_MAX_FILE = 64 << 20
_PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "load_dtd": False,
                   "huge_tree": False, "remove_comments": True}


@dataclass(frozen=True, slots=True)
class CodedItem:
    """One coded concept found in a file.

    Attributes:
        category: lab, vital, observation (another kind of observation), condition, medicine,
            vaccine or allergy.
        codes: every (system, code) it carries; systems shortened to the library's names
            (loinc, snomed, rxnorm, cvx, icd10, atc) where known, else the raw URI or OID.
        display: the text the record shows.
        path: the file it came from.
    """

    category: str
    codes: tuple[tuple[str, str], ...]
    display: str
    path: str

    @property
    def kind(self) -> str:
        """The library kind to look this item up in."""
        return CATEGORY_KIND[self.category]

    def codes_of(self, system: str) -> list[str]:
        """The codes of one (short) system."""
        return [code for sys, code in self.codes if sys == system]

    def code_map(self) -> dict[str, list[str]]:
        """Codes grouped by system, the shape `for_record` takes."""
        out: dict[str, list[str]] = {}
        for sys, code in self.codes:
            out.setdefault(sys, []).append(code)
        return out


def sample_files(*roots: Path) -> list[Path]:
    """Every file under the roots (that exist), without byte-identical copies."""
    seen: set[str] = set()
    out: list[Path] = []
    for root in roots:
        if not root.exists():
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]:
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                continue
            if digest not in seen:
                seen.add(digest)
                out.append(path)
    return out


def collect(paths: Iterable[Path]) -> Iterator[CodedItem]:
    """Coded items from every file (directories are walked)."""
    for path in paths:
        if path.is_dir():
            for sub in sorted(p for p in path.rglob("*") if p.is_file()):
                yield from collect_file(sub)
        else:
            yield from collect_file(path)


def collect_file(path: Path) -> list[CodedItem]:
    """Coded items in one FHIR JSON, C-CDA XML or zip file; [] for anything else."""
    try:
        if path.stat().st_size > _MAX_FILE:
            return []
        if zipfile.is_zipfile(path):
            return _from_zip(path)
        data = path.read_bytes()
    except (OSError, zipfile.BadZipFile):
        return []
    return collect_bytes(data, str(path))


def collect_bytes(data: bytes, name: str) -> list[CodedItem]:
    """Coded items in the bytes of one file."""
    head = data[:8192].lstrip()
    if head.startswith((b"{", b"[", b"\xef\xbb\xbf{")):
        return _from_json(data, name)
    if b"urn:hl7-org:v3" in head or b"ClinicalDocument" in head or b"<section" in head:
        return _from_ccda(data, name)
    return []


def _from_zip(path: Path) -> list[CodedItem]:
    out: list[CodedItem] = []
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                name = info.filename
                if (info.is_dir() or "__MACOSX" in name or info.file_size > _MAX_FILE
                        or not name.lower().endswith((".json", ".xml"))):
                    continue
                try:
                    data = archive.read(info)
                except (RuntimeError, ValueError, OSError, zipfile.BadZipFile, NotImplementedError):
                    continue  # encrypted or broken member
                out.extend(collect_bytes(data, f"{path}!{name}"))
    except (OSError, zipfile.BadZipFile, ValueError):
        return out
    return out


# ---- FHIR JSON ------------------------------------------------------------------------------

def _codings(concept: Any) -> tuple[tuple[tuple[str, str], ...], str]:
    """((system, code)...), display of a CodeableConcept or Coding."""
    if not isinstance(concept, Mapping):
        return (), ""
    codings = concept.get("coding")
    items = [c for c in codings if isinstance(c, Mapping)] if isinstance(codings, list) else []
    if "code" in concept and not items:
        items = [concept]
    codes = tuple((short_system(str(c.get("system") or "")), str(c["code"]).strip())
                  for c in items if c.get("code") not in (None, ""))
    display = concept.get("text") or next(
        (c.get("display") for c in items if c.get("display")), None) or (
        codes[0][1] if codes else "")
    return codes, str(display)


def _resources(node: Any) -> Iterator[Mapping[str, Any]]:
    """Every resource in a JSON document: bundles, contained resources, lists of resources."""
    if isinstance(node, list):
        for item in node:
            yield from _resources(item)
        return
    if not isinstance(node, Mapping):
        return
    if isinstance(node.get("resourceType"), str):
        yield node
    for key in ("entry", "contained"):
        value = node.get(key)
        if isinstance(value, list):
            for item in value:
                if isinstance(item, Mapping) and "resource" in item:
                    yield from _resources(item["resource"])
                elif isinstance(item, Mapping):
                    yield from _resources(item)


def _observation_category(res: Mapping[str, Any], codes: tuple[tuple[str, str], ...]) -> str:
    cats = res.get("category")
    cats = cats if isinstance(cats, list) else [cats] if cats else []
    found = {code for cat in cats for _, code in _codings(cat)[0]}
    if "laboratory" in found:
        return "lab"
    if "vital-signs" in found:
        return "vital"
    if found:
        return "observation"
    return "vital" if any(s == "loinc" and c in VITAL_LOINC for s, c in codes) else "lab"


def _from_json(data: bytes, name: str) -> list[CodedItem]:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return []
    resources = list(_resources(doc))
    by_ref: dict[str, Mapping[str, Any]] = {}
    for entry_res in resources:
        rid = entry_res.get("id")
        if isinstance(rid, str):
            by_ref[f"{entry_res['resourceType']}/{rid}"] = entry_res
            by_ref[f"#{rid}"] = entry_res
    if isinstance(doc, Mapping):
        for entry in doc.get("entry") or []:
            if isinstance(entry, Mapping) and isinstance(entry.get("fullUrl"), str) \
                    and isinstance(entry.get("resource"), Mapping):
                by_ref[entry["fullUrl"]] = entry["resource"]
    out: list[CodedItem] = []
    for res in resources:
        out.extend(_items_of_resource(res, by_ref, name))
    return out


def _items_of_resource(res: Mapping[str, Any], by_ref: Mapping[str, Mapping[str, Any]],
                       name: str) -> Iterator[CodedItem]:
    rtype = res.get("resourceType")
    if rtype == "Observation":
        codes, display = _codings(res.get("code"))
        category = _observation_category(res, codes)
        if codes or display:
            yield CodedItem(category, codes, display, name)
        for component in res.get("component") or []:
            if isinstance(component, Mapping):
                c_codes, c_display = _codings(component.get("code"))
                if c_codes and c_codes != codes:
                    yield CodedItem(category, c_codes, c_display, name)
    elif rtype == "Condition":
        codes, display = _codings(res.get("code"))
        if codes or display:
            yield CodedItem("condition", codes, display, name)
    elif rtype in _MEDICATION_RESOURCES:
        concept = res.get("medicationCodeableConcept")
        ref = res.get("medicationReference")
        if concept is None and isinstance(ref, Mapping):
            target = by_ref.get(str(ref.get("reference") or ""))
            concept = target.get("code") if target else {"text": ref.get("display")}
        codes, display = _codings(concept)
        if codes or display:
            yield CodedItem("medicine", codes, display, name)
    elif rtype == "Immunization":
        codes, display = _codings(res.get("vaccineCode"))
        if codes or display:
            yield CodedItem("vaccine", codes, display, name)
    elif rtype == "AllergyIntolerance":
        codes, display = _codings(res.get("code") or res.get("substance"))
        if codes or display:
            yield CodedItem("allergy", codes, display, name)


# ---- C-CDA XML ------------------------------------------------------------------------------

class _Doc:
    def __init__(self, root: Any, name: str) -> None:
        self.name = name
        self.narrative = {el.get("ID"): " ".join("".join(el.itertext()).split())
                          for el in root.iter() if isinstance(el.tag, str) and el.get("ID")}

    def text_of(self, el: Any) -> str:
        if el is None:
            return ""
        ref = el.find(f"{_NS}reference")
        if ref is not None and (ref.get("value") or "").startswith("#"):
            found = self.narrative.get(ref.get("value")[1:])
            if found:
                return found
        return " ".join("".join(el.itertext()).split())

    def item(self, category: str, el: Any, fallback_name: Any = None) -> CodedItem | None:
        if el is None:
            return None
        codes: list[tuple[str, str]] = []
        display = ""
        for cand in [el, *el.findall(f"{_NS}translation")]:
            code = (cand.get("code") or "").strip()
            if code:
                codes.append((short_system(cand.get("codeSystem")), code))
                display = display or cand.get("displayName") or ""
        display = (display or self.text_of(el.find(f"{_NS}originalText"))
                   or self.text_of(fallback_name) or (codes[0][1] if codes else ""))
        if not codes and not display:
            return None
        return CodedItem(category, tuple(codes), display, self.name)


def _templates(el: Any) -> set[str]:
    return {t.get("root") for t in el.findall(f"{_NS}templateId")}


def _section_category(section: Any) -> str | None:
    code = section.find(f"{_NS}code")
    if code is not None and code.get("code") in _SECTION_CODES:
        return _SECTION_CODES[code.get("code")]
    return next((_SECTION_TEMPLATES[t] for t in _templates(section) if t in _SECTION_TEMPLATES),
                None)


def _nested(el: Any) -> bool:
    parent = el.getparent()
    return parent is not None and parent.tag == f"{_NS}entryRelationship"


def _from_ccda(data: bytes, name: str) -> list[CodedItem]:
    from lxml import etree  # only sample files need it

    parser = etree.XMLParser(**_PARSER_OPTIONS)
    if b"xmlns" not in data[:4096]:
        # A section fragment cut out of a document lacks the namespace declarations.
        data = (b'<wrapper xmlns="urn:hl7-org:v3" '
                b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                + _strip_declaration(data) + b"</wrapper>")
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        return []
    doc = _Doc(root, name)
    out: list[CodedItem] = []
    for section in root.iter(f"{_NS}section"):
        category = _section_category(section)
        if category is not None:
            out.extend(_section_items(doc, section, category))
    return out


def _strip_declaration(data: bytes) -> bytes:
    stripped = data.lstrip()
    if stripped.startswith(b"<?xml"):
        end = stripped.find(b"?>")
        return stripped[end + 2:] if end >= 0 else stripped
    return stripped


def _section_items(doc: _Doc, section: Any, category: str) -> Iterator[CodedItem]:
    items: list[CodedItem | None] = []
    if category in {"lab", "vital"}:
        for obs in section.iter(f"{_NS}observation"):
            if not _nested(obs):
                items.append(doc.item(category, obs.find(f"{_NS}code")))
    elif category == "condition":
        for obs in section.iter(f"{_NS}observation"):
            if _templates(obs) & _PROBLEM_OBS:
                items.append(doc.item("condition", obs.find(f"{_NS}value")))
    elif category in {"medicine", "vaccine"}:
        for sub in section.iter(f"{_NS}substanceAdministration"):
            if _nested(sub):
                continue
            material = sub.find(f"{_NS}consumable/{_NS}manufacturedProduct/"
                                f"{_NS}manufacturedMaterial")
            if material is not None:
                items.append(doc.item(category, material.find(f"{_NS}code"),
                                      material.find(f"{_NS}name")))
    elif category == "allergy":
        for obs in section.iter(f"{_NS}observation"):
            if not _templates(obs) & _ALLERGY_OBS or obs.get("negationInd") == "true":
                continue
            entity = obs.find(f"{_NS}participant/{_NS}participantRole/{_NS}playingEntity")
            if entity is not None:
                items.append(doc.item("allergy", entity.find(f"{_NS}code"),
                                      entity.find(f"{_NS}name")))
    yield from (item for item in items if item is not None)


# ---- coverage against the library -----------------------------------------------------------

# Which categories' codes each system must cover, and the entry kinds that count as covering.
COVERED_SYSTEMS = {"loinc": ("lab", "vital", "observation"), "snomed": ("condition",),
                   "rxnorm": ("medicine", "allergy"), "cvx": ("vaccine",)}
COVERING_KINDS = {"loinc": ("lab", "metric"), "snomed": ("condition",), "rxnorm": ("medicine",),
                  "cvx": ("vaccine",)}
EXCEPTIONS_FILE = "COVERAGE_EXCEPTIONS.json"


def codes_in_use(items: Iterable[CodedItem]) -> dict[tuple[str, str], list[CodedItem]]:
    """(system, code) -> the items carrying it, for the systems the library must cover."""
    out: dict[tuple[str, str], list[CodedItem]] = {}
    for item in items:
        for system, code in item.codes:
            if item.category in COVERED_SYSTEMS.get(system, ()):
                out.setdefault((system, code), []).append(item)
    return out


def load_exceptions(path: Path | None = None) -> dict[str, dict[str, str]]:
    """{"system": {"code": "reason"}} from resources/knowledge/COVERAGE_EXCEPTIONS.json."""
    if path is None:
        from healthbook.knowledge.library import knowledge_dir

        path = knowledge_dir() / EXCEPTIONS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(system): {str(code): str(reason) for code, reason in codes.items()}
            for system, codes in data.items()
            if isinstance(codes, Mapping) and not str(system).startswith("_")}


def uncovered_codes(items: Iterable[CodedItem], lib: Any = None,
                    exceptions: Mapping[str, Mapping[str, str]] | None = None,
                    ) -> list[tuple[str, str, str, int]]:
    """(system, code, display, count) of every code in use that no entry of the right kind
    claims and no exception explains, most frequent first."""
    from healthbook.knowledge.library import library

    lib = lib or library()
    exceptions = load_exceptions() if exceptions is None else exceptions
    out = []
    for (system, code), found in codes_in_use(items).items():
        if code in exceptions.get(system, {}):
            continue
        if any(e.kind in COVERING_KINDS[system] for e in lib.coded(system, code)):
            continue
        out.append((system, code, found[0].display, len(found)))
    out.sort(key=lambda row: (-row[3], row[0], row[1]))
    return out
