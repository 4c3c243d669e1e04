"""Drawing a report's content as a born-digital PDF, one class per layout.

A layout turns the content into items (column header, section headings, rows, paragraphs),
paginates them (a heading stays with its first row; a table that goes on to the next page gets
its column header again and, where the layout says so, a "continued" heading), then draws each
page with its header and footer. Row boxes are recorded in points from the page's top-left.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from fpdf import FPDF

from tests.labreports.content import Content, PrintedRow, fmt_date

Box = tuple[float, float, float, float]


@cache
def font_dir() -> Path:
    """matplotlib's bundled DejaVu fonts (found without importing matplotlib)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or spec.origin is None:
        raise RuntimeError("matplotlib is needed for its DejaVu fonts")
    return Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"


class Doc:
    """A thin drawing surface over fpdf2, in points, y measured from the top."""

    def __init__(self, page_format: str, created: datetime) -> None:
        pdf = FPDF(unit="pt", format=page_format)
        pdf.set_auto_page_break(False)
        pdf.set_margins(0, 0, 0)
        fonts = font_dir()
        pdf.add_font("Sans", "", str(fonts / "DejaVuSans.ttf"))
        pdf.add_font("Sans", "B", str(fonts / "DejaVuSans-Bold.ttf"))
        pdf.add_font("Sans", "I", str(fonts / "DejaVuSans-Oblique.ttf"))
        pdf.set_creation_date(created.replace(tzinfo=UTC))
        pdf.set_creator("Healthbook test generator")
        self.pdf = pdf
        self.w, self.h = float(pdf.w), float(pdf.h)

    def add_page(self) -> None:
        """Start a new page."""
        self.pdf.add_page()

    def width(self, text: str, size: float = 9.0, style: str = "") -> float:
        """The width of a text in points."""
        self.pdf.set_font("Sans", style, size)
        return float(self.pdf.get_string_width(text))

    def text(self, x: float, y: float, text: str, size: float = 9.0, style: str = "",
             align: str = "L", width: float = 0.0, gray: int = 0) -> Box:
        """Draw one line of text whose top is at y; return its box."""
        if not text:
            return (x, y, x, y + size)
        w = self.width(text, size, style)
        if align == "R":
            x = x + width - w
        elif align == "C":
            x = x + (width - w) / 2
        self.pdf.set_text_color(gray)
        self.pdf.text(x, y + size * 0.8, text)
        self.pdf.set_text_color(0)
        return (x, y, x + w, y + size * 1.05)

    def hline(self, x0: float, x1: float, y: float, weight: float = 0.5, gray: int = 0) -> None:
        """A horizontal rule."""
        self.pdf.set_draw_color(gray)
        self.pdf.set_line_width(weight)
        self.pdf.line(x0, y, x1, y)

    def rect(self, x: float, y: float, w: float, h: float, fill: int | None = None,
             border: bool = True) -> None:
        """A rectangle, optionally filled with a gray level."""
        self.pdf.set_line_width(0.5)
        self.pdf.set_draw_color(0)
        if fill is not None:
            self.pdf.set_fill_color(fill)
        style = ("F" if fill is not None else "") + ("D" if border else "")
        self.pdf.rect(x, y, w, h, style=style or "D")

    def wrap(self, text: str, width: float, size: float = 9.0, style: str = "") -> list[str]:
        """Greedy word wrap to a width."""
        lines: list[str] = []
        line = ""
        for word in text.split():
            candidate = f"{line} {word}".strip()
            if line and self.width(candidate, size, style) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        if line:
            lines.append(line)
        return lines

    def output(self) -> bytes:
        """The PDF file."""
        return bytes(self.pdf.output())


@dataclass(frozen=True)
class Col:
    """A table column: left edge, width, alignment."""

    x: float
    width: float
    align: str = "L"


@dataclass
class Item:
    """One thing to place in the body: 'thead', 'section', 'row', 'para', 'title', 'note',
    'space' or 'end_table'."""

    kind: str
    text: str = ""
    row: PrintedRow | None = None
    lines: tuple[str, ...] = ()
    height: float = 0.0
    continued: bool = False


@dataclass
class Placed:
    """A row drawn on a page."""

    row: PrintedRow
    page: int
    box: Box


