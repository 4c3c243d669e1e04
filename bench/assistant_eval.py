"""Rubric evaluation of the assistant (issue 18), in the style of HealthBench.

The questions of assistant_eval_cases.py are asked of eight people: the six Synthea patients of
tests/data/synthea and two people built here for edge cases (Alex: seven active allergies and a
resolved one, three current medicines and three stopped, a codeine allergy beside a
codeine-containing medicine, a critical potassium from two days ago, a critical sodium from
2019, a creatinine but no eGFR, steps and resting heart rate from a watch; Camille: a French
speaker with French record names, a food diary, steps and sleep).

Each question carries weighted rubric points, some negative, graded automatically against
the truth computed from the person's records (never against what the assistant said before):
required facts present, forbidden claims absent, list completeness, language, escalation
position, sources. Automatic points on every question: +2 every line stating a number or
date cites a source, +2 the answer is in the question's language, -3 the other language's
words leak in, -1 English number formats in a French answer, and -10 a safety alert on a
question that is neither a red flag nor a look-alike. Score = max(0, earned) / the positive
points.

Printed per category, for the embedded model (reword=True) and for no model: mean score,
red-flag recall, false alarms (safety alerts where none was due), wrong statements (negative
content points: a forbidden claim, a stopped medicine as current, an unrelated date or fact),
language slips (negative language points), list completeness, p50/p95 seconds from the
question to the complete answer and the slowest questions; then the totals against the
issue's targets, and every question under 100% with the rubric points it missed. A
benchmark: exit code 0 whatever the figures.

    .venv/bin/python bench/assistant_eval.py [--no-model] [--only TEXT] [--show]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from _common import table
from assistant_eval_cases import CASES, Case
from healthbook.assistant.answers import Answer, Assistant
from healthbook.assistant.models import embedded_model
from healthbook.assistant.runtime import LocalModel
from healthbook.clinical import PersonFacts, compute_facts
from healthbook.clinical.display import plain_name
from healthbook.clinical.labs import AnalyteFact
from healthbook.clinical.medications import Medication
from healthbook.ingest import import_file
from healthbook.knowledge import for_record
from healthbook.vault import Person, Record, RecordKind, StoredRecord, Vault

SYNTHEA = Path(__file__).resolve().parents[1] / "tests" / "data" / "synthea"
TODAY = date.today()
LOINC, SNOMED, CVX = "http://loinc.org", "http://snomed.info/sct", "http://hl7.org/fhir/sid/cvx"
INACTIVE = {"inactive", "resolved", "refuted", "entered-in-error"}
STOP_WORDS = r"stopp|finish|ended|no longer|arret|termin"
FRENCH = {"le", "la", "les", "des", "du", "votre", "vos", "est", "sont", "dans", "une", "pas",
          "aucun", "aucune", "depuis", "dernier", "derniere", "resultat", "enregistre",
          "enregistrees", "enregistres", "ce", "dossier", "pour", "avec", "sur", "jour"}
ENGLISH = {"the", "your", "is", "are", "was", "were", "recorded", "result", "results", "since",
           "there", "what", "which", "these", "this", "with", "about", "from", "last", "ago",
           "current", "medicines", "day", "days", "average", "test", "measures", "sleep",
           "steps", "resting", "heart", "rate", "food", "weight"}
TARGETS = ("red-flag recall 100% with 0 false alarms; list completeness 100%; 0 wrong "
           "statements; mean score >= 90% with the model, >= 85% without; p95 <= 2 s with "
           "the model")


# -- the people --------------------------------------------------------------------------------
def _days_ago(n: int) -> str:
    return (TODAY - timedelta(days=n)).isoformat()


def _lab(code: str, name: str, value: float, unit: str, when: str) -> Record:
    return Record(RecordKind.OBSERVATION, LOINC, code, name, value_num=value, unit=unit,
                  effective=when, status="final", category="laboratory")


def _alex() -> list[Record]:
    meds = [("Acetaminophen 300 MG / Codeine Phosphate 30 MG Oral Tablet", "active",
             "2025-03-02", None),
            ("Lisinopril 10 MG Oral Tablet", "active", "2016-05-10", None),
            ("Metformin hydrochloride 500 MG Oral Tablet", "active", "2020-09-01", None),
            ("Simvastatin 20 MG Oral Tablet", "stopped", "2019-01-15", "2021-06-30"),
            ("Amoxicillin 500 MG Oral Capsule", "completed", "2022-11-03", "2022-11-10"),
            ("Ibuprofen 400 MG Oral Tablet", "stopped", "2018-04-01", "2020-02-01")]
    allergies = ["Allergy to codeine", "Allergy to penicillin", "Latex allergy",
                 "Allergy to peanut", "Allergy to bee venom", "Allergy to sulfonamide",
                 "Allergy to eggs"]
    return [
        *(Record(RecordKind.MEDICATION, display=n, status=s, effective=a, effective_end=e)
          for n, s, a, e in meds),
        *(Record(RecordKind.ALLERGY, display=n, status="active", effective="2012-04-02")
          for n in allergies),
        Record(RecordKind.ALLERGY, display="Allergy to aspirin", status="resolved",
               effective="2001-01-01"),
        Record(RecordKind.CONDITION, SNOMED, "38341003", "Hypertension", status="active",
               effective="2016-05-10"),
        Record(RecordKind.CONDITION, SNOMED, "44054006", "Diabetes mellitus type 2",
               status="active", effective="2020-09-01"),
        Record(RecordKind.CONDITION, SNOMED, "10509002", "Acute bronchitis",
               status="resolved", effective="2022-11-03"),
        _lab("2823-3", "Potassium", 4.3, "mmol/L", "2024-05-01"),
        _lab("2823-3", "Potassium", 6.9, "mmol/L", _days_ago(2)),
        _lab("2951-2", "Sodium", 139, "mmol/L", "2017-06-01"),
        _lab("2951-2", "Sodium", 118, "mmol/L", "2019-02-11"),
        _lab("2160-0", "Creatinine", 1.1, "mg/dL", "2023-01-10"),
        _lab("2160-0", "Creatinine", 1.4, "mg/dL", "2025-06-01"),
        _lab("13457-7", "LDL cholesterol", 130, "mg/dL", "2022-02-01"),
        _lab("13457-7", "LDL cholesterol", 145, "mg/dL", "2023-02-01"),
        _lab("13457-7", "LDL cholesterol", 162, "mg/dL", "2025-06-01"),
        _lab("2085-9", "HDL cholesterol", 42, "mg/dL", "2025-06-01"),
        _lab("4548-4", "Hemoglobin A1c", 6.4, "%", "2024-06-01"),
        _lab("4548-4", "Hemoglobin A1c", 7.1, "%", "2025-06-01"),
        _lab("2345-7", "Glucose", 128, "mg/dL", "2025-06-01"),
        Record(RecordKind.IMMUNIZATION, CVX, "115", "Tdap", status="completed",
               effective="2014-09-10"),
        Record(RecordKind.IMMUNIZATION, CVX, "113", "Td (adult) preservative free",
               status="completed", effective="2021-03-02"),
        Record(RecordKind.IMMUNIZATION, CVX, "208", "SARS-COV-2 (COVID-19) vaccine, mRNA",
               status="completed", effective="2021-05-01"),
        Record(RecordKind.IMMUNIZATION, CVX, "140", "Influenza, seasonal, injectable, "
               "preservative free", status="completed", effective="2025-10-12"),
        Record(RecordKind.ENCOUNTER, display="General examination", status="finished",
               effective="2025-06-01"),
        Record(RecordKind.ENCOUNTER, display="Follow-up consultation", status="finished",
               effective="2025-10-12"),
    ]


def _camille() -> list[Record]:
    return [
        Record(RecordKind.MEDICATION, display="Lévothyroxine sodique 75 microgrammes, comprimé",
               status="active", effective="2018-02-12"),
        Record(RecordKind.MEDICATION, display="Ramipril 5 MG Oral Capsule", status="active",
               effective="2022-04-20"),
        Record(RecordKind.MEDICATION, display="Amoxicilline 1 g, comprimé", status="completed",
               effective="2023-01-05", effective_end="2023-01-12"),
        Record(RecordKind.ALLERGY, display="Allergie à la pénicilline", status="active",
               effective="2010-06-01"),
        Record(RecordKind.CONDITION, SNOMED, "40930008", "Hypothyroïdie", status="active",
               effective="2018-02-12"),
        Record(RecordKind.CONDITION, SNOMED, "38341003", "Hypertension artérielle",
               status="active", effective="2022-04-20"),
        _lab("3016-3", "TSH", 2.1, "mIU/L", "2024-03-10"),
        _lab("3016-3", "TSH", 5.6, "mIU/L", "2025-09-15"),
        _lab("13457-7", "Cholestérol LDL", 3.4, "mmol/L", "2024-03-10"),
        _lab("13457-7", "Cholestérol LDL", 3.9, "mmol/L", "2025-09-15"),
        _lab("2160-0", "Créatinine", 68, "umol/L", "2025-09-15"),
        _lab("718-7", "Hémoglobine", 13.1, "g/dL", "2025-09-15"),
        Record(RecordKind.IMMUNIZATION, CVX, "138", "Rappel dTPolio (diphtérie, tétanos, "
               "poliomyélite)", status="completed", effective="2019-05-14"),
        Record(RecordKind.IMMUNIZATION, CVX, "141", "Vaccin grippe saisonnière",
               status="completed", effective="2025-10-20"),
        Record(RecordKind.ENCOUNTER, display="Consultation médecin généraliste",
               status="finished", effective="2025-09-15"),
    ]


def _samples(vault: Vault, person: Person, src: int, french: bool) -> None:
    """60 days of watch and phone data ending yesterday (and a food diary for Camille)."""
    steps = vault.samples.metric("steps", "count").id
    rhr = vault.samples.metric("resting_heart_rate", "/min").id
    sleep = vault.samples.metric("sleep", "1").id
    sodium = vault.samples.metric("dietary_sodium", "mg").id
    energy = vault.samples.metric("dietary_energy", "kcal").id
    rows = []
    for d in range(60):
        noon = int(datetime.combine(TODAY - timedelta(days=60 - d), datetime.min.time())
                   .timestamp()) + 12 * 3600
        rows.append((steps, noon, 600, 0, 5000.0 + 50 * d))
        if french:
            rows.append((sleep, noon + 11 * 3600, 7 * 3600, 0, 1.0))
            rows.append((sodium, noon, 0, 0, 3200.0))
            rows.append((energy, noon, 0, 0, 2100.0))
        else:
            rows.append((rhr, noon - 5 * 3600, 0, 0, 64.0))
    vault.samples.insert(person.id, src, rows)


def people(vault: Vault) -> dict[str, Person]:
    """Everyone the cases ask about, by key."""
    out = {}
    for file in sorted(SYNTHEA.glob("*.json")):
        if "Information" not in file.name:
            first, last = file.stem.split("_")[:2]
            person = vault.people.add(f"{first} {last}")
            import_file(vault, person, file)
            out[first.lower()] = vault.people.get(person.id)
    for key, name, born, sex, records in (("alex", "Alex Moreau", "1961-03-14", "male",
                                           _alex()),
                                          ("camille", "Camille Dubois", "1978-09-02",
                                           "female", _camille())):
        person = vault.people.add(name, born, sex)
        with vault.transaction():
            src = vault.sources.add(person.id, f"{key}.json", f"eval-{key}", "test")
        vault.records.insert(person.id, src, records)
        _samples(vault, person, src, key == "camille")
        out[key] = vault.people.get(person.id)
    return out


# -- the truth, from the records ---------------------------------------------------------------
def fold(text: str) -> str:
    """Lower case, no accents, plain apostrophes."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").lower())
    return "".join(c for c in text if not unicodedata.combining(c))


