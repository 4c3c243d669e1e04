"""Apple Health exports (export.zip or export.xml), parsed as a stream with expat.

Records, correlations (blood pressure), workouts, activity summaries and the Me element come
from export.xml; the zip's clinical-records/*.json (FHIR) and export_cda.xml are read too.
Real exports are gigabytes: nothing holds the whole document in memory. A large export.xml
is parsed in a second process (parse_worker) while this one writes to the vault.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import PurePosixPath
from typing import IO, Any

from healthbook.ingest.context import ParseContext
from healthbook.ingest.detect import check_zip_member, zip_members
from healthbook.ingest.errors import ImportFailed, UnsafeFile
from healthbook.ingest.items import Demographics, Item, Sample, SampleRows, Skipped
from healthbook.ingest.safe_xml import expat_parser, strip_internal_dtd
from healthbook.paths import resources_dir
from healthbook.timeparse import apple_span, apple_time, iso_utc
from healthbook.vault import Record, RecordKind

CHUNK = 1 << 20
MAX_PROLOG = 16 << 20
COLUMN_MIN = 64  # records of one kind in a chunk from which numpy converts them
SEX = {"HKBiologicalSexFemale": "female", "HKBiologicalSexMale": "male",
       "HKBiologicalSexOther": "other"}


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
            return Skipped(hk_type, ident, f"unknown unit {unit!r}")
        try:
            value = float(raw) * conv[2] + conv[3]
        except ValueError:
            return Skipped(hk_type, ident, "missing or non-numeric value")
        if value != value or abs(value) > 1e12:
            return Skipped(hk_type, ident, "value out of range")
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
                yield Skipped(raw.hk_type or "Record", start_text, "missing or unreadable date")
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


class _Handler:
    """expat callbacks: Records gathered as RawRecords, other elements as items."""

    def __init__(self) -> None:
        self.out: list[Extracted] = []
        self.records: dict[tuple[str, str, str], list[str]] = {}

    def start(self, name: str, a: dict[str, str]) -> None:
        """expat's start-element callback; Records (millions of them) take the short path."""
        if name != "Record":
            if name != "MetadataEntry":
                self.other(name, a)
            return
        key = (a.get("type", ""), a.get("unit", ""), a.get("sourceName", ""))
        start = a.get("startDate", "")
        texts = self.records.get(key)
        if texts is None:
            texts = self.records[key] = []
        texts += (start, a.get("endDate") or start, a.get("value", ""))

    def other(self, name: str, attrs: dict[str, str]) -> None:
        """Every element but Record and MetadataEntry."""
        if name == "Workout":
            self.workout(attrs)
        elif name == "ActivitySummary":
            self.activity(attrs)
        elif name == "Me":
            birth = attrs.get("HKCharacteristicTypeIdentifierDateOfBirth") or None
            sex = SEX.get(attrs.get("HKCharacteristicTypeIdentifierBiologicalSex", ""))
            self.out.append(Demographics(birth_date=birth, sex=sex))
        elif name == "ClinicalRecord":
            self.out.append(ClinicalRef(attrs.get("resourceFilePath", ""),
                                        attrs.get("identifier", ""),
                                        attrs.get("fhirVersion", "")))

    def take(self, last: bool = False) -> list[Extracted]:
        """What was gathered so far, Records grouped by type, unit and source; then forget.

        A group smaller than COLUMN_MIN records waits for the next chunk (unless `last`), so
        that almost every record is converted a column at a time.
        """
        items: list[Extracted] = []
        waiting: dict[tuple[str, str, str], list[str]] = {}
        for key, texts in self.records.items():
            if last or len(texts) >= 3 * COLUMN_MIN:
                items.append(RawRecords(*key, texts))
            else:
                waiting[key] = texts
        items.extend(self.out)
        self.out = []
        self.records = waiting
        return items

    def workout(self, a: dict[str, str]) -> None:
        try:
            start, end = apple_time(a["startDate"]), apple_time(a["endDate"])
        except (KeyError, ValueError):
            self.out.append(Skipped("Workout", a.get("startDate", ""), "unreadable date"))
            return
        activity = a.get("workoutActivityType", "HKWorkoutActivityTypeOther")
        label = re.sub(r"(?<!^)(?=[A-Z])", " ", activity.removeprefix("HKWorkoutActivityType"))
        details = {k: a[k] for k in ("totalDistance", "totalDistanceUnit", "totalEnergyBurned",
                                      "totalEnergyBurnedUnit", "sourceName") if k in a}
        try:
            duration = float(a["duration"]) if "duration" in a else (end - start) / 60
        except ValueError:
            duration = (end - start) / 60
        self.out.append(Record(RecordKind.WORKOUT, "apple-healthkit", activity, label,
                               value_num=round(duration, 2), unit=a.get("durationUnit", "min"),
                               effective=iso_utc(start), effective_end=iso_utc(end),
                               details=details))

    def activity(self, a: dict[str, str]) -> None:
        day = a.get("dateComponents", "")
        try:
            start = apple_time(f"{day} 00:00:00 +0000")
        except ValueError:
            return
        for attr, metric, unit in (("activeEnergyBurned", "activity_move", "kcal"),
                                   ("appleExerciseTime", "activity_exercise", "min"),
                                   ("appleStandHours", "activity_stand_hours", "h")):
            try:
                value = float(a[attr])
            except (KeyError, ValueError):
                continue
            self.out.append(Sample(metric, unit, start, 86_400, value, "Activity summary"))