class Layout:
    """Base: paginate items and draw pages. Subclasses draw headers, footers and rows."""

    page_format = "A4"
    row_h = 12.5
    alt_h = 11.0
    section_h = 20.0
    thead_h = 16.0
    bottom = 64.0  # space kept for the footer
    continued_headings = False
    size = 8.5

    def __init__(self, content: Content) -> None:
        self.c = content
        self.doc = Doc(self.page_format, content.reported)
        self.lang = content.language

    # --- to override -----------------------------------------------------------------------
    def body_top(self, page: int) -> float:
        """Where the body starts on a page."""
        raise NotImplementedError

    def draw_frame(self, page: int, pages: int) -> None:
        """Draw the header and footer of a page."""
        raise NotImplementedError

    def draw_thead(self, y: float) -> None:
        """Draw the column header."""
        raise NotImplementedError

    def draw_row(self, row: PrintedRow, y: float) -> Box:
        """Draw a result row; return its box."""
        raise NotImplementedError

    def draw_section(self, item: Item, y: float) -> None:
        """Draw a section heading."""
        text = item.text + (self.continued_word() if item.continued else "")
        self.doc.text(self.left, y + 5, text, 9.5, "B")

    def continued_word(self) -> str:
        """The mark of a heading repeated on a new page."""
        return " (suite)" if self.lang == "fr" else " (continued)"

    left = 42.0

    # --- generic ---------------------------------------------------------------------------
    def items(self) -> list[Item]:
        """Column header, then each section's heading and rows."""
        items = [Item("thead")]
        for section in self.c.sections:
            items.append(Item("section", section.title))
            items.extend(Item("row", row=row) for row in section.rows)
        items.append(Item("end_table"))
        return items

    def height(self, item: Item) -> float:
        """The vertical space an item takes."""
        if item.kind == "row":
            assert item.row is not None
            return self.row_h + (self.alt_h if item.row.alt else 0.0)
        if item.kind == "section":
            return self.section_h
        if item.kind == "thead":
            return self.thead_h
        return item.height

    def paginate(self, items: list[Item]) -> list[list[tuple[Item, float]]]:
        """Assign items to pages and y positions."""
        pages: list[list[tuple[Item, float]]] = []
        page: list[tuple[Item, float]] = []
        y = self.body_top(1)
        limit = self.doc.h - self.bottom
        in_table, section = False, None
        for i, item in enumerate(items):
            need = self.height(item)
            if item.kind in ("section", "title", "thead") and i + 1 < len(items):
                need += self.height(items[i + 1])
            if page and y + need > limit:
                pages.append(page)
                page, y = [], self.body_top(len(pages) + 1)
                if in_table and item.kind not in ("thead", "end_table"):
                    page.append((Item("thead"), y))
                    y += self.thead_h
                if self.continued_headings and item.kind == "row" and section is not None:
                    page.append((Item("section", section, continued=True), y))
                    y += self.section_h
            page.append((item, y))
            y += self.height(item)
            if item.kind == "thead":
                in_table = True
            elif item.kind == "end_table":
                in_table, section = False, None
            elif item.kind == "section":
                section = item.text
        pages.append(page)
        return pages

    def render(self) -> tuple[bytes, list[Placed]]:
        """Draw every page; return the PDF and where each row landed."""
        plan = self.paginate(self.items())
        placed: list[Placed] = []
        for number, page in enumerate(plan, start=1):
            self.doc.add_page()
            self.draw_frame(number, len(plan))
            for item, y in page:
                if item.kind == "row":
                    assert item.row is not None
                    placed.append(Placed(item.row, number, self.draw_row(item.row, y)))
                elif item.kind == "thead":
                    self.draw_thead(y)
                elif item.kind == "section":
                    self.draw_section(item, y)
                else:
                    self.draw_other(item, y)
        return self.doc.output(), placed

    def draw_other(self, item: Item, y: float) -> None:
        """Paragraphs, titles and notes."""
        if item.kind == "para":
            for k, line in enumerate(item.lines):
                self.doc.text(self.left, y + k * 12.5, line, 9.5)
        elif item.kind == "title":
            self.doc.text(self.left, y + 4, item.text, 10, "B")
        elif item.kind == "note":
            self.doc.text(self.left + 10, y, item.text, 7, "I", gray=90)

    def cells(self, cols: dict[str, Col], values: dict[str, str], y: float, bold: set[str],
              size: float | None = None) -> Box:
        """Draw values in their columns on one line; return the union of the boxes."""
        x0, top, x1, bottom = 1e9, y, -1e9, y
        for key, text in values.items():
            if not text or key not in cols:
                continue
            col = cols[key]
            box = self.doc.text(col.x, y, text, size or self.size, "B" if key in bold else "",
                                col.align, col.width)
            x0, x1 = min(x0, box[0]), max(x1, box[2])
            bottom = max(bottom, box[3])
        return (round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1))


