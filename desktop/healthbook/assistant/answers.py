"""The assistant's actions: build a grounded prompt, stream the model, verify, answer.

Every answer puts the fixed critical-value escalations first (deterministic, whatever the
model says), carries the numbered facts it was given and the records behind them, keeps only
sentences whose numbers the verifier found in those facts, falls back to the facts written
as plain sentences when the model's text cannot be checked, and ends with a disclaimer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from functools import cache
from typing import Any

from healthbook.assistant.compose import Composed, Composer, Line, phrase
from healthbook.assistant.grounding import (
    FactBook,
    GroundFact,
    default_since,
    fact_book,
    number,
)
from healthbook.assistant.language import detect_language
from healthbook.assistant.runtime import ChatModel, Sampling
from healthbook.assistant.safety import Alert, check_question
from healthbook.assistant.understand import Understanding, understand
from healthbook.assistant.verify import (
    CITATION,
    LIST_MARKER,
    Sentence,
    Verifier,
    with_citations,
)
from healthbook.clinical import PersonFacts
from healthbook.errors import InvalidInput
from healthbook.i18n import _, language, ngettext
from healthbook.paths import resources_dir
from healthbook.progress import CancelToken
from healthbook.vault import StoredRecord, Vault

DISCLAIMER = ("Healthbook explains your records; it does not diagnose. Talk to a doctor or "
              "another health professional before making any health decision.")
DRAFT_NOTICE = ("DRAFT for professional review: assembled from the records with a language "
                "model. It is not a clinical document until a clinician has checked it.")


def disclaimer_text() -> str:
    """DISCLAIMER in the current language."""
    return _("Healthbook explains your records; it does not diagnose. Talk to a doctor or "
             "another health professional before making any health decision.")


def draft_notice() -> str:
    """DRAFT_NOTICE in the current language."""
    return _("DRAFT for professional review: assembled from the records with a language "
             "model. It is not a clinical document until a clinician has checked it.")
MAX_QUESTIONS = 8
SHORT_AFTER_ALERT = 3  # lines of the composed answer kept under an emergency message


class Action(StrEnum):
    """What the user asked the assistant to do."""

    ASK = "ask"
    SUMMARY = "summary"
    EXPLAIN = "explain"
    TREND = "trend"
    PREP = "prep"
    NOTE = "note"


@cache
def template(name: str) -> str:
    """A prompt template from resources/prompts."""
    return (resources_dir() / "prompts" / f"{name}.txt").read_text(encoding="utf-8").strip()


@dataclass
class Request:
    """A prompt ready to run, with the facts it offers."""

    action: Action
    messages: list[dict[str, str]]
    facts: list[GroundFact]
    escalations: list[str]
    lead: list[GroundFact] = field(default_factory=list)  # shown first, as computed
    focus: list[GroundFact] = field(default_factory=list)  # what a fallback writes out
    questions: list[str] = field(default_factory=list)  # deterministic questions (prep)
    composed: Composed | None = None  # the answer written by code (free questions)
    understanding: Understanding | None = None
    alerts: list[Alert] = field(default_factory=list)


@dataclass
class Answer:
    """A checked answer, ready to show."""

    action: Action
    escalations: list[str]
    lead: list[str]
    text: str
    facts: list[GroundFact]
    cited: list[int]
    removed: list[Sentence]
    fallback: bool
    questions: list[str]
    model: str
    raw: str
    tokens: int
    notes: list[str] = field(default_factory=list)
    disclaimer: str = field(default_factory=disclaimer_text)
    understanding: Understanding | None = None
    lines: list[Line] = field(default_factory=list)  # composed answers: each line's sources
    reworded: bool = False  # True when a model's checked wording is shown

    @property
    def draft(self) -> bool:
        """True for clinician drafts, which must be reviewed."""
        return self.action is Action.NOTE

    @property
    def record_ids(self) -> list[int]:
        """Every record the answer read (the facts offered to the model)."""
        return sorted({rid for f in self.facts for rid in f.record_ids})

    def fact(self, n: int) -> GroundFact | None:
        """The fact numbered `n`."""
        return next((f for f in self.facts if f.number == n), None)

    def as_text(self) -> str:
        """The whole answer as plain text (CLI, copy)."""
        parts = [f"!! {e}" for e in self.escalations]
        if self.draft:
            parts.append(draft_notice())
        parts.extend(self.lead)
        parts.append(self.text)
        if self.questions and self.action is Action.PREP:
            parts.append(_("Questions to ask:") + "\n" +
                         "\n".join(f"- {q}" for q in self.questions))
        parts.extend(f"({n})" for n in self.notes)
        sources = [f.line() for f in self.facts if f.number in self.cited]
        if sources:
            parts.append(_("Sources:") + "\n" + "\n".join(sources))
        parts.append(self.disclaimer)
        return "\n\n".join(p for p in parts if p)

    def as_dict(self) -> dict[str, Any]:
        """A stable JSON form for scripts (`--json`)."""
        return {
            "version": 1, "action": self.action.value, "escalations": self.escalations,
            "draft": self.draft, "lead": self.lead, "text": self.text,
            "questions": self.questions, "fallback": self.fallback, "notes": self.notes,
            "model": self.model, "tokens": self.tokens,
            "facts": [{"n": f.number, "text": f.text, "record_ids": f.record_ids,
                       "cited": f.number in self.cited} for f in self.facts],
            "removed": [{"sentence": s.text, "reason": s.problem} for s in self.removed],
            "record_ids": self.record_ids, "disclaimer": self.disclaimer,
            **(self.understanding.as_dict() if self.understanding else
               {"intent": self.action.value, "entities": [], "language": "en"}),
            "reworded": self.reworded,
            "sentences": [{"text": line.rendered(), "cites": line.cites,
                           "facts": [n for n in line.cites
                                     if (f := self.fact(n)) and f.kind != "library"],
                           "library": line.library} for line in self.lines],
        }


def _extra_block(extra: list[GroundFact]) -> str:
    if not extra:
        return ""
    return "More facts:\n" + "\n".join(f.line() for f in extra) + "\n\n"


def _question_for(fact: GroundFact) -> str:
    """A question a person could bring to the visit about one changed fact."""
    mark = f" [{fact.number}]"
    if fact.kind == "analyte":
        said = _("{headline}. What does this mean for me?")
    elif fact.kind == "medication":
        said = _("Is {title} still right for me, and what side effects should I watch for?")
    elif fact.kind == "condition":
        said = _("What should I know about {title}, and what follow-up does it need?")
    elif fact.kind == "metric":
        said = _("{headline}. Is this something we should look at?")
    else:
        said = _("Is there anything I should know about {title}?")
    return said.format(headline=fact.headline, title=fact.title) + mark


class Assistant:
    """The assistant for one person's facts; `model` None answers from the facts alone."""

    def __init__(self, facts: PersonFacts, records: list[StoredRecord],
                 model: ChatModel | None, today: date | None = None,
                 reword: bool = True) -> None:
        self.facts = facts
        self.model = model
        self.reword = reword  # Settings › Wording: may a loaded model reword answers?
        self.composer = Composer(facts, records, today)
        self.last: Understanding | None = None  # for follow-up questions ("and my HDL?")
        self.book: FactBook = fact_book(facts, records, today)
        self.profile = number(self.book.profile)
        self._escalations = [c.message for c in facts.criticals]

    # -- requests --------------------------------------------------------------------------
    def _request(self, action: Action, extra: list[GroundFact], user: str,
                 **kw: Any) -> Request:
        messages = [{"role": "system", "content": self._system()},
                    {"role": "user", "content": user}]
        return Request(action, messages, [*self.profile, *extra], self._escalations, **kw)

    def _numbered(self, extra: list[GroundFact]) -> list[GroundFact]:
        return number(extra, len(self.profile) + 1)

    def _in_profile(self, fact: GroundFact) -> GroundFact | None:
        return next((p for p in self.profile
                     if p.record_ids == fact.record_ids and p.text == fact.text), None)

    def _placed(self, fact: GroundFact) -> tuple[GroundFact, list[GroundFact]]:
        """`fact` as numbered in this prompt (from the profile, or added as an extra)."""
        found = self._in_profile(fact)
        if found is not None:
            return found, []
        extra = self._numbered([fact])
        return extra[0], extra

    def ask(self, question: str) -> Request:
        """A free question: the safety gate first, then the question understood and its
        answer composed by code from the records and the library (a model may reword it)."""
        question = question.strip()
        if not question:
            raise InvalidInput(_("Type a question first."))
        lang = detect_language(question)
        alerts = check_question(question, lang)
        understood = understand(question[:1000], self.facts, self.last, lang)
        self.last = understood
        composed = self.composer.compose(understood)
        if alerts:  # the emergency comes first; the rest stays short, and only if asked for
            specific = understood.entries or understood.analytes or understood.metric_keys
            composed.lines = composed.lines[:SHORT_AFTER_ALERT] if specific else []
        escalations = [a.message for a in alerts] + composed.escalations
        return Request(Action.ASK, [], composed.facts, escalations, composed=composed,
                       understanding=understood, alerts=alerts)

    def summary(self) -> Request:
        """A short summary of the person's history."""
        return self._overview(Action.SUMMARY)

    def explain(self, record_id: int) -> Request:
        """A lab result (or any record with a fact) in plain language."""
        fact = self.book.by_record.get(record_id)
        if fact is not None:
            fact = self.book.in_detail(fact)
        if fact is None:
            raise InvalidInput(_("Record {id} is not a result Healthbook can explain: choose a "
                                 "lab result, a medicine or a diagnosis.").format(id=record_id))
        target, extra = self._placed(fact)
        user = template("explain").format(extra=_extra_block(extra), target=target.number)
        return self._request(Action.EXPLAIN, extra, user, lead=[target], focus=[target])

    def trend(self, name: str, record_id: int | None = None) -> Request:
        """The trend of a lab analyte or wearable metric, as the facts engine computed it
        (found by name, or by one of the analyte's records)."""
        fact = self.book.by_record.get(record_id) if record_id is not None else \
            self.book.find(name)
        if fact is None:
            raise InvalidInput(_("No results or measurements called {name} were found.").format(
                name=repr(name)))
        fact = self.book.in_detail(fact)
        target, extra = self._placed(fact)
        user = template("trend").format(extra=_extra_block(extra), target=target.number)
        return self._request(Action.TREND, extra, user, lead=[target], focus=[target])

    def prep(self, since: str | None = None) -> Request:
        """Questions for the next appointment, from what changed since `since` (default: the
        last visit, else 12 months ago)."""
        start = since or default_since(self.book.last_visit)
        placed: list[GroundFact] = []
        adds: list[GroundFact] = []
        for fact in self.book.since(start)[:MAX_QUESTIONS]:
            found = self._in_profile(fact)
            if found is not None:
                placed.append(found)
            else:
                adds.append(fact)
        extra = self._numbered(adds)
        placed += extra
        numbers = ", ".join(f"[{f.number}]" for f in placed) or "nothing recorded"
        user = template("prep").format(extra=_extra_block(extra), since=start,
                                       changed=numbers)
        return self._request(Action.PREP, extra, user, focus=placed,
                             questions=[_question_for(f) for f in placed])

    def note(self) -> Request:
        """Clinician mode: a draft visit note from the facts."""
        return self._overview(Action.NOTE)

    def _overview(self, action: Action) -> Request:
        """The whole profile plus recent changes, with the action's own template."""
        recent = self._numbered(self.book.relevant("", also=self._recent_changes()))
        user = template(action.value).format(extra=_extra_block(recent))
        return self._request(action, recent, user, focus=self.profile[1:] + recent)

    def prefill(self, cancel: CancelToken | None = None) -> None:
        """Read the person's profile into the model's prompt cache ahead of the first
        question (the follow-up of every action then starts at the question)."""
        if self.model is not None:
            self.model.prefill([{"role": "system", "content": self._system()}], cancel)

    def _system(self) -> str:
        return template("system").format(facts="\n".join(f.line() for f in self.profile))

    def _recent_changes(self) -> list[GroundFact]:
        return [f for f in self.book.others
                if f.kind in ("analyte", "metric") and f.changed][:3]

    # -- running ---------------------------------------------------------------------------
    def run(self, request: Request, on_text: Callable[[str], None] | None = None,
            cancel: CancelToken | None = None, sampling: Sampling | None = None) -> Answer:
        """Generate (when a model is loaded), verify and assemble the answer."""
        if request.composed is not None:
            return composed_answer(request, self.model if self.reword else None, cancel)
        pieces: list[str] = []
        if self.model is not None:
            for piece in self.model.stream(request.messages, sampling or Sampling(), cancel):
                pieces.append(piece)
                if on_text is not None:
                    on_text(piece)
        raw = "".join(pieces)
        return assemble(request, raw, self.model.name if self.model else "", len(pieces))


