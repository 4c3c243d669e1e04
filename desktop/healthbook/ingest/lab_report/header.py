"""The report's header: collection date, laboratory, patient's name and birth date, language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from healthbook.ingest.lab_report.lines import Line
from healthbook.knowledge.normalize import fold

_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?!\d)")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_MONTHS = {
    "jan": 1, "janv": 1, "janvier": 1, "january": 1, "feb": 2, "fev": 2, "fevr": 2,
    "fevrier": 2, "february": 2, "mar": 3, "mars": 3, "march": 3, "apr": 4, "avr": 4,
    "avril": 4, "april": 4, "may": 5, "mai": 5, "jun": 6, "juin": 6, "june": 6, "jul": 7,
    "juil": 7, "juillet": 7, "july": 7, "aug": 8, "aou": 8, "aout": 8, "august": 8, "sep": 9,
    "sept": 9, "septembre": 9, "september": 9, "oct": 10, "octobre": 10, "october": 10,
    "nov": 11, "novembre": 11, "november": 11, "dec": 12, "decembre": 12, "december": 12,
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_TEXT_DMY = re.compile(rf"(?<!\d)(\d{{1,2}})(?:er)?[\s-]*({_MONTH})\.?[\s-]*(\d{{4}})",
                       re.IGNORECASE)
_TEXT_MDY = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})", re.IGNORECASE)

_COLLECTED = re.compile(
    r"(?:pr[ée]lev[ée]e?s?\s*(?:\(e\))?\s*(?:le|du)?|date\s+(?:de|du)\s+pr[ée]l[èe]vement|"
    r"pr[ée]l[èe]vement\s*(?:du|le|:)|date\s+of\s+collection|collection\s+date(?:/time)?|"
    r"date(?:/time)?\s+collected|collected(?:\s+on)?|specimen\s+collected|"
    r"sample\s+(?:taken|collected|date)|date\s+(?:sampled|taken)|sampled|date\s+of\s+sample|"
    r"(?:blood\s+)?(?:tests?|results?)\s+(?:on|of|from|taken\s+on)|"
    r"bilan\s+(?:biologique\s+|sanguin\s+)?(?:du|r[ée]alis[ée]\s+le)|"
    r"(?:analyses?|r[ée]sultats?|examens?)\s+(?:biologiques?\s+)?du)",
    re.IGNORECASE)
_RECEIVED = re.compile(r"(?:re[çc]u\s+le|date\s+de\s+r[ée]ception|received(?:\s+on)?|"
                       r"date\s+received|enregistr[ée]\s+le|date\s+de\s+l'examen|"
                       r"date\s+du\s+bilan|date\s+of\s+(?:test|report))", re.IGNORECASE)
_NOT_COLLECTION = re.compile(r"(?:[ée]dit[ée]|imprim[ée]|printed|reported|valid[ée]|"
                             r"sign[ée]|n[ée]e?\b|naissance|birth|dob|d\.o\.b|"
                             r"hospitalis[ée]|admis|admitted|admission|entr[ée]e?\s+le|"
                             r"sortie|discharged)", re.IGNORECASE)
_BIRTH = re.compile(
    r"(?:n[ée]e?\s*(?:\(e\))?\s*le|date\s+de\s+naissance|\bDDN\b|\bDOB\b|D\.O\.B\.?|"
    r"date\s+of\s+birth|birth\s*date|\bborn(?:\s+on)?)\s*[:：]?",
    re.IGNORECASE)
_PATIENT = re.compile(
    r"(?:^|\b)(?:patient(?:e|\(e\))?(?:\s*name)?|nom\s+(?:du\s+patient|de\s+naissance|d'usage|"
    r"et\s+pr[ée]nom)|nom|name|identit[ée])\s*[:：]\s*", re.IGNORECASE)
# A column header with the patient's name in the cell below it ("Patient Information").
_PATIENT_BLOCK = re.compile(r"^(?:patient(?:e|\(e\))?\s*(?:information|details|info|identity)?|"
                            r"informations?\s+patient|identit[ée]\s+du\s+patient)\s*:?$",
                            re.IGNORECASE)
_TITLE = re.compile(r"^(?:(?:mme|mlle|mr|mrs|ms|miss|m|madame|monsieur|mademoiselle|dr|"
                    r"enfant)\.?\s+)+", re.IGNORECASE)
_NAME_STOP = re.compile(
    r"\s+(?:n[ée]e?\s*(?:\(e\))?\s*le|née?\b|date|dob|d\.o\.b|ddn|sex[e]?|age|âge|born|"
    r"id\b|n°|no\.|mrn|nhs|dossier|ipp|ref|réf|tel|tél|\d).*$", re.IGNORECASE)
_LAB = re.compile(
    r"\b(?:laboratoire|laboratory|laboratories|labs?\b|biologie|biologique|diagnostics?|"
    r"infirmary|centre|center|m[ée]decine|medicine|sant[ée]|health|"
    r"pathology|biolab|cerba|synlab|eurofins|biogroup|inovie|unilabs|quest|labcorp|"
    r"h[ôo]pital|hospital|chu\b|clinique|clinic|nhs\s+(?:foundation\s+)?trust|lbm|"
    r"medical\s+center|centre\s+m[ée]dical)", re.IGNORECASE)
_NOT_LAB = re.compile(r"(?:biologiste|docteur|dr\.?\s|signed|sign[ée]|valid[ée]|accr[ée]dit|"
                      r"cofrac|page\s+\d|r[ée]sultats?\s+du|report\s+for|results?\s+for|"
                      r"patient|m[ée]decin\s*:|physician|\d{5}|\d{3}[-) ]\d{3})",
                      re.IGNORECASE)
# Document titles printed large at the top that are not the laboratory's name.
_TITLES = re.compile(r"^(?:compte[- ]rendu|discharge|final\s+report|patient\s+report|"
                     r"lab(?:oratory)?\s+report|results?|r[ée]sultats?|bilan|report)\b",
                     re.IGNORECASE)
_FR_WORDS = frozenset([
    "le", "la", "les", "du", "des", "de", "et", "à", "résultat", "résultats", "prélevé",
    "prélèvement", "né", "née", "valeurs", "référence", "références", "unité", "unités",
    "antériorité", "antériorités", "patiente", "examen", "examens", "laboratoire", "biologie",
    "dossier", "édité", "docteur", "madame", "monsieur", "compte", "rendu", "sang", "urines",
    "sérum", "hématologie", "biochimie", "numération", "formule", "ionogramme", "bilan"
])
_EN_WORDS = frozenset([
    "the", "of", "and", "result", "results", "reference", "range", "interval", "units",
    "collected", "patient", "name", "date", "birth", "report", "laboratory", "received",
    "test", "tests", "flag", "specimen", "final", "ordered", "physician", "hematology",
    "chemistry", "panel", "blood", "count", "serum", "urine", "normal", "high", "low"
])
_US_CUES = re.compile(r"mg/dL|x10E3|10\^3/u|/uL|\bDOB\b|\bCLIA\b|\bcollected\b|final report",
                      re.IGNORECASE)
_UK_CUES = re.compile(r"\bNHS\b|mmol/L|10\*9/L|10\^9/L|x10\^9|\bTrust\b|\bward\b|\bWCC\b",
                      re.IGNORECASE)


@dataclass(slots=True)
class Header:
    """What the top of the report says."""

    date: str | None = None
    lab: str | None = None
    patient_name: str | None = None
    birth_date: str | None = None
    language: str = "en"
    date_order: str = "dmy"  # how numeric dates are written: "dmy" or "mdy"


def detect_language(lines: list[Line]) -> str:
    """"fr" or "en", by common words and accented letters."""
    fr = en = 0
    for line in lines:
        for word in line.text.lower().split():
            word = word.strip(".,:;()[]")
            fr += word in _FR_WORDS
            en += word in _EN_WORDS
            fr += any(c in word for c in "éèêàçùôî")
    return "fr" if fr > en else "en"


def date_order(lines: list[Line], language: str) -> str:
    """"dmy" or "mdy": from a date that can only be read one way, else the report's locale."""
    text = "\n".join(line.text for line in lines)
    for m in _NUMERIC_DATE.finditer(text):
        first, second = int(m.group(1)), int(m.group(3))
        if first > 12 >= second:
            return "dmy"
        if second > 12 >= first:
            return "mdy"
    if language == "fr":
        return "dmy"
    us, uk = len(_US_CUES.findall(text)), len(_UK_CUES.findall(text))
    return "mdy" if us > uk else "dmy"