def union(a: Box, b: Box) -> Box:
    """The box around two boxes."""
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


# ------------------------------------------------------------------------------------------
class FrenchLab(Layout):
    """A French private lab: name ... value unit (range) previous; two-unit lines."""

    cols = {"name": Col(42, 190), "value": Col(232, 58, "R"), "flag": Col(293, 10),
            "unit": Col(308, 78), "range": Col(388, 100), "previous": Col(490, 64, "R")}

    def body_top(self, page: int) -> float:
        return 204.0

    def draw_frame(self, page: int, pages: int) -> None:
        d, c, p = self.doc, self.c, self.c.patient
        d.text(42, 34, c.lab.name, 13, "B")
        for k, line in enumerate(c.lab.lines):
            d.text(42, 52 + k * 10, line, 7.5, gray=60)
        title = f"{p.title} " if p.title else ""
        d.text(330, 92, f"{title}{p.printed}", 10.5, "B")
        born = "Née le" if p.sex == "F" else "Né le"
        d.text(330, 108, f"{born} {fmt_date(p.birth, 'dmy')}", 9)
        for k, (label, value) in enumerate(p.ids):
            d.text(330, 121 + k * 11, f"{label} : {value}", 8)
        d.text(42, 140, f"Dossier n° {c.file_no}", 8.5)
        d.text(42, 152, f"Prescripteur : {c.prescriber}", 8.5)
        d.text(42, 166, f"Prélevé le {fmt_date(c.collected.date(), 'dmy')} à "
                        f"{c.collected:%Hh%M}   —   Reçu le {fmt_date(c.received.date(), 'dmy')}"
                        f" à {c.received:%Hh%M}", 8.5)
        d.text(42, 178, f"Édité le {fmt_date(c.reported.date(), 'dmy')}", 8, gray=80)
        d.hline(42, d.w - 42, 192)
        d.hline(42, d.w - 42, d.h - 50, 0.3, 120)
        d.text(42, d.h - 44, f"{c.lab.name} — {c.lab.lines[0]}", 6.5, gray=90)
        d.text(42, d.h - 35, "Compte rendu validé par le biologiste responsable. "
                             "Toute reproduction partielle est interdite.", 6.5, gray=90)
        d.text(d.w - 120, d.h - 44, f"Page {page}/{pages}", 8, align="R", width=78)

    def draw_thead(self, y: float) -> None:
        cols = self.cols
        self.doc.text(cols["range"].x, y + 2, "Valeurs de référence", 7.5, "I")
        if self.c.previous_date is not None:
            self.doc.text(cols["previous"].x, y - 2, "Antériorité", 7.5, "I", "R",
                          cols["previous"].width)
            self.doc.text(cols["previous"].x, y + 7, fmt_date(self.c.previous_date, "dmy"), 7,
                          "I", "R", cols["previous"].width)

    def draw_section(self, item: Item, y: float) -> None:
        text = item.text + (self.continued_word() if item.continued else "")
        self.doc.text(42, y + 5, text, 9.5, "B")
        self.doc.hline(42, 42 + self.doc.width(text, 9.5, "B"), y + 16, 0.4)

    def draw_row(self, row: PrintedRow, y: float) -> Box:
        cols = self.cols
        values = {"name": row.name, "value": row.value, "flag": row.flag, "unit": row.unit,
                  "range": row.range, "previous": row.previous}
        box = self.cells(cols, values, y, {"value", "flag"} if row.bold else set())
        if self.c.style.get("leaders"):
            start = cols["name"].x + self.doc.width(row.name, self.size) + 4
            end = cols["value"].x + cols["value"].width - self.doc.width(row.value, self.size,
                                                                         "B" if row.bold else "")
            dots = int(max(0.0, end - 6 - start) / self.doc.width(".", self.size))
            if dots > 2:
                self.doc.text(start, y, "." * dots, self.size, gray=140)
        if row.alt:
            alt = {"value": row.alt.value, "unit": row.alt.unit, "range": row.alt.range}
            box = union(box, self.cells(cols, alt, y + self.alt_h, set()))
        return box


