"""One printed line -> a candidate result: the name, value, unit, range, flag, previous result.

Lines are read cell by cell (see `lines.py`): the first cell holds the test name, the others the
value, unit, range, flag and an earlier result in whatever order the lab prints them. When the
report has a column header ("Résultat | Unités | Valeurs de référence | Antériorité"), its
columns say which cell is the earlier result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from healthbook.ingest.lab_report.lines import Line
from healthbook.ingest.lab_report.model import Word
from healthbook.ingest.lab_report.tokens import TEXT_RESULTS, Token, tokenize
from healthbook.knowledge.normalize import fold, normalize

# Column header words (folded, lower case) -> the column's role.
_HEADER_WORDS = [
    ("previous", r"anteriorites?|anterieurs?|resultats? anterieurs?|precedents?"
                 r"|previous(?: result)?|prior(?: result)?|last result|dernier resultat"
                 r"|historique"),
    ("range", r"valeurs? (?:de )?references?|valeurs? usuelles|valeurs? normales|references?"
              r"|reference (?:interval|range|values?)|ref\.? (?:range|interval)|normal range"
              r"|intervalle(?: de reference)?|normes|range|interval"),
    ("unit", r"unites?|units?"),
    ("flag", r"flags?|indicateurs?|abnormal flag"),
    ("value", r"resultats?|results?|valeurs?|value|in range|out of range|current(?: result)?"
              r"|your (?:result|value)"),
    ("name", r"tests?(?: name)?|examens?|analyses?|parametres?|investigations?|analytes?"
             r"|components?|determinations?|libelle|description"),
]
_HEADER_RES = [(role, re.compile(rf"^(?:{pattern})\b")) for role, pattern in _HEADER_WORDS]
# Lines that are never results, however they look ("Page 1 / 2", "Tél. 01 23 45 67 89").
_NOT_A_NAME = re.compile(
    r"^(?:page|tel|tél|telephone|fax|date|dossier|n°|no|ref|réf|reference|référence|"
    r"prescrit|prescripteur|edite|édité|imprime|imprimé|valide|validé|biologiste|"
    r"laboratoire|patient|patiente|nom|prenom|prénom|ne|né|nee|née|age|âge|sexe|sex|dob|"
    r"adresse|address|code|siret|finess|rpps|adeli|specimen|échantillon|echantillon|"
    r"prélevé|preleve|prélèvement|prelevement|reçu|recu|received|collected|reported|"
    r"account|order|requisition|mrn|nhs|hospital|ward|consultant|doctor|dr|signed|"
    r"copie|copy|printed|print|fin|end|total\s+page)\b", re.IGNORECASE)
_PREVIOUS_LABEL = re.compile(r"^(?:ant[ée]riorit[ée]s?|r[ée]sultat\s+ant[ée]rieur|pr[ée]c[ée]dent"
                             r"|previous|prior|last)\b", re.IGNORECASE)
MAX_NAME_WORDS = 9
VALUE_KINDS = ("num", "cmp", "text")


@dataclass(slots=True)
class Columns:
    """The x-extent of each column a header line names, and its role."""

    spans: list[tuple[str, float, float]]  # role, x0, x1 (extended to the neighbours)
    previous_date: str | None = None

    def role_at(self, x: float) -> str | None:
        for role, x0, x1 in self.spans:
            if x0 <= x <= x1:
                return role
        return None


@dataclass(slots=True)
class Candidate:
    """A line read as a result, before it is matched and checked."""

    line: Line
    name: str
    name_words: list[Word]
    value: Token
    unit: Token | None = None
    range: Token | None = None
    range_text: str = ""
    flag: str | None = None
    previous: Token | None = None
    previous_date: str | None = None
    second: tuple[Token, Token | None, Token | None] | None = None  # value, unit, range
    noise: int = 0
    noise_before: int = 0  # unreadable words between the name and the value
    single_cell: bool = False
    tokens: list[Token] = field(default_factory=list)
    specimen: str | None = None  # "urine" under a urinalysis section's title


def detect_columns(line: Line) -> Columns | None:
    """The columns of a header line, or None when the line is not a column header."""
    found: list[tuple[str, float, float]] = []
    for cell in line.cells:
        key = fold(" ".join(w.text for w in cell)).lower().strip(" :.")
        key = re.sub(r"\s+", " ", key)
        role = next((r for r, pattern in _HEADER_RES if pattern.match(key)), None)
        if role is None:
            if re.search(r"\d", key):
                if not (found and found[-1][0] == "previous"):
                    return None
                continue  # "Antériorité  12/01/2024"
            role = "other"
        found.append((role, cell[0].x0, cell[-1].x1))
    roles = {r for r, _, _ in found}
    if len(roles - {"other", "name"}) < 2 and not ({"previous", "value"} <= roles):
        return None
    if sum(r == "other" for r, _, _ in found) > len(found) // 2:
        return None
    spans = []
    for i, (role, x0, x1) in enumerate(found):
        left = (found[i - 1][2] + x0) / 2 if i else float("-inf")
        right = (x1 + found[i + 1][1]) / 2 if i + 1 < len(found) else float("inf")
        spans.append((role, left, right))
    dates = re.findall(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}", line.text)
    return Columns(spans, dates[0] if dates else None)


_URINE_SECTION = re.compile(
    r"^(?:urinalysis|urine(?:\s+(?:dipstick|chemistry|analysis|test))?|urines?|"
    r"examen\s+(?:cytobact[ée]riologique\s+)?des\s+urines|bandelette(?:\s+urinaire)?|"
    r"analyse\s+d.urines?|chimie\s+urinaire|ecbu|biochimie\s+urinaire)\b", re.IGNORECASE)
MAX_TITLE_WORDS = 6


def section_specimen(line: Line) -> str | None:
    """For a line that is not a result: "urine" when it titles a urinalysis section, "" when it
    titles another section (or may: a short line without digits), None for anything else."""
    text = line.text.strip()
    if _URINE_SECTION.match(text):
        return "urine"
    words = text.split()
    if words and len(words) <= MAX_TITLE_WORDS and not re.search(r"\d", text):
        return ""
    return None


def is_previous_label(line: Line) -> bool:
    """"Antériorité : 4,61 le 12/01/2024" below a result."""
    return bool(_PREVIOUS_LABEL.match(line.text.strip()))


def _has_letters(text: str) -> bool:
    return bool(re.search(r"[A-Za-zÀ-ÿ]", text))


def _split_single(words: list[Word], lang: str, ocr: bool) -> int | None:
    """Where the name ends in a one-cell line ("Sodium 139 mmol/L 133-146")."""
    for i in range(1, min(len(words), MAX_NAME_WORDS + 1)):
        head = " ".join(w.text for w in words[:i])
        if not _has_letters(head):
            return None
        tokens = tokenize([words[i:]], lang, ocr)
        if tokens and tokens[0].kind in ("num", "cmp"):
            return i
    return None


def parse_line(line: Line, lang: str, ocr: bool, columns: Columns | None = None
               ) -> Candidate | None:
    """The line as a result, or None when it is not one (headings, prose, addresses)."""
    cells = line.cells
    if not cells:
        return None
    single = len(cells) == 1
    name_words = cells[0]
    rest = cells[1:]
    if single:
        cut = _split_single(cells[0], lang, ocr)
        if cut is None:
            return None
        name_words, rest = cells[0][:cut], [cells[0][cut:]]
    else:
        # "Hémoglobine 13,8" in one cell and the unit in the next: split the value off.
        head_tokens = tokenize(rest, lang, ocr)
        if not any(t.kind in VALUE_KINDS for t in head_tokens[:1]):
            cut = _split_single(cells[0], lang, ocr)
            if cut is not None:
                name_words, rest = cells[0][:cut], [cells[0][cut:], *rest]
    name = " ".join(w.text for w in name_words)
    if not _has_letters(name) or _NOT_A_NAME.match(fold(name).strip()) or not normalize(name):
        return None
    if len(name.split()) > MAX_NAME_WORDS:
        return None
    if not _has_letters(cells[0][0].text) and not single:
        return None  # a line that starts with a number: another unit, a continuation
    return _assign(line, name, name_words, rest, lang, ocr, columns, single)


def parse_continuation(line: Line, lang: str, ocr: bool) -> Candidate | None:
    """A line without a name ("5,66 mmol/L (3,89 - 6,11)"): the same result in another unit."""
    tokens = tokenize(line.cells, lang, ocr)
    if not tokens or tokens[0].kind not in ("num", "cmp"):
        return None
    if sum(t.kind == "other" for t in tokens) > 1:
        return None
    unit = next((t for t in tokens if t.kind == "unit"), None)
    if unit is None:
        return None
    cand = Candidate(line, "", [], tokens[0], unit=unit, tokens=tokens)
    cand.range = next((t for t in tokens if t.kind == "range"), None)
    return cand


def _assign(line: Line, name: str, name_words: list[Word], cells: list[list[Word]], lang: str,
            ocr: bool, columns: Columns | None, single: bool) -> Candidate | None:
    tokens = tokenize(cells, lang, ocr)
    prev_tokens: list[Token] = []
    kept: list[Token] = []
    for token in tokens:
        role = columns.role_at(_centre(token)) if columns else None
        if role == "previous":
            prev_tokens.append(token)
        elif role == "name" and token.kind == "other" and not kept:
            name, name_words = f"{name} {token.text}", [*name_words, *token.words]
        else:
            kept.append(token)
    start = next((i for i, t in enumerate(kept) if t.kind in VALUE_KINDS), None)
    if start is None:
        return None
    noise = sum(t.kind == "other" and bool(re.search(r"\w", t.text)) for t in kept[:start])
    if noise > 1 or (single and start > 0):
        return None
    value = kept[start]
    if value.kind == "text" and not _text_value_ok(value):
        return None
    cand = Candidate(line, name, name_words, value, flag=value.flag, noise=noise,
                     single_cell=single, tokens=tokens, noise_before=noise)
    _fill(cand, kept[start + 1:])
    for token in prev_tokens:
        if token.kind in ("num", "cmp", "text") and cand.previous is None:
            cand.previous = token
        elif token.kind == "date" and cand.previous is not None and cand.previous_date is None:
            cand.previous_date = token.text
    if cand.previous is not None and cand.previous_date is None and columns is not None:
        cand.previous_date = columns.previous_date
    if single and (cand.noise or (cand.unit is None and cand.range is None)):
        return None
    return cand


def _text_value_ok(token: Token) -> bool:
    return fold(token.text).lower().strip("()[]. ") in TEXT_RESULTS


def _centre(token: Token) -> float:
    return sum((w.x0 + w.x1) / 2 for w in token.words) / max(1, len(token.words))


def _fill(cand: Candidate, tokens: list[Token]) -> None:
    """Give each token after the value its role."""
    pending: Token | None = None  # a number whose role is not known yet
    i = 0
    while i < len(tokens):
        token = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if token.kind == "flag":
            if cand.flag is None:
                cand.flag = token.flag
        elif token.kind == "unit":
            if cand.unit is None and pending is None:
                cand.unit = token
            elif pending is not None and cand.second is None and cand.unit is not None:
                cand.second = (pending, token, None)  # "57,2 %  3,92 G/L"
                pending = None
            elif cand.unit is None:
                cand.unit = token
        elif token.kind == "range" or (token.kind == "cmp" and cand.range is None
                                       and cand.previous is None):
            if cand.second is not None and cand.second[2] is None:
                cand.second = (cand.second[0], cand.second[1], token)
            elif cand.range is None:
                cand.range = token
                cand.range_text = token.text
                if token.ucum and cand.unit is None:
                    cand.unit = Token("unit", token.ucum, token.words, ucum=token.ucum)
            elif cand.previous is None:
                cand.previous = token
        elif token.kind in ("num", "cmp"):
            if nxt is not None and nxt.kind == "date" and cand.previous is None:
                cand.previous, cand.previous_date = token, nxt.text
                i += 2
                continue
            if cand.range is not None and cand.previous is None:
                cand.previous = token
            elif pending is None:
                pending = token
        elif token.kind == "text":
            if cand.range is None and cand.value.kind == "text":
                cand.range_text = token.text.strip("()[]")
            elif cand.previous is None and cand.value.kind == "text":
                cand.previous = token
        elif token.kind == "date":
            if cand.previous is not None and cand.previous_date is None:
                cand.previous_date = token.text
        elif re.search(r"\w", token.text):
            cand.noise += 1
        i += 1
    if pending is not None and cand.previous is None and cand.second is None:
        cand.previous = pending