def parse_date(text: str, order: str = "dmy") -> str | None:
    """The first date in a text, as ISO (YYYY-MM-DD); None when there is none."""
    candidates: list[tuple[int, str]] = []
    m = _ISO_DATE.search(text)
    if m:
        iso = _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if iso:
            candidates.append((m.start(), iso))
    m = _NUMERIC_DATE.search(text)
    if m:
        a, b, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if year < 100:
            year += 2000 if year <= date.today().year % 100 + 1 else 1900
        day, month = (b, a) if order == "mdy" else (a, b)
        iso = _iso(year, month, day) or _iso(year, day, month)
        if iso:
            candidates.append((m.start(), iso))
    folded = fold(text)
    m = _TEXT_DMY.search(folded)
    if m:
        iso = _iso(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
        if iso:
            candidates.append((m.start(), iso))
    m = _TEXT_MDY.search(folded)
    if m:
        iso = _iso(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))
        if iso:
            candidates.append((m.start(), iso))
    return min(candidates)[1] if candidates else None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    return found.isoformat() if 1900 <= year <= date.today().year + 1 else None


def _after(lines: list[Line], pattern: re.Pattern[str], order: str,
           avoid: str | None = None) -> str | None:
    """The date that follows a label: in the same cell, the next cell, or the line below."""
    for i, line in enumerate(lines):
        texts = line.cell_texts()
        for j, cell in enumerate(texts):
            m = pattern.search(cell)
            if not m:
                continue
            tail = cell[m.end():]
            for text in (tail, *(texts[j + 1:j + 2])):
                found = parse_date(text, order)
                if found and found != avoid:
                    return found
            below = _cell_below(lines, i, line.cells[j][0].x0)
            found = parse_date(below, order) if below else None
            if found and found != avoid:
                return found
    return None


