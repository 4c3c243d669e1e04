"""The lab report generator: deterministic, truthful to its own text layer, degradable."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from tests.labreports.degrade import PHOTO_SIZE
from tests.labreports.generator import (
    LAYOUTS,
    GeneratedReport,
    ReportTruth,
    main,
    make_report,
    render_pages,
    scanned_pdf,
    to_photo,
    to_scan,
)
from tests.labreports.truth import loinc_index

SEEDS = (0, 1)  # letters and check-ups: 0 is French, 1 is English


@pytest.fixture(scope="module")
def samples() -> dict[tuple[str, int], GeneratedReport]:
    """Two reports per layout, made once for the module."""
    return {(layout, seed): make_report(layout, seed) for layout in LAYOUTS for seed in SEEDS}


def page_texts(pdf: bytes) -> list[str]:
    """The text layer of each page, as pypdfium2 reads it."""
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def test_same_layout_and_seed_give_the_same_bytes_and_truth() -> None:
    first, again = make_report("fr_lab", 11), make_report("fr_lab", 11)
    assert first.pdf == again.pdf
    assert first.truth.to_json() == again.truth.to_json()
    other = make_report("fr_lab", 12)
    assert other.pdf != first.pdf
    assert other.truth.rows != first.truth.rows


def test_every_row_is_printed_on_its_page(samples: dict[tuple[str, int], GeneratedReport]
                                          ) -> None:
    for (layout, seed), report in samples.items():
        texts = page_texts(report.pdf)
        truth = report.truth
        assert len(texts) == truth.pages, (layout, seed)
        assert len(truth.rows) >= 8, (layout, seed)
        for row in truth.rows:
            text = texts[row.page - 1]
            for printed in (row.name_as_printed, row.value_printed, row.unit,
                            row.range_printed, row.previous_printed):
                assert printed in text, (layout, seed, row.name_as_printed, printed)
            if row.alt:
                assert row.alt.value_printed in text
                assert row.alt.unit in text
            x0, top, x1, bottom = row.box
            assert 0 <= x0 < x1 <= truth.page_size[0]
            assert 0 <= top < bottom <= truth.page_size[1]
        header = "\n".join(texts)
        assert truth.lab in texts[0], (layout, seed)
        assert truth.patient_name in texts[0], (layout, seed)
        assert header.count(truth.patient_name) >= truth.pages


def test_truth_uses_the_library_codes_and_consistent_flags(
        samples: dict[tuple[str, int], GeneratedReport]) -> None:
    index = loinc_index()
    for report in samples.values():
        truth = report.truth
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", truth.date)
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", truth.birth_date)
        assert truth.birth_date < truth.date
        assert truth.language in ("en", "fr")
        assert truth.lab
        assert truth.patient_name
        for row in truth.rows:
            assert index[row.loinc] == row.analyte
            if row.is_text:
                assert (row.low, row.high, row.unit) == (None, None, "")
                assert row.flag in (None, "A")
                continue
            assert isinstance(row.value, float | int)
            assert row.ucum or row.unit == ""
            if row.comparator is None and row.low is not None and row.value < row.low:
                assert row.flag == "L"
            elif row.comparator is None and row.high is not None and row.value > row.high:
                assert row.flag == "H"
            elif row.comparator is None:
                assert row.flag is None
            assert bool(row.flag_printed or row.bold) == (row.flag is not None)
            if row.alt:
                assert truth.language == "fr"
                assert index[row.alt.loinc] == row.analyte


def test_layouts_show_their_features(samples: dict[tuple[str, int], GeneratedReport]) -> None:
    rows = {key: report.truth.rows for key, report in samples.items()}
    french = [r for seed in SEEDS for r in rows["fr_lab", seed]]
    assert any(r.alt for r in french), "two-unit lines"
    assert any("," in r.value_printed for r in french), "decimal commas"
    assert "Hémoglobine" in {r.name_as_printed for r in french}
    us = [r for seed in SEEDS for r in rows["us_lab", seed]]
    assert {"x10E3/uL", "mg/dL"} <= {r.unit for r in us}
    assert any(r.flag_printed in ("H", "L") for r in us)
    assert any(r.range_printed.startswith((">", "<")) for r in us)
    uk = [r for seed in SEEDS for r in rows["uk_hospital", seed]]
    assert {"Na", "K", "Creat", "WCC", "Hb", "eGFR"} <= {r.name_as_printed for r in uk}
    assert "umol/L" in {r.unit for r in uk}
    assert "µmol/L" in {r.unit for r in french}
    assert all(r.range_printed.startswith("(") for r in uk)
    assert {samples["discharge_letter", s].truth.language for s in SEEDS} == {"fr", "en"}
    assert all(samples["checkup", s].truth.pages >= 3 for s in SEEDS)


def test_multi_page_checkup_repeats_headers_and_continues_sections(
        samples: dict[tuple[str, int], GeneratedReport]) -> None:
    for seed in SEEDS:
        report = samples["checkup", seed]
        truth, texts = report.truth, page_texts(report.pdf)
        total = truth.pages
        for number, text in enumerate(texts, start=1):
            assert truth.lab in text
            assert truth.patient_name in text
            page_mark = f"Page {number}/{total}" if truth.language == "fr" else \
                f"Page {number} of {total}"
            assert page_mark in text
            assert any(r.page == number for r in truth.rows), "rows on every page"
        continued = "(suite)" if truth.language == "fr" else "(continued)"
        assert any(continued in text for text in texts[1:])
        keys = [(r.loinc, r.name_as_printed) for r in truth.rows]
        assert len(keys) == len(set(keys)), "no row twice in the truth"


def test_scans_and_photos_are_degraded_images_of_the_right_size() -> None:
    report = make_report("uk_hospital", 3)
    pages = render_pages(report.pdf, 200)
    assert len(pages) == report.truth.pages
    a4 = (round(report.truth.page_size[0] * 200 / 72), round(report.truth.page_size[1] * 200 / 72))
    assert abs(pages[0].size[0] - a4[0]) <= 1
    assert abs(pages[0].size[1] - a4[1]) <= 1
    scan = to_scan(pages[0], 5)
    assert scan.size == pages[0].size
    assert scan.mode in ("L", "RGB")
    assert scan.tobytes() == to_scan(pages[0], 5).tobytes(), "deterministic"
    assert scan.convert("RGB").tobytes() != pages[0].tobytes()
    photo = to_photo(pages[0], 5)
    assert (photo.size, photo.mode) == (PHOTO_SIZE, "RGB")
    corner = photo.getpixel((5, 5))
    assert isinstance(corner, tuple)
    assert max(corner) < 230, "the table shows around the sheet"


def test_scanned_pdf_has_pages_but_no_text_layer() -> None:
    report = make_report("fr_lab", 1)
    pages = [to_scan(image, k) for k, image in enumerate(render_pages(report.pdf, 100))]
    data = scanned_pdf(pages, dpi=100)
    doc = pdfium.PdfDocument(data)
    try:
        assert len(doc) == report.truth.pages
        for index in range(len(doc)):
            page = doc[index]
            assert page.get_textpage().count_chars() == 0
            width, height = page.get_size()
            assert abs(width - report.truth.page_size[0]) < 3
            assert abs(height - report.truth.page_size[1]) < 3
    finally:
        doc.close()
    assert page_texts(report.pdf)[0].strip(), "the born-digital PDF has one"


def test_unknown_layout_or_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown layout"):
        make_report("fax", 0)
    with pytest.raises(ValueError, match="printed in"):
        make_report("us_lab", 0, language="fr")


def test_command_line_writes_files_and_truth(tmp_path: Path) -> None:
    assert main([str(tmp_path), "--count", "1", "--kinds", "pdf"]) == 0
    index = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    assert len(index["reports"]) == len(LAYOUTS)
    for name, entry in index["files"].items():
        assert (tmp_path / name).read_bytes().startswith(b"%PDF")
        assert entry["kind"] == "born-digital"
    stem, data = next(iter(index["reports"].items()))
    truth = ReportTruth.from_json(data)
    assert truth == make_report(truth.layout, truth.seed, truth.language).truth, stem


def test_photos_open_as_jpeg(tmp_path: Path) -> None:
    report = make_report("discharge_letter", 2)
    photo = to_photo(render_pages(report.pdf, 150)[0], 2, size=(600, 800))
    path = tmp_path / "p.jpg"
    photo.save(path, "JPEG")
    with Image.open(path) as image:
        assert (image.size, image.format) == ((600, 800), "JPEG")
