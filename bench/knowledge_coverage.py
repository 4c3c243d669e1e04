"""Knowledge-library coverage of the sample records: labs, vital signs, conditions, medicines,
vaccines (and allergies, for information), by count and by distinct code.

Reads every sample file in tests/data and ../shared/corpus (byte-identical copies counted once),
or the files and folders given as arguments. A record counts as covered when the library finds
an entry for it the way the app does (`for_record`: codes first, then the display text). A lab
result is an Observation of category laboratory or a C-CDA results-section observation; vital
signs count separately. Targets (issue 17): >= 98% of lab results, >= 95% of conditions,
medicines and vaccines, by count.

    python bench/knowledge_coverage.py [PATH ...] [--top N]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict
from pathlib import Path

from _common import table
from healthbook.knowledge import library
from healthbook.knowledge.coverage import CodedItem, collect, sample_files
from healthbook.knowledge.lookup import for_record
from healthbook.paths import REPO_ROOT

CATEGORIES = (("lab", "Lab results"), ("vital", "Vital signs"), ("condition", "Conditions"),
              ("medicine", "Medicines"), ("vaccine", "Vaccines"),
              ("observation", "Other observations"), ("allergy", "Allergies"))
TARGETS = {"lab": 98.0, "condition": 95.0, "medicine": 95.0, "vaccine": 95.0}
MAIN_SYSTEM = {"lab": "loinc", "vital": "loinc", "observation": "loinc", "condition": "snomed",
               "medicine": "rxnorm", "vaccine": "cvx", "allergy": "rxnorm"}
WANTED_KINDS = {"lab": ("lab", "metric"), "vital": ("lab", "metric"),
                "observation": ("lab", "metric"), "condition": ("condition",),
                "medicine": ("medicine",), "vaccine": ("vaccine",),
                "allergy": ("medicine", "condition")}


def concept_key(item: CodedItem) -> str:
    """The distinct concept an item stands for: its main code, any code, or its text."""
    main = item.codes_of(MAIN_SYSTEM[item.category])
    if main:
        return f"{MAIN_SYSTEM[item.category]} {main[0]}"
    if item.codes:
        return f"{item.codes[0][0]} {item.codes[0][1]}"
    return f"text {item.display.strip().lower()}"


def covered(item: CodedItem) -> bool:
    """True when the library explains this item."""
    entry = for_record(item.kind, item.code_map(), item.display)
    return entry is not None and entry.kind in WANTED_KINDS[item.category]


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--top", type=int, default=15, help="uncovered concepts to list")
    args = parser.parse_args()
    roots = args.paths or [REPO_ROOT / "tests" / "data", REPO_ROOT.parent / "shared" / "corpus"]
    start = time.perf_counter()
    files = sample_files(*roots)
    items = list(collect(files))
    lib = library()
    print(f"Sample files: {len(files)} distinct (under {', '.join(map(str, roots))}); "
          f"{len(items)} coded items; library: {len(lib.entries)} entries "
          f"({', '.join(f'{k} {v}' for k, v in Counter(e.kind for e in lib.entries).items())}), "
          f"{len(lib.cautions)} caution rules")
    if lib.problems:
        print(f"Library problems: {len(lib.problems)} (first: {lib.problems[0]})")
    by_cat: dict[str, list[tuple[CodedItem, bool]]] = defaultdict(list)
    for item in items:
        by_cat[item.category].append((item, covered(item)))
    rows = [("", "items", "covered", "by count", "distinct", "covered", "by code", "target")]
    verdicts = []
    for category, label in CATEGORIES:
        pairs = by_cat.get(category, [])
        distinct: dict[str, bool] = {}
        for item, ok in pairs:
            key = concept_key(item)
            distinct[key] = distinct.get(key, False) or ok
        hits = sum(ok for _, ok in pairs)
        target = TARGETS.get(category)
        rows.append((label, str(len(pairs)), str(hits), pct(hits, len(pairs)),
                     str(len(distinct)), str(sum(distinct.values())),
                     pct(sum(distinct.values()), len(distinct)),
                     f">= {target:g}%" if target else ""))
        if target is not None and pairs:
            met = 100 * hits / len(pairs) >= target
            verdicts.append(f"{label}: {'met' if met else 'NOT met'}")
    print()
    print(table(rows))
    print()
    print("Targets: " + "; ".join(verdicts))
    for category, label in CATEGORIES:
        missing = Counter((concept_key(i), i.display[:70]) for i, ok in by_cat.get(category, [])
                          if not ok)
        if not missing:
            continue
        print(f"\nTop uncovered {label.lower()} ({len(missing)} concepts):")
        for (key, display), count in missing.most_common(args.top):
            print(f"  {count:4d}  {key:<28} {display}")
    print(f"\n({time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()
