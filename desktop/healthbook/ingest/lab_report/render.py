"""The page image a review screen shows beside the rows, in the coordinates of their boxes."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from healthbook.i18n import _
from healthbook.ingest.lab_report import straighten
from healthbook.ingest.lab_report.errors import ReportUnreadable
from healthbook.ingest.lab_report.pages import ImageReport, PdfReport, open_report, read_source


def page_image(source: Path | str | bytes, page: int, *, file_name: str | None = None,
               scale: float = 2.0) -> Image.Image:
    """Page `page` (1-based) as an image held in memory.

    For a PDF (box unit "pt") the image is `scale` pixels per point: multiply a row's box by
    `scale`. A scanned page is levelled exactly as it was for reading. For a photo (box unit
    "px") the image is the straightened page itself and `scale` is ignored: boxes are in its
    pixels.
    """
    data, name = read_source(source, file_name)
    report = open_report(data, name)
    try:
        if not 1 <= page <= report.count:
            raise ReportUnreadable(_("{name} has no page {page}.").format(name=name, page=page))
        if isinstance(report, ImageReport):
            return straighten.prepare_photo(report.frame(page - 1))
        assert isinstance(report, PdfReport)
        width, height = report.page_size(page - 1)
        if report.text_words(page - 1) is not None:
            return report.render_plain(page - 1, scale)
        image, own_scale = report.render(page - 1)
        image = straighten.prepare_scan(image)
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        return image.resize(size, Image.Resampling.LANCZOS) if own_scale != scale else image
    finally:
        report.close()
