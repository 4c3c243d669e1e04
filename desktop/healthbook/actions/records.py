"""Add, correct, hide and undo records: what people enter by hand and what they fix.

Every change keeps what it replaced (the record's history), writes one audit entry, and
survives re-importing the file the record came from: a record keeps the dedupe key it was
imported with, so the same file neither duplicates nor overwrites the correction.
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from healthbook.actions.changes import Changes, Result
from healthbook.errors import InvalidInput
from healthbook.i18n import _
from healthbook.vault import Edit, Person, Record, RecordKind, StoredRecord, Vault

MANUAL_FORMAT = "manual"
KINDS = ("result", "medication", "allergy", "condition", "vaccination", "note")
SYSTEM_URIS = {"loinc": "http://loinc.org", "rxnorm": "http://www.nlm.nih.gov/research/umls/rxnorm",
               "snomed": "http://snomed.info/sct", "cvx": "http://hl7.org/fhir/sid/cvx"}
_RECORD_KIND = {"result": RecordKind.OBSERVATION, "medication": RecordKind.MEDICATION,
                "allergy": RecordKind.ALLERGY, "condition": RecordKind.CONDITION,
                "vaccination": RecordKind.IMMUNIZATION, "note": RecordKind.DOCUMENT}
_LIBRARY_KIND = {"result": ("lab", "loinc"), "medication": ("medicine", "rxnorm"),
                 "condition": ("condition", "snomed"), "vaccination": ("vaccine", "cvx"),
                 "allergy": ("medicine", "rxnorm")}


@dataclass(frozen=True)
class Entry:
    """What a person typed into a form or on the command line."""

    kind: str  # one of KINDS
    name: str
    date: str | None = None  # ISO date; today when empty
    value: str | None = None  # a result's value: a number ("4,2" too) or words ("negative")
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    end: str | None = None  # a medicine's stop date, a condition's end
    status: str | None = None  # medication: active / stopped; condition: active / resolved
    note: str | None = None  # dose, reaction, or the text of a note


def default_author() -> str:
    """Who is at the keyboard, as the computer knows them."""
    try:
        return getpass.getuser() or _("you")
    except (OSError, KeyError):
        return _("you")


def build_record(entry: Entry, *, today: dt.date | None = None, by: str = "") -> Record:
    """The record an entry becomes; one sentence (InvalidInput) when it cannot be right."""
    today = today or dt.date.today()
    if entry.kind not in KINDS:
        raise InvalidInput(_("Choose what to add: a result, medication, allergy, condition, "
                             "vaccination or note."))
    name = " ".join((entry.name or "").split())
    if not name:
        raise InvalidInput(_("Give a name (the test, medicine, allergy, condition, vaccine "
                             "or note title)."))
    when = parse_date(entry.date, today) if entry.date else today.isoformat()
    end = parse_date(entry.end, today) if entry.end else None
    if end is not None and end < when:
        raise InvalidInput(_("The end date is before the start date."))
    system, code, display = _coded(entry.kind, name)
    details: dict[str, Any] = {"entered_by": by or default_author(),
                               "entered_on": today.isoformat()}
    fields: dict[str, Any] = {}
    if entry.kind == "result":
        fields = _result_fields(entry, code, display)
    elif entry.kind == "medication":
        fields = {"status": entry.status or ("stopped" if end else "active"),
                  "category": "MedicationStatement"}
        if entry.note:
            details["dosage"] = entry.note
    elif entry.kind == "allergy":
        fields = {"status": "active"}
        if entry.note:
            details["reactions"] = [entry.note]
    elif entry.kind == "condition":
        fields = {"status": entry.status or ("resolved" if end else "active")}
    elif entry.kind == "vaccination":
        fields = {"status": "completed"}
    else:
        fields = {"value_text": entry.note or "", "category": "note"}
    return Record(_RECORD_KIND[entry.kind], system, code, display, effective=when,
                  effective_end=end, details=details, **fields)


def parse_date(text: str, today: dt.date) -> str:
    """An ISO date from '2026-03-01' or '01/03/2026' (day first); never in the future."""
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m", "%Y"):
        try:
            day = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if day > today:
            raise InvalidInput(_("The date {date} is in the future.").format(date=text))
        return day.isoformat() if fmt not in ("%Y-%m", "%Y") else text
    raise InvalidInput(_("{date} is not a date; write it as 2026-03-01.").format(date=text))


def _coded(kind: str, name: str) -> tuple[str | None, str | None, str]:
    """The library's code for a name, when it knows the name; the name as typed."""
    if kind not in _LIBRARY_KIND:
        return None, None, name
    from healthbook.knowledge import best_match

    library_kind, system = _LIBRARY_KIND[kind]
    found = best_match(name, kinds=[library_kind])
    codes = found[0].codes.get(system) if len(found) == 1 else None
    if not codes:
        return None, None, name
    return SYSTEM_URIS[system], codes[0], name


