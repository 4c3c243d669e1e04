"""Code writes the answer: per intent, complete and cited, from the clinical facts and the
knowledge library, in the question's language. A model may later reword it; it never authors.

Every line cites its sources: a record fact ("LDL cholesterol: 159 mg/dL on 2023-04-01") or a
library entry (what a test measures, with its public sources). Lists are complete.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from healthbook.assistant.grounding import GroundFact, clean
from healthbook.assistant.understand import Intent, Understanding, fold
from healthbook.clinical import PersonFacts
from healthbook.clinical.display import age, plain_name, quantity
from healthbook.clinical.labs import AnalyteFact
from healthbook.clinical.ranges import Flag
from healthbook.clinical.units import display_unit
from healthbook.clinical.wearables import MetricFact
from healthbook.i18n import _, language
from healthbook.knowledge import (
    Entry,
    allergy_conflicts,
    applicable_cautions,
    caution_text,
    entry_by_id,
    for_record,
    for_stored,
    medicine_ingredients,
)
from healthbook.paths import resources_dir
from healthbook.vault import RecordKind, StoredRecord

MAX_TESTS = 4
FRENCH_UNITS = {"mmol/L", "umol/L", "g/L"}  # as French laboratories print results
MAX_VISITS = 5
SAME_WITHIN = 0.05  # a 30-day average within 5% of the one before is "about the same"
RECENT_CRITICAL_DAYS = 7
GENERIC_VACCINE_WORDS = {"vaccine", "vaccination", "vaccin", "type", "not", "recorded", "jab",
                         "shot", "dose", "booster", "rappel", "unspecified", "formulation",
                         "non", "precise", "injection", "the", "of", "de", "la", "le", "contre",
                         "against", "and", "et", "adult", "adulte", "preservative", "free"}


@cache
def _phrases() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads(
        (resources_dir() / "assistant" / "phrases.json").read_text(encoding="utf-8"))
    return data


def phrase(key: str, lang: str, **values: Any) -> str:
    """A composed sentence in `lang` (English when the language lacks it)."""
    table = _phrases().get(lang) or _phrases()["en"]
    return (table.get(key) or _phrases()["en"][key]).format(**values)


@dataclass
class Line:
    """One sentence or list item of a composed answer, with what it cites."""

    text: str
    cites: list[int] = field(default_factory=list)
    item: bool = False  # a list item ("- ...")
    library: list[str] = field(default_factory=list)  # library entry ids behind it

    def rendered(self) -> str:
        """The line with its [n] marks before the final full stop."""
        text = self.text.rstrip()
        if self.cites:
            marks = "".join(f"[{n}]" for n in self.cites)
            match = re.search(r"[.!?:]+$", text)
            text = f"{text[:match.start()].rstrip()} {marks}{match[0]}" if match else \
                f"{text} {marks}"
        return f"- {text}" if self.item else text


@dataclass
class Composed:
    """A complete answer written by code."""

    lines: list[Line]
    facts: list[GroundFact]
    escalations: list[str]

    @property
    def text(self) -> str:
        """Paragraphs and '- ' list items, as the answer's text."""
        out: list[str] = []
        for line in self.lines:
            rendered = line.rendered()
            if out and (line.item or out[-1].startswith("- ")):
                out.append("\n" + rendered)
            elif out:
                out.append("\n\n" + rendered)
            else:
                out.append(rendered)
        return "".join(out)


class Writer:
    """Collects lines and numbers the facts and library entries they cite, from [1]."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.lines: list[Line] = []
        self.facts: list[GroundFact] = []
        self._known: dict[tuple[str, tuple[int, ...]], int] = {}
        self.escalations: list[str] = []

    def fact(self, kind: str, text: str, record_ids: Sequence[int]) -> int:
        """The number of a record fact (added once)."""
        key = (text, tuple(record_ids))
        if key not in self._known:
            number = len(self.facts) + 1
            self.facts.append(GroundFact(kind, text, list(record_ids), number=number,
                                         title=text.split(":")[0]))
            self._known[key] = number
        return self._known[key]

    def entry(self, entry: Entry) -> int:
        """The number of a library entry cited as a source."""
        titles = "; ".join(f"{s.title} ({s.url})" for s in entry.sources[:2])
        reviewed = _(", reviewed {date}").format(date=entry.reviewed) if entry.reviewed else ""
        text = _("Healthbook library: {name} — {sources}{reviewed}.").format(
            name=entry.name(self.lang), sources=titles, reviewed=reviewed)
        return self.fact("library", text, [])

    def say(self, text: str, *cites: int, item: bool = False,
            library: Sequence[str] = ()) -> None:
        """Add a line (in a French answer, numbers and dates written the French way)."""
        if self.lang == "fr":
            text = french_numbers(text)
        self.lines.append(Line(text, list(dict.fromkeys(cites)), item, list(library)))

    def p(self, key: str, *cites: int, item: bool = False, **values: Any) -> None:
        """Add a line from a phrase of the answer's language."""
        self.say(phrase(key, self.lang, **values), *cites, item=item)

    def done(self) -> Composed:
        """The composed answer."""
        return Composed(self.lines, self.facts, self.escalations)


