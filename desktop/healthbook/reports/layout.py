"""A small page-layout engine on matplotlib's PDF backend (no Qt, no network, no temp files):
A4 pages filled top to bottom with headings, wrapped text, tables and small grey charts."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # matplotlib loads when a sheet is drawn, not when the app starts
    from matplotlib.figure import Figure

from healthbook.i18n import _

PAGE_W, PAGE_H = 8.27, 11.69  # A4, inches
MARGIN = 0.7
WIDTH = PAGE_W - 2 * MARGIN
BODY = 9.0
INK, GREY, LIGHT = "#111111", "#555555", "#d9d9d9"


def chars_for(width_in: float, size: float) -> int:
    """How many characters of DejaVu Sans at `size` points fit in `width_in` inches."""
    return max(10, int(width_in / (size / 72 * 0.56)))


class Document:
    """Pages in order; call save() once for the PDF's bytes."""

    def __init__(self, title: str, footer: str) -> None:
        self.title, self.footer = title, footer
        self.pages: list[Figure] = []
        self.y = 0.0  # inches from the top of the current page
        self._new_page()

    # -- pages -----------------------------------------------------------------------------
    def _new_page(self) -> None:
        from matplotlib.figure import Figure

        self.pages.append(Figure(figsize=(PAGE_W, PAGE_H)))
        self.y = MARGIN

    @property
    def page(self) -> Figure:
        """The page being filled."""
        return self.pages[-1]

    def need(self, height: float) -> None:
        """Start a new page unless `height` inches still fit."""
        if self.y + height > PAGE_H - MARGIN - 0.35:
            self._new_page()

    def _text(self, x: float, text: str, size: float = BODY, **kw: Any) -> None:
        self.page.text(x / PAGE_W, 1 - self.y / PAGE_H, text, fontsize=size, va="top",
                       ha="left", color=kw.pop("color", INK), **kw)

    # -- content ---------------------------------------------------------------------------
    def heading(self, text: str, size: float = 12) -> None:
        """A section heading with a rule under it."""
        self.need(0.55)
        self.y += 0.12
        self._text(MARGIN, text, size, fontweight="bold")
        self.y += size / 72 * 1.45
        self.page.add_artist(_rule(self.y))
        self.y += 0.08

    def paragraph(self, text: str, size: float = BODY, indent: float = 0.0,
                  bullet: str = "", **kw: Any) -> None:
        """Wrapped text; a bullet hangs in the margin of the indent."""
        width = chars_for(WIDTH - indent - (0.18 if bullet else 0), size)
        lines = textwrap.wrap(text, width) or [""]
        step = size / 72 * 1.38
        for i, line in enumerate(lines):
            self.need(step)
            if bullet and i == 0:
                self._text(MARGIN + indent, bullet, size, **dict(kw))
            self._text(MARGIN + indent + (0.18 if bullet else 0), line, size, **dict(kw))
            self.y += step
        self.y += 0.03

    def table(self, header: list[str], rows: list[list[str]], widths: list[float],
              size: float = 8.0) -> None:
        """Rows of wrapped cells; `widths` are fractions of the text width."""
        step = size / 72 * 1.35

        def draw(cells: list[str], bold: bool) -> None:
            wrapped = [textwrap.wrap(c, chars_for(w * WIDTH - 0.08, size)) or [""]
                       for c, w in zip(cells, widths, strict=True)]
            height = max(len(w) for w in wrapped) * step + 0.05
            self.need(height)
            x = MARGIN
            for lines, w in zip(wrapped, widths, strict=True):
                for i, line in enumerate(lines):
                    self.page.text(x / PAGE_W, 1 - (self.y + i * step) / PAGE_H, line,
                                   fontsize=size, va="top", color=INK,
                                   fontweight="bold" if bold else "normal")
                x += w * WIDTH
            self.y += height
            self.page.add_artist(_rule(self.y - 0.02, LIGHT))

        draw(header, True)
        for row in rows:
            draw(row, False)
        self.y += 0.08

    def charts(self, plots: list[Callable[[Any], None]], per_row: int = 2,
               height: float = 1.45) -> None:
        """Small charts side by side; each callable draws on one matplotlib Axes."""
        gap = 0.45
        width = (WIDTH - gap * (per_row - 1)) / per_row
        for start in range(0, len(plots), per_row):
            self.need(height + 0.35)
            for i, plot in enumerate(plots[start:start + per_row]):
                left = MARGIN + i * (width + gap) + 0.35
                bottom = PAGE_H - self.y - height
                ax = self.page.add_axes((left / PAGE_W, bottom / PAGE_H,
                                         (width - 0.35) / PAGE_W, (height - 0.25) / PAGE_H))
                plot(ax)
            self.y += height + 0.15

    def save(self) -> bytes:
        """The PDF, with 'page n of m' footers."""
        total = len(self.pages)
        for n, page in enumerate(self.pages, 1):
            page.add_artist(_rule(PAGE_H - 0.72, LIGHT))
            page.text(MARGIN / PAGE_W, 0.5 / PAGE_H, self.footer, fontsize=7, color=GREY,
                      va="bottom")
            page.text(1 - MARGIN / PAGE_W, 0.32 / PAGE_H,
                      _("{title} · page {n} of {total}").format(title=self.title, n=n,
                                                                 total=total),
                      fontsize=7, color=GREY, va="bottom", ha="right")
        out = io.BytesIO()
        from matplotlib.backends.backend_pdf import PdfPages

        with PdfPages(out, metadata={"Title": self.title, "Creator": "Healthbook"}) as pdf:
            for page in self.pages:
                pdf.savefig(page)
        return out.getvalue()


def _rule(y: float, colour: str = GREY) -> Any:
    from matplotlib.lines import Line2D

    return Line2D([MARGIN / PAGE_W, 1 - MARGIN / PAGE_W], [1 - y / PAGE_H] * 2, color=colour,
                  linewidth=0.6)
