"""Healthbook's translation catalogues: extract, add a language, build, check.

    python packaging/translations.py extract      # sources -> .po (core) and .ts (Qt), merged
    python packaging/translations.py init de      # start German: healthbook_de.po and .ts
    python packaging/translations.py build        # .ts -> .qm (pyside6-lrelease; `make i18n`)
    python packaging/translations.py check        # untranslated or fuzzy entries, per file

The core's strings (`_()`, `ngettext()`, `pgettext()` from `healthbook.i18n`) go to
`resources/i18n/healthbook_<lang>.po`, read at run time (no build step). The Qt shell's strings
(`self.tr()`, `QCoreApplication.translate()`, `QT_TRANSLATE_NOOP()`) go to
`resources/i18n/healthbook_<lang>.ts`, which `pyside6-lupdate` writes and `pyside6-lrelease`
compiles into the `.qm` files the app loads. English is the source language: it has no `.po`,
and its `.ts` holds only the plural forms Qt needs (`-pluralonly`).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "desktop" / "healthbook"
CATALOGUES = ROOT / "resources" / "i18n"
DOMAIN = "healthbook"
SOURCE_LANGUAGE = "en"
QT_PACKAGES = [PACKAGE / "ui"]  # and app.py; pyside6-lupdate scans listed files only
KEYWORDS = {"_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
WIDTH = 100


def say(text: str) -> None:
    """One line of output for the person running the script."""
    sys.stdout.write(text + "\n")


def qt_sources() -> list[Path]:
    """The Qt shell's source files."""
    return [*sorted(p for d in QT_PACKAGES for p in d.rglob("*.py")), PACKAGE / "app.py"]


def _tool(name: str) -> str:
    """A PySide6 tool beside this Python (the venv's bin/), else on PATH."""
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else name


def po_path(lang: str) -> Path:
    return CATALOGUES / f"{DOMAIN}_{lang}.po"


def ts_path(lang: str) -> Path:
    return CATALOGUES / f"{DOMAIN}_{lang}.ts"


def languages() -> list[str]:
    """Languages with a catalogue (English, the source language, not included)."""
    return sorted(p.stem.split("_", 1)[1] for p in CATALOGUES.glob(f"{DOMAIN}_*.po"))


def extracted():  # noqa: ANN201 - babel.messages.Catalog
    """Every core message of the sources, as a babel catalogue (the template)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_file

    template = Catalog(project="Healthbook", domain=DOMAIN, fuzzy=False,
                       msgid_bugs_address="", copyright_holder="Healthbook")
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        for line, message, comments, context in extract_from_file(
                "python", str(path), keywords=KEYWORDS, comment_tags=("Translators:",),
                strip_comment_tags=True):
            template.add(message, None, [(relative, line)], auto_comments=comments,
                         context=context)
    return template


def _write_po(catalog, path: Path) -> None:  # noqa: ANN001
    from babel.messages.pofile import write_po

    with path.open("wb") as f:
        write_po(f, catalog, width=WIDTH, omit_header=False, sort_output=False,
                 include_previous=False, ignore_obsolete=True)


def _read_po(path: Path, lang: str):  # noqa: ANN202
    from babel.messages.pofile import read_po

    with path.open("rb") as f:
        return read_po(f, locale=lang, domain=DOMAIN)


def update_po(lang: str, template) -> Path:  # noqa: ANN001
    """Merge the template into a language's .po (translations kept, obsolete ones dropped)."""
    from babel.messages.catalog import Catalog

    path = po_path(lang)
    if path.exists():
        catalog = _read_po(path, lang)
    else:
        catalog = Catalog(locale=lang, domain=DOMAIN, project="Healthbook", version="",
                          fuzzy=False, language_team="", last_translator="")
    created = catalog.creation_date
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    catalog.creation_date = created  # the header changes only when translators change it
    _write_po(catalog, path)
    return path


def update_ts(lang: str, path: Path | None = None) -> Path:
    """Run pyside6-lupdate for a language (English: plural forms only), then add what it
    cannot see (see `helper_messages`)."""
    path = path or ts_path(lang)
    kept = _translations(path) if path.exists() else {}
    args = [_tool("pyside6-lupdate"), *(str(p) for p in qt_sources()), "-no-obsolete",
            "-extensions", "py", "-locations", "none", "-source-language", SOURCE_LANGUAGE,
            "-target-language", lang, "-silent", "-ts", str(path)]
    if lang == SOURCE_LANGUAGE:
        args.insert(-2, "-pluralonly")
    subprocess.run(args, check=True, cwd=ROOT)
    if lang != SOURCE_LANGUAGE:
        _add_helper_messages(path, kept)
    else:
        fill_english_plurals(path)
    return path


def helper_messages() -> tuple[set[tuple[str, str]], set[str]]:
    """Strings marked through a one-line helper, which pyside6-lupdate does not follow:

        def _tr(text): return QCoreApplication.translate("Ranges", text)
        _tr("3 months")

    Returns the (context, source) pairs, and the sources pyside6-lupdate wrongly files under
    an empty context (it reads a bare `tr("...")` call as a call without a context)."""
    import ast

    found: set[tuple[str, str]] = set()
    bare: set[str] = set()
    for path in qt_sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        scopes: list[tuple[ast.AST, dict[str, str]]] = []
        for scope in [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef))]:
            helpers = {}
            body = scope.body if isinstance(scope, ast.Module | ast.FunctionDef) else []
            for node in body:
                context = _helper_context(node)
                if context is not None:
                    helpers[node.name] = context
            if helpers:
                scopes.append((scope, helpers))
        for scope, helpers in scopes:
            for node in ast.walk(scope):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                        node.func.id in helpers and node.args and \
                        isinstance(node.args[0], ast.Constant) and \
                        isinstance(node.args[0].value, str):
                    found.add((helpers[node.func.id], node.args[0].value))
                    if node.func.id == "tr":
                        bare.add(node.args[0].value)
    return found, bare


