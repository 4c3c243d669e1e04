"""Translations and locale formats for the Qt-free core (CLI, importers' reports, facts,
answers, the sheet).

Every user-visible string of the core goes through `_()` or `ngettext()` from the day it is
written. The catalogues are gettext `.po` files in `resources/i18n/` (domain `healthbook`,
one file per language: `healthbook_fr.po`), read at run time with babel, so a clone and a
bundle need no build step for them. The Qt shell uses Qt's own `tr()` (see
`healthbook.ui.translations`), which follows the language chosen here.

The language is the system's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) unless `set_language()`
chose one. `language()` switches it for the calling thread only, e.g. to write an answer in
the language of the question while the window stays in another.
"""

from __future__ import annotations

import gettext
import io
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from pathlib import Path

from healthbook.paths import resources_dir

DOMAIN = "healthbook"
SOURCE_LANGUAGE = "en"
# Exported so that child processes (the large-import reader) speak the parent's language.
LANGUAGE_ENV = "HEALTHBOOK_LANGUAGE"
_SYSTEM_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_lock = threading.Lock()
_catalogues: dict[str, gettext.NullTranslations] = {}
_format_locales: dict[str, str] = {}  # a registered language -> the locale whose formats it uses
_language = ""  # chosen on first use: the parent process's, else the system's
_override: ContextVar[str | None] = ContextVar("healthbook_language", default=None)


def catalogue_dir() -> Path:
    """Where the `.po` (core) and `.ts`/`.qm` (Qt) catalogues live."""
    return resources_dir() / "i18n"


def available_languages() -> list[str]:
    """Languages with a catalogue, English (the source language) first."""
    found = sorted(p.stem.split("_", 1)[1] for p in catalogue_dir().glob(f"{DOMAIN}_*.po"))
    return [SOURCE_LANGUAGE, *found, *sorted(set(_format_locales) - set(found))]


def language_name(code: str) -> str:
    """A language's name in that language ('English', 'Français')."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:]


def _base(code: str) -> str:
    """'fr_FR.UTF-8' -> 'fr'; 'C' and 'POSIX' -> ''."""
    base = re.split(r"[_.@-]", code.strip(), maxsplit=1)[0].lower()
    return "" if base in ("c", "posix") else base


def system_language() -> str:
    """The language the environment asks for, among those available (else English)."""
    available = available_languages()
    for variable in _SYSTEM_VARIABLES:
        value = os.environ.get(variable, "")
        if not value:
            continue
        for part in value.split(":"):  # LANGUAGE may list several, in order of preference
            base = _base(part)
            if base in available:
                return base
        if variable != "LANGUAGE":  # the first locale variable set decides
            return SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def resolve(code: str | None) -> str:
    """The language to use for a choice: '' or None means the system's; unknown -> English."""
    if not code:
        return system_language()
    if code in available_languages():
        return code
    base = _base(code)
    return base if base in available_languages() else SOURCE_LANGUAGE


def set_language(code: str | None) -> str:
    """Use `code` ('' = the system's language) from now on, in every thread; returns the
    language actually used."""
    global _language
    chosen = resolve(code)
    _translations(chosen)  # load it now, not in the middle of drawing a screen
    _language = chosen
    os.environ[LANGUAGE_ENV] = chosen
    return chosen


def current_language() -> str:
    """The language strings and formats are produced in (in this thread)."""
    global _language
    if not _language:
        _language = resolve(os.environ.get(LANGUAGE_ENV, ""))
    return _override.get() or _language


@contextmanager
def language(code: str) -> Iterator[str]:
    """Produce strings and formats in `code` inside the block, in this thread only."""
    chosen = resolve(code)
    token = _override.set(chosen)
    try:
        yield chosen
    finally:
        _override.reset(token)


def register(code: str, translations: gettext.NullTranslations,
             formats: str = SOURCE_LANGUAGE) -> None:
    """Add a language built elsewhere (the tests' pseudo-locale), formatted like `formats`."""
    with _lock:
        _catalogues[code] = translations
        _format_locales[code] = formats


