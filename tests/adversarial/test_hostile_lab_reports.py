"""Hostile lab reports: PDFs built to hurt a reader, and seeded mutations of a real report.
Nothing may escape but a clean ReportUnreadable (one sentence), no input may take 20 s, and
memory stays bounded."""

from __future__ import annotations

import random
import resource
import signal
import time
import zlib
from collections.abc import Callable

import pytest

from healthbook.ingest.lab_report import ReportUnreadable, extract
from tests.adversarial.conftest import Attacks, scale
from tests.adversarial.test_hostile_files import mutate
from tests.ingest.lab_report.documents import uk_report

HANG_SECONDS = 20  # a page may go through OCR (and orientation detection) on a busy machine
MEMORY_MB = 1024
MUTATIONS = scale(8, 400)


def _pdf(*objects: bytes) -> bytes:
    out = b"%PDF-1.7\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return out


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"


def pixel_flood() -> bytes:
    """A page drawing a 60000 x 60000 image from a few bytes of Flate data."""
    data = zlib.compress(b"\x00" * 1000)
    content = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
    return _pdf(CATALOG, PAGES,
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                b"/Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>",
                b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
                b"<< /Type /XObject /Subtype /Image /Width 60000 /Height 60000 /ColorSpace "
                b"/DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
                % len(data) + data + b"\nendstream")


def deep_nesting() -> bytes:
    """Arrays nested 200,000 deep in the catalogue."""
    return _pdf(b"<< /Type /Catalog /Pages 2 0 R /X " + b"[" * 200_000 + b"]" * 200_000
                + b" >>", PAGES, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")


def lying_page_count() -> bytes:
    """A page tree that claims ten million pages."""
    return _pdf(CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 10000000 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")


def giant_page() -> bytes:
    """A page 200 km wide."""
    return _pdf(CATALOG, PAGES,
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400000 14400000] >>")


def page_tree_loop() -> bytes:
    """A page tree whose only kid is itself."""
    return _pdf(CATALOG, b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>")


HOSTILE: dict[str, Callable[[], bytes]] = {
    "pixel flood": pixel_flood, "deep nesting": deep_nesting,
    "lying page count": lying_page_count, "giant page": giant_page,
    "page tree loop": page_tree_loop,
}


class Hang(Exception):
    """An input took longer than HANG_SECONDS."""


def _alarm(_signum: int, _frame: object) -> None:
    raise Hang


def _read(data: bytes) -> str:
    """'ok', 'refused' (a clean one-sentence error) or what escaped."""
    signal.alarm(HANG_SECONDS)
    try:
        extract(data, file_name="hostile.pdf")
    except ReportUnreadable as exc:
        text = str(exc)
        return "refused" if "\n" not in text and text.endswith(".") else f"messy: {text!r}"
    except Exception as exc:  # exactly what this test hunts
        return f"escaped: {exc!r}"[:200]
    finally:
        signal.alarm(0)
    return "ok"


@pytest.fixture
def alarm() -> object:
    previous = signal.signal(signal.SIGALRM, _alarm)
    yield
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_pdfs_are_refused_cleanly(name: str, attacks: Attacks, alarm: object) -> None:
    started = time.perf_counter()
    outcome = _read(HOSTILE[name]())
    attacks.tried(f"hostile lab report: {name}", outcome == "refused")
    assert outcome == "refused"
    assert time.perf_counter() - started < HANG_SECONDS
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 < MEMORY_MB


def test_mutated_lab_reports_fail_cleanly(attacks: Attacks, alarm: object) -> None:
    rng = random.Random("hostile-lab-report")
    seed = uk_report()
    outcomes = []
    for _ in range(MUTATIONS):
        outcome = _read(mutate(rng, seed))
        attacks.tried("mutated lab report", outcome in ("ok", "refused"))
        outcomes.append(outcome)
    assert [o for o in outcomes if o not in ("ok", "refused")] == []
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 < MEMORY_MB