def _result_fields(entry: Entry, code: str | None, display: str) -> dict[str, Any]:
    from healthbook.clinical.reference import analyte_for
    from healthbook.clinical.units import UnitMismatch, convert

    raw = (entry.value or "").strip()
    if not raw:
        raise InvalidInput(_("Give the result's value."))
    number = parse_number(raw)
    unit = (entry.unit or "").strip() or None
    fields: dict[str, Any] = {"category": "laboratory", "ref_low": entry.low,
                              "ref_high": entry.high}
    if number is None:
        return {**fields, "value_text": raw}
    analyte = analyte_for(code, display)
    if analyte is not None and analyte.possible is not None:
        if unit is None and analyte.unit not in ("{INR}",):
            raise InvalidInput(_("Give the unit of {test} (for example {unit}).").format(
                test=display, unit=analyte.unit))
        try:
            canonical = convert(number, unit or analyte.unit, analyte.unit, analyte)
        except UnitMismatch as exc:
            raise InvalidInput(_("{unit} is not a unit {test} can be measured in.").format(
                unit=unit, test=display)) from exc
        low, high = analyte.possible
        if not low <= canonical <= high:
            raise InvalidInput(_("{value} {unit} is not a possible {test} result; check the "
                                 "number and the unit.").format(value=raw, unit=unit or "",
                                                                 test=display))
    return {**fields, "value_num": number, "unit": unit}


def parse_number(text: str) -> float | None:
    """A number as people type or a lab prints it ('4,2', '1 250'); None for words or NaN."""
    cleaned = text.replace(" ", "").replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    if value != value or abs(value) == float("inf"):
        return None
    return value


def add_record(vault: Vault, person: Person, entry: Entry, *, by: str = "",
               today: dt.date | None = None) -> Result[StoredRecord]:
    """Store a record entered by hand, as its own small import ('entered by NAME')."""
    by = by or default_author()
    record = build_record(entry, today=today, by=by)
    with vault.transaction():
        source = vault.sources.add(person.id, _("entered by {name}").format(name=by),
                                   "", MANUAL_FORMAT)
        vault.records.insert(person.id, source, [record])
        stored = vault.records.held_by(source)[0]
        vault.sources.set_report(source, {"added": {record.kind.value: 1}})
        vault.audit.append("record-add", {"person": person.id, "record": stored.id,
                                          "kind": record.kind.value, "by": by})
    return Result(stored, _changed(person.id))


def edit_record(vault: Vault, record_id: int, changes: Mapping[str, Any], *, by: str = "",
                everywhere: bool = False) -> Result[list[Edit]]:
    """Correct a record (name, value, unit, date, status, end...). With `everywhere`, a new
    test name applies to every result of the person spelled the same way, and to later
    imports."""
    by = by or default_author()
    stored = vault.records.get(record_id)
    changes = {k: v for k, v in changes.items()
               if _current(stored, k) != v}
    if not changes:
        raise InvalidInput(_("Nothing to change: the record already says that."))
    _check_edit(stored, changes)
    edits: list[Edit] = []
    with vault.transaction():
        rule_id = None
        targets = [stored]
        if everywhere and {"display", "code"} & set(changes) and \
                stored.record.kind is RecordKind.OBSERVATION:
            rule = vault.records.add_rule(
                stored.person_id, stored.record, changes.get("code_system",
                                                             stored.record.code_system),
                changes.get("code", stored.record.code),
                changes.get("display", stored.record.display) or "")
            rule_id = rule.id
            targets = vault.records.matching(stored.person_id, stored.record)
        for target in targets:
            edits.append(vault.records.update(target.id, changes, by, rule_id))
        vault.audit.append("record-edit", {"person": stored.person_id, "record": record_id,
                                           "fields": sorted(changes), "records": len(edits),
                                           "everywhere": bool(rule_id), "by": by})
    return Result(edits, _changed(stored.person_id))


