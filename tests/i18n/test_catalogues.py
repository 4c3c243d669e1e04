"""The catalogues are complete (nothing untranslated or fuzzy in French) and up to date (every
string the sources mark for translation is in them), with the same placeholders."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.i18n.pseudo import ROOT, tools

PACKAGE = ROOT / "desktop" / "healthbook"
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%\d")
TAG = re.compile(r"</?(\w+)")
GETTEXT = {"_": 0, "ngettext": 0, "pgettext": 1}


def _ts_messages(path: Path) -> dict[tuple[str, str], list[str]]:
    """(context, source) -> translations (one per plural form) of a .ts file."""
    out = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            forms = [f.text or "" for f in translation.iter("numerusform")] \
                if message.get("numerus") == "yes" else [translation.text or ""]
            out[(name, message.findtext("source") or "")] = forms
    return out


def _po_messages(lang: str) -> dict[tuple[str | None, str], tuple[str, ...]]:
    """(context, msgid) -> translations (one per plural form) of a .po file."""
    out = {}
    for message in tools._read_po(tools.po_path(lang), lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for msgid in ids:
            out[(message.context, msgid)] = strings
    return out


def _literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) \
        else None


def marked_in_sources() -> tuple[set[tuple[str | None, str]], set[tuple[str, str]], list[str]]:
    """What the sources mark for translation, read with Python's own parser (which also sees
    calls inside f-strings, where pyside6-lupdate does not look): the core's (context,
    message) pairs, the Qt shell's (context, source) pairs, and calls whose text is not a
    literal (a catalogue cannot hold them)."""
    core: set[tuple[str | None, str]] = set()
    qt: set[tuple[str, str]] = set()
    problems: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "i18n.py":  # where _() and ngettext() are defined
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(ROOT)
        classes: dict[ast.AST, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                for child in ast.walk(node):
                    classes.setdefault(child, node.name)  # innermost classes come later
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else \
                func.attr if isinstance(func, ast.Attribute) else ""
            args = node.args
            if name in GETTEXT and args:
                texts = [_literal(a) for a in args[:2 if name != "_" else 1]]
                context = None
                if name == "pgettext":
                    context, texts = texts[0], texts[1:]
                if any(t is None for t in texts):
                    problems.append(f"{where}:{node.lineno}: {name}() of a non-literal")
                core.update((context, t) for t in texts if t is not None)
            elif name == "tr" and isinstance(func, ast.Attribute) and args:
                text = _literal(args[0])
                if text is None:
                    problems.append(f"{where}:{node.lineno}: tr() of a non-literal")
                else:
                    qt.add((classes.get(node, ""), text))
            elif name in ("translate", "QT_TRANSLATE_NOOP") and len(args) >= 2:
                context, text = _literal(args[0]), _literal(args[1])
                if context is not None and text is not None:
                    qt.add((context, text))
                elif context is None or name == "QT_TRANSLATE_NOOP":
                    problems.append(f"{where}:{node.lineno}: {name}() of a non-literal")
    qt |= tools.helper_messages()[0]  # def _tr(text): return translate("Ctx", text)
    return core, qt, problems


def test_french_has_no_untranslated_or_fuzzy_entry() -> None:
    assert tools.po_problems("fr") == []
    assert tools.ts_problems("fr") == []
    assert tools.ts_problems("en") == []  # English plural forms (1 result, 2 results)


def test_every_marked_string_is_in_the_catalogues() -> None:
    core, qt, problems = marked_in_sources()
    assert problems == []
    po = _po_messages("fr")
    assert sorted(m for m in core if m not in po) == [], "run `make i18n-extract`"
    ts = _ts_messages(tools.ts_path("fr"))
    missing = sorted(m for m in qt if m not in ts)
    assert missing == [], "not extracted by pyside6-lupdate (a tr() inside an f-string?), " \
        "or run `make i18n-extract`"


# Qt calls whose first argument a person reads; QMessageBox's static calls (parent, title, text).
_SHOWN_FIRST = {"emit", "setText", "setToolTip", "setPlaceholderText", "setWindowTitle",
                "QLabel", "QPushButton", "QToolButton", "QCheckBox", "QRadioButton",
                "QGroupBox", "QAction", "addAction", "addItem", "addTab", "setTabText",
                "setAccessibleName", "setAccessibleDescription", "showMessage", "setStatusTip",
                "setTitle", "setPlainText", "setLabelText", "setSuffix", "setPrefix",
                "setSpecialValueText"}
_SHOWN_BOX = {"information", "warning", "question", "critical"}
NOT_TRANSLATED = {"Healthbook"}  # the name of the app


def _literal(node: ast.expr) -> str | None:
    """The words of a string literal or of an f-string's literal parts."""
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) else None
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    return None


