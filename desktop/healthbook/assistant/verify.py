"""The verifier: every number, date and unit in an answer must be found in the facts it cites.

Numbers may be rounded (to the shown decimals or to 2–3 significant figures) or converted
between units (pint, with molar masses for lab analytes). A sentence with citations is checked
against the facts it cites only; a sentence without any must have all its numbers and dates in
one single fact, and is then linked to it. A sentence that fails is removed, and the answer
says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from healthbook.assistant.grounding import GroundFact
from healthbook.clinical.reference import analytes
from healthbook.clinical.units import UnitMismatch, convert

MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), start=1)}
_MONTH = r"(january|february|march|april|may|june|july|august|september|october|november|" \
         r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?"
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\b")
MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(\d{{4}})\b",
                            re.I)
MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{4}})\b", re.I)
YEAR = re.compile(r"(?<![\d.,])(19\d{2}|20\d{2})(?![\d.,]\d)")
CITATION = re.compile(r"\[(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\]")
UNITS = (r"mg/dl|mmol/l|mmol/mol|µmol/l|umol/l|g/dl|g/l|mg/l|ng/ml|pg/ml|u/l|iu/l|miu/l|"
         r"meq/l|mmhg|mm\s?hg|bpm|beats per minute|kg/m2|kg|lbs?|pounds|cm|mm|°c|°f|ml|"
         r"kcal|km|%|percent|hours?|h|minutes?|min|days?|weeks?|months?|years?")
NUMBER = re.compile(rf"(?<![\w.,])(\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(?![\w.]\d)"
                    rf"(?:\s?({UNITS})(?![a-z]))?", re.I)
LIST_MARKER = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[A-Z0-9*])")
UNIT_ALIASES = {"mm hg": "mmhg", "lb": "[lb_av]", "lbs": "[lb_av]", "pounds": "[lb_av]",
                "percent": "%", "hours": "h", "hour": "h", "minutes": "min", "minute": "min",
                "beats per minute": "bpm", "umol/l": "µmol/l", "days": "day", "weeks": "week",
                "months": "month", "years": "year"}
# Lower-cased units as UCUM/pint spell them, for conversion.
CANONICAL = {"mg/dl": "mg/dL", "g/dl": "g/dL", "g/l": "g/L", "mg/l": "mg/L", "mmol/l": "mmol/L",
             "µmol/l": "umol/L", "ng/ml": "ng/mL", "pg/ml": "pg/mL", "u/l": "U/L",
             "iu/l": "IU/L", "miu/l": "mIU/L", "meq/l": "meq/L", "ml": "mL", "°c": "Cel",
             "°f": "[degF]"}


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as written, with its unit (None when none was written)."""

    value: float
    unit: str | None
    decimals: int


@dataclass
class Claims:
    """What a piece of text asserts: quantities and dates (YYYY, YYYY-MM or YYYY-MM-DD)."""

    quantities: list[Quantity] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.quantities or self.dates)


@dataclass
class Sentence:
    """One sentence of the answer and the verifier's judgement."""

    text: str
    facts: list[int]  # fact numbers that support it (explicit or found)
    supported: bool
    problem: str = ""
    checked: bool = False  # it states numbers or dates, and all were found in the facts


@dataclass
class Verdict:
    """The checked answer."""

    sentences: list[Sentence]

    @property
    def kept(self) -> list[Sentence]:
        """Sentences shown to the user."""
        return [s for s in self.sentences if s.supported]

    @property
    def removed(self) -> list[Sentence]:
        """Sentences taken out for an unsupported number, date or unit."""
        return [s for s in self.sentences if not s.supported]

    @property
    def cited(self) -> list[int]:
        """Every fact number the kept sentences rest on."""
        return sorted({n for s in self.kept for n in s.facts})


def _unit(text: str | None) -> str | None:
    if not text:
        return None
    key = re.sub(r"\s+", " ", text.lower())
    return UNIT_ALIASES.get(key, key)


def _dates(text: str) -> tuple[list[str], str]:
    """Dates in `text` and the text with them blanked out."""
    found: list[str] = []

    def take(value: str) -> str:
        found.append(value)
        return " "

    text = ISO_DATE.sub(lambda m: take(f"{m[1]}-{m[2]}-{m[3]}"), text)
    text = MONTH_DAY_YEAR.sub(
        lambda m: take(f"{m[3]}-{_month(m[1]):02d}-{int(m[2]):02d}"), text)
    text = DAY_MONTH_YEAR.sub(
        lambda m: take(f"{m[3]}-{_month(m[2]):02d}-{int(m[1]):02d}"), text)
    text = MONTH_YEAR.sub(lambda m: take(f"{m[2]}-{_month(m[1]):02d}"), text)
    text = YEAR.sub(lambda m: take(m[1]), text)
    return found, text


def _month(name: str) -> int:
    name = name.lower().rstrip(".")
    return next(number for full, number in MONTHS.items() if full.startswith(name[:3]))


