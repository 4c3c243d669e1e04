"""Open a lab report (PDF, or a photo or scan as an image) and give its pages one at a time:
the words of a born-digital page from its text layer, the words of a scanned page or photo from
OCR. Pages are rendered in memory, never written to disk; one page at a time is held."""

from __future__ import annotations

import ctypes
import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from healthbook.i18n import _
from healthbook.ingest.lab_report.errors import (
    DamagedFile,
    HostileFile,
    NotADocument,
    PasswordProtected,
    ReportUnreadable,
    TooLarge,
)
from healthbook.ingest.lab_report.model import Word

MAX_FILE_BYTES = 200 << 20
MAX_PAGES = 1000
MAX_IMAGE_PIXELS = 80_000_000  # a 12-megapixel phone photo is far below
MAX_CHARS_PER_PAGE = 60_000
MIN_TEXT_CHARS = 25  # fewer characters in the text layer: the page is a scan
SCAN_DPI = 200  # scanned PDF pages are rendered at their own resolution, else this one
MIN_DPI, MAX_DPI = 150, 300
MAX_RENDER_PIXELS = 12_000_000  # an A4 page at 300 dpi is 8.7 million
PHOTO_MAX_SIDE = 3000  # larger photos are scaled down before reading
BOLD_WEIGHT = 600


@dataclass(slots=True)
class Page:
    """One page's words, ready to be read, and its size in box units."""

    number: int  # 1-based
    width: float
    height: float
    words: list[Word]
    ocr: bool
    image: Image.Image | None = None  # the straightened image OCR read (until the page is done)
    px_per_unit: float = 1.0  # image pixels per box unit


def _heif_opener() -> None:
    try:
        import pillow_heif
    except ImportError:
        return
    pillow_heif.register_heif_opener()


def read_source(source: Path | str | bytes, file_name: str | None) -> tuple[bytes, str]:
    """The file's bytes and the name used in messages."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        name = file_name or _("the document")
    else:
        path = Path(source)
        name = file_name or path.name
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise TooLarge(_("{name} is larger than {mb} MB; split it or scan fewer pages."
                                 ).format(name=name, mb=MAX_FILE_BYTES >> 20))
            data = path.read_bytes()
        except OSError as exc:
            raise ReportUnreadable(_("{name} cannot be read: {reason}.").format(
                name=name, reason=exc.strerror or exc)) from exc
    if len(data) > MAX_FILE_BYTES:
        raise TooLarge(_("{name} is larger than {mb} MB; split it or scan fewer pages.").format(
            name=name, mb=MAX_FILE_BYTES >> 20))
    if not data:
        raise DamagedFile(_("{name} is empty.").format(name=name))
    return data, name


def is_pdf(data: bytes) -> bool:
    """True when the bytes are a PDF (the header may follow a little junk)."""
    return b"%PDF-" in data[:1024]


class PdfReport:
    """A PDF's pages: text-layer words where there is a text layer, OCR words elsewhere."""

    box_unit = "pt"

    def _page(self, index: int) -> Any:
        import pypdfium2 as pdfium

        try:
            return self._doc[index]
        except pdfium.PdfiumError as exc:
            raise DamagedFile(_("{name} is a damaged PDF: page {page} cannot be read.").format(
                name=self.name, page=index + 1)) from exc

    def __init__(self, data: bytes, name: str) -> None:
        import pypdfium2 as pdfium

        self.name = name
        try:
            self._doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if "password" in str(exc).lower():
                raise PasswordProtected(_("{name} is protected by a password; open it, print it "
                                          "to a new PDF without one, and try again.").format(
                                              name=name)) from exc
            raise DamagedFile(_("{name} is a damaged PDF that cannot be read.").format(
                name=name)) from exc
        self.count = len(self._doc)
        if self.count == 0:
            raise DamagedFile(_("{name} is a PDF without pages.").format(name=name))
        if self.count > MAX_PAGES:
            raise TooLarge(_("{name} has {n} pages; Healthbook reads lab reports of up to {max} "
                             "pages.").format(name=name, n=self.count, max=MAX_PAGES))

    def close(self) -> None:
        self._doc.close()

    def page_size(self, index: int) -> tuple[float, float]:
        page = self._page(index)
        try:
            width, height = page.get_size()
        finally:
            page.close()
        return width, height

    def text_words(self, index: int) -> list[Word] | None:
        """The page's words from its text layer; None when it has (almost) none."""
        page = self._page(index)
        try:
            if page.get_rotation() % 360:
                return None  # rotated pages are read from their image
            width, height = page.get_size()
            textpage = page.get_textpage()
            try:
                return _words_from_textpage(textpage, height)
            finally:
                textpage.close()
        finally:
            page.close()

    def render(self, index: int) -> tuple[Image.Image, float]:
        """The page as a grayscale image, and its pixels per point."""
        page = self._page(index)
        try:
            width, height = page.get_size()
            if not (math.isfinite(width) and math.isfinite(height)) or width <= 0 or height <= 0:
                raise DamagedFile(_("{name} has a page without a size.").format(name=self.name))
            scale = _scan_dpi(page, width) / 72.0
            if width * height * scale * scale > MAX_RENDER_PIXELS:
                scale = math.sqrt(MAX_RENDER_PIXELS / (width * height))
            bitmap = page.render(scale=scale, grayscale=True, may_draw_forms=False)
            image = bitmap.to_pil().convert("L")
            bitmap.close()
        finally:
            page.close()
        return image, scale


    def render_plain(self, index: int, scale: float) -> Image.Image:
        """The page in colour at `scale` pixels per point (for showing it)."""
        page = self._page(index)
        try:
            width, height = page.get_size()
            if width * height * scale * scale > MAX_RENDER_PIXELS:
                scale = math.sqrt(MAX_RENDER_PIXELS / max(width * height, 1.0))
            bitmap = page.render(scale=scale)
            image = bitmap.to_pil().convert("RGB")
            bitmap.close()
        finally:
            page.close()
        return image


