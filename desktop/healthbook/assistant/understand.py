"""Understanding a question: its intent, the language it is in, and what it names, resolved
against this person's own records through the knowledge library's names and lay synonyms.

Deterministic: cue words per intent and language live in resources/assistant/intents.json;
organ and body-system words ("kidneys", "reins") map to the tests that look at them in
resources/assistant/topics.json.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import Any

from healthbook.assistant.language import detect_language
from healthbook.clinical import PersonFacts
from healthbook.clinical.labs import AnalyteFact
from healthbook.clinical.wearables import MetricFact
from healthbook.knowledge import Entry, find_in_text
from healthbook.paths import resources_dir

LOINC_CODE = re.compile(r"^\d+-\d$")


class Intent(StrEnum):
    """What a question asks for."""

    EXPLAIN = "explain"  # what does my result mean
    IS_NORMAL = "is_normal"
    TREND = "trend"
    MEDICATIONS = "medications"
    ALLERGIES = "allergies"
    CONDITIONS = "conditions"
    LAST_DATE = "last_date"  # when was my last X
    VACCINATIONS = "vaccinations"
    VISITS = "visits"
    WEARABLE = "wearable"
    NUTRITION = "nutrition"
    SUMMARY = "summary"
    PREP = "prep"
    DRUG = "drug"  # what is this medicine for, its side effects
    DEFINITION = "definition"  # what is X (no personal data asked)
    OUT_OF_SCOPE = "out_of_scope"  # should I stop my tablets, what dose
    UNKNOWN = "unknown"


@dataclass
class Understanding:
    """A question resolved to an intent and to this person's own data."""

    question: str
    lang: str
    intent: Intent
    entries: list[Entry] = field(default_factory=list)  # library entries it names
    analytes: list[AnalyteFact] = field(default_factory=list)  # this person's matching tests
    metrics: list[MetricFact] = field(default_factory=list)
    topic: str | None = None  # an organ or system word ("kidney")
    expected: list[str] = field(default_factory=list)  # library ids the topic's answer needs
    metric_keys: list[str] = field(default_factory=list)  # watch/phone metrics asked about
    follow_up: bool = False

    def as_dict(self) -> dict[str, Any]:
        """For `--json`: the intent and what the question named."""
        return {"intent": self.intent.value, "language": self.lang,
                "entities": [{"kind": e.kind, "id": e.id, "name": e.name(self.lang)}
                             for e in self.entries],
                "tests": [a.key for a in self.analytes],
                "metrics": [m.metric for m in self.metrics],
                "topic": self.topic, "follow_up": self.follow_up}