def assemble(request: Request, raw: str, model: str, tokens: int) -> Answer:
    """Verify the model's text against the request's facts and build the answer."""
    verdict = Verifier(request.facts).check(raw)
    # Only sentences whose numbers and dates were found in the facts they cite are shown: a
    # sentence with no number to check (or no citation) could be invented, so it is dropped.
    kept = [s for s in verdict.kept if s.facts and s.checked]
    removed = [*verdict.removed,
               *(replace(s, supported=False, problem="it states nothing that can be checked")
                 for s in verdict.kept if not (s.facts and s.checked))]
    verified = kept
    notes = []
    if removed:
        notes.append(ngettext(
            "{n} sentence of the model's answer was removed: a number, date or unit in it "
            "could not be found in the records.",
            "{n} sentences of the model's answer were removed: a number, date or unit in them "
            "could not be found in the records.", len(removed)).format(n=len(removed)))
    fallback = not verified or len(removed) > len(verified)
    if fallback:
        if raw.strip():
            notes.append(_("The model's answer could not be checked against the records, so "
                           "Healthbook shows what the records say instead."))
        else:
            notes.append(_("No language model was used: this is what the records say."))
        text = _facts_as_text([f for f in request.focus if f not in request.lead])
        cited = sorted({f.number for f in request.focus})
    else:
        text = _join(kept)
        cited = verdict.cited
    cited = sorted({*cited, *(f.number for f in request.lead)})
    questions = _questions(request, kept if not fallback else [])
    if request.action is Action.PREP:
        cited = sorted({*cited, *(int(n) for q in questions for n in re.findall(r"\[(\d+)]", q))})
    lead = [f"{f.text} [{f.number}]" for f in request.lead]
    answer = Answer(request.action, list(request.escalations), lead, text, request.facts,
                    cited, removed, fallback, questions, model, raw, tokens, notes)
    return renumbered(answer)