class USLab(Layout):
    """A US commercial lab: In Range / Out Of Range columns, H/L flags, Letter paper."""

    page_format = "Letter"
    row_h = 13.0
    size = 8.0

    def __init__(self, content: Content) -> None:
        super().__init__(content)
        if content.style.get("unit_in_range"):
            self.cols = {"name": Col(48, 196), "in": Col(250, 62), "out": Col(316, 70),
                         "range": Col(392, 150), "lab": Col(556, 24)}
        else:
            self.cols = {"name": Col(48, 196), "in": Col(250, 62), "out": Col(316, 70),
                         "unit": Col(392, 64), "range": Col(462, 86), "lab": Col(556, 24)}

    def body_top(self, page: int) -> float:
        return 206.0 if page == 1 else 96.0

    def draw_frame(self, page: int, pages: int) -> None:
        d, c, p = self.doc, self.c, self.c.patient
        d.text(40, 30, c.lab.name, 14, "B")
        d.text(d.w - 220, 32, "Patient Report", 12, "B", "R", 180)
        d.text(40, 50, " | ".join(c.lab.lines), 7, gray=70)
        if page == 1:
            boxes = (("Patient Information", [p.printed, f"DOB: {fmt_date(p.birth, 'mdy')}",
                                              f"Gender: {p.sex}", *(f"{k}: {v}" for k, v in
                                                                    p.ids)]),
                     ("Specimen Information",
                      [f"Specimen: {c.file_no}",
                       f"Collected: {fmt_date(c.collected.date(), 'mdy')} / "
                       f"{c.collected:%H:%M} EST",
                       f"Received: {fmt_date(c.received.date(), 'mdy')} / "
                       f"{c.received:%H:%M} EST",
                       f"Reported: {fmt_date(c.reported.date(), 'mdy')} / "
                       f"{c.reported:%H:%M} EST"]),
                     ("Client Information", [f"Ordering Physician: {c.prescriber}",
                                             "Client #: 40219335", "Report Status: FINAL"]))
            for k, (title, lines) in enumerate(boxes):
                x = 40 + k * 180
                d.rect(x, 68, 172, 100)
                d.rect(x, 68, 172, 15, fill=225)
                d.text(x + 5, 71, title, 8, "B")
                for j, line in enumerate(lines):
                    d.text(x + 5, 90 + j * 12, line, 8, "B" if j == 0 and k == 0 else "")
        else:
            d.text(40, 68, f"Patient: {p.printed}   DOB: {fmt_date(p.birth, 'mdy')}   "
                           f"Collected: {fmt_date(c.collected.date(), 'mdy')}", 8)
        d.hline(40, d.w - 40, d.h - 52, 0.4)
        d.text(40, d.h - 46, f"{p.printed} - {c.file_no}", 7)
        d.text(d.w / 2 - 50, d.h - 46, f"Page {page} of {pages}", 7, align="C", width=100)
        d.text(d.w - 200, d.h - 46, "Report Status: Final", 7, align="R", width=160)
        d.text(40, d.h - 36, f"{c.lab.site_code}: {c.lab.name}, {c.lab.lines[0]}", 6.5, gray=80)

    def draw_thead(self, y: float) -> None:
        d = self.doc
        d.rect(40, y, d.w - 80, 14, fill=210, border=False)
        labels = {"name": "Test Name", "in": "In Range", "out": "Out Of Range",
                  "unit": "Units", "range": "Reference Range", "lab": "Lab"}
        for key, col in self.cols.items():
            d.text(col.x, y + 3, labels[key], 7.5, "B")

    def draw_section(self, item: Item, y: float) -> None:
        self.doc.text(42, y + 6, item.text.upper(), 8.5, "B")

    def draw_row(self, row: PrintedRow, y: float) -> Box:
        out = bool(row.flag)
        value = f"{row.value} {row.flag}".strip() if out else row.value
        rng = row.range
        if "unit" not in self.cols and row.unit:
            rng = f"{row.range} {row.unit}".strip()
        values = {"name": "   " + row.name, "in": "" if out else value,
                  "out": value if out else "", "unit": row.unit, "range": rng,
                  "lab": self.c.lab.site_code}
        return self.cells(self.cols, values, y, {"out"} if row.bold else set())


