"""Realistic lab reports with ground truth, deterministic for a layout and a seed.

    make_report(layout, seed, language=None) -> GeneratedReport   (.pdf bytes, .truth)
    render_pages(pdf_bytes, dpi) -> list[PIL.Image]
    to_scan(image, seed) / to_photo(image, seed) -> PIL.Image
    scanned_pdf(images, dpi=200) -> bytes   (image-only PDF, no text layer)

Layouts (LAYOUTS): "fr_lab" (French private lab: decimal commas, previous results, two-unit
lines), "us_lab" (In Range / Out Of Range columns, H/L), "uk_hospital" (short names, ranges in
brackets), "discharge_letter" (paragraphs and one ruled table; fr or en), "checkup" (3+ pages,
repeated headers and footers, sections going on across pages; fr or en).

Command line: python -m tests.labreports.generator OUTDIR --count N [--kinds ...]
writes, per layout and seed, the PDF, a scanned PDF, one photo per page and truth.json.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.labreports.analytes import (
    ANALYTES,
    SECTION_ORDER,
    SECTION_TITLES,
    TEXT_ANALYTES,
    Analyte,
    TextAnalyte,
    Unit,
)
from tests.labreports.content import (
    RANGE_STYLES,
    AltLine,
    Content,
    Patient,
    PrintedRow,
    Section,
    fmt_date,
    fmt_number,
)
from tests.labreports.degrade import render_pages, scanned_pdf, to_photo, to_scan
from tests.labreports.layouts import LAYOUTS
from tests.labreports.people import (
    EN_COMPLAINTS,
    EN_COURSES,
    EN_FIRST,
    EN_LAST,
    FR_CHECKUP_LABS,
    FR_COMPLAINTS,
    FR_COURSES,
    FR_DOCTORS,
    FR_FIRST,
    FR_HOSPITALS,
    FR_LABS,
    FR_LAST,
    UK_DOCTORS,
    UK_HOSPITALS,
    UK_LABS,
    US_CHECKUP_LABS,
    US_DOCTORS,
    US_LABS,
)
from tests.labreports.truth import (
    AltUnit,
    GeneratedReport,
    ReportTruth,
    TruthRow,
    loinc_index,
)

__all__ = ["LAYOUTS", "GeneratedReport", "ReportTruth", "TruthRow", "default_language",
           "make_report", "render_pages", "scanned_pdf", "to_photo", "to_scan"]

P_SHIFT = 0.07  # chance that a value is pushed far from the mean (out of range)
ALL = 1.0


def default_language(layout: str, seed: int) -> str:
    """The language a layout prints in; letters and check-ups alternate with the seed."""
    if layout == "fr_lab":
        return "fr"
    if layout in ("us_lab", "uk_hospital"):
        return "en"
    return "fr" if seed % 2 == 0 else "en"


# Per (layout, language): which sections and rows, how units and ranges are printed.
MENUS: dict[str, dict[str, tuple[float, float]]] = {  # section -> (p section, p row)
    "fr_lab": {"hematology": (ALL, 0.95), "chemistry": (ALL, 0.7), "liver": (0.7, 0.85),
               "inflammation": (0.6, 0.7), "lipids": (0.6, ALL), "diabetes": (0.4, ALL),
               "thyroid": (0.5, 0.8), "iron": (0.35, ALL), "vitamins": (0.45, 0.7),
               "coagulation": (0.2, ALL), "urine": (0.3, 0.8), "serology": (0.2, 0.8)},
    "us_lab": {"hematology": (0.9, ALL), "chemistry": (ALL, ALL), "liver": (ALL, ALL),
               "lipids": (0.7, ALL), "diabetes": (0.6, ALL), "thyroid": (0.5, 0.7),
               "iron": (0.3, ALL), "vitamins": (0.5, 0.7), "inflammation": (0.3, ALL),
               "cardiac": (0.3, ALL), "urine": (0.4, ALL), "serology": (0.3, 0.7)},
    "uk_hospital": {"chemistry": (ALL, 0.35), "liver": (0.7, ALL), "inflammation": (0.7, 0.7),
                    "hematology": (0.9, 0.7), "lipids": (0.4, ALL), "diabetes": (0.5, ALL),
                    "thyroid": (0.4, ALL), "iron": (0.3, 0.8), "coagulation": (0.2, ALL)},
    "discharge_letter": {"hematology": (ALL, 0.35), "chemistry": (ALL, 0.45),
                         "inflammation": (0.9, 0.6), "liver": (0.5, 0.6),
                         "cardiac": (0.4, ALL), "coagulation": (0.3, ALL)},
    "checkup": {section: (ALL, 0.95) for section in SECTION_ORDER if section != "cardiac"},
}
REQUIRED = {  # always printed when their section is
    "fr_lab": {"hemoglobin", "white-blood-cell-count", "platelet-count", "fasting-glucose",
               "creatinine"},
    "us_lab": {"hemoglobin", "white-blood-cell-count", "fasting-glucose", "creatinine",
               "egfr"},
    "uk_hospital": {"sodium", "potassium", "urea", "creatinine", "egfr", "hemoglobin",
                    "white-blood-cell-count", "platelet-count"},
    "discharge_letter": {"hemoglobin", "white-blood-cell-count", "sodium", "potassium",
                         "creatinine"},
    "checkup": set(),
}
SECTION_MAP = {"us_lab": {"liver": "chemistry", "inflammation": "lipids"}}


def _system(layout: str, language: str) -> tuple[str, str]:
    """(units and ranges system, names) for a layout in a language."""
    if layout == "fr_lab" or language == "fr":
        return "fr", "fr"
    if layout == "us_lab":
        return "us", "us"
    if layout == "uk_hospital":
        return "uk", "uk"
    if layout == "discharge_letter":
        return "uk", "en"
    return "us", "en"


class Builder:
    """Draws one report's content from a seeded random source."""

    def __init__(self, layout: str, language: str, seed: int) -> None:
        self.layout, self.language, self.seed = layout, language, seed
        self.rng = random.Random(f"labreport:{layout}:{language}:{seed}")
        self.system, self.names = _system(layout, language)
        self.style: dict[str, Any] = {}
        rng = self.rng
        if layout == "fr_lab":
            self.range_style = RANGE_STYLES[rng.choice(("fr_paren", "fr_plain", "fr_a"))]
            self.units = "both" if rng.random() < 0.85 else "first"
            self.flag_style = "star" if rng.random() < 0.7 else "bold_only"
            self.style["leaders"] = rng.random() < 0.5
            self.has_previous = rng.random() < 0.7
        elif layout == "us_lab":
            self.range_style, self.units, self.flag_style = RANGE_STYLES["us"], "first", "hl"
            self.style["unit_in_range"] = rng.random() < 0.5
            self.has_previous = False
        elif layout == "uk_hospital":
            self.range_style, self.units, self.flag_style = RANGE_STYLES["uk"], "first", "hl"
            self.has_previous = False
        elif layout == "discharge_letter":
            fr = language == "fr"
            self.range_style = RANGE_STYLES["fr_plain" if fr else "en_plain"]
            self.units, self.has_previous = "last", False
            self.flag_style = "star" if fr else "hl"
        else:
            fr = language == "fr"
            self.range_style = RANGE_STYLES[rng.choice(("fr_plain", "fr_paren")) if fr
                                            else "en_plain"]
            self.units = "both" if fr else "first"
            self.flag_style = "star" if fr else "hl_bold"
            self.has_previous = rng.random() < 0.8

    # --- values ----------------------------------------------------------------------------
    def canonical(self, a: Analyte) -> float:
        """A value in the analyte's canonical unit, mostly normal."""
        x = self.rng.gauss(a.mean, a.sd)
        if self.rng.random() < P_SHIFT:
            x += self.rng.choice((-1, 1)) * self.rng.uniform(2.5, 4.0) * a.sd
        return max(x, a.floor)

    @staticmethod
    def convert(x: float, unit: Unit) -> float:
        """A canonical value in a printed unit, rounded as printed."""
        return round(x * unit.factor + unit.offset, unit.decimals)

    def printed(self, x: float, unit: Unit) -> tuple[float, str | None, str]:
        """(value, comparator, printed) for a canonical value in a unit."""
        value = self.convert(x, unit)
        if unit.censor_below is not None and value < unit.censor_below:
            value, op = unit.censor_below, "<"
        elif unit.censor_above is not None and value > unit.censor_above:
            value, op = unit.censor_above, ">"
        else:
            op = None
        return value, op, self.range_style.value(value, unit.decimals, op)

    @staticmethod
    def flag(value: float, op: str | None, unit: Unit) -> str | None:
        """'H', 'L' or None against the printed range."""
        if op == "<":
            return "L" if unit.low is not None and value <= unit.low else None
        if op == ">":
            return "H" if unit.high is not None and value >= unit.high else None
        if unit.low is not None and value < unit.low:
            return "L"
        if unit.high is not None and value > unit.high:
            return "H"
        return None

    def printed_flag(self, flag: str | None) -> tuple[str, bool]:
        """What the page shows for a flag, and whether the value is bold."""
        if flag is None:
            return "", False
        if self.flag_style == "star":
            return "*", True
        if self.flag_style == "bold_only":
            return "", True
        if flag == "A":
            return "A", self.flag_style == "hl_bold"
        return flag, self.flag_style == "hl_bold"

    # --- rows ------------------------------------------------------------------------------
    def numeric_row(self, a: Analyte, section: str) -> PrintedRow | None:
        variant = a.variant(self.system)
        if variant is None:
            return None
        names = a.en if self.names == "en" else variant.names
        name = self.rng.choice(names)
        units = {"first": variant.units[:1], "last": variant.units[-1:],
                 "both": variant.units}[self.units]
        x = self.canonical(a)
        unit = units[0]
        value, op, text = self.printed(x, unit)
        flag = self.flag(value, op, unit)
        flag_printed, bold = self.printed_flag(flag)
        rng_text = self.range_style.range(unit.low, unit.high, unit.decimals)
        previous, previous_text = None, ""
        if self.has_previous and self.rng.random() < 0.8:
            prev_x = max(a.floor, x + self.rng.gauss(0, a.sd * 0.6))
            previous, _op, previous_text = self.printed(prev_x, unit)
            if _op:
                previous = f"{_op}{fmt_number(previous, unit.decimals, False)}"
        alt = alt_truth = None
        if len(units) == 2:
            second = units[1]
            v2, op2, t2 = self.printed(x, second)
            r2 = self.range_style.range(second.low, second.high, second.decimals)
            alt = AltLine(t2, second.printed, r2)
            alt_truth = AltUnit(v2, t2, second.printed, second.ucum, second.loinc, second.low,
                                second.high, r2)
        truth = {"name_as_printed": name, "loinc": unit.loinc,
                 "analyte": loinc_index()[unit.loinc], "value": value, "value_printed": text,
                 "comparator": op, "unit": unit.printed, "ucum": unit.ucum, "low": unit.low,
                 "high": unit.high, "range_printed": rng_text, "flag": flag,
                 "flag_printed": flag_printed, "bold": bold, "section": section,
                 "previous": previous, "previous_printed": previous_text, "alt": alt_truth}
        return PrintedRow(name, text, flag_printed, unit.printed, rng_text, previous_text, bold,
                          truth, alt)

    def text_row(self, t: TextAnalyte, section: str) -> PrintedRow:
        lang = "fr" if self.system == "fr" else "en"
        names = {"fr": t.fr, "us": t.us}.get(self.names, t.en)
        name = self.rng.choice(names)
        abnormal = self.rng.random() < t.p_abnormal
        value = (t.abnormal if abnormal else t.normal)[lang]
        flag = "A" if abnormal else None
        flag_printed, bold = self.printed_flag(flag)
        reference = t.normal[lang]
        previous = ""
        if self.has_previous and self.rng.random() < 0.5:
            previous = reference
        truth = {"name_as_printed": name, "loinc": t.loinc, "analyte": loinc_index()[t.loinc],
                 "value": value, "value_printed": value, "comparator": None, "unit": "",
                 "ucum": "", "low": None, "high": None, "range_printed": reference,
                 "flag": flag, "flag_printed": flag_printed, "bold": bold, "section": section,
                 "previous": previous or None, "previous_printed": previous, "alt": None}
        return PrintedRow(name, value, flag_printed, "", reference, previous, bold, truth)

    def sections(self) -> list[Section]:
        menu, required = MENUS[self.layout], REQUIRED[self.layout]
        mapping = SECTION_MAP.get(self.layout, {})
        title_key = self.system if self.layout != "checkup" and self.names != "en" else (
            "fr" if self.language == "fr" else "en")
        out: dict[str, Section] = {}
        for key in SECTION_ORDER:
            if key not in menu:
                continue
            p_section, p_row = menu[key]
            if self.rng.random() >= p_section:
                continue
            target = mapping.get(key, key)
            section = out.setdefault(target, Section(target, SECTION_TITLES[target][title_key]))
            for a in ANALYTES:
                if a.section == key and (a.key in required or self.rng.random() < p_row):
                    row = self.numeric_row(a, target)
                    if row is not None:
                        section.rows.append(row)
            if self.system != "uk":
                for t in TEXT_ANALYTES:
                    if t.section == key and self.rng.random() < p_row:
                        section.rows.append(self.text_row(t, target))
        return [s for s in out.values() if s.rows]

    # --- people and dates ------------------------------------------------------------------
    def patient(self) -> Patient:
        rng = self.rng
        sex = rng.choice("FM")
        born = date(1938, 1, 1) + timedelta(days=rng.randrange(365 * 65))
        fr = self.language == "fr"
        first = rng.choice((FR_FIRST if fr else EN_FIRST)[sex])
        last = rng.choice(FR_LAST if fr else EN_LAST)
        layout = self.layout
        if layout == "fr_lab" or (layout == "checkup" and fr):
            title = ("Madame" if sex == "F" else "Monsieur") if layout == "fr_lab" else (
                "Mme" if sex == "F" else "M.")
            return Patient(f"{last.upper()} {first}", title, first, last, born, sex,
                           (("N° patient", f"P{rng.randrange(10**6, 10**7)}"),))
        if layout == "discharge_letter":
            title = ("Mme" if sex == "F" else "M.") if fr else ("Mrs" if sex == "F" else "Mr")
            printed = f"{first} {last.upper()}" if fr else f"{first} {last}"
            return Patient(printed, title, first, last, born, sex)
        if layout == "uk_hospital":
            nhs = f"{rng.randrange(100, 999)} {rng.randrange(100, 999)} {rng.randrange(1000, 9999)}"
            return Patient(f"{last.upper()}, {first}", "", first, last, born, sex,
                           (("NHS No", nhs), ("Hosp No", f"K{rng.randrange(10**6, 10**7)}")))
        middle = rng.choice("ABCDEJLMR")
        if layout == "us_lab":
            return Patient(f"{last.upper()}, {first.upper()} {middle}", "", first, last, born,
                           sex, (("Patient ID", f"{rng.randrange(10**9, 10**10)}"),))
        return Patient(f"{first} {middle}. {last}", "", first, last, born, sex)

    def content(self) -> Content:
        rng = self.rng
        fr = self.language == "fr"
        collected = datetime(2021, 1, 4, 7, 0) + timedelta(
            days=rng.randrange(5 * 365), minutes=rng.randrange(0, 270))
        received = collected + timedelta(minutes=rng.randrange(20, 180))
        reported = collected.replace(hour=18, minute=rng.randrange(60)) + timedelta(
            days=rng.randrange(0, 3))
        labs = {"fr_lab": FR_LABS, "us_lab": US_LABS, "uk_hospital": UK_LABS,
                "discharge_letter": FR_HOSPITALS if fr else UK_HOSPITALS,
                "checkup": FR_CHECKUP_LABS if fr else US_CHECKUP_LABS}[self.layout]
        doctors = FR_DOCTORS if fr else (US_DOCTORS if self.system == "us" else UK_DOCTORS)
        file_no = f"{collected:%y%m%d}-{rng.randrange(1000, 9999)}"
        if self.layout == "us_lab":
            file_no = f"WX{rng.randrange(10**6, 10**7)}U"
        patient = self.patient()
        sections = self.sections()
        previous_date = None
        if self.has_previous and any(r.previous for s in sections for r in s.rows):
            previous_date = collected.date() - timedelta(days=rng.randrange(60, 500))
        content = Content(self.layout, self.language, self.system, rng.choice(labs), patient,
                          collected, received, reported, rng.choice(doctors), file_no,
                          sections, previous_date, self.style)
        if self.layout == "discharge_letter":
            self.letter(content)
        return content

    def letter(self, c: Content) -> None:
        """Paragraphs and dates of a discharge letter; the table is the collection date's."""
        rng, fr, p = self.rng, self.language == "fr", c.patient
        admitted = c.collected.date() - timedelta(days=rng.randrange(1, 4))
        discharged = c.collected.date() + timedelta(days=rng.randrange(0, 3))
        c.reported = datetime.combine(discharged + timedelta(days=rng.randrange(1, 6)),
                                      c.reported.time())
        when = fmt_date(c.collected.date(), "dmy")
        gp = rng.choice(FR_DOCTORS if fr else UK_DOCTORS)
        i = rng.randrange(len(EN_COMPLAINTS))
        if fr:
            c.style.update(subject="Compte rendu d'hospitalisation", city="Vienne",
                           greeting=f"Cher confrère, {gp},",
                           table_title=f"Bilan biologique du {when}")
            c.before = [f"Nous avons pris en charge votre patient(e) {p.title} {p.printed}, "
                        f"hospitalisé(e) le {fmt_date(admitted, 'dmy')} pour "
                        f"{FR_COMPLAINTS[i]}. {FR_COURSES[i]}",
                        f"Le bilan biologique réalisé le {when} est le suivant :"]
            c.after = [f"Sortie le {fmt_date(discharged, 'dmy')}. Traitement de sortie : "
                       "ramipril 5 mg le matin, atorvastatine 20 mg le soir. Nous proposons un "
                       "contrôle du ionogramme et de la créatinine dans 15 jours.",
                       "Nous vous prions de croire, cher confrère, à nos sentiments "
                       "les meilleurs.", f"{rng.choice(FR_DOCTORS)}, praticien hospitalier"]
        else:
            pron = "She" if p.sex == "F" else "He"
            c.style.update(subject="Discharge summary", city="",
                           greeting=f"Dear {gp},",
                           table_title=f"Blood results on {when}")
            c.before = [f"I saw your patient {p.title} {p.printed}, who was admitted on "
                        f"{fmt_date(admitted, 'dmy')} with {EN_COMPLAINTS[i]}. "
                        f"{EN_COURSES[i].format(pron=pron)}",
                        f"{'Her' if p.sex == 'F' else 'His'} blood tests on "
                        f"{when} are shown below."]
            c.after = [f"{pron} was discharged home on {fmt_date(discharged, 'dmy')}. "
                       "Medication on discharge: ramipril 5 mg once daily and atorvastatin "
                       "20 mg at night. Please repeat the kidney function and electrolytes in "
                       "2 weeks.", "Yours sincerely,",
                       f"{rng.choice(UK_DOCTORS)}, Consultant Physician"]
        c.style.update(admitted=admitted, discharged=discharged)


