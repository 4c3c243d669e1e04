"""Entries as text (terminal, sheet lines) and as JSON data, in English or French."""

from __future__ import annotations

import re
import textwrap
from typing import Any

from healthbook.knowledge.entries import LANGS, CautionRule, Entry

LABELS = {
    "en": {
        "what": "What it is", "high": "If it is high", "low": "If it is low",
        "side_effects": "Common side effects worth asking about", "cautions": "Cautions",
        "limits": "Limits on consumer devices", "ask": "Questions to ask",
        "sources": "Sources", "reviewed": "Last reviewed", "also": "Also called",
        "brands": "Brand names", "intakes": "General reference intakes",
        "note": "General information from public sources; it does not replace advice from "
                "your doctor or pharmacist.",
    },
    "fr": {
        "what": "Ce que c'est", "high": "Si le résultat est élevé",
        "low": "Si le résultat est bas",
        "side_effects": "Effets indésirables fréquents à signaler", "cautions": "Précautions",
        "limits": "Limites des appareils grand public", "ask": "Questions à poser",
        "sources": "Sources", "reviewed": "Dernière relecture", "also": "Aussi appelé",
        "brands": "Noms de marque", "intakes": "Repères généraux d'apport",
        "note": "Information générale tirée de sources publiques ; elle ne remplace pas l'avis "
                "de votre médecin ou de votre pharmacien.",
    },
}
KIND_LABELS = {
    "en": {"lab": "Lab test", "condition": "Condition", "medicine": "Medicine",
           "vaccine": "Vaccine", "metric": "Wearable measure", "nutrient": "Nutrient"},
    "fr": {"lab": "Analyse", "condition": "Maladie ou état de santé", "medicine": "Médicament",
           "vaccine": "Vaccin", "metric": "Mesure d'un objet connecté", "nutrient": "Nutriment"},
}
COUNTRIES = {"en": {"us": "US", "uk": "UK", "fr": "France"},
             "fr": {"us": "États-Unis", "uk": "Royaume-Uni", "fr": "France"}}
INTAKE_KINDS = {"en": {"max": "under", "min": "at least", "target": "about"},
                "fr": {"max": "moins de", "min": "au moins", "target": "environ"}}
_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?:\s|$)")


COLON = {"en": ":", "fr": " :"}  # French puts a space before a colon


def _lang(lang: str | None) -> str:
    return lang if lang in LANGS else "en"


def one_line(entry: Entry, lang: str | None = "en") -> str:
    """The first sentence of the summary: the plain description under a result on the sheet."""
    summary = entry.text(_lang(lang)).summary
    match = _FIRST_SENTENCE.match(summary)
    return match.group(1) if match else summary


def describe(entry: Entry, lang: str | None = "en", width: int = 78) -> str:
    """The entry as readable text: name, what it is, results or side effects and cautions,
    questions to ask, sources and the review date."""
    lang = _lang(lang)
    labels = LABELS[lang]
    colon = COLON[lang]
    texts = entry.text(lang)
    lines = [f"{texts.name} ({KIND_LABELS[lang].get(entry.kind, entry.kind)})"]
    if texts.synonyms:
        lines += _wrap(f"{labels['also']}{colon} {', '.join(texts.synonyms)}", width)
    if entry.brands:
        countries = COUNTRIES[lang]
        brands = "; ".join(f"{countries.get(c, c.upper())} {', '.join(names)}".strip()
                           for c, names in entry.brands.items() if names)
        if brands:
            lines += _wrap(f"{labels['brands']}{colon} {brands}", width)
    for key, value in (("what", texts.summary), ("high", texts.high), ("low", texts.low),
                       ("limits", texts.limits)):
        if value:
            lines += ["", f"{labels[key]}{colon}", *_wrap(value, width, "  ")]
    for key, items in (("side_effects", texts.side_effects), ("cautions", texts.cautions),
                       ("ask", texts.ask)):
        if items:
            lines += ["", f"{labels[key]}{colon}"]
            for item in items:
                lines += _wrap(item, width, "  - ", "    ")
    if entry.reference_intakes:
        lines += ["", f"{labels['intakes']}{colon}"]
        words = INTAKE_KINDS[lang]
        for intake in entry.reference_intakes:
            amount = f"{intake.value:g} {intake.unit}/{intake.per}"
            lines += _wrap(f"{intake.body}{colon} {words.get(intake.kind, intake.kind)} {amount} "
                           f"({intake.population})", width, "  - ", "    ")
    if entry.sources:
        lines += ["", f"{labels['sources']}{colon}"]
        for source in entry.sources:
            lines += _wrap(f"{source.title} <{source.url}>", width, "  - ", "    ")
    if entry.reviewed:
        lines += ["", f"{labels['reviewed']}{colon} {entry.reviewed}"]
    lines += ["", *_wrap(labels["note"], width)]
    return "\n".join(lines)


def _wrap(text: str, width: int, first: str = "", rest: str | None = None) -> list[str]:
    return textwrap.wrap(text, width, initial_indent=first,
                         subsequent_indent=first if rest is None else rest,
                         break_long_words=False, break_on_hyphens=False) or [first.rstrip()]


def as_dict(entry: Entry, lang: str | None = "en") -> dict[str, Any]:
    """The entry as JSON data: kind, id, codes, names in both languages, the texts in `lang`,
    sources and the review date (plus panel, classes, brands where the kind has them)."""
    lang = _lang(lang)
    out: dict[str, Any] = {
        "kind": entry.kind,
        "id": entry.id,
        "codes": {system: list(codes) for system, codes in entry.codes.items()},
        "names": {lg: entry.name(lg) for lg in LANGS},
        "lang": lang,
        "text": entry.text(lang).as_dict(),
        "sources": [{"title": s.title, "url": s.url} for s in entry.sources],
        "reviewed": entry.reviewed,
    }
    if entry.panel:
        out["panel"] = entry.panel
    if entry.analyte:
        out["analyte"] = entry.analyte
    if entry.classes:
        out["classes"] = list(entry.classes)
    if entry.brands:
        out["brands"] = {country: list(names) for country, names in entry.brands.items()}
    if entry.names_uk:
        out["names_uk"] = list(entry.names_uk)
    if entry.reference_intakes:
        out["reference_intakes"] = [
            {"body": i.body, "kind": i.kind, "value": i.value, "unit": i.unit, "per": i.per,
             "population": i.population, "url": i.url} for i in entry.reference_intakes]
    return out


def caution_text(rule: CautionRule, medicines: list[Entry], lang: str | None = "en") -> str:
    """A caution as shown on the medication list: the medicines, then the rule's sentence."""
    lang = _lang(lang)
    names = ", ".join(m.name(lang) for m in medicines)
    return f"{names}: {rule.text(lang)}" if names else rule.text(lang)
