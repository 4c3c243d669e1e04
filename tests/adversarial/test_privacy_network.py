"""Privacy across the whole app: no socket is ever created, and nothing readable is left on
disk after a full session (create, import every corpus kind, facts, every screen, ask the
assistant, export, lock)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pytest

from healthbook.clinical import compute_facts
from healthbook.ingest import ImportFailed, import_file
from healthbook.paths import default_vault_path
from healthbook.vault import Vault
from tests.adversarial.conftest import Attacks
from tests.conftest import DATA, PASSPHRASE
from tests.helpers import files_containing

SOCKET_EVENTS: list[tuple[str, tuple]] = []
MARKER = "QZX-PRIVACY-MARKER-41c7"


def _audit(event: str, args: tuple) -> None:
    if event.startswith("socket.") or event in {"urllib.Request", "http.client.connect"}:
        SOCKET_EVENTS.append((event, args))


sys.addaudithook(_audit)  # audit hooks cannot be removed: it watches the whole test run

CORPUS = [
    DATA / "synthea" / "Fletcher_Hyatt_fe0562b5-f517-4951-8366-32fdab088930.json",
    DATA / "fhir-r4" / "documentreference-example.json",
    DATA / "apple-health" / "jshrake-healthkit-to-sqlite" / "export.zip",
    DATA / "ccda" / "sample_ccdas" / "Vitera_CCDA_SMART_Sample.xml",
]


def test_full_session_opens_no_socket_and_leaves_no_plaintext(
        qtbot, private_dirs: dict[str, Path], tmp_path: Path, monkeypatch,  # noqa: ANN001
        attacks: Attacks) -> None:
    SOCKET_EVENTS.clear()
    import socket

    def impossible(*_args: object, **_kwargs: object) -> None:
        raise OSError("networking is impossible in this session")

    monkeypatch.setattr(socket, "socket", impossible)  # and the session must still pass
    monkeypatch.setattr(socket, "create_connection", impossible)
    csv = tmp_path / "labs.csv"
    csv.write_text(f"date,test,value,unit\n2024-05-02,{MARKER},6.1,mmol/L\n")
    path = default_vault_path()
    with Vault.create(path, PASSPHRASE) as vault:
        person = vault.people.add(f"Person {MARKER}")
        for file in [*CORPUS, csv]:
            import_file(vault, person, file, force_person=True)  # many patients, one person
        with pytest.raises(ImportFailed):
            import_file(vault, person, DATA / "edge" / "defusedxml" / "xmlbomb.xml")
        facts = compute_facts(vault, person)
        assert any(a.name == MARKER for a in facts.analytes)
        vault.backup(path.with_name("backup.vault"))

    from healthbook.preferences import Preferences
    from healthbook.ui.main_window import PAGES, MainWindow

    window = MainWindow(vault_path=path, prefs=Preferences())
    qtbot.addWidget(window)
    window.show()
    window.unlock_view.passphrase.setText(PASSPHRASE)
    window.unlock_view.submit.click()
    qtbot.waitUntil(lambda: window.session.data is not None, timeout=30_000)
    for page in PAGES:
        window.show_page(page)
        qtbot.wait(50)
    # Ask the assistant (the real model) about the marked result, then share everything.
    from healthbook.assistant.runtime import Sampling

    monkeypatch.setattr("healthbook.assistant.answers.Sampling",
                        lambda: Sampling(max_tokens=24))
    window.show_page("Assistant")
    assistant = window.views["Assistant"]
    assistant.question.setText(f"What does {MARKER} mean?")
    assistant.ask()
    qtbot.waitUntil(lambda: assistant.answer is not None, timeout=120_000)
    assert any(MARKER in f.text for f in assistant.answer.facts)
    share = window._share()  # the People menu's action
    exported = tmp_path / "shared" / "records.json"
    exported.parent.mkdir()
    share.save(exported)
    qtbot.waitUntil(lambda: share.status.text().startswith("Wrote"), timeout=30_000)
    assert MARKER in exported.read_text()  # the user's own export holds what they chose
    window.lock()
    window.close()

    attacks.tried("a socket opened during a full session", SOCKET_EVENTS == [])
    assert "PySide6.QtNetwork" not in sys.modules  # Qt's own sockets are never even loaded
    assert SOCKET_EVENTS == []
    roots = [private_dirs[k] for k in ("data", "config", "cache", "tmp")]
    roots.append(Path(tempfile.gettempdir()))
    leaks = files_containing(roots, MARKER.encode())
    attacks.tried("plaintext left on disk after a full session", leaks == [])
    assert leaks == []
    for file in (path, path.with_name("backup.vault")):
        owner_only = file.stat().st_mode & 0o077 == 0
        attacks.tried(f"{file.name} readable by others", owner_only)
        assert owner_only


def test_the_socket_watch_sees_a_socket() -> None:
    import socket

    SOCKET_EVENTS.clear()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM):
        pass
    assert [event for event, _ in SOCKET_EVENTS] == ["socket.__new__"]
    SOCKET_EVENTS.clear()
