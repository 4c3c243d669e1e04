"""Small lab reports made in the tests themselves (fpdf2, core fonts: Latin-1 text only)."""

from __future__ import annotations

import io
import random

from fpdf import FPDF
from PIL import Image, ImageFilter

Cell = tuple[float, str] | tuple[float, str, bool]  # x (points), text, bold


class Report:
    """A PDF built line by line: `line(y, cells)` writes cells at their x positions."""

    def __init__(self) -> None:
        self.pdf = FPDF(format="A4", unit="pt")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_font("Helvetica", size=9)

    def page(self) -> Report:
        self.pdf.add_page()
        return self

    def line(self, y: float, *cells: Cell, size: float = 9) -> Report:
        for cell in cells:
            x, text = cell[0], cell[1]
            bold = len(cell) > 2 and cell[2]
            self.pdf.set_font("Helvetica", "B" if bold else "", size)
            self.pdf.text(x, y, text)
        return self

    def paragraph(self, y: float, text: str, width: float = 500) -> Report:
        self.pdf.set_font("Helvetica", "", 10)
        self.pdf.set_xy(40, y)
        self.pdf.multi_cell(width, 13, text)
        return self

    def bytes(self) -> bytes:
        return bytes(self.pdf.output())


def french_report() -> bytes:
    """A French private lab: previous results, two-unit lines, bold and * flags, text results."""
    r = Report().page()
    r.line(50, (40, "LABORATOIRE DE BIOLOGIE MEDICALE DES LILAS", True), size=12)
    r.line(64, (40, "12 rue des Lilas, 75019 Paris - Tél. 01 42 00 00 00"))
    r.line(90, (40, "Dossier n° 250203-0042"), (330, "Patient : Mme MARTIN Claire"))
    r.line(103, (40, "Prélevé le 03/02/2025 à 08:15"), (330, "Née le 04/07/1975"))
    r.line(140, (40, "Examen", True), (230, "Résultat", True), (300, "Unités", True),
           (370, "Valeurs de référence", True), (480, "Antériorité", True))
    r.line(152, (480, "12/09/2024"))
    r.line(175, (40, "HÉMATOLOGIE", True), size=10)
    rows = [
        (192, "Hématies", "4,61", "T/L", "(3,80 - 5,20)", "4,55", False),
        (206, "Hémoglobine", "13,2", "g/dL", "(11,5 - 15,0)", "13,0", False),
        (220, "Leucocytes", "11,8", "G/L", "(4,0 - 10,0)", "9,1", True),
        (234, "Plaquettes", "245", "G/L", "(150 - 400)", "260", False),
    ]
    for y, name, value, unit, rng, prev, bold in rows:
        r.line(y, (40, name), (235, value, bold), (300, unit), (370, rng), (485, prev))
    r.line(265, (40, "BIOCHIMIE", True), size=10)
    r.line(282, (40, "Glycémie à jeun"), (235, "1,08"), (265, "*"), (300, "g/L"),
           (370, "(0,70 - 1,05)"), (485, "0,98"))
    r.line(294, (235, "6,00"), (300, "mmol/L"), (370, "(3,89 - 5,83)"))
    r.line(310, (40, "Créatinine"), (235, "8,2"), (300, "mg/L"), (370, "(5,7 - 11,1)"),
           (485, "8,0"))
    r.line(322, (235, "73"), (300, "µmol/L"), (370, "(50 - 98)"))
    r.line(338, (40, "Potassium"), (235, "4,1"), (300, "mmol/L"), (370, "3,5 - 5,1"),
           (485, "4,3"))
    r.line(352, (40, "Sodium"), (235, "139"), (300, "mmol/L"), (370, "(136 - 145)"))
    r.line(366, (40, "Hémoglobine glyquée (HbA1c)"), (235, "5,9"), (300, "%"), (370, "< 6,0"))
    r.line(380, (40, "CRP"), (235, "< 0,6"), (300, "mg/L"), (370, "< 5,0"))
    r.line(394, (40, "TSH ultrasensible"), (235, "2,150"), (300, "mUI/L"),
           (370, "0,270 - 4,200"))
    r.line(420, (40, "SÉROLOGIE", True), size=10)
    r.line(436, (40, "Sérologie VIH"), (235, "Négatif"), (370, "Négatif"))
    r.line(450, (40, "Antigène HBs"), (235, "Positif", True))
    r.line(800, (40, "Page 1/1 - Compte rendu validé par Dr Durand, biologiste"))
    return r.bytes()