def _helper_context(node: object) -> str | None:
    """The context of `def f(text): return QCoreApplication.translate("Ctx", text)`."""
    import ast

    if not isinstance(node, ast.FunctionDef) or len(node.args.args) != 1 or \
            len(node.body) != 1 or not isinstance(node.body[0], ast.Return):
        return None
    call = node.body[0].value
    if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and \
            call.func.attr == "translate" and len(call.args) == 2 and \
            isinstance(call.args[0], ast.Constant) and isinstance(call.args[1], ast.Name) and \
            call.args[1].id == node.args.args[0].arg:
        return str(call.args[0].value)
    return None


def _translations(path: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, source) -> the <message> element of a .ts file."""
    out = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            out[(name, message.findtext("source") or "")] = message
    return out


def _add_helper_messages(path: Path, kept: dict[tuple[str, str], ET.Element]) -> None:
    """Add the helpers' strings to a .ts (with the translations it had), and drop the
    empty-context copies pyside6-lupdate made of them."""
    found, bare = helper_messages()
    tree = ET.parse(path)
    root = tree.getroot()
    contexts = {c.findtext("name") or "": c for c in root.iter("context")}
    empty = contexts.get("")
    if empty is not None:
        for message in list(empty.iter("message")):
            if (message.findtext("source") or "") in bare:
                empty.remove(message)
        if not list(empty.iter("message")):
            root.remove(empty)
    present = set(_message_keys(root))
    for context, source in sorted(found - present):
        element = contexts.get(context)
        if element is None:
            element = contexts[context] = ET.SubElement(root, "context")
            ET.SubElement(element, "name").text = context
        previous = kept.get((context, source)) or kept.get(("", source))
        if previous is not None:
            element.append(previous)
        else:
            message = ET.SubElement(element, "message")
            ET.SubElement(message, "source").text = source
            ET.SubElement(message, "translation", type="unfinished")
    _write_ts(tree, path)


def _message_keys(root: ET.Element) -> list[tuple[str, str]]:
    return [(c.findtext("name") or "", m.findtext("source") or "")
            for c in root.iter("context") for m in c.iter("message")]


def fill_english_plurals(path: Path) -> None:
    """English plural forms of new '(s)' messages ('%n file(s)' -> '%n file', '%n files');
    others ('%n results') are left for a person to write the singular."""
    tree = ET.parse(path)
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if message.get("numerus") != "yes" or translation is None or \
                translation.get("type") != "unfinished" or "(s)" not in source:
            continue
        forms = [source.replace("(s)", ""), source.replace("(s)", "s")]
        for child in list(translation):
            translation.remove(child)
        translation.attrib.pop("type", None)
        translation.text = None
        for form in forms:
            ET.SubElement(translation, "numerusform").text = form
    _write_ts(tree, path)


def _write_ts(tree: ET.ElementTree, path: Path) -> None:
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                    encoding="utf-8")


def build(out: Path | None = None) -> list[Path]:
    """Compile every .ts into a .qm beside it (or in `out`)."""
    built = []
    for ts in sorted(CATALOGUES.glob(f"{DOMAIN}_*.ts")):
        qm = (out or CATALOGUES) / (ts.stem + ".qm")
        subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
                       check=True)
        built.append(qm)
    return built


def po_problems(lang: str) -> list[str]:
    """Untranslated and fuzzy entries of a language's .po."""
    problems = []
    for message in _read_po(po_path(lang), lang):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        elif not all(strings):
            problems.append(f"untranslated: {message.id!r}")
    return problems


def ts_problems(lang: str) -> list[str]:
    """Unfinished (untranslated) and vanished entries of a language's .ts."""
    problems = []
    for context in ET.parse(ts_path(lang)).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "missing"
            if kind in ("unfinished", "missing", "vanished", "obsolete"):
                problems.append(f"{kind}: {name}: {message.findtext('source')!r}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("extract", help="update every .po and .ts from the sources")
    init = sub.add_parser("init", help="start the catalogues of a new language")
    init.add_argument("lang", help="a language code, e.g. de")
    sub.add_parser("build", help="compile the .ts catalogues into .qm")
    sub.add_parser("check", help="list untranslated or fuzzy entries (exit 1 if any)")
    args = parser.parse_args(argv)
    if args.command in ("extract", "init"):
        template = extracted()
        targets = [*languages(), *([args.lang] if args.command == "init" else [])]
        for lang in dict.fromkeys(targets):
            say(f"{update_po(lang, template).relative_to(ROOT)}: {len(template)} messages")
            say(f"{update_ts(lang).relative_to(ROOT)}")
        say(f"{update_ts(SOURCE_LANGUAGE).relative_to(ROOT)} (plural forms)")
        return 0
    if args.command == "build":
        for qm in build():
            say(str(qm.relative_to(ROOT)))
        return 0
    failed = False
    for lang in [SOURCE_LANGUAGE, *languages()]:
        problems = ([] if lang == SOURCE_LANGUAGE else po_problems(lang)) + ts_problems(lang)
        failed |= bool(problems)
        say(f"{lang}: {len(problems)} untranslated or fuzzy")
        for problem in problems:
            say(f"  {problem}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