class UKHospital(Layout):
    """A UK hospital pathology report: short names, flag column, ranges in brackets."""

    cols = {"name": Col(48, 80), "value": Col(130, 48, "R"), "flag": Col(186, 18),
            "unit": Col(208, 86), "range": Col(298, 110)}
    row_h = 13.5
    size = 9.0

    def body_top(self, page: int) -> float:
        return 190.0

    def draw_frame(self, page: int, pages: int) -> None:
        d, c, p = self.doc, self.c, self.c.patient
        d.text(42, 30, c.lab.name, 13, "B")
        for k, line in enumerate(c.lab.lines):
            d.text(42, 48 + k * 10, line, 8, gray=60)
        d.rect(42, 82, d.w - 84, 82)
        born = fmt_date(p.birth, "dmony")
        left = [f"Name: {p.printed}", f"DOB: {born}   Sex: {p.sex}",
                *(f"{k}: {v}" for k, v in p.ids)]
        right = [f"Collected: {fmt_date(c.collected.date(), 'dmony')} {c.collected:%H:%M}",
                 f"Received: {fmt_date(c.received.date(), 'dmony')} {c.received:%H:%M}",
                 f"Requested by: {c.prescriber}", f"Lab No: {c.file_no}"]
        for k, line in enumerate(left):
            d.text(48, 88 + k * 13, line, 9, "B" if k == 0 else "")
        for k, line in enumerate(right):
            d.text(310, 88 + k * 13, line, 9)
        d.hline(42, d.w - 42, d.h - 52, 0.4)
        d.text(42, d.h - 46, f"Printed {fmt_date(c.reported.date(), 'dmony')} "
                             f"{c.reported:%H:%M}  -  Authorised by: Blood Sciences", 7, gray=70)
        d.text(d.w - 160, d.h - 46, f"Page {page} of {pages}", 8, align="R", width=118)

    def draw_thead(self, y: float) -> None:
        labels = {"name": "Test", "value": "Result", "flag": "", "unit": "Units",
                  "range": "Ref. range"}
        for key, col in self.cols.items():
            self.doc.text(col.x, y + 1, labels[key], 8.5, "B", col.align, col.width)
        self.doc.hline(42, self.doc.w - 42, y + 13, 0.4)

    def draw_section(self, item: Item, y: float) -> None:
        self.doc.text(42, y + 6, item.text, 10, "B")

    def draw_row(self, row: PrintedRow, y: float) -> Box:
        values = {"name": row.name, "value": row.value, "flag": row.flag, "unit": row.unit,
                  "range": row.range}
        return self.cells(self.cols, values, y, {"value", "flag"} if row.bold else set())