def fold(text: str) -> str:
    """Lower case without accents, apostrophes made plain: 'Qu’est-ce' -> "qu'est-ce"."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").lower())
    return "".join(c for c in text if not unicodedata.combining(c))


@cache
def _table(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (resources_dir() / "assistant" / name).read_text(encoding="utf-8"))
    return data


@cache
def _cues() -> list[tuple[Intent, dict[str, re.Pattern[str]]]]:
    """Intent cues in priority order, one regex per language."""
    out = []
    for row in _table("intents.json")["intents"]:
        patterns = {lang: re.compile("|".join(f"(?:{p})" for p in cues))
                    for lang, cues in row["cues"].items() if cues}
        out.append((Intent(row["intent"]), patterns))
    return out


@cache
def _topics() -> list[tuple[str, re.Pattern[str], tuple[str, ...], tuple[str, ...]]]:
    """(topic, words regex over both languages, analyte keys and LOINC codes it covers,
    library ids of the tests an answer about it should mention even when missing)."""
    out = []
    for topic, row in _table("topics.json")["topics"].items():
        words = [w for lang in ("en", "fr") for w in row["words"][lang]]
        pattern = re.compile(r"\b(?:" + "|".join(words) + r")\b")
        out.append((topic, pattern, tuple(row["tests"]), tuple(row.get("expect", ()))))
    return out


def intent_of(folded: str, lang: str) -> Intent | None:
    """The first intent whose cues the question contains (None: no cue)."""
    for intent, patterns in _cues():
        pattern = patterns.get(lang) or patterns.get("en")
        if pattern is not None and pattern.search(folded):
            return intent
    return None


def topic_of(folded: str) -> tuple[str, tuple[str, ...], tuple[str, ...]] | None:
    """An organ or system the question names, the tests that look at it and those an
    answer should mention."""
    for topic, pattern, tests, expect in _topics():
        if pattern.search(folded):
            return topic, tests, expect
    return None


def analytes_for(entries: list[Entry], tests: tuple[str, ...],
                 facts: PersonFacts) -> list[AnalyteFact]:
    """This person's analytes that the named library entries or topic tests point to."""
    from healthbook.clinical.reference import analytes as known

    wanted_keys = {e.analyte for e in entries if e.analyte} | \
        {t for t in tests if not LOINC_CODE.match(t)}
    wanted_codes = {c for e in entries for c in e.codes.get("loinc", ())} | \
        {t for t in tests if LOINC_CODE.match(t)}
    for key in list(wanted_keys):
        if key in known():
            wanted_codes |= set(known()[key].loinc)
    found = []
    for a in facts.analytes:
        codes = set(known()[a.key].loinc) if a.key in known() else \
            {a.key.rsplit("|", 1)[-1]}  # other tests are keyed "system|code"
        if a.key in wanted_keys or codes & wanted_codes:
            found.append(a)
    return found


# Everyday words for watch and phone metrics (the library's names cover the rest).
METRIC_WORDS = {
    "steps": r"\b(steps?|walk(ing|ed)?|pas|marche[rs]?)\b",
    "sleep": r"\b(sleep|slept|sommeil|dormi|dors|nuit)\b",
    "resting_heart_rate": r"\b(resting heart|pouls au repos|frequence cardiaque au repos)\b",
    "heart_rate": r"\b(heart rate|pulse|pouls|frequence cardiaque)\b",
    "active_energy": r"\b(active (energy|calories)|calories brulees)\b",
    "exercise_minutes": r"\b(exercise minutes|minutes d'exercice)\b",
}


def metric_keys(entries: list[Entry], folded: str) -> list[str]:
    """The watch or phone metrics a question asks about, whether or not the person has them."""
    keys = [c for e in entries if e.kind == "metric" for c in e.codes.get("metric", ())]
    keys += [key for key, words in METRIC_WORDS.items() if re.search(words, folded)]
    if "resting_heart_rate" in keys and "heart_rate" in keys:
        keys.remove("heart_rate")
    return list(dict.fromkeys(keys))


def loose_conditions(folded: str, lang: str) -> list[Entry]:
    """Conditions named by a single long word that is part of a library name or synonym
    ("seizure" -> epilepsy), for questions with no other cue ("is that in my records?")."""
    from healthbook.knowledge import search

    found: list[Entry] = []
    for word in set(re.findall(r"[a-z]{6,}", folded)) - {"records", "record", "dossier",
                                                         "résultat", "resultat", "doctor"}:
        for entry in search(word, lang, 1, kinds=("condition",)):
            texts = entry.text(lang)
            names = " ".join(fold(n) for n in (texts.name, *texts.synonyms))
            if re.search(rf"\b{word}", names) and entry not in found:
                found.append(entry)
    return found


def _has_cue(folded: str, lang: str, intent: Intent) -> bool:
    patterns = next((p for i, p in _cues() if i is intent), {})
    pattern = patterns.get(lang) or patterns.get("en")
    return bool(pattern and pattern.search(folded))


def named_in(folded: str, facts: PersonFacts) -> list[AnalyteFact]:
    """This person's tests whose own name (as the lab wrote it) the question contains: for
    tests the library does not know."""
    return [a for a in facts.analytes if len(a.name) >= 3 and fold(a.name) in folded]