def _cell_below(lines: list[Line], i: int, x0: float) -> str | None:
    if i + 1 >= len(lines):
        return None
    nxt = lines[i + 1]
    for cell in nxt.cells:
        if abs(cell[0].x0 - x0) < 3 * cell[0].height:
            return " ".join(w.text for w in cell)
    return None


def read_header(lines: list[Line], all_lines: list[Line] | None = None) -> Header:
    """The header facts from the first page's lines (`all_lines`: the whole report, for the
    language and the date order)."""
    context = all_lines or lines
    header = Header()
    header.language = detect_language(context)
    header.date_order = order = date_order(context, header.language)
    header.birth_date = _after(lines, _BIRTH, order)
    header.date = (_after(lines, _COLLECTED, order, avoid=header.birth_date)
                   or _after(lines, _RECEIVED, order, avoid=header.birth_date))
    if header.date is None:
        header.date = _first_plain_date(lines, order, header.birth_date)
    header.patient_name = _patient(lines)
    header.lab = _lab(lines)
    return header


def _first_plain_date(lines: list[Line], order: str, birth: str | None) -> str | None:
    for line in lines:
        for cell in line.cell_texts():
            if _NOT_COLLECTION.search(cell):
                continue
            found = parse_date(cell, order)
            if found and found != birth:
                return found
    return None


def _patient(lines: list[Line]) -> str | None:
    for i, line in enumerate(lines):
        texts = line.cell_texts()
        for j, cell in enumerate(texts):
            m = _PATIENT.search(cell)
            if m:
                value = cell[m.end():].strip() or (texts[j + 1] if j + 1 < len(texts) else "")
                if not value:
                    value = _cell_below(lines, i, line.cells[j][0].x0) or ""
                name = _clean_person(value)
                if name:
                    return name
    for i, line in enumerate(lines):  # "Patient Information" above the name
        for j, cell in enumerate(line.cell_texts()):
            if _PATIENT_BLOCK.match(cell.strip()):
                name = _clean_person(_cell_below(lines, i, line.cells[j][0].x0) or "")
                if name and _looks_like_name(name):
                    return name
    for line in lines:  # "Mme DUPONT Élodie" with no label
        for cell in line.cell_texts():
            if re.match(r"^(?:mme|mlle|madame|monsieur|mr|mrs|ms|m\.)\s+\S", cell, re.I):
                name = _clean_person(cell)
                if name:
                    return name
    for i, line in enumerate(lines[1:], start=1):  # the line above "DOB: ..." / "Né le ..."
        for j, cell in enumerate(line.cell_texts()):
            if _BIRTH.match(cell.strip()):
                above = _cell_above(lines, i, line.cells[j][0].x0)
                name = _clean_person(above or "")
                if name and _looks_like_name(name):
                    return name
    return None


def _cell_above(lines: list[Line], i: int, x0: float) -> str | None:
    above = lines[i - 1]
    for cell in above.cells:
        if abs(cell[0].x0 - x0) < 3 * cell[0].height:
            return " ".join(w.text for w in cell)
    return None


def _looks_like_name(text: str) -> bool:
    """"Rachel C. Johnson", "WRIGHT, RICHARD M": 2 to 5 words of letters, no label."""
    words = text.replace(",", " ").split()
    return (2 <= len(words) <= 5 and ":" not in text and not re.search(r"\d", text)
            and not _LAB.search(text))


def _clean_person(text: str) -> str | None:
    text = _NAME_STOP.sub("", text.strip())
    text = _TITLE.sub("", text).strip(" ,;:-")
    if not re.search(r"[A-Za-zÀ-ÿ]{2}", text) or len(text) > 60:
        return None
    return re.sub(r"\s+", " ", text)


def _lab(lines: list[Line]) -> str | None:
    """The laboratory: the large print at the top of the page, else a line naming a lab."""
    top = [line for line in lines[:8] if line.cells]
    if top:
        usual = sorted(line.height for line in lines)[len(lines) // 2]
        for line in top[:3]:
            cell = " ".join(w.text for w in line.cells[0]).strip(" -—:")
            big = min(w.height for w in line.cells[0]) >= 1.15 * usual
            if (big and len(cell) <= 80 and re.search(r"[A-Za-zÀ-ÿ]{3}", cell)
                    and not _TITLES.match(cell) and not _NOT_LAB.search(cell)):
                return cell
    for line in lines[:25]:
        for cell in line.cell_texts():
            if _LAB.search(cell) and not _NOT_LAB.search(cell) and len(cell) <= 80:
                return cell.strip(" -—:")
    return None
