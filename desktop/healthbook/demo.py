"""A demo person for first-time users: a Synthea patient plus six months of synthetic
wearable data, in a vault that lives only in memory (nothing is written to disk)."""

from __future__ import annotations

import math
import random
import time

from healthbook.ingest import import_file
from healthbook.paths import resources_dir
from healthbook.progress import ProgressCallback, no_progress
from healthbook.vault import Person, Vault

DEMO_NAME = "Alex Demo (sample data)"
DAYS = 180


def wearable_rows(vault: Vault, now: float, days: int = DAYS) -> list[tuple[int, int, int, int,
                                                                               float]]:
    """Steps, heart rate, resting heart rate, weight and sleep for the last `days` days."""
    rnd = random.Random(42)
    steps = vault.samples.metric("steps", "count").id
    hr = vault.samples.metric("heart_rate", "/min").id
    resting = vault.samples.metric("resting_heart_rate", "/min").id
    weight = vault.samples.metric("body_weight", "kg").id
    sleep = vault.samples.metric("sleep", "1").id
    watch = vault.samples.device("Demo watch")
    midnight = int(now // 86400 * 86400)
    rows: list[tuple[int, int, int, int, float]] = []
    for d in range(days, 0, -1):
        day = midnight - d * 86400
        fitness = 1 - d / days  # slowly getting fitter over the period
        for hour in range(7, 22):
            walked = max(0.0, rnd.gauss(420 + 260 * fitness, 180))
            rows.append((steps, day + hour * 3600, 3600, watch, round(walked)))
        for minute in range(0, 24 * 60, 10):
            base = 58 + 14 * math.sin(math.pi * minute / 1440) ** 2
            rows.append((hr, day + minute * 60, 0, watch, round(base + rnd.gauss(0, 4))))
        rows.append((resting, day + 8 * 3600, 0, watch, round(64 - 5 * fitness + rnd.gauss(0, 1))))
        if d % 3 == 0:
            rows.append((weight, day + 7 * 3600, 0, watch,
                         round(84.0 - 3.0 * fitness + rnd.gauss(0, 0.3), 1)))
        asleep = int(rnd.gauss(7.1, 0.6) * 3600)
        rows.append((sleep, day - 2 * 3600 + 1800, asleep, watch, 1.0))
    return rows


def build_demo(vault: Vault, progress: ProgressCallback = no_progress) -> Person:
    """Fill `vault` with the demo person and return them."""
    person = vault.people.add(DEMO_NAME)
    import_file(vault, person, resources_dir() / "demo" / "synthea_patient.json",
                progress=progress)
    with vault.transaction():
        source = vault.sources.add(person.id, "Demo wearable data (synthetic)", "0" * 64,
                                   "demo")
        added = vault.samples.insert(person.id, source, wearable_rows(vault, time.time()))
        vault.sources.set_report(source, {"added": {"samples": added}})
    return person


def demo_vault(progress: ProgressCallback = no_progress) -> tuple[Vault, Person]:
    """A new in-memory vault holding the demo person."""
    vault = Vault.in_memory()
    return vault, build_demo(vault, progress)
