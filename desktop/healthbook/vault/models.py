"""Plain data types stored in the vault (no SQL, no Qt)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NewType

PersonId = NewType("PersonId", int)
SourceId = NewType("SourceId", int)
RecordId = NewType("RecordId", int)


class RecordKind(StrEnum):
    """The kinds of clinical record the vault normalises every format into."""

    OBSERVATION = "observation"
    CONDITION = "condition"
    MEDICATION = "medication"
    ALLERGY = "allergy"
    IMMUNIZATION = "immunization"
    PROCEDURE = "procedure"
    ENCOUNTER = "encounter"
    REPORT = "report"
    DOCUMENT = "document"
    WORKOUT = "workout"


@dataclass(frozen=True, slots=True)
class Person:
    """Someone whose records the vault holds (the user, a parent, a child...)."""

    id: PersonId
    name: str
    birth_date: str | None = None
    sex: str | None = None


@dataclass(frozen=True, slots=True)
class Attachment:
    """A document's content (PDF, note text...), stored encrypted in the vault."""

    content_type: str
    data: bytes
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Record:
    """One normalised clinical record, as an importer produces it.

    `effective` is an ISO 8601 date or UTC date-time. `original` keeps the source resource
    (for FHIR, its JSON text) losslessly; `details` holds format-specific extras as JSON data.
    """

    kind: RecordKind
    code_system: str | None = None
    code: str | None = None
    display: str | None = None
    value_num: float | None = None
    value_text: str | None = None
    unit: str | None = None
    ref_low: float | None = None
    ref_high: float | None = None
    ref_text: str | None = None
    interpretation: str | None = None
    status: str | None = None
    category: str | None = None
    effective: str | None = None
    effective_end: str | None = None
    details: Mapping[str, Any] | None = None
    original: str | None = None
    original_format: str | None = None
    attachment: Attachment | None = field(default=None, compare=False)
    # What the importer knows this record by inside its file (a FHIR fullUrl or id): two
    # distinct resources of one file with the same content stay two records. Not stored.
    identity: str | None = field(default=None, compare=False)

    def dedupe_key(self, occurrence: int = 1) -> bytes:
        """A deterministic key: the same clinical fact imported twice gets the same key.

        It rests on what the record says (kind, code, value, unit, time, the display text
        when there is no code, and its context: specimen, organism, panel, device), not on
        file-specific ids, so overlapping exports from one provider collapse while distinct
        facts stay distinct. A date the record only has from its report ("dated_by") is left
        out: the key is what the file says of the record itself. `occurrence` > 1 marks the
        second, third... distinct resource of one file that says exactly the same thing (two
        identical readings of two specimens).
        """
        value = None if self.value_num is None else format(self.value_num, ".10g")
        parts: list[Any] = [
            self.kind.value,
            self.code_system or "",
            self.code or "",
            "" if self.code else (self.display or "").strip().lower(),
            value,
            self.value_text,
            self.unit,
            None if self.details and self.details.get("dated_by") else self.effective,
            self.effective_end,
        ]
        if self.details and "components" in self.details:
            parts.append(self.details["components"])
        if self.details and self.details.get("context"):
            parts.append(self.details["context"])
        if occurrence > 1:
            parts.append(f"occurrence {occurrence}")
        if self.attachment is not None:
            parts.append(hashlib.sha256(self.attachment.data).hexdigest())
        blob = json.dumps(parts, ensure_ascii=False, separators=(",", ":"), default=str)
        return hashlib.sha256(blob.encode("utf-8")).digest()[:16]


@dataclass(frozen=True, slots=True)
class StoredRecord:
    """A record as read back from the vault, with its ids."""

    id: RecordId
    person_id: PersonId
    source_id: SourceId
    record: Record
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class Source:
    """One import: which file, when, in what format, and what it added."""

    id: SourceId
    person_id: PersonId
    file_name: str
    sha256: str
    format: str
    imported_at: str
    records: int = 0
    samples: int = 0
    report: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Removal:
    """What deleting one import removed, and what it kept because another import holds it."""

    source: Source
    records_removed: int
    records_kept: int
    samples_removed: int
    samples_kept: int


@dataclass(frozen=True, slots=True)
class Edit:
    """One change the user made to a record, with the values it replaced."""

    id: int
    record_id: RecordId
    at: str
    by: str
    before: Mapping[str, Any]
    after: Mapping[str, Any]
    rule_id: int | None = None
    undone_at: str | None = None


@dataclass(frozen=True, slots=True)
class NameRule:
    """A test name the user mapped to an analyte, for one person's records."""

    id: int
    person_id: PersonId
    match_system: str
    match_code: str
    match_display: str
    code_system: str | None
    code: str | None
    display: str


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One entry in the hash-chained audit log."""

    seq: int
    at: str
    action: str
    detail: Mapping[str, Any]
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class AuditCheck:
    """The result of verifying the audit chain."""

    ok: bool
    entries: int
    problem: str | None = None
