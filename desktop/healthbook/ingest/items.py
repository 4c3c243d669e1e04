"""What parsers produce: records, wearable samples, demographics and skipped items."""

from __future__ import annotations

from dataclasses import dataclass

from healthbook.vault import Record


@dataclass(frozen=True, slots=True)
class Sample:
    """One wearable measurement, already in its metric's canonical unit."""

    metric: str
    unit: str
    start: int
    duration: int
    value: float
    device: str = ""


@dataclass(frozen=True, slots=True)
class SampleRows:
    """Many samples of one metric from one device: (start, duration, value) rows.

    The high-volume form of Sample: parsers of wearable exports group rows so that the
    importer resolves the metric and device once per batch, not once per sample.
    """

    metric: str
    unit: str
    device: str
    rows: list[tuple[int, int, float]]


@dataclass(frozen=True, slots=True)
class Demographics:
    """What a file says about the person (used only to fill unknown fields)."""

    birth_date: str | None = None
    sex: str | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    """Something in the file that was not imported, and why."""

    kind: str
    ident: str
    reason: str


@dataclass(frozen=True, slots=True)
class Ignored:
    """A resource type Healthbook does not keep (billing, practitioners...): counted only."""

    kind: str


Item = Record | Sample | SampleRows | Demographics | Skipped | Ignored
