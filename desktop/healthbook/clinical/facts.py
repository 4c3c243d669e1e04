"""All facts about one person, computed from the vault: what the charts, the timeline, the
CLI (`healthbook facts`) and the assistant read. Every fact carries the ids it rests on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from healthbook.clinical.critical import Critical
from healthbook.clinical.labs import AnalyteFact, analyte_facts
from healthbook.clinical.medications import Medication, medication_list
from healthbook.clinical.wearables import SLEEP, MetricFact, metric_fact, sleep_days
from healthbook.vault import Person, RecordKind, StoredRecord, Vault

JSON_VERSION = 1
RESOLVED = {"resolved", "inactive", "remission", "refuted", "entered-in-error"}


@dataclass
class PersonFacts:
    """Everything the facts engine says about one person."""

    person: Person
    analytes: list[AnalyteFact]
    metrics: list[MetricFact]
    medications: list[Medication]
    allergies: list[StoredRecord]
    conditions: list[StoredRecord]

    @property
    def criticals(self) -> list[Critical]:
        """Every analyte whose latest value crossed a critical threshold."""
        return [a.critical for a in self.analytes if a.critical is not None]

    @property
    def active_conditions(self) -> list[StoredRecord]:
        """Conditions not marked resolved or inactive."""
        return [c for c in self.conditions if (c.record.status or "").lower() not in RESOLVED]

    def as_dict(self) -> dict[str, Any]:
        """The stable JSON of `healthbook facts --json` (scripts read it; add, don't rename)."""
        return {
            "version": JSON_VERSION,
            "person": {"id": self.person.id, "name": self.person.name,
                       "birth_date": self.person.birth_date, "sex": self.person.sex},
            "critical": [_critical(c) for c in self.criticals],
            "analytes": [_analyte(a) for a in self.analytes],
            "metrics": [_metric(m) for m in self.metrics],
            "medications": [_medication(m) for m in self.medications],
            "allergies": [_record(a) for a in self.allergies],
            "conditions": [_record(c) for c in self.conditions],
        }


def compute_facts(vault: Vault, person: Person, today: date | None = None,
                  records: list[StoredRecord] | None = None) -> PersonFacts:
    """Compute every fact for `person` (reads the vault; writes nothing). `records`, when the
    caller has already read the person's records, saves reading them again."""
    today_text = (today or date.today()).isoformat()
    by_kind: dict[RecordKind, list[StoredRecord]] = {k: [] for k in RecordKind}
    for stored in records if records is not None else vault.records.iter(person.id):
        by_kind[stored.record.kind].append(stored)
    metrics = []
    for metric in vault.samples.metrics(person.id):
        nights = (sleep_days(vault.samples.intervals(person.id, metric.id))
                  if metric.name in SLEEP else None)
        fact = metric_fact(metric.name, metric.unit, vault.samples.hourly(person.id, metric.id),
                           vault.samples.source_ids(person.id, metric.id), person.sex, nights)
        if fact is not None:
            metrics.append(fact)
    return PersonFacts(
        person=person,
        analytes=analyte_facts(by_kind[RecordKind.OBSERVATION], person.sex, person.birth_date),
        metrics=metrics,
        medications=medication_list(by_kind[RecordKind.MEDICATION], today_text),
        allergies=by_kind[RecordKind.ALLERGY],
        conditions=by_kind[RecordKind.CONDITION],
    )


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def _critical(c: Critical) -> dict[str, Any]:
    return {"analyte": c.analyte, "value": c.value, "unit": c.unit, "date": c.date,
            "rule": c.rule, "source": c.source, "message": c.message,
            "record_ids": list(c.record_ids)}


def _analyte(a: AnalyteFact) -> dict[str, Any]:
    latest, previous = a.latest, a.previous
    t = a.trend
    return {
        "key": a.key, "name": a.name, "unit": a.unit,
        "latest": {"value": _round(latest.value), "date": latest.when,
                   "original": latest.original, "record_id": latest.record_id},
        "converted": None if a.alt_value is None else {"value": _round(a.alt_value),
                                                        "unit": a.alt_unit},
        "previous": None if previous is None else {"value": _round(previous.value),
                                                    "date": previous.when,
                                                    "record_id": previous.record_id},
        "range": None if a.range is None else {"low": a.range.low, "high": a.range.high,
                                               "source": a.range.source},
        "flag": a.flag.value,
        "trend": None if t is None else {
            "n": t.n, "change": _round(t.change), "percent": _round(t.percent),
            "days": round(t.days, 1), "slope_per_year": _round(t.slope_per_year),
            "slope_se": _round(t.slope_se), "significant": t.significant},
        "statement": a.statement,
        "out_of_range_share": _round(a.out_of_range_share),
        "critical": None if a.critical is None else a.critical.message,
        "kept_apart": [{"record_id": rid, "reason": why} for rid, why in a.apart],
        "record_ids": a.record_ids,
    }


def _metric(m: MetricFact) -> dict[str, Any]:
    return {
        "metric": m.metric, "label": m.label, "unit": m.unit,
        "aggregation": "daily total" if m.summed else "daily mean",
        "days": len(m.days), "first_day": m.days[0].day.isoformat(),
        "latest": {"day": m.latest.day.isoformat(), "value": _round(m.latest.value)},
        "last_7_days": _round(m.last_7), "last_30_days": _round(m.last_30),
        "previous_30_days": _round(m.previous_30), "change_30_days": _round(m.change_30),
        "slope_per_year": _round(m.trend.slope_per_year) if m.trend else None,
        "out_of_range_share": _round(m.out_of_range_share),
        "statement": m.statement, "source_ids": m.source_ids,
    }


def _medication(m: Medication) -> dict[str, Any]:
    return {"name": m.name, "ingredient": m.ingredient, "names": m.names,
            "current": m.current, "status": m.status, "started": m.started,
            "last_seen": m.last_seen, "dosage": m.dosage, "listed_twice": m.listed_twice,
            "record_ids": m.record_ids, "source_ids": m.source_ids}


def _record(s: StoredRecord) -> dict[str, Any]:
    r = s.record
    return {"name": r.display or r.code, "status": r.status, "date": r.effective,
            "details": r.details, "record_id": s.id}