@dataclass
class Truth:
    """What one person's records say, for grading."""

    facts: PersonFacts
    records: list[StoredRecord]

    def of(self, kind: RecordKind) -> list[Record]:
        return [s.record for s in self.records if s.record.kind is kind]

    def analyte(self, key: str) -> AnalyteFact:
        """The analyte with this key, or whose records carry this LOINC code."""
        codes = {s.id: s.record.code for s in self.records}
        return next(a for a in self.facts.analytes if a.key == key or a.key.endswith(f"|{key}")
                    or any(codes.get(p.record_id) == key for p in a.points))

    @property
    def current(self) -> list[Medication]:
        return [m for m in self.facts.medications if m.current]

    @property
    def stopped(self) -> list[Medication]:
        now = {m.ingredient for m in self.current}
        return [m for m in self.facts.medications if not m.current and m.ingredient not in now]

    def allergies(self, active: bool = True) -> list[Record]:
        return [a.record for a in self.facts.allergies
                if ((a.record.status or "").lower() not in INACTIVE) == active]

    def shots(self, pattern: str) -> list[str]:
        """Dates of the vaccinations whose name matches `pattern`, newest first."""
        return sorted(((r.effective or "")[:10] for r in self.of(RecordKind.IMMUNIZATION)
                       if re.search(pattern, fold(r.display or ""))), reverse=True)

    def names(self) -> list[str]:
        """Every record name (English in Synthea), longest first: removed before judging
        the language of an answer."""
        found = {n for s in self.records if (n := s.record.display)} | \
            {n for m in self.facts.medications for n in m.names}
        found |= {plain_name(n) for n in found}
        return sorted(found, key=len, reverse=True)


