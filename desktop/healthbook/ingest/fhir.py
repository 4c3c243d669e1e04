"""FHIR JSON (R4, STU3) and NDJSON bulk exports: validate with fhir.resources, then map.

R4 resources validate against `fhir.resources.R4B` (R4 and R4B share these resources; the
package's default models are R5), STU3 against `fhir.resources.STU3`. DSTU2 and other versions
are refused with a message naming the version, except Apple Health's clinical records, which
are mapped leniently without validation.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from healthbook.i18n import _
from healthbook.ingest import json_text
from healthbook.ingest.context import ParseContext
from healthbook.ingest.errors import ImportFailed, UnsupportedFormat
from healthbook.ingest.fhir_map import coding, map_resource, skipped
from healthbook.ingest.items import Ignored, Item
from healthbook.timeparse import normalize_when
from healthbook.vault import Record

MAPPED = {"Observation", "Patient", "Condition", "MedicationRequest", "MedicationStatement",
          "AllergyIntolerance", "Immunization", "Procedure", "Encounter", "DiagnosticReport",
          "DocumentReference"}
DSTU2_ONLY = {"MedicationOrder", "DiagnosticOrder", "DeviceUseRequest", "Order",
              "OrderResponse", "Conformance"}
MAX_JSON_BYTES = 512 << 20


@cache
def _model_lookup(version: str) -> Any:
    if version == "STU3":
        from fhir.resources.STU3 import get_fhir_model_class
    else:
        from fhir.resources.R4B import get_fhir_model_class
    return get_fhir_model_class


def _empty_path(value: Any, path: str) -> str | None:
    """The path of the first empty array, object or string (FHIR forbids them)."""
    if isinstance(value, Mapping):
        if not value:
            return path or "resource"
        for key, item in value.items():
            found = _empty_path(item, f"{path}.{key}" if path else str(key))
            if found:
                return found
    elif isinstance(value, list):
        if not value:
            return path
        for i, item in enumerate(value):
            found = _empty_path(item, f"{path}[{i}]")
            if found:
                return found
    elif isinstance(value, str) and not value.strip():
        return path
    return None


def validation_error(res: Mapping[str, Any], version: str) -> str | None:
    """None if the resource is valid FHIR `version`, else the first reason."""
    empty = _empty_path(res, "")
    if empty:
        return f"invalid {empty}: FHIR does not allow empty values"
    try:
        model = _model_lookup(version)(str(res.get("resourceType")))
    except (KeyError, ValueError, AttributeError):
        return f"not a FHIR {version} resource type"
    try:
        model.model_validate(dict(res))
    except Exception as exc:  # pydantic.ValidationError and fhir.resources' own errors
        errors = getattr(exc, "errors", None)
        if callable(errors):
            first = errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ()))
            return f"invalid {where}: {first.get('msg')}".replace("invalid : ", "invalid: ")
        return f"invalid: {str(exc).splitlines()[0]}"
    return None


def walk(resource: Mapping[str, Any]) -> Iterator[tuple[Mapping[str, Any], str | None]]:
    """Every resource in a (possibly nested) Bundle, with its fullUrl."""
    if resource.get("resourceType") != "Bundle":
        yield resource, None
        return
    for entry in resource.get("entry") or []:
        if not isinstance(entry, Mapping):
            continue
        inner = entry.get("resource")
        if isinstance(inner, Mapping):
            if inner.get("resourceType") == "Bundle":
                yield from walk(inner)
            else:
                yield inner, entry.get("fullUrl")


def detect_version(resources: list[Mapping[str, Any]]) -> str:
    """'R4', 'STU3' or 'DSTU2' from resource types and field shapes."""
    votes = {"STU3": 0, "DSTU2": 0}
    for res in resources:
        rtype = res.get("resourceType")
        if rtype in DSTU2_ONLY:
            votes["DSTU2"] += 5
        if rtype in {"Condition", "Encounter"} and "patient" in res:
            votes["DSTU2"] += 1
        if rtype == "Immunization" and "wasNotGiven" in res:
            votes["DSTU2"] += 1
        if rtype in {"Condition", "AllergyIntolerance"} and isinstance(
                res.get("clinicalStatus"), str):
            votes["STU3"] += 1
        if rtype == "Immunization" and "notGiven" in res:
            votes["STU3"] += 1
        if rtype == "Observation" and "context" in res:
            votes["STU3"] += 1
        if rtype == "MedicationStatement" and "taken" in res:
            votes["STU3"] += 1
    if votes["DSTU2"] and votes["DSTU2"] >= votes["STU3"]:
        return "DSTU2"
    return "STU3" if votes["STU3"] else "R4"


def _resolver(resources: list[tuple[Mapping[str, Any], str | None]]) -> Any:
    index: dict[str, Mapping[str, Any]] = {}
    for res, full_url in resources:
        if full_url:
            index[full_url] = res
        if res.get("id"):
            index[f"{res.get('resourceType')}/{res['id']}"] = res
    return index


def items_from_resource_tree(root: Any, name: str, *, lenient: bool = False,
                             version: str | None = None) -> Iterator[Item]:
    """Items from one parsed FHIR JSON document (a resource or a Bundle)."""
    if not isinstance(root, Mapping):
        raise ImportFailed(_("{name} is JSON but not a FHIR resource (it is a {kind}).").format(
                               name=name, kind=type(root).__name__))
    if "resourceType" not in root:
        if not lenient:
            raise ImportFailed(_("{name} is JSON but not a FHIR resource (no "
                                 "resourceType).").format(name=name))
        root = {**root, "resourceType": _guess_type(root, name)}
    pairs = list(walk(root))
    version = version or detect_version([r for r, _ in pairs])
    if version == "DSTU2" and not lenient:
        raise UnsupportedFormat(
            _("{name} is FHIR DSTU2 (1.0.2); Healthbook imports FHIR R4 and STU3. Ask the sender "
              "for an R4 export.").format(name=name)
        )
    index = _resolver(pairs)
    fmt = f"fhir-{version.lower()}"
    nodes = _nodes(pairs)
    parents = _parents(nodes)
    for node in nodes:
        res = node.resource
        rtype = str(res.get("resourceType"))
        contained = {f"#{c.get('id')}": c for c in res.get("contained") or []
                     if isinstance(c, Mapping)}
        if node.container is not None:
            contained = {f"#{c.get('id')}": c
                         for c in node.container.get("contained") or [] if isinstance(c, Mapping)}

        def resolve(ref: str, contained: dict = contained) -> Mapping[str, Any] | None:
            return contained.get(ref) or index.get(ref)

        if rtype not in MAPPED and not (lenient and rtype == "MedicationOrder"):
            yield Ignored(rtype)
            continue
        if not lenient and node.container is None:
            problem = validation_error(res, version)
            if problem:
                yield skipped(res, problem)
                continue
        context = _context(node, parents) if rtype == "Observation" else None
        try:
            for item in map_resource(res, resolve, fmt):
                yield _placed(item, node.key, context)
        except ValueError as exc:
            yield skipped(res, str(exc))


@dataclass(frozen=True)
class _Node:
    """A resource of the file, with the key references use to name it."""

    resource: Mapping[str, Any]
    key: str | None
    container: Mapping[str, Any] | None = None  # the report a contained resource sits in


def _nodes(pairs: list[tuple[Mapping[str, Any], str | None]]) -> list[_Node]:
    """Every resource, with a DiagnosticReport's contained Observations as their own."""
    nodes = []
    for res, full_url in pairs:
        key = full_url or (f"{res.get('resourceType')}/{res['id']}" if res.get("id") else None)
        nodes.append(_Node(res, key))
        if res.get("resourceType") == "DiagnosticReport":
            for inner in res.get("contained") or []:
                if isinstance(inner, Mapping) and inner.get("resourceType") == "Observation":
                    nodes.append(_Node(inner, f"{key}#{inner.get('id')}", res))
    return nodes