def _bare_strings(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else \
            getattr(node.func, "id", "")
        args = node.args[:1] if name in _SHOWN_FIRST else \
            node.args[1:3] if name in _SHOWN_BOX else []
        for arg in args:
            for value in [arg.body, arg.orelse] if isinstance(arg, ast.IfExp) else [arg]:
                text = _literal(value)
                if isinstance(text, str) and re.search(r"[A-Za-z]{2}", text) \
                        and text not in NOT_TRANSLATED:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {text!r}")
    return found


def test_the_qt_shell_shows_no_unmarked_words() -> None:
    shell = [*sorted((PACKAGE / "ui").rglob("*.py")), PACKAGE / "app.py"]
    assert [bare for path in shell for bare in _bare_strings(path)] == []


def test_the_catalogues_hold_nothing_the_sources_no_longer_say(tmp_path: Path) -> None:
    template = tools.extracted()
    extracted = {(m.context, i) for m in template if m.id
                 for i in (m.id if isinstance(m.id, tuple) else (m.id,))}
    assert sorted(set(_po_messages("fr")) - extracted, key=str) == []
    fresh = tools.update_ts("fr", tmp_path / "fresh.ts")
    assert set(_ts_messages(tools.ts_path("fr"))) == set(_ts_messages(fresh))


def _same_placeholders(source: str, translation: str) -> bool:
    return sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(translation)) \
        and sorted(TAG.findall(source)) == sorted(TAG.findall(translation))


def test_translations_keep_every_placeholder_and_tag() -> None:
    wrong = []
    for (context, msgid), strings in _po_messages("fr").items():
        for string in strings:
            # A plural form may leave out {n} ("un résultat"), never add or rename one.
            if not set(PLACEHOLDER.findall(string)) <= set(PLACEHOLDER.findall(msgid)) | \
                    {"{n}"} or not _same_placeholders(msgid, string.replace("{n}", "")
                                                      if "{n}" not in msgid else string):
                wrong.append((context, msgid, string))
    for (context, source), forms in _ts_messages(tools.ts_path("fr")).items():
        wrong += [(context, source, f) for f in forms if not _same_placeholders(source, f)]
    assert wrong == []


@pytest.mark.parametrize(("n", "expected"), [(0, "0 résultat"), (1, "1 résultat"),
                                             (2, "2 résultats"), (3, "3 résultats")])
def test_french_plural_forms(n: int, expected: str) -> None:
    from healthbook import i18n

    with i18n.language("fr"):
        assert i18n.ngettext("{n} result", "{n} results", n).format(n=n) == expected
    with i18n.language("en"):
        english = i18n.ngettext("{n} result", "{n} results", n).format(n=n)
        assert english == (f"{n} result" if n == 1 else f"{n} results")


def test_french_formats_numbers_dates_and_percentages() -> None:
    from healthbook import i18n
    from healthbook.clinical.display import age, quantity

    with i18n.language("fr"):
        assert quantity(5.43, "mmol/L", "glucose") == "5,4 mmol/L"
        assert i18n.format_number(9815, 0, grouping=True) == "9\u202f815"
        assert i18n.format_percent(0.22) == "22\u00a0%"
        assert i18n.format_date("2023-04-01T08:00:00Z") == "01/04/2023"
        assert age("2020-01-01") .startswith("il y a ")
    with i18n.language("en"):
        assert quantity(5.43, "mmol/L", "glucose") == "5.4 mmol/L"
        assert i18n.format_date("2023-04-01") == "2023-04-01"
        assert i18n.format_percent(0.22) == "22%"