def uk_report() -> bytes:
    """A UK hospital: short names, 10^9/L and g/L, H and L flags after the value."""
    r = Report().page()
    r.line(50, (40, "ROYAL INFIRMARY - NHS FOUNDATION TRUST", True), size=12)
    r.line(64, (40, "Department of Clinical Biochemistry and Haematology"))
    r.line(90, (40, "Name: JONES, Sarah"), (250, "DOB: 21/11/1959"), (400, "NHS No: 485 777 3456"))
    r.line(103, (40, "Sample taken: 14/03/2025 09:40"), (250, "Ward: AMU"))
    r.line(130, (40, "Test", True), (150, "Result", True), (230, "Units", True),
           (320, "Ref. range", True))
    rows = [
        ("Na", "141", "mmol/L", "(133 - 146)"), ("K", "5.8 H", "mmol/L", "(3.5 - 5.3)"),
        ("Urea", "6.1", "mmol/L", "(2.5 - 7.8)"), ("Creat", "98 H", "umol/L", "(45 - 84)"),
        ("eGFR", ">90", "mL/min/1.73m2", "(>59)"), ("Adj Ca", "2.41", "mmol/L", "(2.20 - 2.60)"),
        ("Alb", "41", "g/L", "(35 - 50)"), ("Bili", "9", "umol/L", "(0 - 21)"),
        ("ALP", "95", "U/L", "(30 - 130)"), ("ALT", "25", "U/L", "(0 - 33)"),
        ("CRP", "<4", "mg/L", "(0 - 5)"), ("Hb", "108 L", "g/L", "(115 - 165)"),
        ("WCC", "11.2 H", "10^9/L", "(4.0 - 11.0)"), ("Plt", "310", "10^9/L", "(150 - 450)"),
        ("Neut", "8.1 H", "10^9/L", "(2.0 - 7.5)"), ("MCV", "84", "fL", "(80 - 100)"),
    ]
    for i, (name, value, unit, rng) in enumerate(rows):
        y = 146 + 14 * i
        r.line(y, (40, name), (150, value), (230, unit), (320, rng))
    r.line(800, (40, "Printed 14/03/2025 16:02 - Page 1 of 1"))
    return r.bytes()


def us_report() -> bytes:
    """A US commercial lab: in-range and out-of-range columns, x10E3/uL, <5.7, >59, Negative."""
    r = Report().page()
    r.line(50, (40, "COASTAL DIAGNOSTICS LABORATORIES", True), size=12)
    r.line(64, (40, "CLIA 05D0000000 - Final Report"))
    r.line(90, (40, "Patient: DOE, JANE"), (250, "DOB: 05/22/1980"), (400, "Sex: F"))
    r.line(103, (40, "Collected: 03/11/2025 07:45"), (250, "Received: 03/11/2025 10:02"))
    r.line(130, (40, "Test Name", True), (210, "In Range", True), (280, "Out Of Range", True),
           (370, "Reference Range", True), (500, "Lab", True))
    rows = [
        ("WBC", "7.2", "", "3.8-10.8 x10E3/uL"), ("Platelets", "", "462 H", "140-400 x10E3/uL"),
        ("Glucose", "92", "", "65-99 mg/dL"), ("Hemoglobin A1c", "", "5.9 H", "<5.7 %"),
        ("eGFR", "88", "", ">59 mL/min/1.73"), ("Creatinine", "0.91", "", "0.50-0.99 mg/dL"),
        ("Potassium", "", "3.2 L", "3.5-5.3 mmol/L"), ("LDL Cholesterol", "", "131 H",
                                                       "<100 mg/dL"),
        ("Troponin I", "<0.01", "", "0.00-0.04 ng/mL"), ("Urine Glucose", "Negative", "",
                                                          "Negative"),
        ("TSH", "1.28", "", "0.40-4.50 mIU/L"),
    ]
    for i, (name, inside, outside, rng) in enumerate(rows):
        y = 146 + 14 * i
        r.line(y, (40, name), (215, inside), (285, outside), (370, rng), (505, "EZ"))
    r.line(800, (40, "Page 1 of 1"))
    return r.bytes()


