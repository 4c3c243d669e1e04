"""The facts engine over a real vault with imported corpus data."""

from __future__ import annotations

import json
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from healthbook.clinical import compute_facts
from healthbook.clinical.ranges import Flag
from healthbook.clinical.timeline import timeline
from healthbook.ingest import import_file
from healthbook.vault import Person, Record, RecordKind, Vault
from tests.conftest import DATA, PASSPHRASE
from tests.helpers import add_source, run_cli

SYNTHEA = DATA / "synthea" / "Fletcher_Hyatt_fe0562b5-f517-4951-8366-32fdab088930.json"


@pytest.fixture
def person(vault: Vault) -> Person:
    return vault.people.add("Fact Person")


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> None:
    """Local days = UTC days, so daily totals can be checked by hand."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_glucose_fact_from_a_real_fhir_result(vault: Vault, person: Person) -> None:
    import_file(vault, person, DATA / "fhir-r4" / "observation-example-f001-glucose.json")
    facts = compute_facts(vault, person)
    [glucose] = [a for a in facts.analytes if a.key == "glucose"]
    # 6.3 mmol/L x 18.0156 = 113.498 mg/dL; the lab's range 3.1-6.2 mmol/L = 55.85-111.70 mg/dL
    assert glucose.unit == "mg/dL"
    assert glucose.latest.value == pytest.approx(113.498, abs=1e-3)
    assert glucose.range.low == pytest.approx(55.848, abs=1e-3)
    assert glucose.range.high == pytest.approx(111.697, abs=1e-3)
    assert glucose.range.source == "the laboratory's range on the result"
    assert glucose.flag is Flag.HIGH
    assert (glucose.alt_unit, glucose.alt_value) == ("mmol/L", pytest.approx(6.3))
    assert glucose.latest.original == "6.3 mmol/L"
    [stored] = vault.records.list(person.id, RecordKind.OBSERVATION)
    assert glucose.record_ids == [stored.id]


def test_values_in_units_that_cannot_be_converted_are_kept_apart(vault: Vault,
                                                                 person: Person) -> None:
    src = add_source(vault, person.id)
    records = [Record(RecordKind.OBSERVATION, "http://loinc.org", "2823-3", "Potassium",
                      value_num=v, unit=u, effective=d)
               for v, u, d in [(4.1, "mmol/L", "2024-01-01"), (4.4, "mmol/L", "2024-02-01"),
                               (16.0, "mg/dL", "2024-03-01")]]
    vault.records.insert(person.id, src, records)
    [potassium] = compute_facts(vault, person).analytes
    assert [p.value for p in potassium.points] == [4.1, 4.4]
    assert len(potassium.apart) == 1
    assert "cannot be converted" in potassium.apart[0][1]
    assert len(potassium.record_ids) == 3


def test_critical_latest_value_is_escalated(vault: Vault, person: Person) -> None:
    src = add_source(vault, person.id)
    vault.records.insert(person.id, src, [
        Record(RecordKind.OBSERVATION, "http://loinc.org", "2823-3", "Potassium", value_num=4.0,
               unit="mmol/L", effective="2024-01-01"),
        Record(RecordKind.OBSERVATION, "http://loinc.org", "2823-3", "Potassium", value_num=6.6,
               unit="mmol/L", effective="2024-02-01")])
    facts = compute_facts(vault, person)
    [critical] = facts.criticals
    assert critical.analyte == "potassium"
    assert facts.analytes[0].flag is Flag.CRITICAL
    assert facts.as_dict()["critical"][0]["message"] == critical.message


def test_medication_list_merges_brand_and_generic(vault: Vault, person: Person) -> None:
    src = add_source(vault, person.id)
    vault.records.insert(person.id, src, [
        Record(RecordKind.MEDICATION, display="Lasix 40 mg", status="active",
               effective="2024-01-05"),
        Record(RecordKind.MEDICATION, display="Furosemide 40 MG Oral Tablet", status="active",
               effective="2024-03-01"),
        Record(RecordKind.MEDICATION, display="Amoxicillin 500 MG Oral Capsule",
               status="completed", effective="2023-05-01"),
        Record(RecordKind.MEDICATION, display="Lisinopril 10 MG Oral Tablet",
               effective="2022-01-01", effective_end="2022-06-01"),
    ])
    meds = compute_facts(vault, person, today=date(2024, 6, 1)).medications
    assert [(m.ingredient, m.current) for m in meds] == [
        ("furosemide", True), ("amoxicillin", False), ("lisinopril", False)]
    assert meds[0].listed_twice
    assert meds[0].names == ["Lasix 40 mg", "Furosemide 40 MG Oral Tablet"]
    assert len(meds[0].record_ids) == 2


def test_daily_steps_and_resting_heart_rate(vault: Vault, person: Person, utc: None) -> None:
    src = add_source(vault, person.id)
    steps = vault.samples.metric("steps", "count").id
    rhr = vault.samples.metric("resting_heart_rate", "/min").id
    day0 = 1_704_067_200  # 2024-01-01 00:00 UTC
    rows = []
    for d in range(60):
        # 3 walks a day of (1000 + 10 d) steps: a daily total of 3000 + 30 d
        rows += [(steps, day0 + d * 86400 + h * 3600, 600, 1, 1000.0 + 10 * d)
                 for h in (8, 12, 18)]
        rows.append((rhr, day0 + d * 86400 + 6 * 3600, 0, 1, 60.0 - d / 10))
    vault.samples.insert(person.id, src, rows)
    metrics = {m.metric: m for m in compute_facts(vault, person).metrics}
    walk = metrics["steps"]
    assert walk.summed
    assert len(walk.days) == 60
    assert walk.days[0].value == 3000
    assert walk.latest.value == 3000 + 30 * 59
    # last 30 days are d = 30..59: mean of 3000 + 30 d = 3000 + 30 * 44.5 = 4335
    assert walk.last_30 == pytest.approx(4335)
    # the 30 before are d = 0..29: 3000 + 30 * 14.5 = 3435; change 900 / 3435 = 26.2%
    assert walk.previous_30 == pytest.approx(3435)
    assert walk.change_30 == pytest.approx(900 / 3435)
    assert walk.statement.startswith("Steps rose 26% (3,435 to 4,335 a day on average)")
    resting = metrics["resting_heart_rate"]
    assert not resting.summed
    # 0.1 /min less each day: a slope of -36.5 /min per year
    assert resting.trend.slope_per_year == pytest.approx(-36.525, rel=1e-6)
    assert resting.source_ids == [src]


def test_timeline_orders_filters_and_searches(vault: Vault, person: Person) -> None:
    import_file(vault, person, SYNTHEA)
    records = vault.records.list(person.id)
    entries = timeline(records)
    assert len(entries) == len(records)
    assert [e.when for e in entries] == sorted((e.when for e in entries), reverse=True)
    visits = timeline(records, kinds={RecordKind.ENCOUNTER})
    assert visits
    assert {e.kind for e in visits} == {RecordKind.ENCOUNTER}
    found = timeline(records, search="glucose")
    assert found
    assert all("glucose" in e.text.lower() for e in found)


def test_facts_cli_json_is_stable(vault_path: Path) -> None:
    env = {"HEALTHBOOK_PASSPHRASE": PASSPHRASE}
    assert run_cli("people", str(vault_path), "add", "Fletcher", env=env).returncode == 0
    assert run_cli("import", str(vault_path), "--person", "Fletcher", str(SYNTHEA),
                   env=env).returncode == 0
    done = run_cli("facts", str(vault_path), "--person", "Fletcher", "--json", env=env)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["version"] == 1
    assert set(data) == {"version", "person", "critical", "analytes", "metrics", "medications",
                         "allergies", "conditions"}
    by_key = {a["key"]: a for a in data["analytes"]}
    hdl = by_key["hdl"]
    assert set(hdl) >= {"name", "unit", "latest", "converted", "range", "flag", "trend",
                        "statement", "critical", "record_ids"}
    assert hdl["unit"] == "mg/dL"
    assert hdl["converted"]["unit"] == "mmol/L"
    # HDL mmol/L = mg/dL / 38.665 (386.65 g/mol)
    assert hdl["converted"]["value"] == pytest.approx(hdl["latest"]["value"] / 38.665, rel=1e-3)
    assert len(hdl["record_ids"]) == hdl["trend"]["n"]
    text = run_cli("facts", str(vault_path), "--person", "Fletcher", env=env)
    assert "HDL cholesterol" in text.stdout


def test_the_range_for_the_persons_age_and_sex_is_used(vault: Vault, tmp_path: Path) -> None:
    resource = json.loads((DATA / "fhir-r4" / "observation-example-f204-creatinine.json")
                          .read_text(encoding="utf-8"))
    resource["referenceRange"] = [
        {"low": {"value": 50, "unit": "umol/L"}, "high": {"value": 90, "unit": "umol/L"},
         "appliesTo": [{"text": "Female"}], "age": {"low": {"value": 18}, "high": {"value": 60}}},
        {"low": {"value": 60, "unit": "umol/L"}, "high": {"value": 110, "unit": "umol/L"},
         "appliesTo": [{"coding": [{"system": "http://snomed.info/sct", "code": "248153007",
                                    "display": "Male (finding)"}]}]},
        {"low": {"value": 40, "unit": "umol/L"}, "high": {"value": 80, "unit": "umol/L"},
         "age": {"high": {"value": 17}}},
    ]
    path = tmp_path / "creatinine.json"
    path.write_text(json.dumps(resource))
    when = resource["issued"][:10]  # this example has no effective[x]; issued is used
    year = int(when[:4])
    expected = {  # (birth year, sex) -> the range that applies on the result's date, umol/L
        (year - 30, "female"): (50, 90), (year - 30, "male"): (60, 110),
        (year - 10, "female"): (40, 80),
    }
    for (born, sex), (low, high) in expected.items():
        who = vault.people.add(f"{sex} born {born}")
        vault.db.execute("UPDATE person SET birth_date = ?, sex = ? WHERE id = ?",
                         (f"{born}-01-01", sex, who.id))
        import_file(vault, who, path)
        [creatinine] = compute_facts(vault, vault.people.get(who.id)).analytes
        # umol/L -> mg/dL: x 113.12 / 10,000
        assert creatinine.range.low == pytest.approx(low * 113.12 / 10_000)
        assert creatinine.range.high == pytest.approx(high * 113.12 / 10_000)


@pytest.mark.usefixtures("utc")
def test_a_night_is_one_day_and_overlapping_records_count_once(vault: Vault,
                                                               person: Person) -> None:
    """A watch and a sleep app record the same night, which crosses midnight: the night is
    one day (the morning it ends), and the hours are the union of both records."""
    sleep = vault.samples.metric("sleep", "1").id
    watch, app = vault.samples.device("Watch"), vault.samples.device("Sleep app")
    night = int(datetime(2024, 3, 1, 23, 0, tzinfo=UTC).timestamp())
    hour = 3600
    vault.samples.insert(person.id, add_source(vault, person.id), [
        (sleep, night, 4 * hour, watch, 3.0),              # 23:00-03:00 core
        (sleep, night + 4 * hour, 3 * hour, watch, 5.0),   # 03:00-06:00 REM
        (sleep, night + hour, 6 * hour, app, 1.0),         # 00:00-06:00 the app's view
        (sleep, night + 24 * hour, 7 * hour, watch, 1.0),  # the next night, 7 h
    ])
    fact = next(m for m in compute_facts(vault, person).metrics if m.metric == "sleep")
    assert [(d.day, d.value) for d in fact.days] == [(date(2024, 3, 2), 7.0),
                                                     (date(2024, 3, 3), 7.0)]
    assert fact.unit == "h"
