"""CSV files: lab results and wellness logs (date, test, value, unit, optional range), and
MyFitnessPal's nutrition export. Columns are found by their header names; a mapping the user
confirmed is remembered per header layout (header names only, never values)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path

from healthbook.i18n import _
from healthbook.ingest.context import ParseContext
from healthbook.ingest.errors import ImportFailed
from healthbook.ingest.items import Item, Sample, Skipped
from healthbook.paths import config_dir
from healthbook.timeparse import epoch_of, normalize_when
from healthbook.vault import Record, RecordKind

ROLES = ("date", "test", "value", "unit", "range", "low", "high")
SYNONYMS = {
    "date": {"date", "time", "datetime", "date/time", "effective", "collected", "taken",
             "timestamp", "day"},
    "test": {"test", "analyte", "metric", "name", "measurement", "type", "item", "parameter",
             "test name"},
    "value": {"value", "result", "amount", "reading", "measurement value"},
    "unit": {"unit", "units", "uom"},
    "range": {"range", "reference range", "ref range", "reference", "normal range",
              "reference interval"},
    "low": {"low", "ref low", "reference low", "min", "lower"},
    "high": {"high", "ref high", "reference high", "max", "upper"},
}
MFP_COLUMNS = {  # MyFitnessPal nutrition export column -> (metric, unit)
    "calories": ("dietary_energy", "kcal"), "fat (g)": ("dietary_fat", "g"),
    "carbohydrates (g)": ("dietary_carbohydrates", "g"), "protein (g)": ("dietary_protein", "g"),
    "sodium (mg)": ("dietary_sodium", "mg"), "sugar": ("dietary_sugar", "g"),
    "fiber": ("dietary_fiber", "g"), "cholesterol": ("dietary_cholesterol", "mg"),
}
MAX_CSV_BYTES = 256 << 20


def _norm(header: str) -> str:
    return " ".join(header.strip().lower().replace("_", " ").split())


def mapping_store() -> Path:
    """Where confirmed column mappings are remembered."""
    return config_dir() / "csv_mappings.json"


def remembered_mapping(headers: list[str]) -> dict[str, str] | None:
    """A mapping saved earlier for exactly this header layout."""
    try:
        saved = json.loads(mapping_store().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    found = saved.get("|".join(_norm(h) for h in headers))
    return dict(found) if isinstance(found, dict) else None


def remember_mapping(headers: list[str], mapping: Mapping[str, str]) -> None:
    """Save a confirmed mapping (header names only) for next time."""
    path = mapping_store()
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        saved = {}
    saved["|".join(_norm(h) for h in headers)] = dict(mapping)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(saved, indent=1), encoding="utf-8")


def remember_headers_of(path: Path, mapping: Mapping[str, str]) -> None:
    """Remember `mapping` for the header layout of the CSV file at `path`."""
    text = _decode(path.read_bytes()[:65536], path.name)
    try:
        first = next(csv.reader(io.StringIO(text, newline=None), _dialect(text)), [])
    except csv.Error:
        return
    remember_mapping([h.strip() for h in first], mapping)


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """Role -> header, from header names (what the mapping step pre-fills)."""
    mapping: dict[str, str] = {}
    for header in headers:
        name = _norm(header)
        for role in ROLES:
            if role not in mapping and (name in SYNONYMS[role] or name.startswith(f"{role} (")):
                mapping[role] = header
                break
    return mapping


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise ImportFailed(_("{name} is not UTF-8 text; save it as 'CSV UTF-8'.").format(
                                   name=name)) from exc


def _dialect(text: str) -> csv.Dialect | type[csv.Dialect]:
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _number(text: str, decimal_comma: bool) -> tuple[float | None, str | None]:
    raw = text.strip().replace("\u2009", "").replace(" ", "")
    comparator = None
    m = re.match(r"^(<=|>=|<|>|≤|≥)\s*(.*)$", raw)
    if m:
        comparator, raw = m.group(1).replace("≤", "<=").replace("≥", ">="), m.group(2)
    if decimal_comma:
        raw = raw.replace(".", "").replace(",", ".") if raw.count(",") == 1 else raw
    try:
        value = float(raw)
    except ValueError:
        return None, comparator
    if value != value or abs(value) > 1e12:
        raise ValueError(_("value out of range"))
    return value, comparator


def _range(text: str, decimal_comma: bool) -> tuple[float | None, float | None, str | None]:
    text = text.strip()
    if not text:
        return None, None, None
    m = re.match(r"^\s*([\d.,]+)\s*(?:-|–|to)\s*([\d.,]+)\s*$", text)
    if m:
        return _number(m.group(1), decimal_comma)[0], _number(m.group(2), decimal_comma)[0], None
    return None, None, text


def _when(text: str, day_first: bool) -> str | None:
    text = text.strip()
    iso = normalize_when(text.replace("/", "-")) if re.match(r"^\d{4}", text) else None
    if iso:
        return iso
    m = re.match(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:[ T](\d{1,2}):(\d{2}))?", text)
    if not m:
        return None
    a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    day, month = (a, b) if day_first or "." in text[:6] else (b, a)
    try:
        base = date(year, month, day).isoformat()
    except ValueError:
        return None
    if m.group(4):
        return normalize_when(f"{base}T{int(m.group(4)):02d}:{m.group(5)}:00")
    return base


def _day_first(rows: list[list[str]], index: int) -> bool:
    for row in rows:
        m = re.match(r"^(\d{1,2})[/-](\d{1,2})[/-]\d{4}", row[index].strip()) \
            if index < len(row) else None
        if m and int(m.group(1)) > 12:
            return True
    return False


def items_from_csv_text(text: str, name: str,
                        mapping: Mapping[str, str] | None = None) -> Iterator[Item]:
    """Items from CSV text; `mapping` (role -> header) overrides the guessed columns."""
    dialect = _dialect(text)
    try:
        # newline=None: old Mac (CR) and Windows (CRLF) line ends both read as rows.
        rows = list(csv.reader(io.StringIO(text, newline=None), dialect))
    except csv.Error as exc:
        raise ImportFailed(_("{name} is not a readable CSV file ({error}).").format(
                               name=name, error=exc)) from exc
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if len(rows) < 2:
        raise ImportFailed(_("{name} has no data rows under its header.").format(name=name))
    headers = [h.strip() for h in rows[0]]
    normalized = [_norm(h) for h in headers]
    if "meal" in normalized and "calories" in normalized and "date" in normalized:
        yield from _myfitnesspal(headers, rows[1:], name)
        return
    columns = dict(mapping or remembered_mapping(headers) or guess_mapping(headers))
    missing = [role for role in ("date", "test", "value") if role not in columns]
    if missing:
        raise ImportFailed(
            _("{name}: no column for {columns} was found (headers: {headers}). Choose the columns "
              "in the import dialog, or pass --csv-map date=COLUMN,test=COLUMN,value=COLUMN."
              ).format(name=name, columns=", ".join(missing), headers=", ".join(headers)))
    try:
        index = {role: headers.index(header) for role, header in columns.items()}
    except ValueError as exc:
        raise ImportFailed(_("{name}: the column mapping names a missing column ({error}).").format(
                               name=name, error=exc)) from exc
    decimal_comma = getattr(dialect, "delimiter", ",") == ";"
    day_first = _day_first(rows[1:], index["date"])

    def cell(row: list[str], role: str) -> str:
        i = index.get(role)
        return row[i] if i is not None and i < len(row) else ""

    for line, row in enumerate(rows[1:], 2):
        when = _when(cell(row, "date"), day_first)
        test = cell(row, "test").strip()
        if not when or not test:
            yield Skipped("csv row", _("line {n}").format(n=line),
                          _("missing or unreadable date or test name"))
            continue
        try:
            value, comparator = _number(cell(row, "value"), decimal_comma)
            low, high, ref_text = _range(cell(row, "range"), decimal_comma)
            if "low" in index:
                low = _number(cell(row, "low"), decimal_comma)[0]
            if "high" in index:
                high = _number(cell(row, "high"), decimal_comma)[0]
        except ValueError as exc:
            yield Skipped("csv row", _("line {n}").format(n=line), str(exc))
            continue
        text_value = comparator if value is not None else (cell(row, "value").strip() or None)
        if value is None and text_value is None:
            yield Skipped("csv row", _("line {n}").format(n=line), _("no value"))
            continue
        yield Record(RecordKind.OBSERVATION, None, None, test, value_num=value,
                     value_text=text_value, unit=cell(row, "unit").strip() or None,
                     ref_low=low, ref_high=high, ref_text=ref_text, category="csv",
                     effective=when, original_format="csv")


def _myfitnesspal(headers: list[str], rows: list[list[str]], name: str) -> Iterator[Item]:
    normalized = [_norm(h) for h in headers]
    date_i = normalized.index("date")
    totals: dict[tuple[str, str, str], float] = {}
    for line, row in enumerate(rows, 2):
        when = _when(row[date_i], False) if date_i < len(row) else None
        start = epoch_of(when[:10]) if when else None
        if not when or start is None:
            yield Skipped("csv row", _("line {n}").format(n=line), _("unreadable date"))
            continue
        for i, header in enumerate(normalized):
            target = MFP_COLUMNS.get(header)
            if target is None or i >= len(row):
                continue
            value, _comparator = _number(row[i], False)
            if value is not None:
                key = (when[:10], *target)
                totals[key] = totals.get(key, 0.0) + value
    for (day, metric, unit), total in sorted(totals.items()):
        start = epoch_of(day)
        assert start is not None
        yield Sample(metric, unit, start, 86_400, round(total, 3), "MyFitnessPal")


def parse_csv(ctx: ParseContext, mapping: Mapping[str, str] | None = None) -> Iterator[Item]:
    """Parser for a CSV file."""
    if ctx.total_bytes > MAX_CSV_BYTES:
        raise ImportFailed(_("{name} is too large for a CSV import (over 256 MB).").format(
                               name=ctx.path.name))
    data = ctx.path.read_bytes()
    ctx.done_bytes = len(data)
    yield from items_from_csv_text(_decode(data, ctx.path.name), ctx.path.name, mapping)
