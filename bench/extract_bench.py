"""Lab report reading against generated reports with ground truth (issue 20).

Generates `--count` reports per layout (tests/labreports: French private lab, US commercial lab,
UK hospital, discharge letter, multi-page check-up; letters and check-ups alternate French and
English), turns them into born-digital PDFs, scanned PDFs (200 dpi, rotation, noise, JPEG, no
text layer) and phone photos (one JPEG per page), and reads each kind in a fresh process with
`healthbook.ingest.lab_report.extract` (or `healthbook extract FILE --json` when the Python API
is not importable). Extracted rows are matched to truth rows by analyte (LOINC through the
knowledge library), else by normalised name, on the same page. Printed per kind and language:
row recall and precision, exact value+unit rate, the right test (the row's analyte is the
printed test's), exact range rate, flag agreement, wrong values
shown without a low-confidence mark, seconds per page and the reading process's peak RSS.

Targets (issue 20): rows exact >= 99% born-digital, >= 95% scans, >= 90% photos; 0 wrong values
without a low-confidence mark; <= 3 s per page on 2 cores; peak memory <= 1 GB.

    .venv/bin/python bench/extract_bench.py [--count 3] [--start 100]
        [--kinds born-digital,scan,photo]
        [--layouts fr_lab,us_lab,...] [--misses 5] [--json build/extract_bench.json]
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import inspect
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from _common import table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KINDS = ("born-digital", "scan", "photo")
TARGET_EXACT = {"born-digital": 0.99, "scan": 0.95, "photo": 0.90}
TARGET_SECONDS_PER_PAGE = 3.0
TARGET_RSS_MB = 1024.0
REVIEW_BELOW = 0.85  # used when a row carries a confidence but no needs_review
CHILD_TIMEOUT = 3600
# Seeds from 100 on: the samples in build/labreports (generator CLI) use 0, 1, ... so that the
# bench measures on reports the reader was not tuned on.
DEFAULT_START = 100
TITLES = {"mr", "mrs", "ms", "miss", "dr", "m", "mme", "mlle", "madame", "monsieur"}

# UCUM units that are the same number for the same result (factor 1), mapped to one spelling.
SAME_UNIT = {"10*9/L": "10*3/uL", "10*12/L": "10*6/uL", "ng/mL": "ug/L", "pg/mL": "ng/L",
             "u[IU]/mL": "m[IU]/L", "uIU/mL": "m[IU]/L", "mIU/L": "m[IU]/L", "[IU]/L": "U/L",
             "IU/L": "U/L", "{INR}": "", "1": "", "{ratio}": "", "µmol/L": "umol/L",
             "mm/h": "mm/h", "mm/[h]": "mm/h"}


# --- the reading process ---------------------------------------------------------------------
def peak_rss_mb() -> float:
    """This process's peak RSS (VmHWM does not carry over an exec, unlike ru_maxrss)."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _row_dict(row: Any) -> dict[str, Any]:
    """An extracted row as plain data, whatever its type."""
    if isinstance(row, dict):
        return row
    if hasattr(row, "as_dict"):
        return dict(row.as_dict())
    names = ("name", "loinc", "analyte", "value", "value_text", "unit", "ucum", "low", "high",
             "flag", "confidence", "needs_review", "page", "box", "comparator", "range_text")
    return {n: getattr(row, n, None) for n in names}


def _extraction_dict(result: Any) -> dict[str, Any]:
    """An extraction (object, dict or bare list of rows) as plain data."""
    if isinstance(result, list):
        return {"rows": [_row_dict(r) for r in result]}
    if isinstance(result, dict):
        return {**result, "rows": [_row_dict(r) for r in result.get("rows", [])]}
    data = {k: getattr(result, k, None) for k in ("date", "lab", "patient_name", "birth_date",
                                                   "language", "pages", "kind", "warnings")}
    data["rows"] = [_row_dict(r) for r in getattr(result, "rows", [])]
    return data


def _cli_command() -> list[str]:
    exe = Path(sys.executable).parent / "healthbook"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "healthbook"]


def find_extract() -> Callable[..., Any] | None:
    """`healthbook.ingest.lab_report.extract` (the package's function, or its module's)."""
    try:
        package = importlib.import_module("healthbook.ingest.lab_report")
    except ImportError:
        return None
    found = getattr(package, "extract", None)
    if found is None:
        try:
            found = importlib.import_module("healthbook.ingest.lab_report.extract")
        except ImportError:
            return None
    if isinstance(found, ModuleType):
        found = getattr(found, "extract", None)
    return found if callable(found) else None


