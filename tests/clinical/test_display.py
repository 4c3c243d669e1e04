"""Values are shown as people read them: blood pressure as 132/85, no false precision, names
without terminology tags, and old values marked with their age."""

from __future__ import annotations

from datetime import date

from healthbook.clinical.display import (
    age,
    components_text,
    is_stale,
    number,
    plain_name,
    quantity,
)
from healthbook.clinical.timeline import describe
from healthbook.vault import PersonId, Record, RecordKind, SourceId, StoredRecord


def stored(record: Record) -> StoredRecord:
    return StoredRecord(1, PersonId(1), SourceId(1), record)


def test_blood_pressure_reads_systolic_over_diastolic_whatever_the_order() -> None:
    # Synthea lists the diastolic component first.
    components = [{"code": "8462-4", "value": 84.7711, "unit": "mm[Hg]"},
                  {"code": "8480-6", "value": 131.9, "unit": "mm[Hg]"}]
    assert components_text(components) == "132/85 mmHg"
    panel = Record(RecordKind.OBSERVATION, "http://loinc.org", "85354-9", "Blood Pressure",
                   value_text="84.77 / 131.9", unit="mm[Hg]",
                   details={"components": components})
    assert describe(stored(panel)) == "Blood Pressure: 132/85 mmHg"


def test_values_are_rounded_by_analyte_not_shown_with_false_precision() -> None:
    assert quantity(84.7711, "mm[Hg]", "diastolic") == "85 mmHg"
    assert quantity(6.166, "%", "hba1c") == "6.2%"
    assert quantity(37.03, "Cel", "body_temperature") == "37.0 °C" or \
        quantity(37.03, "Cel", "body_temperature").startswith("37.0")
    assert number(0.91234, "mg/dL", "creatinine") == "0.91"
    assert number(5.4321, "mmol/L", "glucose") == "5.4"
    hba1c = Record(RecordKind.OBSERVATION, "http://loinc.org", "4548-4",
                   "Hemoglobin A1c/Hemoglobin.total in Blood", value_num=6.166, unit="%")
    assert describe(stored(hba1c)).endswith("6.2%")


def test_coded_names_are_shown_as_people_read_them() -> None:
    assert plain_name("NDA020800 0.3 ML Epinephrine 1 MG/ML Auto-Injector") == \
        "0.3 ML Epinephrine 1 MG/ML Auto-Injector"
    assert plain_name("Encounter for check up (procedure)") == "Encounter for check up"
    assert plain_name("Body mass index 30+ - obesity (finding)") == \
        "Body mass index 30+ - obesity"
    condition = Record(RecordKind.CONDITION, display="Acute bronchitis (disorder)",
                       status="resolved")
    assert describe(stored(condition)) == "Acute bronchitis (resolved)"


def test_old_values_say_how_old_they_are() -> None:
    today = date(2026, 11, 29)
    assert age("2020-03-01", today) == "6 years ago"
    assert age("2026-11-15", today) == "2 weeks ago"
    assert age("2026-11-28", today) == "yesterday"
    assert is_stale("2020-03-01", today)
    assert not is_stale("2026-10-01", today)