def _stream_xml(stream: IO[bytes], ctx: ParseContext,
                handler: _Handler) -> Iterator[Extracted]:
    parser = expat_parser()
    parser.StartElementHandler = handler.start
    read = 0
    try:
        prefix = stream.read(CHUNK)
        # Read on until the root element has started, so the whole DOCTYPE is in the prefix.
        while b"<HealthData" not in prefix and len(prefix) < MAX_PROLOG:
            more = stream.read(CHUNK)
            if not more:
                break
            prefix += more
        read = len(prefix)
        ctx.done_bytes = read
        parser.Parse(strip_internal_dtd(prefix), False)
        while chunk := stream.read(CHUNK):
            read += len(chunk)
            ctx.done_bytes = read
            parser.Parse(chunk, False)
            yield from handler.take()
        parser.Parse(b"", True)
    except Exception as exc:  # expat.ExpatError, or a handler's UnsafeFile
        if isinstance(exc, ImportFailed):
            raise
        if isinstance(exc, RecursionError):
            raise UnsafeFile("The XML is nested too deeply; it was refused as unsafe.") from exc
        raise ImportFailed(f"The export is damaged or not well-formed XML ({exc}).") from exc
    yield from handler.take(last=True)


def parse_apple_health(ctx: ParseContext) -> Iterator[Item]:
    """Items from an Apple Health export.zip or a bare export.xml."""
    if ctx.path.suffix.lower() != ".zip" and not zipfile.is_zipfile(ctx.path):
        refs: list[ClinicalRef] = []
        yield from _without_refs(export_xml_items(ctx, None, ctx.total_bytes), refs)
        for ref in refs:
            yield Skipped("ClinicalRecord", ref.ident or ref.path,
                          f"{ref.path} is not in a bare export.xml; import the whole export.zip")
        return
    yield from _parse_zip(ctx)


def export_xml_items(ctx: ParseContext, member: str | None,
                     size: int) -> Iterator[Item | ClinicalRef]:
    """Items of export.xml (the zip `member`, or the bare file when None), `size` bytes.

    A large file is extracted by a second process while this one converts and writes, so
    the work runs on two cores.
    """
    from healthbook.ingest import parse_worker

    if parse_worker.worth_a_worker(size):
        extracted = parse_worker.items_in_worker(ctx, member)
    else:
        extracted = read_export_xml(ctx, member)
    yield from RecordConverter().items(extracted)


def read_export_xml(ctx: ParseContext, member: str | None) -> Iterator[Extracted]:
    """export.xml's Records (unconverted) and other items, parsed in this process."""
    handler = _Handler()
    if member is None:
        with ctx.path.open("rb") as fh:
            yield from _stream_xml(fh, ctx, handler)
        return
    try:
        with zipfile.ZipFile(ctx.path) as archive, archive.open(member) as stream:
            yield from _stream_xml(stream, ctx, handler)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError) as exc:
        raise ImportFailed(f"{ctx.path.name} could not be read: {exc}.") from exc


def _without_refs(items: Iterator[Item | ClinicalRef],
                  refs: list[ClinicalRef]) -> Iterator[Item]:
    """`items` with the ClinicalRefs taken out into `refs`."""
    for item in items:
        if type(item) is ClinicalRef:
            refs.append(item)
        else:
            yield item


def _parse_zip(ctx: ParseContext) -> Iterator[Item]:
    try:
        archive = zipfile.ZipFile(ctx.path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportFailed(f"{ctx.path.name} is a damaged zip file.") from exc
    with archive:
        members = {i.filename: i for i in zip_members(archive)}
        xml_name = next(n for n in members if n == "export.xml" or n.endswith("/export.xml"))
        root = PurePosixPath(xml_name).parent
        info = members[xml_name]
        check_zip_member(info, ctx.path.name)
        ctx.total_bytes = sum(i.file_size for i in members.values()) or 1
        refs: list[ClinicalRef] = []
        yield from _without_refs(export_xml_items(ctx, xml_name, info.file_size), refs)
        done = info.file_size
        prefix = _member(root, "clinical-records/")
        clinical = {n: i for n, i in members.items()
                    if n.startswith(prefix) and n.endswith(".json")}
        for ref in refs:
            if _member(root, ref.path.lstrip("/")) not in clinical:
                yield Skipped("ClinicalRecord", ref.ident or ref.path,
                              f"the export does not contain {ref.path} (referenced file missing)")
        from healthbook.ingest.fhir import items_from_json_bytes

        for name, member_info in sorted(clinical.items()):
            check_zip_member(member_info, name)
            data = archive.read(member_info)
            yield from items_from_json_bytes(data, name, lenient=True)
            done += member_info.file_size
            ctx.done_bytes = done
        cda = members.get(_member(root, "export_cda.xml"))
        if cda is not None:
            check_zip_member(cda, cda.filename)
            from healthbook.ingest.ccda import items_from_ccda_bytes

            yield from items_from_ccda_bytes(archive.read(cda), "export_cda.xml")


def _member(root: PurePosixPath, relative: str) -> str:
    """The zip member name of `relative` inside the export folder `root`."""
    return relative if str(root) in {"", "."} else f"{root}/{relative}"
