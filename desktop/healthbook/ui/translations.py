"""The Qt shell's language: Healthbook's own catalogue and Qt's (standard dialogs, buttons).

`apply_language()` sets the core's language (`healthbook.i18n`), Qt's default locale (dates in
date fields, numbers in spin boxes) and the translators. Installing a translator sends
`QEvent.LanguageChange` to every window; the main window answers by building its pages again
(see `MainWindow.changeEvent`), so views need nothing more than `self.tr()`.

Catalogues: `resources/i18n/healthbook_<lang>.qm`, built from the `.ts` sources by
`make i18n` (pyside6-lrelease); Qt's own `qtbase_<lang>.qm` come with PySide6.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import cast

import PySide6
from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from healthbook import i18n

# Qt's marker (pyside6-lupdate reads the calls by this name); it returns the message, but
# PySide6's stub says `object`.
QT_TRANSLATE_NOOP = cast(Callable[[str, str], str], QtCore.QT_TRANSLATE_NOOP)

_installed: list[QTranslator] = []
_extra: dict[str, Path] = {}  # language -> a .qm built elsewhere (the tests' pseudo-locale)


def register_catalogue(code: str, qm: Path) -> None:
    """Use `qm` as Healthbook's Qt catalogue for `code` (a language made at test time)."""
    _extra[code] = qm


def catalogues(code: str) -> list[Path]:
    """The .qm files for a language: Qt's own first, then Healthbook's (which wins)."""
    qt_dirs = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
               Path(PySide6.__file__).parent / "Qt" / "translations"]  # a bundle's copy
    qt = next((d / f"qtbase_{code}.qm" for d in qt_dirs if (d / f"qtbase_{code}.qm").is_file()),
              None)
    ours = _extra.get(code) or i18n.catalogue_dir() / f"healthbook_{code}.qm"
    return [path for path in (qt, ours) if path is not None and path.is_file()]


def apply_language(code: str | None) -> str:
    """Switch the whole app to `code` ('' = the system's language) at once; returns the
    language used."""
    chosen = i18n.set_language(code)
    QLocale.setDefault(QLocale(i18n.format_locale()))
    app = QCoreApplication.instance()
    if app is None:
        return chosen
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    for path in catalogues(chosen):
        translator = QTranslator(app)
        if translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
    return chosen


def qt_date_format() -> str:
    """The date fields' display format in the current language ('yyyy-MM-dd', 'dd/MM/yyyy')."""
    return i18n.date_pattern()