def _load(code: str) -> gettext.NullTranslations:
    """The compiled catalogue of a language, from its `.po` file (fuzzy entries left out)."""
    path = catalogue_dir() / f"{DOMAIN}_{code}.po"
    if code == SOURCE_LANGUAGE or not path.is_file():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as f:
        catalog = read_po(f, locale=code, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def _translations(code: str) -> gettext.NullTranslations:
    found = _catalogues.get(code)
    if found is None:
        with _lock:
            found = _catalogues.get(code)
            if found is None:
                found = _catalogues[code] = _load(code)
    return found


def _(message: str) -> str:
    """`message` in the current language."""
    return _translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message for `n`, in the current language."""
    return _translations(current_language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` in the current language, told apart from the same English words used
    elsewhere by `context` (a word that is a noun here and a verb there)."""
    return _translations(current_language()).pgettext(context, message)


# -- formats --------------------------------------------------------------------------------
def format_locale() -> str:
    """The locale whose number and date formats the current language uses."""
    code = current_language()
    return _format_locales.get(code, code)


def _symbols(locale: str) -> tuple[str, str]:
    """(decimal mark, group separator) of a locale."""
    if locale == SOURCE_LANGUAGE:
        return ".", ","
    from babel.numbers import get_decimal_symbol, get_group_symbol

    return get_decimal_symbol(locale), get_group_symbol(locale)


def localise_number(text: str) -> str:
    """A number written the English way ('1,234.5') written the current language's way
    ('1 234,5' in French)."""
    locale = format_locale()
    if locale == SOURCE_LANGUAGE:
        return text
    decimal, group = _symbols(locale)
    return text.replace(",", "\0").replace(".", decimal).replace("\0", group)


def format_number(value: float, places: int | None = None, grouping: bool = False) -> str:
    """A number with `places` decimals (None: as short as it goes), in the current language:
    '5.4' / '5,4'; with grouping '9,815' / '9 815'."""
    comma = "," if grouping else ""
    text = f"{value:{comma}.{places}f}" if places is not None else f"{value:{comma}g}"
    return localise_number(text)


def format_percent(fraction: float, places: int = 0) -> str:
    """A share as a percentage: '22%' in English, '22 %' in French."""
    number = format_number(fraction * 100, places)
    locale = format_locale()
    if locale == SOURCE_LANGUAGE:
        return f"{number}%"
    from babel import Locale

    pattern = Locale.parse(locale).percent_formats[None].pattern
    return re.sub(r"[#0,.]+", lambda _m: number, pattern, count=1).replace("'", "")


def date_pattern() -> str:
    """The numeric date pattern of the current language, with four-digit years
    ('yyyy-MM-dd' in English, as the app has always shown dates; 'dd/MM/yyyy' in French).
    Qt's date formats read the same letters."""
    locale = format_locale()
    if locale == SOURCE_LANGUAGE:
        return "yyyy-MM-dd"
    from babel.dates import get_date_format

    pattern = get_date_format("short", locale=locale).pattern
    return re.sub(r"y+", "yyyy", pattern)


def format_date(value: str | date | None) -> str:
    """A day as the current language writes it: '2023-04-01' / '01/04/2023'. Text that is
    not an ISO date (YYYY-MM-DD, with or without a time) is returned as it was."""
    if value is None:
        return ""
    if isinstance(value, str):
        try:
            day = date.fromisoformat(value[:10])
        except ValueError:
            return value
    else:
        day = value.date() if isinstance(value, datetime) else value
    if format_locale() == SOURCE_LANGUAGE:
        return day.isoformat()
    from babel.dates import format_date as babel_date

    return babel_date(day, date_pattern(), locale=format_locale())


def format_datetime(value: str | None) -> str:
    """An ISO timestamp ('2024-03-01T09:30:00Z') as a day and an hour:minute."""
    if not value:
        return ""
    text = value.replace("T", " ").rstrip("Z")
    if len(text) < 16:
        return format_date(text)
    return f"{format_date(text[:10])} {text[11:16]}"


def join_list(items: list[str]) -> str:
    """'a, b and c' in the current language."""
    if len(items) <= 1:
        return "".join(items)
    return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])