def claims(text: str) -> Claims:
    """The quantities and dates `text` states (citation markers and list numbers excluded)."""
    text = CITATION.sub(" ", LIST_MARKER.sub(" ", text))
    dates, rest = _dates(text)
    quantities = []
    for m in NUMBER.finditer(rest):
        digits = m[1].replace(",", "")
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        quantities.append(Quantity(float(digits), _unit(m[2]), decimals))
    return Claims(quantities, dates)


def _close(claimed: Quantity, value: float) -> bool:
    if abs(claimed.value - value) <= 0.5 * 10 ** -claimed.decimals + 1e-9:
        return True
    return any(float(f"{value:.{digits}g}") == claimed.value for digits in (2, 3))


def _quantity_supported(claimed: Quantity, fact: GroundFact, known: Claims) -> bool:
    analyte = analytes().get(fact.analyte_key) if fact.analyte_key else None
    for q in known.quantities:
        if claimed.unit is None or claimed.unit == q.unit:
            if _close(claimed, q.value):
                return True
        elif q.unit is not None:
            try:
                converted = convert(q.value, CANONICAL.get(q.unit, q.unit),
                                    CANONICAL.get(claimed.unit, claimed.unit), analyte)
                if _close(claimed, converted):
                    return True
            except (UnitMismatch, ValueError, KeyError, ZeroDivisionError):
                continue
    return False


def _date_supported(claimed: str, known: Claims) -> bool:
    return any(d.startswith(claimed) or claimed.startswith(d) and len(d) >= 7
               for d in known.dates)


def split_sentences(text: str) -> list[str]:
    """Lines, then sentences within each line; a list marker stays with its sentence."""
    out = []
    for line in text.splitlines():
        marker = LIST_MARKER.match(line)
        body = line[marker.end():] if marker else line
        parts = [s for s in SENTENCE_END.split(body.strip()) if s.strip()]
        if parts and marker:
            parts[0] = marker[0].strip() + " " + parts[0]
        out.extend(parts)
    return out


class Verifier:
    """Checks answers against the numbered facts of one prompt."""

    def __init__(self, facts: list[GroundFact]) -> None:
        self._facts = {f.number: f for f in facts}
        self._claims = {f.number: claims(f.text) for f in facts}

    def _supporters(self, claim: Quantity | str, order: list[int]) -> list[int]:
        out = []
        for n in order:
            known = self._claims[n]
            ok = _date_supported(claim, known) if isinstance(claim, str) else \
                _quantity_supported(claim, self._facts[n], known)
            if ok:
                out.append(n)
        return out

    def sentence(self, text: str) -> Sentence:
        """Judge one sentence."""
        cited = [int(n) for group in CITATION.findall(text) for n in re.split(r"[,;]", group)]
        unknown = [n for n in cited if n not in self._facts]
        said = claims(text)
        if not said:
            valid = [n for n in cited if n in self._facts]
            return Sentence(text, valid, True, "")
        problem = f"cites [{unknown[0]}], which does not exist" if unknown else ""
        everything: list[Quantity | str] = [*said.quantities, *said.dates]
        valid = [n for n in cited if n in self._facts]
        if valid:  # checked against the facts it cites, and only those
            support: set[int] = set()
            for claim in everything:
                found = self._supporters(claim, valid)
                if not found:
                    return Sentence(text, [], False, f"{_shown(claim)} is not in the facts "
                                    "it cites")
                support.add(found[0])
            return Sentence(text, sorted(support), True, problem, checked=True)
        # No citation: one fact must hold all its numbers and dates (so values from different
        # records are never stitched into one false statement); it is linked to that fact.
        for n in self._facts:
            if all(self._supporters(claim, [n]) for claim in everything):
                return Sentence(text, [n], True, problem, checked=True)
        missing = next((c for c in everything if not self._supporters(c, list(self._facts))),
                       None)
        reason = f"{_shown(missing)} is not in the records" if missing is not None else \
            "its numbers and dates come from different records"
        return Sentence(text, [], False, reason)

    def check(self, answer: str) -> Verdict:
        """Judge every sentence of an answer."""
        return Verdict([self.sentence(s) for s in split_sentences(answer)])


def _shown(claim: Quantity | str) -> str:
    return claim if isinstance(claim, str) else \
        f"{claim.value:g}{' ' + claim.unit if claim.unit else ''}"


def without_citations(text: str) -> str:
    """The text without its [n] markers (for print and for editing)."""
    return re.sub(r"\s*" + CITATION.pattern, "", text)


def with_citations(sentence: Sentence) -> str:
    """The sentence with its citations rewritten to the facts that support it."""
    text = CITATION.sub("", sentence.text).rstrip()
    if not sentence.facts:
        return text
    marks = "".join(f"[{n}]" for n in sentence.facts)
    match = re.search(r"[.!?:]+$", text)
    if match:
        return f"{text[:match.start()]} {marks}{match[0]}"
    return f"{text} {marks}"