class DischargeLetter(Layout):
    """A hospital letter: paragraphs, one ruled results table, more paragraphs."""

    row_h = 15.0
    thead_h = 17.0
    size = 9.0

    def __init__(self, content: Content) -> None:
        super().__init__(content)
        self.cols = {"name": Col(48, 200), "value": Col(252, 76), "unit": Col(334, 90),
                     "range": Col(430, 120)}

    def body_top(self, page: int) -> float:
        return 200.0 if page == 1 else 80.0

    def items(self) -> list[Item]:
        width = self.doc.w - 2 * self.left
        items: list[Item] = []
        for text in self.c.before:
            lines = tuple(self.doc.wrap(text, width, 9.5))
            items.append(Item("para", lines=lines, height=12.5 * len(lines) + 8))
        title = self.c.style["table_title"]
        items.append(Item("title", title, height=22))
        items.append(Item("thead"))
        for section in self.c.sections:
            items.extend(Item("row", row=row) for row in section.rows)
        items.append(Item("end_table"))
        items.append(Item("space", height=12))
        for text in self.c.after:
            lines = tuple(self.doc.wrap(text, width, 9.5))
            items.append(Item("para", lines=lines, height=12.5 * len(lines) + 8))
        return items

    def draw_frame(self, page: int, pages: int) -> None:
        d, c, p = self.doc, self.c, self.c.patient
        fr = self.lang == "fr"
        if page == 1:
            d.text(42, 32, c.lab.name, 13, "B")
            for k, line in enumerate(c.lab.lines):
                d.text(42, 50 + k * 10, line, 8, gray=60)
            place = c.style["city"]
            when = fmt_date(c.reported.date(), "long_fr" if fr else "long_en")
            d.text(d.w - 260, 50, f"{place}, le {when}" if fr else when, 9, align="R",
                   width=218)
            d.text(42, 104, c.style["subject"], 11, "B")
            title = f"{p.title} " if p.title else ""
            born = ("née le" if p.sex == "F" else "né le") if fr else "born"
            label = "Patient(e) :" if fr else "Patient:"
            d.text(42, 122, f"{label} {title}{p.printed}, {born} {fmt_date(p.birth, 'dmy')}",
                   9.5)
            adm, dis = c.style["admitted"], c.style["discharged"]
            stay = (f"Hospitalisation du {fmt_date(adm, 'dmy')} au {fmt_date(dis, 'dmy')}" if fr
                    else f"Admitted {fmt_date(adm, 'dmy')}, discharged {fmt_date(dis, 'dmy')}")
            d.text(42, 136, stay, 9.5)
            d.text(42, 150, (f"Réf. : {c.file_no}" if fr else f"Ref: {c.file_no}"), 8.5,
                   gray=60)
            d.text(42, 174, c.style["greeting"], 9.5)
        else:
            d.text(42, 40, f"{p.printed} — {fmt_date(p.birth, 'dmy')}", 8, gray=60)
        d.text(d.w / 2 - 40, d.h - 40, f"Page {page}/{pages}", 8, align="C", width=80)
        d.text(42, d.h - 28, f"{c.lab.name} — {c.lab.lines[-1]}", 6.5, gray=90)

    def draw_thead(self, y: float) -> None:
        d = self.doc
        d.rect(42, y, d.w - 84, self.thead_h, fill=230)
        labels = (("Examen", "Résultat", "Unité", "Valeurs de référence") if self.lang == "fr"
                  else ("Test", "Result", "Units", "Reference range"))
        for col, label in zip(self.cols.values(), labels, strict=True):
            d.text(col.x, y + 4, label, 8.5, "B")
        self._grid(y, self.thead_h)

    def _grid(self, y: float, h: float) -> None:
        d = self.doc
        d.rect(42, y, d.w - 84, h)
        for col in list(self.cols.values())[1:]:
            d.pdf.line(col.x - 4, y, col.x - 4, y + h)

    def draw_row(self, row: PrintedRow, y: float) -> Box:
        value = f"{row.value} {row.flag}".strip() if row.flag else row.value
        values = {"name": row.name, "value": value, "unit": row.unit, "range": row.range}
        self._grid(y, self.row_h)
        return self.cells(self.cols, values, y + 3.5, {"value"} if row.bold else set())


