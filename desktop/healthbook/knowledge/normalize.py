"""Normalised names: case and accents folded, punctuation and spaces made uniform."""

from __future__ import annotations

import re
import unicodedata

_SPECIAL = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O",
                          "ß": "ss", "ł": "l", "Ł": "L", "µ": "u", "μ": "u", "β": "beta",
                          "α": "alpha", "γ": "gamma", "’": "'", "‘": "'", "`": "'", "´": "'"})
_POSSESSIVE = re.compile(r"(?<=[A-Za-z])'s\b", re.IGNORECASE)
_NOT_WORD = re.compile(r"[^0-9A-Za-z]+")
_WORD = re.compile(r"[0-9A-Za-z]+")


def fold(text: str) -> str:
    """Accents and special letters folded to ASCII, case kept ("Glycémie" -> "Glycemie")."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _prepared(text: str) -> str:
    # "Crohn's" -> "Crohns"; French elisions ("l'hémoglobine") split at the apostrophe.
    return _POSSESSIVE.sub("s", fold(text))


def normalize(text: str) -> str:
    """The lookup key of a name: folded, lower case, words separated by single spaces."""
    return _NOT_WORD.sub(" ", _prepared(text)).strip().lower()


def words(text: str) -> list[str]:
    """The words of a text as they are written (folded, case kept)."""
    return _WORD.findall(_prepared(text))
