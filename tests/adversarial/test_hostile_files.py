"""Hostile files at volume: every parser over the edge corpus and seeded mutations of real
files (10,000 per parser in `make test-adversarial`). Nothing may escape but a clean
ImportFailed, no input may take 10 s, and memory stays under 500 MB."""

from __future__ import annotations

import io
import random
import resource
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from healthbook.ingest import ImportFailed, import_file
from healthbook.ingest.apple_export_xml import _Handler, _stream_xml
from healthbook.ingest.ccda import items_from_ccda_bytes
from healthbook.ingest.context import ParseContext
from healthbook.ingest.csv_file import items_from_csv_text
from healthbook.ingest.fhir import items_from_json_bytes
from healthbook.ingest.health_connect import items_from_database
from healthbook.ingest.healthkit import RecordConverter
from healthbook.vault import Vault
from tests.adversarial.conftest import Attacks, scale
from tests.conftest import DATA
from tests.ingest.test_fuzz import SEEDS, health_connect_seed

INPUTS_PER_PARSER = scale(300, 10_000)
HANG_SECONDS = 10
MEMORY_MB = 500


def _apple(data: bytes) -> Iterator:
    ctx = ParseContext(Path("export.xml"), len(data))
    return RecordConverter().items(_stream_xml(io.BytesIO(data), ctx, _Handler()))


PARSERS: dict[str, tuple[Callable[[bytes], Iterator], list[bytes]]] = {
    "FHIR JSON": (lambda d: items_from_json_bytes(d, "f.json"), [SEEDS["fhir"], SEEDS["bundle"]]),
    "Apple Health XML": (_apple, [SEEDS["apple"]]),
    "C-CDA": (lambda d: items_from_ccda_bytes(d, "f.xml"), [SEEDS["ccda"]]),
    "CSV": (lambda d: items_from_csv_text(d.decode("utf-8", "replace"), "f.csv"),
            [SEEDS["csv"]]),
    "Health Connect database": (items_from_database, [health_connect_seed()]),
}


def mutate(rng: random.Random, seed: bytes) -> bytes:
    """Flip, cut, insert, duplicate or splice bytes — or pure noise now and then."""
    if rng.random() < 0.05:
        return rng.randbytes(rng.randint(0, 2000))
    data = bytearray(seed)
    for _ in range(rng.randint(1, 8)):
        pos = rng.randint(0, max(0, len(data) - 1))
        op = rng.choice(("flip", "cut", "insert", "dup", "huge"))
        if op == "flip" and data:
            data[pos] = rng.randrange(256)
        elif op == "cut":
            del data[pos:pos + rng.randint(1, 300)]
        elif op == "insert":
            data[pos:pos] = rng.choice([b"<", b"&", b'"', b"{", b"]", b"\x00", b"\xff\xfe",
                                        b"1e999", b"-0", b"<!ENTITY a 'b'>", b"&a;"])
        elif op == "dup":
            data[pos:pos] = data[pos:pos + rng.randint(1, 500)]
        else:
            data[pos:pos] = b"9" * rng.randint(50, 400)  # absurd numbers
    return bytes(data)


class Hang(Exception):
    """An input took longer than HANG_SECONDS."""


def _alarm(_signum: int, _frame: object) -> None:
    raise Hang


@pytest.mark.parametrize("name", PARSERS)
def test_mutated_inputs_fail_cleanly_fast_and_small(name: str, attacks: Attacks) -> None:
    parse, seeds = PARSERS[name]
    rng = random.Random(f"hostile-{name}")
    previous = signal.signal(signal.SIGALRM, _alarm)
    slowest, escaped = 0.0, []
    try:
        for index in range(INPUTS_PER_PARSER):
            data = mutate(rng, rng.choice(seeds))
            signal.alarm(HANG_SECONDS)
            started = time.perf_counter()
            try:
                for _ in parse(data):
                    pass
            except ImportFailed:
                pass
            except Exception as exc:  # exactly what this test hunts
                escaped.append((index, repr(exc)[:200]))
            finally:
                signal.alarm(0)
            slowest = max(slowest, time.perf_counter() - started)
    finally:
        signal.signal(signal.SIGALRM, previous)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for index in range(INPUTS_PER_PARSER):
        attacks.tried(f"mutated {name}", index not in {i for i, _ in escaped})
    assert escaped == []
    assert slowest < HANG_SECONDS
    assert peak < MEMORY_MB


def test_the_edge_corpus_is_refused_cleanly(attacks: Attacks) -> None:
    edge = sorted(p for p in (DATA / "edge").rglob("*") if p.is_file() and p.suffix != ".md")
    assert len(edge) >= 15
    for path in edge:
        with Vault.in_memory() as vault:
            person = vault.people.add("Edge")
            before = vault.stats()
            try:
                import_file(vault, person, path)
                held = True
            except ImportFailed as exc:
                held = "Traceback" not in str(exc) and vault.stats() == before
            attacks.tried("edge corpus file", held)
            assert held, path