def _check_edit(stored: StoredRecord, changes: Mapping[str, Any]) -> None:
    """An edit that would make a result impossible is refused like an entry."""
    today = dt.date.today()
    for name in ("effective", "effective_end"):
        value = changes.get(name)
        if value:
            changes_date = parse_date(str(value)[:10], today)
            if name == "effective_end" and stored.record.effective and \
                    changes_date < stored.record.effective[:10]:
                raise InvalidInput(_("The end date is before the start date."))
    if stored.record.kind is RecordKind.OBSERVATION and {"value_num", "unit"} & set(changes):
        record = stored.record
        value = changes.get("value_num", record.value_num)
        if value is not None:
            _result_fields(Entry("result", changes.get("display", record.display) or "",
                                 value=str(value), unit=changes.get("unit", record.unit)),
                           changes.get("code", record.code),
                           changes.get("display", record.display) or "")


def _current(stored: StoredRecord, name: str) -> Any:
    return stored.hidden if name == "hidden" else getattr(stored.record, name, None)


def hide_record(vault: Vault, record_id: int, *, by: str = "") -> Result[list[Edit]]:
    """Hide a record everywhere (kept, with its history; undo brings it back)."""
    return edit_record(vault, record_id, {"hidden": True}, by=by)


def undo_last(vault: Vault, record_id: int, *, by: str = "") -> Result[str]:
    """Undo the record's last change; a record entered by hand with no change left is
    removed. Returns one sentence saying what happened."""
    by = by or default_author()
    stored = vault.records.get(record_id)
    pending = [e for e in vault.records.history(record_id) if e.undone_at is None]
    with vault.transaction():
        if pending:
            last = pending[-1]
            group = vault.records.edits_of_rule(last.rule_id) if last.rule_id else [last]
            for edit in reversed(group):
                vault.records.undo(edit)
            if last.rule_id:
                vault.records.remove_rule(last.rule_id)
            message = _("Undid the last change ({fields}).").format(
                fields=", ".join(sorted(last.after)))
        elif vault.sources.get(stored.source_id).format == MANUAL_FORMAT:
            vault.sources.delete(stored.source_id)
            message = _("Removed the record entered by hand.")
        else:
            raise InvalidInput(_("This record has no change to undo."))
        vault.audit.append("record-undo", {"person": stored.person_id, "record": record_id,
                                           "by": by})
    return Result(message, _changed(stored.person_id))


def provenance(vault: Vault, stored: StoredRecord) -> str:
    """Where a record comes from, in words: the file, or who entered it and when; and who
    corrected it."""
    details = stored.record.details or {}
    if details.get("entered_by"):
        text = _("entered by {name} on {date}").format(name=details["entered_by"],
                                                       date=details.get("entered_on", ""))
    elif details.get("confirmed_by"):
        text = _("read from {file}, confirmed by {name} on {date}").format(
            file=details.get("read_from", ""), name=details["confirmed_by"],
            date=details.get("confirmed_on", ""))
    else:
        source = vault.sources.get(stored.source_id)
        text = source.file_name
    edits = [e for e in vault.records.history(stored.id) if e.undone_at is None]
    if edits:
        text += "; " + _("corrected by {name} on {date}").format(name=edits[-1].by,
                                                                 date=edits[-1].at[:10])
    return text


def _changed(person_id: int) -> Changes:
    return Changes(records=True, sources=True, person_ids=frozenset({person_id}))
