"""A pseudo-locale made from the English catalogues at test time: every translated string is
accented, about 40% longer and wrapped in ⟦…⟧, so that a screen shows at once which texts did
not go through a catalogue (no brackets) and which ones do not fit their widget (clipped)."""

from __future__ import annotations

import gettext
import io
import math
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import translations as tools  # noqa: E402 - the catalogue tools live in packaging/

CODE = "xx"  # the pseudo-locale's language code
OPEN, CLOSE = "⟦", "⟧"
ACCENTS = str.maketrans("aceinousyACEINOUSY", "áçéíñöüšýÅÇÉÍÑÖÜŠÝ")
# What must stay as it is: placeholders, Qt's %n, markup, entities, file patterns, new lines.
KEEP = re.compile(r"\{[^{}]*\}|%n|%\d|<[^>]+>|&\w+;|\*\.\w+|\(\*\)|;;|\n")


def pseudo(text: str) -> str:
    """'Lock the vault' -> '⟦Löçk thé váült~~~~~⟧' (placeholders and markup untouched)."""
    if not text:
        return text
    out, last, shown = [], 0, 0
    for match in KEEP.finditer(text):
        piece = text[last:match.start()]
        out.append(piece.translate(ACCENTS))
        shown += len(piece)
        out.append(match.group())
        last = match.end()
    piece = text[last:]
    out.append(piece.translate(ACCENTS))
    shown += len(piece)
    padding = "~" * max(1, math.ceil(shown * 0.4))
    return f"{OPEN}{''.join(out)}{padding}{CLOSE}"


def marked(text: str) -> bool:
    """True when a text (or part of it) came from the pseudo catalogue."""
    return OPEN in text


def gettext_catalogue() -> gettext.GNUTranslations:
    """The core's messages, extracted from the sources now, in the pseudo-locale."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    template = tools.extracted()
    catalog = Catalog(locale="en", domain=tools.DOMAIN)
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, tuple | list):
            string = tuple(pseudo(form) for form in message.id)
        else:
            string = pseudo(message.id)
        catalog.add(message.id, string, context=message.context)
    data = io.BytesIO()
    write_mo(data, catalog)
    data.seek(0)
    return gettext.GNUTranslations(data)


def qt_catalogue(folder: Path) -> Path:
    """The Qt shell's messages (pyside6-lupdate over the sources now), in the pseudo-locale,
    compiled with pyside6-lrelease into `folder`."""
    ts = tools.update_ts("fr", folder / f"healthbook_{CODE}.ts")  # every message, untranslated
    tree = ET.parse(ts)
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        for child in list(translation):
            translation.remove(child)
        translation.attrib.pop("type", None)
        if message.get("numerus") == "yes":
            translation.text = None
            for _form in range(2):
                ET.SubElement(translation, "numerusform").text = pseudo(source)
        else:
            translation.text = pseudo(source)
    tools._write_ts(tree, ts)
    qm = folder / f"healthbook_{CODE}.qm"
    subprocess.run([tools._tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
                   check=True)
    return qm
