"""The pseudo-locale run: every screen of the app with accented, 40% longer strings in ⟦…⟧.
A text without the brackets that is not the person's own data did not go through a catalogue;
a label or button whose text is wider than itself is clipped. Both fail the test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from healthbook import i18n
from healthbook.knowledge import for_stored
from healthbook.preferences import Preferences
from tests.i18n.conftest import ROOT, open_demo, review_screen, settle, shoot
from tests.i18n.screens import clipped, untranslated
from tests.ui.conftest import WAIT

REPORT = ROOT / "build" / "i18n" / "pseudo-locale.txt"
KNOWN = Path(__file__).with_name("known_issues.txt")


def person_data(win) -> set[str]:  # noqa: ANN001
    """Everything of the person's own that a screen may show (the records' words, the
    library's texts about them, file names), which no catalogue translates."""
    from healthbook.clinical.display import plain_name
    from healthbook.clinical.timeline import describe

    data = win.session.data
    found = {data.person.name, str(win.session.path or "")}
    for stored in data.records:
        r = stored.record
        found |= {r.display or "", plain_name(r.display), r.code or "", r.value_text or "",
                  r.unit or "", describe(stored), r.status or "", r.category or ""}
        found |= set(str(v) for v in (r.details or {}).values() if isinstance(v, str))
        for kind in (None, "observation", "lab"):
            entry = for_stored(r, kind) if kind else for_stored(r)
            if entry is None:
                continue
            for lang in ("en", "fr"):
                t = entry.text(lang)
                found |= {t.name, t.summary, t.high or "", t.low or "", *t.ask,
                          *t.synonyms}
            found |= {s.title for s in entry.sources} | {s.url for s in entry.sources}
    for source in data.sources:
        found |= {source.file_name, source.format}
    from healthbook.assistant.grounding import short_name

    for a in data.facts.analytes:
        found |= {a.name, a.plain, a.unit, short_name(a.name)}
    for m in data.facts.medications:
        found |= {m.name, m.dosage or "", *m.names}
    # Languages are named in their own language (so that anyone finds theirs).
    found |= {i18n.language_name(code) for code in i18n.available_languages()}
    found.add(str(win.unlock_view._path))
    return {f for f in found if f}


def _check(win, name: str, findings: dict[str, list[str]], data: set[str]) -> None:  # noqa: ANN001
    shoot(win, "pseudo", name)
    findings[name] = [f"untranslated: {t}" for t in untranslated(win, data)] + \
        [f"clipped: {c}" for c in clipped(win)]


def _models_and_paths() -> set[str]:
    from healthbook.assistant.models import find_models

    return {m.name for m in find_models()} | {str(m.path) for m in find_models()}


def _report(findings: dict[str, list[str]]) -> list[str]:
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"{screen}: {item}" for screen, items in findings.items() for item in items]
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines


@pytest.mark.slow
def test_every_screen_in_the_pseudo_locale(qtbot, switch, pseudo_language: str,  # noqa: ANN001
                                           tmp_path: Path) -> None:
    from healthbook.assistant.answers import Assistant, composed_answer
    from healthbook.ui.kiosk import KioskWelcome
    from healthbook.ui.main_window import PAGES
    from healthbook.ui.record_form import FORM_KIND, RecordForm
    from healthbook.ui.views.settings import PassphraseDialog
    from healthbook.ui.views.sharing import VisitSheetDialog

    findings: dict[str, list[str]] = {}
    extra = _models_and_paths()
    win = open_demo(qtbot, pseudo_language)
    data = person_data(win) | extra
    for index, page in enumerate(PAGES):
        win.show_page(page)
        settle(qtbot, win)
        view = win.views[page]
        if page == "Health record":
            for tab in range(view.tabs.count()):
                view.tabs.setCurrentIndex(tab)
                qtbot.wait(20)
                _check(win, f"{index}-{page}-{tab}", findings, data)
            continue
        if page == "Assistant":
            assistant = Assistant(win.session.data.facts, win.session.data.records, None)
            answer = composed_answer(assistant.ask("What medicines do I take?"))
            view._on_answer(answer)
            settle(qtbot, win)
            # The answer is in the language of the question, from the assistant's own phrase
            # tables (resources/assistant/), not from the app's catalogues.
            said = [*answer.text.splitlines(), *(line.text for line in answer.lines),
                    *(f.text for f in answer.facts), answer.disclaimer]
            data |= {variant for line in said for variant in (
                line, line.removeprefix("- "), re.sub(r"\s*\[\d+\]", "", line.removeprefix("- ")))}
        _check(win, f"{index}-{page}", findings, data)
    share = win._share()
    qtbot.waitExposed(share)
    _check(share, "share", findings, data)
    share.reject()
    sheet = VisitSheetDialog(win.session, win.session.person, ["What does this mean?"],
                             "2020-01-01", parent=win)
    sheet.show()
    qtbot.waitExposed(sheet)
    _check(sheet, "visit-sheet", findings, data | {"What does this mean?"})
    sheet.reject()
    passphrase = PassphraseDialog(win)
    passphrase.show()
    _check(passphrase, "passphrase", findings, data)
    passphrase.reject()
    review = review_screen(win, "us_lab", 1)
    qtbot.waitExposed(review)
    table = {review.table.item(r, c).text() for r in range(review.table.rowCount())
             for c in range(review.table.columnCount()) if review.table.item(r, c)}
    _check(review, "report-review", findings, data | table | set(str(review._found.lab).split()))
    review.reject()
    for kind in FORM_KIND.values():
        form = RecordForm(win.session, kind, None, win)
        form.show()
        qtbot.waitExposed(form)
        _check(form, f"record-form-{kind}", findings, data)
        form.reject()
    win.lock()
    qtbot.waitUntil(lambda: win.stack.currentIndex() == 0, timeout=WAIT)
    _check(win, "unlock-create", findings, data)
    existing = tmp_path / "household.vault"
    existing.write_bytes(b"")
    win.unlock_view.set_path(existing)
    _check(win, "unlock", findings, data | {str(existing)})
    welcome = KioskWelcome()
    qtbot.addWidget(welcome)
    welcome.resize(1180, 760)
    welcome.show()
    _check(welcome, "kiosk", findings,
           {i18n.language_name(code) for code in i18n.available_languages()})
    lines = _report(findings)
    known = known_issues()
    new = [line for line in lines if not any(line.startswith(k) for k in known)]
    gone = [k for k in known if not any(line.startswith(k) for line in lines)]
    assert new == [], "\n".join(new)
    assert gone == [], "fixed: remove these from tests/i18n/known_issues.txt\n" + "\n".join(gone)


def known_issues() -> list[str]:
    """Findings handed to the files' owners (each line: the start of a finding)."""
    text = KNOWN.read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def test_the_first_person_card_in_the_pseudo_locale(qtbot, switch,  # noqa: ANN001
                                                   pseudo_language: str, vault_path: Path) -> None:
    from healthbook.ui.main_window import MainWindow
    from tests.conftest import PASSPHRASE

    switch(pseudo_language)
    win = MainWindow(vault_path=vault_path, prefs=Preferences())
    qtbot.addWidget(win)
    win.resize(1180, 760)
    win.show()
    win.unlock_view.passphrase.setText(PASSPHRASE)
    win.unlock_view.submit.click()
    qtbot.waitUntil(win.first_person.isVisible, timeout=WAIT)
    findings = {"first-person": untranslated(win, {str(vault_path)}) + clipped(win)}
    shoot(win, "pseudo", "first-person")
    assert findings["first-person"] == []
