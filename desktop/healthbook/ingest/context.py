"""What a parser gets: the file and a place to report how far it has read."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class ParseContext:
    """The file being parsed and the bytes read so far (for the progress bar)."""

    path: Path
    total_bytes: int
    done_bytes: int = 0