CHECK_UP = [
    ("Sodium", "140", "mmol/L", "(136 - 145)"), ("Potassium", "4,4", "mmol/L", "(3,5 - 5,1)"),
    ("Chlore", "101", "mmol/L", "(98 - 107)"), ("Urée", "5,2", "mmol/L", "(2,8 - 7,2)"),
    ("Créatinine", "81", "µmol/L", "(59 - 104)"), ("Calcium", "2,36", "mmol/L", "(2,15 - 2,55)"),
    ("Albumine", "43", "g/L", "(35 - 52)"), ("ASAT", "24", "UI/L", "(< 35)"),
    ("ALAT", "31", "UI/L", "(< 45)"), ("Gamma-GT", "38", "UI/L", "(< 55)"),
    ("Phosphatases alcalines", "72", "UI/L", "(40 - 130)"),
    ("Bilirubine totale", "11", "µmol/L", "(< 21)"), ("Cholestérol total", "5,12", "mmol/L",
                                                      "(< 5,17)"),
    ("Triglycérides", "1,21", "mmol/L", "(< 1,70)"), ("Ferritine", "142", "µg/L", "(30 - 400)"),
    ("Vitamine B12", "310", "pmol/L", "(145 - 569)"), ("Folates", "18,2", "nmol/L",
                                                        "(8,8 - 60,8)"),
    ("TSH", "1,92", "mUI/L", "(0,27 - 4,20)"),
]


def multi_page_report(pages: int = 3, per_page: int = 6) -> tuple[bytes, list[str]]:
    """A check-up over several pages, each with the same header and footer; and the names
    written, in order (the check-up list repeats for long reports)."""
    r = Report()
    written: list[str] = []
    for p in range(pages):
        r.page()
        r.line(40, (40, "CENTRE DE BIOLOGIE DU LAC", True), (400, f"Page {p + 1}/{pages}"),
               size=11)
        r.line(54, (40, "Patient : M. BERNARD Paul - né le 02/02/1960 - Prélevé le 10/01/2025"))
        r.line(80, (40, "Examen", True), (230, "Résultat", True), (300, "Unités", True),
               (370, "Valeurs de référence", True))
        for i in range(per_page):
            name, value, unit, rng = CHECK_UP[(p * per_page + i) % len(CHECK_UP)]
            written.append(name)
            r.line(100 + 14 * i, (40, name), (235, value), (300, unit), (370, rng))
        r.line(800, (40, "Centre de Biologie du Lac - 3 quai du Lac, 74000 Annecy - Tél. 04 50 "
                         "00 00 00"))
    return r.bytes(), written


