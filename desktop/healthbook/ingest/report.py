"""The import report: added, duplicates and skipped-with-reason per kind."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from healthbook.i18n import _, localise_number, ngettext
from healthbook.ingest.items import Skipped

MAX_LISTED_SKIPS = 200


@dataclass
class ImportReport:
    """What one file brought into the vault."""

    file_name: str
    format: str = ""
    person: str = ""
    source_id: int | None = None
    added: Counter[str] = field(default_factory=Counter)
    duplicates: Counter[str] = field(default_factory=Counter)
    skipped: list[Skipped] = field(default_factory=list)
    skipped_count: Counter[str] = field(default_factory=Counter)
    ignored: Counter[str] = field(default_factory=Counter)

    def skip(self, item: Skipped) -> None:
        """Note a skipped item (the first few hundred are kept with their reasons)."""
        self.skipped_count[item.kind] += 1
        if len(self.skipped) < MAX_LISTED_SKIPS:
            self.skipped.append(item)

    @property
    def total_added(self) -> int:
        """Records and samples added."""
        return sum(self.added.values())

    @property
    def total_duplicates(self) -> int:
        """Records and samples already in the vault."""
        return sum(self.duplicates.values())

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (CLI --json, the source row, the GUI)."""
        return {
            "file": self.file_name,
            "format": self.format,
            "person": self.person,
            "source_id": self.source_id,
            "added": dict(sorted(self.added.items())),
            "duplicates": dict(sorted(self.duplicates.items())),
            "skipped": dict(sorted(self.skipped_count.items())),
            "skipped_items": [
                {"kind": s.kind, "id": s.ident, "reason": s.reason} for s in self.skipped
            ],
            "ignored": dict(sorted(self.ignored.items())),
        }

    def counts(self) -> str:
        """What was added, already there and skipped, in words ('added 12 results, 3
        conditions; 4 already in the vault; 2 skipped')."""
        added = ", ".join(count_of(k, n) for k, n in sorted(self.added.items()) if n) or \
            _("nothing")
        text = _("added {things}").format(things=added)
        if self.total_duplicates:
            n = self.total_duplicates
            text += "; " + ngettext("{n} already in the vault", "{n} already in the vault",
                                    n).format(n=_grouped(n))
        if self.skipped_count:
            n = sum(self.skipped_count.values())
            text += "; " + ngettext("{n} skipped", "{n} skipped", n).format(n=_grouped(n))
        return text

    def summary(self) -> str:
        """One line for people: what was added, what was already there, what was skipped."""
        return _("{file}: {counts}.").format(file=self.file_name, counts=self.counts())


def _grouped(n: int) -> str:
    return localise_number(f"{n:,}")


def count_of(kind: str, n: int) -> str:
    """'12 results', '1 condition', '3,400 samples' — a number of things of one kind."""
    forms = {
        "observation": ngettext("{n} result", "{n} results", n),
        "condition": ngettext("{n} condition", "{n} conditions", n),
        "medication": ngettext("{n} medication", "{n} medications", n),
        "allergy": ngettext("{n} allergy", "{n} allergies", n),
        "immunization": ngettext("{n} immunization", "{n} immunizations", n),
        "procedure": ngettext("{n} procedure", "{n} procedures", n),
        "encounter": ngettext("{n} visit", "{n} visits", n),
        "report": ngettext("{n} report", "{n} reports", n),
        "document": ngettext("{n} document", "{n} documents", n),
        "workout": ngettext("{n} workout", "{n} workouts", n),
        "samples": ngettext("{n} sample", "{n} samples", n),
    }
    form = forms.get(kind)
    return form.format(n=_grouped(n)) if form else f"{_grouped(n)} {kind}"


def format_label(fmt: str) -> str:
    """A format id ('fhir-json', 'lab-report'...) in words people use."""
    labels = {
        "apple-health-zip": _("Apple Health export"), "apple-health-xml": _("Apple Health export"),
        "fhir-json": _("FHIR records"), "fhir-ndjson": _("FHIR records"),
        "c-cda": _("C-CDA document"), "csv": _("CSV table"),
        "health-connect": _("Health Connect export"), "lab-report": _("lab report"),
        "manual": _("entered by hand"),
    }
    if fmt.startswith("fhir-"):
        return labels.get(fmt, _("FHIR records"))
    return labels.get(fmt, fmt)
