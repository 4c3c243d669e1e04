"""Words and their boxes from a page image, read by Tesseract (Debian's `tesseract-ocr` with the
English and French data), fully offline.

The image goes to the engine through a pipe and the words come back through another: nothing
is written to disk (pytesseract would write both to temporary files, so it is not used).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from functools import cache

import numpy as np
from PIL import Image

from healthbook.i18n import _
from healthbook.ingest.lab_report.errors import OcrUnavailable, ReportUnreadable
from healthbook.ingest.lab_report.model import Word

# Tesseract's page segmentation: 6 = one uniform block of text, which keeps table rows whole.
PAGE_SEGMENTATION = "6"
LANGUAGES = "fra+eng"
SECONDS_PER_PAGE_LIMIT = 60  # a page that takes longer is not a page
SPLIT_ABOVE = 1200  # pixels: taller pages are read as two halves at once


@cache
def tesseract_path() -> str | None:
    """The tesseract executable, or None when it is not installed."""
    return shutil.which("tesseract")


@cache
def installed_languages() -> frozenset[str]:
    """The language data Tesseract has ("eng", "fra", "osd")."""
    exe = tesseract_path()
    if exe is None:
        return frozenset()
    done = subprocess.run([exe, "--list-langs"], capture_output=True, timeout=30, check=False,
                          env=_env())
    lines = done.stdout.decode("utf-8", "replace").splitlines()[1:]
    return frozenset(line.strip() for line in lines if line.strip())


def _env() -> dict[str, str]:
    # One thread per page: the reader runs two pages at once on two cores instead.
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def _languages() -> str:
    have = installed_languages()
    wanted = [lang for lang in LANGUAGES.split("+") if lang in have]
    if not wanted:
        raise OcrUnavailable(_("Reading scans and photos needs Tesseract with its English and "
                               "French data (Debian: tesseract-ocr, tesseract-ocr-fra)."))
    return "+".join(wanted)


def language_data(language: str) -> str | None:
    """Tesseract's data for a report's language ("fr" -> "fra"), when installed."""
    code = {"fr": "fra", "en": "eng"}.get(language)
    return code if code in installed_languages() else None


def _run(image: Image.Image, args: list[str]) -> str:
    exe = tesseract_path()
    if exe is None:
        raise OcrUnavailable(_("Reading scans and photos needs Tesseract (Debian: "
                               "tesseract-ocr and tesseract-ocr-fra); it is not installed."))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    try:
        done = subprocess.run([exe, "stdin", "stdout", *args], input=buffer.getvalue(),
                              capture_output=True, timeout=SECONDS_PER_PAGE_LIMIT,
                              check=False, env=_env())
    except subprocess.TimeoutExpired as exc:
        raise ReportUnreadable(_("A page took too long to read; it may not be a document."
                                 )) from exc
    if done.returncode != 0:
        raise ReportUnreadable(_("The text recognition engine could not read a page."))
    return done.stdout.decode("utf-8", "replace")


def read_words(image: Image.Image, languages: str | None = None) -> list[Word]:
    """Every word Tesseract finds, with its box in the image's pixels and its confidence.

    A tall page is cut in two at a blank band near its middle and both halves are read at
    once (two Tesseract processes: one page uses both cores)."""
    langs = _languages() if languages is None else languages
    cut = _blank_band(image) if image.height >= SPLIT_ABOVE else None
    if cut is None:
        return _words(image, langs, 0)
    top, bottom = image.crop((0, 0, image.width, cut)), image.crop(
        (0, cut, image.width, image.height))
    with ThreadPoolExecutor(max_workers=2) as pool:
        upper = pool.submit(_words, top, langs, 0)
        lower = pool.submit(_words, bottom, langs, cut)
        return upper.result() + lower.result()


def _blank_band(image: Image.Image) -> int | None:
    """A row near the middle of the page with no ink (where a cut splits no line)."""
    small = image.convert("L").resize((max(1, image.width // 4), max(1, image.height // 4)))
    pixels = np.asarray(small, np.float32)
    ink = (pixels < 0.6 * float(np.median(pixels))).sum(axis=1)
    middle = len(ink) // 2
    for offset in range(len(ink) // 5):
        for row in (middle - offset, middle + offset):
            if 2 <= row < len(ink) - 2 and ink[row - 2:row + 3].max() == 0:
                return row * 4
    return None


def _words(image: Image.Image, langs: str, dy: int) -> list[Word]:
    tsv = _run(image, ["-l", langs, "--psm", PAGE_SEGMENTATION, "-c", "tessedit_create_tsv=1",
                       "-c", "tessedit_do_invert=0"])  # no white-on-black text on lab reports
    words = []
    for row in tsv.splitlines()[1:]:
        parts = row.split("\t")
        if len(parts) != 12 or parts[0] != "5":
            continue
        text = parts[11].strip()
        if not text:
            continue
        try:
            left, top, width, height = (int(v) for v in parts[6:10])
            conf = float(parts[10])
        except ValueError:
            continue
        if conf < 0:
            continue
        words.append(Word(text, left, top + dy, left + width, top + height + dy, conf / 100.0))
    return words


def orientation(image: Image.Image) -> int:
    """How many degrees the page must turn (clockwise) to stand upright: 0, 90, 180 or 270."""
    if "osd" not in installed_languages():
        return 0
    try:
        out = _run(image, ["--psm", "0"])
    except ReportUnreadable:
        return 0  # too little text to tell
    for line in out.splitlines():
        if line.startswith("Rotate:"):
            try:
                return int(line.split(":")[1].strip()) % 360
            except ValueError:
                return 0
    return 0