class CheckUp(Layout):
    """A multi-page check-up: full header and footer on every page, sections that go on."""

    continued_headings = True
    row_h = 15.5
    alt_h = 12.0
    section_h = 24.0
    thead_h = 22.0

    def __init__(self, content: Content) -> None:
        self.page_format = "A4" if content.language == "fr" else "Letter"
        super().__init__(content)
        w = self.doc.w
        self.cols = {"name": Col(42, 196), "value": Col(240, 58, "R"), "flag": Col(302, 14),
                     "unit": Col(320, 80), "range": Col(404, 96),
                     "previous": Col(w - 96, 54, "R")}

    def body_top(self, page: int) -> float:
        return 150.0

    def render(self) -> tuple[bytes, list[Placed]]:
        """A check-up has at least three pages: rows are spaced out until it has."""
        items = self.items()
        for _ in range(12):
            if len(self.paginate(items)) >= 3:
                break
            self.row_h += 1.5
            self.section_h += 2.0
        return super().render()

    def draw_frame(self, page: int, pages: int) -> None:
        d, c, p = self.doc, self.c, self.c.patient
        fr = self.lang == "fr"
        dates = "dmy" if fr else "mdy"
        d.rect(42, 28, 30, 30, fill=200, border=False)
        d.text(80, 28, c.lab.name, 12, "B")
        d.text(80, 45, c.lab.lines[0], 7.5, gray=60)
        pages_text = f"Page {page}/{pages}" if fr else f"Page {page} of {pages}"
        d.text(d.w - 200, 30, pages_text, 9, "B", "R", 158)
        d.rect(42, 70, d.w - 84, 58)
        born = ("Née le" if p.sex == "F" else "Né le") if fr else "DOB:"
        d.text(50, 76, f"{p.title} {p.printed}".strip(), 10, "B")
        d.text(50, 92, f"{born} {fmt_date(p.birth, dates)}", 8.5)
        d.text(50, 106, (f"Dossier : {c.file_no}" if fr else f"Accession: {c.file_no}"), 8.5)
        coll = (f"Prélèvement du {fmt_date(c.collected.date(), dates)} à {c.collected:%H:%M}"
                if fr else f"Collected: {fmt_date(c.collected.date(), dates)} "
                           f"{c.collected:%I:%M %p}")
        d.text(300, 76, coll, 8.5)
        d.text(300, 92, (f"Médecin : {c.prescriber}" if fr else f"Physician: {c.prescriber}"),
               8.5)
        d.text(300, 106, (f"Compte rendu du {fmt_date(c.reported.date(), dates)}" if fr else
                          f"Reported: {fmt_date(c.reported.date(), dates)}"), 8.5)
        d.hline(42, d.w - 42, d.h - 54, 0.4, 100)
        d.text(42, d.h - 48, f"{c.lab.name} — {' — '.join(c.lab.lines)}", 6.5, gray=80)
        d.text(42, d.h - 38, (f"{p.printed} — né(e) le {fmt_date(p.birth, dates)} — {pages_text}"
                              if fr else f"{p.printed} — DOB {fmt_date(p.birth, dates)} — "
                                         f"{pages_text}"), 6.5, gray=80)

    def draw_thead(self, y: float) -> None:
        d, cols = self.doc, self.cols
        fr = self.lang == "fr"
        labels = {"name": "Analyse" if fr else "Test", "value": "Résultat" if fr else "Result",
                  "unit": "Unité" if fr else "Units",
                  "range": "Référence" if fr else "Reference",
                  "previous": "Antériorité" if fr else "Previous"}
        for key, label in labels.items():
            col = cols[key]
            d.text(col.x, y + 2, label, 8, "B", col.align, col.width)
        if self.c.previous_date is not None:
            col = cols["previous"]
            d.text(col.x - 10, y + 11, fmt_date(self.c.previous_date, "dmy" if fr else "mdy"),
                   6.5, "I", "R", col.width + 10)
        d.hline(42, d.w - 42, y + 20, 0.6)

    def draw_section(self, item: Item, y: float) -> None:
        d = self.doc
        d.rect(42, y + 5, d.w - 84, 15, fill=235, border=False)
        text = item.text + (self.continued_word() if item.continued else "")
        d.text(46, y + 8, text, 9, "B")

    def draw_row(self, row: PrintedRow, y: float) -> Box:
        cols = self.cols
        values = {"name": row.name, "value": row.value, "flag": row.flag, "unit": row.unit,
                  "range": row.range, "previous": row.previous}
        box = self.cells(cols, values, y + 2, {"value", "flag"} if row.bold else set())
        if row.alt:
            alt = {"value": row.alt.value, "unit": row.alt.unit, "range": row.alt.range}
            box = union(box, self.cells(cols, alt, y + 2 + self.alt_h, set(), 8))
        self.doc.hline(42, self.doc.w - 42, y + self.height(Item("row", row=row)), 0.2, 200)
        return box


LAYOUTS: dict[str, type[Layout]] = {
    "fr_lab": FrenchLab, "us_lab": USLab, "uk_hospital": UKHospital,
    "discharge_letter": DischargeLetter, "checkup": CheckUp,
}