class Composer:
    """Writes answers about one person's records."""

    def __init__(self, facts: PersonFacts, records: list[StoredRecord],
                 today: date | None = None) -> None:
        self.facts = facts
        self.records: dict[int, StoredRecord] = {s.id: s for s in records}  # facts use ints
        self.today = today or date.today()
        self.lang = "en"  # the language of the answer being composed

    # -- helpers ---------------------------------------------------------------------------
    def _ago(self, when: str, lang: str) -> str:
        text = age(when, self.today)
        if lang == "fr":
            return _ago_fr(text)
        return text

    def _entry_for(self, stored: StoredRecord, kind: str) -> Entry | None:
        return for_stored(stored.record, kind)

    def _lab_entry(self, a: AnalyteFact) -> Entry | None:
        stored = self.records.get(a.latest.record_id)
        return self._entry_for(stored, "lab") if stored is not None else None

    def _name(self, a: AnalyteFact, lang: str) -> str:
        entry = self._lab_entry(a)
        name = entry.name(lang) if entry is not None else plain_name(a.name)
        return _lower_first(name) if lang == "en" else name

    def _unit(self, a: AnalyteFact) -> str:
        """French answers use the units French labs print (mmol/L, µmol/L) where known."""
        if self.lang == "fr" and a.unit not in FRENCH_UNITS and a.alt_unit in FRENCH_UNITS:
            return a.alt_unit
        return a.unit

    def _value(self, a: AnalyteFact, value: float) -> str:
        unit = self._unit(a)
        if unit != a.unit:
            from healthbook.clinical.reference import analytes
            from healthbook.clinical.units import UnitMismatch, convert

            try:
                value = convert(value, a.unit, unit, analytes().get(a.key))
            except UnitMismatch:
                unit = a.unit
        return quantity(value, unit, a.key)

    def _range(self, a: AnalyteFact) -> str:
        if a.range is None:
            return ""
        unit = display_unit(self._unit(a))
        lo, hi = a.range.low, a.range.high
        if lo is not None and hi is not None:
            return f"{self._value(a, lo)}–{self._value(a, hi)}".replace(f" {unit}–", "–")
        if hi is not None:
            return f"≤ {self._value(a, hi)}"
        return f"≥ {self._value(a, lo)}" if lo is not None else ""

    def _visits(self) -> list[StoredRecord]:
        """Dated visits, newest first."""
        return sorted((s for s in self.records.values()
                       if s.record.kind is RecordKind.ENCOUNTER and s.record.effective),
                      key=lambda s: s.record.effective or "", reverse=True)

    def _visit_fact(self, w: Writer, s: StoredRecord) -> int:
        when = (s.record.effective or "")[:10]
        return w.fact("visit", _("Visit: {name} on {date}.").format(
            name=clean(s.record.display), date=when), [s.id])

    def _escalate(self, w: Writer, a: AnalyteFact) -> None:
        """Critical values keep their fixed escalation, worded by how recent they are."""
        if a.critical is None:
            return
        when = a.latest.when[:10]
        try:
            days = (self.today - date.fromisoformat(when)).days
        except ValueError:
            days = RECENT_CRITICAL_DAYS + 1
        name = self._name(a, w.lang)
        value = self._value(a, a.latest.value)
        head = f"{name} {value} ({when}). "
        message = phrase("critical_recent", w.lang) if days <= RECENT_CRITICAL_DAYS else \
            phrase("critical_old", w.lang, date=when)
        if head + message not in w.escalations:
            w.escalations.append(head + message)

    # -- the answer ------------------------------------------------------------------------
    def compose(self, u: Understanding) -> Composed:
        """The complete, cited answer to an understood question."""
        self.lang = u.lang
        w = Writer(u.lang)
        handler = {
            Intent.MEDICATIONS: self.medications, Intent.ALLERGIES: self.allergies,
            Intent.CONDITIONS: self.conditions, Intent.VACCINATIONS: self.vaccinations,
            Intent.VISITS: self.visits, Intent.LAST_DATE: self.last_date,
            Intent.EXPLAIN: self.results, Intent.IS_NORMAL: self.results,
            Intent.TREND: self.results, Intent.WEARABLE: self.wearables,
            Intent.NUTRITION: self.nutrition, Intent.DRUG: self.drug,
            Intent.DEFINITION: self.definition, Intent.OUT_OF_SCOPE: self.out_of_scope,
            Intent.SUMMARY: self.summary, Intent.PREP: self.prep,
        }.get(u.intent, self.unknown)
        # Dates, numbers and ages in the answer's language, whatever the window's language.
        with language(u.lang):
            handler(w, u)
            for a in self.facts.analytes:  # a critical value is always said, first
                self._escalate(w, a)
        return w.done()

    # -- lists -----------------------------------------------------------------------------
    def medications(self, w: Writer, u: Understanding) -> None:
        """Every current medicine, what it is generally for, allergy clashes and cautions."""
        current = sorted((m for m in self.facts.medications if m.current),
                         key=lambda m: m.name.lower())
        if not current:
            w.p("meds_none")
        else:
            w.p("meds_intro_one" if len(current) == 1 else "meds_intro", count=len(current))
        entries: list[Entry] = []
        for m in current:
            since = phrase("since", w.lang, date=m.started[:10]) if m.started else ""
            n = w.fact("medication", f"Medicine: {clean(m.name)}, current{since}.",
                       m.record_ids)
            found = medicine_ingredients(m.name)
            entries += found
            purpose = _first_sentence(found[0].text(w.lang).summary) if found else ""
            cites = [n, *(w.entry(found[0]),)] if found else [n]
            text = phrase("med_item", w.lang, name=plain_name(m.name), since=since)
            w.say(f"{text} — {purpose}" if purpose else text, *cites, item=True,
                  library=[found[0].id] if found else [])
        stopped = sorted((m for m in self.facts.medications if not m.current),
                         key=lambda m: m.last_seen or m.started or "", reverse=True)
        if stopped:
            last = stopped[0]
            when = (last.last_seen or last.started or "")[:10]
            n = w.fact("medication", f"Medicine: {clean(last.name)}, stopped ({when}).",
                       last.record_ids)
            key = "meds_stopped_one" if len(stopped) == 1 else "meds_stopped"
            w.p(key, n, count=len(stopped), name=plain_name(last.name), date=when or "?")
        for m in current:
            if m.listed_twice:
                n = w.fact("medication", f"Medicine: {clean(m.name)}.", m.record_ids)
                w.p("twice", n, name=plain_name(m.name),
                    names=", ".join(plain_name(x) for x in dict.fromkeys(m.names)))
        self._allergy_clashes(w, current)
        labs = self._latest_labs()
        for rule, meds in applicable_cautions(entries, labs):
            w.say(phrase("caution", w.lang, text=caution_text(rule, meds, w.lang)),
                  *(w.entry(m) for m in meds[:2]))

    def _allergy_clashes(self, w: Writer, current: Sequence[Any]) -> None:
        allergies = [a.record for a in self.facts.allergies]
        by_name = {m.name: m for m in current}
        for medicine, allergy, ingredient in allergy_conflicts(list(by_name), allergies):
            m = by_name[medicine]
            n1 = w.fact("medication", f"Medicine: {clean(m.name)}, current.", m.record_ids)
            stored = next((s for s in self.facts.allergies if s.record is allergy), None)
            n2 = w.fact("allergy", f"Allergy: {clean(allergy.display)}.",
                        [stored.id] if stored else [])
            w.p("allergy_conflict", n1, n2, w.entry(ingredient), medicine=plain_name(m.name),
                ingredient=ingredient.name(w.lang), allergy=plain_name(allergy.display))

    def _latest_labs(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for a in self.facts.analytes:
            out[a.key] = a.latest.value
            entry = self._lab_entry(a)
            if entry is not None:
                out[entry.id] = a.latest.value
                if entry.analyte:
                    out[entry.analyte] = a.latest.value
        return out

    def allergies(self, w: Writer, u: Understanding) -> None:
        """Every recorded allergy."""
        found = [a for a in self.facts.allergies
                 if (a.record.status or "").lower() not in ("refuted", "entered-in-error",
                                                             "inactive", "resolved")]
        if not found:
            w.p("allergies_none")
            return
        w.p("allergies_intro_one" if len(found) == 1 else "allergies_intro", count=len(found))
        for a in sorted(found, key=lambda s: plain_name(s.record.display).lower()):
            when = (a.record.effective or "")[:10]
            since = phrase("since", w.lang, date=when) if when else ""
            n = w.fact("allergy", f"Allergy: {clean(a.record.display)}{since}.", [a.id])
            w.p("allergy_item", n, item=True, name=plain_name(a.record.display), since=since)
        self._allergy_clashes(w, [m for m in self.facts.medications if m.current])

    def _condition_records(self, entry: Entry) -> list[StoredRecord]:
        """This person's condition records that the library entry stands for."""
        words = {t for lang in ("en", "fr") for t in re.findall(r"[a-z]+", fold(entry.name(lang)))
                 if len(t) >= 5}
        found = []
        for c in self.facts.conditions:
            mine = self._entry_for(c, "condition")
            display = set(re.findall(r"[a-z]+", fold(c.record.display or "")))
            if mine == entry or (words and words <= display):
                found.append(c)
        return sorted(found, key=lambda c: c.record.effective or "")

    def _named_conditions(self, w: Writer, named: list[Entry]) -> None:
        """Whether each named condition is in the records, and since when."""
        for e in named[:3]:
            records = self._condition_records(e)
            if not records:
                w.p("condition_not_recorded", w.entry(e), name=e.name(w.lang))
                continue
            first = records[0]
            when = (first.record.effective or "")[:10]
            n = w.fact("condition", f"Condition: {clean(first.record.display)} ({when}).",
                       [r.id for r in records])
            w.p("condition_recorded", n, name=plain_name(first.record.display), date=when)

    def conditions(self, w: Writer, u: Understanding) -> None:
        """Every current condition and a count of the resolved ones; or, when the question
        names conditions, whether they are recorded."""
        named = [e for e in u.entries if e.kind == "condition"]
        if named:
            self._named_conditions(w, named)
            return
        active = self.facts.active_conditions
        if not active:
            w.p("conditions_none")
        else:
            w.p("conditions_intro_one" if len(active) == 1 else "conditions_intro",
                count=len(active))
        for c in sorted(active, key=lambda s: s.record.effective or "", reverse=True):
            when = (c.record.effective or "")[:10]
            since = phrase("since", w.lang, date=when) if when else ""
            n = w.fact("condition", f"Condition: {clean(c.record.display)}{since}.", [c.id])
            entry = self._entry_for(c, "condition")
            cites = [n, w.entry(entry)] if entry is not None else [n]
            name = entry.name(w.lang) if entry is not None and w.lang == "fr" else \
                plain_name(c.record.display)
            w.p("condition_item", *cites, item=True, name=name, since=since)
        resolved = [c for c in self.facts.conditions if c not in active]
        if resolved:
            n = w.fact("condition", "Resolved: " + "; ".join(
                clean(c.record.display) for c in resolved[:20]) + ".", [c.id for c in resolved])
            key = "conditions_resolved_one" if len(resolved) == 1 else "conditions_resolved"
            w.p(key, n, count=len(resolved))

    def _immunizations(self) -> list[StoredRecord]:
        return sorted((s for s in self.records.values()
                       if s.record.kind is RecordKind.IMMUNIZATION
                       and (s.record.status or "") not in ("not-done", "entered-in-error")),
                      key=lambda s: s.record.effective or "", reverse=True)

    def _vaccines_named(self, u: Understanding) -> list[StoredRecord] | None:
        """Immunizations of the vaccine(s) the question names (None: it names none)."""
        named = [e for e in u.entries if e.kind == "vaccine"]
        words = {t for e in named for lang in ("en", "fr")
                 for t in re.findall(r"[a-z0-9]+", fold(e.name(lang)))} - GENERIC_VACCINE_WORDS
        # Words of the question that name a vaccine ("tétanos" in "vaccin contre le tétanos").
        words |= set(re.findall(r"[a-z0-9]+", fold(u.question))) & _vaccine_words()
        if not words:
            return None
        found = []
        for s in self._immunizations():
            entry = self._entry_for(s, "vaccine")
            names = fold(s.record.display or "")
            if entry is not None:
                names += " " + " ".join(fold(x) for lang in ("en", "fr")
                                        for x in (entry.name(lang),
                                                  *entry.text(lang).synonyms))
                names += " " + " ".join(fold(x) for x in entry.names_uk)
            if words & set(re.findall(r"[a-z0-9]+", names)):
                found.append(s)
        return found

    def vaccinations(self, w: Writer, u: Understanding) -> None:
        """Every vaccination (or those of the vaccine named), newest first."""
        named = self._vaccines_named(u)
        shots = self._immunizations() if named is None else named
        if not shots:
            if named is not None:
                entry = next(e for e in u.entries if e.kind == "vaccine")
                w.p("vaccine_named_none", w.entry(entry), name=entry.name(w.lang))
            else:
                w.p("vaccines_none")
            return
        w.p("vaccines_intro_one" if len(shots) == 1 else "vaccines_intro", count=len(shots))
        for s in shots:
            when = (s.record.effective or "")[:10]
            n = w.fact("immunization", f"Vaccination: {clean(s.record.display)} on {when}.",
                       [s.id])
            w.p("vaccine_item", n, item=True, name=plain_name(s.record.display), date=when)

    def visits(self, w: Writer, u: Understanding) -> None:
        """The most recent visits."""
        visits = self._visits()[:MAX_VISITS]
        if not visits:
            w.p("visits_none")
            return
        w.p("visits_intro", count=len(visits))
        for s in visits:
            when = (s.record.effective or "")[:10]
            n = self._visit_fact(w, s)
            w.p("visit_item", n, item=True, date=when, name=plain_name(s.record.display))

    def last_date(self, w: Writer, u: Understanding) -> None:
        """The latest record of the kind asked about, and how long ago it was."""
        folded = fold(u.question)
        vaccine_words = re.search(r"vaccin|jab|shot|booster|rappel|piqure|immuni", folded)
        if vaccine_words or any(e.kind == "vaccine" for e in u.entries):
            named = self._vaccines_named(u)
            shots = self._immunizations() if named is None else named
            entry = next((e for e in u.entries if e.kind == "vaccine"), None)
            if not shots:
                label = re.sub(r"\s*\(.*?\)", "", entry.name(w.lang)) if entry else \
                    "vaccination"
                w.p("last_none", *([w.entry(entry)] if entry else []), name=label)
                return
            s = shots[0]
            when = (s.record.effective or "")[:10]
            n = w.fact("immunization", f"Vaccination: {clean(s.record.display)} on {when}.",
                       [s.id])
            w.p("last_vaccine", n, name=plain_name(s.record.display), date=when,
                ago=self._ago(when, w.lang))
            return
        if u.analytes:
            for a in u.analytes[:MAX_TESTS]:
                when = a.latest.when[:10]
                n = self._result_fact(w, a)
                w.p("last_result", n, name=self._name(a, w.lang), date=when,
                    ago=self._ago(when, w.lang), value=self._value(a, a.latest.value))
            return
        if re.search(r"visit|appointment|doctor|gp|consult|rendez|medecin|seen|saw", folded):
            visits = self._visits()
            if visits:
                s = visits[0]
                when = (s.record.effective or "")[:10]
                n = self._visit_fact(w, s)
                w.p("last_visit", n, date=when, ago=self._ago(when, w.lang),
                    name=plain_name(s.record.display))
            else:
                w.p("visits_none")
            return
        conditions = [e for e in u.entries if e.kind == "condition"]
        if conditions:
            self._named_conditions(w, conditions)
            return
        named_entries = [e for e in u.entries if e.kind in ("lab", "medicine")]
        if named_entries:
            w.p("last_none", w.entry(named_entries[0]), name=named_entries[0].name(w.lang))
            return
        w.p("last_unknown")

    # -- results ---------------------------------------------------------------------------
    def _result_fact(self, w: Writer, a: AnalyteFact) -> int:
        when = a.latest.when[:10]
        rng = self._range(a)
        text = f"{self._name(a, 'en')}: {self._value(a, a.latest.value)} on {when}" + \
            (f" (range {rng})" if rng else "") + "."
        return w.fact("analyte", text, [a.latest.record_id])

    def results(self, w: Writer, u: Understanding) -> None:
        """The asked results first: value against its range, how it moved, what the test
        measures and what to ask; missing results said plainly."""
        named_labs = [e for e in u.entries if e.kind == "lab"]
        if not u.analytes:
            if named_labs:
                for e in named_labs[:2]:
                    w.p("no_result", w.entry(e), name=e.name(w.lang))
                    summary = e.text(w.lang).summary
                    if summary:
                        w.p("measures", w.entry(e), text=summary)
            elif u.topic:
                expected = [found for i in u.expected if (found := entry_by_id(i)) is not None]
                for e in expected:
                    w.p("no_result", w.entry(e), name=e.name(w.lang))
                if not expected:
                    w.p("topic_none", topic=u.topic.replace("_", " "))
            elif u.metrics:
                self.wearables(w, u)
            else:
                self.unknown(w, u)
            return
        chosen = sorted(u.analytes, key=lambda a: a.flag not in (Flag.HIGH, Flag.LOW,
                                                                 Flag.CRITICAL))[:MAX_TESTS]
        for a in chosen:
            self._one_result(w, a, u.intent)
        covered = {found.id for a in u.analytes if (found := self._lab_entry(a)) is not None}
        expected = [found for i in u.expected if (found := entry_by_id(i)) is not None]
        for e in [*named_labs, *expected]:
            if e.id.endswith("-panel") and u.analytes:
                continue  # a panel ("blood pressure") is answered by its tests found above
            if e.id not in covered and not any(e.analyte == a.key for a in u.analytes):
                w.p("no_result", w.entry(e), name=e.name(w.lang))
                covered.add(e.id)

    def _one_result(self, w: Writer, a: AnalyteFact, intent: Intent) -> None:
        entry = self._lab_entry(a)
        when = a.latest.when[:10]
        n = self._result_fact(w, a)
        rng = self._range(a)
        where = {Flag.HIGH: "where_high", Flag.LOW: "where_low", Flag.NORMAL: "where_normal",
                 Flag.CRITICAL: "where_critical"}.get(a.flag, "where_unknown")
        if not rng and where != "where_critical":
            where = "where_unknown"
        key = "result_lead_old" if (self.today - _day(when)).days > 365 else "result_lead"
        w.p(key, n, name=self._name(a, w.lang), value=self._value(a, a.latest.value),
            date=when, ago=self._ago(when, w.lang), where=phrase(where, w.lang, range=rng))
        self._escalate(w, a)
        previous = a.previous
        if previous is not None:
            m = w.fact("analyte", f"{self._name(a, 'en')}: "
                       f"{self._value(a, previous.value)} on {previous.when[:10]}.",
                       [previous.record_id])
            w.p("result_before", m, value=self._value(a, previous.value),
                date=previous.when[:10])
            if a.trend is not None and (intent is Intent.TREND or a.trend.significant):
                t = w.fact("analyte", clean(a.statement, 240), list(a.record_ids))
                if w.lang == "en":
                    w.p("result_trend", t, statement=clean(a.statement, 240))
                else:
                    trend = a.trend
                    way = "flat" if not trend.significant or trend.percent is None else \
                        ("up" if trend.change > 0 else "down")
                    key = "trend_flat" if way == "flat" else "trend_fr"
                    w.p(key, t, name=self._name(a, w.lang), direction=phrase(way, w.lang),
                        percent=f"{abs(trend.percent or 0) * 100:.0f}", n=trend.n,
                        span=_span(trend.days, w.lang))
        elif intent is Intent.TREND:
            w.p("result_only_one", n)
        if entry is None:
            return
        texts = entry.text(w.lang)
        src = w.entry(entry)
        if texts.summary:
            w.p("measures", src, text=texts.summary)
        if a.flag in (Flag.HIGH, Flag.CRITICAL) and texts.high:
            w.p("high_means", src, text=texts.high)
        elif a.flag is Flag.LOW and texts.low:
            w.p("low_means", src, text=texts.low)
        if texts.ask:
            w.p("ask_clinician", src)
            for q in texts.ask[:2]:
                w.say(q, src, item=True, library=[entry.id])

    # -- wearables and food ----------------------------------------------------------------
    def _metric_value(self, m: MetricFact, value: float) -> str:
        from healthbook.clinical.wearables import fmt

        unit = display_unit(m.unit)
        return f"{fmt(value)} {unit}".strip()

    def wearables(self, w: Writer, u: Understanding) -> None:
        """The named (or every) watch and phone metric: latest day, 30-day averages, and
        the limits of consumer devices."""
        asked = [k for k in u.metric_keys if not k.startswith("dietary_")]
        for key in asked:  # asked about, but not in these records: say so, nothing else
            if not any(m.metric == key for m in self.facts.metrics):
                entry = for_record("metric", {"metric": key}, key)
                name = entry.name(w.lang) if entry is not None else key.replace("_", " ")
                w.p("metric_none", *([w.entry(entry)] if entry else []), name=name)
        chosen = [m for m in self.facts.metrics if m.metric in asked] if asked else \
            (u.metrics or self.facts.metrics)
        metrics = [m for m in chosen if not m.metric.startswith("dietary_")][:MAX_TESTS]
        if not metrics:
            if not asked:
                w.p("wearables_none")
            return
        for m in metrics:
            day = m.latest.day.isoformat()
            entry = for_record("metric", {"metric": m.metric}, m.label)
            label = entry.name(w.lang) if entry is not None and w.lang != "en" else m.label
            n = w.fact("metric", f"{m.label}: {self._metric_value(m, m.latest.value)} on "
                       f"{day}.", [])
            w.p("metric_lead", n, name=label, value=self._metric_value(m, m.latest.value),
                date=day)
            if m.last_30 is not None and m.previous_30 is not None:
                k = w.fact("metric", f"{m.label}: last 30 days "
                           f"{self._metric_value(m, m.last_30)} a day, the 30 before "
                           f"{self._metric_value(m, m.previous_30)}.", [])
                w.p("metric_30", k, last=self._metric_value(m, m.last_30),
                    before=self._metric_value(m, m.previous_30))
                change = (m.last_30 - m.previous_30) / m.previous_30 if m.previous_30 else 0.0
                key = "metric_same" if abs(change) < SAME_WITHIN else \
                    ("metric_more" if change > 0 else "metric_less")
                w.p(key, k)
            if entry is not None and entry.text(w.lang).limits:
                w.p("metric_limits", w.entry(entry), text=entry.text(w.lang).limits)

    def nutrition(self, w: Writer, u: Understanding) -> None:
        """Food-diary averages beside the library's general reference intakes."""
        diary = [m for m in self.facts.metrics if m.metric.startswith("dietary_")]
        named = {c for e in u.entries if e.kind == "nutrient" for c in e.codes.get("metric", ())}
        chosen = [m for m in diary if m.metric in named] or diary
        if not chosen:
            w.p("nutrition_none")
            return
        for m in chosen[:MAX_TESTS]:
            value = m.last_30 if m.last_30 is not None else m.latest.value
            entry = for_record("nutrient", {"metric": m.metric}, m.label)
            name = entry.name(w.lang).lower() if entry is not None else m.label.lower()
            n = w.fact("metric", f"{m.label}: {self._metric_value(m, value)} a day on average "
                       "over the last 30 days.", [])
            w.p("nutrition_avg", n, value=self._metric_value(m, value), name=name)
            if entry is None:
                continue
            for ref in entry.reference_intakes:
                if display_unit(ref.unit) != display_unit(m.unit) and ref.unit != m.unit:
                    continue
                w.p("nutrition_ref", w.entry(entry), body=ref.body,
                    kind=phrase(f"ref_{ref.kind}", w.lang),
                    value=f"{_grouped(ref.value)} {display_unit(ref.unit)}")
        w.p("nutrition_not_plan")

    # -- library questions -----------------------------------------------------------------
    def drug(self, w: Writer, u: Understanding) -> None:
        """What a medicine is generally for, its common side effects and cautions, and
        whether it is in the person's list."""
        named = [e for e in u.entries if e.kind == "medicine"][:2]
        if not named:
            self.medications(w, u)
            return
        for e in named:
            texts, src = e.text(w.lang), w.entry(e)
            w.say(texts.summary, src, library=[e.id])
            mine = [m for m in self.facts.medications
                    if e in medicine_ingredients(m.name)]
            if mine:
                m = max(mine, key=lambda x: x.current)
                since = phrase("since", w.lang, date=m.started[:10]) if m.started else ""
                n = w.fact("medication", f"Medicine: {clean(m.name)}"
                           f"{', current' if m.current else ', stopped'}{since}.",
                           m.record_ids)
                key = "drug_in_records_current" if m.current else "drug_in_records_stopped"
                w.p(key, n, name=plain_name(m.name), since=since)
            else:
                w.p("drug_not_in_records", name=e.name(w.lang))
            if texts.side_effects:
                items = [x.strip().rstrip(".") for x in texts.side_effects[:5]]
                w.p("side_effects", src, items="; ".join(_lower_first(x) for x in items))
            for caution in texts.cautions[:3]:
                w.say(caution, src, item=True, library=[e.id])

    def definition(self, w: Writer, u: Understanding) -> None:
        """What a term means, from the library; the person's own record when there is one."""
        named = u.entries[:2]
        if not named:
            self.unknown(w, u)
            return
        for e in named:
            texts, src = e.text(w.lang), w.entry(e)
            w.say(texts.summary, src, library=[e.id])
            if e.kind == "lab":
                for a in self.facts.analytes:
                    entry = self._lab_entry(a)
                    if entry is not None and entry.id == e.id:
                        n = self._result_fact(w, a)
                        w.p("your_latest", n, text=f"{self._value(a, a.latest.value)}, "
                                                   f"{a.latest.when[:10]}")
            elif e.kind == "condition":
                for c in self.facts.conditions:
                    entry = self._entry_for(c, "condition")
                    if entry is not None and entry.id == e.id:
                        when = (c.record.effective or "")[:10]
                        n = w.fact("condition", f"Condition: {clean(c.record.display)} "
                                   f"({when}).", [c.id])
                        w.p("your_latest", n, text=f"{plain_name(c.record.display)}, {when}")

    def out_of_scope(self, w: Writer, u: Understanding) -> None:
        """What Healthbook cannot do, what the records show, and who to ask."""
        w.p("out_of_scope")
        meds = [m for m in self.facts.medications if m.current]
        named = [e for e in u.entries if e.kind == "medicine"]
        if named:
            meds = [m for m in meds if set(medicine_ingredients(m.name)) & set(named)] or meds
        if meds:
            w.p("out_of_scope_records")
            for m in sorted(meds, key=lambda x: x.name.lower()):
                since = phrase("since", w.lang, date=m.started[:10]) if m.started else ""
                n = w.fact("medication", f"Medicine: {clean(m.name)}, current{since}.",
                           m.record_ids)
                w.p("med_item", n, item=True, name=plain_name(m.name), since=since)
        w.p("out_of_scope_who")

    def unknown(self, w: Writer, u: Understanding) -> None:
        """Say what Healthbook can answer, with nothing unrelated."""
        w.p("unknown")

    # -- overviews -------------------------------------------------------------------------
    def summary(self, w: Writer, u: Understanding) -> None:
        """Who, the current conditions, medicines, allergies, flagged results, last visit."""
        p = self.facts.person
        born = phrase("summary_born", w.lang, date=p.birth_date[:10]) if p.birth_date else ""
        n = w.fact("person", f"{clean(p.name)}{born}.", [])
        w.p("summary_person", n, name=clean(p.name), born=born)
        self.conditions(w, u)
        self.medications(w, u)
        self.allergies(w, u)
        flagged = [a for a in self.facts.analytes
                   if a.flag in (Flag.HIGH, Flag.LOW, Flag.CRITICAL)]
        if flagged:
            w.p("summary_flagged")
            for a in sorted(flagged, key=lambda x: x.latest.when, reverse=True):
                n = self._result_fact(w, a)
                w.say(f"{self._name(a, w.lang)}: {self._value(a, a.latest.value)} "
                      f"({a.latest.when[:10]})", n, item=True)
        else:
            w.p("summary_flagged_none")
        visits = self._visits()
        if visits:
            s = visits[0]
            when = (s.record.effective or "")[:10]
            n = self._visit_fact(w, s)
            w.p("summary_last_visit", n, date=when, name=plain_name(s.record.display))

    def prep(self, w: Writer, u: Understanding) -> None:
        """What changed since the last visit, as questions for the appointment."""
        visits = self._visits()
        last = visits[0] if visits else None
        since = (last.record.effective or "")[:10] if last is not None else \
            f"{self.today.year - 1}{self.today.isoformat()[4:]}"
        changed = [a for a in self.facts.analytes if a.latest.when[:10] >= since and
                   (a.flag in (Flag.HIGH, Flag.LOW, Flag.CRITICAL) or
                    (a.trend is not None and a.trend.significant))]
        if not changed:
            w.p("prep_none", date=since)
            return
        changed.sort(key=lambda a: a.flag is not Flag.CRITICAL)
        cites = [self._visit_fact(w, last)] if last is not None else []
        w.p("prep_lead", *cites, date=since)
        for a in changed[:6]:
            n = self._result_fact(w, a)
            headline = f"{self._name(a, w.lang)} {self._value(a, a.latest.value)} " \
                       f"({a.latest.when[:10]})"
            w.p("prep_question", n, item=True, headline=headline)


_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DECIMAL = re.compile(r"(?<![\d.,])(\d+)\.(\d+)(?![\d.])")
# Not '0,456': a number already written the French way.
_THOUSANDS = re.compile(r"(?<![\d.,])([1-9]\d{0,2}(?:,\d{3})+)(?![\d,])")


def french_numbers(text: str) -> str:
    """Dates and numbers as French readers write them: 10/11/2008, 7 950 pas, 0,38 mg/dL."""
    text = _ISO_DATE.sub(r"\3/\2/\1", text)
    text = _THOUSANDS.sub(lambda m: m[1].replace(",", "\u202f"), text)
    return _DECIMAL.sub(r"\1,\2", text)


@cache
def _vaccine_words() -> frozenset[str]:
    """Distinctive words of every vaccine's names and synonyms, in both languages."""
    from healthbook.knowledge import library

    words: set[str] = set()
    for entry in library().of_kind("vaccine"):
        for lang in ("en", "fr"):
            texts = entry.text(lang)
            for name in (texts.name, *texts.synonyms, *entry.names_uk):
                words |= {w for w in re.findall(r"[a-z0-9]+", fold(name)) if len(w) >= 4}
    return frozenset(words - GENERIC_VACCINE_WORDS - _COMMON_WORDS)


# Everyday words that appear in vaccine names but name no vaccine on their own.
_COMMON_WORDS = {"dernier", "derniere", "quand", "last", "when", "have", "pour", "with",
                 "avec", "enfant", "child", "children", "adults", "adultes", "seul", "only",
                 "dose", "doses", "vaccins", "vaccines", "combined", "combine", "live",
                 "vivant", "inactivated", "inactive", "conjugate", "conjugue", "high", "haute",
                 "season", "saison", "annual", "annuel", "recorded", "enregistre", "precise",
                 "type", "other", "autre", "first", "premier", "second", "booster", "rappel",
                 "jabs", "shots", "pique", "piqure", "injection", "nasal", "spray", "oral"}


def _span(days: float, lang: str) -> str:
    """'14 months', '3 years' — or in French, '14 mois', '3 ans'."""
    months = round(days / 30.44)
    if months >= 24:
        years = round(days / 365.25)
        return f"{years} {'ans' if lang == 'fr' else 'years'}"
    unit = "mois" if lang == "fr" else ("month" if months == 1 else "months")
    return f"{max(months, 1)} {unit}"


def _lower_first(text: str) -> str:
    """'Creatinine' -> 'creatinine' inside a sentence; 'LDL cholesterol' and 'eGFR' stay."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", text.strip())
    return match[1] if match else text.strip()


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return date.min


def _grouped(value: float) -> str:
    return f"{value:,.0f}" if value >= 1000 else f"{value:g}"


def _ago_fr(text: str) -> str:
    """'3 years ago' -> 'il y a 3 ans'."""
    if text in ("today", ""):
        return "aujourd’hui" if text else ""
    if text == "yesterday":
        return "hier"
    match = re.match(r"(\d+) (year|month|week|day)s? ago", text)
    if not match:
        return text
    n, unit = int(match[1]), match[2]
    words = {"year": ("an", "ans"), "month": ("mois", "mois"), "week": ("semaine", "semaines"),
             "day": ("jour", "jours")}[unit]
    return f"il y a {n} {words[0] if n == 1 else words[1]}"
