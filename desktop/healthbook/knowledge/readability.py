"""Reading level of the library's texts: Flesch–Kincaid grade (English), Kandel–Moles ease (French).

Syllables are counted as vowel groups with the usual corrections (a silent final "e"), which is
what readability tools do when they have no pronouncing dictionary; it needs no download.
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.!?;:]+(?:\s|$)")
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿœŒ]+(?:['’-][A-Za-zÀ-ÖØ-öø-ÿœŒ]+)*")
_VOWELS = {
    "en": re.compile(r"[aeiouy]+"),
    "fr": re.compile(r"[aeiouyàâäéèêëîïôöùûüœ]+"),
}

# The grade a text must not exceed (English) and the ease it must reach (French).
MAX_GRADE_EN = 8.0
MIN_EASE_FR = 60.0


def words(text: str) -> list[str]:
    """The words of a text, hyphenated and elided forms kept whole."""
    return _WORD.findall(text)


def sentence_count(text: str) -> int:
    """Sentences, counting a trailing fragment without a full stop as one."""
    parts = [p for p in _SENTENCE_END.split(text.strip()) if words(p)]
    return max(1, len(parts))


def syllables(word: str, lang: str) -> int:
    """Syllables in one word, approximated by vowel groups."""
    lowered = word.lower().replace("’", "'")
    total = 0
    for part in re.split(r"['-]", lowered):
        if not part:
            continue
        count = len(_VOWELS[lang].findall(part))
        if lang == "en":
            if part.endswith("e") and not part.endswith(("le", "ee", "ye")) and count > 1:
                count -= 1
            if (part.endswith(("es", "ed")) and count > 1
                    and not part.endswith(("tes", "des", "ted", "ded"))):
                count -= 1
        elif part.endswith(("e", "es", "ent")) and count > 1:
            count -= 1  # French mute endings
        total += max(1, count)
    return max(1, total)


def fk_grade(text: str) -> float:
    """Flesch–Kincaid grade level of an English text."""
    found = words(text)
    if not found:
        return 0.0
    syl = sum(syllables(w, "en") for w in found)
    return 0.39 * len(found) / sentence_count(text) + 11.8 * syl / len(found) - 15.59


def kandel_moles(text: str) -> float:
    """Kandel–Moles reading ease of a French text (higher is easier; 60+ is plain)."""
    found = words(text)
    if not found:
        return 100.0
    syl = sum(syllables(w, "fr") for w in found)
    return 207.0 - 1.015 * len(found) / sentence_count(text) - 73.6 * syl / len(found)
