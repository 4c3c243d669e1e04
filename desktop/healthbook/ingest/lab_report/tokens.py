"""The pieces of a result line after the test name: numbers, ranges, units, flags, dates."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from healthbook.ingest.lab_report.model import Word
from healthbook.ingest.lab_report.units import looks_like_unit, to_ucum, to_ucum_ocr
from healthbook.knowledge.normalize import fold

NUM = r"[-+]?\d+(?:[.,]\d+)?"
_NUMG = r"[-+]?\d{1,3}(?:[  \u202f]\d{3})+(?:[.,]\d+)?|[-+]?\d+(?:[.,]\d+)?"
_SEP = r"\s*(?:-|–|—|à|a|au|to|;)\s*"
_DATE = re.compile(r"(?<!\d)(?:\d{1,2}([/.-])\d{1,2}\1(?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})(?![\d/])")
_BRACKET = re.compile(r"[(\[]\s*([^()\[\]]{1,40}?)\s*[)\]]")
_DASH_RANGE = re.compile(rf"({_NUMG}){_SEP}({_NUMG})(?![\d/])")
_CMP_WORDS = (r"<=|>=|≤|≥|<|>|=<|=>|inf(?:[ée]rieure?)?\.?\s*(?:à|a)?|sup(?:[ée]rieure?)?\.?\s*"
              r"(?:à|a)?|less\s+than|greater\s+than|below|above|up\s+to|jusqu'?\s*à|under|over")
_CMP = re.compile(rf"({_CMP_WORDS})\s*({NUM})(?![\d/])", re.IGNORECASE)
_GROUPED = re.compile(r"[-+]?\d{1,3}(?:[  \u202f]\d{3})+(?:[.,]\d+)?(?![\d/])")
_NUMBER = re.compile(rf"({NUM})(\*{{1,3}}|HH|LL|H|L)?(?![\w/])")
_POWER_UNIT = re.compile(r"(?:[x×*]\s?)?10\s?(?:[\^*eE]\s?\d{1,2}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})\s?/\s?"
                         r"(?:[µμu]?[lL]|mm3|mm³)")
_CHUNK = re.compile(r"[(\[]?[^\s()\[\]]+[)\]]?|\S")
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "D": "0", "I": "1", "l": "1", "|": "1",
                             "S": "5", "s": "5", "B": "8", "A": "4", "Z": "2", "g": "9"})
_STRAY_OPEN = re.compile(rf"[\[|]\s*({NUM})(?![\d\]/.,])")
_OCR_NUMBER = re.compile(r"[0-9OoDIl|SsBAZg]{1,4}[.,][0-9OoDIl|SsBZg]{1,3}(?![\w/])")

FLAGS = {"H": "H", "L": "L", "HH": "HH", "LL": "LL", "HIGH": "H", "LOW": "L", "*": "*",
         "**": "*", "***": "*", "A": "A", "ABNORMAL": "A", "ANORMAL": "A", "HAUT": "H",
         "BAS": "L", "↑": "H", "↓": "L", "▲": "H", "▼": "L", "H*": "H", "L*": "L",
         "CRIT": "HH", "C": "A"}
# Text results as printed (folded, lower case) -> how they are shown.
TEXT_RESULTS = {
    "negatif": "Négatif", "negative": "Négative", "negative.": "Negative", "neg": "Neg",
    "negative ": "Negative", "positif": "Positif", "positive": "Positive", "pos": "Pos",
    "absent": "Absent", "absente": "Absente", "absence": "Absence", "present": "Present",
    "presente": "Présente", "presence": "Présence", "non detecte": "Non détecté",
    "non detectee": "Non détectée", "not detected": "Not detected", "detected": "Detected",
    "detecte": "Détecté", "nil": "Nil", "trace": "Trace", "traces": "Traces",
    "non reactive": "Non reactive", "nonreactive": "Nonreactive", "reactive": "Reactive",
    "non reactif": "Non réactif", "reactif": "Réactif", "normal": "Normal",
    "normale": "Normale", "indetermine": "Indéterminé", "equivocal": "Equivocal",
    "douteux": "Douteux", "limpide": "Limpide", "clair": "Clair", "clear": "Clear",
    "trouble": "Trouble", "cloudy": "Cloudy", "jaune": "Jaune", "yellow": "Yellow",
    "immunise": "Immunisé", "non immunise": "Non immunisé", "rares": "Rares",
}
for _k in list(TEXT_RESULTS):
    TEXT_RESULTS[_k.strip(". ")] = TEXT_RESULTS.pop(_k)


@dataclass(slots=True)
class Token:
    """One piece of a result line."""

    kind: str  # num, cmp, range, unit, flag, date, text, other
    text: str
    words: list[Word] = field(default_factory=list)
    cell: int = 0
    value: float | None = None
    comparator: str | None = None
    low: float | None = None
    high: float | None = None
    ucum: str | None = None
    flag: str | None = None
    repaired: bool = False  # an OCR misreading was corrected

    @property
    def conf(self) -> float:
        return min((w.conf for w in self.words), default=1.0)


def parse_number(text: str, lang: str = "fr") -> float | None:
    """'4,52' -> 4.52; '245 000' -> 245000; '1,245' is 1245 in English, 1.245 in French."""
    text = re.sub(r"[  \u202f]", "", text.strip())
    if lang == "en" and re.fullmatch(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
        text = text.replace(",", "")
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def comparator(text: str) -> str:
    """'inférieur à' -> '<', '≥' -> '>=', 'up to' -> '<='."""
    t = fold(text).lower().strip()
    if t in ("<=", "=<", "≤") or t.startswith("up") or t.startswith("jusqu"):
        return "<="
    if t in (">=", "=>", "≥"):
        return ">="
    if t.startswith(("<", "inf", "less", "below", "under")):
        return "<"
    return ">"


def parse_range(text: str, lang: str = "fr") -> tuple[float | None, float | None] | None:
    """'3,5 - 5,1' -> (3.5, 5.1); '< 5.7' -> (None, 5.7); '>59' -> (59, None); else None."""
    body = text.strip().strip("()[]").strip()
    m = _DASH_RANGE.fullmatch(body) or _DASH_RANGE.match(body)
    if m:
        low, high = parse_number(m.group(1), lang), parse_number(m.group(2), lang)
        if low is not None and high is not None and low <= high:
            return low, high
        return None
    m = _CMP.match(body)
    if m:
        bound = parse_number(m.group(2), lang)
        return (None, bound) if comparator(m.group(1)).startswith("<") else (bound, None)
    return None


def _words_in(spans: list[tuple[int, int]], words: list[Word], a: int, b: int) -> list[Word]:
    return [w for (s, e), w in zip(spans, words, strict=True) if s < b and e > a]


def tokenize(cells: list[list[Word]], lang: str, ocr: bool) -> list[Token]:
    """The tokens of some cells, in reading order."""
    out: list[Token] = []
    for index, cell in enumerate(cells):
        text, spans, pos = "", [], 0
        for word in cell:
            if text:
                text += " "
            spans.append((len(text), len(text) + len(word.text)))
            text += word.text
        while pos < len(text):
            if text[pos].isspace():
                pos += 1
                continue
            token, end = _next(text, pos, lang, ocr)
            token.words = _words_in(spans, cell, pos, end) or cell[:1]
            token.cell = index
            out.append(token)
            pos = max(end, pos + 1)
    return out


def _next(text: str, pos: int, lang: str, ocr: bool) -> tuple[Token, int]:
    rest = text[pos:]
    m = _DATE.match(rest)
    if m:
        return Token("date", m.group(0)), pos + m.end()
    m = _BRACKET.match(rest)
    if m:
        inner = m.group(1)
        bounds = parse_range(inner, lang)
        if bounds is not None:
            unit = _unit_after_range(inner)
            return Token("range", m.group(0), low=bounds[0], high=bounds[1],
                         ucum=unit), pos + m.end()
        if fold(inner).lower().strip() in TEXT_RESULTS:
            return Token("text", m.group(0)), pos + m.end()
    m = _DASH_RANGE.match(rest)
    if m:
        bounds = parse_range(m.group(0), lang)
        if bounds is not None:
            return Token("range", m.group(0), low=bounds[0], high=bounds[1]), pos + m.end()
    m = _CMP.match(rest)
    if m and (m.start(1) == 0):
        return Token("cmp", m.group(0), value=parse_number(m.group(2), lang),
                     comparator=comparator(m.group(1))), pos + m.end()
    m = _POWER_UNIT.match(rest)
    if m:
        return Token("unit", m.group(0), ucum=to_ucum(m.group(0))), pos + m.end()
    m = _GROUPED.match(rest)
    if m and (lang == "fr" or " " in m.group(0)):
        return Token("num", m.group(0), value=parse_number(m.group(0), lang)), pos + m.end()
    m = _NUMBER.match(rest)
    if m:
        token = Token("num", m.group(1), value=parse_number(m.group(1), lang))
        if m.group(2):
            token.flag = FLAGS.get(m.group(2).upper(), m.group(2))
        return token, pos + m.end()
    if ocr:
        m = _STRAY_OPEN.match(rest)  # "[21": a bracket OCR saw beside the value
        if m:
            return Token("num", m.group(1), value=parse_number(m.group(1), lang),
                         repaired=True), pos + m.end()
        m = _OCR_NUMBER.match(rest)
        if m and any(c.isdigit() for c in m.group(0)):
            fixed = m.group(0).translate(_OCR_DIGITS)
            return Token("num", fixed, value=parse_number(fixed, lang),
                         repaired=True), pos + m.end()
    m = _CHUNK.match(rest)
    assert m is not None  # rest starts with a non-space character
    return _classify_chunk(text, pos, m.group(0), lang, ocr)


def _unit_after_range(inner: str) -> str | None:
    tail = _DASH_RANGE.sub("", inner, count=1).strip()
    tail = _CMP.sub("", tail, count=1).strip() if tail == inner.strip() else tail
    return to_ucum(tail) if tail else None


def _classify_chunk(text: str, pos: int, chunk: str, lang: str, ocr: bool) -> tuple[Token, int]:
    end = pos + len(chunk)
    # A unit may take two or three words: "mL/min/1,73 m2", "x 10^9/l".
    following = text[end:].split()
    for extra in (2, 1):
        if len(following) >= extra:
            joined = " ".join([chunk, *following[:extra]])
            ucum = to_ucum(joined)
            if ucum:
                stop = text.index(following[extra - 1], end) + len(following[extra - 1])
                return Token("unit", text[pos:stop], ucum=ucum), stop
    folded = fold(chunk).lower().strip(".,;:")
    for extra in (1,):  # two-word text results: "non détecté", "not detected"
        if len(following) >= extra:
            two = f"{folded} {fold(following[0]).lower().strip('.,;:')}"
            if two in TEXT_RESULTS:
                stop = text.index(following[0], end) + len(following[0])
                return Token("text", text[pos:stop]), stop
    stripped = chunk.strip(",;:")
    if ocr and len(stripped) > 1 and (stripped[0] in "-~" or (
            stripped[0] == "(" and ")" not in stripped)):
        stripped = stripped[1:]  # "79-97-fL", "(U/L": a dash or bracket OCR glued on
    if stripped.upper() in FLAGS and stripped not in ("a", "c"):
        return Token("flag", chunk, flag=FLAGS[stripped.upper()]), end
    if folded in TEXT_RESULTS:
        return Token("text", chunk), end
    ucum, fixed = to_ucum_ocr(stripped) if ocr else (to_ucum(stripped), False)
    if ucum or looks_like_unit(stripped):
        return Token("unit", stripped, ucum=ucum, repaired=fixed), end
    return Token("other", chunk), end