def child(manifest_path: str, out_path: str) -> None:
    """Read every file of a manifest in this process; write the results as JSON."""
    manifest = json.loads(Path(manifest_path).read_text(encoding="utf-8"))
    mode, problem = "api", ""
    extract = find_extract()
    if extract is None:
        problem = "Python API: healthbook.ingest.lab_report has no extract()"
        probe = subprocess.run([*_cli_command(), "extract", "--help"], capture_output=True,
                               text=True, check=False)
        if probe.returncode == 0:
            mode = "cli"
        else:
            Path(out_path).write_text(json.dumps({"missing": problem + "; CLI: `healthbook "
                                                  "extract` is not a command"}))
            return
    results = []
    for item in manifest["files"]:
        path = Path(item["path"])
        start = time.perf_counter()
        data: dict[str, Any] = {"rows": []}
        error = ""
        try:
            if extract is not None:
                takes_name = "file_name" in inspect.signature(extract).parameters
                result = extract(path, file_name=path.name) if takes_name else extract(path)
                data = _extraction_dict(result)
            else:
                out = subprocess.run([*_cli_command(), "extract", str(path), "--json"],
                                     capture_output=True, text=True, check=False,
                                     timeout=CHILD_TIMEOUT)
                if out.returncode == 0:
                    data = _extraction_dict(json.loads(out.stdout))
                else:
                    error = (out.stderr.strip() or out.stdout.strip()).splitlines()[-1:]
                    error = error[0] if error else f"exit {out.returncode}"
        except Exception as exc:  # a failure on one file is a figure, not a stop
            error = f"{type(exc).__name__}: {exc}"
        seconds = time.perf_counter() - start
        results.append({**item, "seconds": seconds, "error": error, "extraction": data})
    rss = peak_rss_mb()
    if mode == "cli":
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    Path(out_path).write_text(json.dumps({"mode": mode, "rss_mb": rss, "results": results},
                                         default=str), encoding="utf-8")


# --- inputs ----------------------------------------------------------------------------------
def make_inputs(folder: Path, count: int, layouts: tuple[str, ...], kinds: tuple[str, ...],
                start_seed: int = 0
                ) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]], float]:
    """Write the reports of each kind into `folder`; return (truth by report, files by kind,
    generation seconds)."""
    from tests.labreports.generator import make_report, render_pages, scanned_pdf, to_photo, to_scan

    start = time.perf_counter()
    truths: dict[str, Any] = {}
    files: dict[str, list[dict[str, Any]]] = {kind: [] for kind in kinds}
    for layout in layouts:
        for seed in range(start_seed, start_seed + count):
            report = make_report(layout, seed)
            stem, truth = report.name, report.truth
            truths[stem] = truth
            pages = list(range(1, truth.pages + 1))
            if "born-digital" in kinds:
                path = folder / f"{stem}.pdf"
                path.write_bytes(report.pdf)
                files["born-digital"].append({"path": str(path), "report": stem,
                                              "pages": pages})
            if "scan" not in kinds and "photo" not in kinds:
                continue
            images = render_pages(report.pdf, 200)
            if "scan" in kinds:
                path = folder / f"{stem}_scan.pdf"
                path.write_bytes(scanned_pdf([to_scan(img, seed * 100 + k)
                                              for k, img in enumerate(images)]))
                files["scan"].append({"path": str(path), "report": stem, "pages": pages})
            if "photo" in kinds:
                for k, img in enumerate(images, start=1):
                    path = folder / f"{stem}_photo_p{k}.jpg"
                    to_photo(img, seed * 100 + k).save(path, "JPEG", quality=90)
                    files["photo"].append({"path": str(path), "report": stem, "pages": [k]})
    return truths, files, time.perf_counter() - start


def run_kind(folder: Path, kind: str, files: list[dict[str, Any]]) -> dict[str, Any]:
    """Read one kind's files in a fresh process."""
    manifest, out = folder / f"manifest_{kind}.json", folder / f"results_{kind}.json"
    manifest.write_text(json.dumps({"files": files}), encoding="utf-8")
    proc = subprocess.run([sys.executable, __file__, "--child", str(manifest), str(out)],
                          capture_output=True, text=True, check=False, timeout=CHILD_TIMEOUT,
                          cwd=ROOT)
    if not out.exists():
        tail = "\n".join(proc.stderr.strip().splitlines()[-5:])
        return {"missing": f"the reading process failed (exit {proc.returncode}): {tail}"}
    return json.loads(out.read_text(encoding="utf-8"))


