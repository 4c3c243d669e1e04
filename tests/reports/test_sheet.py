"""The appointment-prep sheet as pages: content with dates and sources, nothing clipped, grey
only, one or two pages; page images saved for people to look at."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pypdfium2
import pytest

from healthbook.assistant.answers import Assistant
from healthbook.clinical import compute_facts
from healthbook.ingest import import_file
from healthbook.reports import prep_sheet
from healthbook.reports.layout import MARGIN
from healthbook.vault import Vault
from tests.assistant.conftest import plant
from tests.conftest import DATA, PASSPHRASE
from tests.helpers import run_cli

SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
SAL = DATA / "synthea" / "Sal_Strosin_8fcfcc3a-4019-4ebd-be92-835901f3c882.json"


def _sheet(vault: Vault, out: Path) -> Path:
    person = plant(vault)
    import_file(vault, person, SAL)
    facts = compute_facts(vault, person)
    assistant = Assistant(facts, vault.records.list(person.id), None)
    answer = assistant.run(assistant.prep("1995-01-01"))
    return prep_sheet(vault, person, out, answer.questions, "1995-01-01", "2026-12-01")


def _text(pdf: pypdfium2.PdfDocument) -> str:
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def test_sheet_holds_the_facts_with_dates_sources_and_questions(vault: Vault,
                                                                tmp_path: Path) -> None:
    out = _sheet(vault, tmp_path / "visit.pdf")
    assert out.stat().st_mode & 0o077 == 0
    pdf = pypdfium2.PdfDocument(out.read_bytes())
    assert 1 <= len(pdf) <= 2
    text = _text(pdf)
    for expected in ("Appointment preparation", "Robin", "appointment 2026-12-01",
                     "CRITICAL: Potassium of 6.9 mmol/L on 2023-04-01",
                     "Atorvastatin 20 MG Oral Tablet", "Hyperlipidemia",
                     "Questions to ask", "LDL cholesterol was 159 mg/dL on 2023-04-01",
                     "Sources", "S1:", "page 1 of"):
        assert expected in text.replace("\r\n", " ").replace("\n", " "), expected
    assert "[1" not in text  # citation numbers belong to the app, not the printed sheet
    entry = vault.audit.entries()[-1]
    assert entry.action == "export"
    assert entry.detail["format"] == "prep-pdf"
    pdf.close()


def test_no_text_is_clipped_and_the_pages_are_grey(vault: Vault, tmp_path: Path) -> None:
    out = _sheet(vault, tmp_path / "visit.pdf")
    pdf = pypdfium2.PdfDocument(out.read_bytes())
    for index in range(len(pdf)):
        page = pdf[index]
        width, height = page.get_size()
        textpage = page.get_textpage()
        edge = MARGIN * 72 - 2
        for i in range(textpage.count_chars()):
            left, bottom, right, top = textpage.get_charbox(i)
            if right - left <= 0:
                continue
            char = textpage.get_text_range(i, 1)
            assert left >= edge, char
            assert right <= width - edge, char
            assert bottom > 0
            assert top < height
        image = page.render(scale=1).to_pil().convert("HSV")
        spread = image.getchannel("S").getextrema()[1]  # saturation 0..255
        assert spread <= 12  # black, greys and white only: prints the same in grey
    pdf.close()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (make installs it)")
def test_page_images_for_review(vault_path: Path, tmp_path: Path) -> None:
    with Vault.open(vault_path, PASSPHRASE) as vault:
        person = plant(vault)
        import_file(vault, person, SAL)
    out = tmp_path / "visit.pdf"
    done = run_cli("prep", str(vault_path), "--person", "Robin", "--since", "1995-01-01",
                   "--visit", "2026-12-01", "--facts-only", "--pdf", str(out),
                   env={"HEALTHBOOK_PASSPHRASE": PASSPHRASE})
    assert done.returncode == 0, done.stderr
    assert "Appointment sheet written" in done.stderr
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("prep-sheet-*.png"):  # pages of an earlier, longer run
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "90", "-png", str(out), str(SCREENSHOTS / "prep-sheet")],
                   check=True)
    pages = sorted(SCREENSHOTS.glob("prep-sheet-*.png"))
    assert 1 <= len(pages) <= 2
