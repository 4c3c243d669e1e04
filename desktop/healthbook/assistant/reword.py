"""A model may reword a composed answer, never author it.

Each composed line is rewritten on its own under a llama.cpp grammar: the output is one line
of words and punctuation in which every number, date and unit of the line appears only as a
placeholder ⟨1⟩, ⟨2⟩… that code fills from the composed line. After generation the line is
checked: every placeholder exactly once, content words only from the composed line or its
library entry, no deny-listed pairing. Any doubt keeps the composed line. Lists, questions and
citations are kept as code wrote them; only free sentences are reworded.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from typing import Any

from healthbook.assistant.compose import Composed, Line
from healthbook.assistant.runtime import ModelError
from healthbook.assistant.understand import Understanding, fold
from healthbook.progress import CancelToken

# A number (with its decimal part), a date, or a value with its unit, kept out of the model.
QUANTITY = re.compile(
    r"\d{4}-\d{2}-\d{2}|(?:[<>≤≥]\s?)?\d+(?:[.,]\d+)?(?:\s?(?:%|mg/dL|mmol/L|g/L|mmHg|mL|mg|µg|"
    r"kcal|kg|cm|bpm|/min|°C|°F|IU/L|U/L|µmol/L|umol/L|ng/mL|pg/mL|x10\^9/L|10\*9/L|"
    r"mL/min/1\.73m2|g/dL|h|days?|years?|months?|weeks?))?")
PLACEHOLDER = re.compile(r"⟨(\d)⟩")
MAX_LINE_WORDS = 40
BUDGET_SECONDS = 1.3  # rewording stops here; the rest stays as composed
MIN_CONTENT_KEPT = 0.7  # share of the line's content words a rewording must keep
MIN_LENGTH_SHARE = 0.6  # a rewording may be shorter, not a summary
FUNCTION_WORDS = {
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by",
    "is", "was", "are", "were", "be", "been", "it", "its", "this", "that", "these", "those",
    "your", "you", "my", "which", "so", "as", "from", "than", "then", "also", "still", "now",
    "there", "here", "has", "have", "had", "can", "may", "will", "would", "very", "just",
    "when", "what", "who", "how", "not", "no", "all", "some", "more", "less", "most", "latest",
    "last", "recent", "result", "results", "value", "level", "measured", "recorded", "shows",
    "show", "showed", "reading", "test", "came", "back", "about", "into",
}
# Pairings a rewording must never introduce, whatever the composed text said.
DENY = re.compile(r"\b(diagnos\w*|you have (?:cancer|diabetes)|stop taking|start taking|"
                  r"increase|decrease|double|cure[sd]?|guarantee\w*|definitely|always safe|"
                  r"nothing to worry|no need to see)\b", re.IGNORECASE)

SYSTEM = ("You reword one sentence from a health record summary into plainer, friendly "
          "English for a 13-year-old. Keep its meaning exactly. Keep every placeholder like "
          "⟨1⟩ exactly once, where it belongs. Add no facts, no advice, no numbers.")


@cache
def grammar_text(placeholders: int) -> str:
    """GBNF for one reworded line: words, punctuation and exactly the given placeholders
    (numbers cannot be written except through a placeholder)."""
    slots = " | ".join(f'"⟨{i}⟩"' for i in range(1, placeholders + 1)) or '"⟨0⟩"'
    return (
        "root ::= piece (sep piece){0,60} end\n"
        f"piece ::= word | {slots} | punct\n"
        "word ::= [a-zA-Z'’\\-]{1,24}\n"
        "punct ::= [,;:()]\n"
        "sep ::= \" \"\n"
        "end ::= [.?] \"\\n\"\n"
    )


@cache
def _grammar(placeholders: int) -> Any:
    from llama_cpp import LlamaGrammar

    return LlamaGrammar.from_string(grammar_text(placeholders), verbose=False)


def masked(text: str) -> tuple[str, list[str]]:
    """The line with its quantities replaced by ⟨1⟩, ⟨2⟩… and the quantities in order."""
    found: list[str] = []

    def swap(match: re.Match[str]) -> str:
        found.append(match[0])
        return f"⟨{len(found)}⟩"

    return QUANTITY.sub(swap, text), found


def filled(text: str, quantities: Sequence[str]) -> str:
    """Placeholders replaced by the quantities code computed."""
    return PLACEHOLDER.sub(lambda m: quantities[int(m[1]) - 1], text)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z']+", fold(text)) if len(w) > 1}


def acceptable(original: str, candidate: str, quantities: Sequence[str],
               allowed: set[str]) -> bool:
    """The checks a reworded line must pass to be shown."""
    slots = PLACEHOLDER.findall(candidate)
    if sorted(int(s) for s in slots) != list(range(1, len(quantities) + 1)):
        return False  # a number lost, repeated or invented
    if re.search(r"\d", PLACEHOLDER.sub("", candidate)):
        return False
    if DENY.search(candidate) and not DENY.search(original):
        return False
    said = _words(PLACEHOLDER.sub(" ", candidate))
    new_words = said - allowed - FUNCTION_WORDS
    # Rewording keeps the meaning: most of the line's content words stay, and it stays long.
    content = _words(PLACEHOLDER.sub(" ", original)) - FUNCTION_WORDS
    kept = len(content & said) / len(content) if content else 1.0
    long_enough = len(candidate.split()) >= max(3, MIN_LENGTH_SHARE * len(original.split()))
    return not new_words and kept >= MIN_CONTENT_KEPT and long_enough


def reword_line(model: Any, line: Line, allowed: set[str],
                cancel: CancelToken | None = None) -> Line:
    """One line reworded and checked; the composed line on any doubt."""
    text = line.text
    if line.item or line.library or len(text.split()) > MAX_LINE_WORDS or "?" in text or \
            text.rstrip().endswith(":"):  # lists, headings and library text stay as written
        return line
    template, quantities = masked(text)
    if len(quantities) > 9:
        return line
    messages = [{"role": "system", "content": SYSTEM},
                {"role": "user", "content": template}]
    try:
        out = model.complete(messages, grammar=_grammar(len(quantities)), max_tokens=72,
                             cancel=cancel)
    except (ValueError, RuntimeError, ModelError):  # the model failed: keep the line
        return line
    candidate = " ".join(out.split()).replace("( ", "(").replace(" )", ")")
    candidate = re.sub(r"\s+([,.;:?])", r"\1", candidate)
    if not acceptable(template, candidate, quantities, allowed):
        return line
    return replace(line, text=filled(candidate, quantities))


def reword_lines(model: Any, composed: Composed, understood: Understanding | None,
                 cancel: CancelToken | None = None) -> tuple[list[Line], bool]:
    """The composed lines, reworded where the model's wording passed every check (English,
    or a model that declares the question's language); (lines, whether any was reworded)."""
    lang = understood.lang if understood else "en"
    if lang != "en" and lang not in getattr(model, "languages", ("en",)):
        return composed.lines, False
    facts = {f.number: f for f in composed.facts}
    start, out, changed, slowest = time.monotonic(), [], False, 0.0
    for line in composed.lines:
        spent = time.monotonic() - start
        # Start a line only if it can finish within the budget, judging by the slowest so far.
        if spent + slowest > BUDGET_SECONDS or (cancel is not None and cancel.cancelled):
            out.append(line)
            continue
        began = time.monotonic()
        allowed = _words(line.text) | {w for n in line.cites if n in facts
                                        for w in _words(facts[n].text)}
        new = reword_line(model, line, allowed, cancel)
        slowest = max(slowest, time.monotonic() - began)
        changed |= new is not line
        out.append(new)
    return out, changed
