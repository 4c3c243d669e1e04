"""Healthbook in French: every screen (screenshots in build/screenshots/fr/ to look at), a
switch of language that keeps the vault, the person and the page, the kiosk's language button,
the visit sheet's pages, French units, and the command line."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import shiboken6

from healthbook.preferences import Preferences
from tests.conftest import DATA, PASSPHRASE
from tests.helpers import run_cli
from tests.i18n.conftest import SCREENSHOTS, open_demo, review_screen, settle, shoot
from tests.ui.conftest import WAIT

CARLA = DATA / "synthea" / "Carla_Echevarría_9a628ccd-2a55-4331-8e68-bb58458fd674.json"
FRENCH_DATE = re.compile(r"\b\d{2}/\d{2}/\d{4}\b")


@pytest.mark.slow
def test_every_screen_in_french(qtbot, switch, tmp_path: Path) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QDialogButtonBox

    from healthbook.ui.kiosk import KioskWelcome
    from healthbook.ui.main_window import PAGES
    from healthbook.ui.views.settings import PassphraseDialog
    from healthbook.ui.views.sharing import VisitSheetDialog

    win = open_demo(qtbot, "fr")
    assert [win.nav.item(i).text() for i in range(3)] == ["Vue d’ensemble", "Chronologie",
                                                          "Analyses"]
    assert win.lock_button.text() == "Verrouiller"
    for index, page in enumerate(PAGES, 1):
        win.show_page(page)
        settle(qtbot, win)
        shoot(win, "fr", f"{index:02d}-{page.lower().replace(' ', '-')}")
        if page == "Health record":
            tabs = win.views[page].tabs
            for tab in range(1, tabs.count()):
                tabs.setCurrentIndex(tab)
                qtbot.wait(20)
                shoot(win, "fr", f"{index:02d}-{page.lower().replace(' ', '-')}-{tab}")
    timeline = win.views["Timeline"]
    assert FRENCH_DATE.fullmatch(timeline.proxy.index(0, 0).data())
    assert timeline.proxy.index(0, 1).data() in {"Consultation", "Résultat", "Vaccination",
                                                 "Diagnostic", "Médicament", "Intervention",
                                                 "Compte rendu", "Allergie", "Document"}
    statements = [a.statement for a in win.session.data.facts.analytes]
    assert any(re.search(r" : .*\d,\d", s) for s in statements), statements[:3]
    share = win._share()
    qtbot.waitExposed(share)
    shoot(share, "fr", "20-share")
    close = share.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    assert close.text() == "Fermer"  # Qt's own catalogue (qtbase_fr.qm)
    share.reject()
    sheet = VisitSheetDialog(win.session, win.session.person,
                             ["Ce résultat est-il inquiétant ?"], "2020-01-01", parent=win)
    sheet.show()
    qtbot.waitExposed(sheet)
    assert sheet.since.displayFormat() == "dd/MM/yyyy"
    shoot(sheet, "fr", "21-visit-sheet")
    sheet.reject()
    passphrase = PassphraseDialog(win)
    passphrase.show()
    shoot(passphrase, "fr", "22-passphrase")
    passphrase.reject()
    review = review_screen(win, "fr_lab", 2)
    qtbot.waitExposed(review)
    qtbot.wait(100)  # the page is fitted to its pane once laid out
    assert review.date.displayFormat() == "dd/MM/yyyy"
    shoot(review, "fr", "24-report-review")
    review.reject()
    win.lock()
    qtbot.waitUntil(lambda: win.stack.currentIndex() == 0, timeout=WAIT)
    shoot(win, "fr", "00-create-vault")
    existing = tmp_path / "famille.vault"
    existing.write_bytes(b"")
    win.unlock_view.set_path(existing)
    assert win.unlock_view.submit.text() == "Déverrouiller"
    shoot(win, "fr", "00-unlock")
    welcome = KioskWelcome()
    qtbot.addWidget(welcome)
    welcome.resize(1180, 760)
    welcome.show()
    shoot(welcome, "fr", "23-kiosk")
    assert len(list((SCREENSHOTS / "fr").glob("*.png"))) >= 16


def test_settings_switch_the_language_at_once_keeping_vault_person_and_page(
        qtbot, switch) -> None:  # noqa: ANN001
    from healthbook import i18n

    win = open_demo(qtbot, "en")
    person, vault = win.session.person, win.session._vault
    win.show_page("Labs")
    settle(qtbot, win)
    old_views = list(win.views.values())
    settings = win.views["Settings"]
    settings.language.setCurrentIndex(settings.language.findData("fr"))
    qtbot.waitUntil(lambda: win.nav.item(0).text() == "Vue d’ensemble", timeout=WAIT)
    settle(qtbot, win)
    assert i18n.current_language() == "fr"
    assert Preferences.load().language == "fr"
    assert win.prefs.language == "fr"
    assert win.session._vault is vault
    assert win.session.person.id == person.id
    assert win.nav.currentRow() == 2
    assert win.pages.currentWidget() is win.views["Labs"]
    assert win.views["Labs"].model.rowCount() > 0  # filled again, in French
    assert win.views["Settings"].language.currentData() == "fr"
    qtbot.waitUntil(lambda: not any(shiboken6.isValid(v) for v in old_views), timeout=WAIT)
    assert win.pages.count() == len(win.views)
    win.lock()  # the old views are gone: nothing of theirs answers the session any more
    qtbot.waitUntil(lambda: win.stack.currentIndex() == 0, timeout=WAIT)
    assert win.unlock_view.submit.text() in ("Déverrouiller", "Créer le coffre")
    settings = win.views["Settings"]
    settings.language.setCurrentIndex(settings.language.findData(""))  # the system's: English
    qtbot.waitUntil(lambda: win.nav.item(0).text() == "Overview", timeout=WAIT)
    assert win.unlock_view.submit.text() in ("Unlock", "Create vault")


def test_the_kiosk_offers_the_visitor_a_language_for_this_visit_only(qtbot, switch) -> None:  # noqa: ANN001
    from healthbook.ui.main_window import MainWindow

    prefs = Preferences()
    prefs.set_kiosk_pin("482915")
    switch("en")
    win = MainWindow(kiosk=True, prefs=prefs)
    qtbot.addWidget(win)
    win.resize(1180, 760)
    win.show()
    welcome = win.kiosk_welcome
    french = welcome.languages["fr"]
    assert french.text() == "Français"
    assert french.isVisible()
    assert not welcome.languages["en"].isVisible()
    qtbot.mouseClick(french, _left())
    qtbot.waitUntil(lambda: welcome.open.text() == "Ouvrir mon export de santé…",
                    timeout=WAIT)
    assert welcome.languages["en"].isVisible()
    assert welcome.languages["en"].text() == "English"
    shoot(win, "fr", "24-kiosk-in-french")
    qtbot.mouseClick(welcome.demo, _left())
    settle(qtbot, win)
    assert win.lock_button.text() == "Terminer la session"
    win.lock()  # "End session": the next visitor starts in the kiosk's own language
    qtbot.waitUntil(lambda: welcome.open.text() == "Open my health export…", timeout=WAIT)
    win._admin_exit = True
    win.close()


def _left():  # noqa: ANN202
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


@pytest.mark.slow
def test_the_french_visit_sheet(switch, tmp_path: Path) -> None:  # noqa: ANN001
    import pypdfium2

    from healthbook.demo import demo_vault
    from healthbook.reports import prep_sheet

    switch("fr")
    vault, person = demo_vault()
    try:
        out = prep_sheet(vault, person, tmp_path / "fiche.pdf",
                         ["Ma tension est-elle trop haute ?", "Faut-il refaire un bilan ?"],
                         "2018-01-01", "2026-12-01")
    finally:
        vault.close()
    pdf = pypdfium2.PdfDocument(str(out))
    pages = len(pdf)
    text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(pages))
    pdf.close()
    assert 1 <= pages <= 2
    for heading in ("Préparation du rendez-vous", "Médicaments pris actuellement",
                    "Allergies", "Problèmes de santé", "Questions à poser", "Sources",
                    f"page 1 sur {pages}", "rendez-vous le 01/12/2026",
                    "changements depuis le 01/01/2018"):
        assert heading in text, heading
    for english in ("Medicines taken now", "Questions to ask", "page 1 of", "None recorded"):
        assert english not in text
    assert re.search(r"\d,\d", text)  # a decimal comma
    assert "Ma tension est-elle trop haute ?" in text
    folder = SCREENSHOTS / "fr"
    folder.mkdir(parents=True, exist_ok=True)
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "70", str(out), str(folder / "visit-sheet")],
                       check=True)
        assert len(list(folder.glob("visit-sheet-*.png"))) == pages


def test_french_results_use_the_units_french_laboratories_print(switch, vault) -> None:  # noqa: ANN001
    from healthbook.clinical import compute_facts
    from healthbook.clinical.units import set_unit_system
    from healthbook.ingest import import_file

    person = vault.people.add("Carla")
    import_file(vault, person, CARLA)

    def units() -> dict[str, str]:
        return {a.key: a.unit for a in compute_facts(vault, person).analytes}

    english = units()
    switch("fr")
    french = units()
    for key in set(english) & {"cholesterol", "ldl", "hdl", "triglycerides"}:
        assert english[key] == "mg/dL"
        assert french[key] == "g/L"
    if "glucose" in english:
        assert french["glucose"] == "mmol/L"
    set_unit_system("us")  # the user's choice in Settings wins over the language's usual units
    us = units()
    assert us.get("cholesterol", "mg/dL") == "mg/dL"
    assert us.get("body_weight", "[lb_av]") == "[lb_av]"
    cholesterol = [a for a in compute_facts(vault, person).analytes if a.key == "cholesterol"]
    set_unit_system("")
    if cholesterol:
        fr = next(a for a in compute_facts(vault, person).analytes if a.key == "cholesterol")
        assert "g/L" in fr.statement
        assert re.search(r"\d,\d", fr.statement)
        assert fr.range is None or fr.range.high is None or fr.range.high < 5  # converted


@pytest.fixture
def cli_vault(tmp_path: Path) -> Path:
    from healthbook.ingest import import_file
    from healthbook.vault import Vault

    path = tmp_path / "cli.vault"
    with Vault.create(path, PASSPHRASE) as vault:
        import_file(vault, vault.people.add("Carla"), CARLA)
    return path


def test_the_command_line_in_french(cli_vault: Path) -> None:
    env = {"HEALTHBOOK_PASSPHRASE": PASSPHRASE}
    by_option = run_cli("--lang", "fr", "facts", str(cli_vault), env=env)
    assert by_option.returncode == 0, by_option.stderr
    assert by_option.stdout.startswith("Faits pour Carla")
    assert FRENCH_DATE.search(by_option.stdout)
    assert " le " in by_option.stdout
    by_environment = run_cli("facts", str(cli_vault), env={**env, "LANG": "fr_FR.UTF-8"})
    assert by_environment.stdout == by_option.stdout
    english = run_cli("facts", str(cli_vault), env=env)
    assert english.stdout.startswith("Facts for Carla")
    assert run_cli("--lang", "en", "facts", str(cli_vault),
                   env={**env, "LANG": "fr_FR.UTF-8"}).stdout == english.stdout
    helped = run_cli("--help", env={"LANG": "fr_FR.UTF-8"})
    assert "votre dossier de santé, chiffré" in helped.stdout
    wrong = run_cli("--lang", "fr", "stats", str(cli_vault),
                    env={"HEALTHBOOK_PASSPHRASE": "not the passphrase"})
    assert wrong.returncode == 2
    assert "Le fichier n’a pas été modifié." in wrong.stderr
    imported = run_cli("--lang", "fr", "import", str(cli_vault), "--person", "Carla",
                       str(CARLA), env=env)
    assert imported.returncode == 0, imported.stderr
    assert "déjà dans le coffre" in imported.stdout
    explained = run_cli("--lang", "fr", "explain-term", "LDL")
    assert explained.returncode == 0
    assert "cholestérol" in explained.stdout.lower()
