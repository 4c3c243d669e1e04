"""Numbered facts for the prompt: plain sentences from the clinical engine, each tied to the
records it rests on. Record text inside them is data: it is cleaned so it cannot pose as an
instruction, a chat-template token or a citation."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from healthbook.clinical import PersonFacts
from healthbook.clinical.labs import AnalyteFact
from healthbook.clinical.medications import Medication
from healthbook.clinical.ranges import Flag
from healthbook.clinical.reference import analytes
from healthbook.clinical.trends import months_between
from healthbook.clinical.units import display_unit
from healthbook.clinical.wearables import MetricFact, fmt
from healthbook.vault import RecordKind, StoredRecord

MAX_NAME = 80
PROFILE_LIMITS = {"analyte": 4, "medication": 5, "condition": 5, "allergy": 3}
MAX_EXTRA = 4
STOP_WORDS = {
    "the", "and", "for", "what", "how", "was", "are", "his", "her", "has", "have", "had", "did",
    "does", "this", "that", "with", "from", "my", "me", "is", "it", "of", "in", "on", "to", "a",
    "an", "do", "i", "you", "your", "about", "tell", "explain", "level", "levels", "value",
    "result", "results", "test", "tests", "last", "latest", "recent", "should", "can", "could",
    "mean", "means", "why", "when", "which", "who", "any", "been", "there", "their", "they",
    "changed", "change", "changes", "going", "doing", "now", "much", "many", "were", "will",
    "would", "like", "look", "looks", "ok", "okay", "good", "bad", "normal", "high", "low",
}
TOPICS = {
    "medication": ("medic", "drug", "pill", "prescri", "tablet", "dose"),
    "condition": ("condition", "diagnos", "problem", "disease", "illness"),
    "allergy": ("allerg", "react"),
    "visit": ("visit", "appointment", "doctor", "encounter", "clinic"),
    "metric": ("sleep", "step", "walk", "activity", "exercise", "wearable", "watch", "fitness",
               "heart", "weight", "calorie", "energy"),
}


@dataclass(eq=False)
class GroundFact:
    """One numbered fact shown to the model, with the records it rests on."""

    kind: str
    text: str
    record_ids: list[int]
    keywords: set[str] = field(default_factory=set)
    analyte_key: str | None = None
    title: str = ""  # 'LDL cholesterol', 'Lisinopril 10 MG'
    changed: bool = False  # a trend worth saying, or a big change in 30 days
    notable: bool = True  # worth a question at the next visit when it is recent
    brief: str = ""  # a short clause for questions: 'LDL was 159 mg/dL on 2023-04-01, high'
    number: int = 0  # set when the fact is placed in a prompt

    @property
    def headline(self) -> str:
        """A short clause: the brief form, else the first sentence without its full stop."""
        return self.brief or re.split(r"(?<=[.])\s", self.text, maxsplit=1)[0].rstrip(".")

    def line(self) -> str:
        """'[3] LDL cholesterol: 159 mg/dL on 2023-04-01 ...'"""
        return f"[{self.number}] {self.text}"


def clean(text: str | None, limit: int = MAX_NAME) -> str:
    """Record text made safe to quote: one line, no template tokens, brackets or quotes."""
    text = re.sub(r"<\|?[^>]{0,40}\|?>", " ", text or "")  # <|im_start|>, <s>, </think>...
    text = re.sub(r"[\[\]{}<>\"`]", " ", text)
    text = re.sub("[\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]", "", text)  # invisible
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


SPECIMEN = re.compile(r"\s*(\[|\(|\bin (serum|plasma|blood|urine|body)\b|\bby\b|"
                      r"\bentitic\b|#/volume|/volume).*$", re.I)


def short_name(name: str) -> str:
    """'Erythrocytes #/volume in Blood by Automated count' -> 'Erythrocytes'; the full name
    stays in the record the fact links to."""
    short = SPECIMEN.sub("", name).strip(" ,-")
    return clean(short or name)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP_WORDS
            and len(w) > 2}


def _num(value: float) -> str:
    return f"{value:.4g}"


def _range_text(a: AnalyteFact, unit: str) -> str:
    low, high = (a.range.low, a.range.high) if a.range else (None, None)
    if low is not None and high is not None:
        return f"range {_num(low)}–{_num(high)} {unit}"
    if high is not None:
        return f"range below {_num(high)} {unit}"
    return f"range above {_num(low)} {unit}" if low is not None else "no range"


WHERE = {Flag.HIGH: "above the range", Flag.LOW: "below the range",
         Flag.NORMAL: "within the range", Flag.CRITICAL: "at a critical level"}


def analyte_fact(a: AnalyteFact, detail: bool = False) -> GroundFact:
    """A lab or vital: latest value, range, flag, previous value, the trend statement when
    it says something, and (with `detail`) what the test measures."""
    unit = display_unit(a.unit)
    latest = a.latest
    converted = f" ({_num(a.alt_value)} {display_unit(a.alt_unit)})" \
        if a.alt_value is not None and detail else ""
    where = WHERE.get(a.flag, "not judged")
    name = clean(a.name) if detail else short_name(a.name)
    brief = f"{name} was {_num(latest.value)} {unit} on {latest.when[:10]}, {where}"
    parts = [f"{name}: {_num(latest.value)} {unit}{converted} on {latest.when[:10]} "
             f"({_range_text(a, unit)}; {where})."]
    if a.previous is not None and detail:
        parts.append(f"Before: {_num(a.previous.value)} {unit} on {a.previous.when[:10]}.")
    significant = a.trend is not None and a.trend.significant
    if detail and a.trend is not None:
        parts.append(clean(a.statement, 240))
    elif significant and a.trend is not None and a.trend.percent is not None:
        parts.append(f"{a.trend.direction.capitalize()} {abs(a.trend.percent) * 100:.0f}% "
                     f"over {months_between(a.trend.days)}.")
    if detail and a.plain:
        parts.append(f"It measures {a.plain}.")
    known = analytes().get(a.key)
    keywords = _words(a.name) | _words(a.key.replace("_", " ")) | _words(a.plain)
    if known is not None:
        keywords |= _words(known.kind)
    return GroundFact("analyte", " ".join(parts), list(a.record_ids), keywords,
                      a.key if known else None, short_name(a.name), significant,
                      notable=significant or a.flag in (Flag.HIGH, Flag.LOW, Flag.CRITICAL),
                      brief=brief)


def metric_fact(m: MetricFact) -> GroundFact:
    """A wearable metric: recent daily values and what changed."""
    unit = f" {m.unit}" if m.unit else ""
    how = "daily total" if m.summed else "daily average"
    parts = [f"{m.label} ({how}): {fmt(m.latest.value)}{unit} on {m.latest.day.isoformat()}."]
    if m.last_30 is not None and m.previous_30 is not None:
        parts.append(f"Last 30 days {fmt(m.last_30)}{unit} a day, the 30 before "
                     f"{fmt(m.previous_30)}{unit}.")
    parts.append(m.statement)
    changed = (m.change_30 is not None and abs(m.change_30) >= 0.10) or \
        (m.trend is not None and m.trend.significant)
    return GroundFact("metric", " ".join(parts), [], _words(m.label) | _words(m.metric),
                      title=m.label, changed=changed, notable=changed,
                      brief=m.statement.rstrip("."))


def medication_fact(m: Medication) -> GroundFact:
    """One medicine, merged across sources."""
    status = clean(m.status, 30)
    state = "current" if m.current else \
        "stopped" if status in ("", "stopped") else f"stopped ({status})"
    since = f" since {m.started[:10]}" if m.started else ""
    dose = f", dosage: {clean(m.dosage, 120)}" if m.dosage else ""
    twice = f", also listed as {', '.join(clean(n) for n in m.names[:-1])}" \
        if m.listed_twice else ""
    text = f"Medicine: {clean(m.name)}, {state}{since}{dose}{twice}."
    return GroundFact("medication", text, list(m.record_ids),
                      _words(" ".join(m.names)) | _words(m.ingredient) | {"medication"},
                      title=clean(m.name))


def record_fact(kind: str, stored: StoredRecord) -> GroundFact:
    """A condition, allergy or visit as one sentence."""
    r = stored.record
    name = clean(r.display or r.code or kind)
    when = f" on {r.effective[:10]}" if r.effective else ""
    status = f" ({clean(r.status, 30)})" if r.status else ""
    label = {"condition": "Condition", "allergy": "Allergy", "visit": "Last visit"}[kind]
    return GroundFact(kind, f"{label}: {name}{status}{when}.", [stored.id],
                      _words(name) | {kind}, title=name)


def person_fact(facts: PersonFacts, today: date) -> GroundFact:
    """Name, age and sex as recorded."""
    p = facts.person
    bits = [clean(p.name)]
    if p.birth_date:
        born = date.fromisoformat(p.birth_date[:10])
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        bits.append(f"born {p.birth_date[:10]} (age {age})")
    if p.sex:
        bits.append(clean(p.sex, 20))
    return GroundFact("person", ", ".join(bits) + f". Today is {today.isoformat()}.", [])


@dataclass
class FactBook:
    """Every fact about one person, and the stable 'profile' placed first in every prompt."""

    profile: list[GroundFact]
    others: list[GroundFact]
    detailed: dict[int, GroundFact]  # the long form of analyte facts, by their first record
    by_record: dict[int, GroundFact]
    last_visit: str | None

    def relevant(self, question: str, also: Iterable[GroundFact] = ()) -> list[GroundFact]:
        """Facts outside the profile that the question names (at most MAX_EXTRA)."""
        words = _words(question)
        lowered = question.lower()
        topics = {kind for kind, stems in TOPICS.items() if any(s in lowered for s in stems)}
        chosen = [f for f in also if f not in self.profile]
        named = sorted((f for f in self.others if f.keywords & words and f not in chosen),
                       key=lambda f: -len(f.keywords & words))
        chosen += named
        chosen += [f for f in self.others if f.kind in topics and f not in chosen]
        return chosen[:MAX_EXTRA]

    def find(self, name: str) -> GroundFact | None:
        """The analyte or metric fact called `name` (key, name or label; any case)."""
        wanted = " ".join(re.findall(r"[a-z0-9]+", name.lower()))
        for fact in [*self.profile, *self.others]:
            if fact.kind not in ("analyte", "metric"):
                continue
            names = {fact.title.lower(), (fact.analyte_key or "").replace("_", " ")}
            names |= {" ".join(re.findall(r"[a-z0-9]+", n)) for n in names}
            if wanted in names:
                return fact
        return None

    def in_detail(self, fact: GroundFact) -> GroundFact:
        """The long form of an analyte fact (what it measures, the trend); else the fact."""
        if fact.kind == "analyte" and fact.record_ids:
            return self.detailed.get(fact.record_ids[0], fact)
        return fact

    def since(self, day: str) -> list[GroundFact]:
        """Facts about results, medicines and diagnoses dated on or after `day`."""
        found = []
        for fact in [*self.profile, *self.others]:
            dates = re.findall(r"\d{4}-\d{2}-\d{2}", fact.text)
            if fact.kind in ("analyte", "medication", "condition", "metric") and dates and \
                    max(dates) >= day and fact.notable and fact not in found:
                found.append(fact)
        return found


def fact_book(facts: PersonFacts, records: list[StoredRecord],
              today: date | None = None) -> FactBook:
    """Turn the clinical facts into numbered-to-be sentences and choose the profile."""
    today = today or date.today()
    all_analytes = [analyte_fact(a) for a in facts.analytes]
    detailed = {g.record_ids[0]: analyte_fact(a, detail=True)
                for a, g in zip(facts.analytes, all_analytes, strict=True)}
    flagged = [g for a, g in zip(facts.analytes, all_analytes, strict=True)
               if a.flag in (Flag.HIGH, Flag.LOW, Flag.CRITICAL)]
    flagged.sort(key=lambda g: _latest_date(g), reverse=True)
    meds = [medication_fact(m) for m in facts.medications]
    current = [g for m, g in zip(facts.medications, meds, strict=True) if m.current]
    conditions = [record_fact("condition", c) for c in facts.active_conditions]
    allergies = [record_fact("allergy", a) for a in facts.allergies]
    visit = last_visit(records)
    last = [record_fact("visit", visit)] if visit else []
    profile = [person_fact(facts, today),
               *flagged[:PROFILE_LIMITS["analyte"]],
               *current[:PROFILE_LIMITS["medication"]],
               *conditions[:PROFILE_LIMITS["condition"]],
               *allergies[:PROFILE_LIMITS["allergy"]], *last]
    metrics = [metric_fact(m) for m in facts.metrics]
    resolved = [record_fact("condition", c) for c in facts.conditions
                if c not in facts.active_conditions]
    pool = [*all_analytes, *metrics, *meds, *conditions, *resolved, *allergies]
    others = [f for f in pool if f not in profile]
    by_record = {rid: g for g in pool for rid in g.record_ids}
    return FactBook(profile, others, detailed, by_record,
                    visit.record.effective[:10] if visit and visit.record.effective else None)


def last_visit(records: list[StoredRecord]) -> StoredRecord | None:
    """The most recent dated visit (encounter)."""
    visits = [s for s in records if s.record.kind is RecordKind.ENCOUNTER and s.record.effective]
    return max(visits, key=lambda s: s.record.effective or "", default=None)


def default_since(last_visit_date: str | None) -> str:
    """Where "what changed" starts by default: the last visit, else a year ago."""
    return last_visit_date or (date.today() - timedelta(days=365)).isoformat()


def _latest_date(fact: GroundFact) -> str:
    dates = re.findall(r"\d{4}-\d{2}-\d{2}", fact.text)
    return max(dates) if dates else ""


def number(facts: list[GroundFact], start: int = 1) -> list[GroundFact]:
    """Copies of the facts carrying their [n] numbers, in order."""
    return [replace(fact, number=start + offset) for offset, fact in enumerate(facts)]
