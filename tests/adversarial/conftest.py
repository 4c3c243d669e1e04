"""The adversarial suite: attacks are counted and summed up in a table at the end.

`make test-adversarial` sets HEALTHBOOK_ADVERSARIAL=1 for the full counts (50+ kill points,
10,000 fuzz inputs per parser); the normal test run tries a smaller, seeded sample of each.
"""

from __future__ import annotations

import os
from collections import defaultdict

import pytest

FULL = os.environ.get("HEALTHBOOK_ADVERSARIAL") == "1"
TALLY: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # attack -> [tried, held]


def scale(normal: int, full: int) -> int:
    """How many attacks of a kind to try in this run."""
    return full if FULL else normal


class Attacks:
    """Counts attacks tried and held, per kind."""

    def tried(self, kind: str, held: bool) -> None:
        """Count one attack."""
        TALLY[kind][0] += 1
        TALLY[kind][1] += int(held)


@pytest.fixture
def attacks() -> Attacks:
    return Attacks()


def pytest_terminal_summary(terminalreporter) -> None:  # noqa: ANN001 - pytest hook
    if not TALLY:
        return
    width = max(len(k) for k in TALLY)
    terminalreporter.write_sep("=", "adversarial summary")
    terminalreporter.write_line(f"{'attack'.ljust(width)}  tried   held")
    for kind, (tried, held) in sorted(TALLY.items()):
        mark = "" if tried == held else "   <-- did not hold"
        terminalreporter.write_line(f"{kind.ljust(width)}  {tried:5d}  {held:5d}{mark}")
    tried = sum(t for t, _ in TALLY.values())
    held = sum(h for _, h in TALLY.values())
    terminalreporter.write_line(f"{'total'.ljust(width)}  {tried:5d}  {held:5d}")
