"""Bad input: one clear sentence each, never a stack trace; long reports report progress and
stop when cancelled."""

from __future__ import annotations

import io
import struct
import threading
import zlib
from pathlib import Path

import pytest
from fpdf import FPDF
from PIL import Image

from healthbook.errors import HealthbookError
from healthbook.ingest.lab_report import (
    DamagedFile,
    HostileFile,
    NoResults,
    NotADocument,
    PasswordProtected,
    ReportUnreadable,
    extract,
)
from healthbook.progress import Cancelled, Progress
from tests.ingest.lab_report.documents import (
    french_report,
    letter_without_results,
    multi_page_report,
)


def _one_sentence(exc: BaseException) -> str:
    text = str(exc)
    assert isinstance(exc, HealthbookError)
    assert text.endswith(".")
    assert "\n" not in text
    assert "Traceback" not in text
    return text


def test_password_protected_pdf() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica")
    pdf.text(20, 20, "Sodium 140 mmol/L (136 - 145)")
    pdf.set_encryption(owner_password="owner", user_password="secret")
    with pytest.raises(PasswordProtected) as caught:
        extract(bytes(pdf.output()), file_name="locked.pdf")
    assert "locked.pdf is protected by a password" in _one_sentence(caught.value)


@pytest.mark.parametrize("cut", [0.3, 0.6])
def test_damaged_pdf(cut: float) -> None:
    data = french_report()
    with pytest.raises(ReportUnreadable) as caught:
        extract(data[: int(len(data) * cut)], file_name="cut.pdf")
    _one_sentence(caught.value)


def test_pdf_header_with_garbage() -> None:
    with pytest.raises(DamagedFile) as caught:
        extract(b"%PDF-1.7\n" + bytes(range(256)) * 40, file_name="junk.pdf")
    assert "junk.pdf" in _one_sentence(caught.value)


def test_empty_and_unknown_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(DamagedFile):
        extract(empty)
    text = tmp_path / "notes.txt"
    text.write_text("Sodium 140 mmol/L\n")
    with pytest.raises(NotADocument) as caught:
        extract(text)
    assert "notes.txt is neither a PDF nor an image" in _one_sentence(caught.value)
    with pytest.raises(ReportUnreadable):
        extract(tmp_path / "missing.pdf")


@pytest.mark.slow
def test_image_that_is_not_a_document() -> None:
    gradient = Image.linear_gradient("L").resize((900, 700))
    buffer = io.BytesIO()
    gradient.convert("RGB").save(buffer, "JPEG")
    with pytest.raises(NotADocument) as caught:
        extract(buffer.getvalue(), file_name="sunset.jpg")
    assert "sunset.jpg does not look like a document" in _one_sentence(caught.value)


def test_tiny_picture() -> None:
    buffer = io.BytesIO()
    Image.new("L", (40, 40), 255).save(buffer, "PNG")
    with pytest.raises(NotADocument):
        extract(buffer.getvalue(), file_name="icon.png")


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


def test_picture_declaring_a_huge_size_is_refused_before_decoding() -> None:
    with pytest.raises(HostileFile) as caught:
        extract(_png(100_000, 100_000), file_name="bomb.png")
    assert "implausibly large" in _one_sentence(caught.value)


def test_document_without_results() -> None:
    with pytest.raises(NoResults) as caught:
        extract(letter_without_results(), file_name="lettre.pdf")
    assert _one_sentence(caught.value) == "No lab results were found in lettre.pdf."


@pytest.fixture(scope="module")
def long_report() -> bytes:
    data, _ = multi_page_report(pages=300, per_page=6)
    return data


@pytest.mark.slow
def test_300_pages_report_progress(long_report: bytes) -> None:
    updates: list[Progress] = []
    found = extract(long_report, progress=updates.append)
    assert found.pages == 300
    assert [u.done for u in updates] == list(range(0, 301))
    assert {(u.total, u.unit) for u in updates} == {(300, "pages")}
    assert len(found.rows) == 18  # every result printed again and again: kept once


def test_cancel_stops_between_pages(long_report: bytes) -> None:
    cancel = threading.Event()
    seen: list[int] = []

    def progress(update: Progress) -> None:
        seen.append(update.done)
        if update.done == 5:
            cancel.set()

    with pytest.raises(Cancelled):
        extract(long_report, progress=progress, cancel=cancel)
    assert max(seen) <= 6
