"""The safety gate: emergency and red-flag situations in a question, found before any model runs.

Deterministic, English and French, rules and vocabulary in `resources/safety/red_flags.json`.
A question is folded (lower case, no accents), key words misspelt by an edit or two are restored
("chets pain" -> "chest pain"), idioms and look-alike phrases are blanked ("killing me",
"chest X-ray"), and each sentence is tried against every rule. A match counts unless:

- a negation cue comes a few words before it in its clause ("no chest pain", "pas de douleur"),
  or a "gone" cue just after it ("the pain has gone");
- a definition or past-event cue ends right before it ("what is a stroke",
  "my father had a stroke"), or a possessive before a named event ("my stroke medicines");
- its sentence is about risk, the past, the records or the news ("my stroke risk", "in 2010",
  "when was my last", "the article said") and says nothing of now ("right now", "since this
  morning").
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from typing import Any

from healthbook.assistant.language import ENGLISH, FRENCH, detect_language, fold
from healthbook.paths import resources_dir

_FRAGMENT = re.compile(r"\{([A-Z_]+)\}")
_TOKEN = re.compile(r"[a-z]+")
_BLANK = " ~ "  # stands in for a blanked phrase: not a word, so patterns cannot span it
_REACH = 160  # characters around a match that its cues are looked for in (a few words is enough)


@dataclass(frozen=True)
class Alert:
    """One red flag found in a question, with the escalation to show before anything else."""

    rule: str
    level: str  # "emergency" | "crisis" | "urgent"
    message: str
    source_title: str
    source_url: str


@dataclass(frozen=True)
class _Rule:
    id: str
    rank: int
    level: str
    patterns: tuple[tuple[re.Pattern[str], ...], ...]  # every part must match in one sentence
    trigger: re.Pattern[str]  # any part of any pattern: a cheap first look
    exempt: frozenset[str]
    message: dict[str, str]
    source_title: str
    source_url: str


@dataclass(frozen=True)
class _Gate:
    rules: tuple[_Rule, ...]
    neutral: re.Pattern[str]
    sentence: re.Pattern[str]
    clause: re.Pattern[str]
    window: int
    negation_before: re.Pattern[str]
    negation_pseudo: re.Pattern[str]
    negation_after: re.Pattern[str]
    negation_void: re.Pattern[str]
    anchored: dict[str, re.Pattern[str]]
    possessive: re.Pattern[str]
    events: re.Pattern[str]
    context: dict[str, re.Pattern[str]]
    acute: re.Pattern[str]
    keywords: frozenset[str]
    keep: frozenset[str]
    respell: dict[str, str]
    typo_index: dict[str, tuple[str, ...]]


def _words(cues: dict[str, list[str]], tail: str = r"(?:(?<=')|(?![a-z0-9]))") -> str:
    """An alternation of every language's cues, starting at a word edge, then `tail`."""
    alternatives = "|".join(fold(cue) for lang in sorted(cues) for cue in cues[lang])
    return rf"(?<![a-z0-9])(?:{alternatives}){tail}"


def _max_edits(word: str) -> int:
    return 0 if len(word) < 4 else 1 if len(word) < 8 else 2