# --- scoring ---------------------------------------------------------------------------------
def norm_text(text: Any) -> str:
    """Lower case, no accents, letters and digits only ('Négatif ' -> 'negatif')."""
    text = unicodedata.normalize("NFKD", str(text or "")).replace("µ", "u").replace("μ", "u")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]+", "", text.casefold())


def norm_ucum(unit: Any) -> str | None:
    """A UCUM unit in one spelling per 'same number' family; None when absent."""
    if unit is None:
        return None
    unit = str(unit).strip()
    unit = SAME_UNIT.get(unit, unit)
    return re.sub(r"[{}_\s]", "", unit).casefold()


def same_number(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return False
    try:
        x, y = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(x - y) <= 1e-9 + 1e-6 * abs(y)


def same_bound(a: Any, b: float | None) -> bool:
    return a is None and b is None or (b is not None and same_number(a, b))


def comparator_of(row: dict[str, Any]) -> str | None:
    if row.get("comparator"):
        return str(row["comparator"]).replace("=", "")
    text = str(row.get("value_text") or "").strip()
    return text[0] if text[:1] in ("<", ">", "≤", "≥") else None


def flagged_for_review(row: dict[str, Any]) -> bool:
    if row.get("needs_review") is not None:
        return bool(row["needs_review"])
    confidence = row.get("confidence")
    return confidence is not None and float(confidence) < REVIEW_BELOW


def value_unit_ok(ext: dict[str, Any], truth: Any) -> tuple[bool, str]:
    """Whether the extracted value and unit are the printed ones; 'primary' or 'alt' says
    which line of a two-unit result they matched."""
    if truth.is_text:
        got = ext.get("value_text") if ext.get("value_text") else ext.get("value")
        ok = norm_text(got) == norm_text(truth.value) and not (ext.get("ucum") or "")
        return ok, "primary"
    candidates = [("primary", truth.value, truth.ucum, truth.comparator)]
    if truth.alt is not None:
        candidates.append(("alt", truth.alt.value, truth.alt.ucum, truth.comparator))
    for line, value, ucum, comparator in candidates:
        if not same_number(ext.get("value"), value) or comparator_of(ext) != comparator:
            continue
        got = norm_ucum(ext.get("ucum"))
        if got == norm_ucum(ucum) or (norm_ucum(ucum) == "" and not ext.get("unit")):
            return True, line
    return False, "primary"


def range_ok(ext: dict[str, Any], truth: Any, line: str) -> bool:
    low, high = (truth.alt.low, truth.alt.high) if line == "alt" else (truth.low, truth.high)
    return same_bound(ext.get("low"), low) and same_bound(ext.get("high"), high)


def flag_ok(ext: dict[str, Any], truth: Any) -> bool:
    got = ext.get("flag")
    got = {"HH": "H", "LL": "L"}.get(got, got)
    if truth.flag is None:
        return not got
    if got in ("H", "L"):
        return got == truth.flag
    return bool(got)


def match_rows(ext_rows: list[dict[str, Any]], truth_rows: list[Any], pages: list[int]
               ) -> tuple[list[tuple[dict[str, Any], Any]], list[dict[str, Any]], list[Any]]:
    """Pair extracted rows with truth rows: by analyte on the same page, then by name."""
    from tests.labreports.truth import loinc_index

    index = loinc_index()
    unmatched = list(truth_rows)
    pairs: list[tuple[dict[str, Any], Any]] = []
    spurious: list[dict[str, Any]] = []

    def page_of(ext: dict[str, Any]) -> int | None:
        page = ext.get("page")
        if isinstance(page, int) and 1 <= page <= len(pages):
            return pages[page - 1]
        return None

    def take(ext: dict[str, Any], test: Any) -> bool:
        page = page_of(ext)
        found = [t for t in unmatched if test(t) and (page is None or t.page == page)]
        if not found:
            return False
        best = max(found, key=lambda t: (norm_text(t.name_as_printed) == norm_text(
            ext.get("name")), value_unit_ok(ext, t)[0]))
        unmatched.remove(best)
        pairs.append((ext, best))
        return True

    later = []
    for ext in ext_rows:
        analyte = ext.get("analyte") or index.get(str(ext.get("loinc") or ""))
        if not (analyte and take(ext, lambda t, a=analyte: t.analyte == a)):
            later.append(ext)
    for ext in later:
        name = norm_text(ext.get("name"))
        if not (name and take(ext, lambda t, n=name: norm_text(t.name_as_printed) == n)):
            spurious.append(ext)
    return pairs, spurious, unmatched


@dataclass
class Score:
    """Counts for one group of files."""

    files: int = 0
    pages: int = 0
    seconds: float = 0.0
    truth: int = 0
    extracted: int = 0
    matched: int = 0
    exact: int = 0
    test_ok: int = 0
    range_exact: int = 0
    flag_ok: int = 0
    wrong_unmarked: int = 0
    spurious_unmarked: int = 0
    header_files: int = 0
    date_ok: int = 0
    name_ok: int = 0
    lab_ok: int = 0
    errors: int = 0
    misses: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def pct(self, part: int, whole: int) -> str:
        return f"{100 * part / whole:.1f}%" if whole else "-"


def score_file(result: dict[str, Any], truth: Any, score: Score, keep_misses: int) -> None:
    """Add one file's figures to a score."""
    pages = result["pages"]
    truth_rows = [r for r in truth.rows if r.page in pages]
    data = result.get("extraction") or {}
    ext_rows = data.get("rows") or []
    pairs, spurious, unmatched = match_rows(ext_rows, truth_rows, pages)
    score.files += 1
    score.pages += len(pages)
    score.seconds += result["seconds"]
    score.errors += bool(result.get("error"))
    score.truth += len(truth_rows)
    score.extracted += len(ext_rows)
    score.matched += len(pairs)
    label = Path(result["path"]).name

    def note(category: str, text: str) -> None:
        if len(score.misses[category]) < keep_misses:
            score.misses[category].append(text)

    if result.get("error"):
        note("errors", f"{label}: {result['error']}")
    from tests.labreports.truth import loinc_index

    index = loinc_index()
    for ext, row in pairs:
        ok, line = value_unit_ok(ext, row)
        score.exact += ok
        analyte = ext.get("analyte") or index.get(str(ext.get("loinc") or ""))
        score.test_ok += analyte == row.analyte
        if analyte != row.analyte:
            note("wrong test", f"{label} p{row.page} {row.name_as_printed!r}: truth "
                               f"{row.analyte} -> {analyte}"
                               f"{'' if flagged_for_review(ext) else ' (not marked)'}")
        score.range_exact += range_ok(ext, row, line)
        score.flag_ok += flag_ok(ext, row)
        read = ext.get("value_text", ext.get("value"))
        if not ok and not flagged_for_review(ext):
            score.wrong_unmarked += 1
            note("wrong and not marked", f"{label} p{row.page} {row.name_as_printed!r}: truth "
                                         f"{row.value_printed} {row.unit} -> read {read!r} "
                                         f"{ext.get('unit')!r} [{ext.get('ucum')}]")
        if not ok:
            note("misread", f"{label} p{row.page} {row.name_as_printed!r}: truth "
                            f"{row.value_printed} {row.unit} [{row.ucum}] -> read {read!r} "
                            f"{ext.get('unit')!r} [{ext.get('ucum')}]"
                            f"{'' if flagged_for_review(ext) else ' (not marked)'}")
    for ext in spurious:
        if not flagged_for_review(ext):
            score.spurious_unmarked += 1
        note("extra", f"{label} p{ext.get('page')}: {ext.get('name')!r} "
                      f"{ext.get('value_text', ext.get('value'))!r}")
    for row in unmatched:
        note("missed", f"{label} p{row.page}: {row.name_as_printed!r} {row.value_printed} "
                       f"{row.unit}")
    if 1 in pages:
        score.header_files += 1
        score.date_ok += data.get("date") == truth.date
        got = sorted(norm_text(w) for w in str(data.get("patient_name") or "").split()
                     if norm_text(w) not in TITLES)
        want = sorted(norm_text(w) for w in truth.patient_name.split()
                      if norm_text(w) not in TITLES)  # "KAREN M": the initial, not "M."
        score.name_ok += bool(got) and got == want
        lab, want = norm_text(data.get("lab")), norm_text(truth.lab)
        score.lab_ok += bool(lab) and (want in lab or lab in want)


def report(scores: dict[tuple[str, str], Score], rss: dict[str, float], mode: str,
           generation: float, layouts: dict[tuple[str, str], Score]) -> str:
    """The tables."""
    rows = [("kind", "lang", "files", "pages", "rows", "recall", "precision", "exact v+u",
             "target", "right test", "range exact", "flag ok", "wrong unmarked", "extra unmarked",
             "date ok",
             "name ok", "lab ok", "s/page", "peak RSS MB")]
    for (kind, lang), s in sorted(scores.items(), key=lambda kv: (KINDS.index(kv[0][0]),
                                                                  kv[0][1])):
        rows.append((kind, lang, str(s.files), str(s.pages), str(s.truth),
                     s.pct(s.matched, s.truth), s.pct(s.matched, s.extracted),
                     s.pct(s.exact, s.truth), f">= {TARGET_EXACT[kind]:.0%}",
                     s.pct(s.test_ok, s.matched),
                     s.pct(s.range_exact, s.truth), s.pct(s.flag_ok, s.matched),
                     f"{s.wrong_unmarked} (target 0)", str(s.spurious_unmarked),
                     s.pct(s.date_ok, s.header_files), s.pct(s.name_ok, s.header_files),
                     s.pct(s.lab_ok, s.header_files),
                     f"{s.seconds / max(1, s.pages):.2f}", f"{rss.get(kind, 0):.0f}"))
    lines = [table(rows), "",
             f"Targets: rows exact >= 99% born-digital, >= 95% scans, >= 90% photos; 0 wrong "
             f"values without a low-confidence mark; <= {TARGET_SECONDS_PER_PAGE:.0f} s per "
             f"page; peak RSS <= {TARGET_RSS_MB:.0f} MB.",
             f"Read through the {'Python API' if mode == 'api' else 'command line'}; "
             f"generating the inputs took {generation:.1f} s.", ""]
    per_layout = [("kind", "layout", "files", "rows", "recall", "precision", "exact v+u",
                   "range exact", "errors")]
    for (kind, layout), s in sorted(layouts.items(), key=lambda kv: (KINDS.index(kv[0][0]),
                                                                     kv[0][1])):
        per_layout.append((kind, layout, str(s.files), str(s.truth), s.pct(s.matched, s.truth),
                           s.pct(s.matched, s.extracted), s.pct(s.exact, s.truth),
                           s.pct(s.range_exact, s.truth), str(s.errors)))
    lines.append(table(per_layout))
    return "\n".join(lines)


def main() -> int:
    from tests.labreports.generator import LAYOUTS

    parser = argparse.ArgumentParser(description="Lab report reading against ground truth.")
    parser.add_argument("--count", type=int, default=3, help="reports per layout (default 3)")
    parser.add_argument("--start", type=int, default=DEFAULT_START,
                        help=f"first seed (default {DEFAULT_START}: not the samples' seeds)")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--layouts", default=",".join(LAYOUTS))
    parser.add_argument("--misses", type=int, default=0,
                        help="print up to N misread, missed or extra rows per kind")
    parser.add_argument("--json", type=Path, help="also write every file's figures here")
    args = parser.parse_args()
    kinds = tuple(k for k in args.kinds.split(",") if k)
    layouts = tuple(k for k in args.layouts.split(",") if k)
    unknown = [k for k in kinds if k not in KINDS] + [k for k in layouts if k not in LAYOUTS]
    if unknown:
        parser.error(f"unknown: {', '.join(unknown)}")

    scores: dict[tuple[str, str], Score] = defaultdict(Score)
    by_layout: dict[tuple[str, str], Score] = defaultdict(Score)
    misses: dict[str, Score] = defaultdict(Score)
    rss: dict[str, float] = {}
    mode = "api"
    details: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="extract_bench_") as tmp:
        folder = Path(tmp)
        truths, files, generation = make_inputs(folder, args.count, layouts, kinds, args.start)
        n_files = sum(len(v) for v in files.values())
        print(f"Generated {len(truths)} reports, {n_files} files in {generation:.1f} s.",
              flush=True)
        for kind in kinds:
            started = time.perf_counter()
            out = run_kind(folder, kind, files[kind])
            if "missing" in out:
                print(f"The lab report reader is not there yet ({out['missing']}); "
                      "nothing measured.")
                return 0
            mode, rss[kind] = out["mode"], out["rss_mb"]
            for result in out["results"]:
                truth = truths[result["report"]]
                for group in (scores[kind, truth.language], by_layout[kind, truth.layout]):
                    score_file(result, truth, group, 0)
                score_file(result, truth, misses[kind], args.misses)
                if args.json:
                    details.append({"kind": kind, "file": Path(result["path"]).name,
                                    "seconds": result["seconds"], "error": result["error"],
                                    "extraction": result["extraction"]})
            print(f"  {kind}: {len(files[kind])} files read in "
                  f"{time.perf_counter() - started:.1f} s", flush=True)
    print()
    print(report(scores, rss, mode, generation, by_layout))
    if args.misses:
        for kind in kinds:
            for category, lines in misses[kind].misses.items():
                print(f"\n{kind}, {category} (first {args.misses}):")
                print("\n".join(f"  {line}" for line in lines))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"truth": {k: t.to_json() for k, t in truths.items()},
                                         "results": details}, ensure_ascii=False, default=str),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit(main())
