"""Render a stored PDF's pages to PNG images in memory (for viewing documents; nothing is
written to disk)."""

from __future__ import annotations

import io

from healthbook.errors import InvalidInput

MAX_PAGES = 20


def pdf_pages(data: bytes, scale: float = 1.4, max_pages: int = MAX_PAGES) -> list[bytes]:
    """PNG bytes of the first `max_pages` pages (ValueError for a damaged PDF)."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise InvalidInput(f"This PDF cannot be shown ({exc}).") from exc
    pages = []
    try:
        for index in range(min(len(document), max_pages)):
            image = document[index].render(scale=scale).to_pil()
            buffer = io.BytesIO()
            image.save(buffer, format="PNG")
            pages.append(buffer.getvalue())
    finally:
        document.close()
    return pages
