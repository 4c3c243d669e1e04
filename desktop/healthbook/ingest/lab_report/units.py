"""Units as labs print them -> UCUM ("G/L" -> "10*9/L", "x10E3/uL" -> "10*3/uL", "µmol/l")."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import cache, lru_cache

# Case matters for these: "G/L" is giga per litre (a cell count), "g/L" grams per litre.
_EXACT = {
    "G/L": "10*9/L", "G/l": "10*9/L", "T/L": "10*12/L", "T/l": "10*12/L",
    "Giga/L": "10*9/L", "Téra/L": "10*12/L", "Tera/L": "10*12/L",
    "M/uL": "10*6/uL", "K/uL": "10*3/uL", "M/mm3": "10*6/uL", "K/mm3": "10*3/uL",
}
# Keys are lower case, without spaces, with "µ"/"μ" written "u" and "^"/"E"/"*" powers as "e".
_FOLDED = {
    "g/l": "g/L", "g/dl": "g/dL", "g/100ml": "g/dL", "mg/dl": "mg/dL", "mg%": "mg/dL",
    "mg/l": "mg/L", "ug/l": "ug/L", "mcg/l": "ug/L", "ng/ml": "ng/mL", "ng/l": "ng/L",
    "pg/ml": "pg/mL", "ug/dl": "ug/dL", "mcg/dl": "ug/dL", "ug/ml": "ug/mL", "mg/ml": "mg/mL",
    "g/24h": "g/(24.h)", "mg/24h": "mg/(24.h)", "mmol/24h": "mmol/(24.h)",
    "mg/mmol": "mg/mmol", "mg/g": "mg/g", "g/mmol": "g/mmol", "mmol/mol": "mmol/mol",
    "mmol/l": "mmol/L", "umol/l": "umol/L", "mm": "mm/h", "ng/dl": "ng/dL", "pg/dl": "pg/dL",
    "mu/l": "m[IU]/L", "mu/ml": "m[IU]/mL", "uu/ml": "u[IU]/mL", "iu/l(37c)": "U/L",
    "mcmol/l": "umol/L",
    "nmol/l": "nmol/L", "pmol/l": "pmol/L", "pg/l": "pg/L", "meq/l": "meq/L", "mosm/kg": "mosm/kg",
    "mosmol/kg": "mosm/kg", "%": "%", "fl": "fL", "u3": "fL", "um3": "fL", "pg": "pg",
    "u/l": "U/L", "ui/l": "U/L", "iu/l": "U/L", "u/ml": "U/mL", "ku/l": "kU/L",
    "kui/l": "k[IU]/L", "kiu/l": "k[IU]/L", "mui/l": "m[IU]/L", "miu/l": "m[IU]/L",
    "mui/ml": "m[IU]/mL", "miu/ml": "m[IU]/mL", "uui/ml": "u[IU]/mL", "uiu/ml": "u[IU]/mL",
    "ui/ml": "[IU]/mL", "iu/ml": "[IU]/mL", "ui/dl": "[IU]/dL", "iu/dl": "[IU]/dL",
    "x10e3/ul": "10*3/uL", "10e3/ul": "10*3/uL", "x10e3/mm3": "10*3/uL",
    "10e3/mm3": "10*3/uL", "thou/ul": "10*3/uL", "x1000/ul": "10*3/uL", "10*3/ul": "10*3/uL",
    "x10e6/ul": "10*6/uL", "10e6/ul": "10*6/uL", "mill/ul": "10*6/uL", "10*6/ul": "10*6/uL",
    "x10e6/mm3": "10*6/uL", "10e6/mm3": "10*6/uL",
    "x10e9/l": "10*9/L", "10e9/l": "10*9/L", "10*9/l": "10*9/L", "giga/l": "10*9/L",
    "x10e12/l": "10*12/L", "10e12/l": "10*12/L", "10*12/l": "10*12/L",
    "/mm3": "/uL", "/ul": "/uL", "/mm^3": "/uL", "elements/mm3": "/uL", "/l": "/L",
    "ml/min/1.73m2": "mL/min/{1.73_m2}", "ml/min/1,73m2": "mL/min/{1.73_m2}",
    "ml/min/1.73": "mL/min/{1.73_m2}", "ml/min/1,73": "mL/min/{1.73_m2}",
    "ml/min/1.73m^2": "mL/min/{1.73_m2}", "ml/min/{1.73_m2}": "mL/min/{1.73_m2}",
    "ml/min": "mL/min", "mm/h": "mm/h", "mm/hr": "mm/h", "mm/1h": "mm/h", "mm/1reh": "mm/h",
    "mm(1h)": "mm/h", "mm/1ereheure": "mm/h", "s": "s", "sec": "s", "secondes": "s",
    "seconds": "s", "ratio": "{ratio}", "{ratio}": "{ratio}", "inr": "{INR}",
    "mmhg": "mm[Hg]", "kg": "kg", "cm": "cm", "kg/m2": "kg/m2", "bpm": "/min",
    "/min": "/min", "g/mol": "g/mol", "mg/kg": "mg/kg", "index": "{index}", "ph": "[pH]",
    "l/l": "L/L", "/hpf": "/[HPF]", "/champ": "/[HPF]",
}
# The powers of ten as printed: ×10⁹, x10^9, x 10E9, 10*9, 10e9...
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_POWER = re.compile(r"(?:[x×*]\s*)?10\s*(?:\^|\*|e|E)?\s*(\d{1,2})(?=\s*/)")
UNIT_CHARS = re.compile(r"^[A-Za-zµμ%°/*^.,²³⁰¹⁴⁵⁶⁷⁸⁹0-9()\[\]{}×_+ -]+$")
# What OCR makes of some units (folded keys as in _FOLDED): l read for I, p for µ.
_OCR_MISREADS = {
    "ulu/ml": "u[IU]/mL", "plu/ml": "u[IU]/mL", "mlu/l": "m[IU]/L", "mlu/ml": "m[IU]/mL",
    "ul/l": "U/L", "lu/l": "U/L", "u/i": "U/L", "mmol/i": "mmol/L", "g/i": "g/L",
    "pui/ml": "u[IU]/mL", "1u/l": "U/L", "iu/i": "U/L", "fi": "fL", "uil": "U/L",
    "uwl": "U/L", "ui/i": "U/L", "ui1": "U/L", "u1/l": "U/L", "mul/l": "m[IU]/L",
    "mui/i": "m[IU]/L", "mmoi/l": "mmol/L", "mmo1/l": "mmol/L",
    "umol/i": "umol/L", "pmol/i": "pmol/L", "ng/ml.": "ng/mL", "mg/i": "mg/L",
    "9/l": "10*9/L", "12/l": "10*12/L", "mil/min/1,73m2": "mL/min/{1.73_m2}",
    "mol/l": "umol/L", "yumol/l": "umol/L", "pumol/l": "umol/L", "muui/l": "m[IU]/L",
    "g/d": "g/dL", "g/dt": "g/dL", "g/di": "g/dL", "mg/d": "mg/dL", "mg/dt": "mg/dL",
    "°9/l": "10*9/L", "°12/l": "10*12/L",
    "mll/min/1,73m2": "mL/min/{1.73_m2}",
}
_LETTER = re.compile(r"[A-Za-zµμ%]")


def _folded(printed: str) -> str:
    text = printed.translate(_SUPERSCRIPTS).replace("µ", "u").replace("μ", "u")
    text = re.sub(r"\s+", "", text)
    text = _POWER.sub(lambda m: f"x10e{m.group(1)}", text)
    return text.lower().replace("²", "2").replace("³", "3")


@lru_cache(maxsize=4096)
def to_ucum(printed: str) -> str | None:
    """The UCUM code of a printed unit, or None when it is not one Healthbook knows."""
    text = printed.strip().strip(".")
    if not text:
        return None
    compact = re.sub(r"\s+", "", text)
    if compact in _EXACT:
        return _EXACT[compact]
    folded = _folded(text)
    if folded in _FOLDED:
        return _FOLDED[folded]
    if folded.startswith("x") and folded[1:] in _FOLDED:  # "x10e9/l" written "x 10^9/l"
        return _FOLDED[folded[1:]]
    if folded.startswith("10e") and "x" + folded in _FOLDED:
        return _FOLDED["x" + folded]
    return None


# "10^9/L" read as "1019/L", "1049/L" or "10A9/L": the caret taken for a 1, a 4 or an A.
_OCR_POWER = re.compile(r"^[-~.]?[x×]?10[\^*a41°'`7259t]{0,2}(3|6|9|12)/(u?[li1e]|mm3)$")
_POWERS = {("3", "u"): "10*3/uL", ("6", "u"): "10*6/uL", ("9", ""): "10*9/L",
           ("12", ""): "10*12/L", ("3", "mm3"): "10*3/uL", ("6", "mm3"): "10*6/uL"}


# Case matters: "GIL" is "G/L" (giga per litre), "gIL" is "g/L".
_OCR_EXACT = {"GIL": "10*9/L", "GIE": "10*9/L", "G/I": "10*9/L", "G/1": "10*9/L",
              "GI": "10*9/L", "TIL": "10*12/L", "T/I": "10*12/L", "TIE": "10*12/L",
              "gIL": "g/L", "g/I": "g/L", "g/1": "g/L", "gil": "g/L", "TL": "10*12/L",
              "GL": "10*9/L", "UL": "U/L", "UIL": "U/L", "gL": "g/L", "gdL": "g/dL",
              "mgL": "mg/L", "mgdL": "mg/dL", "Gh": "10*9/L", "GA": "10*9/L",
              "G/l.": "10*9/L", "Gi": "10*9/L", "Th": "10*12/L", "gidi": "g/dL", "gidL": "g/dL",
              "g/t": "g/L", "g/dt": "g/dL", "mo/dl": "mg/dL", "mo/dL": "mg/dL",
              "pimol/L": "umol/L", "mUmin/1.73m2": "mL/min/{1.73_m2}"}


def to_ucum_ocr(printed: str) -> tuple[str | None, bool]:
    """`to_ucum` that also knows OCR misreadings; (UCUM, True when a misreading was fixed)."""
    found = to_ucum(printed)
    if found:
        return found, False
    compact = re.sub(r"\s+", "", printed.strip().strip("."))
    if compact in _OCR_EXACT:
        return _OCR_EXACT[compact], True
    if compact.endswith("m?") and to_ucum(compact[:-1] + "2"):  # "m²" read as "m?"
        return to_ucum(compact[:-1] + "2"), True
    folded = _folded(printed.strip().strip("."))
    fixed = _OCR_MISREADS.get(folded)
    if fixed is None:
        plain = re.sub(r"\s+", "", printed.strip().strip(".")).lower().replace("µ", "u")
        m = _OCR_POWER.match(plain)
        if m:
            per = "mm3" if m.group(2) == "mm3" else m.group(2)[:-1]
            fixed = _POWERS.get((m.group(1), per))
    return fixed, fixed is not None


CLOSE_UNIT = 0.65  # how alike a misread unit and a unit the test is reported in must be


@cache
def _spellings(ucum: str) -> frozenset[str]:
    """How a UCUM unit is printed, folded as `_folded` folds ("10*9/L": "x10e9/l", "g/l"...)."""
    keys = {k for k, v in _FOLDED.items() if v == ucum}
    keys |= {_folded(k) for k, v in _EXACT.items() if v == ucum}
    keys.add(_folded(ucum))
    return frozenset(keys)


def closest_unit(printed: str, expected: Iterable[str]) -> str | None:
    """The one unit of `expected` that a misread printed unit is clearly closest to ("g/E" ->
    "g/L", "*9/L" -> "10*9/L"), or None when none is close or two are as close."""
    folded = _folded(printed.strip().strip("."))
    if not folded:
        return None
    scores = sorted(((max(difflib.SequenceMatcher(None, folded, key).ratio()
                          for key in _spellings(ucum)), ucum) for ucum in expected),
                    reverse=True)
    if not scores or scores[0][0] < CLOSE_UNIT:
        return None
    if len(scores) > 1 and scores[1][0] >= scores[0][0] - 0.05:
        return None
    return scores[0][1]


def looks_like_unit(text: str) -> bool:
    """A word that may be a unit Healthbook does not know ("mg/mmol", "U/g Hb")."""
    text = text.strip()
    if not text or len(text) > 20 or not UNIT_CHARS.match(text) or not _LETTER.search(text):
        return False
    if to_ucum(text):
        return True
    return "/" in text and bool(re.search(r"[A-Za-zµμ]\s*/|/\s*[A-Za-zµμ]", text))


def is_molar(ucum: str | None) -> bool:
    """True for amount-of-substance units (mmol/L, µmol/L...)."""
    return bool(ucum) and "mol" in ucum and "/mol" not in ucum  # type: ignore[operator]


# OCR reads "µ" as "p" or "u" as "p" now and then ("pmol/L" for "µmol/L").
def micro_alternative(ucum: str | None) -> str | None:
    """The micro- form of a pico- unit ("pmol/L" -> "umol/L"), for OCR confusions."""
    if ucum and ucum.startswith("p"):
        return "u" + ucum[1:]
    return None
