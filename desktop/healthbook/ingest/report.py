"""The import report: added, duplicates and skipped-with-reason per kind."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

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

    def summary(self) -> str:
        """One line for people: what was added, what was already there, what was skipped."""
        added = ", ".join(f"{n:,} {k}" for k, n in sorted(self.added.items()) if n) or "nothing"
        text = f"{self.file_name}: added {added}"
        if self.total_duplicates:
            text += f"; {self.total_duplicates:,} already in the vault"
        if self.skipped_count:
            text += f"; {sum(self.skipped_count.values()):,} skipped"
        return text + "."
