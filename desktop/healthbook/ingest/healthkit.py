"""HealthKit values -> Healthbook samples: the types, units and conversions Apple uses.

Shared by the export.xml reader, its parse worker and the C-CDA importer (Apple's
export_cda.xml), so none of them imports another.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, final

from healthbook.i18n import _
from healthbook.ingest.items import Item, Sample, SampleRows, Skipped
from healthbook.paths import resources_dir
from healthbook.timeparse import apple_span

COLUMN_MIN = 64  # records of one kind in a chunk from which numpy converts them


@cache
def _types() -> dict[str, Any]:
    path = resources_dir() / "reference" / "apple_health_types.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _snake(identifier: str) -> str:
    name = re.sub(r"^HK(Quantity|Category)TypeIdentifier", "", identifier)
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower() or "unknown"


class HealthKitConverter:
    """HealthKit quantity/category values -> samples in Healthbook's canonical units."""

    def __init__(self) -> None:
        self.quantity = _types()["quantity"]
        self.category = _types()["category"]
        self.unit_cache: dict[tuple[str, str], tuple[str, str, float, float] | None] = {}

    def quantity_conversion(self, hk_type: str,
                            unit: str) -> tuple[str, str, float, float] | None:
        """(metric, canonical unit, factor, offset) for a quantity type in `unit`, or None
        when the type is a category or the unit is unknown."""
        key = (hk_type, unit)
        if key in self.unit_cache:
            return self.unit_cache[key]
        known = self.quantity.get(hk_type)
        result: tuple[str, str, float, float] | None
        if hk_type.startswith("HKCategoryTypeIdentifier"):
            result = None
        elif known is None:
            result = (_snake(hk_type), unit or "1", 1.0, 0.0)
        elif unit in known[2]:
            factor, offset = known[2][unit]
            result = (known[0], known[1], float(factor), float(offset))
        else:
            result = None
        self.unit_cache[key] = result
        return result

    def item(self, hk_type: str, unit: str, raw: str, start: int, end: int, device: str,
             ident: str) -> Item:
        """The sample (or the reason it was skipped) for one HealthKit value."""
        if hk_type.startswith("HKCategoryTypeIdentifier"):
            return self._category(hk_type, raw, start, end, device)
        conv = self.quantity_conversion(hk_type, unit)
        if conv is None:
            return Skipped(hk_type, ident, _("unknown unit {unit}").format(unit=repr(unit)))
        try:
            value = float(raw) * conv[2] + conv[3]
        except ValueError:
            return Skipped(hk_type, ident, _("missing or non-numeric value"))
        if value != value or abs(value) > 1e12:
            return Skipped(hk_type, ident, _("value out of range"))
        return Sample(conv[0], conv[1], start, max(0, end - start), value, device)

    def _category(self, hk_type: str, raw: str, start: int, end: int, device: str) -> Item:
        """A category sample. Some values go to a metric of their own (sleep: time in bed and
        awake time), so that a night's sleep is not counted twice with the time in bed."""
        known = self.category.get(hk_type)
        metric, values = (known[0], known[1]) if known else (_snake(hk_type), {})
        if known and len(known) > 2:
            metric = known[2].get(raw, metric)
        value = values.get(raw)
        if value is None:
            try:
                value = float(raw) if raw else 1.0
            except ValueError:
                value = 1.0
        return Sample(metric, "1", start, max(0, end - start), float(value), device)


@final  # no subclasses: `type(item) is RawRecords` tells it apart (and narrows the type)
@dataclass(frozen=True, slots=True)
class RawRecords:
    """Records of one HealthKit type, unit and source as the XML has them, not yet converted.

    `texts` is flat: startDate, endDate, value, startDate, ... Extracting and converting are
    separate steps, so a large export is extracted in one process and converted in another.
    """

    hk_type: str
    unit: str
    device: str
    texts: list[str]


@final  # no subclasses: `type(item) is ClinicalRef` tells it apart (and narrows the type)
@dataclass(frozen=True, slots=True)
class ClinicalRef:
    """export.xml's pointer to one of the export's clinical-records/*.json files."""

    path: str
    ident: str
    fhir_version: str


Extracted = Item | RawRecords | ClinicalRef  # what export.xml's extraction step yields


class RecordConverter:
    """RawRecords -> samples in canonical units (and Skipped for what cannot be read)."""

    def __init__(self) -> None:
        self.convert = HealthKitConverter()

    def items(self, extracted: Iterator[Extracted]) -> Iterator[Item | ClinicalRef]:
        """`extracted` with every RawRecords converted; the rest pass through."""
        for item in extracted:
            if type(item) is RawRecords:
                yield from self.convert_rows(item)
            else:
                yield item

    def convert_rows(self, raw: RawRecords) -> Iterator[Item]:
        """Samples (quantities grouped as SampleRows) and skips for one RawRecords.

        Quantities in a known unit are converted a column at a time; what that cannot read,
        and categories, go one record at a time through HealthKitConverter.item.
        """
        conv = self.convert.quantity_conversion(raw.hk_type, raw.unit)
        count = len(raw.texts) // 3
        rows: list[tuple[int, int, float]] = []
        rest: Iterable[int] = range(count)
        if conv is not None and count >= COLUMN_MIN:
            from healthbook.ingest.apple_columns import quantity_rows

            rows, rest = quantity_rows(raw.texts, conv[2], conv[3])
        for i in rest:
            start_text, end_text, value_text = raw.texts[3 * i:3 * i + 3]
            try:
                start, end = apple_span(start_text, end_text)
            except ValueError:
                yield Skipped(raw.hk_type or "Record", start_text, _("missing or unreadable date"))
                continue
            item = self.convert.item(raw.hk_type, raw.unit, value_text, start, end, raw.device,
                                     start_text)
            if conv is not None and type(item) is Sample:  # a quantity: into the rows
                rows.append((item.start, item.duration, item.value))
            else:
                yield item
        if rows:
            assert conv is not None
            yield SampleRows(conv[0], conv[1], raw.device, rows)