def _deletions(word: str, depth: int) -> set[str]:
    """`word` and every string made from it by deleting up to `depth` letters."""
    found, frontier = {word}, {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance where swapping two neighbouring letters counts as one edit."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            row.append(cost)
        previous2, previous = previous, row
    return previous[-1]


@functools.cache
def _gate() -> _Gate:
    """The rules and cues of red_flags.json, compiled once."""
    data: dict[str, Any] = json.loads(
        (resources_dir() / "safety" / "red_flags.json").read_text(encoding="utf-8"))
    fragments: dict[str, str] = data["fragments"]

    def bounded(source: str) -> str:
        expanded = _FRAGMENT.sub(lambda m: fragments[m.group(1)], source)
        return rf"(?<![a-z0-9])(?:{fold(expanded)})(?![a-z0-9])"

    levels: list[str] = data["levels"]
    rules = []
    for position, raw in enumerate(data["rules"]):
        sources = [[p] if isinstance(p, str) else p
                   for lang in sorted(raw["patterns"]) for p in raw["patterns"][lang]]
        patterns = tuple(tuple(re.compile(bounded(part)) for part in p) for p in sources)
        trigger = re.compile("|".join(bounded(p[0]) for p in sources))
        source = raw["sources"][0]
        rules.append(_Rule(
            id=raw["id"], rank=levels.index(raw["level"]) * 1000 + position, level=raw["level"],
            patterns=patterns, trigger=trigger, exempt=frozenset(raw.get("context_exempt", ())),
            message={lang: f"{data['leads'][raw['level']][lang]} {text}"
                     for lang, text in raw["message"].items()},
            source_title=source["title"], source_url=source["url"]))

    articles = "|".join(a for a in data["articles"] if not a.endswith("'"))
    elided = "|".join(a for a in data["articles"] if a.endswith("'"))
    tail = rf"(?:\s*(?<![a-z])(?:{articles})(?![a-z])|\s*(?:{elided}))*\s*$"
    negation = data["negation"]
    typo = data["typo"]
    keywords = frozenset(fold(" ".join(typo["words"].values())).split())
    index: dict[str, list[str]] = {}
    for word in sorted(keywords):
        for variant in _deletions(word, _max_edits(word)):
            index.setdefault(variant, []).append(word)
    return _Gate(
        rules=tuple(sorted(rules, key=lambda r: r.rank)),
        neutral=re.compile(_words(data["neutral"])),
        sentence=re.compile(data["sentence"]),
        clause=re.compile("|".join(c for lang in sorted(data["clause"])
                                   for c in data["clause"][lang])),
        window=int(negation["window"]),
        negation_before=re.compile(_words(negation["before"])),
        negation_pseudo=re.compile(_words(negation["pseudo"])),
        negation_after=re.compile(_words(negation["after"])),
        negation_void=re.compile(_words(negation["after_void"])),
        anchored={kind: re.compile(_words(cues, tail))
                  for kind, cues in data["anchored"].items()},
        possessive=re.compile(_words(data["possessive"]["cues"], tail)),
        events=re.compile(_words(data["possessive"]["events"])),
        context={kind: re.compile(_words(cues)) for kind, cues in data["context"].items()},
        acute=re.compile(_words(data["acute"])),
        keywords=keywords,
        keep=frozenset(fold(" ".join(typo["keep"])).split()) | ENGLISH | FRENCH,
        respell=typo["respell"],
        typo_index={k: tuple(v) for k, v in index.items()},
    )


@functools.lru_cache(maxsize=8192)
def _restore(token: str) -> str:
    """The key word `token` misspells ("cant" -> "can't"), or `token` itself."""
    gate = _gate()
    if token in gate.respell:
        return gate.respell[token]
    edits = _max_edits(token)
    if not edits or token in gate.keywords or token in gate.keep:
        return token
    best: tuple[int, str] | None = None
    for variant in _deletions(token, edits):
        for word in gate.typo_index.get(variant, ()):
            if len(token) == 4 and word[0] != token[0]:
                continue
            distance = _edit_distance(token, word)
            if distance <= min(edits, _max_edits(word)) and (best is None
                                                             or (distance, word) < best):
                best = (distance, word)
    return best[1] if best else token


def _negated(sentence: str, start: int, end: int, gate: _Gate) -> bool:
    """Whether a negation cue governs the match at sentence[start:end]."""
    before = gate.clause.split(sentence[max(0, start - _REACH):start])[-1]
    before = gate.negation_pseudo.sub(" ", before)
    if gate.negation_before.search(" ".join(before.split()[-gate.window:])):
        return True
    rest = sentence[end:end + _REACH]
    after = " ".join(gate.clause.split(rest)[0].split()[:gate.window])
    return bool(gate.negation_after.search(after)) and not gate.negation_void.search(rest)


def _part_fires(part: re.Pattern[str], sentence: str, rule: _Rule, acute: bool,
                gate: _Gate) -> bool:
    """Whether `part` matches `sentence` somewhere that no cue explains away."""
    for match in part.finditer(sentence):
        if _negated(sentence, match.start(), match.end(), gate):
            continue
        if acute:
            return True
        prefix = sentence[max(0, match.start() - _REACH):match.start()]
        if any(gate.anchored[kind].search(prefix)
               for kind in gate.anchored if kind not in rule.exempt):
            continue
        if gate.events.match(sentence, match.start()) and gate.possessive.search(prefix):
            continue  # "my stroke medicines": a known event from the records
        return True
    return False


def _sentences(text: str, gate: _Gate) -> list[str]:
    """The folded, typo-restored, idiom-blanked sentences of `text`."""
    restored = _TOKEN.sub(lambda m: _restore(m.group()), fold(text))
    blanked = gate.neutral.sub(_BLANK, restored)
    return [" ".join(s.split()) for s in gate.sentence.split(blanked) if s.strip()]


def check_question(text: str, lang: str | None = None) -> list[Alert]:
    """The red flags in a question, most severe first, at most one per rule.

    Args:
        text: the question as the user typed it.
        lang: "en" or "fr" for the messages; None detects it from the question.
    """
    gate = _gate()
    fired: set[str] = set()
    for sentence in _sentences(text, gate):
        acute = bool(gate.acute.search(sentence))
        quiet = set() if acute else {k for k, c in gate.context.items() if c.search(sentence)}
        for rule in gate.rules:
            if rule.id in fired or quiet - rule.exempt or not rule.trigger.search(sentence):
                continue
            if any(all(_part_fires(part, sentence, rule, acute, gate) for part in pattern)
                   for pattern in rule.patterns):
                fired.add(rule.id)
    if not fired:
        return []
    language = lang if lang in ("en", "fr") else detect_language(text)
    return [Alert(rule=r.id, level=r.level, message=r.message[language],
                  source_title=r.source_title, source_url=r.source_url)
            for r in gate.rules if r.id in fired]
