"""Facts speed: every fact for a person with 1,000,000 wearable samples and 5,000 lab results.

Also times the daily aggregates of the 1M-sample metric read from the vault (target <= 200 ms,
issue 5), against the same aggregates computed by a GROUP BY over the raw samples in the same
run (what the hourly rollup saves).
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from _common import table, timed
from healthbook.clinical import compute_facts
from healthbook.clinical.wearables import daily
from healthbook.vault import Record, RecordKind, Vault

N_SAMPLES = 1_000_000
N_LABS = 5_000
T0 = 1_640_995_200  # 2022-01-01
LABS = [("2345-7", "Glucose", "mg/dL", 70, 140), ("2093-3", "Cholesterol", "mg/dL", 150, 260),
        ("2823-3", "Potassium", "mmol/L", 3.4, 5.6), ("2160-0", "Creatinine", "mg/dL", 0.6, 1.5),
        ("4548-4", "HbA1c", "%", 5.0, 8.0)]


def fill(vault: Vault) -> int:
    rnd = random.Random(3)
    person = vault.people.add("Bench")
    with vault.transaction():
        source = vault.sources.add(person.id, "bench", "0" * 64, "bench")
    hr = vault.samples.metric("heart_rate", "/min").id
    t = T0
    rows = []
    for _ in range(N_SAMPLES):
        t += rnd.randint(30, 120)
        rows.append((hr, t, 0, 1, float(rnd.randint(50, 150))))
    added = vault.samples.insert(person.id, source, rows)
    vault.sources.set_report(source, {"added": {"samples": added}})  # as an import writes it
    labs = []
    for i in range(N_LABS):
        code, name, unit, lo, hi = LABS[i % len(LABS)]
        when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(T0 + i * 9000))
        labs.append(Record(RecordKind.OBSERVATION, "http://loinc.org", code, name,
                           value_num=round(rnd.uniform(lo, hi), 2), unit=unit, effective=when))
    vault.records.insert(person.id, source, labs)
    return hr


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        vault = Vault.create(Path(tmp) / "facts.vault", "bench")
        metric_id = fill(vault)
        person = vault.people.get("Bench")
        facts, t_facts = timed(lambda: compute_facts(vault, person))
        best = min(timed(lambda: daily(vault.samples.hourly(person.id, metric_id), False))[1]
                   for _ in range(3))
        days = daily(vault.samples.hourly(person.id, metric_id), False)
        raw = min(timed(lambda: vault.db.query(
            "SELECT start / 86400, count(*), sum(value), min(value), max(value) FROM sample "
            "WHERE person_id = ? AND metric_id = ? GROUP BY start / 86400",
            (person.id, metric_id)))[1] for _ in range(3))
        vault.close()
    rows = [("measure", "value", "target")]
    rows.append(("all facts: 1M samples + 5,000 labs (s)", f"{t_facts:.2f}", ""))
    rows.append(("analytes / metrics found", f"{len(facts.analytes)} / {len(facts.metrics)}",
                 ""))
    rows.append((f"daily aggregates of 1M samples, {len(days)} days (ms)",
                 f"{best * 1000:.0f}", "<= 200 ms"))
    rows.append(("same by GROUP BY over raw samples (ms)", f"{raw * 1000:.0f}", "reference"))
    print(table(rows))


if __name__ == "__main__":
    main()