def make_report(layout: str, seed: int, language: str | None = None) -> GeneratedReport:
    """A born-digital lab report and its truth; the same arguments give the same bytes."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; choose from {', '.join(LAYOUTS)}")
    language = language or default_language(layout, seed)
    if layout in ("fr_lab", "us_lab", "uk_hospital") and language != default_language(
            layout, seed):
        raise ValueError(f"{layout} is printed in {default_language(layout, seed)} only")
    content = Builder(layout, language, seed).content()
    renderer = LAYOUTS[layout](content)
    pdf, placed = renderer.render()
    rows = [TruthRow(**p.row.truth, page=p.page, box=p.box) for p in placed]
    pages = max((p.page for p in placed), default=1)
    pages = max(pages, renderer.doc.pdf.pages_count)
    truth = ReportTruth(
        layout=layout, seed=seed, language=language, date=content.collected.date().isoformat(),
        lab=content.lab.name, patient_name=content.patient.printed,
        birth_date=content.patient.birth.isoformat(), pages=pages,
        page_size=(round(renderer.doc.w, 2), round(renderer.doc.h, 2)), rows=rows,
        previous_date=content.previous_date.isoformat() if content.previous_date else None)
    return GeneratedReport(pdf, truth)


def reports(count: int, layouts: tuple[str, ...] = tuple(LAYOUTS), start: int = 0
            ) -> list[GeneratedReport]:
    """`count` reports per layout, seeds start..start+count-1."""
    return [make_report(layout, seed) for layout in layouts
            for seed in range(start, start + count)]


def write_samples(out: Path, count: int, kinds: tuple[str, ...] = ("pdf", "scan", "photo"),
                  start: int = 0) -> dict[str, Any]:
    """Write PDFs, scans and photos with truth.json into `out`; return the truth index.

    truth.json: {"reports": {stem: truth}, "files": {file name: {"report": stem, "kind":
    "born-digital" | "scan" | "photo", "pages": [page numbers in this file]}}}.
    """
    out.mkdir(parents=True, exist_ok=True)
    index: dict[str, Any] = {"reports": {}, "files": {}}
    for report in reports(count, start=start):
        stem = report.name
        index["reports"][stem] = report.truth.to_json()
        pages = list(range(1, report.truth.pages + 1))
        if "pdf" in kinds:
            (out / f"{stem}.pdf").write_bytes(report.pdf)
            index["files"][f"{stem}.pdf"] = {"report": stem, "kind": "born-digital",
                                             "pages": pages}
        if "scan" in kinds or "photo" in kinds:
            images = render_pages(report.pdf, 200)
            if "scan" in kinds:
                scans = [to_scan(img, report.truth.seed * 100 + k) for k, img in
                         enumerate(images)]
                (out / f"{stem}_scan.pdf").write_bytes(scanned_pdf(scans))
                index["files"][f"{stem}_scan.pdf"] = {"report": stem, "kind": "scan",
                                                      "pages": pages}
            if "photo" in kinds:
                for k, img in enumerate(images, start=1):
                    photo = to_photo(img, report.truth.seed * 100 + k)
                    name = f"{stem}_photo_p{k}.jpg"
                    photo.save(out / name, "JPEG", quality=88)
                    index["files"][name] = {"report": stem, "kind": "photo", "pages": [k]}
    (out / "truth.json").write_text(json.dumps(index, ensure_ascii=False, indent=1),
                                    encoding="utf-8")
    return index


def main(argv: list[str] | None = None) -> int:
    """Command line: write sample reports into a folder."""
    parser = argparse.ArgumentParser(prog="python -m tests.labreports.generator",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--count", type=int, default=2, help="reports per layout")
    parser.add_argument("--start", type=int, default=0, help="first seed")
    parser.add_argument("--kinds", default="pdf,scan,photo",
                        help="comma-separated: pdf, scan, photo")
    args = parser.parse_args(argv)
    index = write_samples(args.outdir, args.count, tuple(args.kinds.split(",")), args.start)
    sys.stdout.write(f"{len(index['files'])} files, {len(index['reports'])} reports in "
                     f"{args.outdir}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
