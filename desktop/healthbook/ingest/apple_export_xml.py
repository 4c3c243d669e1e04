"""Apple Health's export.xml, streamed with expat: Records gathered unconverted (RawRecords),
workouts, activity summaries, the Me element and pointers to clinical records as items.
Runs in the importing process or in the parse worker."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from typing import IO

from healthbook.i18n import _
from healthbook.ingest.context import ParseContext
from healthbook.ingest.errors import ImportFailed, UnsafeFile
from healthbook.ingest.healthkit import COLUMN_MIN, ClinicalRef, Extracted, RawRecords
from healthbook.ingest.items import Demographics, Sample, Skipped
from healthbook.ingest.safe_xml import expat_parser, strip_internal_dtd
from healthbook.timeparse import apple_time, iso_utc
from healthbook.vault import Record, RecordKind

CHUNK = 1 << 20
MAX_PROLOG = 16 << 20
SEX = {"HKBiologicalSexFemale": "female", "HKBiologicalSexMale": "male",
       "HKBiologicalSexOther": "other"}


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
            self.out.append(Skipped("Workout", a.get("startDate", ""), _("unreadable date")))
            return
        activity = a.get("workoutActivityType", "HKWorkoutActivityTypeOther")
        label = re.sub(r"(?<!^)(?=[A-Z])", " ", activity.removeprefix("HKWorkoutActivityType"))
        details: dict[str, str] = {
            k: a[k] for k in ("totalDistance", "totalDistanceUnit", "totalEnergyBurned",
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
            raise UnsafeFile(_("The XML is nested too deeply; it was refused as unsafe.")) from exc
        raise ImportFailed(_("The export is damaged or not well-formed XML ({error}).").format(
                               error=exc)) from exc
    yield from handler.take(last=True)


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
        raise ImportFailed(_("{name} could not be read: {error}.").format(
                               name=ctx.path.name, error=exc)) from exc