def metrics_for(entries: list[Entry], folded: str, facts: PersonFacts) -> list[MetricFact]:
    """This person's wearable metrics named by a library entry or by their label."""
    keys = {c for e in entries for c in e.codes.get("metric", ())}
    return [m for m in facts.metrics
            if m.metric in keys or fold(m.label) in folded]


def understand(question: str, facts: PersonFacts, previous: Understanding | None = None,
               lang: str | None = None) -> Understanding:
    """Resolve a question to an intent and to this person's data."""
    lang = lang or detect_language(question)
    folded = fold(question)
    intent = intent_of(folded, lang)
    entries = find_in_text(question, lang) or (loose_conditions(folded, lang)
                                                if intent is None else [])
    topic = topic_of(folded)
    labs = [e for e in entries if e.kind == "lab"]
    # A named condition asked about by date ("when was my cardiac arrest") is not a question
    # about the organ's tests; "my HDL" is HDL, not every lipid of the topic.
    by_condition = any(e.kind == "condition" for e in entries) and not labs and \
        intent in (None, Intent.LAST_DATE, Intent.CONDITIONS, Intent.DEFINITION)
    topic_tests = topic[1] if topic and not by_condition else ()
    found = (analytes_for(labs, (), facts) if labs else []) or \
        analytes_for([], topic_tests, facts) if topic_tests or labs else []
    found = found or named_in(folded, facts)
    keys = metric_keys(entries, folded)
    metrics = [m for m in facts.metrics if m.metric in keys] or \
        metrics_for([e for e in entries if e.kind in ("metric", "nutrient")], folded, facts)
    if intent is Intent.MEDICATIONS and (found or topic) and (
            _has_cue(folded, lang, Intent.IS_NORMAL) or _has_cue(folded, lang, Intent.TREND)):
        intent = Intent.IS_NORMAL  # "...since the new tablets, is my blood pressure better?"
    follow_up = False
    if intent is None and previous is not None and (entries or topic) and \
            len(folded.split()) <= 6:
        follow_up = True  # "and my HDL?": the same kind of question about something else
        named = _by_entities(entries, found, metrics)
        intent = previous.intent if previous.intent in _COMPATIBLE.get(named, ()) else named
    if intent is None:
        intent = _by_entities(entries, found, metrics)
    elif intent is Intent.DEFINITION and (found or metrics) and _personal(folded, lang):
        intent = Intent.EXPLAIN  # "what is my LDL" asks about the person's result
    return Understanding(question, lang, intent, entries, found, metrics,
                         topic[0] if topic else None, list(topic[2]) if topic else [],
                         keys, follow_up)


# Which earlier intent a follow-up naming something of this kind may keep.
_COMPATIBLE = {
    Intent.EXPLAIN: (Intent.EXPLAIN, Intent.IS_NORMAL, Intent.TREND, Intent.LAST_DATE),
    Intent.WEARABLE: (Intent.WEARABLE, Intent.TREND, Intent.NUTRITION),
    Intent.DRUG: (Intent.DRUG, Intent.OUT_OF_SCOPE),
    Intent.DEFINITION: (Intent.DEFINITION, Intent.VACCINATIONS, Intent.LAST_DATE),
}


def _personal(folded: str, lang: str) -> bool:
    words = set(re.findall(r"[a-z']+", folded))
    mine = {"my", "mine", "i", "me"} if lang == "en" else {"mon", "ma", "mes", "j'ai", "je"}
    return bool(words & mine) or "j'" in folded


def _by_entities(entries: list[Entry], found: list[AnalyteFact],
                 metrics: list[MetricFact]) -> Intent:
    """No cue word: decide from what the question names."""
    if found:
        return Intent.EXPLAIN
    if metrics:
        return Intent.WEARABLE
    if any(e.kind == "condition" for e in entries):
        return Intent.CONDITIONS
    kinds = {e.kind for e in entries}
    if "medicine" in kinds:
        return Intent.DRUG
    if kinds & {"lab", "condition", "vaccine", "metric", "nutrient"}:
        return Intent.DEFINITION
    return Intent.UNKNOWN