def _scan_dpi(page: object, width_pt: float) -> float:
    """The resolution of the page's largest image (a scan), clamped; SCAN_DPI when unknown."""
    import pypdfium2.raw as pdfium_c

    best = 0.0
    try:
        for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):  # type: ignore[attr-defined]
            pixels_w, _pixels_h = obj.get_px_size()
            left, _bottom, right, _top = obj.get_pos()
            if right - left > 0.5 * width_pt:
                best = max(best, pixels_w / ((right - left) / 72.0))
    except Exception:  # a malformed image object: fall back to the default
        return SCAN_DPI
    return min(MAX_DPI, max(MIN_DPI, best)) if best else SCAN_DPI


def _words_from_textpage(textpage: object, page_height: float) -> list[Word] | None:
    import pypdfium2.raw as pdfium_c

    raw = textpage.raw  # type: ignore[attr-defined]
    count = min(pdfium_c.FPDFText_CountChars(raw), MAX_CHARS_PER_PAGE)
    if count <= 0:
        return None
    rect = pdfium_c.FS_RECTF()
    font_name = ctypes.create_string_buffer(128)
    words: list[Word] = []
    chars: list[str] = []
    box: list[float] = []
    weight = 0
    visible = 0

    def flush() -> None:
        if chars:
            words.append(Word("".join(chars), box[0], box[1], box[2], box[3],
                              bold=weight >= BOLD_WEIGHT))
        chars.clear()

    last_x1 = last_y = last_h = 0.0
    for i in range(count):
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        char = chr(code) if 0 < code < 0x110000 else ""
        if not char or char.isspace() or code in (0xFFFE, 0xFFFF, 0x2):
            flush()
            continue
        angle = pdfium_c.FPDFText_GetCharAngle(raw, i)
        if angle > 0.05 and abs(angle - 2 * math.pi) > 0.05:
            flush()
            continue  # text written sideways: margins, watermarks
        if not pdfium_c.FPDFText_GetLooseCharBox(raw, i, rect):
            continue
        # The loose box spans the glyph's advance: "1" is narrow ink in a wide cell.
        x0, x1 = rect.left, rect.right
        y0, y1 = page_height - rect.top, page_height - rect.bottom
        h = max(y1 - y0, 0.1)
        if chars and (x0 - last_x1 > 0.15 * h or x0 < last_x1 - 0.5 * h
                      or abs((y0 + y1) / 2 - last_y) > 0.4 * last_h):
            flush()
        if not chars:
            box = [x0, y0, x1, y1]
            weight = _font_weight(raw, i, font_name)
        else:
            box = [min(box[0], x0), min(box[1], y0), max(box[2], x1), max(box[3], y1)]
        chars.append(char)
        visible += 1
        last_x1, last_y, last_h = x1, (y0 + y1) / 2, h
    flush()
    return words if visible >= MIN_TEXT_CHARS else None


def _font_weight(raw: object, index: int, name_buffer: ctypes.Array[ctypes.c_char]) -> int:
    """The character's font weight (700 for a font named "...-Bold" that declares none)."""
    import pypdfium2.raw as pdfium_c

    weight = pdfium_c.FPDFText_GetFontWeight(raw, index)
    if weight > 0:
        return int(weight)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(raw, index, name_buffer, len(name_buffer), ctypes.byref(flags))
    name = name_buffer.value.decode("latin-1", "replace").lower()
    bold = flags.value & (1 << 18) or any(w in name for w in ("bold", "black", "heavy", "demi"))
    return 700 if bold else 400


class ImageReport:
    """A photo or scan saved as an image (one page per frame for a multi-page TIFF)."""

    box_unit = "px"

    def __init__(self, data: bytes, name: str) -> None:
        _heif_opener()
        self.name = name
        try:
            image = Image.open(io.BytesIO(data))
        except (UnidentifiedImageError, OSError, ValueError) as exc:
            raise NotADocument(_("{name} is neither a PDF nor an image Healthbook can read."
                                 ).format(name=name)) from exc
        except Image.DecompressionBombError as exc:
            raise HostileFile(_("{name} declares an implausibly large picture; refused.").format(
                name=name)) from exc
        if image.width * image.height > MAX_IMAGE_PIXELS:
            raise HostileFile(_("{name} declares an implausibly large picture; refused.").format(
                name=name))
        if min(image.size) < 200:
            raise NotADocument(_("{name} is too small a picture to hold a readable document."
                                 ).format(name=name))
        self._image = image
        self.count = min(getattr(image, "n_frames", 1), MAX_PAGES)

    def close(self) -> None:
        self._image.close()

    def frame(self, index: int) -> Image.Image:
        """The page as photographed (upright by its EXIF tag, at most PHOTO_MAX_SIDE)."""
        try:
            self._image.seek(index)
            frame = self._image.copy()
            frame.load()
        except (OSError, ValueError, EOFError, SyntaxError) as exc:
            raise DamagedFile(_("{name} is a damaged image.").format(name=self.name)) from exc
        frame = ImageOps.exif_transpose(frame) or frame
        if max(frame.size) > PHOTO_MAX_SIDE:
            frame.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE), Image.Resampling.LANCZOS)
        return frame


def open_report(data: bytes, name: str) -> PdfReport | ImageReport:
    """The report's pages: a PDF, or an image."""
    if is_pdf(data):
        return PdfReport(data, name)
    return ImageReport(data, name)
