"""The page image a review screen shows beside the rows, in the coordinates of their boxes."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from healthbook.i18n import _
from healthbook.ingest.lab_report import straighten
from healthbook.ingest.lab_report.errors import ReportUnreadable
from healthbook.ingest.lab_report.pages import ImageReport, PdfReport, open_report, read_source


def page_image(source: Path | str | bytes, page: int, *, file_name: str | None = None,
               scale: float = 2.0, turn: int = 0) -> Image.Image:
    """Page `page` (1-based) as an image held in memory.

    For a PDF (box unit "pt") the image is `scale` pixels per point: multiply a row's box by
    `scale`. A scanned page is levelled exactly as it was for reading. For a photo (box unit
    "px") the image is the straightened page itself and `scale` is ignored: boxes are in its
    pixels. `turn` is `Extraction.page_turns[page - 1]` (a page read after turning it).
    """
    data, name = read_source(source, file_name)
    report = open_report(data, name)
    try:
        if not 1 <= page <= report.count:
            raise ReportUnreadable(_("{name} has no page {page}.").format(name=name, page=page))
        if isinstance(report, ImageReport):
            return _turned(straighten.prepare_photo(report.frame(page - 1)), turn)
        assert isinstance(report, PdfReport)
        if report.text_words(page - 1) is not None:
            return report.render_plain(page - 1, scale)
        image, _own_scale = report.render(page - 1)
        image = _turned(straighten.prepare_scan(image), turn)
        size = (max(1, round(image.width / _own_scale * scale)),
                max(1, round(image.height / _own_scale * scale)))
        return image.resize(size, Image.Resampling.LANCZOS)
    finally:
        report.close()


def _turned(image: Image.Image, turn: int) -> Image.Image:
    return image.rotate(-turn, expand=True, fillcolor=255) if turn % 360 else image
