"""Every code in the sample records resolves to an entry, or is excused with a reason."""

from __future__ import annotations

import time
from functools import cache
from pathlib import Path

from healthbook.knowledge import library
from healthbook.knowledge.coverage import (
    CodedItem,
    codes_in_use,
    collect,
    collect_file,
    load_exceptions,
    uncovered_codes,
)
from tests.conftest import DATA


@cache
def sample_items() -> tuple[CodedItem, ...]:
    return tuple(collect([DATA]))


def test_collector_reads_fhir_ccda_and_synthea() -> None:
    glucose = collect_file(DATA / "fhir-r4" / "observation-example-f001-glucose.json")
    assert [(i.category, i.codes_of("loinc")) for i in glucose] == [("lab", ["15074-8"])]
    panel = collect_file(DATA / "ccda" / "hl7-c-cda-examples" / "sections" /
                         "Basic_Metabolic_Panel_with_Troponin.xml")
    assert panel
    assert {i.category for i in panel} == {"lab"}
    assert all(i.codes_of("loinc") for i in panel)
    synthea = collect_file(next((DATA / "synthea").glob("Dennis_Durgan_*.json")))
    categories = {i.category for i in synthea}
    assert {"lab", "vital", "condition", "medicine", "vaccine"} <= categories
    assert all(i.codes for i in synthea if i.category == "medicine")


def test_collector_survives_hostile_and_broken_files() -> None:
    start = time.perf_counter()
    for path in sorted((DATA / "edge").rglob("*")):
        if path.is_file():
            assert isinstance(collect_file(path), list)
    assert time.perf_counter() - start < 10


def test_every_code_in_the_samples_resolves_or_is_excused() -> None:
    missing = uncovered_codes(sample_items())
    lines = [f"{system} {code} x{count}: {display}" for system, code, display, count in missing]
    assert not missing, (f"{len(missing)} code(s) in tests/data have no entry and no reason in "
                         f"resources/knowledge/COVERAGE_EXCEPTIONS.json:\n" + "\n".join(lines))


def test_exceptions_have_reasons_and_are_still_needed() -> None:
    lib = library()
    in_use = codes_in_use(sample_items())
    problems = []
    for system, codes in load_exceptions().items():
        for code, reason in codes.items():
            if not reason.strip():
                problems.append(f"{system} {code}: no reason given")
            if lib.coded(system, code):
                problems.append(f"{system} {code}: now has an entry; remove the exception")
            if (system, code) not in in_use:
                problems.append(f"{system} {code}: not used in tests/data any more")
    assert not problems, "\n".join(problems)


def test_exceptions_file_is_valid_json() -> None:
    path = Path(__file__).resolve().parents[2] / "resources" / "knowledge" / \
        "COVERAGE_EXCEPTIONS.json"
    assert path.exists()
    assert load_exceptions(path)
