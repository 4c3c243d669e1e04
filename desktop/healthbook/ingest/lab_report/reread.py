"""A second, closer look at values OCR was unsure of: each value's crop enlarged (twice and four
times: Tesseract reads some sizes better than others) and made black on white, all crops of a
page read in one Tesseract run. Small decimal points that the page-wide reading dropped ("19"
for "1.9") come back."""

from __future__ import annotations

import numpy as np
from PIL import Image

from healthbook.ingest.lab_report import ocr
from healthbook.ingest.lab_report.model import Box
from healthbook.ingest.lab_report.straighten import _otsu

ZOOMS = (2, 4)
GAP = 30  # pixels between crops on the sheet
MAX_CROPS = 60


def _crop(image: Image.Image, box: Box, px_per_unit: float, zoom: int) -> Image.Image:
    x0, y0, x1, y1 = (v * px_per_unit for v in box)
    h = max(y1 - y0, 4.0)
    area = (max(0, int(x0 - 0.5 * h)), max(0, int(y0 - 0.35 * h)),
            min(image.width, int(x1 + 0.5 * h) + 1), min(image.height, int(y1 + 0.35 * h) + 1))
    piece = image.crop(area).convert("L")
    piece = piece.resize((max(1, piece.width * zoom), max(1, piece.height * zoom)),
                         Image.Resampling.LANCZOS)
    pixels = np.asarray(piece)
    threshold = _otsu(pixels)
    return Image.fromarray(np.where(pixels > threshold, 255, 0).astype(np.uint8))


def reread(image: Image.Image, px_per_unit: float, boxes: list[Box]
           ) -> list[tuple[str, float] | None]:
    """The text and confidence read again in each box (None where nothing was read)."""
    boxes = boxes[:MAX_CROPS]
    if not boxes:
        return []
    crops = [_crop(image, box, px_per_unit, zoom) for box in boxes for zoom in ZOOMS]
    width = max(c.width for c in crops) + 2 * GAP
    height = sum(c.height for c in crops) + GAP * (len(crops) + 1)
    sheet = Image.new("L", (width, height), 255)
    spans = []
    y = GAP
    for crop in crops:
        sheet.paste(crop, (GAP, y))
        spans.append((y, y + crop.height))
        y += crop.height + GAP
    words = ocr.read_words(sheet, languages="eng")
    readings: list[tuple[str, float] | None] = []
    for top, bottom in spans:
        inside = sorted((w for w in words if top <= (w.y0 + w.y1) / 2 <= bottom),
                        key=lambda w: w.x0)
        readings.append(("".join(w.text for w in inside), min(w.conf for w in inside))
                        if inside else None)
    out: list[tuple[str, float] | None] = []
    for i in range(len(boxes)):
        found = [r for r in readings[i * len(ZOOMS):(i + 1) * len(ZOOMS)] if r is not None]
        out.append(max(found, key=lambda r: r[1]) if found else None)
    return out
