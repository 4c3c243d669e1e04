"""Printed test names -> the knowledge library's lab entries and their LOINC codes.

"K", "Kaliémie", "Potassium, serum" and "POTASSIUM (sérum)" all name the potassium entry:
exact names and synonyms first (English and French, case and accents ignored), then the name
without specimen words, method notes or footnote marks, then shorter and shorter word runs,
then a close spelling (OCR misreadings such as "Giycémie").
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from healthbook.knowledge.entries import Entry
from healthbook.knowledge.library import Library, library
from healthbook.knowledge.normalize import normalize

# Entries that name a panel or a whole examination, never one result.
_NOT_A_RESULT = frozenset({
    "full-blood-count", "comprehensive-metabolic-panel", "basic-metabolic-panel",
    "hepatic-function-panel", "heart-failure-panel", "urinalysis", "lipid-panel",
    "vital-signs-panel", "blood-pressure-panel", "social-needs-screening",
})
# Words about the specimen or method that do not change the analyte.
_SPECIMEN = re.compile(
    r"\b(?:s[ée]rique|s[ée]rum|serum|plasma(?:tique)?|sanguine?|sang|blood|venous|veineux|"
    r"whole|total\s+blood|level|dosage|taux|on|en|dans\s+le|du|de\s+la|de|le|la|in|of|the)\b",
    re.IGNORECASE)
_DOTTED = re.compile(r"\b(?:[A-Za-z]\.){2,}(?:[A-Za-z]\b)?")
_FOOTNOTE = re.compile(r"(?:\s*[*¹²³†‡#]+|\s*\(\d\))+\s*$")
_LEADERS = re.compile(r"[.…_]{2,}.*$|\s*:\s*$")
_PARENS = re.compile(r"\s*[(\[][^)\]]*[)\]]")
# Entries measured both as a share of white cells and as a count: (count id, percent id).
_PERCENT_SIBLINGS = {
    "neutrophils": "neutrophils-percent", "lymphocytes": "lymphocytes-percent",
    "monocytes": "monocytes-percent", "eosinophils": "eosinophils-percent",
    "basophils": "basophils-percent",
}
_COUNT_SIBLINGS = {v: k for k, v in _PERCENT_SIBLINGS.items()}
# LOINC codes for results in molar units, where the entry's first code is the mass one.
_MOLAR_LOINC = {
    "creatinine": "14682-9", "glucose": "14749-6", "fasting-glucose": "14771-0",
    "total-cholesterol": "14647-2", "hdl-cholesterol": "14646-4",
    "ldl-cholesterol": "22748-8", "triglycerides": "14927-8", "calcium": "2000-8",
    "uric-acid": "14933-6", "bilirubin-total": "14631-6", "phosphate": "14879-1",
    "magnesium": "2601-3", "hemoglobin": "59260-0", "urea-nitrogen": "14937-7",
}
FUZZY_CUTOFF = 0.86
# Words that qualify a test without naming another one: dropping them keeps a sure match.
_QUALIFIERS = frozenset(normalize(w) for w in [
    "ultrasensible", "ultra", "sensible", "us", "hs", "calc", "calculated", "calcule",
    "calculee", "direct", "directe", "measured", "mesure", "total", "totale", "serum",
    "serique", "plasma", "plasmatique", "sanguin", "sanguine", "blood", "random", "nih",
    "method", "methode", "enzymatique", "jaffe", "ckd", "epi", "mdrd", "cockcroft", "level",
    "test", "result", "resultat", "chol", "cholesterol", "adj", "adjusted", "corr",
    "corrected"
])


@dataclass(frozen=True, slots=True)
class NameMatch:
    """The lab entry a printed name names, and how directly it was found (0..1)."""

    entry: Entry
    score: float

    @property
    def entry_id(self) -> str:
        return self.entry.id


def clean_name(printed: str) -> str:
    """The printed name without dot leaders, a trailing colon or footnote marks."""
    text = _LEADERS.sub("", printed.strip())
    text = _FOOTNOTE.sub("", text).strip(" -:;,")
    return re.sub(r"\s+", " ", text)


def _undotted(text: str) -> str:
    return _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)


def _lab(found: list[Entry]) -> Entry | None:
    return next((e for e in found if e.kind == "lab" and e.id not in _NOT_A_RESULT), None)


def _named(lib: Library, text: str, lang: str | None) -> Entry | None:
    key = normalize(text)
    if not key or (len(key) <= 2 and not any(c.isupper() for c in text)):
        return None  # "le", "de": words, not "K" or "Na"
    found = _lab(lib.named(text, lang, ("lab",))) if lang else None
    return found or _lab(lib.named(text, None, ("lab",)))


def _variants(name: str) -> list[str]:
    base = _undotted(re.sub(r"\b(Hb)?A[lI]c\b", lambda m: (m.group(1) or "") + "A1c", name))
    out = [name, base]
    no_parens = _PARENS.sub(" ", base).strip()
    out.append(no_parens)
    out.extend(inner.strip() for inner in re.findall(r"[(\[]([^)\]]*)[)\]]", base))
    out.append(_SPECIMEN.sub(" ", no_parens))
    out.append(re.sub(r"[,;/].*$", "", no_parens))  # "Potassium, serum"
    head, sep, tail = no_parens.partition(",")
    if sep and tail.strip():
        out.append(f"{tail.strip()} {head.strip()}")  # "Protein, Total" -> "Total Protein"
    return [v for v in dict.fromkeys(v.strip() for v in out) if v]


@cache
def _lab_names(lib_id: int) -> list[str]:
    lib = library()
    return sorted({key for lang in ("en", "fr") for key, pairs in lib.names(lang).items()
                   if len(key) >= 4 and any(e.kind == "lab" and e.id not in _NOT_A_RESULT
                                            for _, e in pairs)})


_NUMBERED = re.compile(r"\d+(?:[-.]\d+)?")
# Letters OCR reads for one another in short names.
_LOOKALIKE = {"i": "l", "l": "I", "I": "l", "1": "l", "0": "O", "O": "D", "D": "O", "e": "c",
              "c": "e"}


def _lookalikes(name: str) -> set[str]:
    """The name with look-alike letters swapped, all of a kind at once or one at a time."""
    out = {name.replace(a, b) for a, b in _LOOKALIKE.items()}
    out |= {name[:i] + _LOOKALIKE[c] + name[i + 1:] for i, c in enumerate(name)
            if c in _LOOKALIKE}
    return out - {name}


@lru_cache(maxsize=4096)
def _match(printed: str, lang: str | None) -> tuple[str, float] | None:
    lib = library()
    name = clean_name(printed)
    if not name or not re.search(r"[A-Za-zÀ-ÿ]", name):
        return None
    variants = _variants(name)
    for i, variant in enumerate(variants):
        entry = _named(lib, variant, lang)
        if entry:
            return entry.id, 1.0 if i < 2 else 0.97
    for variant in variants:
        words = variant.split()
        for n in range(len(words) - 1, 0, -1):  # "TSH ultrasensible" -> "TSH"
            for part, dropped in ((words[:n], words[n:]), (words[-n:], words[:-n])):
                if any(_NUMBERED.fullmatch(w) for w in dropped):
                    continue  # "CA 125", "CA 19-9": a numbered test, not calcium
                entry = _named(lib, " ".join(part), lang)
                if entry and len(normalize(" ".join(part))) >= 2:
                    sure = all(w in _QUALIFIERS for w in normalize(" ".join(dropped)).split())
                    return entry.id, 0.95 if sure else 0.75
    if len(name) <= 8:  # OCR confuses look-alike letters: "Pit" for "Plt", "Chiore" for "Chlore"
        found = {entry.id for swapped in _lookalikes(name)
                 if (entry := _named(lib, swapped, lang)) is not None}
        if len(found) == 1:
            return found.pop(), 0.8
    key = normalize(variants[2] if len(variants) > 2 else name)
    if len(key) >= 5:
        close = difflib.get_close_matches(key, _lab_names(id(lib)), n=1, cutoff=FUZZY_CUTOFF)
        if close:
            entry = _named(lib, close[0], None)
            if entry:
                ratio = difflib.SequenceMatcher(None, key, close[0]).ratio()
                return entry.id, round(0.8 * ratio, 3)
    return None


# Specimens that make another test of the same name: "Glucose, urine" is not blood glucose.
_SPECIMENS = {
    "urine": frozenset({"urine", "urines", "urinaire", "urinaires", "bandelette", "dipstick"}),
    "stool": frozenset({"stool", "stools", "feces", "faeces", "fecal", "faecal", "selles",
                        "fecale", "fecales"}),
    "csf": frozenset({"csf", "lcr", "cerebrospinal", "cephalorachidien"}),
}


def _specimen(name: str) -> frozenset[str] | None:
    """The words of a non-blood specimen the printed name mentions, if any."""
    words = set(normalize(name).split())
    return next((group for group in _SPECIMENS.values() if words & group), None)


def _mentions(entry: Entry, group: frozenset[str]) -> bool:
    names = [entry.id.replace("-", " ")]
    for lang in ("en", "fr"):
        texts = entry.text(lang)
        names += [texts.name, *texts.synonyms]
    return any(set(normalize(n).split()) & group for n in names)


def _same_specimen(printed: str, lang: str | None, found: tuple[str, float]
                   ) -> tuple[str, float] | None:
    """`found`, when it is a test of the specimen the name mentions; else the entry named for
    that specimen ("urine glucose" for "Glucose, urine"), else None: never a blood test's entry
    for a urine, stool or CSF result."""
    group = _specimen(printed)
    lib = library()
    entry = lib.by_id.get(found[0])
    if group is None or entry is None or _mentions(entry, group):
        return found
    base = " ".join(w for w in normalize(clean_name(printed)).split() if w not in group)
    for word in sorted(group):
        for name in (f"{word} {base}", f"{base} {word}"):
            other = _named(lib, name, lang)
            if other is not None and _mentions(other, group):
                return other.id, min(found[1], 0.95)
    return None


def match_name(printed: str, lang: str | None = None, ucum: str | None = None
               ) -> NameMatch | None:
    """The lab entry a printed test name names, adjusted by its unit (a "%" neutrophil count
    is the percentage entry); None when nothing in the library matches."""
    found = _match(printed, lang)
    if found is not None:
        found = _same_specimen(printed, lang, found)
    if found is None:
        return None
    lib = library()
    entry_id, score = found
    if ucum == "%" and entry_id in _PERCENT_SIBLINGS:
        entry_id = _PERCENT_SIBLINGS[entry_id]
    elif ucum and ucum != "%" and entry_id in _COUNT_SIBLINGS:
        entry_id = _COUNT_SIBLINGS[entry_id]
    entry = lib.by_id.get(entry_id)
    return NameMatch(entry, score) if entry else None


def loinc_for(entry: Entry, ucum: str | None) -> str | None:
    """The entry's LOINC code for a result in `ucum` (the molar code for mmol/L, µmol/L)."""
    codes = entry.codes.get("loinc", ())
    if ucum and "mol" in ucum and "/mol" not in ucum and entry.id in _MOLAR_LOINC:
        return _MOLAR_LOINC[entry.id]
    return codes[0] if codes else None
