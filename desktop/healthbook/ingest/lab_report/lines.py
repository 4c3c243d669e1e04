"""Words on a page -> lines (same baseline) -> cells (runs of words split by column gaps)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from healthbook.ingest.lab_report.model import Box, Word

# A gap wider than this many word heights separates two cells (columns) of a line.
CELL_GAP = 0.9
_SPACE_LIKE = re.compile(r"^[\s_.…·|]+$")


@dataclass(slots=True)
class Line:
    """One printed line: its words left to right, grouped into cells."""

    page: int
    words: list[Word]
    cells: list[list[Word]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def box(self) -> Box:
        return box_of(self.words)

    @property
    def height(self) -> float:
        return median(w.height for w in self.words)

    def cell_texts(self) -> list[str]:
        return [" ".join(w.text for w in cell) for cell in self.cells]


def box_of(words: list[Word]) -> Box:
    """The box around some words."""
    return (min(w.x0 for w in words), min(w.y0 for w in words),
            max(w.x1 for w in words), max(w.y1 for w in words))


def group_lines(words: list[Word], page: int) -> list[Line]:
    """Words grouped into lines, top to bottom, each left to right and split into cells."""
    words = [w for w in words if w.text.strip() and not _SPACE_LIKE.match(w.text)
             and w.x1 > w.x0 and w.y1 > w.y0]
    # Tall words first within a band, so that small glyphs find their line already there.
    words.sort(key=lambda w: ((w.y0 + w.y1) / 2, w.x0))
    rows: list[list[Word]] = []
    centres: list[float] = []
    heights: list[float] = []
    for word in words:
        yc = (word.y0 + word.y1) / 2
        placed = False
        # Compare with the last few lines only: words arrive sorted by their centre.
        for i in range(len(rows) - 1, max(-1, len(rows) - 4), -1):
            # Small glyphs ("-", ".") sit inside the line's band; words share a centre line.
            small = word.height < 0.6 * heights[i]
            tolerance = 0.45 * (heights[i] if small else min(word.height, heights[i]))
            if abs(yc - centres[i]) <= tolerance:
                rows[i].append(word)
                n = len(rows[i])
                centres[i] += (yc - centres[i]) / n
                heights[i] += (word.height - heights[i]) / n
                placed = True
                break
        if not placed:
            rows.append([word])
            centres.append(yc)
            heights.append(word.height)
    lines = []
    for row in rows:
        row = _without_specks(row)
        if not row:
            continue
        row.sort(key=lambda w: w.x0)
        for part in _split_overlaps(row):
            line = Line(page, part)
            line.cells = split_cells(part)
            lines.append(line)
    lines.sort(key=lambda ln: (ln.box[1], ln.box[0]))
    return lines


def _without_specks(row: list[Word]) -> list[Word]:
    """OCR words far flatter than the line's letters (dot leaders read as "ee", "Sr"), unless
    they are dashes or signs that are flat by nature."""
    if len(row) < 2 or all(w.conf >= 1.0 for w in row):
        return row  # a text layer has no specks
    tall = median(w.height for w in row)
    return [w for w in row if w.height >= 0.35 * tall or re.fullmatch(r"[-–—=<>~+]+", w.text)]


def _split_overlaps(row: list[Word]) -> list[list[Word]]:
    # Two words at the same x on one "line" belong to two lines that nearly touch.
    out: list[list[Word]] = [[]]
    for word in row:
        target = next((part for part in out
                       if not part or part[-1].x1 <= word.x0 + 0.3 * word.height), None)
        if target is None:
            target = []
            out.append(target)
        target.append(word)
    return [part for part in out if part]


def split_cells(words: list[Word]) -> list[list[Word]]:
    """Cells of a line: runs of words whose gaps are narrower than a column gap."""
    if not words:
        return []
    unit = median(w.height for w in words)
    cells: list[list[Word]] = [[words[0]]]
    for prev, word in zip(words, words[1:], strict=False):
        if word.x0 - prev.x1 > CELL_GAP * unit:
            cells.append([word])
        else:
            cells[-1].append(word)
    return cells