def _refs(res: Mapping[str, Any], *fields: str) -> list[str]:
    return [str(r["reference"]) for name in fields for r in res.get(name) or []
            if isinstance(r, Mapping) and isinstance(r.get("reference"), str)]


def _parents(nodes: list[_Node]) -> dict[str, _Node]:
    """Member key -> the panel, organism or report that lists it (hasMember, result)."""
    parents: dict[str, _Node] = {}
    for node in nodes:
        for ref in _refs(node.resource, "hasMember", "result"):
            if ref.startswith("#"):
                base = node.key if node.container is None else (node.key or "").split("#")[0]
                parents.setdefault(f"{base}{ref}", node)
            else:
                parents.setdefault(ref, node)
    return parents


def _context(node: _Node, parents: dict[str, _Node]) -> dict[str, Any]:
    """What tells this result apart from a look-alike: the groups it sits in (organism,
    panel), its specimen, device and performer, and the report's date when it has none."""
    groups: list[str] = []
    context: dict[str, Any] = {}
    key, seen = _known_key(node, parents), set()
    while key and key in parents and key not in seen and len(groups) < 6:
        seen.add(key)
        parent = parents[key].resource
        if parent.get("resourceType") == "DiagnosticReport":
            context.setdefault("report_date", parent.get("effectiveDateTime")
                               or parent.get("issued"))
            context.setdefault("specimen", _displays(parent.get("specimen")))
            break
        groups.insert(0, coding(parent.get("code"))[2] or "")
        key = _known_key(parents[key], parents)
    res = node.resource
    context["group"] = [g for g in groups if g]
    specimen = _displays([res["specimen"]] if isinstance(res.get("specimen"), Mapping) else [])
    if specimen:
        context["specimen"] = specimen
    for name in ("device", "bodySite", "method"):
        value = res.get(name)
        label = coding(value)[2] if name != "device" else _displays([value])
        if label:
            context[name] = label
    return {k: v for k, v in context.items() if v}


