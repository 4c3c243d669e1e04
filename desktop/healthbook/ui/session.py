"""The open vault and the selected person, shared by every view.

All vault access runs on the session's lane. Views ask the session to do things and listen to
its signals; writes broadcast once (`changed`) and each view decides what to refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from healthbook.actions import Changes, Result
from healthbook.clinical.snapshot import PersonData, load_person
from healthbook.errors import InvalidInput
from healthbook.progress import Progress
from healthbook.ui.tasks import Job, Lane
from healthbook.vault import Person, Vault


def warm_up() -> None:
    """Load the unit registry and the reference tables (no health data involved)."""
    from healthbook.clinical.reference import analytes
    from healthbook.clinical.units import convert

    convert(1.0, "mmol/L", "mg/dL", analytes()["glucose"])


class Session(QObject):
    """Signals:
    unlocked(): a vault was opened (or the demo built).
    locked(): the vault was closed; views must forget what they show.
    people_changed(list): the people in the vault.
    data_ready(object): a PersonData snapshot for the selected person.
    changed(object): the Changes of an action that just ran (each view decides whether what
        it shows was touched).
    failed(str): one sentence about what went wrong.
    busy(str): a message while work runs ('' when idle).
    """

    unlocked = Signal()
    locked = Signal()
    people_changed = Signal(list)
    data_ready = Signal(object)
    changed = Signal(object)
    failed = Signal(str)
    busy = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lane = Lane(self)
        self._vault: Vault | None = None  # touched only on the lane
        self.path: Path | None = None
        self.is_demo = False
        self.read_only = False
        self.people: list[Person] = []
        self.person: Person | None = None
        self.data: PersonData | None = None
        # While the user types the passphrase, load what computing facts needs (pint's unit
        # registry takes half a second), so unlocking is not slowed by it.
        self.lane.run(lambda _job: warm_up())

    def _idle_then(self, callback: Callable[[Any], None]) -> Callable[[Any], None]:
        """`callback`, after clearing the busy message."""
        def call(value: Any) -> None:
            self.busy.emit("")
            callback(value)

        return call

    # -- lifecycle -------------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        """True while a vault is unlocked."""
        return self._vault is not None

    def open(self, path: Path, passphrase: str, *, create: bool,
             failed: Callable[[str], None]) -> None:
        """Unlock (or create) a vault off the UI thread."""
        def work(_job: Job) -> Vault:
            return Vault.create(path, passphrase) if create else Vault.open(path, passphrase)

        self.busy.emit(self.tr("Creating the vault…") if create else self.tr("Unlocking…"))
        self.lane.run(work, owner=self, done=lambda v: self._opened(v, path, False),
                      failed=self._idle_then(failed))

    def open_demo(self, failed: Callable[[str], None]) -> None:
        """Build the in-memory demo vault."""
        from healthbook.demo import demo_vault

        self.busy.emit(self.tr("Preparing the demo…"))
        self.lane.run(lambda job: demo_vault(job.report)[0], owner=self,
                      done=lambda v: self._opened(v, None, True),
                      failed=self._idle_then(failed))

    def open_guest(self, export: Path, failed: Callable[[str], None]) -> None:
        """Kiosk: import a visitor's file into a new in-memory vault (nothing on disk)."""
        from healthbook.ingest import import_file

        def work(job: Job) -> Vault:
            vault = Vault.in_memory()
            try:
                visitor = vault.people.add("Visitor")
                import_file(vault, visitor, export, progress=job.report, cancel=job.cancel)
            except BaseException:
                vault.close()
                raise
            return vault

        self.busy.emit(self.tr("Opening the export…"))
        self.lane.run(work, owner=self, done=lambda v: self._opened(v, None, False),
                      failed=self._idle_then(failed))

    def _opened(self, vault: Vault, path: Path | None, demo: bool) -> None:
        self._vault, self.path, self.is_demo = vault, path, demo
        self.read_only = vault.read_only
        self.busy.emit("")
        self.unlocked.emit()
        self.reload_people()

    def lock(self) -> None:
        """Close the vault and forget every snapshot (auto-lock, window close)."""
        vault, self._vault = self._vault, None
        self.people, self.person, self.data = [], None, None
        if vault is not None:
            self.lane.run(lambda _job: vault.close())
            self.lane.wait()
        self.locked.emit()

    # -- queries ---------------------------------------------------------------------------
    def run(self, fn: Callable[[Vault, Job], Any], *, owner: QObject | None = None,
            done: Callable[[Any], None] | None = None,
            failed: Callable[[str], None] | None = None,
            progress: Callable[[Progress], None] | None = None,
            cancelled: Callable[[], None] | None = None) -> Any:
        """Run `fn(vault, job)` on the lane (errors go to `failed`, else the session's)."""
        def work(job: Job) -> Any:
            if self._vault is None:
                raise InvalidInput("The vault is locked.")
            return fn(self._vault, job)

        return self.lane.run(work, owner=owner or self, done=done,
                             failed=failed or self.failed.emit, progress=progress,
                             cancelled=cancelled)

    def apply(self, action: Callable[[Vault, Job], Result[Any]], *,
              owner: QObject | None = None, done: Callable[[Any], None] | None = None,
              failed: Callable[[str], None] | None = None,
              progress: Callable[[Progress], None] | None = None,
              cancelled: Callable[[], None] | None = None) -> Any:
        """Run an action (healthbook.actions) on the lane; then announce what it changed
        once (`changed`), reload what the views show if it touched it, and call `done` with
        the action's Result."""
        def finished(result: Result[Any]) -> None:
            self.changed.emit(result.changes)
            self._reload_after(result.changes)
            if done is not None:
                done(result)

        return self.run(action, owner=owner, done=finished, failed=failed, progress=progress,
                        cancelled=cancelled)

    def _reload_after(self, changes: Changes) -> None:
        if changes.people:
            self.reload_people()
        elif self.person is not None and (self.person.id in changes.person_ids
                                          or not changes.person_ids) and changes.any:
            self.refresh()

    def reload_people(self, select: str | None = None) -> None:
        """Refresh the people list, then select `select` (or keep the current person)."""
        keep = select or (self.person.name if self.person else None)

        def done(people: list[Person]) -> None:
            self.people = people
            self.people_changed.emit(people)
            chosen = next((p for p in people if p.name == keep), people[0] if people else None)
            self.select(chosen)

        self.run(lambda vault, _job: vault.people.list(), done=done)

    def select(self, person: Person | None) -> None:
        """Make `person` current and compute their snapshot."""
        self.person = person
        if person is None:
            self.data = None
            self.data_ready.emit(None)
            return
        self.refresh()

    def refresh(self) -> None:
        """Recompute the current person's snapshot (after an import or deletion)."""
        person = self.person
        if person is None:
            return

        def work(vault: Vault, _job: Job) -> PersonData:
            return load_person(vault, person)

        def done(data: PersonData) -> None:
            if self.person is not None and data.person.id == self.person.id:
                self.data = data
                self.data_ready.emit(data)

        self.busy.emit(self.tr("Loading…"))
        self.run(work, done=self._idle_then(done), failed=self._idle_then(self.failed.emit))