def discharge_letter() -> bytes:
    """A discharge letter: prose with numbers in it, and one results table."""
    r = Report().page()
    r.line(50, (40, "ST MARY'S HOSPITAL - Department of Medicine", True), size=12)
    r.line(80, (40, "Discharge summary"), (350, "Date: 05/03/2025"))
    r.paragraph(100, "Dear Dr Smith, Mr Brown (DOB 12/06/1950) was admitted on 02/03/2025 with "
                "chest pain. His potassium was 3.1 mmol/L on admission and was replaced. "
                "Troponin was 14 ng/L and did not rise. Blood pressure 128/76 mmHg. He takes "
                "ramipril 5 mg once daily. He is now well and goes home today.")
    r.line(200, (40, "Results on discharge (04/03/2025):", True))
    r.line(216, (40, "Sodium"), (200, "138"), (260, "mmol/L"), (340, "(133 - 146)"))
    r.line(230, (40, "Potassium"), (200, "4.0"), (260, "mmol/L"), (340, "(3.5 - 5.3)"))
    r.line(244, (40, "Creatinine"), (200, "84"), (260, "umol/L"), (340, "(59 - 104)"))
    r.paragraph(270, "Please repeat the kidney function in 1 week. Follow-up in clinic in 6 "
                "weeks, room 12, extension 4410. Kind regards, Dr A. Patel, FY2 (bleep 2231).")
    return r.bytes()


def letter_without_results() -> bytes:
    """A letter with dates and numbers but no results."""
    r = Report().page()
    r.line(50, (40, "Cabinet médical des Tilleuls", True), size=12)
    r.paragraph(90, "Madame, suite à votre consultation du 12/01/2025, je vous propose un "
                "rendez-vous le 20/02/2025 à 10 h 30. Merci de venir à jeun. Tél. 01 23 45 67 89. "
                "Bien cordialement, Dr Leroy.")
    return r.bytes()


def as_scan(pdf: bytes, *, angle: float = 1.2, seed: int = 7, dpi: int = 200) -> bytes:
    """The first page printed and scanned: rendered, turned a little, noisy, JPEG, as a PDF
    without a text layer."""
    import numpy as np
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    image = doc[0].render(scale=dpi / 72).to_pil().convert("L")
    doc.close()
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    rng = np.random.default_rng(seed)
    noisy = np.asarray(image, np.float32) + rng.normal(0, 8, (image.height, image.width))
    image = Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8))
    jpeg = io.BytesIO()
    image.save(jpeg, "JPEG", quality=70)
    out = io.BytesIO()
    Image.open(io.BytesIO(jpeg.getvalue())).save(out, "PDF", resolution=dpi)
    return out.getvalue()


def as_photo(pdf: bytes, *, seed: int = 3) -> bytes:
    """The first page photographed: on a dark table, in perspective, unevenly lit, JPEG."""
    import numpy as np
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    page = doc[0].render(scale=220 / 72).to_pil().convert("L")
    doc.close()
    rnd = random.Random(seed)
    w, h = page.size
    canvas_size = (int(w * 1.25), int(h * 1.2))
    # Where the page's corners land on the photo (a gentle perspective).
    dx, dy = canvas_size[0] - w, canvas_size[1] - h
    corners = [(dx * 0.45 + rnd.uniform(-20, 20), dy * 0.4), (dx * 0.55 + w, dy * 0.45),
               (dx * 0.6 + w + 25, dy * 0.55 + h), (dx * 0.4 - 25, dy * 0.5 + h)]
    src = [(0, 0), (w, 0), (w, h), (0, h)]
    matrix, rhs = [], []
    for (x, y), (u, v) in zip(corners, src, strict=True):
        matrix.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        matrix.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs.extend([u, v])
    coeffs = np.linalg.solve(np.array(matrix, float), np.array(rhs, float))
    photo = page.transform(canvas_size, Image.Transform.PERSPECTIVE, tuple(coeffs),
                           resample=Image.Resampling.BICUBIC, fillcolor=60)
    light = np.linspace(1.0, 0.75, canvas_size[0])[None, :] * np.ones((canvas_size[1], 1))
    shaded = np.asarray(photo, np.float32) * light
    photo = Image.fromarray(np.clip(shaded, 0, 255).astype(np.uint8)).filter(
        ImageFilter.GaussianBlur(0.6))
    out = io.BytesIO()
    photo.convert("RGB").save(out, "JPEG", quality=85)
    return out.getvalue()
