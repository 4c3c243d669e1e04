"""Vault speed: SQLCipher against plain SQLite with the same schema and code, in one run.

Inserts 1,000,000 wearable samples and 100,000 lab observations into an encrypted vault and
into an unencrypted database built by the same migrations (the same SQLite library, no key),
then times a one-year range query over the samples. Targets (issue 3): SQLCipher <= 1.3x plain,
>= 500k samples/s, range query <= 50 ms.
"""

from __future__ import annotations

import random
import tempfile
import time
from functools import partial
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from _common import table, timed
from healthbook.vault import Record, RecordKind, Vault
from healthbook.vault.connection import Db, _configure
from healthbook.vault.records import Records
from healthbook.vault.samples import Samples
from healthbook.vault.sources import Sources

N_SAMPLES = 1_000_000
N_OBSERVATIONS = 100_000
T0 = 1_640_995_200  # 2022-01-01
YEAR = 365 * 86_400


def make_samples(metric_ids: list[int]) -> list[tuple[int, int, int, int, float]]:
    """A wearable-like stream: interleaved metrics, time increasing, ~2.5 years."""
    rnd = random.Random(1)
    t = T0
    rows = []
    for _ in range(N_SAMPLES):
        t += rnd.randint(20, 140)
        rows.append((rnd.choice(metric_ids), t, 0, 1, float(rnd.randint(45, 170))))
    return rows


def make_observations() -> list[Record]:
    rnd = random.Random(2)
    codes = [("2345-7", "Glucose", "mg/dL"), ("2093-3", "Cholesterol", "mg/dL"),
             ("2823-3", "Potassium", "mmol/L"), ("2160-0", "Creatinine", "mg/dL")]
    out = []
    for i in range(N_OBSERVATIONS):
        code, name, unit = codes[i % len(codes)]
        day = time.gmtime(T0 + i * 600)
        out.append(Record(RecordKind.OBSERVATION, "http://loinc.org", code, name,
                          value_num=round(rnd.uniform(1, 200), 1), unit=unit,
                          effective=time.strftime("%Y-%m-%dT%H:%M:%SZ", day),
                          category="laboratory"))
    return out


def run(db: Db) -> dict[str, float]:
    samples, records = Samples(db), Records(db)
    sources = Sources(db, samples.refresh_rollup)
    with db.transaction():
        db.execute("INSERT INTO person (id, name, created_at) VALUES (1, 'Bench', 'now')")
        source = sources.add(1, "bench", "0" * 64, "bench")
        metric_ids = [samples.metric(n, "u").id for n in ("heart_rate", "steps", "energy")]
    rows = make_samples(metric_ids)
    observations = make_observations()
    _, t_samples = timed(partial(samples.insert, 1, source, rows))
    _, t_obs = timed(partial(records.insert, 1, source, observations))
    del rows, observations  # an app does not keep what it imported in memory
    hr = metric_ids[0]
    start = T0 + YEAR // 2
    best = min(timed(lambda: samples.range(1, hr, start, start + YEAR))[1] for _ in range(5))
    found = len(samples.range(1, hr, start, start + YEAR))
    return {"samples_s": t_samples, "obs_s": t_obs, "range_s": best, "range_rows": found}


def plain_db(path: Path) -> Db:
    conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA locking_mode = EXCLUSIVE")
    db = Db(conn, path, read_only=False)
    _configure(conn)
    db._migrate()
    return db


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        # The vault runs first so that any warm-up favours the plain reference, not us.
        vault = Vault.create(Path(tmp) / "bench.vault", "bench passphrase")
        enc = run(vault.db)
        vault.close()
        plain = plain_db(Path(tmp) / "plain.sqlite")
        base = run(plain)
        plain.close()
    rows = [("measure", "plain SQLite", "SQLCipher vault", "ratio", "target")]
    rows.append(("1M samples insert (s)", f"{base['samples_s']:.2f}", f"{enc['samples_s']:.2f}",
                 f"{enc['samples_s'] / base['samples_s']:.2f}x", "<= 1.3x"))
    rows.append(("samples/s", f"{N_SAMPLES / base['samples_s']:,.0f}",
                 f"{N_SAMPLES / enc['samples_s']:,.0f}", "", ">= 500,000"))
    rows.append(("100k observations insert (s)", f"{base['obs_s']:.2f}", f"{enc['obs_s']:.2f}",
                 f"{enc['obs_s'] / base['obs_s']:.2f}x", "<= 1.3x"))
    rows.append((f"1-year range query, {enc['range_rows']:,.0f} rows (ms)",
                 f"{base['range_s'] * 1000:.1f}", f"{enc['range_s'] * 1000:.1f}",
                 f"{enc['range_s'] / base['range_s']:.2f}x", "<= 50 ms"))
    print(table(rows))


if __name__ == "__main__":
    main()
