"""Lab results and vital-sign observations -> one fact per analyte (pure computation)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from healthbook.clinical.critical import Critical, check
from healthbook.clinical.display import organism, quantity
from healthbook.clinical.ranges import Flag, age_on, flag, pick_range, resolve_range
from healthbook.clinical.reference import Analyte, Range, analyte_for
from healthbook.clinical.trends import Trend, statement, trend
from healthbook.clinical.units import UnitMismatch, convert, display_unit, preferred_unit
from healthbook.i18n import _, current_language, format_date
from healthbook.timeparse import epoch_of
from healthbook.vault import StoredRecord


@dataclass(frozen=True, slots=True)
class Point:
    """One result in the series' unit, with where it came from."""

    when: str
    value: float
    flag: Flag
    record_id: int
    original: str  # the value and unit as the source gave it


@dataclass
class AnalyteFact:
    """Everything computed about one analyte for one person."""

    key: str
    name: str
    unit: str
    plain: str
    points: list[Point]
    range: Range | None
    trend: Trend | None
    statement: str
    critical: Critical | None
    alt_unit: str | None = None
    alt_value: float | None = None
    apart: list[tuple[int, str]] = field(default_factory=list)  # (record id, why kept apart)

    @property
    def latest(self) -> Point:
        """The most recent result."""
        return self.points[-1]

    @property
    def previous(self) -> Point | None:
        """The result before the latest."""
        return self.points[-2] if len(self.points) > 1 else None

    @property
    def flag(self) -> Flag:
        """The latest result's flag (critical when a critical rule fired)."""
        return Flag.CRITICAL if self.critical else self.latest.flag

    @property
    def out_of_range_share(self) -> float | None:
        """Share of results outside their range (None when no result has a range)."""
        judged = [p for p in self.points if p.flag in (Flag.LOW, Flag.HIGH, Flag.NORMAL,
                                                       Flag.CRITICAL)]
        if not judged:
            return None
        return sum(p.flag is not Flag.NORMAL for p in judged) / len(judged)

    @property
    def record_ids(self) -> list[int]:
        """Every record this fact rests on."""
        return [p.record_id for p in self.points] + [rid for rid, _ in self.apart]


def _group_key(stored: StoredRecord) -> tuple[str, Analyte | None]:
    r = stored.record
    grown = organism(r.details)
    if grown:  # the same antibiotic tested on two organisms: two results, never one series
        return f"{r.code_system or ''}|{r.code or r.display}|{grown}", None
    analyte = analyte_for(r.code, r.display)
    if analyte is not None:
        return analyte.key, analyte
    if r.code:
        return f"{r.code_system or ''}|{r.code}", None
    return f"name|{(r.display or '').strip().lower()}", None


def analyte_facts(observations: Iterable[StoredRecord], sex: str | None,
                  birth_date: str | None = None) -> list[AnalyteFact]:
    """One fact per analyte from numeric observations, in name order."""
    groups: dict[str, list[StoredRecord]] = defaultdict(list)
    known: dict[str, Analyte | None] = {}
    for stored in observations:
        r = stored.record
        if r.value_num is None or not r.effective:
            continue
        key, analyte = _group_key(stored)
        groups[key].append(stored)
        known[key] = analyte
    facts = [_fact(key, known[key], rows, sex, birth_date) for key, rows in groups.items()]
    return sorted((f for f in facts if f is not None), key=lambda f: f.name.lower())


def _fact(key: str, analyte: Analyte | None, rows: list[StoredRecord],
          sex: str | None, birth_date: str | None) -> AnalyteFact | None:
    rows.sort(key=lambda s: (s.record.effective or "", s.id))
    unit = preferred_unit(analyte) if analyte else _most_common_unit(rows)
    points: list[Point] = []
    apart: list[tuple[int, str]] = []
    latest_range: Range | None = None
    for stored in rows:
        r = stored.record
        assert r.value_num is not None
        source_unit = r.unit or unit
        try:
            value = convert(r.value_num, source_unit, unit, analyte)
            low, high, text = r.ref_low, r.ref_high, r.ref_text
            several = (r.details or {}).get("ranges")
            if several and (chosen := pick_range(several, age_on(birth_date, r.effective),
                                                 sex)):
                low, high, text = chosen
            rng = resolve_range(analyte, low, high, text, sex)
            if rng is not None and rng.source.startswith("the laboratory"):
                rng = Range(_maybe(rng.low, source_unit, unit, analyte),
                            _maybe(rng.high, source_unit, unit, analyte), rng.source)
            elif rng is not None and analyte is not None and unit != analyte.unit:
                # A default range is in the analyte's canonical unit.
                rng = Range(_maybe(rng.low, analyte.unit, unit, analyte),
                            _maybe(rng.high, analyte.unit, unit, analyte), rng.source)
        except UnitMismatch:
            apart.append((stored.id, _("{value} {unit} cannot be converted to {target}").format(
                value=f"{r.value_num:g}", unit=r.unit, target=display_unit(unit))))
            continue
        original = f"{r.value_num:g} {r.unit or ''}".strip()
        if r.value_text in {"<", ">", "<=", ">="}:
            original = f"{r.value_text}{original}"
        points.append(Point(r.effective or "", value, flag(value, rng, r.interpretation),
                            stored.id, original))
        latest_range = rng
    if not points:
        return None
    name = analyte.name if analyte else (rows[-1].record.display or key)
    grown = organism(rows[-1].record.details)
    if grown:  # one culture's susceptibility: named with its organism
        name = f"{name} ({grown})"
    series = [(t, p.value) for p in points if (t := epoch_of(p.when)) is not None]
    moved = trend(series)
    shown = display_unit(unit)
    called = _name_in_language(analyte, name)
    said = statement(called, moved, shown, key if analyte else None, unit) if moved else (
        _("{name}: one result, {value} on {date}.").format(
            name=called, value=quantity(points[-1].value, unit, key if analyte else None),
            date=format_date(points[-1].when)).replace("  ", " "))
    latest = points[-1]
    critical = check(analyte, latest.value, unit, latest.when, (latest.record_id,)) \
        if analyte else None
    alt_value = None
    alt_unit = _other_unit(analyte, unit)
    if alt_unit:
        try:
            alt_value = convert(latest.value, unit, alt_unit, analyte)
        except UnitMismatch:
            alt_value = None
    return AnalyteFact(key, name, unit, analyte.plain if analyte else "", points, latest_range,
                       moved, said, critical, alt_unit, alt_value, apart)


def _other_unit(analyte: Analyte | None, shown: str) -> str | None:
    """The other unit people commonly read an analyte in (its canonical unit when results
    are shown in another)."""
    if analyte is None:
        return None
    if shown != analyte.unit:
        return analyte.alt_unit if analyte.alt_unit not in (None, shown) else analyte.unit
    return analyte.alt_unit


def _name_in_language(analyte: Analyte | None, name: str) -> str:
    """What a sentence calls the analyte: its name in the knowledge library, in the current
    language ('Glycémie'); in English, or when the library lacks it, `name`."""
    lang = current_language()
    if analyte is None or lang == "en":
        return name
    from healthbook.knowledge import by_code

    for code in analyte.loinc:
        entry = by_code("loinc", code)
        if entry is not None and lang in entry.texts:
            return entry.name(lang)
    return name


def _maybe(value: float | None, source: str, target: str, analyte: Analyte | None) -> float | None:
    return None if value is None else convert(value, source, target, analyte)


def _most_common_unit(rows: list[StoredRecord]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for stored in rows:
        counts[stored.record.unit or ""] += 1
    return max(counts, key=lambda u: (counts[u], u))