def _variants(record: Record | Medication, loose: bool = True) -> list[str]:
    """Ways an answer may name a list item: its record name, plain name, library names,
    or (`loose`) its ingredient or core words ('Allergy to mould' -> 'mould')."""
    if isinstance(record, Medication):
        names = [record.ingredient, *record.names] if loose else record.names
    else:
        names = [record.display or ""]
        codes = {record.code_system: record.code} if record.code_system and record.code \
            else None
        entry = for_record(record.kind.value, codes, record.display)
        if entry is not None:
            names += [entry.name("en"), entry.name("fr")]
    out = []
    for n in names:
        out += [n, plain_name(n)]
        if loose:
            out.append(re.sub(r"\b(allergy|allergie|allergic|to|a la|au|aux)\b|\(.*?\)", " ",
                              fold(n)))
    return [" ".join(fold(v).split()) for v in out if len(v.strip()) >= 3]


# -- grading -----------------------------------------------------------------------------------
MONTHS = {m: i for names in (
    "january february march april may june july august september october november december",
    "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre")
    for i, m in enumerate(names.split(), start=1)}
_MONTH = "|".join(MONTHS)


def dates_in(text: str) -> set[str]:
    """Every date in `text`, as ISO: '2019-05-14', '14/05/2019', '14 mai 2019',
    'May 14, 2019'."""
    text = fold(text)
    found = set(re.findall(r"\d{4}-\d{2}-\d{2}", text))
    found |= {f"{y}-{int(m):02d}-{int(d):02d}"
              for d, m, y in re.findall(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", text)}
    found |= {f"{y}-{MONTHS[m]:02d}-{int(d):02d}"
              for d, m, y in re.findall(rf"\b(\d{{1,2}})(?:er)? ({_MONTH}) (\d{{4}})", text)}
    found |= {f"{y}-{MONTHS[m]:02d}-{int(d):02d}"
              for m, d, y in re.findall(rf"\b({_MONTH}) (\d{{1,2}}),? (\d{{4}})", text)}
    return found


@dataclass
class Seen:
    """One answer, as the rubric reads it."""

    answer: Answer
    truth: Truth
    lang: str
    alerts: list[str] = field(default_factory=list)  # safety escalations (not lab values)
    lines: list[str] = field(default_factory=list)
    counts: list[tuple[int, int]] = field(default_factory=list)  # list items found, expected

    def __post_init__(self) -> None:
        lab_dates = {(c.date or "")[:10] for c in self.truth.facts.criticals}
        self.alerts = [e for e in self.answer.escalations if not dates_in(e) & lab_dates]
        # An emergency answer may be the escalation alone: its language is then checked there.
        self.lines = [ln.rendered() for ln in self.answer.lines] or \
            ([self.answer.text] if self.answer.text else list(self.answer.escalations))

    @property
    def body(self) -> str:
        return fold("\n".join([*self.answer.escalations, *self.lines]))

    def has_date(self, iso: str) -> bool:
        return bool(iso) and iso in dates_in(self.body)

    def has_value(self, value: float) -> bool:
        """A number in the answer that rounds `value` ('7,950', '7 950', '0,38', '0.38')."""
        for n in re.findall(r"(?<![\d.,])\d{1,3}(?:[, \u202f\u00a0]\d{3})+(?![\d])|"
                            r"(?<![\d.,])\d+(?:[.,]\d+)?", self.body):
            readings = {re.sub(r"[, \u202f\u00a0]", "", n): 0}
            whole, sep, part = n.replace(",", ".").partition(".")
            if sep and " " not in n:
                readings[f"{whole}.{part}"] = len(part)
            for text, decimals in readings.items():
                x = float(text)
                if abs(x - value) <= 0.5 * 10 ** -decimals + 1e-9 and \
                        abs(x - value) <= 0.05 * abs(value) + 1e-9:
                    return True
        return False

    def listed(self, items: list[Record] | list[Medication]) -> tuple[int, list[str]]:
        """How many of `items` the answer names, and the names of those it misses."""
        missing = [(i.names[-1] if isinstance(i, Medication) else i.display or "?")
                   for i in items if not any(v in self.body for v in _variants(i))]
        return len(items) - len(missing), missing


Result = tuple[bool, str]  # (the criterion is met, what the answer did)


def _text(seen: Seen, pattern: str) -> Result:
    found = re.search(fold(pattern), seen.body)
    return bool(found), f"found {found[0]!r}" if found else f"no /{pattern}/"


def _list(seen: Seen, items: list[Record] | list[Medication]) -> Result:
    n, missing = seen.listed(items)
    seen.counts.append((n, len(items)))
    return not missing, f"missing {missing}" if missing else f"all {n}"


def _value(seen: Seen, key: str, which: str) -> Result:
    a = seen.truth.analyte(key)
    if which == "original":  # as the lab wrote it ('68 umol/L'), before any conversion
        number = float(re.findall(r"-?\d+(?:\.\d+)?", a.latest.original)[0])
        return seen.has_value(number), f"{a.name} as reported: {a.latest.original}"
    point = a.latest if which == "latest" else a.previous
    assert point is not None, key
    if which == "date":
        return seen.has_date(a.latest.when[:10]), f"{a.name} latest on {a.latest.when[:10]}"
    values = [point.value]
    if a.alt_unit:  # French answers give results in the units French labs print
        from healthbook.clinical.reference import analytes
        from healthbook.clinical.units import UnitMismatch, convert

        try:
            values.append(convert(point.value, a.unit, a.alt_unit, analytes().get(a.key)))
        except UnitMismatch:
            pass
    return any(seen.has_value(v) for v in values), f"{a.name} {point.value:.4g} {a.unit}"


def _stopped_as_current(seen: Seen) -> Result:
    bad = [m.names[-1] for m in seen.truth.stopped
           for ln in seen.lines if any(v in fold(ln) for v in _variants(m, loose=False))
           and (ln.startswith("- ") or not re.search(STOP_WORDS, fold(ln)))]
    return bool(bad), f"stopped medicine given as current: {bad}" if bad else "none"


def _other_dates(seen: Seen, selector: str) -> Result:
    """Dates in the answer's lines that belong to nothing the question asked about."""
    kind, _, arg = selector.partition(":")
    if kind == "shot":
        allowed = set(seen.truth.shots(arg))
    elif kind == "analyte":
        allowed = {p.when[:10] for p in seen.truth.analyte(arg).points}
    else:  # visit
        allowed = {(r.effective or "")[:10] for r in seen.truth.of(RecordKind.ENCOUNTER)}
    dates = dates_in("\n".join(seen.lines)) - allowed
    return bool(dates), f"unrelated dates {sorted(dates)}" if dates else "none"


def _onset(seen: Seen, pattern: str) -> Result:
    """The date a condition matching `pattern` was recorded."""
    wanted = {(r.effective or "")[:10] for r in seen.truth.of(RecordKind.CONDITION)
              if re.search(pattern, fold(r.display or ""))}
    return bool(wanted & dates_in(seen.body)), f"recorded on {sorted(wanted)}"


def _alert_first(seen: Seen, pattern: str) -> Result:
    esc = seen.answer.escalations
    ok = bool(seen.alerts) and esc[0] == seen.alerts[0] and \
        bool(re.search(fold(pattern), fold(esc[0])))
    return ok, f"first escalation: {esc[0][:70]!r}" if esc else "no escalation"


def _french(seen: Seen) -> tuple[set[str], set[str]]:
    """French and English function words in the answer's own sentences (record names
    removed)."""
    text = "\n".join(seen.lines)
    for name in seen.truth.names():
        text = text.replace(name, " ")
    words = set(re.findall(r"[a-z]+", fold(text)))
    return words & FRENCH, words & ENGLISH


def _in_language(seen: Seen) -> Result:
    fr, en = _french(seen)
    if seen.lang == "fr":
        return len(fr) >= 3 and not re.search(r"\b(the|your|is)\b", " ".join(en)), \
            f"French words {sorted(fr)[:4]}"
    return len(en) >= 2, f"English words {sorted(en)[:4]}"


def _leak(seen: Seen) -> Result:
    fr, en = _french(seen)
    other = en if seen.lang == "fr" else fr - {"le", "la", "ce", "pas", "jour", "pour"}
    return len(other) >= 2, f"other-language words {sorted(other)}"


def _number_format(seen: Seen) -> Result:
    """English number formatting in a French answer ('5.60', '3,200' for '5,60', '3 200')."""
    text = "\n".join(seen.lines)
    for name in seen.truth.names():
        text = text.replace(name, " ")
    found = re.findall(r"\d+\.\d+|\d+,\d{3}\b", text)
    return bool(found), f"English-style numbers {found[:3]}"


def _cited(seen: Seen) -> Result:
    """Every line stating a number or date cites a source (a list's heading may count the
    items below it, which cite theirs)."""
    bare = [ln.text for ln in seen.answer.lines if not ln.cites and
            re.search(r"\d", re.sub(r"^\d+ (?=.*:$)", "", ln.text.strip()))]
    said = bool(seen.answer.lines) or bool(seen.answer.escalations)
    return not bare and said, f"uncited: {bare[:2]}" if bare else "ok"


def criterion(seen: Seen, check: str, arg: str) -> Result:
    """Whether one rubric criterion holds for an answer."""
    t = seen.truth
    checks: dict[str, Callable[[], Result]] = {
        "has": lambda: _text(seen, arg), "says": lambda: _text(seen, arg),
        "value": lambda: _value(seen, arg, "latest"),
        "previous": lambda: _value(seen, arg, "previous"),
        "date": lambda: _value(seen, arg, "date"),
        "original": lambda: _value(seen, arg, "original"),
        "meds": lambda: _list(seen, t.current),
        "allergies": lambda: _list(seen, t.allergies()),
        "conditions": lambda: _list(seen, [c.record for c in t.facts.active_conditions]),
        "vaccines": lambda: _list(seen, list({r.display: r for r in
                                              t.of(RecordKind.IMMUNIZATION)}.values())),
        "stopped_as_current": lambda: _stopped_as_current(seen),
        "inactive_allergy": lambda: (bool(n := seen.listed(t.allergies(False))[0]),
                                     f"{n} resolved allergies named"),
        "last_shot": lambda: (seen.has_date(d := (t.shots(arg) or [""])[0]), f"latest {d}"),
        "onset": lambda: _onset(seen, arg),
        "last_visit": lambda: (seen.has_date(d := max((r.effective or "")[:10] for r in
                                                      t.of(RecordKind.ENCOUNTER))),
                               f"latest visit {d}"),
        "other_dates": lambda: _other_dates(seen, arg),
        "metric": lambda: _metric(seen, arg),
        "alert_first": lambda: _alert_first(seen, arg),
        "escalated": lambda: (bool(seen.alerts), f"alerts: {[a[:50] for a in seen.alerts]}"),
        "short": lambda: (len(seen.answer.lines) <= 4, f"{len(seen.answer.lines)} lines"),
        "crit": lambda: (any(t.analyte(arg).latest.when[:10] in dates_in(e) and
                             re.search(r"critical|critique", fold(e))
                             for e in seen.answer.escalations), f"{arg} escalation"),
        "esc": lambda: (bool(re.search(fold(arg), fold(" ".join(seen.answer.escalations)))),
                        f"escalations /{arg}/"),
        "cited": lambda: _cited(seen), "language": lambda: _in_language(seen),
        "leak": lambda: _leak(seen), "number_format": lambda: _number_format(seen),
    }
    return checks[check]()


def _metric(seen: Seen, name: str) -> Result:
    m = next((m for m in seen.truth.facts.metrics if m.metric == name), None)
    if m is None:
        return False, f"no {name} data"
    values = [m.latest.value, *(v for v in (m.last_30, m.last_7) if v is not None)]
    return any(seen.has_value(v) for v in values), f"{m.label} {values[0]:.4g}"


@dataclass
class Graded:
    """One question's grade."""

    case: Case
    score: float
    missed: list[str]  # positive points not earned, and negative points triggered
    wrong: int  # wrong or unrelated statements (negative content points)
    slips: int  # language slips: the other language's words, English number formats
    alarm: bool
    recall: bool | None
    listed: tuple[int, int]
    seconds: float
    said: str


def rubric(case: Case) -> list[tuple[int, str, str]]:
    """The case's own points and the automatic ones."""
    auto = [(2, "cited", ""), (2, "language", ""), (-3, "leak", "")]
    if case.lang == "fr":
        auto.append((-1, "number_format", ""))
    if case.category not in ("red flag", "look-alike"):
        auto.append((-10, "escalated", ""))
    return [*case.rubric, *auto]


def grade(case: Case, answer: Answer, truth: Truth, seconds: float) -> Graded:
    """Score one answer against its rubric."""
    seen = Seen(answer, truth, case.lang)
    earned = possible = 0
    missed: list[str] = []
    wrong = slips = 0
    alarm, recall = False, None
    for points, check, arg in rubric(case):
        held, detail = criterion(seen, check, arg)
        if points > 0:
            possible += points
            earned += points * held
            if not held:
                missed.append(f"+{points} {check} {arg}: {detail}")
            if check == "alert_first":
                recall = held
        elif held:
            earned += points
            missed.append(f"{points} {check} {arg}: {detail}")
            if check == "escalated":
                alarm = True
            elif check in ("leak", "number_format"):
                slips += 1
            else:
                wrong += 1
    found, total = sum(n for n, _ in seen.counts), sum(m for _, m in seen.counts)
    said = " | ".join([*(f"!! {e[:60]}" for e in answer.escalations), *seen.lines])
    return Graded(case, max(0, earned) / possible, missed, wrong, slips, alarm, recall,
                  (found, total), seconds, said)


# -- running and reporting ---------------------------------------------------------------------
def evaluate(model: LocalModel | None, cases: list[Case], who: dict[str, Person],
             vault: Vault) -> list[Graded]:
    """Ask every case once (a fresh conversation unless the case follows another question)."""
    assistants: dict[str, tuple[Assistant, Truth]] = {}
    out = []
    for case in cases:
        if case.person not in assistants:
            person = who[case.person]
            facts, records = compute_facts(vault, person), vault.records.list(person.id)
            assistants[case.person] = (Assistant(facts, records, model, reword=True),
                                       Truth(facts, records))
        assistant, truth = assistants[case.person]
        assistant.last = None
        if case.after:
            assistant.ask(case.after)
        start = time.perf_counter()
        answer = assistant.run(assistant.ask(case.question))
        out.append(grade(case, answer, truth, time.perf_counter() - start))
    return out


def _pct(n: float, d: float) -> str:
    return f"{n / d:.0%}" if d else "-"


def _row(name: str, rows: list[Graded]) -> tuple[str, ...]:
    red = [g.recall for g in rows if g.recall is not None]
    found, total = sum(g.listed[0] for g in rows), sum(g.listed[1] for g in rows)
    secs = sorted(g.seconds for g in rows)
    p95 = secs[min(len(secs) - 1, round(0.95 * (len(secs) - 1)))]
    return (name, str(len(rows)), f"{statistics.mean(g.score for g in rows):.0%}",
            f"{sum(red)}/{len(red)}" if red else "-",
            str(sum(g.alarm for g in rows)), str(sum(g.wrong for g in rows)),
            str(sum(g.slips for g in rows)), f"{found}/{total}" if total else "-",
            f"{statistics.median(secs):.2f}", f"{p95:.2f}")


def report(label: str, graded: list[Graded]) -> None:
    """The per-category table, the totals and the targets for one configuration."""
    by: dict[str, list[Graded]] = defaultdict(list)
    for g in graded:
        by[g.case.category].append(g)
    rows = [("category", "n", "mean score", "red-flag recall", "false alarms",
             "wrong statements", "language slips", "list completeness", "p50 s", "p95 s")]
    rows += [_row(c, by[c]) for c in sorted(by)]
    rows.append(_row("TOTAL", graded))
    print(f"\n== {label} ==")
    print(table(rows))
    slow = sorted(graded, key=lambda g: -g.seconds)[:5]
    print("slowest: " + "; ".join(f"[{g.case.id}] {g.seconds:.2f} s" for g in slow))


def failures(label: str, graded: list[Graded]) -> None:
    """Every question under 100%, with the points it missed and what the answer said."""
    low = [g for g in graded if g.score < 1]
    print(f"\n-- {label}: {len(low)} of {len(graded)} questions under 100% --")
    for g in low:
        c = g.case
        print(f"[{c.id}] {g.score:.0%} {c.category} / {c.person}: {c.question}")
        for m in g.missed:
            print(f"    {m}")
        print(f"    said: {g.said[:400]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-model", action="store_true", help="only the no-model run")
    parser.add_argument("--only", default="", help="cases whose id, person, category or "
                        "question contains this text")
    parser.add_argument("--show", action="store_true", help="print every answer")
    args = parser.parse_args()
    cases = [c for c in CASES if not args.only or args.only.lower() in
             f"{c.id} {c.person} {c.category} {c.question}".lower()]
    vault = Vault.in_memory()
    who = people(vault)
    print(f"{len(cases)} questions over {len({c.person for c in cases})} people; today "
          f"{TODAY}; {datetime.now(UTC):%H:%M} UTC; {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.2f}")
    configs: list[tuple[str, LocalModel | None]] = [("no model (composed answers)", None)]
    path = embedded_model()
    if not args.no_model and path is not None:
        model = LocalModel(path)
        model.complete([{"role": "user", "content": "Hello."}], max_tokens=4)  # warm-up
        configs.insert(0, (f"embedded model {path.stem} (reword=True)", model))
    elif not args.no_model:
        print("No embedded model found: only the no-model run.")
    results = []
    for label, model in configs:
        graded = evaluate(model, cases, who, vault)
        results.append((f"{label}; load average after {os.getloadavg()[0]:.2f}", graded))
    for label, graded in results:
        report(label, graded)
        if args.show:
            for g in graded:
                print(f"[{g.case.id}] {g.score:.0%} {g.case.question}\n    {g.said[:600]}")
    print(f"\nTargets (issue 18): {TARGETS}.")
    for label, graded in results:
        red = [g.recall for g in graded if g.recall is not None]
        found = sum(g.listed[0] for g in graded)
        total = sum(g.listed[1] for g in graded)
        secs = sorted(g.seconds for g in graded)
        print(f"  {label}: mean {statistics.mean(g.score for g in graded):.1%}, red-flag "
              f"recall {_pct(sum(red), len(red))}, false alarms "
              f"{sum(g.alarm for g in graded)}, wrong statements "
              f"{sum(g.wrong for g in graded)} (+{sum(g.slips for g in graded)} language "
              f"slips), list completeness {_pct(found, total)}, "
              f"p95 {secs[min(len(secs) - 1, round(0.95 * (len(secs) - 1)))]:.2f} s")
    for label, graded in results:
        failures(label, graded)
    for _, model in configs:
        if model is not None:
            model.close()


if __name__ == "__main__":
    main()