def renumbered(answer: Answer) -> Answer:
    """The answer with its citations numbered 1, 2, 3… in the order they first appear."""
    order: list[int] = []
    for part in [*answer.lead, answer.text, *answer.questions]:
        for group in CITATION.findall(part):
            for n in re.split(r"[,;]", group):
                if int(n) not in order and int(n) in answer.cited:
                    order.append(int(n))
    order += [n for n in answer.cited if n not in order]
    order += [f.number for f in answer.facts if f.number not in order]
    new = {old: i for i, old in enumerate(order, start=1)}

    def swap(text: str) -> str:
        return CITATION.sub(lambda m: "[" + ",".join(str(new.get(int(n), n)) for n in
                                                    re.split(r"[,;]", m[1])) + "]", text)

    facts = sorted((replace(f, number=new.get(f.number, f.number)) for f in answer.facts),
                   key=lambda f: f.number)
    return replace(answer, lead=[swap(x) for x in answer.lead], text=swap(answer.text),
                   questions=[swap(q) for q in answer.questions], facts=facts,
                   cited=sorted(new[n] for n in answer.cited if n in new))


def composed_answer(request: Request, model: ChatModel | None = None,
                    cancel: CancelToken | None = None) -> Answer:
    """The answer code wrote; a loaded model may reword it line by line (checked)."""
    composed = request.composed
    assert composed is not None
    lines, reworded = composed.lines, False
    if model is not None:
        from healthbook.assistant.reword import reword_lines

        lines, reworded = reword_lines(model, composed, request.understanding, cancel)
    text = Composed(lines, composed.facts, composed.escalations).text
    cited = sorted({n for line in lines for n in line.cites})
    lang = request.understanding.lang if request.understanding else "en"
    return Answer(Action.ASK, list(request.escalations), [], text, composed.facts, cited, [],
                  not reworded, [], model.name if model is not None and reworded else "", "",
                  0, [], disclaimer_for(lang), request.understanding, list(lines), reworded)


