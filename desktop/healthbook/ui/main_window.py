"""Healthbook's main window: the unlock screen, then the person's views behind a sidebar."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from healthbook import actions, i18n
from healthbook.paths import default_vault_path
from healthbook.preferences import Preferences
from healthbook.ui.assistant_runner import AssistantRunner
from healthbook.ui.icons import section_icon
from healthbook.ui.idle import IdleWatcher
from healthbook.ui.kiosk import (
    KioskGuard,
    KioskWelcome,
    ask_new_pin,
    check_staff_pin,
    choose_visitor_file,
    clear_clipboard,
)
from healthbook.ui.session import PersonData, Session
from healthbook.ui.translations import apply_language
from healthbook.ui.views.assistant import AssistantView
from healthbook.ui.views.importer import ImportView
from healthbook.ui.views.labs import LabsView
from healthbook.ui.views.overview import OverviewView
from healthbook.ui.views.records import RecordsView
from healthbook.ui.views.settings import SettingsView
from healthbook.ui.views.sharing import ShareDialog
from healthbook.ui.views.timeline import TimelineView
from healthbook.ui.views.unlock import UnlockView
from healthbook.ui.views.wellness import WellnessView
from healthbook.vault import Person

KIOSK_IDLE_MINUTES = 3
NAV_WIDTH = 180
V = TypeVar("V", bound=QWidget)
PAGES = ("Overview", "Timeline", "Labs", "Wellness", "Assistant", "Health record", "Import",
         "Settings")


class MainWindow(QMainWindow):
    """The unlock screen, then header + sidebar + views for the selected person.

    A change of language (Settings › Language, the kiosk's language button) rebuilds the
    views in the new language, keeping the open vault, the person and the page.
    """

    def __init__(self, vault_path: Path | None = None, kiosk: bool = False,
                 demo: bool = False, prefs: Preferences | None = None) -> None:
        super().__init__()
        self.setWindowTitle("Healthbook")
        self.resize(1180, 760)
        self._retranslating = False
        self.setAcceptDrops(True)
        self.prefs = prefs or Preferences.load()
        path = vault_path or (Path(self.prefs.last_vault) if self.prefs.last_vault
                              else default_vault_path())
        self.kiosk = kiosk
        self._admin_exit = False
        self.session = Session(self)
        self.assistant = AssistantRunner(self.prefs, self)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.unlock_view = UnlockView(path, demo_offered=demo or not path.exists())
        self.unlock_view.unlock_requested.connect(self._unlock)
        self.unlock_view.demo_requested.connect(self._demo)
        self.kiosk_welcome = KioskWelcome()
        self.kiosk_welcome.open_requested.connect(self._open_visitor_file)
        self.kiosk_welcome.demo_requested.connect(self._demo)
        self.kiosk_welcome.admin_requested.connect(self.leave_kiosk)
        self.kiosk_welcome.language_requested.connect(self._visitor_language)
        self.stack.addWidget(self.kiosk_welcome if kiosk else self.unlock_view)
        # The start screen not shown still belongs to the window (deleted with it, never left
        # for Python's shutdown to delete while its signals are connected).
        spare = self.unlock_view if kiosk else self.kiosk_welcome
        spare.setParent(self)
        spare.hide()
        self.stack.addWidget(self._build_app())
        minutes = min(self.prefs.auto_lock_minutes, KIOSK_IDLE_MINUTES) if kiosk \
            else self.prefs.auto_lock_minutes
        self.idle = IdleWatcher(minutes, self)
        if kiosk:
            self._enter_kiosk()
        self.idle.idle.connect(self.lock)
        self._connect_session()
        self.lock_action = QAction(self, shortcut=QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        self.addAction(self.lock_action)
        self._retranslate()

    def _connect_session(self) -> None:
        """The window's own listeners to the session (views add theirs)."""
        self.session.unlocked.connect(self._on_unlocked)
        self.session.locked.connect(self._on_locked)
        self.session.people_changed.connect(self._on_people)
        self.session.data_ready.connect(self._on_data)
        self.session.failed.connect(self._show_error)
        self.session.busy.connect(self._on_busy)

    # -- construction ----------------------------------------------------------------------
    def _build_app(self) -> QWidget:
        page = QWidget()
        header = QHBoxLayout()
        self.person_box = QComboBox()
        self.person_box.setMinimumWidth(260)
        self.person_box.activated.connect(self._person_chosen)
        people = self.people_button = QToolButton()
        people.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # Fusion draws the menu arrow over the text's right end: keep the text clear of it.
        people.setStyleSheet("QToolButton { padding-right: 14px; }")
        # Signals connected after construction: PySide6's stubs know no `triggered=` keyword.
        self.add_action = QAction(self)
        self.add_action.triggered.connect(self._add_person)
        self.rename_action = QAction(self)
        self.rename_action.triggered.connect(self._rename_person)
        self.remove_action = QAction(self)
        self.remove_action.triggered.connect(self._remove_person)
        self.share_action = QAction(self)
        self.share_action.triggered.connect(self._share)
        for action in (self.add_action, self.rename_action, self.remove_action,
                       self.share_action):
            people.addAction(action)
        self.busy_label = QLabel()
        self.demo_label = QLabel()
        self.demo_label.setObjectName("demo")
        self.demo_label.hide()
        lock = QPushButton()
        lock.clicked.connect(self.lock)
        self.lock_button = lock
        self.person_label = QLabel()
        header.addWidget(self.person_label)
        header.addWidget(self.person_box)
        header.addWidget(people)
        header.addSpacing(12)
        header.addWidget(self.demo_label)
        header.addStretch(1)
        header.addWidget(self.busy_label)
        header.addWidget(lock)
        self.banner = QLabel()
        self.banner.setObjectName("critical")
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.addItems(PAGES)
        for row, name in enumerate(PAGES):  # issue 22: icons for the sections
            self.nav.item(row).setIcon(section_icon(name))
        self.nav.setFixedWidth(NAV_WIDTH)
        self.pages = QStackedWidget()
        self.views = self._build_views()
        for name in PAGES:
            self.pages.addWidget(self.views[name])
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.body = QWidget()
        body = QHBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.nav)
        body.addWidget(self.pages, 1)
        layout = QVBoxLayout(page)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addWidget(self._build_first_person())
        layout.addWidget(self.body, 1)
        return page

    def _build_views(self) -> dict[str, QWidget]:
        """The pages, in the current language, listening to the session."""
        overview, timeline = OverviewView(self.session), TimelineView(self.session)
        labs, wellness = LabsView(self.session), WellnessView(self.session)
        assistant = AssistantView(self.session, self.assistant)
        records, importer = RecordsView(self.session), ImportView(self.session)
        settings = SettingsView(self.session, self.prefs, self.assistant)
        views: dict[str, QWidget] = {
            "Overview": overview, "Timeline": timeline, "Labs": labs, "Wellness": wellness,
            "Assistant": assistant, "Health record": records, "Import": importer,
            "Settings": settings,
        }
        assistant.show_record.connect(self._reveal_record)
        labs.explain_requested.connect(self._explain)
        self._wire_overview(overview)
        settings.preferences_changed.connect(
            lambda p: self.idle.set_minutes(p.auto_lock_minutes))
        settings.language_changed.connect(self.set_language)
        if self.kiosk:
            assistant.allow_save = False
            overview.kiosk = True
        return views

    def _view(self, name: str, kind: type[V]) -> V:
        """The current page `name`, which `_build_views` made a `kind`."""
        view = self.views[name]
        assert isinstance(view, kind)
        return view

    def _wire_overview(self, overview: OverviewView) -> None:
        """Overview tiles open their detail; the first-run guide's buttons lead on."""
        def open_lab(key: str) -> None:
            self.show_page("Labs")
            self._view("Labs", LabsView).reveal(key)

        def open_metric(metric: str) -> None:
            self.show_page("Wellness")
            self._view("Wellness", WellnessView).reveal(metric)

        def choose_files() -> None:
            self.show_page("Import")
            self._view("Import", ImportView).choose.click()

        def demo() -> None:
            self.lock()
            self._demo()

        overview.open_lab.connect(open_lab)
        overview.open_metric.connect(open_metric)
        overview.open_labs.connect(lambda: self.show_page("Labs"))
        overview.import_requested.connect(choose_files)
        overview.add_person_requested.connect(self._add_person)
        overview.demo_requested.connect(demo)

    def page_titles(self) -> dict[str, str]:
        """Each page's name in the side bar, in the current language."""
        return {"Overview": self.tr("Overview"), "Timeline": self.tr("Timeline"),
                "Labs": self.tr("Labs"), "Wellness": self.tr("Wellness"),
                "Assistant": self.tr("Assistant"), "Health record": self.tr("Health record"),
                "Import": self.tr("Import"), "Settings": self.tr("Settings")}

    def _retranslate(self) -> None:
        """Every text the window itself shows, in the current language."""
        self.lock_action.setText(self.tr("Lock"))
        self.person_box.setAccessibleName(self.tr("Person"))
        self.people_button.setText(self.tr("People"))
        self.people_button.setAccessibleName(self.tr("Add, rename or remove people"))
        self.add_action.setText(self.tr("Add a person…"))
        self.rename_action.setText(self.tr("Rename…"))
        self.remove_action.setText(self.tr("Remove…"))
        self.share_action.setText(self.tr("Share records…"))
        self.busy_label.setAccessibleName(self.tr("Status"))
        self.person_label.setText(self.tr("<b>Person:</b>"))
        self.banner.setAccessibleName(self.tr("Critical result warning"))
        self.nav.setAccessibleName(self.tr("Sections"))
        for row, title in enumerate(self.page_titles().values()):
            self.nav.item(row).setText(title)
        # Wide enough for the longest section name in this language, never narrower.
        self.nav.setFixedWidth(max(NAV_WIDTH, self.nav.sizeHintForColumn(0) +
                                   2 * self.nav.frameWidth() + 8))
        self._update_demo_label()
        if self.kiosk:
            self.lock_button.setText(self.tr("End session"))
            self.lock_button.setToolTip(
                self.tr("Wipe everything shown and return to the start screen"))
        else:
            self.lock_button.setText(self.tr("Lock"))
            self.lock_button.setToolTip(self.tr("Lock the vault (Ctrl+L)"))
        self.first_title.setText(self.tr(
            "<h2>Whose records will this vault hold?</h2>"
            "<p>Start with one person. A caregiver can add more later (a parent, a child…) "
            "from the People menu.</p>"))
        self.first_name.setPlaceholderText(self.tr("Name"))
        self.first_name.setAccessibleName(self.tr("Name of the first person"))
        self.first_add.setText(self.tr("Add person"))

    def _update_demo_label(self) -> None:
        self.demo_label.setText(
            self.tr("Read-only: this vault is on media that cannot be written; nothing can be "
                    "changed") if self.session.read_only else
            self.tr("Demo: synthetic sample data, kept only in memory"))

    # -- language --------------------------------------------------------------------------
    def set_language(self, code: str) -> None:
        """Switch the app to `code` ('' = the system's language) at once."""
        apply_language(code)
        self._retranslate_soon()

    def _visitor_language(self, code: str) -> None:
        """Kiosk: a visitor's language, for this visit only (not saved)."""
        self.set_language(code)

    def changeEvent(self, event: QEvent) -> None:
        """A new translator was installed: show everything in the new language."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate_soon()
        super().changeEvent(event)

    def _retranslate_soon(self) -> None:
        """Once, after the translators settle (installing each one sends an event)."""
        if not self._retranslating:
            self._retranslating = True
            QTimer.singleShot(0, self, self._retranslate_now)  # dropped if the window goes

    def _retranslate_now(self) -> None:
        self._retranslating = False
        self._retranslate()
        self.unlock_view.retranslate()
        self.kiosk_welcome.retranslate()
        self._rebuild_views()

    def _rebuild_views(self) -> None:
        """Make the pages again in the current language; the same vault, person and page.

        The old views stop listening (every listener to the session is dropped, then the
        window's own are connected again) and are deleted; the new ones are filled from a
        fresh snapshot, computed in the new language, so nothing shown is carried over.
        """
        row = max(self.nav.currentRow(), 0)
        old = self.views
        self.assistant.cancel()
        for signal in (self.session.unlocked, self.session.locked, self.session.people_changed,
                       self.session.data_ready, self.session.failed, self.session.busy):
            signal.disconnect()
        self.views = self._build_views()
        for index, name in enumerate(PAGES):
            self.pages.insertWidget(index, self.views[name])
        for widget in old.values():
            self.pages.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self.pages.setCurrentIndex(row)
        if self.session.is_open:
            self.session.unlocked.emit()  # the new views only: the window is not listening
        self._connect_session()
        if self.session.person is not None:
            self.session.refresh()

    def _build_first_person(self) -> QWidget:
        """Shown instead of the views while the vault holds nobody yet."""
        self.first_person = QFrame()
        self.first_person.setObjectName("card")
        layout = QVBoxLayout(self.first_person)
        self.first_title = QLabel()
        layout.addWidget(self.first_title)
        row = QHBoxLayout()
        self.first_name = QLineEdit()
        add = self.first_add = QPushButton()
        add.setDefault(True)
        add.clicked.connect(lambda: self._create_person(self.first_name.text()))
        self.first_name.returnPressed.connect(add.click)
        row.addWidget(self.first_name, 1)
        row.addWidget(add)
        layout.addLayout(row)
        self.first_person.hide()
        return self.first_person

    def _enter_kiosk(self) -> None:
        """Full screen without window controls; only the visitor's views are offered."""
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.setAcceptDrops(False)
        self.people_button.hide()
        self._view("Assistant", AssistantView).allow_save = False
        for name in ("Import", "Settings"):
            self.nav.item(PAGES.index(name)).setHidden(True)
        self.guard = KioskGuard(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.guard)
        if not self.prefs.kiosk_pin_hash:
            pin = ask_new_pin(self)
            if pin:
                self.prefs.set_kiosk_pin(pin)
                self.prefs.save()

    def _open_visitor_file(self) -> None:
        path, message = choose_visitor_file(self, self.prefs)
        self.kiosk_welcome.error.setText(message)
        if path is not None:
            self.open_visitor(path)

    def open_visitor(self, path: Path) -> None:
        """Open a visitor's export in an in-memory vault that is never written to disk."""
        self.kiosk_welcome.error.clear()
        self.kiosk_welcome.setEnabled(False)

        def failed(message: str) -> None:
            self.kiosk_welcome.setEnabled(True)
            self.kiosk_welcome.error.setText(message)

        self.session.open_guest(path, failed=failed)

    def leave_kiosk(self) -> None:
        """Quit kiosk mode after the staff PIN; a wrong PIN changes nothing."""
        right, message = check_staff_pin(self, self.prefs)
        if not right:
            self.kiosk_welcome.error.setText(message)
            return
        self._admin_exit = True
        self.close()

    def _reveal_record(self, record_id: int) -> None:
        self.show_page("Timeline")
        self._view("Timeline", TimelineView).reveal(record_id)

    def _explain(self, record_id: int) -> None:
        self.show_page("Assistant")
        self._view("Assistant", AssistantView).explain(record_id)

    def show_page(self, name: str) -> None:
        """Switch to one of PAGES."""
        self.nav.setCurrentRow(PAGES.index(name))

    # -- unlock and lock -------------------------------------------------------------------
    def _unlock(self, path: Path, passphrase: str, create: bool) -> None:
        self.session.open(path, passphrase, create=create, failed=self.unlock_view.show_error)

    def _demo(self) -> None:
        self.unlock_view.setEnabled(False)
        self.session.open_demo(failed=self.unlock_view.show_error)

    def _on_unlocked(self) -> None:
        self.unlock_view.clear()
        if self.session.path is not None:
            self.prefs.last_vault = str(self.session.path)
            self.prefs.save()
        self._update_demo_label()
        self.demo_label.setVisible(self.session.is_demo or self.session.read_only)
        self.stack.setCurrentIndex(1)
        self.show_page("Overview")
        self.idle.start()

    def lock(self) -> None:
        """Close the vault, wipe every view and return to the unlock screen."""
        if self.session.is_open:
            self.session.lock()

    def _on_locked(self) -> None:
        self.idle.stop()
        self._close_windows()
        self.assistant.forget()
        if self.kiosk:
            clear_clipboard()
            self.kiosk_welcome.setEnabled(True)
            self.kiosk_welcome.error.clear()
            if i18n.current_language() != i18n.resolve(self.prefs.language):
                self.set_language(self.prefs.language)  # the next visitor starts afresh
        self.person_box.clear()
        self.banner.hide()
        self.banner.clear()
        self.unlock_view.clear()
        self.unlock_view.set_path(self.session.path or self.unlock_view._path)
        self.stack.setCurrentIndex(0)

    def _close_windows(self) -> None:
        """Every dialog, menu and tooltip open over the app closes with the vault: a lab report
        under review or a half-typed record must not outlast the lock."""
        QToolTip.hideText()
        for widget in QApplication.topLevelWidgets():
            if widget is self or not widget.isVisible():
                continue
            if isinstance(widget, QDialog):
                widget.reject()
            elif isinstance(widget, QMenu):
                widget.close()

    # -- people ----------------------------------------------------------------------------
    def _on_people(self, people: list[Person]) -> None:
        self.person_box.clear()
        for p in people:
            self.person_box.addItem(p.name, p.id)
        self.first_person.setVisible(not people)
        self.body.setVisible(bool(people))
        if not people:
            self.banner.hide()
            self.first_name.clear()
            self.first_name.setFocus()

    def _person_chosen(self, index: int) -> None:
        if 0 <= index < len(self.session.people):
            self.session.select(self.session.people[index])

    def _add_person(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Add a person"),
                                        self.tr("Name of the person to add:"))
        if ok:
            self._create_person(name)

    def _create_person(self, name: str) -> None:
        if not name.strip():
            return

        self.session.run(lambda vault, _job: actions.add_person(vault, name).value, owner=self,
                         done=lambda p: self.session.reload_people(select=p.name))

    def _rename_person(self) -> None:
        person = self.session.person
        if person is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Rename"), self.tr("New name:"),
                                        text=person.name)
        if not ok or not name.strip():
            return
        self.session.run(lambda vault, _job: actions.rename_person(vault, person, name).value,
                         owner=self, done=lambda p: self.session.reload_people(select=p.name))

    def _share(self) -> ShareDialog | None:
        person = self.session.person
        if person is None:
            return None
        dialog = ShareDialog(self.session, person, self)
        dialog.open()
        return dialog

    def _remove_person(self) -> None:
        person = self.session.person
        if person is None:
            return
        answer = QMessageBox.warning(
            self, self.tr("Remove a person?"),
            self.tr("Remove {name} and ALL of their records from this vault? This cannot be "
                    "undone (a backup made earlier still has them).").format(name=person.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return

        self.session.person = None
        self.session.run(lambda vault, _job: actions.remove_person(vault, person), owner=self,
                         done=lambda _r: self.session.reload_people())

    # -- data ------------------------------------------------------------------------------
    def _on_data(self, data: PersonData | None) -> None:
        criticals = data.facts.criticals if data else []
        if data is not None:
            index = self.person_box.findData(data.person.id)
            if index >= 0:
                self.person_box.setCurrentIndex(index)
        self.banner.setText("<br>".join(f"⚠ {html.escape(c.message)}" for c in criticals))
        self.banner.setVisible(bool(criticals))

    def _on_busy(self, message: str) -> None:
        self.busy_label.setText(message)

    def _show_error(self, message: str) -> None:
        QMessageBox.warning(self, "Healthbook", message)

    # -- drag and drop ---------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.session.is_open and not self.kiosk and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.show_page("Import")
            self._view("Import", ImportView).import_paths(paths)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Lock the vault when the window closes (in kiosk mode, only after the PIN)."""
        if self.kiosk and not self._admin_exit:
            event.ignore()
            return
        self.lock()
        self.session.lane.wait()
        self.assistant.shutdown()
        super().closeEvent(event)