def _known_key(node: _Node, parents: dict[str, _Node]) -> str | None:
    """The key its parent's reference uses for a node: its fullUrl, or Type/id (a relative
    reference inside a Bundle whose fullUrls are absolute)."""
    res = node.resource
    if node.key in parents or node.container is not None or not res.get("id"):
        return node.key
    relative = f"{res.get('resourceType')}/{res['id']}"
    return relative if relative in parents else node.key


def _grouping(item: Record) -> bool:
    """True for a panel or organism that lists its members (hasMember)."""
    return '"hasMember"' in (item.original or "")


def _displays(refs: Any) -> str:
    if not isinstance(refs, list):
        return ""
    return ", ".join(str(r.get("display") or r.get("reference") or "") for r in refs
                     if isinstance(r, Mapping))


def _placed(item: Item, key: str | None, context: dict[str, Any] | None) -> Item:
    """A record with its identity in the file and, for results, its context."""
    if not isinstance(item, Record):
        return item
    # Only the resource's own record is the resource; records derived from it (a blood
    # pressure's systolic and diastolic components) are not distinct resources of the file.
    changes: dict[str, Any] = {"identity": key if item.original is not None else None}
    if item.original is not None and key and (context or _grouping(item)):
        # where a grouped result (or its group) sat in its file: an export keeps the links
        changes["details"] = {**(item.details or {}), "ref": key}
        item = replace(item, details=changes["details"])
    if context:
        context = dict(context)
        report_date = context.pop("report_date", None)
        details = {**(item.details or {})}
        if item.effective is None and report_date:
            changes["effective"] = normalize_when(str(report_date))
            details["dated_by"] = "report"
        if context:
            details["context"] = context
        if details:
            changes["details"] = details
    return replace(item, **changes)


def _guess_type(res: Mapping[str, Any], name: str) -> str:
    stem = name.rsplit("/", 1)[-1].split("-", 1)[0].split(".", 1)[0]
    if stem in MAPPED:
        return stem
    if any(k.startswith("value") for k in res) or "referenceRange" in res:
        return "Observation"
    return "Unknown"


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed(_("{name} is not UTF-8 text, which FHIR JSON requires.").format(
                               name=name)) from exc


def _parse(text: str, name: str) -> Any:
    try:
        return json_text.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailed(_("{name} is not valid JSON (line {line}, column {column}: "
                             "{error}).").format(
                               name=name, line=exc.lineno, column=exc.colno,
                               error=exc.msg)) from exc
    except RecursionError as exc:
        raise ImportFailed(_("{name} is nested too deeply to be a FHIR file.").format(
                               name=name)) from exc
    except ValueError as exc:
        raise ImportFailed(_("{name} is not valid JSON ({error}).").format(
                               name=name, error=exc)) from exc


def items_from_json_bytes(data: bytes, name: str, *, lenient: bool = False) -> Iterator[Item]:
    """Items from the bytes of one FHIR JSON file."""
    yield from items_from_resource_tree(_parse(_decode(data, name), name), name,
                                        lenient=lenient)


def parse_fhir_json(ctx: ParseContext) -> Iterator[Item]:
    """Parser for a FHIR JSON file (a resource or a Bundle of any type)."""
    if ctx.total_bytes > MAX_JSON_BYTES:
        raise ImportFailed(_("{name} is too large for one JSON document; use an NDJSON bulk "
                             "export.").format(name=ctx.path.name))
    data = ctx.path.read_bytes()
    ctx.done_bytes = len(data)
    yield from items_from_json_bytes(data, ctx.path.name)


def parse_fhir_ndjson(ctx: ParseContext) -> Iterator[Item]:
    """Parser for an NDJSON bulk-export file: one resource per line, streamed."""
    version: str | None = None
    with ctx.path.open("rb") as fh:
        for number, raw in enumerate(fh, 1):
            ctx.done_bytes += len(raw)
            if not raw.strip():
                continue
            name = f"{ctx.path.name} line {number}"
            tree = _parse(_decode(raw, name), name)
            if version is None and isinstance(tree, Mapping):
                version = detect_version([tree])
            yield from items_from_resource_tree(tree, name, version=version)