def disclaimer_for(lang: str) -> str:
    """The closing disclaimer in the answer's language."""
    if lang == "en":
        with language("en"):
            return disclaimer_text()
    return phrase("see_professional", lang)


def _facts_as_text(facts: list[GroundFact]) -> str:
    if not facts:
        return ""
    return _("What the records say:") + "\n" + \
        "\n".join(f"- {f.text} [{f.number}]" for f in facts)


def _join(sentences: list[Sentence]) -> str:
    out = ""
    for s in sentences:
        text = with_citations(s)
        if LIST_MARKER.match(text):
            out += ("\n" if out else "") + text
        else:
            out += (" " if out and not out.endswith("\n") else "") + text
    return out.strip()


def _questions(request: Request, kept: list[Sentence]) -> list[str]:
    """Prep questions: the model's checked questions, then one per changed fact."""
    if request.action is not Action.PREP:
        return []
    found: list[str] = []
    for s in kept:
        text = LIST_MARKER.sub("", with_citations(s)).strip()
        if "?" in text and s.facts and text not in found:
            found.append(text)
    return [*found, *request.questions][:MAX_QUESTIONS]


def record_answer(vault: Vault, person_id: int, answer: Answer) -> None:
    """Write to the audit log which records an answer read (never the answer's text)."""
    vault.log("assistant", {"person": person_id, "action": answer.action.value,
                                     "model": answer.model, "records": answer.record_ids,
                                     "fallback": answer.fallback})
